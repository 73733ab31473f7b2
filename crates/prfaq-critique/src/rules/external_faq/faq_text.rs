//! Reading FAQ entries: where an answer's sentences are in the source, which FAQ heading an
//! entry sits under, and whether a text gives a figure. Shared by the external and internal
//! FAQ rules.

use std::sync::LazyLock;

use prfaq_doc::{Block, Document, FaqEntry, SectionKind, Span, text};
use regex::Regex;

use crate::context::Sentence;
use crate::lexicon::Lexicon;
use crate::rules::number_words;

/// The answer label the parser strips from an answer's text ("A:", "Answer 2 —").
static ANSWER_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:a|ans|answer)\s*\d*\s*[:.\-–—]\s*").expect("valid regex"));

/// The sentences of an entry's answer, in order, each tied to its block so it can be mapped
/// back to the source. The question's own text (when the answer shares its paragraph or list
/// item), an answer label and code blocks are left out.
pub(crate) fn answer_sentences<'a>(doc: &'a Document, entry: &FaqEntry) -> Vec<Sentence<'a>> {
    let mut out = Vec::new();
    if entry.answer.text.trim().is_empty() {
        return out;
    }
    let span = entry.answer.span;
    for i in entry.answer_blocks.clone() {
        let Some(b) = doc.blocks.get(i) else { break };
        if !b.kind.is_prose() {
            continue;
        }
        // Several entries can share one block (a list of questions, a bold question with its
        // answer), so keep only the part of the block inside the answer's span.
        let from = span.start.max(b.span.start);
        let to = span.end.min(b.span.end);
        if from >= to {
            continue;
        }
        let mut start = text_start(b, from);
        let end = text_end(b, to).max(start);
        // Offsets come from the block's own segments, so they sit on character boundaries;
        // `get` keeps a malformed mapping from ever panicking.
        let Some(part) = b.text.get(start..end) else {
            continue;
        };
        if out.is_empty() {
            start += ANSWER_LABEL.find(part).map_or(0, |m| m.end());
        }
        let Some(part) = b.text.get(start..end) else {
            continue;
        };
        out.extend(text::sentences(part).into_iter().map(|r| Sentence {
            block: i,
            block_ref: b,
            range: r.start + start..r.end + start,
        }));
    }
    out
}

/// The span of an answer's first sentence, or of the whole answer when it cannot be placed.
pub(crate) fn first_sentence_span(doc: &Document, entry: &FaqEntry) -> Span {
    answer_sentences(doc, entry).first().map_or(entry.answer.span, Sentence::span)
}

/// The text offset in `b.text` where source byte `src` begins (the first text at or after it).
fn text_start(b: &Block, src: usize) -> usize {
    b.segments.iter().find(|s| s.span.end > src).map_or(b.text.len(), |s| {
        if s.span.start >= src || !s.exact { s.text_start } else { s.text_start + (src - s.span.start) }
    })
}

/// The text offset in `b.text` where source byte `src` ends (the last text before it).
fn text_end(b: &Block, src: usize) -> usize {
    b.segments.iter().rev().find(|s| s.span.start < src).map_or(0, |s| {
        if s.span.end <= src || !s.exact { s.text_start + s.text_len } else { s.text_start + (src - s.span.start) }
    })
}

/// The words of the heading of the FAQ section (one of `kinds`) that holds `entry`, without
/// the `#` markers and line break, or the entry's question when it sits under no such heading.
pub(crate) fn faq_heading(doc: &Document, entry: &FaqEntry, kinds: &[SectionKind]) -> Span {
    let at = entry.question.span.start;
    let heading = doc
        .sections
        .iter()
        .rev()
        .find(|s| kinds.contains(&s.kind) && s.span.start <= at && at < s.span.end.max(s.span.start + 1))
        .and_then(|s| doc.blocks.get(s.heading));
    heading.filter(|b| !b.segments.is_empty()).map_or(entry.question.span, Block::content_span)
}

/// Number words that give a figure as surely as digits do ("nine months", "two engineers"),
/// beside the shared ones of [`crate::rules::number_words`]. "One" is left out: "no one" and
/// "one of the" are not figures.
const FIGURE_WORDS: &[&str] =
    &["fifteen", "sixty", "seventy", "eighty", "ninety", "billion", "billions", "dozens", "twice", "double", "triple"];

static NUMBERS: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(number_words(FIGURE_WORDS), &[]));

/// True when `text` states a figure: a digit or a number word.
pub(crate) fn has_figure(text: &str) -> bool {
    text::has_number(text) || NUMBERS.find_iter(text).next().is_some()
}

/// Lower case with every run of characters other than letters and digits turned into one
/// space, for comparing questions.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences_of(md: &str, entry: usize) -> Vec<String> {
        let doc = prfaq_doc::parse(md);
        answer_sentences(&doc, &doc.faqs[entry]).iter().map(|s| doc.text(s.span()).to_string()).collect()
    }

    #[test]
    fn answer_sentences_map_to_the_source() {
        let md = "# Acme\n\n## FAQ\n### Is it free?\nA: Yes. It costs *$0* a month.\n\nBilling is monthly.\n";
        assert_eq!(sentences_of(md, 0), ["Yes.", "It costs *$0* a month.", "Billing is monthly."]);
    }

    #[test]
    fn answer_sentences_leave_out_a_bold_question_in_the_same_paragraph() {
        let md = "# Acme\n\n## FAQ\n\n**Is it paid?** Yes. It costs $49.\n\n**How do I cancel?** Click Cancel.\n";
        assert_eq!(sentences_of(md, 0), ["Yes.", "It costs $49."]);
        assert_eq!(sentences_of(md, 1), ["Click Cancel."]);
    }

    #[test]
    fn answer_sentences_of_a_list_of_questions_stay_in_their_item() {
        let md = "# Acme\n\n## FAQ\n\n- Is it free?\n\n  No, $49 a month.\n- How do I cancel?\n\n  Click Cancel.\n";
        assert_eq!(sentences_of(md, 0), ["No, $49 a month."]);
        assert_eq!(sentences_of(md, 1), ["Click Cancel."]);
    }

    #[test]
    fn figures_are_digits_or_number_words() {
        assert!(has_figure("It takes 9 months."));
        assert!(has_figure("It takes nine months."));
        assert!(!has_figure("It takes no one long."));
        assert!(!has_figure("The cost is relatively modest."));
    }

    #[test]
    fn normalize_ignores_case_and_punctuation() {
        assert_eq!(normalize("How much does it cost?"), normalize("how much  does it COST"));
        assert_eq!(normalize("What's new?"), "whats new");
    }
}
