//! INT011 assertion-without-evidence.

use std::ops::Range;
use std::sync::LazyLock;

use prfaq_doc::text;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::lexicon::Lexicon;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::external_faq::faq_text::answer_sentences;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT011",
    name: "assertion-without-evidence",
    family: Family::InternalFaq,
    severity: Severity::Warning,
    summary: "a hedge stands in for evidence in an internal FAQ answer",
    docs: Docs {
        what: "Flags hedges (\"we believe\", \"we think\", \"we expect\", \"should be feasible\", \"likely\") in stakeholder FAQ answers when neither their sentence nor the two after it carry evidence: a number, or a source (\"according to\", \"based on\", \"measured\", a survey, study, pilot, prototype or test, \"data from\", an `[ev:ID]` citation or a link). Looking two sentences on lets an answer state its claim first and its support next.",
        why: "The internal FAQ exists to convince sceptical reviewers, and \"we believe it is feasible\" convinces no one. Working Backwards asks for the evidence behind each claim (a number, an estimate with its basis, a source) so the decision rests on facts rather than on the author's confidence.",
        flagged: "# Acme\n\n## Internal FAQ\n### Is it technically feasible?\nWe believe it is feasible.\n",
        clean: "# Acme\n\n## Internal FAQ\n### Is it technically feasible?\nYes: our 40-store prototype matched 78% of orders to a click in May 2026.\n",
    },
    check,
};

/// Words that name where a claim comes from.
const SOURCES: &[&str] = &[
    "according to",
    "based on",
    "measured",
    "survey",
    "surveys",
    "surveyed",
    "study",
    "studies",
    "pilot",
    "piloted",
    "prototype",
    "experiment",
    "experiments",
    "benchmark",
    "benchmarks",
    "interviews",
    "interviewed",
    "in our test",
    "in testing",
    "data from",
    "research",
    "analysis",
    "source",
];

/// Source markers that are not words: citations and links.
const SOURCE_MARKS: &[&str] = &["[ev:", "[obs:", "http://", "https://", "www."];

static SOURCE_WORDS: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(SOURCES.iter().copied(), &[]));

/// Sentences after a hedge that may carry its evidence.
const LOOK_AHEAD: usize = 2;

/// True when `sentence` carries evidence: a number or a source.
fn has_evidence(sentence: &str) -> bool {
    if text::has_number(sentence) || SOURCE_WORDS.find_iter(sentence).next().is_some() {
        return true;
    }
    let lower = sentence.to_ascii_lowercase();
    SOURCE_MARKS.iter().any(|m| lower.contains(m))
}

/// The first run of hedges in `sentence`: hedges at most two words apart are one run, so
/// "We believe it is feasible" is reported whole.
fn first_run(sentence: &str, hits: &[Range<usize>]) -> Range<usize> {
    let mut run = hits[0].clone();
    for h in &hits[1..] {
        if text::word_count(&sentence[run.end..h.start]) > 2 {
            break;
        }
        run.end = h.end;
    }
    run
}

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for entry in cx.doc.stakeholder_faqs() {
        let sentences = answer_sentences(cx.doc, entry);
        for (i, s) in sentences.iter().enumerate() {
            let sentence = s.text();
            let hits: Vec<Range<usize>> = cx
                .lex
                .hedges
                .find_iter(sentence)
                .map(|(r, _)| r)
                .filter(|r| !s.block_ref.in_code(&(r.start + s.range.start..r.end + s.range.start)))
                .collect();
            if hits.is_empty()
                || sentences[i..sentences.len().min(i + 1 + LOOK_AHEAD)].iter().any(|n| has_evidence(n.text()))
            {
                continue;
            }
            let run = first_run(sentence, &hits);
            let quoted: Vec<String> = hits.iter().map(|r| format!("\"{}\"", &sentence[r.clone()])).collect();
            out.emit_with(
                s.block_ref.source_span(run.start + s.range.start..run.end + s.range.start),
                format!("{} with no number or source behind it", quoted.join(", ")),
                Suggestion::advice(
                    "replace the belief with what it rests on: a number, an estimate with its basis, or a source ([ev:ID])",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    const HEAD: &str = "# Acme\n\n## Internal FAQ\n### Is it technically feasible?\n";

    #[test]
    fn flags_we_believe_it_is_feasible() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "We believe it is feasible");
        let found = crate::testing::run_rule(&RULE, RULE.docs.flagged);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("\"We believe\", \"it is feasible\""), "{}", found[0].message);
    }

    #[test]
    fn flags_each_unsupported_sentence_at_its_hedge() {
        let md =
            format!("{HEAD}Our team knows machine learning. We think the data is clean, and it will likely scale.\n");
        assert_flags_at(&RULE, &md, 5, "We think");
        assert_count(&RULE, &md, 1);
    }

    #[test]
    fn evidence_in_the_sentence_or_the_next_two_clears_it() {
        assert_count(&RULE, &format!("{HEAD}We expect a 78% match rate.\n"), 0);
        assert_count(&RULE, &format!("{HEAD}We believe it is feasible, based on the Ads Sync design.\n"), 0);
        assert_count(&RULE, &format!("{HEAD}We believe it is feasible [ev:proto].\n"), 0);
        assert_count(
            &RULE,
            &format!("{HEAD}Yes, it is feasible. The hard part is matching. Our prototype matched 78%.\n"),
            0,
        );
        assert_count(
            &RULE,
            &format!("{HEAD}Yes, it is feasible. The hard part is matching. It is hard. We matched 78%.\n"),
            1,
        );
    }

    #[test]
    fn customer_answers_are_not_checked() {
        assert_count(&RULE, "# Acme\n\n## External FAQ\n### Is it fast?\nWe believe so.\n", 0);
    }

    #[test]
    fn an_faq_with_no_split_is_checked() {
        assert_flags_at(
            &RULE,
            "# Acme\n\n## FAQ\n### Will it scale?\nWe are confident it will.\n",
            5,
            "We are confident",
        );
    }
}
