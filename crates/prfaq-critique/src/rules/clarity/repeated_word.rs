//! STY016 repeated-word.

use crate::context::Context;
use crate::finding::{Applicability, Suggestion};
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY016",
    name: "repeated-word",
    family: Family::Clarity,
    severity: Severity::Note,
    summary: "the same word twice in a row",
    docs: Docs {
        what: "Flags a word repeated with only spaces between (\"the the\"), ignoring case, in the press release and FAQ. Numbers, the grammatical \"that that\" and \"had had\", and repeats where the second word is capitalised (names such as \"Walla Walla\") are not flagged. The fix, removing the second word, is safe to apply.",
        why: "A doubled word is a typo that survives spell checkers. The PR/FAQ is read closely in silence at the start of the review; a typo distracts the reader from the customer and suggests the document was not read before it was sent.",
        flagged: "# Acme\n\nAcme Reports shows the the return on ad spend.\n",
        clean: "# Acme\n\nAcme Reports shows the return on ad spend.\n",
    },
    check,
};

/// Words that are correctly doubled.
const DOUBLES: &[&str] = &["that", "had"];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (_, b) in cx.prose_blocks() {
        let text = b.text.as_str();
        for pair in b.words.windows(2) {
            let (first, second) = (&text[pair[0].clone()], &text[pair[1].clone()]);
            let gap = &text[pair[0].end..pair[1].start];
            if !first.eq_ignore_ascii_case(second)
                || gap.is_empty()
                || !gap.bytes().all(|c| c == b' ' || c == b'\t')
                || first.starts_with(|c: char| c.is_ascii_digit())
                || second.starts_with(|c: char| c.is_uppercase())
                || super::is_one_of(first, DOUBLES)
            {
                continue;
            }
            let range = pair[0].start..pair[1].end;
            let span = b.source_span(range.clone());
            let message = format!("\"{first}\" is repeated");
            // The fix is safe only where the source is the plain text, with no markup between.
            if cx.doc.text(span) == &text[range] {
                out.emit_with(
                    span,
                    message,
                    Suggestion {
                        message: format!("remove the second \"{second}\""),
                        replacement: Some(first.to_string()),
                        applicability: Applicability::Safe,
                    },
                );
            } else {
                out.emit_with(span, message, Suggestion::advice(format!("remove the second \"{second}\"")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::finding::Applicability;
    use crate::testing::{assert_count, assert_flags_at, run_rule};

    #[test]
    fn flags_a_doubled_word_with_a_safe_fix() {
        assert_flags_at(&RULE, "# Acme\n\nIt shows The the spend.\n", 3, "The the");
        let s = run_rule(&RULE, "# Acme\n\nIt shows the the spend.\n")[0].suggestion.clone().expect("a fix");
        assert_eq!((s.replacement.as_deref(), s.applicability), (Some("the"), Applicability::Safe));
        assert_count(&RULE, "# Acme Acme\n\nIt is is here.\n", 1);
    }

    #[test]
    fn leaves_grammatical_doubles_numbers_names_and_punctuation_alone() {
        assert_count(
            &RULE,
            "# Acme\n\nHe said that that works. We had had enough. It costs 10 10 times. Walla Walla stores.\n",
            0,
        );
        assert_count(&RULE, "# Acme\n\nYes, yes. Stop. Stop.\n\n- Plan\n- plan ahead\n", 0);
    }

    #[test]
    fn a_repeat_across_a_soft_line_break_counts() {
        assert_flags_at(&RULE, "# Acme\n\nIt is very\nvery good.\n", 3, "very\nvery");
    }

    #[test]
    fn markup_between_the_words_makes_the_fix_advice_only() {
        let s = run_rule(&RULE, "# Acme\n\nIt shows the *the* spend.\n")[0].suggestion.clone().expect("a fix");
        assert_eq!(s.applicability, Applicability::DisplayOnly);
    }
}
