//! CUS011 uncited-problem.

use prfaq_doc::PrRole;

use super::uncited_pain_claim::{pain_sentences, rests_on_evidence};
use crate::context::Context;
use crate::evidence::citations_in;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS011",
    name: "uncited-problem",
    family: Family::Customer,
    severity: Severity::Warning,
    summary: "a problem paragraph cites no evidence",
    docs: Docs {
        what: "In a document that rests on evidence (it cites `[ev:]` or `[obs:]`, its front matter says `basis: evidence` or `basis: prototype`, or it is checked against an evidence store that holds items), flags each problem paragraph of the press release that cites nothing at all. A paragraph whose sentences claim a pain is left to `uncited-pain-claim`, which points at each claim; this rule catches the problem stated without pain words (\"Marketers assemble a weekly report from five tools\").",
        why: "The problem paragraph is the heart of the press release: it is what the customer suffers today. When evidence exists, the paragraph should point at it, so a reviewer can check the problem is the customer's and not the team's idea of it.",
        flagged: "---\nbasis: evidence\n---\n# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketing managers assemble the weekly report from five analytics tools.\n",
        clean: "---\nbasis: evidence\n---\n# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketing managers assemble the weekly report from five analytics tools [ev:12].\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    if !rests_on_evidence(cx) {
        return;
    }
    let doc = cx.doc;
    for p in doc.press_release.paragraphs.iter().filter(|p| p.role == PrRole::Problem) {
        let b = &doc.blocks[p.block];
        if citations_in(doc, b.span).next().is_some() || !pain_sentences(cx, p.block).is_empty() {
            continue;
        }
        out.emit_with(
            b.span,
            "the problem paragraph cites no evidence",
            Suggestion::advice(
                "cite the tickets, calls or observations that show this problem ([ev:ID], [obs:N]); `prfaq evidence themes` shows what customers say most",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::evidence::example;
    use crate::testing::{assert_count, run_rule_with_evidence};

    const PLAIN: &str = "# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketing managers assemble the weekly report from five analytics tools.\n";

    #[test]
    fn a_store_with_items_makes_the_document_rest_on_evidence() {
        assert_count(&RULE, PLAIN, 0);
        assert_eq!(run_rule_with_evidence(&RULE, PLAIN, &example()).len(), 1);
    }

    #[test]
    fn a_paragraph_with_pain_claims_is_left_to_the_claim_rule() {
        let pain = PLAIN.replace("assemble the weekly report", "spend six hours assembling the weekly report");
        assert!(run_rule_with_evidence(&RULE, &pain, &example()).is_empty());
    }
}
