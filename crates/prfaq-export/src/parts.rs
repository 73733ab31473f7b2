//! The document cut into top-level blocks ("parts"), each with its Markdown events, its region
//! (before, in or after the press release), its source lines and the findings that point into
//! it. Every renderer works from this one layout.

use std::ops::Range;

use prfaq_critique::{Finding, Report, Severity};
use prfaq_doc::{Document, SectionKind};
use pulldown_cmark::{Event, Options, Parser};
use serde::Serialize;

/// The Markdown extensions the parser in `prfaq-doc` enables; the exporter reads the same way.
pub(crate) const OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_FOOTNOTES);

/// Where a part sits relative to the press release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Region {
    /// Before the press release (an RFC's preamble).
    Before,
    /// The press release, headline to last paragraph.
    PressRelease,
    /// After it: the FAQ, appendices.
    After,
}

/// One finding, located.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Note<'a> {
    pub(crate) finding: &'a Finding,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Note<'_> {
    pub(crate) fn severity(&self) -> &'static str {
        self.finding.severity.as_str()
    }
}

/// One top-level Markdown block.
#[derive(Debug)]
pub(crate) struct Part<'a> {
    /// Its source bytes.
    pub(crate) span: Range<usize>,
    /// Its events, with their source ranges.
    pub(crate) events: Vec<(Event<'a>, Range<usize>)>,
    pub(crate) region: Region,
    /// First and last source line (1-based).
    pub(crate) lines: (usize, usize),
    /// The findings that start inside it.
    pub(crate) notes: Vec<Note<'a>>,
}

/// The document as parts, and the findings that belong to no part.
#[derive(Debug)]
pub(crate) struct Layout<'a> {
    pub(crate) parts: Vec<Part<'a>>,
    /// Findings on the front matter or the document as a whole.
    pub(crate) loose: Vec<Note<'a>>,
    /// Where the body starts, after front matter.
    pub(crate) body_start: usize,
}

/// Cuts `doc` into parts and places `review`'s findings.
pub(crate) fn layout<'a>(doc: &'a Document, review: Option<&'a Report>) -> Layout<'a> {
    let source = doc.source.as_str();
    let body_start =
        doc.front_matter.as_ref().map_or(if source.starts_with('\u{feff}') { 3 } else { 0 }, |f| f.span.end);
    let mut parts: Vec<Part<'a>> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(&source[body_start..], OPTIONS).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        let opens = depth == 0;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if opens {
            parts.push(Part {
                span: range.clone(),
                events: Vec::new(),
                region: Region::After,
                lines: (0, 0),
                notes: Vec::new(),
            });
        }
        if let Some(part) = parts.last_mut() {
            part.events.push((event, range));
        }
    }

    // Regions come from the parser's model: the block with the same start has the same index.
    let kinds: Vec<Option<SectionKind>> = parts
        .iter()
        .map(|p| {
            let i = doc.blocks.partition_point(|b| b.span.start < p.span.start);
            doc.blocks.get(i).filter(|b| b.span.start == p.span.start).and_then(|_| doc.regions.get(i).copied())
        })
        .collect();
    let first = kinds.iter().position(|k| *k == Some(SectionKind::PressRelease));
    let last = kinds.iter().rposition(|k| *k == Some(SectionKind::PressRelease));
    for (i, part) in parts.iter_mut().enumerate() {
        part.region = match (first, last) {
            (Some(f), _) if i < f => Region::Before,
            (Some(_), Some(l)) if i <= l => Region::PressRelease,
            _ => Region::After,
        };
        let end = part.span.end.saturating_sub(1).max(part.span.start);
        part.lines = (doc.location(part.span.start).line, doc.location(end).line);
    }

    let mut loose = Vec::new();
    if let Some(report) = review {
        for finding in &report.findings {
            let at = doc.location(finding.span.start);
            let note = Note { finding, line: at.line, column: at.column };
            let i = parts.partition_point(|p| p.span.start <= finding.span.start);
            match i.checked_sub(1).and_then(|i| parts.get_mut(i)) {
                Some(part) if finding.span.start < part.span.end => part.notes.push(note),
                _ => loose.push(note),
            }
        }
    }
    Layout { parts, loose, body_start }
}

/// "3 errors, 5 warnings, 1 note" (or "no findings").
pub(crate) fn tally(report: &Report) -> String {
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let mut out = Vec::new();
    for (severity, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Note, "note", "notes"),
    ] {
        let n = count(severity);
        if n > 0 {
            out.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    if out.is_empty() { "no findings".to_string() } else { out.join(", ") }
}

/// The front matter fields a title block shows: all but the title itself and the quote markers,
/// which are instructions to the checker.
pub(crate) fn meta_fields(doc: &Document) -> Vec<(&str, &str)> {
    doc.front_matter
        .iter()
        .flat_map(|fm| &fm.fields)
        .filter(|f| !["title", "quotes", "illustrative"].iter().any(|k| f.key.eq_ignore_ascii_case(k)))
        .filter(|f| !f.value.trim().is_empty())
        .map(|f| (f.key.as_str(), f.value.trim()))
        .collect()
}

/// The document's title: the headline, the front matter title, the name, or "PR/FAQ".
pub(crate) fn title<'a>(doc: &'a Document, name: Option<&'a str>) -> &'a str {
    doc.press_release
        .headline
        .as_ref()
        .map(|h| h.text.as_str())
        .or_else(|| doc.meta("title").map(|f| f.value.as_str()))
        .or(name)
        .unwrap_or("PR/FAQ")
}

/// The front matter title, shown above the headline.
pub(crate) fn kicker(doc: &Document) -> Option<&str> {
    doc.meta("title").map(|f| f.value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "---\ntitle: Acme\n---\n# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — Today Acme launched.\n\n## External FAQ\n### How much?\n$20.\n";

    #[test]
    fn parts_follow_the_parsers_blocks_and_regions() {
        let doc = prfaq_doc::parse(DOC);
        let layout = layout(&doc, None);
        assert_eq!(layout.parts.len(), doc.blocks.len());
        for (part, block) in layout.parts.iter().zip(&doc.blocks) {
            assert_eq!(part.span, block.span.start..block.span.end);
        }
        let regions: Vec<Region> = layout.parts.iter().map(|p| p.region).collect();
        assert_eq!(regions, [Region::PressRelease, Region::PressRelease, Region::After, Region::After, Region::After]);
        assert_eq!(layout.parts[0].lines, (4, 4));
        assert_eq!(layout.body_start, 20);
    }

    #[test]
    fn blocks_before_the_press_release_are_its_preamble() {
        let src = "## Tenets\n\n1. Customers first.\n\n## Press Release\n\n# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — Today Acme launched.\n\n## FAQ\n### How much?\n$20.\n";
        let doc = prfaq_doc::parse(src);
        let layout = layout(&doc, None);
        let first = doc.regions.iter().position(|r| *r == SectionKind::PressRelease).expect("a press release");
        assert!(first > 0, "the tenets come before the press release: {:?}", doc.regions);
        for (i, part) in layout.parts.iter().enumerate() {
            assert_eq!(part.region == Region::Before, i < first, "part {i}: {:?}", doc.regions);
        }
    }

    #[test]
    fn findings_go_to_the_block_they_start_in() {
        let doc = prfaq_doc::parse(DOC);
        let report = prfaq_critique::Engine::new(prfaq_critique::Config::default()).check(&doc);
        let layout = layout(&doc, Some(&report));
        let placed: usize = layout.parts.iter().map(|p| p.notes.len()).sum::<usize>() + layout.loose.len();
        assert_eq!(placed, report.findings.len());
        for part in &layout.parts {
            for note in &part.notes {
                assert!(part.span.contains(&note.finding.span.start));
                assert!((part.lines.0..=part.lines.1).contains(&note.line));
            }
        }
    }
}
