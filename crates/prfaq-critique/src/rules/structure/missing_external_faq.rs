//! PR016 missing-external-faq.

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::Audience;
use crate::rules::structure::missing_faq;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR016",
    name: "missing-external-faq",
    family: Family::Structure,
    severity: Severity::Error,
    summary: "the document has no FAQ for customers",
    docs: Docs {
        what: "Checks that the document has customer-facing FAQ entries: questions under an \"External FAQ\" / \"Customer FAQ\" heading, or under an FAQ with no external/internal split. Reported at the internal FAQ's heading when there is one (the external FAQ belongs before it), else at the headline.",
        why: "The external FAQ answers what customers will ask on launch day: what it costs, where to get it, whether it works with what they have. Writing the answers is how the team finds out whether the press release's promise holds.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n## Internal FAQ\n### What does it take to build?\nSix engineers for six months.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n## External FAQ\n### How much does it cost?\n$20 a month per store.\n\n## Internal FAQ\n### What does it take to build?\nSix engineers for six months.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_faq(
        cx,
        out,
        Audience::Customers,
        "the document has no external (customer) FAQ",
        "add an `## External FAQ` with the questions customers ask: price, availability, compatibility, data, support",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_internal_faq_heading_or_the_headline() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "Internal FAQ");
        assert_flags_at(
            &RULE,
            "# Acme Gives Marketers Their Mondays Back\n\nAcme launches.\n",
            1,
            "Acme Gives Marketers Their Mondays Back",
        );
    }

    #[test]
    fn external_or_combined_faqs_are_enough() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "# Acme\n\nAcme launches.\n\n## FAQ\n### How much does it cost?\n$20.\n", 0);
        assert_count(&RULE, "", 0);
    }
}
