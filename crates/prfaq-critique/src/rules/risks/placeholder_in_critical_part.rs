//! RSK002 placeholder-in-critical-part.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::risks::is_critical;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "RSK002",
    name: "placeholder-in-critical-part",
    family: Family::Risks,
    severity: Severity::Error,
    summary: "a placeholder sits where the go/no-go decision needs a fact",
    docs: Docs {
        what: "Flags a placeholder (TBD, TBC, TODO, `??`, `[…]`, \"to be determined\") in the headline, the summary or dateline, the front matter's customer or title, or an FAQ answer about price, availability or timeline.",
        why: "Some facts cannot stay open when the document goes to a decision: who the customer is, what it costs, and when it ships. A TBD there means the team is asking for a go without the business model or the date.",
        flagged: "# Acme Pay\n\nAcme Pay launches for 40 stores.\n\n## External FAQ\n### How much does it cost?\nPricing is TBD.\n",
        clean: "# Acme Pay\n\nAcme Pay launches for 40 stores.\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for p in cx.doc.placeholders.iter().filter(|p| is_critical(cx.doc, p)) {
        out.emit_with(
            p.span,
            format!("\"{}\" in {}: the decision needs this settled", p.text, p.section),
            Suggestion::advice(format!("answer it before review: {}", p.question)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn tbd_in_the_pricing_answer_is_critical() {
        assert_flags_at(&RULE, RULE.docs.flagged, 7, "TBD");
    }

    #[test]
    fn launch_date_to_be_determined_is_critical() {
        let md = "# Acme Pay\n\nAcme Pay launches for 40 stores.\n\n## External FAQ\n### When can I get it?\nThe launch date is to be determined.\n";
        assert_flags_at(&RULE, md, 7, "to be determined");
    }

    #[test]
    fn customer_in_front_matter_is_critical() {
        assert_count(&RULE, "---\ncustomer: TBD\n---\n# Acme\n\nText.\n", 1);
    }

    #[test]
    fn other_placeholders_are_left_to_rsk001() {
        assert_count(&RULE, "# Acme\n\nSummary.\n\nThe bank is TBD.\n", 0);
    }
}
