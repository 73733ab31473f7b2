//! EXT010 unanswered-question.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT010",
    name: "unanswered-question",
    family: Family::ExternalFaq,
    severity: Severity::Error,
    summary: "an FAQ question has no answer",
    docs: Docs {
        what: "Flags an FAQ question, external or internal, with no answer text before the next question or section.",
        why: "An unanswered FAQ question is a decision not yet made, shown to every reviewer. Answer it or remove it; if the answer is not known yet, say so, and say who will settle it and when.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n\n### How do I cancel?\nClick Cancel in Settings.\n",
        clean: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n\n### How do I cancel?\nClick Cancel in Settings.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for entry in cx.doc.faqs.iter().filter(|e| e.answer.text.trim().is_empty()) {
        out.emit_with(
            entry.question.span,
            format!("\"{}\" has no answer", entry.question.text),
            Suggestion::advice("answer it, remove it, or say who will answer it and by when"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_question() {
        assert_flags_at(&RULE, RULE.docs.flagged, 4, "How much does it cost?");
        assert_count(&RULE, RULE.docs.flagged, 1);
    }

    #[test]
    fn internal_and_last_questions_count_too() {
        assert_flags_at(&RULE, "# Acme\n\n## Internal FAQ\n### What is the timeline?\n", 4, "What is the timeline?");
    }

    #[test]
    fn a_comment_is_not_an_answer() {
        assert_count(&RULE, "# Acme\n\n## External FAQ\n### How much does it cost?\n<!-- fill in -->\n", 1);
    }
}
