//! Whether a quote in a document is an evidence item's words: "in the customer's own words".
//!
//! Case, punctuation, curly quotes and white space are ignored; an ellipsis (`…`, `...`,
//! `[...]`) splits the quote into parts that must each be found. A part matches when at least
//! [`AGREEMENT`] percent of its words appear, in order, in a stretch of the item not much longer than
//! the part: a light edit ("I have to" for "I've got to", a dropped filler word) still matches,
//! a sentence made of the item's words in another order does not.

/// The share of a part's words, in percent, that must be found in order.
pub const AGREEMENT: usize = 80;

/// True when `quote` is found in `text` as defined in the module documentation.
#[must_use]
pub fn matches(quote: &str, text: &str) -> bool {
    let haystack = normalised(text);
    let parts: Vec<Vec<String>> =
        split_at_ellipses(quote).iter().map(|p| normalised(p)).filter(|p| !p.is_empty()).collect();
    !parts.is_empty() && parts.iter().all(|p| part_found(p, &haystack))
}

/// The words of `text`, lower-case, apostrophes straight.
fn normalised(text: &str) -> Vec<String> {
    prfaq_doc::text::words(text).map(|r| text[r].to_lowercase().replace('’', "'")).collect()
}

fn split_at_ellipses(quote: &str) -> Vec<&str> {
    let mut parts = vec![quote];
    for mark in ["[...]", "[…]", "...", "…"] {
        parts = parts.into_iter().flat_map(|p| p.split(mark)).collect();
    }
    parts
}

/// True when enough of `part`'s words appear in order within a window of `text`.
fn part_found(part: &[String], text: &[String]) -> bool {
    let m = part.len();
    let needed = (m * AGREEMENT).div_ceil(100);
    if m < 4 {
        return text.windows(m).any(|w| w == part);
    }
    let width = m + m / 4 + 2;
    let anchors: Vec<&String> = part.iter().take(m - needed + 1).collect();
    (0..text.len()).filter(|&j| anchors.contains(&&text[j])).any(|j| {
        let window = &text[j..text.len().min(j + width)];
        common_in_order(part, window) >= needed
    })
}

/// The length of the longest common subsequence of two word lists.
fn common_in_order(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const TICKET: &str = "Honestly, every Monday I spend six hours copying numbers from five tools into one spreadsheet. It's soul-destroying.";

    #[test]
    fn the_customers_words_match_whatever_the_punctuation() {
        assert!(matches(
            "“Every Monday I spend six hours copying numbers from five tools into one spreadsheet.”",
            TICKET
        ));
        assert!(matches("every monday i spend six hours copying numbers from five tools", TICKET));
    }

    #[test]
    fn a_light_edit_still_matches() {
        assert!(matches(
            "Every Monday I spend six hours copying the numbers from five tools into a spreadsheet",
            TICKET
        ));
    }

    #[test]
    fn an_ellipsis_joins_two_parts_that_must_both_be_found() {
        assert!(matches("Every Monday I spend six hours … It's soul-destroying.", TICKET));
        assert!(!matches("Every Monday I spend six hours … It's wonderful and I love it.", TICKET));
    }

    #[test]
    fn invented_words_do_not_match() {
        assert!(!matches("I wish I had one dashboard that did this for me automatically.", TICKET));
        assert!(!matches("Five tools into one spreadsheet every Monday, copying numbers I spend six hours", TICKET));
        assert!(!matches("", TICKET));
    }

    #[test]
    fn short_quotes_must_be_exact() {
        assert!(matches("soul-destroying", TICKET));
        assert!(!matches("soul-crushing", TICKET));
    }
}
