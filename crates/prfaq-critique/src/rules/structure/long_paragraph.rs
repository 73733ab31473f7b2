//! PR019 long-paragraph.

use prfaq_doc::BlockKind;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR019",
    name: "long-paragraph",
    family: Family::Structure,
    severity: Severity::Note,
    summary: "a press-release paragraph has too many sentences",
    docs: Docs {
        what: "Flags each press-release paragraph with more sentences than `limits.paragraph_max_sentences` (6 by default). Reported at the first sentence past the limit, where the paragraph could be split. Lists are left to the feature-list rules.",
        why: "Most press-release paragraphs are three or four sentences, each part of the story in its own paragraph. A long paragraph usually merges two parts — the problem and the solution, say — and the reader cannot tell where one ends.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today. It reads five tools. It joins the numbers. It builds one report. It sends it by 7 a.m. It flags drops. It costs $20 a month.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today. It reads five tools. It joins the numbers.\n\nIt builds one report. It sends it by 7 a.m. It flags drops. It costs $20 a month.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let max = cx.config.limits.paragraph_max_sentences;
    for (block, b, role) in cx.press_release_blocks() {
        if b.kind != BlockKind::Paragraph {
            continue;
        }
        let sentences = cx.block_sentences(block);
        let Some(first_over) = sentences.get(max) else {
            continue;
        };
        out.emit_with(
            b.source_span(first_over.clone()),
            format!(
                "this {} paragraph has {} sentences; keep press-release paragraphs to {max} or fewer",
                role.label(),
                sentences.len()
            ),
            Suggestion::advice("split the paragraph here, or cut the sentences that do not serve its one point"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_first_sentence_past_the_limit() {
        assert_flags_at(&RULE, RULE.docs.flagged, 3, "It costs $20 a month.");
    }

    #[test]
    fn short_paragraphs_and_lists_are_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(
            &RULE,
            "# Acme\n\nAcme launches.\n\n- One.\n- Two.\n- Three.\n- Four.\n- Five.\n- Six.\n- Seven.\n",
            0,
        );
    }
}
