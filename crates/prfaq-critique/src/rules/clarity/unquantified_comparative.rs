//! STY003 unquantified-comparative.

use std::ops::Range;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY003",
    name: "unquantified-comparative",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "a comparison (\"faster\", \"cheaper\") with no number in its sentence",
    docs: Docs {
        what: "Flags comparatives — faster, cheaper, easier, more reliable, lower cost, reduced, improved — in a sentence of the press release or FAQ that has no number (a digit or a number word such as \"half\" or \"twice\"), outside quotes and questions. Bare \"more\" and \"less\" count only before an adjective (\"more accurate\") or a measurable noun (\"less time\"), never in \"learn more\" or \"no more\". Words that are also weasel words (\"better\") are left to `weasel-word`.",
        why: "Amazon's writing rules put data where adjectives were: \"faster\" invites the reviewer's first question — faster than what, by how much? The Working Backwards reviewer asks on which dimensions the product beats what customers use today, and only a number answers that.",
        flagged: "# Acme\n\nAcme Reports makes the Monday report faster and cheaper.\n",
        clean: "# Acme\n\nAcme Reports cuts the Monday report from 5 hours to 20 minutes.\n",
    },
    check,
};

/// Words before "more"/"less" that make it something other than a comparison.
const NOT_COMPARING: &[&str] = &["no", "any", "once", "learn", "read", "hear", "see", "find", "and"];

/// Nouns whose amount a "more"/"less" claim promises.
const MEASURABLE: &[&str] = &[
    "time",
    "money",
    "control",
    "value",
    "revenue",
    "sales",
    "profit",
    "results",
    "visibility",
    "flexibility",
    "freedom",
    "choice",
    "choices",
    "options",
    "effort",
    "work",
    "steps",
    "clicks",
    "errors",
    "mistakes",
    "stress",
    "hassle",
    "waste",
    "confidence",
    "energy",
    "insight",
    "insights",
    "downtime",
    "churn",
];

/// Endings of adjectives and adverbs that "more"/"less" compare ("more accurate", "less painful").
const ADJECTIVE_ENDINGS: &[&str] =
    &["able", "ible", "ive", "ful", "ous", "ent", "ant", "ic", "al", "ly", "ure", "ile", "ient", "less"];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let keep = |text: &str, r: Range<usize>, entry: &str| {
        !cx.lex.weasel.contains(entry) && (!matches!(entry, "more" | "less") || compares(text, r))
    };
    super::lexicon_hits_in_sentences(cx, &cx.lex.comparatives, keep, |hit| {
        let sentence = hit.sentence_text();
        if super::quantified(sentence) || super::is_question(sentence) {
            return;
        }
        let found = &hit.b.text[hit.range.clone()];
        out.emit_with(
            hit.b.source_span(hit.range.clone()),
            format!("\"{found}\" with no number: by how much, and compared with what?"),
            Suggestion::advice(
                "give the number and what it is compared with, e.g. \"in 20 minutes instead of 5 hours\"",
            ),
        );
    });
}

/// True when "more"/"less" at `r` of `text` compares: it is followed by an adjective or a
/// measurable noun and not preceded by a word that makes it a quantity ("no more").
fn compares(text: &str, r: Range<usize>) -> bool {
    if super::word_before(text, r.start).is_some_and(|w| super::is_one_of(&text[w], NOT_COMPARING)) {
        return false;
    }
    let Some(next) = super::word_after(text, r.end) else {
        return false;
    };
    let next = &text[next];
    let lower_ends = |suffix: &str| {
        next.len() > suffix.len() + 2
            && next.get(next.len() - suffix.len()..).is_some_and(|e| e.eq_ignore_ascii_case(suffix))
    };
    super::is_one_of(next, MEASURABLE) || ADJECTIVE_ENDINGS.iter().any(|s| lower_ends(s))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_comparatives_in_sentences_without_numbers() {
        assert_flags_at(&RULE, "# Acme\n\nReports load faster.\n", 3, "faster");
        assert_flags_at(&RULE, "# Acme\n\nSetup is quick.\nReports are more reliable now.\n", 4, "more reliable");
        assert_count(&RULE, "# Acme\n\nIt is cheaper and needs less time.\n", 2);
    }

    #[test]
    fn a_number_in_the_sentence_quantifies_it() {
        assert_count(&RULE, "# Acme\n\nReports load 4 seconds faster than today.\n", 0);
        assert_count(&RULE, "# Acme\n\nIt is twice as fast and half the price, so cheaper.\n", 0);
    }

    #[test]
    fn more_and_less_only_when_they_compare() {
        assert_count(
            &RULE,
            "# Acme\n\nLearn more at our site. No more manual exports. The more you use it, the more it knows.\n",
            0,
        );
        assert_flags_at(&RULE, "# Acme\n\nIt gives marketers more control.\n", 3, "more");
        assert_flags_at(&RULE, "# Acme\n\nIt is less painful.\n", 3, "less");
        assert_count(&RULE, "# Acme\n\nFor a more detailed view, see below. More supported apps follow.\n", 0);
    }

    #[test]
    fn leaves_weasel_words_questions_quotes_and_code_alone() {
        assert_count(
            &RULE,
            "# Acme\n\n## FAQ\n\n### Is it faster than a spreadsheet?\nYes: 20 minutes, not 5 hours.\n",
            0,
        );
        assert_count(&RULE, "# Acme\n\nIt is better. Run `faster` mode.\n", 0);
        assert_count(
            &RULE,
            "# Acme\n\n\"It made our Monday report much faster for the team,\" said Dana Ruiz, a customer.\n",
            0,
        );
    }
}
