//! The parser: source text → [`Document`]. Never fails, never panics.

pub(crate) mod blocks;
pub(crate) mod faq;
pub(crate) mod front_matter;
pub(crate) mod press_release;
pub(crate) mod quotes;
pub(crate) mod scan;
pub(crate) mod sections;

use crate::model::{Document, ParseIssue, ParseIssueKind};
use crate::span::{LineIndex, Span};

/// Parses a PR/FAQ.
///
/// Parsing never fails: whatever cannot be placed is recorded in [`Document::issues`] and the
/// critique engine reports it as a finding.
#[must_use]
pub fn parse(source: &str) -> Document {
    let split = front_matter::split(source);
    let mut issues: Vec<ParseIssue> = split.issue.into_iter().collect();
    if source.trim().is_empty() {
        issues.push(ParseIssue {
            kind: ParseIssueKind::EmptyDocument,
            message: "the document is empty".into(),
            span: Span::new(0, 0),
        });
    }
    let blocks = blocks::read_blocks(source, split.body_start);
    let layout = sections::layout(&blocks);
    // The company, to tell the leader's quote from a customer's: front matter `company`, or
    // the first word of the title ("Acme" of "Acme Reports").
    let field = |key: &str| {
        split.front_matter.as_ref().and_then(|fm| {
            fm.fields
                .iter()
                .find(|f| f.key.eq_ignore_ascii_case(key) && !f.value.trim().is_empty())
                .map(|f| f.value.clone())
        })
    };
    let company = field("company");
    let guess = field("title")
        .and_then(|t| t.split_whitespace().next().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string()))
        .filter(|w| w.len() >= 3);
    let all_illustrative = split.front_matter.as_ref().is_some_and(|fm| {
        fm.fields.iter().any(|f| {
            (f.key.eq_ignore_ascii_case("quotes") && f.value.eq_ignore_ascii_case("illustrative"))
                || (f.key.eq_ignore_ascii_case("illustrative") && f.value.eq_ignore_ascii_case("true"))
        })
    });
    let pr = press_release::extract(&blocks, &layout.regions, company.as_deref(), guess.as_deref(), all_illustrative);
    let faqs = faq::extract(&blocks, &layout.regions, &layout.sections, &mut issues);
    let section_titles = layout.section_of.iter().map(|s| s.map(|i| layout.sections[i].title.as_str())).collect();
    let places = scan::Places { press_release: &pr.press_release, faqs: &faqs, section_titles };
    let placeholders = scan::placeholders(&blocks, split.front_matter.as_ref(), &places);
    let evidence_refs = scan::evidence(&blocks);
    let suppressions = scan::suppressions(&blocks, source.len());
    Document {
        source: source.to_string(),
        lines: LineIndex::new(source),
        front_matter: split.front_matter,
        sections: layout.sections,
        regions: layout.regions,
        press_release: pr.press_release,
        quotes: pr.quotes,
        faqs,
        placeholders,
        evidence_refs,
        suppressions,
        issues,
        blocks,
    }
}
