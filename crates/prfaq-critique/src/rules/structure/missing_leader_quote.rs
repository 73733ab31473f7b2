//! PR010 missing-leader-quote.

use prfaq_doc::QuoteKind;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::missing_quote;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR010",
    name: "missing-leader-quote",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the press release has no quote from a company leader",
    docs: Docs {
        what: "Checks that the press release quotes a company leader. A quote is the leader's when its label or speaker's title says so (CEO, VP, head of, founder, …) or the speaker works at the company; otherwise the first quote is taken as the leader's. Reported at the headline.",
        why: "The leader's quote says why the company built this, in plain words. Writing it makes the team state the reason it is worth their time; a press release without one leaves reviewers asking why this, and why now.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n\"I got my Monday mornings back,\" said Sam Ortiz, an Acme customer and growth lead at Example Co.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n\"Marketers told us Monday is lost to spreadsheets,\" said Pat Lee, VP of Analytics at Acme.\n\n\"I got my Monday mornings back,\" said Sam Ortiz, an Acme customer and growth lead at Example Co.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_quote(
        cx,
        out,
        QuoteKind::Leader,
        "a company leader",
        "add a quote from a named leader saying why the company built this: \"…,\" said Name, Title at Company.",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_headline_when_only_a_customer_speaks() {
        assert_flags_at(&RULE, RULE.docs.flagged, 1, "Acme Gives Marketers Their Mondays Back");
    }

    #[test]
    fn a_leader_quote_or_no_press_release_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "# Acme\n", 0);
    }
}
