//! A plain block tree of one part, as JSON for the typst template: headings, paragraphs with
//! inline runs, lists, quotes, code, tables, rules, images. The template lays the tree out, so
//! no document text is ever read as typst markup and nothing needs escaping.

use pulldown_cmark::{Alignment, Event, Tag};
use serde::Serialize;

use crate::images::{self, ImageSource, Target};

/// A block.
#[derive(Debug, Serialize, PartialEq)]
#[serde(tag = "t", rename_all = "snake_case")]
pub(crate) enum Node {
    Heading { level: u8, body: Vec<Inline> },
    Par { body: Vec<Inline> },
    List { ordered: bool, start: u64, items: Vec<Vec<Node>> },
    Quote { body: Vec<Node> },
    Code { text: String },
    Table { align: Vec<&'static str>, header: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>> },
    Rule,
    Footnote { label: String, body: Vec<Node> },
}

/// An inline run.
#[derive(Debug, Serialize, PartialEq)]
#[serde(tag = "t", rename_all = "snake_case")]
pub(crate) enum Inline {
    Text {
        text: String,
    },
    Strong {
        body: Vec<Inline>,
    },
    Emph {
        body: Vec<Inline>,
    },
    Strike {
        body: Vec<Inline>,
    },
    Code {
        text: String,
    },
    /// A link; `url` is `None` when its target is not a web or mail address.
    Link {
        url: Option<String>,
        body: Vec<Inline>,
    },
    Br,
    Sup {
        text: String,
    },
    /// An embedded image, by its path in the typesetter's virtual files.
    Image {
        path: String,
    },
}

/// An image to hand to the typesetter: its virtual path and bytes.
#[derive(Debug)]
pub(crate) struct Asset {
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

/// Builds the tree of one part's events.
pub(crate) struct Builder<'s, 'e> {
    events: std::slice::Iter<'e, Event<'e>>,
    images: Option<&'s dyn ImageSource>,
    /// Images read so far (shared across parts).
    pub(crate) assets: &'s mut Vec<Asset>,
}

impl<'s, 'e> Builder<'s, 'e> {
    pub(crate) fn new(
        events: &'e [Event<'e>],
        images: Option<&'s dyn ImageSource>,
        assets: &'s mut Vec<Asset>,
    ) -> Self {
        Self { events: events.iter(), images, assets }
    }

    /// The blocks up to the end of the enclosing element (or of the events).
    pub(crate) fn blocks(&mut self) -> Vec<Node> {
        let mut out = Vec::new();
        let mut loose: Vec<Inline> = Vec::new();
        let flush = |out: &mut Vec<Node>, loose: &mut Vec<Inline>| {
            if !loose.is_empty() {
                out.push(Node::Par { body: std::mem::take(loose) });
            }
        };
        while let Some(event) = self.events.next() {
            match event {
                Event::End(_) => break,
                Event::Start(tag) if is_block(tag) => {
                    flush(&mut out, &mut loose);
                    if let Some(node) = self.block(tag) {
                        out.push(node);
                    }
                }
                Event::Rule => {
                    flush(&mut out, &mut loose);
                    out.push(Node::Rule);
                }
                Event::Html(html) => {
                    flush(&mut out, &mut loose);
                    let text = html_text(html);
                    if !text.trim().is_empty() {
                        out.push(Node::Par { body: vec![Inline::Text { text }] });
                    }
                }
                other => self.inline(other, &mut loose),
            }
        }
        flush(&mut out, &mut loose);
        out
    }

    fn block(&mut self, tag: &Tag<'_>) -> Option<Node> {
        Some(match tag {
            Tag::Paragraph => Node::Par { body: self.inlines() },
            Tag::Heading { level, .. } => Node::Heading { level: *level as u8, body: self.inlines() },
            Tag::BlockQuote(_) => Node::Quote { body: self.blocks() },
            Tag::CodeBlock(_) => Node::Code { text: self.text_until_end() },
            Tag::HtmlBlock => {
                let text = html_text(&self.text_until_end());
                if text.trim().is_empty() {
                    return None;
                }
                Node::Par { body: vec![Inline::Text { text: text.trim().to_string() }] }
            }
            Tag::List(start) => {
                let mut items = Vec::new();
                while let Some(event) = self.events.next() {
                    match event {
                        Event::Start(Tag::Item) => items.push(self.blocks()),
                        Event::End(_) => break,
                        _ => {}
                    }
                }
                Node::List { ordered: start.is_some(), start: start.unwrap_or(1), items }
            }
            Tag::Table(aligns) => {
                let align = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                        Alignment::Left | Alignment::None => "left",
                    })
                    .collect::<Vec<_>>();
                let mut header = Vec::new();
                let mut rows = Vec::new();
                while let Some(event) = self.events.next() {
                    match event {
                        Event::Start(Tag::TableHead) => header = self.cells(),
                        Event::Start(Tag::TableRow) => rows.push(self.cells()),
                        Event::End(_) => break,
                        _ => {}
                    }
                }
                let n = align.len().max(1);
                header.resize_with(n, Vec::new);
                for row in &mut rows {
                    row.resize_with(n, Vec::new);
                }
                Node::Table { align, header, rows }
            }
            Tag::FootnoteDefinition(label) => Node::Footnote { label: label.to_string(), body: self.blocks() },
            // Anything else (definition lists, metadata, math) as its text.
            _ => Node::Par { body: vec![Inline::Text { text: self.text_until_end() }] },
        })
    }

    fn cells(&mut self) -> Vec<Vec<Inline>> {
        let mut cells = Vec::new();
        while let Some(event) = self.events.next() {
            match event {
                Event::Start(Tag::TableCell) => cells.push(self.inlines()),
                Event::End(_) => break,
                _ => {}
            }
        }
        cells
    }

    /// Inline runs up to the end of the enclosing element.
    fn inlines(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some(event) = self.events.next() {
            if matches!(event, Event::End(_)) {
                break;
            }
            self.inline(event, &mut out);
        }
        merge_text(out)
    }

    fn inline(&mut self, event: &Event<'_>, out: &mut Vec<Inline>) {
        match event {
            Event::Text(t) => out.push(Inline::Text { text: t.to_string() }),
            Event::Code(t) => out.push(Inline::Code { text: t.to_string() }),
            Event::SoftBreak => out.push(Inline::Text { text: " ".into() }),
            Event::HardBreak => out.push(Inline::Br),
            Event::InlineHtml(h) if h.trim_start().to_ascii_lowercase().starts_with("<br") => out.push(Inline::Br),
            Event::FootnoteReference(label) => out.push(Inline::Sup { text: label.to_string() }),
            Event::TaskListMarker(done) => out.push(Inline::Text { text: if *done { "☑ " } else { "☐ " }.into() }),
            Event::InlineMath(t) | Event::DisplayMath(t) => out.push(Inline::Code { text: t.to_string() }),
            Event::Start(Tag::Emphasis) => out.push(Inline::Emph { body: self.inlines() }),
            Event::Start(Tag::Strong) => out.push(Inline::Strong { body: self.inlines() }),
            Event::Start(Tag::Strikethrough) => out.push(Inline::Strike { body: self.inlines() }),
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.push(Inline::Link { url: web_link(dest_url), body: self.inlines() });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let alt = plain(&self.inlines());
                self.image(dest_url, &alt, out);
            }
            Event::Start(_) => out.extend(self.inlines()),
            // Inline HTML other than a line break (comments, spans) is left out.
            _ => {}
        }
    }

    fn image(&mut self, dest: &str, alt: &str, out: &mut Vec<Inline>) {
        let label = if alt.trim().is_empty() { "[image]".to_string() } else { format!("[image: {}]", alt.trim()) };
        match images::resolve(dest, self.images) {
            Target::Embedded { format, bytes } if format.typst_extension().is_some() => {
                let ext = format.typst_extension().unwrap_or("png");
                let path = format!("/images/{}.{ext}", self.assets.len());
                self.assets.push(Asset { path: path.clone(), bytes });
                out.push(Inline::Image { path });
            }
            Target::Remote(url) => out.push(Inline::Link {
                url: web_link(&url).or(Some(url)),
                body: vec![Inline::Emph { body: vec![Inline::Text { text: label }] }],
            }),
            _ => out.push(Inline::Emph { body: vec![Inline::Text { text: label }] }),
        }
    }

    fn text_until_end(&mut self) -> String {
        let mut text = String::new();
        let mut depth = 0usize;
        for event in self.events.by_ref() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                _ => {}
            }
        }
        text
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::MetadataBlock(_)
    )
}

/// The target of a link the PDF may carry: web and mail addresses only.
fn web_link(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)).then(|| url.trim().to_string())
}

/// The text of some HTML: tags and comments removed, common entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let comment = rest.find("<!--");
        let tag = rest.find('<');
        match (comment, tag) {
            (Some(c), Some(t)) if c <= t => {
                out.push_str(&rest[..c]);
                rest = rest[c..].find("-->").map_or("", |e| &rest[c + e + 3..]);
            }
            (_, Some(t)) => {
                out.push_str(&rest[..t]);
                rest = rest[t..].find('>').map_or("", |e| &rest[t + e + 1..]);
            }
            (_, None) => {
                out.push_str(rest);
                break;
            }
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Plain text of inline runs (an image's alt text).
fn plain(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } | Inline::Sup { text } => s.push_str(text),
            Inline::Strong { body } | Inline::Emph { body } | Inline::Strike { body } | Inline::Link { body, .. } => {
                s.push_str(&plain(body));
            }
            Inline::Br => s.push(' '),
            Inline::Image { .. } => {}
        }
    }
    s
}

/// Adjacent text runs as one (pulldown-cmark splits text at every special character).
fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines {
        match (out.last_mut(), i) {
            (Some(Inline::Text { text }), Inline::Text { text: more }) => text.push_str(&more),
            (_, i) => out.push(i),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(md: &str) -> Vec<Node> {
        let events: Vec<Event<'_>> = pulldown_cmark::Parser::new_ext(md, crate::parts::OPTIONS).collect();
        let mut assets = Vec::new();
        Builder::new(&events, None, &mut assets).blocks()
    }

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn paragraphs_keep_their_inline_runs() {
        assert_eq!(
            tree("A **b** *c* `d` [e](https://x.example) [f](javascript:alert(1)).\n"),
            vec![Node::Par {
                body: vec![
                    text("A "),
                    Inline::Strong { body: vec![text("b")] },
                    text(" "),
                    Inline::Emph { body: vec![text("c")] },
                    text(" "),
                    Inline::Code { text: "d".into() },
                    text(" "),
                    Inline::Link { url: Some("https://x.example".into()), body: vec![text("e")] },
                    text(" "),
                    Inline::Link { url: None, body: vec![text("f")] },
                    text("."),
                ]
            }]
        );
    }

    #[test]
    fn tight_list_items_become_paragraphs_and_tables_are_square() {
        let nodes = tree("3. one\n4. two\n\n| a | b |\n|---|--:|\n| 1 |\n");
        let Node::List { ordered: true, start: 3, items } = &nodes[0] else { panic!("{nodes:?}") };
        assert_eq!(items[1], vec![Node::Par { body: vec![text("two")] }]);
        let Node::Table { align, rows, .. } = &nodes[1] else { panic!("{nodes:?}") };
        assert_eq!(align, &["left", "right"]);
        assert_eq!(rows[0].len(), 2);
    }

    #[test]
    fn html_becomes_its_text_and_comments_vanish() {
        assert_eq!(tree("<!-- prfaq-disable x -->\n"), vec![]);
        assert_eq!(tree("<div>a &amp; <b>b</b></div>\n"), vec![Node::Par { body: vec![text("a & b")] }]);
        assert_eq!(
            tree("![Flow](flow.png)\n"),
            vec![Node::Par { body: vec![Inline::Emph { body: vec![text("[image: Flow]")] }] }]
        );
    }
}
