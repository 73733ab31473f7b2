//! The typed PR/FAQ model that the parser produces and everything else reads.

use std::ops::Range;

use serde::Serialize;

use crate::span::{LineIndex, Location, Span};
use crate::topics::Topic;

/// A parsed PR/FAQ: the source text plus everything found in it, each part with its span.
#[derive(Debug, Clone)]
pub struct Document {
    /// The whole source text, as given.
    pub source: String,
    /// Line starts of `source`, for locations.
    pub lines: LineIndex,
    /// YAML front matter, when the document opens with one.
    pub front_matter: Option<FrontMatter>,
    /// Every top-level Markdown block, in order.
    pub blocks: Vec<Block>,
    /// Every heading's section, in order.
    pub sections: Vec<Section>,
    /// For each block, the kind of region it lies in (press release, an FAQ, appendix, …).
    pub regions: Vec<SectionKind>,
    /// The press release: headline, datelines, paragraphs by role.
    pub press_release: PressRelease,
    /// The quotes found in the press release.
    pub quotes: Vec<Quote>,
    /// Every FAQ entry, external and internal, in document order.
    pub faqs: Vec<FaqEntry>,
    /// Every placeholder (TBD, TBC, TODO, `??`, `[…]`, "to be determined").
    pub placeholders: Vec<Placeholder>,
    /// Every `[ev:ID]` / `[obs:ID]` citation.
    pub evidence_refs: Vec<EvidenceRef>,
    /// Inline `<!-- prfaq-disable … -->` comments and what they cover.
    pub suppressions: Vec<Suppression>,
    /// What the parser could not place; the critique engine reports these as findings.
    pub issues: Vec<ParseIssue>,
}

impl Document {
    /// The 1-based line and column of byte `offset`.
    #[must_use]
    pub fn location(&self, offset: usize) -> Location {
        self.lines.location(&self.source, offset)
    }

    /// The source text under `span`.
    #[must_use]
    pub fn text(&self, span: Span) -> &str {
        span.slice(&self.source)
    }

    /// A front matter value by key (case-insensitive), trimmed, when present and non-empty.
    #[must_use]
    pub fn meta(&self, key: &str) -> Option<&MetaField> {
        self.front_matter
            .as_ref()?
            .fields
            .iter()
            .find(|f| f.key.eq_ignore_ascii_case(key) && !f.value.trim().is_empty())
    }

    /// The FAQ entries of one kind.
    pub fn faqs_of(&self, kind: FaqKind) -> impl Iterator<Item = &FaqEntry> {
        self.faqs.iter().filter(move |f| f.kind == kind)
    }

    /// Entries a customer would read: external ones, and those of an FAQ with no split.
    pub fn customer_faqs(&self) -> impl Iterator<Item = &FaqEntry> {
        self.faqs.iter().filter(|f| f.kind != FaqKind::Internal)
    }

    /// Entries stakeholders would read: internal ones, and those of an FAQ with no split.
    pub fn stakeholder_faqs(&self) -> impl Iterator<Item = &FaqEntry> {
        self.faqs.iter().filter(|f| f.kind != FaqKind::External)
    }

    /// Word counts of the main parts.
    #[must_use]
    pub fn word_counts(&self) -> WordCounts {
        let faq_words = |kind: FaqKind| -> usize {
            self.faqs_of(kind).map(|f| crate::text::word_count(&f.question.text) + f.answer_words).sum()
        };
        WordCounts {
            total: self.blocks.iter().filter(|b| b.kind.is_prose()).map(|b| b.words.len()).sum(),
            press_release: self.press_release.word_count,
            external_faq: faq_words(FaqKind::External) + faq_words(FaqKind::Combined),
            internal_faq: faq_words(FaqKind::Internal),
        }
    }

    /// True when quotes are declared illustrative for the whole document in front matter.
    #[must_use]
    pub fn quotes_illustrative(&self) -> bool {
        self.meta("quotes").is_some_and(|f| f.value.eq_ignore_ascii_case("illustrative"))
            || self.meta("illustrative").is_some_and(|f| f.value.eq_ignore_ascii_case("true"))
    }

    /// True when block `block` is part of the PR/FAQ proper (press release or an FAQ), not an
    /// appendix, design section or other material that style rules leave alone.
    #[must_use]
    pub fn in_prfaq(&self, block: usize) -> bool {
        self.regions.get(block).is_some_and(|r| *r == SectionKind::PressRelease || r.is_faq())
    }

    /// The block index of the section that contains block `block`, if any.
    #[must_use]
    pub fn section_of_block(&self, block: usize) -> Option<&Section> {
        self.sections.iter().rev().find(|s| s.heading <= block && block < s.blocks.end)
    }
}

/// Word counts of the document's parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WordCounts {
    /// All prose words.
    pub total: usize,
    /// Words of the press release body (headline and FAQ excluded).
    pub press_release: usize,
    /// Words of the external FAQ, questions and answers.
    pub external_faq: usize,
    /// Words of the internal FAQ, questions and answers.
    pub internal_faq: usize,
}

/// A piece of text with the span it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    /// Plain text, markup removed.
    pub text: String,
    /// Where it is in the source.
    pub span: Span,
}

/// The YAML front matter block.
#[derive(Debug, Clone, Serialize)]
pub struct FrontMatter {
    /// The whole block, delimiters included.
    pub span: Span,
    /// Top-level `key: value` fields, in order.
    pub fields: Vec<MetaField>,
}

/// One front matter field; lists are joined with ", ".
#[derive(Debug, Clone, Serialize)]
pub struct MetaField {
    /// The key.
    pub key: String,
    /// The value as text.
    pub value: String,
    /// The span of the value (or of the key line when the value spans several lines).
    pub span: Span,
}

/// The kind of a top-level Markdown block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading of the given level (1–6).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A bulleted or numbered list.
    List,
    /// A block quote.
    BlockQuote,
    /// A fenced or indented code block.
    Code,
    /// A table.
    Table,
    /// Raw HTML, comments included.
    Html,
    /// A thematic break (`---`).
    Rule,
    /// Anything else (footnote definitions, math).
    Other,
}

impl BlockKind {
    /// True for blocks whose text is prose that the style rules read.
    #[must_use]
    pub fn is_prose(self) -> bool {
        matches!(self, Self::Paragraph | Self::List | Self::BlockQuote | Self::Heading(_) | Self::Table)
    }
}

/// A run of a block's plain text and the source bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Where the run starts in the block's `text`.
    pub text_start: usize,
    /// Its length in the block's `text`.
    pub text_len: usize,
    /// The source bytes it came from.
    pub span: Span,
    /// True when the text is the source bytes verbatim, so offsets map one to one.
    pub exact: bool,
    /// True for inline code, which prose rules skip.
    pub code: bool,
}

/// One top-level Markdown block with its plain text.
#[derive(Debug, Clone)]
pub struct Block {
    /// What kind of block.
    pub kind: BlockKind,
    /// Its source span.
    pub span: Span,
    /// Plain text: markup removed, line breaks inside a paragraph as spaces, list items and
    /// nested paragraphs separated by `\n`.
    pub text: String,
    /// How `text` maps back to the source.
    pub segments: Vec<Segment>,
    /// True when some segment is inline code.
    pub has_code: bool,
    /// Word ranges in `text`, inline code excluded.
    pub words: Vec<Range<usize>>,
    /// The text range of a bold run that opens the block (for `**Q: …**` questions).
    pub lead_strong: Option<Range<usize>>,
    /// Text ranges of list items (lists only) or inner paragraphs (block quotes).
    pub items: Vec<Range<usize>>,
    /// True when every word of the block is emphasised or bold.
    pub all_emphasis: bool,
    /// Raw HTML inside the block (HTML blocks and inline HTML), for comments.
    pub html: String,
}

impl Block {
    /// The source span of the block's text, from where its first segment starts to where its
    /// last ends: a heading's words without the `#` markers and the line break, so an
    /// underline sits under the words. The block's whole span when it has no segments.
    #[must_use]
    pub fn content_span(&self) -> Span {
        match (self.segments.first(), self.segments.last()) {
            (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
            _ => self.span,
        }
    }

    /// The source span of a range of this block's `text`.
    ///
    /// Exact segments map byte for byte; a range inside an inexact segment (an escape, an
    /// entity) maps to that whole segment. Falls back to the block's span.
    #[must_use]
    pub fn source_span(&self, range: Range<usize>) -> Span {
        let start = self.map_offset(range.start, false);
        let end = self.map_offset(range.end, true);
        match (start, end) {
            (Some(s), Some(e)) if s <= e => Span::new(s, e),
            (Some(s), _) => Span::new(s, self.segment_end(s)),
            _ => self.span,
        }
    }

    fn segment_end(&self, source: usize) -> usize {
        self.segments.iter().find(|s| s.span.start <= source && source <= s.span.end).map_or(source, |s| s.span.end)
    }

    fn map_offset(&self, offset: usize, is_end: bool) -> Option<usize> {
        let idx = self.segments.partition_point(|s| {
            if is_end { s.text_start + s.text_len < offset } else { s.text_start + s.text_len <= offset }
        });
        let seg = self.segments.get(idx)?;
        if offset < seg.text_start {
            // In a gap between segments (a soft break): snap to the nearer edge.
            return Some(if is_end {
                self.segments.get(idx.wrapping_sub(1)).map_or(seg.span.start, |p| p.span.end)
            } else {
                seg.span.start
            });
        }
        let within = offset - seg.text_start;
        Some(if seg.exact {
            seg.span.start + within
        } else if is_end {
            seg.span.end
        } else {
            seg.span.start
        })
    }

    /// True when the text range overlaps inline code.
    #[must_use]
    pub fn in_code(&self, range: &Range<usize>) -> bool {
        self.has_code
            && self
                .segments
                .iter()
                .any(|s| s.code && s.text_start < range.end && range.start < s.text_start + s.text_len)
    }
}

/// What a section is, judged from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// The press release, or a part of it.
    PressRelease,
    /// Questions customers ask ("FAQ", "Customer FAQ", "External FAQ", "Public FAQ").
    ExternalFaq,
    /// Questions stakeholders ask ("Internal FAQ", "Stakeholder FAQ").
    InternalFaq,
    /// One FAQ holding both kinds of question.
    CombinedFaq,
    /// A question heading inside an FAQ.
    Question,
    /// A group of questions inside an FAQ ("Pricing").
    FaqGroup,
    /// Tenets.
    Tenets,
    /// An appendix.
    Appendix,
    /// A technical design or implementation plan.
    TechnicalDesign,
    /// Anything else.
    Other,
}

impl SectionKind {
    /// True for the three FAQ kinds.
    #[must_use]
    pub fn is_faq(self) -> bool {
        matches!(self, Self::ExternalFaq | Self::InternalFaq | Self::CombinedFaq)
    }
}

/// A heading and the blocks under it (up to the next heading of the same or higher level).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// What the section is.
    pub kind: SectionKind,
    /// The heading's text.
    pub title: String,
    /// The heading level (1–6).
    pub level: u8,
    /// The block index of the heading.
    pub heading: usize,
    /// Block indices of the section, the heading included, subsections included.
    pub blocks: Range<usize>,
    /// From the heading to the end of the section.
    pub span: Span,
}

/// The role a press-release paragraph plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum PrRole {
    /// The opening paragraph: who, what, the benefit.
    Summary,
    /// The customer's pain today.
    Problem,
    /// How the product removes the pain.
    Solution,
    /// A company leader's quote.
    LeaderQuote,
    /// The experience, step by step.
    HowItWorks,
    /// A customer's quote.
    CustomerQuote,
    /// How to get it.
    CallToAction,
    /// Any other paragraph.
    Body,
}

impl PrRole {
    /// A human name for the role.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Summary => "summary",
            Self::Problem => "problem",
            Self::Solution => "solution",
            Self::LeaderQuote => "leader quote",
            Self::HowItWorks => "how it works",
            Self::CustomerQuote => "customer quote",
            Self::CallToAction => "call to action",
            Self::Body => "body",
        }
    }
}

/// A press-release paragraph and its role.
#[derive(Debug, Clone, Serialize)]
pub struct PrParagraph {
    /// Index into `Document::blocks`.
    pub block: usize,
    /// Its role.
    pub role: PrRole,
    /// Its span.
    pub span: Span,
}

/// The dateline that opens the summary: `CITY — DATE —`.
#[derive(Debug, Clone, Serialize)]
pub struct Dateline {
    /// The dateline text.
    pub text: String,
    /// The city, when one was recognised.
    pub city: Option<String>,
    /// The date, when one was recognised.
    pub date: Option<String>,
    /// True for the canonical `CITY — DATE —` form.
    pub well_formed: bool,
    /// Its span.
    pub span: Span,
}

/// The press release part of the document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PressRelease {
    /// From the headline to the last press-release block.
    pub span: Option<Span>,
    /// The headline.
    pub headline: Option<TextSpan>,
    /// The subheadline.
    pub subheadline: Option<TextSpan>,
    /// The dateline.
    pub dateline: Option<Dateline>,
    /// Body paragraphs (and lists and block quotes) with their roles, in order.
    pub paragraphs: Vec<PrParagraph>,
    /// True when the press release sits under an explicit "Press Release" heading.
    pub has_heading: bool,
    /// Words in the body paragraphs.
    pub word_count: usize,
}

impl PressRelease {
    /// The first paragraph with `role`.
    #[must_use]
    pub fn part(&self, role: PrRole) -> Option<&PrParagraph> {
        self.paragraphs.iter().find(|p| p.role == role)
    }

    /// The position of the first paragraph with `role`.
    #[must_use]
    pub fn position(&self, role: PrRole) -> Option<usize> {
        self.paragraphs.iter().position(|p| p.role == role)
    }
}

/// Who a quote is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A company leader.
    Leader,
    /// A customer.
    Customer,
    /// Not known.
    Unknown,
}

/// A quote in the press release.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// The quoted words.
    pub text: String,
    /// The quoted words' span.
    pub span: Span,
    /// The paragraph's block index.
    pub block: usize,
    /// The speaker's name, when attributed.
    pub speaker: Option<String>,
    /// The speaker's title or role.
    pub title: Option<String>,
    /// Leader or customer.
    pub kind: QuoteKind,
    /// Marked `<!-- illustrative -->` (or the whole document's quotes are).
    pub illustrative: bool,
}

/// Which FAQ an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaqKind {
    /// Questions customers ask.
    External,
    /// Questions stakeholders ask.
    Internal,
    /// An FAQ with no external/internal split.
    Combined,
}

impl FaqKind {
    /// A human name for the kind.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::External => "external",
            Self::Internal => "internal",
            Self::Combined => "faq",
        }
    }
}

/// One FAQ question and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct FaqEntry {
    /// External, internal or combined.
    pub kind: FaqKind,
    /// The label the author gave it ("Question 1", "C2"), if any.
    pub label: Option<String>,
    /// The question.
    pub question: TextSpan,
    /// The answer's plain text (empty when there is none).
    pub answer: TextSpan,
    /// Words in the answer.
    pub answer_words: usize,
    /// Block indices of the answer.
    pub answer_blocks: Range<usize>,
    /// The topics the entry covers.
    pub topics: Vec<Topic>,
    /// The whole entry.
    pub span: Span,
}

/// The kind of a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceholderKind {
    /// TBD, TBA, "to be determined", "to be decided", "to be announced".
    Tbd,
    /// TBC, "to be confirmed".
    Tbc,
    /// TODO.
    Todo,
    /// `??`.
    QuestionMarks,
    /// `[…]` or `[...]`.
    Elision,
    /// Template guidance not yet replaced: a paragraph that is one parenthetical, or a
    /// `(Summary: …)`-style part of the skeleton `prfaq new` writes.
    Guidance,
}

/// A placeholder: a fact the document has not settled yet, and so a risk.
#[derive(Debug, Clone, Serialize)]
pub struct Placeholder {
    /// The kind.
    pub kind: PlaceholderKind,
    /// The matched text.
    pub text: String,
    /// Its span.
    pub span: Span,
    /// Where it is: a press-release part, an FAQ, a section title, or "front matter".
    pub section: String,
    /// The sentence around it.
    pub context: String,
    /// The question it leaves open.
    pub question: String,
    /// Index into `Document::faqs` when it is in an FAQ entry.
    pub faq: Option<usize>,
    /// Its press-release role, when it is in the press release.
    pub role: Option<PrRole>,
}

/// A citation of evidence: `[ev:ID]` or a prototype observation `[obs:ID]`.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRef {
    /// `ev` or `obs`.
    pub scheme: String,
    /// The id.
    pub id: String,
    /// Its span.
    pub span: Span,
}

/// An inline suppression comment.
#[derive(Debug, Clone, Serialize)]
pub struct Suppression {
    /// Rule ids or names; empty means every rule.
    pub rules: Vec<String>,
    /// The comment's span.
    pub comment: Span,
    /// What it covers: the next block, or the whole file for `prfaq-disable-file`.
    pub covers: Span,
}

/// Something the parser could not place.
#[derive(Debug, Clone, Serialize)]
pub struct ParseIssue {
    /// What went wrong.
    pub kind: ParseIssueKind,
    /// A sentence for the user.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// The kinds of parse issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParseIssueKind {
    /// The document has no text.
    EmptyDocument,
    /// `---` opens front matter that never closes.
    UnclosedFrontMatter,
    /// The front matter is not valid YAML or not a map.
    MalformedFrontMatter,
    /// Text in an FAQ before its first question.
    UnplacedFaqContent,
}
