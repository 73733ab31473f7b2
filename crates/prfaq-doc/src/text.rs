//! Plain-text helpers shared by the parser and the rules: words, sentences, syllables.
//!
//! These work on the plain text of a block (markup removed), never on raw Markdown.

use std::ops::Range;

/// The byte ranges of the words of `text`.
///
/// A word is a run of letters or digits; an apostrophe, hyphen or period between two such
/// characters stays inside the word (`don't`, `self-service`, `3.5`).
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.by_ref().find(|&(_, c)| c.is_alphanumeric())?;
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                chars.next();
            } else if matches!(c, '\'' | '’' | '-' | '.' | ',')
                && joins(text, i + c.len_utf8(), c, bytes.get(end.saturating_sub(1)))
            {
                chars.next();
            } else {
                break;
            }
        }
        Some(start..end)
    })
}

/// Whether the joiner `c` ending at `next` glues two word characters together.
fn joins(text: &str, next: usize, c: char, prev: Option<&u8>) -> bool {
    let Some(following) = text[next..].chars().next() else {
        return false;
    };
    match c {
        // "3.5" and "1,000" are numbers; "end. Next" is two words.
        '.' | ',' => prev.is_some_and(u8::is_ascii_digit) && following.is_ascii_digit(),
        _ => following.is_alphanumeric(),
    }
}

/// Number of words in `text`.
#[must_use]
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "inc", "st", "jr", "sr", "approx", "u.s", "u.k", "fig", "ltd",
    "co", "corp",
];

/// The byte ranges of the sentences of `text`, trimmed of surrounding white space.
///
/// A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or brackets) that is
/// followed by white space and then a capital, digit or opening quote, or by the end of the text;
/// a line break that starts a new list item or paragraph also ends one. Common abbreviations and
/// decimal numbers do not end a sentence.
#[must_use]
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let mut boundary = None;
        if c == '\n' {
            boundary = Some(pos);
        } else if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | ']' | '.' | '!' | '?') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            let next_ok = match chars.get(j) {
                None => true,
                Some(&(_, w)) if w.is_whitespace() => {
                    let mut k = j;
                    while k < chars.len() && chars[k].1.is_whitespace() {
                        k += 1;
                    }
                    chars.get(k).is_none_or(|&(_, n)| {
                        n.is_uppercase()
                            || n.is_ascii_digit()
                            || matches!(n, '"' | '“' | '\'' | '‘' | '(' | '[' | '*' | '_')
                    })
                }
                _ => false,
            };
            if next_ok && !(c == '.' && ends_with_abbreviation(&text[start..pos])) {
                boundary = Some(end);
                i = j.saturating_sub(1);
            }
        }
        if let Some(b) = boundary {
            push_trimmed(text, start..b, &mut out);
            start = b;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn ends_with_abbreviation(before: &str) -> bool {
    let last = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let last = last.to_ascii_lowercase();
    // A single capital letter ("J. Smith") is an initial, not the end of a sentence.
    ABBREVIATIONS.contains(&last.as_str()) || (last.len() == 1 && before.ends_with(|c: char| c.is_uppercase()))
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// An estimate of the syllables in an English `word` (vowel groups, silent final "e").
#[must_use]
pub fn syllables(word: &str) -> usize {
    let lower: Vec<char> = word.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    if lower.is_empty() {
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut prev = false;
    for &c in &lower {
        let v = is_vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    let n = lower.len();
    // A final "e" is silent ("make"), except in "-le" after a consonant ("table").
    let silent_e = n > 2 && lower[n - 1] == 'e' && !is_vowel(lower[n - 2]);
    let consonant_le = n > 2 && lower[n - 2] == 'l' && !is_vowel(lower[n - 3]);
    if silent_e && !consonant_le {
        count -= 1;
    }
    count.max(1)
}

/// True when `text` contains a digit (a number, a percentage, a date).
#[must_use]
pub fn has_number(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// Flesch reading ease and Flesch–Kincaid grade of `text`, or `None` for text without words.
#[must_use]
pub fn readability(text: &str) -> Option<(f64, f64)> {
    let sentence_count = sentences(text).len().max(1);
    let mut word_count = 0usize;
    let mut syllable_count = 0usize;
    for w in words(text) {
        word_count += 1;
        syllable_count += syllables(&text[w]);
    }
    if word_count == 0 {
        return None;
    }
    let wps = word_count as f64 / sentence_count as f64;
    let spw = syllable_count as f64 / word_count as f64;
    Some((206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_list(text: &str) -> Vec<&str> {
        words(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn words_keep_joined_parts_together() {
        assert_eq!(
            word_list("Don't stop: self-service costs $3.5, or 1,000 units."),
            ["Don't", "stop", "self-service", "costs", "3.5", "or", "1,000", "units"]
        );
        assert_eq!(word_list("café — naïve"), ["café", "naïve"]);
        assert_eq!(word_list(""), Vec::<&str>::new());
    }

    #[test]
    fn sentences_split_on_terminal_punctuation_only() {
        let text = "It costs $3.50 a month. Dr. Lee agrees, e.g. for teams! Why? \"Yes.\" Done";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["It costs $3.50 a month.", "Dr. Lee agrees, e.g. for teams!", "Why?", "\"Yes.\"", "Done"]);
    }

    #[test]
    fn syllables_are_plausible() {
        assert_eq!(syllables("cat"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("readability"), 5);
    }

    #[test]
    fn readability_of_simple_text_is_easy() {
        let (ease, grade) = readability("The cat sat on the mat. It was warm.").expect("words");
        assert!(ease > 90.0, "{ease}");
        assert!(grade < 2.0, "{grade}");
    }
}
