//! The comparable parts of one document: front matter fields, headline, subheadline, each
//! press-release role, and each FAQ entry.

use prfaq_doc::{Document, FaqKind, PrRole, SectionKind, Topic};

use crate::diff::ItemKind;

/// One part's identity and text.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub(crate) kind: ItemKind,
    /// A label for people: "headline", "problem", the FAQ question.
    pub(crate) label: String,
    pub(crate) text: String,
    /// 1-based line where the part starts.
    pub(crate) line: usize,
    /// For FAQ entries: the question, its kind and topics.
    pub(crate) question: Option<(String, FaqKind, Vec<Topic>)>,
}

/// The press-release and front-matter parts, in a fixed order.
pub(crate) fn fixed_parts(doc: &Document) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut push = |kind: ItemKind, label: &str, text: String, offset: usize| {
        parts.push(Part { kind, label: label.to_string(), text, line: doc.location(offset).line, question: None });
    };
    if let Some(f) = doc.meta("customer") {
        push(ItemKind::Customer, "customer", f.value.clone(), f.span.start);
    }
    let pr = &doc.press_release;
    if let Some(h) = &pr.headline {
        push(ItemKind::Headline, "headline", h.text.clone(), h.span.start);
    }
    if let Some(h) = &pr.subheadline {
        push(ItemKind::Subheadline, "subheadline", h.text.clone(), h.span.start);
    }
    for role in [
        PrRole::Summary,
        PrRole::Problem,
        PrRole::Solution,
        PrRole::LeaderQuote,
        PrRole::HowItWorks,
        PrRole::CustomerQuote,
        PrRole::CallToAction,
        PrRole::Body,
    ] {
        let paragraphs: Vec<_> = pr.paragraphs.iter().filter(|p| p.role == role).collect();
        if let Some(first) = paragraphs.first() {
            let text = paragraphs.iter().map(|p| doc.blocks[p.block].text.as_str()).collect::<Vec<_>>().join("\n");
            push(ItemKind::PressRelease(role), role.label(), text, first.span.start);
        }
    }
    parts
}

/// Sections outside the press release and FAQ (design, appendix, tenets…), by title.
pub(crate) fn other_sections(doc: &Document) -> Vec<Part> {
    doc.sections
        .iter()
        .filter(|s| matches!(s.kind, SectionKind::TechnicalDesign | SectionKind::Appendix | SectionKind::Tenets))
        .map(|s| {
            let text = doc.blocks[s.blocks.start + 1..s.blocks.end]
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            Part {
                kind: ItemKind::Section,
                label: s.title.clone(),
                text,
                line: doc.location(s.span.start).line,
                question: None,
            }
        })
        .collect()
}

/// Every FAQ entry with a question, question and answer (an empty `**Q:**` left from a
/// template is not a question).
pub(crate) fn faq_parts(doc: &Document) -> Vec<Part> {
    doc.faqs
        .iter()
        .filter(|f| !f.question.text.trim().is_empty())
        .map(|f| Part {
            kind: ItemKind::Faq,
            label: f.question.text.clone(),
            text: f.answer.text.clone(),
            line: doc.location(f.question.span.start).line,
            question: Some((f.question.text.clone(), f.kind, f.topics.clone())),
        })
        .collect()
}
