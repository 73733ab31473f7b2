//! Word-level comparison: change ratios, redlines and question similarity.

use similar::{Algorithm, ChangeTag, TextDiff};

use crate::diff::{Chunk, ChunkTag};

/// The share (0–1) of `old`'s and `new`'s words that differ: 0 for identical texts, 1 for texts
/// with no word in common.
#[must_use]
pub(crate) fn change_ratio(old: &str, new: &str) -> f64 {
    if old == new {
        return 0.0;
    }
    let diff = TextDiff::configure().algorithm(Algorithm::Patience).diff_words(old, new);
    // White space between words is a token too; count words only.
    let (mut equal, mut total) = (0usize, 0usize);
    for change in diff.iter_all_changes().filter(|c| !c.value().trim().is_empty()) {
        total += 1;
        if change.tag() == ChangeTag::Equal {
            // An equal word stands in both texts.
            equal += 1;
            total += 1;
        }
    }
    if total == 0 { 0.0 } else { 1.0 - (2 * equal) as f64 / total as f64 }
}

/// An inline word redline of `old` → `new`, with adjacent runs of one kind merged.
#[must_use]
pub(crate) fn redline(old: &str, new: &str) -> Vec<Chunk> {
    let diff = TextDiff::configure().algorithm(Algorithm::Patience).diff_words(old, new);
    let mut out: Vec<Chunk> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            ChangeTag::Equal => ChunkTag::Equal,
            ChangeTag::Delete => ChunkTag::Delete,
            ChangeTag::Insert => ChunkTag::Insert,
        };
        match out.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(change.value()),
            _ => out.push(Chunk { tag, text: change.value().to_string() }),
        }
    }
    out
}

/// A question prepared for matching: its content words (lower case, three or more letters,
/// no stop words, sorted) and its topics.
pub(crate) struct QuestionKey {
    words: Vec<String>,
    topics: Vec<prfaq_doc::Topic>,
    lower: String,
}

impl QuestionKey {
    /// Prepares `question`.
    pub(crate) fn new(question: &str) -> Self {
        let mut words: Vec<String> = prfaq_doc::text::words(question)
            .map(|r| question[r].to_lowercase())
            .filter(|w| w.chars().count() >= 3 && !STOP.contains(&w.as_str()))
            .collect();
        words.sort();
        words.dedup();
        Self { words, topics: prfaq_doc::topics_of(question), lower: question.to_lowercase() }
    }
}

const STOP: &[&str] = &[
    "the", "and", "for", "are", "can", "does", "how", "what", "will", "with", "you", "your", "this", "that", "our",
    "there", "which", "when", "who", "why", "any", "has", "have", "its",
];

/// How alike two questions are (0–1): the larger of the shared-content-word share (Jaccard)
/// and the word-level similarity of the whole texts; two questions on the same FAQ topic
/// ("How much does it cost?", "What is the monthly price?") that share a content word count
/// as at least 0.5 + half their Jaccard. Questions with no content word in common score 0.
#[must_use]
pub(crate) fn question_similarity(a: &QuestionKey, b: &QuestionKey) -> f64 {
    let shared = a.words.iter().filter(|w| b.words.binary_search(w).is_ok()).count();
    if shared == 0 {
        return 0.0;
    }
    let union = a.words.len() + b.words.len() - shared;
    let jaccard = shared as f64 / union as f64;
    let textual = jaccard.max(1.0 - change_ratio(&a.lower, &b.lower));
    let same_topic = a.topics.iter().any(|t| b.topics.contains(t));
    if same_topic { textual.max(0.5 + jaccard / 2.0) } else { textual }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios() {
        assert!(change_ratio("a b c", "a b c").abs() < f64::EPSILON);
        assert!(change_ratio("the cat sat", "a dog ran") > 0.9);
        let typo = change_ratio(
            "Acme Reports gives marketers their Monday mornings back",
            "Acme Reports gives marketers their Monday morning back",
        );
        assert!(typo < 0.2, "{typo}");
    }

    #[test]
    fn reworded_questions_are_similar() {
        let sim = |a: &str, b: &str| question_similarity(&QuestionKey::new(a), &QuestionKey::new(b));
        assert!(sim("How much does it cost?", "What does it cost?") >= 0.5);
        assert!(sim("How much does Acme Reports cost per month?", "What is the monthly price of Acme Reports?") >= 0.5);
        assert!(sim("How much does it cost?", "What happens to my data?") < 0.5);
    }

    #[test]
    fn redline_marks_inserted_and_deleted_words() {
        let chunks = redline("cuts reporting to ten minutes", "cuts weekly reporting to 10 minutes");
        assert!(chunks.iter().any(|c| c.tag == ChunkTag::Insert && c.text.contains("weekly")));
        assert!(chunks.iter().any(|c| c.tag == ChunkTag::Delete && c.text.contains("ten")));
    }
}
