//! PR017 missing-internal-faq.

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::Audience;
use crate::rules::structure::missing_faq;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR017",
    name: "missing-internal-faq",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the document has no FAQ for stakeholders",
    docs: Docs {
        what: "Checks that the document has stakeholder FAQ entries: questions under an \"Internal FAQ\" / \"Stakeholder FAQ\" heading, or under an FAQ with no external/internal split. Reported at the external FAQ's heading when there is one (the internal FAQ follows it), else at the headline.",
        why: "The internal FAQ is where the team answers the hard questions before anyone funds the work: cost, feasibility, timeline, legal risk, competitive response, what it will not do. Without it the document is a pitch, not a basis for a go / no-go decision.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n## External FAQ\n### How much does it cost?\n$20 a month per store.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n## External FAQ\n### How much does it cost?\n$20 a month per store.\n\n## Internal FAQ\n### What does it take to build?\nSix engineers for six months.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_faq(
        cx,
        out,
        Audience::Stakeholders,
        "the document has no internal (stakeholder) FAQ",
        "add an `## Internal FAQ` after the external one: cost, feasibility, timeline, legal, competitors, what we will not do",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_external_faq_heading_or_the_headline() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "External FAQ");
        assert_flags_at(
            &RULE,
            "# Acme Gives Marketers Their Mondays Back\n\nAcme launches.\n",
            1,
            "Acme Gives Marketers Their Mondays Back",
        );
    }

    #[test]
    fn internal_or_combined_faqs_are_enough() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "# Acme\n\nAcme launches.\n\n## FAQ\n### How much does it cost?\n$20.\n", 0);
        assert_count(&RULE, "", 0);
    }
}
