//! Evidence citations in a rendered document: each `[ev:ID]` becomes a link to the item with a
//! card that shows, on hover or keyboard focus, the item's words, who said them, where and
//! when. The card is built here from the stored item, so it needs no script and no request.
//!
//! The input is HTML that `prfaq_export` has already sanitised (ammonia): its text is escaped
//! and its attributes are quoted, so a citation can only be in text between tags. Citations
//! inside links and code are left as they are (a link cannot hold a link, and code shows
//! what was typed).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use prfaq_export::escape;
use prfaq_store::EvidenceItem;

/// Characters of an item's words a card shows at most.
const CARD_CHARS: usize = 280;

/// Elements whose text is not searched for citations.
const SKIPPED: [&str; 3] = ["a", "code", "pre"];

/// `html` with every `[ev:ID]` in its text linked to the item of `workspace` and given a hover
/// card; an id the workspace does not hold is marked as unknown, with a card that says so.
pub(crate) fn cite_evidence(html: &str, workspace: i64, items: &BTreeMap<i64, EvidenceItem>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut skipped = 0usize;
    let mut cards = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = tag_end(rest);
            let tag = &rest[..end];
            if let Some((name, closing)) = tag_name(tag)
                && SKIPPED.iter().any(|s| s.eq_ignore_ascii_case(name))
            {
                if closing {
                    skipped = skipped.saturating_sub(1);
                } else if !tag.ends_with("/>") {
                    skipped += 1;
                }
            }
            out.push_str(tag);
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            if skipped == 0 {
                cite_in_text(text, workspace, items, &mut cards, &mut out);
            } else {
                out.push_str(text);
            }
            rest = &rest[end..];
        }
    }
    out
}

/// The length of the tag at the start of `html` (through its `>`), quoted attribute values
/// (which may hold `>`) included.
fn tag_end(html: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in html.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            (None, _) => {}
        }
    }
    html.len()
}

/// A tag's element name and whether it closes the element.
fn tag_name(tag: &str) -> Option<(&str, bool)> {
    let inner = tag.strip_prefix('<')?;
    let (inner, closing) = match inner.strip_prefix('/') {
        Some(rest) => (rest, true),
        None => (inner, false),
    };
    let end = inner.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(inner.len());
    (end > 0).then(|| (&inner[..end], closing))
}

/// A citation at the start of `text`: its length and id (`[ev:12]`, `[ev: 12]`; the id as
/// `prfaq_doc` reads it: letters, digits, `_`, `.` and `-`).
fn citation_at(text: &str) -> Option<(usize, &str)> {
    let rest = text.strip_prefix("[ev:")?;
    let trimmed = rest.trim_start();
    let skipped = rest.len() - trimmed.len();
    let id_len =
        trimmed.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))).unwrap_or(trimmed.len());
    if id_len == 0 || !trimmed[id_len..].starts_with(']') {
        return None;
    }
    Some((4 + skipped + id_len + 1, &trimmed[..id_len]))
}

fn cite_in_text(text: &str, workspace: i64, items: &BTreeMap<i64, EvidenceItem>, cards: &mut usize, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find("[ev:") {
        out.push_str(&rest[..at]);
        let from = &rest[at..];
        match citation_at(from) {
            Some((len, id)) => {
                *cards += 1;
                let shown = &from[..len];
                match id.parse::<i64>().ok().and_then(|n| items.get(&n)) {
                    Some(item) => card(out, workspace, item, shown, *cards),
                    None => unknown(out, id, shown, *cards),
                }
                rest = &from[len..];
            }
            None => {
                out.push_str("[ev:");
                rest = &from[4..];
            }
        }
    }
    out.push_str(rest);
}

/// A link to a known item with its card.
fn card(out: &mut String, workspace: i64, item: &EvidenceItem, shown: &str, n: usize) {
    let mut words: String = item.text.chars().take(CARD_CHARS).collect();
    if item.text.chars().count() > CARD_CHARS {
        words = format!("{}…", words.trim_end());
    }
    let mut by: Vec<String> = Vec::new();
    if let Some(customer) = &item.customer {
        by.push(customer.clone());
    }
    if let Some(segment) = &item.segment {
        by.push(segment.clone());
    }
    let mut source = format!("{} from {}", item.kind, item.source);
    if let Some(reference) = &item.source_ref {
        let _ = write!(source, " #{reference}");
    }
    by.push(source);
    if let Some(date) = &item.date {
        by.push(date.clone());
    }
    let _ = write!(
        out,
        "<a class=\"cite\" href=\"/w/{workspace}/evidence/{id}\" aria-describedby=\"cite-{n}\">{shown}\
         <span class=\"cite-card\" role=\"tooltip\" id=\"cite-{n}\"><span class=\"cite-words\">“{words}”</span> \
         <span class=\"cite-by\">{by}</span></span></a>",
        id = item.id,
        shown = escape(shown),
        words = escape(&words),
        by = escape(&by.join(" · ")),
    );
}

/// A citation of an id the workspace does not hold.
fn unknown(out: &mut String, id: &str, shown: &str, n: usize) {
    let _ = write!(
        out,
        "<span class=\"cite unknown\" tabindex=\"0\" aria-describedby=\"cite-{n}\">{shown}\
         <span class=\"cite-card\" role=\"tooltip\" id=\"cite-{n}\">No evidence item {id} in this workspace.</span></span>",
        shown = escape(shown),
        id = escape(id),
    );
}

#[cfg(test)]
mod tests {
    use prfaq_store::{EvidenceId, Timestamp, WorkspaceId};

    use super::*;

    fn items() -> BTreeMap<i64, EvidenceItem> {
        let item = EvidenceItem {
            id: EvidenceId(12),
            workspace_id: WorkspaceId(1),
            kind: "ticket".into(),
            source: "zendesk".into(),
            source_ref: Some("4411".into()),
            date: Some("2024-03-05".into()),
            segment: Some("enterprise".into()),
            customer: Some("Dana <dana@northwind>".into()),
            text: "Every Monday I spend six hours <copying> numbers.".into(),
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
        };
        BTreeMap::from([(12, item)])
    }

    #[test]
    fn a_known_citation_links_to_its_item_with_an_escaped_card() {
        let html = cite_evidence("<p>Marketers copy numbers by hand [ev:12].</p>", 1, &items());
        assert!(
            html.starts_with("<p>Marketers copy numbers by hand <a class=\"cite\" href=\"/w/1/evidence/12\""),
            "{html}"
        );
        assert!(html.contains("“Every Monday I spend six hours &lt;copying&gt; numbers.”"), "{html}");
        assert!(
            html.contains("Dana &lt;dana@northwind&gt; · enterprise · ticket from zendesk #4411 · 2024-03-05"),
            "{html}"
        );
        assert!(html.ends_with("</span></span></a>.</p>"), "{html}");
        assert_eq!(html.matches("<a ").count(), html.matches("</a>").count());
    }

    #[test]
    fn an_unknown_citation_says_so_and_is_no_link() {
        let html = cite_evidence("<p>Pain [ev:99] and [ev:abc].</p>", 1, &items());
        assert_eq!(html.matches("cite unknown").count(), 2, "{html}");
        assert!(html.contains("No evidence item 99 in this workspace."), "{html}");
        assert!(!html.contains("href"), "{html}");
        let ids: Vec<&str> = html.match_indices("id=\"cite-").map(|(i, _)| &html[i..i + 11]).collect();
        assert_eq!(ids, ["id=\"cite-1\"", "id=\"cite-2\""], "every card has its own id");
    }

    #[test]
    fn citations_in_links_code_and_attributes_are_left_alone() {
        let html = "<p><a href=\"/x?[ev:12]\" title=\"a > [ev:12]\">see [ev:12]</a> <code>[ev:12]</code></p>\
                    <pre><code>[ev:12]</code></pre><p>[ev:12]</p>";
        let out = cite_evidence(html, 1, &items());
        assert_eq!(out.matches("class=\"cite\"").count(), 1, "only the last one is cited: {out}");
        assert!(
            out.starts_with("<p><a href=\"/x?[ev:12]\" title=\"a > [ev:12]\">see [ev:12]</a> <code>[ev:12]</code></p>")
        );
    }

    #[test]
    fn text_that_only_looks_like_a_citation_is_kept() {
        for text in ["<p>[ev:]</p>", "<p>[ev:12</p>", "<p>[ev:1 2]</p>", "<p>[obs:3] [EV]</p>"] {
            assert_eq!(cite_evidence(text, 1, &items()), text);
        }
        let spaced = cite_evidence("<p>[ev: 12]</p>", 1, &items());
        assert!(spaced.contains(">[ev: 12]<span"), "{spaced}");
    }
}
