//! Markdown → a flat list of top-level blocks with plain text mapped back to the source.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::model::{Block, BlockKind, Segment};
use crate::span::Span;
use crate::text;

/// Reads the top-level blocks of `source[offset..]`; spans are relative to `source`.
pub(crate) fn read_blocks(source: &str, offset: usize) -> Vec<Block> {
    let body = &source[offset..];
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut blocks = Vec::new();
    let mut builder: Option<Builder> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let span = Span::new(range.start + offset, range.end + offset);
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    builder = Some(Builder::new(kind_of(&tag), span));
                } else if let Some(b) = builder.as_mut() {
                    b.start(&tag, depth);
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(b) = builder.take() {
                        blocks.push(b.finish());
                    }
                } else if let Some(b) = builder.as_mut() {
                    b.end(end, depth);
                }
            }
            other => match builder.as_mut() {
                Some(b) => b.inline(other, span, source),
                None => {
                    // A leaf at the top level: a rule, or an HTML/math block without a wrapper.
                    let mut b = Builder::new(leaf_kind(&other), span);
                    b.inline(other, span, source);
                    blocks.push(b.finish());
                }
            },
        }
    }
    blocks
}

fn kind_of(tag: &Tag<'_>) -> BlockKind {
    match tag {
        Tag::Heading { level, .. } => BlockKind::Heading(*level as u8),
        Tag::Paragraph => BlockKind::Paragraph,
        Tag::List(_) => BlockKind::List,
        Tag::BlockQuote(_) => BlockKind::BlockQuote,
        Tag::CodeBlock(_) => BlockKind::Code,
        Tag::Table(_) => BlockKind::Table,
        Tag::HtmlBlock => BlockKind::Html,
        _ => BlockKind::Other,
    }
}

fn leaf_kind(event: &Event<'_>) -> BlockKind {
    match event {
        Event::Rule => BlockKind::Rule,
        Event::Html(_) => BlockKind::Html,
        _ => BlockKind::Other,
    }
}

/// Accumulates one top-level block's text while its events stream by.
struct Builder {
    kind: BlockKind,
    span: Span,
    text: String,
    segments: Vec<Segment>,
    lead_strong: Option<std::ops::Range<usize>>,
    strong_open: Option<usize>,
    items: Vec<std::ops::Range<usize>>,
    item_start: Option<usize>,
    emphasis_depth: usize,
    emphasised_chars: usize,
    plain_chars: usize,
    html: String,
}

impl Builder {
    fn new(kind: BlockKind, span: Span) -> Self {
        Self {
            kind,
            span,
            text: String::new(),
            segments: Vec::new(),
            lead_strong: None,
            strong_open: None,
            items: Vec::new(),
            item_start: None,
            emphasis_depth: 0,
            emphasised_chars: 0,
            plain_chars: 0,
            html: String::new(),
        }
    }

    fn separate(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    fn start(&mut self, tag: &Tag<'_>, depth: usize) {
        match tag {
            Tag::Item if depth == 1 => {
                self.close_item();
                self.separate();
                self.item_start = Some(self.text.len());
            }
            Tag::Paragraph | Tag::Item | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead => {
                if self.kind == BlockKind::BlockQuote && depth == 1 {
                    self.close_item();
                    self.separate();
                    self.item_start = Some(self.text.len());
                } else {
                    self.separate();
                }
            }
            Tag::TableCell if !self.text.is_empty() && !self.text.ends_with('\n') => self.text.push_str(" | "),
            Tag::Strong => {
                if self.text.trim().is_empty() && self.lead_strong.is_none() && self.strong_open.is_none() {
                    self.strong_open = Some(self.text.len());
                }
                self.emphasis_depth += 1;
            }
            Tag::Emphasis => self.emphasis_depth += 1,
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd, depth: usize) {
        match end {
            TagEnd::Strong => {
                if let Some(start) = self.strong_open.take() {
                    self.lead_strong = Some(start..self.text.len());
                }
                self.emphasis_depth = self.emphasis_depth.saturating_sub(1);
            }
            TagEnd::Emphasis => self.emphasis_depth = self.emphasis_depth.saturating_sub(1),
            TagEnd::Item if depth == 1 => self.close_item(),
            TagEnd::Paragraph if self.kind == BlockKind::BlockQuote && depth == 1 => self.close_item(),
            _ => {}
        }
    }

    fn close_item(&mut self) {
        if let Some(start) = self.item_start.take() {
            let end = self.text.trim_end().len().max(start);
            self.items.push(start..end);
        }
    }

    fn inline(&mut self, event: Event<'_>, span: Span, source: &str) {
        match event {
            Event::Text(t) => self.push_text(&t, span, source, false),
            Event::Code(t) => self.push_text(&t, span, source, true),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t, span, source, true),
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak => self.text.push('\n'),
            Event::Html(t) | Event::InlineHtml(t) => self.html.push_str(&t),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
            Event::Start(_) | Event::End(_) => {}
        }
    }

    fn push_text(&mut self, t: &CowStr<'_>, span: Span, source: &str, code: bool) {
        let t: &str = t;
        let text_start = self.text.len();
        let exact = span.slice(source) == t;
        let chars = t.chars().filter(|c| !c.is_whitespace()).count();
        if self.emphasis_depth > 0 {
            self.emphasised_chars += chars;
        } else {
            self.plain_chars += chars;
        }
        self.text.push_str(t);
        // Inexact runs of inline code map to their backtick-free interior where possible.
        let span = if !exact && code {
            source
                .get(span.start..span.end)
                .and_then(|s| s.find(t).map(|i| Span::new(span.start + i, span.start + i + t.len())))
                .unwrap_or(span)
        } else {
            span
        };
        let exact = exact || span.slice(source) == t;
        self.segments.push(Segment { text_start, text_len: t.len(), span, exact, code });
    }

    fn finish(mut self) -> Block {
        self.close_item();
        if self.strong_open.is_some() {
            self.lead_strong = None;
        }
        let has_code = self.segments.iter().any(|s| s.code);
        let words = if self.kind.is_prose() {
            text::words(&self.text).filter(|r| !has_code || !in_code(&self.segments, r)).collect()
        } else {
            Vec::new()
        };
        Block {
            kind: self.kind,
            span: self.span,
            all_emphasis: self.emphasised_chars > 0 && self.plain_chars == 0,
            text: self.text,
            segments: self.segments,
            has_code,
            words,
            lead_strong: self.lead_strong,
            items: self.items,
            html: self.html,
        }
    }
}

fn in_code(segments: &[Segment], range: &std::ops::Range<usize>) -> bool {
    segments.iter().any(|s| s.code && s.text_start < range.end && range.start < s.text_start + s.text_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(src: &str) -> Vec<Block> {
        read_blocks(src, 0)
    }

    #[test]
    fn paragraphs_map_words_back_to_source() {
        let src = "# Title\n\nSome *very* fast `code` text.\n";
        let b = blocks(src);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].kind, BlockKind::Heading(1));
        assert_eq!(b[1].text, "Some very fast code text.");
        let very = b[1].text.find("very").expect("word");
        let span = b[1].source_span(very..very + 4);
        assert_eq!(span.slice(src), "very");
        // Inline code is not a word for prose rules.
        assert!(!b[1].words.iter().any(|r| &b[1].text[r.clone()] == "code"));
    }

    #[test]
    fn content_span_leaves_out_heading_markers() {
        let src = "## External FAQ ##\n\nSome *very* fast text.\n";
        let b = blocks(src);
        assert_eq!(b[0].content_span().slice(src), "External FAQ");
        assert_eq!(b[1].content_span().slice(src), "Some *very* fast text.");
        let empty = Block { segments: Vec::new(), ..b[0].clone() };
        assert_eq!(empty.content_span(), b[0].span);
    }

    #[test]
    fn lead_strong_marks_bold_questions() {
        let src = "**Question 1: How much?**\n\nAnswer: Ten dollars.\n";
        let b = blocks(src);
        let lead = b[0].lead_strong.clone().expect("bold lead");
        assert_eq!(&b[0].text[lead], "Question 1: How much?");
        assert!(b[0].all_emphasis);
        assert!(b[1].lead_strong.is_none());
    }

    #[test]
    fn list_items_are_recorded() {
        let src = "- one\n- two\n  - nested\n";
        let b = blocks(src);
        assert_eq!(b.len(), 1);
        let items: Vec<&str> = b[0].items.iter().map(|r| &b[0].text[r.clone()]).collect();
        assert_eq!(items, ["one", "two\nnested"]);
    }

    #[test]
    fn html_comments_are_kept() {
        let b = blocks("<!-- prfaq-disable STY001 -->\nText.\n");
        assert_eq!(b[0].kind, BlockKind::Html);
        assert!(b[0].html.contains("prfaq-disable"));
    }
}
