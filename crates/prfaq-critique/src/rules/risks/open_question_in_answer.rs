//! RSK003 open-question-in-answer.

use std::sync::LazyLock;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::lexicon::Lexicon;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "RSK003",
    name: "open-question-in-answer",
    family: Family::Risks,
    severity: Severity::Note,
    summary: "an FAQ answer admits the question is still open",
    docs: Docs {
        what: "Flags FAQ answers that say the answer is not known yet — \"not sure\", \"unknown\", \"unclear\", \"open question\", \"still deciding\", \"need to discuss\" — or that answer with a question.",
        why: "An open question written as an answer hides a risk. The method wants it visible, owned and dated, so the decision-maker knows what is still unsettled.",
        flagged: "# Acme\n\n## Internal FAQ\n### Which payment partner will we use?\nWe are not sure yet.\n",
        clean: "# Acme\n\n## Internal FAQ\n### Which payment partner will we use?\nNorthwind Bank, signed in May.\n",
    },
    check,
};

static OPEN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::new(
        [
            "not sure",
            "unsure",
            "unknown",
            "unclear",
            "open question",
            "open questions",
            "still deciding",
            "still discussing",
            "need to decide",
            "needs to be decided",
            "need to discuss",
            "needs discussion",
            "to be discussed",
            "don't know yet",
            "do not know yet",
            "not yet known",
            "not decided",
            "undecided",
            "remains to be seen",
        ],
        &[],
    )
});

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for entry in &cx.doc.faqs {
        let answer = &entry.answer.text;
        if answer.is_empty() {
            continue;
        }
        if let Some((range, _)) = OPEN.find_iter(answer).next() {
            let span = locate(cx, entry.answer_blocks.clone(), &answer[range]).unwrap_or(entry.answer.span);
            out.emit_with(
                span,
                format!("the answer to \"{}\" is still open", entry.question.text),
                Suggestion::advice("record it as a risk with an owner and a date, or answer it"),
            );
        } else if answer.trim_end().ends_with('?') && prfaq_doc::text::sentences(answer).len() == 1 {
            out.emit_with(
                entry.answer.span,
                format!("the answer to \"{}\" is itself a question", entry.question.text),
                Suggestion::advice("answer the question, or record it as an open risk"),
            );
        }
    }
}

/// The source span of the first occurrence of `needle` in the answer's blocks.
fn locate(cx: &Context<'_>, blocks: std::ops::Range<usize>, needle: &str) -> Option<prfaq_doc::Span> {
    cx.doc.blocks.get(blocks)?.iter().find_map(|b| {
        let lower = b.text.to_lowercase();
        let at = lower.find(&needle.to_lowercase())?;
        Some(b.source_span(at..at + needle.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_admission() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "not sure");
    }

    #[test]
    fn an_answer_that_is_a_question() {
        assert_count(&RULE, "# Acme\n\n## Internal FAQ\n### Who owns billing?\nShould finance own it?\n", 1);
    }
}
