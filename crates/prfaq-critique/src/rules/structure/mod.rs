//! Structure: each press-release part present and in order, one page, quotes attributed.

/// Repeats a string literal ten times, for documentation examples that must pass a word limit.
macro_rules! ten_times {
    ($s:expr) => {
        concat!($s, $s, $s, $s, $s, $s, $s, $s, $s, $s)
    };
}

mod empty_document;
mod faq_too_long;
mod headline_without_benefit;
mod long_headline;
mod long_paragraph;
mod long_subheadline;
mod malformed_dateline;
mod missing_call_to_action;
mod missing_customer_quote;
mod missing_dateline;
mod missing_external_faq;
mod missing_headline;
mod missing_internal_faq;
mod missing_leader_quote;
mod missing_press_release;
mod missing_problem;
mod missing_solution;
mod missing_subheadline;
mod press_release_too_long;
mod press_release_too_short;
mod sections_out_of_order;
mod unattributed_quote;
mod unplaced_faq_content;
mod unreadable_front_matter;

use prfaq_doc::{Document, PrRole, QuoteKind, SectionKind, Span, TextSpan, text};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Emitter, Rule};
use crate::rules::Audience;

/// The structure rules.
pub(crate) const RULES: &[&Rule] = &[
    &missing_headline::RULE,
    &long_headline::RULE,
    &headline_without_benefit::RULE,
    &missing_subheadline::RULE,
    &missing_dateline::RULE,
    &malformed_dateline::RULE,
    &missing_press_release::RULE,
    &missing_problem::RULE,
    &missing_solution::RULE,
    &missing_leader_quote::RULE,
    &missing_customer_quote::RULE,
    &unattributed_quote::RULE,
    &missing_call_to_action::RULE,
    &press_release_too_long::RULE,
    &press_release_too_short::RULE,
    &missing_external_faq::RULE,
    &missing_internal_faq::RULE,
    &faq_too_long::RULE,
    &long_paragraph::RULE,
    &sections_out_of_order::RULE,
    &unreadable_front_matter::RULE,
    &unplaced_faq_content::RULE,
    &empty_document::RULE,
    &long_subheadline::RULE,
];

/// True when the document has at least one prose word (a heading counts).
///
/// Rules about missing parts stay silent on a document without words, which
/// `empty-document` reports once instead of every rule reporting it again.
pub(crate) fn has_words(doc: &Document) -> bool {
    doc.blocks.iter().any(|b| b.kind.is_prose() && !b.words.is_empty())
}

/// Where a missing part of the press release is reported: the headline, else the first
/// sentence of the first press-release paragraph, else the first line of the document.
pub(crate) fn anchor(doc: &Document) -> Span {
    if let Some(h) = &doc.press_release.headline {
        return h.span;
    }
    if let Some(p) = doc.press_release.paragraphs.first() {
        return lead_sentence(doc, p.block);
    }
    first_line(doc)
}

/// The first line of the document's body (after any front matter), without its line break.
pub(crate) fn first_line(doc: &Document) -> Span {
    let start = doc.blocks.first().map_or(0, |b| b.span.start);
    doc.lines.line_span(&doc.source, doc.location(start).line)
}

/// The source span of the first sentence of block `block` (the whole block when it has none).
pub(crate) fn lead_sentence(doc: &Document, block: usize) -> Span {
    let b = &doc.blocks[block];
    text::sentences(&b.text).into_iter().next().map_or(b.span, |r| b.source_span(r))
}

/// The heading words of the first section of one of `kinds`, if there is one.
pub(crate) fn section_heading(doc: &Document, kinds: &[SectionKind]) -> Option<Span> {
    doc.sections.iter().find(|s| kinds.contains(&s.kind)).map(|s| doc.blocks[s.heading].content_span())
}

/// `span` without trailing white space, so an underline ends at the last character.
pub(crate) fn trim_end(doc: &Document, span: Span) -> Span {
    let text = doc.text(span);
    Span::new(span.start, span.start + text.trim_end().len())
}

/// The block that holds a headline or subheadline, and where its text starts in the block's
/// text, so ranges of the text can be mapped back to the source exactly.
pub(crate) fn block_of(doc: &Document, part: &TextSpan) -> Option<(usize, usize)> {
    let idx = doc.blocks.iter().position(|b| b.span.contains(part.span) && !b.text.is_empty())?;
    let offset = doc.blocks[idx].text.find(part.text.as_str())?;
    Some((idx, offset))
}

/// Shared check for the "missing part" rules: fires once, at [`anchor`], when the press release
/// has body paragraphs but none plays `role`. Without any paragraph, `missing-press-release`
/// reports the whole press release instead.
pub(crate) fn missing_role(cx: &Context<'_>, out: &mut Emitter<'_>, role: PrRole, advice: &str) {
    let pr = &cx.doc.press_release;
    if pr.paragraphs.is_empty() || pr.part(role).is_some() {
        return;
    }
    out.emit_with(
        anchor(cx.doc),
        format!("the press release has no {} paragraph", role.label()),
        Suggestion::advice(advice),
    );
}

/// Shared check for the missing-quote rules: fires once, at [`anchor`], when the press release
/// has body paragraphs but no quote of `kind`.
pub(crate) fn missing_quote(cx: &Context<'_>, out: &mut Emitter<'_>, kind: QuoteKind, who: &str, advice: &str) {
    if cx.doc.press_release.paragraphs.is_empty() || cx.doc.quotes.iter().any(|q| q.kind == kind) {
        return;
    }
    out.emit_with(anchor(cx.doc), format!("the press release has no quote from {who}"), Suggestion::advice(advice));
}

/// Shared check for the missing-FAQ rules: fires once when the document has words but no FAQ
/// entry that `audience` reads, at the heading of the other FAQ if there is one, else at
/// [`anchor`].
pub(crate) fn missing_faq(cx: &Context<'_>, out: &mut Emitter<'_>, audience: Audience, message: &str, advice: &str) {
    let doc = cx.doc;
    if !audience.entries(doc).is_empty() || !has_words(doc) {
        return;
    }
    let other = match audience {
        Audience::Customers => SectionKind::InternalFaq,
        Audience::Stakeholders => SectionKind::ExternalFaq,
    };
    let at = section_heading(doc, &[other]).unwrap_or_else(|| anchor(doc));
    out.emit_with(at, message, Suggestion::advice(advice));
}
