//! PR020 sections-out-of-order.

use prfaq_doc::{BlockKind, SectionKind};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR020",
    name: "sections-out-of-order",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the PR/FAQ's sections are not in press release, external FAQ, internal FAQ order",
    docs: Docs {
        what: "Flags an FAQ that comes before press-release text (reported at that FAQ's heading), and an internal FAQ that comes before the external FAQ (reported at the internal FAQ's heading).",
        why: "The order is the method: the press release describes the customer's experience first, the external FAQ answers the customer's questions about it, and only then does the internal FAQ weigh cost and risk. Reviewers read in that order, and a question answered before its context is read out of it.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n## Internal FAQ\n### What does it take to build?\nSix engineers for six months.\n\n## External FAQ\n### How much does it cost?\n$20 a month per store.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n## External FAQ\n### How much does it cost?\n$20 a month per store.\n\n## Internal FAQ\n### What does it take to build?\nSix engineers for six months.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    let first_faq = doc.sections.iter().find(|s| s.kind.is_faq());
    if let Some(faq) = first_faq {
        // The parser ends the press release at the first FAQ, so press-release text after it is
        // text under a later "Press Release" heading.
        let pr_text_after = (faq.heading + 1..doc.blocks.len()).any(|i| {
            doc.regions[i] == SectionKind::PressRelease
                && !matches!(doc.blocks[i].kind, BlockKind::Heading(_))
                && !doc.blocks[i].words.is_empty()
        });
        if pr_text_after {
            out.emit_with(
                doc.blocks[faq.heading].content_span(),
                format!("\"{}\" comes before the press release text", faq.title),
                Suggestion::advice("move the press release to the top; the FAQs follow it"),
            );
        }
    }
    let first = |kind| doc.sections.iter().find(|s| s.kind == kind);
    if let (Some(internal), Some(external)) = (first(SectionKind::InternalFaq), first(SectionKind::ExternalFaq))
        && internal.heading < external.heading
    {
        out.emit_with(
            doc.blocks[internal.heading].content_span(),
            "the internal FAQ comes before the external FAQ",
            Suggestion::advice(
                "move the internal FAQ after the external FAQ: customers' questions first, then stakeholders'",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_internal_faq_before_the_external_one() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "Internal FAQ");
    }

    #[test]
    fn flags_an_faq_before_the_press_release() {
        let md = "# Acme Gives Marketers Their Mondays Back\n\n## FAQ\n### How much does it cost?\n$20.\n\n## Press Release\n\nSEATTLE — March 3, 2027 — Acme launches.\n";
        assert_flags_at(&RULE, md, 3, "FAQ");
        assert_count(&RULE, md, 1);
    }

    #[test]
    fn the_canonical_order_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(
            &RULE,
            "## Press Release\n\n# Acme\n\nAcme launches.\n\n## FAQ\n### How much?\n$1.\n\n## Appendix\n\nData.\n",
            0,
        );
    }
}
