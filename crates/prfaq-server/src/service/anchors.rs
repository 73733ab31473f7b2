//! Comment anchors: the section a passage lies in, and finding a passage again in a later
//! revision.

use prfaq_doc::Document;
use prfaq_doc::passage::section_at;
use prfaq_store::Anchor;

/// An anchor for the passage at `start..end` of `doc`, when those are valid offsets of a
/// non-empty passage.
pub fn anchor_at(doc: &Document, start: usize, end: usize) -> Option<Anchor> {
    let quote = doc.source.get(start..end)?;
    if quote.trim().is_empty() {
        return None;
    }
    Some(Anchor {
        section: section_at(doc, start),
        quote: quote.to_owned(),
        start: i64::try_from(start).ok()?,
        end: i64::try_from(end).ok()?,
    })
}

/// Finds `anchor`'s passage in a later revision: the occurrence of the quoted text nearest to
/// where it was. `None` when the passage is gone (the comment is then outdated).
pub fn reanchor(anchor: &Anchor, doc: &Document) -> Option<Anchor> {
    let old_start = usize::try_from(anchor.start).unwrap_or(0);
    let best =
        doc.source.match_indices(anchor.quote.as_str()).map(|(at, _)| at).min_by_key(|&at| at.abs_diff(old_start))?;
    anchor_at(doc, best, best + anchor.quote.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "# Acme Reports\n\nMarketers save six hours a week.\n\n## External FAQ\n\n### What does it cost?\n\n$10 a month.\n";

    #[test]
    fn a_passage_is_anchored_to_its_section() {
        let doc = prfaq_doc::parse(V1);
        let start = V1.find("$10").unwrap_or(0);
        let anchor = anchor_at(&doc, start, start + 3).unwrap_or_else(|| panic!("no anchor"));
        assert_eq!(anchor.quote, "$10");
        assert_eq!(anchor.section, "What does it cost?");
        let start = V1.find("six hours").unwrap_or(0);
        let in_release = anchor_at(&doc, start, start + 9).unwrap_or_else(|| panic!("no anchor"));
        assert!(in_release.section.starts_with("Press release"), "{}", in_release.section);
        assert!(anchor_at(&doc, 0, 999).is_none(), "out of range");
        assert!(anchor_at(&doc, 1, 1).is_none(), "empty");
    }

    #[test]
    fn a_passage_moves_with_the_text_and_is_lost_when_gone() {
        let doc = prfaq_doc::parse(V1);
        let start = V1.find("six hours").unwrap_or(0);
        let anchor = anchor_at(&doc, start, start + 9).unwrap_or_else(|| panic!("no anchor"));
        let v2 = V1.replace("# Acme Reports\n", "# Acme Reports\n\nA new opening paragraph.\n");
        let moved = reanchor(&anchor, &prfaq_doc::parse(&v2)).unwrap_or_else(|| panic!("lost"));
        assert_eq!(
            &v2[usize::try_from(moved.start).unwrap_or(0)..usize::try_from(moved.end).unwrap_or(0)],
            "six hours"
        );
        assert!(moved.start > anchor.start);
        let v3 = V1.replace("six hours", "a day");
        assert_eq!(reanchor(&anchor, &prfaq_doc::parse(&v3)), None);
    }
}
