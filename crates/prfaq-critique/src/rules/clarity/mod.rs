//! Clarity and style: Amazon's writing rules.
//!
//! The helpers below are shared by the rules of this family. They never allocate per word:
//! rules run on every keystroke, so everything here works on slices of a block's text.

mod exclamation_mark;
mod feature_list;
mod hedging;
mod hype_word;
mod jargon;
mod long_sentence;
mod passive_voice;
mod reading_ease;
mod reading_grade;
mod relative_claim_without_baseline;
mod repeated_word;
mod shouting_headline;
mod undefined_acronym;
mod unquantified_comparative;
mod unsupported_superlative;
mod vague_time;
mod weasel_word;

use std::ops::Range;

use prfaq_doc::{Block, QuoteKind, Span, text};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::lexicon::Lexicon;
use crate::rule::{Emitter, Rule};
use crate::rules::is_number_word;

/// The clarity rules.
pub(crate) const RULES: &[&Rule] = &[
    &weasel_word::RULE,
    &hype_word::RULE,
    &unquantified_comparative::RULE,
    &undefined_acronym::RULE,
    &jargon::RULE,
    &long_sentence::RULE,
    &passive_voice::RULE,
    &reading_grade::RULE,
    &reading_ease::RULE,
    &feature_list::RULE,
    &unsupported_superlative::RULE,
    &relative_claim_without_baseline::RULE,
    &exclamation_mark::RULE,
    &shouting_headline::RULE,
    &vague_time::RULE,
    &repeated_word::RULE,
    &hedging::RULE,
];

/// True when block `block` holds a quote. A quote is the speaker's voice, so the word-choice
/// rules leave the whole paragraph alone, as `Context::lexicon_hits` does.
fn in_quote(cx: &Context<'_>, block: usize) -> bool {
    cx.doc.quotes.iter().any(|q| q.block == block)
}

/// True when block `block` holds a customer's quote (not a company leader's).
fn in_customer_quote(cx: &Context<'_>, block: usize) -> bool {
    cx.doc.quotes.iter().any(|q| q.block == block && q.kind == QuoteKind::Customer)
}

/// A match in a block of the PR/FAQ, with the sentence around it.
struct Hit<'a> {
    /// The block.
    b: &'a Block,
    /// The match's range in the block's text.
    range: Range<usize>,
    /// The range of the sentence that holds the match, in the block's text.
    sentence: Range<usize>,
}

impl Hit<'_> {
    /// The sentence's text.
    fn sentence_text(&self) -> &str {
        &self.b.text[self.sentence.clone()]
    }

    /// The match's range within the sentence's text.
    fn in_sentence(&self) -> Range<usize> {
        self.range.start - self.sentence.start..self.range.end - self.sentence.start
    }
}

/// Calls `f` for each match of `lexicon` in the prose blocks of the PR/FAQ, outside inline code
/// and quotes, that `keep` accepts, with the sentence that holds it. `keep` sees the block's text, the match's range in it and the entry matched.
///
/// Sentences are split only in blocks that have a match `keep` accepts: splitting costs far
/// more than the one-pass word-list search, and most blocks have no such match.
fn lexicon_hits_in_sentences<'a>(
    cx: &Context<'a>,
    lexicon: &Lexicon,
    keep: impl Fn(&str, Range<usize>, &str) -> bool,
    mut f: impl FnMut(Hit<'a>),
) {
    for (block, b) in cx.prose_blocks() {
        if in_quote(cx, block) {
            continue;
        }
        let mut sentences = None;
        for (range, entry) in lexicon.find_iter(&b.text) {
            if b.in_code(&range) || !keep(&b.text, range.clone(), entry) {
                continue;
            }
            let sentences = sentences.get_or_insert_with(|| cx.block_sentences(block));
            let sentence = sentence_of(sentences, &range, b.text.len());
            f(Hit { b, range, sentence });
        }
    }
}

/// The sentence of `sentences` that holds `range` (the whole text, `0..len`, if none does).
fn sentence_of(sentences: &[Range<usize>], range: &Range<usize>, len: usize) -> Range<usize> {
    sentences.iter().find(|s| s.start <= range.start && range.end <= s.end).cloned().unwrap_or(0..len)
}

/// Number words that quantify a claim as well as digits do ("twice as fast", "cut in half"),
/// beside the shared ones of [`crate::rules::is_number_word`].
const QUANTITY_WORDS: &[&str] = &["one", "billion", "twice", "double", "triple", "quarter", "percent"];

/// True when `text` states a quantity: a digit or a number word.
fn quantified(text: &str) -> bool {
    text::has_number(text) || text::words(text).any(|w| is_number_word(&text[w], QUANTITY_WORDS))
}

/// True when `word` equals one of `list` (lower-case ASCII), ignoring ASCII case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// True when `hay` contains `needle` (lower-case ASCII), ignoring ASCII case.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty() && hay.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The word just before text offset `at`, separated from it by spaces only (no punctuation,
/// no line break), or `None`.
fn word_before(text: &str, at: usize) -> Option<Range<usize>> {
    let before = &text[..at];
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.len() == before.len() && at > 0 {
        return None;
    }
    let start = trimmed
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
    (start < trimmed.len()).then_some(start..trimmed.len())
}

/// The word just after text offset `at`, separated from it by spaces only (no punctuation,
/// no line break), or `None`.
fn word_after(text: &str, at: usize) -> Option<Range<usize>> {
    let after = &text[at..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    if trimmed.len() == after.len() {
        return None;
    }
    let start = at + (after.len() - trimmed.len());
    text::words(&text[start..]).next().filter(|w| w.start == 0).map(|w| start + w.start..start + w.end)
}

/// True when 70% or more of the letters of `text`, of at least `min_words` words, are
/// capitals: shouting.
fn mostly_capitals(text: &str, min_words: usize) -> bool {
    let (mut upper, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    letters > 0 && upper * 10 >= letters * 7 && text::word_count(text) >= min_words
}

/// True when `sentence` asks a question: a question is not a claim.
fn is_question(sentence: &str) -> bool {
    sentence.trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '_']).ends_with('?')
}

/// `replacement` with its first letter capitalised when `original`'s is.
fn match_case(original: &str, replacement: &str) -> String {
    let mut out = String::with_capacity(replacement.len());
    let mut chars = replacement.chars();
    if original.starts_with(|c: char| c.is_uppercase()) {
        out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
    }
    out.extend(chars);
    out
}

/// Reports the match `range` of block `b`'s text as `what "<the matched text>"`, at its exact
/// source span.
fn flag_match(out: &mut Emitter<'_>, b: &Block, range: Range<usize>, what: &str, suggestion: Suggestion) {
    out.emit_with(b.source_span(range.clone()), format!("{what} \"{}\"", &b.text[range]), suggestion);
}

/// The suggestion for word-list entry `entry`, found in the text as `found`: replace it with
/// its plain word from `plain` (in `found`'s case) when it has one, else `advice`.
fn plain_word_or(plain: &[(&str, &str)], entry: &str, found: &str, advice: impl FnOnce() -> String) -> Suggestion {
    match plain.iter().find(|(w, _)| *w == entry) {
        Some((_, plain)) => Suggestion::replace(format!("say \"{plain}\""), match_case(found, plain)),
        None => Suggestion::advice(advice()),
    }
}

/// `span` without the white space (the line break) that ends it.
fn trim_end(cx: &Context<'_>, span: Span) -> Span {
    Span::new(span.start, span.start + cx.doc.text(span).trim_end().len())
}

/// Flesch reading ease and Flesch–Kincaid grade of the press release body (its paragraphs,
/// lists and quotes joined by line breaks), with the span of its first paragraph.
///
/// Both are rounded to one decimal, as the messages show them, so a rule compares what it
/// shows: "grade 8.0; the limit is 8" never appears.
fn press_release_readability(cx: &Context<'_>) -> Option<(f64, f64, Span)> {
    let first = cx.doc.press_release.paragraphs.first()?;
    let (ease, grade) = cx.press_release_readability()?;
    let one_decimal = |x: f64| (x * 10.0).round() / 10.0;
    Some((one_decimal(ease), one_decimal(grade), trim_end(cx, first.span)))
}

#[cfg(test)]
mod tests {
    //! The family on real documents: strong examples stay quiet, the weak one does not.
    use super::*;
    use crate::config::Config;
    use crate::context::Lexicons;
    use crate::rule::{Emitter, Severity};

    /// The warnings of this family's rules on `markdown`: (rule id, flagged text).
    fn clarity_warnings(markdown: &str) -> Vec<(&'static str, String)> {
        let doc = prfaq_doc::parse(markdown);
        let config = Config::default();
        let lex = Lexicons::new(&config);
        let cx = Context::new(&doc, &config, &lex);
        let mut findings = Vec::new();
        for &rule in RULES {
            (rule.check)(&cx, &mut Emitter::new(rule, rule.severity, &mut findings));
        }
        findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| (f.rule, doc.text(f.span).to_string()))
            .collect()
    }

    #[test]
    fn strong_examples_get_few_clarity_warnings() {
        for (name, md) in [
            ("analytics-addon-strong", include_str!("../../../../../examples/analytics-addon-strong.md")),
            ("data-pipeline-strong", include_str!("../../../../../examples/data-pipeline-strong.md")),
        ] {
            let found = clarity_warnings(md);
            assert!(found.len() <= 3, "{name}: {found:#?}");
        }
    }

    #[test]
    fn the_weak_example_gets_many_clarity_warnings() {
        let found = clarity_warnings(include_str!("../../../../../examples/meal-planning-weak.md"));
        assert!(found.len() >= 30, "{found:#?}");
        for rule in ["STY001", "STY002", "STY003", "STY010", "STY011", "STY015"] {
            assert!(found.iter().any(|(r, _)| *r == rule), "{rule} did not fire: {found:#?}");
        }
    }

    #[test]
    fn helpers_find_neighbouring_words() {
        let t = "learn more, then more accurate";
        assert_eq!(word_before(t, 6).map(|r| &t[r]), Some("learn"));
        assert_eq!(word_after(t, 10), None);
        assert_eq!(word_after(t, 21).map(|r| &t[r]), Some("accurate"));
        assert!(quantified("cut it in half") && quantified("3 days") && !quantified("much faster"));
        assert!(contains_ci("According To the survey", "according to"));
        assert!(mostly_capitals("ACME LAUNCHES REPORTS", 3));
        assert!(!mostly_capitals("AWS Launches Reports", 3));
        assert!(!mostly_capitals("PRESS RELEASE", 3) && mostly_capitals("PRESS RELEASE", 2));
        assert!(is_question("Is it the fastest?") && is_question("Why \"faster?\"") && !is_question("Faster."));
        assert_eq!(match_case("Leverage", "use"), "Use");
    }
}
