//! Words as the themes and quote matching see them: lower-case, stop words dropped, and
//! (for themes) reduced to their Snowball stem.

use std::collections::HashSet;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

/// English function words and words every piece of feedback uses, which say nothing about a
/// pain.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "even",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "let",
    "like",
    "make",
    "makes",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "need",
    "needs",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "please",
    "really",
    "same",
    "she",
    "should",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "use",
    "used",
    "using",
    "very",
    "want",
    "was",
    "we",
    "we're",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "able",
    "thing",
    "things",
    "way",
    "well",
    "yes",
    "etc",
    "e.g",
    "i.e",
    "via",
    "per",
    "new",
    "would",
    "might",
    "may",
    "shall",
    "without",
    "within",
    "across",
    "around",
    "among",
    "already",
    "always",
    "never",
    "often",
    "sometimes",
];

static STOP: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP_WORDS.iter().copied().collect());

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The words of `text`, lower-cased: runs of letters, digits and inner apostrophes (curly ones
/// made straight), with their byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
    prfaq_doc::text::words(text).map(move |r| {
        let w = text[r.clone()].to_lowercase().replace('’', "'");
        (r, w)
    })
}

/// True for a stop word.
#[must_use]
pub fn is_stop_word(word: &str) -> bool {
    STOP.contains(word)
}

/// The terms of `text` for themes and search: content words (no stop words, no numbers, at
/// least three letters), each as its stem and as written.
pub fn terms(text: &str) -> impl Iterator<Item = Term> + '_ {
    words(text).filter_map(|(_, w)| {
        let w = w.trim_matches('\'').to_string();
        if w.chars().count() < 3 || w.chars().any(|c| c.is_ascii_digit()) || is_stop_word(&w) {
            return None;
        }
        let stem = STEMMER.stem(&w).into_owned();
        Some(Term { stem, word: w })
    })
}

/// A content word: its stem and the form it was written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The Snowball stem ("export" for "exporting").
    pub stem: String,
    /// The lower-case word as written.
    pub word: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_are_stemmed_and_stop_words_dropped() {
        let t: Vec<String> = terms("I keep exporting the reports to Excel, 3 times a week!").map(|t| t.stem).collect();
        assert_eq!(t, ["keep", "export", "report", "excel", "time", "week"]);
    }

    #[test]
    fn curly_apostrophes_are_straightened() {
        assert!(terms("I don’t know").all(|t| t.word != "don’t" && t.word != "don't"));
    }
}
