//! PR011 missing-customer-quote.

use prfaq_doc::QuoteKind;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::missing_quote;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR011",
    name: "missing-customer-quote",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the press release has no quote from a customer",
    docs: Docs {
        what: "Checks that the press release quotes a customer. A quote is the customer's when its label or speaker's title says so, or the speaker works somewhere other than the company; a second unlabelled quote is taken as the customer's. Reported at the headline.",
        why: "The customer's quote states the outcome in the customer's own words. If the team cannot write a believable one, it has not yet pictured a customer whose life changes; mark it illustrative until a real customer says it.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n\"Marketers told us Monday is lost to spreadsheets,\" said Pat Lee, VP of Analytics at Acme.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n\"Marketers told us Monday is lost to spreadsheets,\" said Pat Lee, VP of Analytics at Acme.\n\n\"I got my Monday mornings back,\" said Sam Ortiz, Growth Lead at Example Co.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_quote(
        cx,
        out,
        QuoteKind::Customer,
        "a customer",
        "add a customer's quote stating the outcome in their words, with a number: \"…,\" said Name, Role at Company.",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_headline_when_only_the_leader_speaks() {
        assert_flags_at(&RULE, RULE.docs.flagged, 1, "Acme Gives Marketers Their Mondays Back");
    }

    #[test]
    fn a_customer_quote_or_no_press_release_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "# Acme\n", 0);
    }
}
