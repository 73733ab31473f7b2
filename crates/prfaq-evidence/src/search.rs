//! Turning what a user typed into a full-text query, and a hit's snippet back into parts.

use serde::Serialize;

/// Marks the start of a matched word in a snippet the database returns.
pub const HIT_START: char = '\u{2}';
/// Marks the end of a matched word.
pub const HIT_END: char = '\u{3}';

/// An FTS5 query for the words of `input`: each word a quoted string (so no word is read as
/// an operator), all required (`any = false`) or any one (`any = true`). `None` when `input`
/// has no word.
#[must_use]
pub fn fts5_query(input: &str, any: bool) -> Option<String> {
    let words: Vec<String> =
        crate::terms::words(input).map(|(_, w)| format!("\"{}\"", w.replace('"', "\"\""))).collect();
    (!words.is_empty()).then(|| words.join(if any { " OR " } else { " " }))
}

/// The content words of `input` (stop words dropped), for finding the items a quote may come
/// from: rarer words are what tell them apart.
#[must_use]
pub fn content_words(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, w) in crate::terms::words(input) {
        if w.chars().count() >= 3 && !crate::terms::is_stop_word(&w) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// A piece of a snippet: text, and whether it is a matched word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetPart {
    /// The text.
    pub text: String,
    /// True for a word the query matched.
    pub hit: bool,
}

/// Splits a snippet marked with [`HIT_START`] and [`HIT_END`] into parts.
#[must_use]
pub fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    for c in marked.chars() {
        if c == HIT_START || c == HIT_END {
            if !current.is_empty() {
                parts.push(SnippetPart { text: std::mem::take(&mut current), hit });
            }
            hit = c == HIT_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(SnippetPart { text: current, hit });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_so_operators_are_plain_words() {
        assert_eq!(fts5_query("export OR \"near\" NOT*", false).as_deref(), Some("\"export\" \"or\" \"near\" \"not\""));
        assert_eq!(fts5_query("slow export", true).as_deref(), Some("\"slow\" OR \"export\""));
        assert_eq!(fts5_query("  -- ", false), None);
    }

    #[test]
    fn snippets_split_at_their_marks() {
        let parts = snippet_parts("the \u{2}export\u{3} is slow");
        assert_eq!(parts.len(), 3);
        assert!(parts[1].hit && parts[1].text == "export");
    }
}
