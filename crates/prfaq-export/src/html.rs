//! The self-contained HTML page, and safe HTML fragments of any Markdown.

use std::borrow::Cow;
use std::fmt::Write as _;

use prfaq_doc::Document;
use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

use crate::images::{self, ImageSource, Target};
use crate::parts::{self, Layout, Note, Region};
use crate::{ExportOptions, escape};

const STYLE: &str = include_str!("style.css");

/// Even if something slipped past the sanitiser, the browser would refuse to run it or fetch
/// anything: no scripts, no connections, images only from `data:`, styles only inline.
const CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

pub(crate) fn page(doc: &Document, options: &ExportOptions<'_>) -> String {
    let layout = parts::layout(doc, options.review);
    let review = options.review.is_some();
    let bodies = part_bodies(doc, &layout, options.images);

    let mut out = String::with_capacity(doc.source.len() * 2 + STYLE.len());
    let title = parts::title(doc, options.name);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"prfaq\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n\
         <body class=\"{}\">\n",
        escape(title),
        if review { "review" } else { "clean" }
    );
    title_block(&mut out, doc);
    if let Some(report) = options.review {
        out.push_str("<section class=\"review-summary\">\n<div class=\"banner\">\n<p><strong>Review copy</strong>");
        if let Some(name) = options.name {
            let _ = write!(out, " of <code>{}</code>", escape(name));
        }
        let _ = write!(
            out,
            " · score {}/100 · {}</p>\n<p>Each note sits beside the block it points at; the numbers in the margin are \
             the source file's lines.</p>\n</div>\n",
            report.score.overall,
            parts::tally(report)
        );
        if !layout.loose.is_empty() {
            out.push_str("<div class=\"notes\">\n");
            for note in &layout.loose {
                note_html(&mut out, note);
            }
            out.push_str("</div>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("<main>\n");
    let mut open: Option<Region> = None;
    for (part, body) in layout.parts.iter().zip(&bodies) {
        if body.trim().is_empty() && part.notes.is_empty() {
            // An HTML comment, or raw HTML the sanitiser emptied.
            continue;
        }
        if open != Some(part.region) {
            if open.is_some() {
                out.push_str("</section>\n");
            }
            let class = match part.region {
                Region::Before => "preamble",
                Region::PressRelease => "press-release",
                Region::After => "faq",
            };
            let _ = writeln!(out, "<section class=\"{class}\">");
            open = Some(part.region);
        }
        if review {
            let (first, last) = part.lines;
            let range = if first == last { format!("line {first}") } else { format!("lines {first}–{last}") };
            let _ = write!(
                out,
                "<div class=\"row\" id=\"L{first}\">\n<div class=\"ln\" title=\"{range}\">{first}</div>\n\
                 <div class=\"content\">\n{body}</div>\n<aside class=\"notes\">\n"
            );
            for note in &part.notes {
                note_html(&mut out, note);
            }
            out.push_str("</aside>\n</div>\n");
        } else {
            out.push_str(body);
        }
    }
    if open.is_some() {
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn title_block(out: &mut String, doc: &Document) {
    let kicker = parts::kicker(doc);
    let fields = parts::meta_fields(doc);
    if kicker.is_none() && fields.is_empty() {
        return;
    }
    out.push_str("<header class=\"title-block\">\n");
    if let Some(k) = kicker {
        let _ = writeln!(out, "<p class=\"kicker\">{}</p>", escape(k));
    }
    if !fields.is_empty() {
        out.push_str("<dl class=\"meta\">\n");
        for (key, value) in fields {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(key), escape(value));
        }
        out.push_str("</dl>\n");
    }
    out.push_str("</header>\n");
}

fn note_html(out: &mut String, note: &Note<'_>) {
    let f = note.finding;
    let _ = write!(
        out,
        "<div class=\"note sev-{sev}\">\n<div><span class=\"sev\">{sev}</span> <code>{id}</code> {name} \
         <span class=\"where\">· line {line}:{column}</span></div>\n<p>{message}</p>\n",
        sev = note.severity(),
        id = escape(f.rule),
        name = escape(f.name),
        line = note.line,
        column = note.column,
        message = with_code(&f.message),
    );
    if let Some(s) = &f.suggestion {
        let _ = write!(out, "<p class=\"fix\">{}", with_code(&s.message));
        if let Some(r) = &s.replacement {
            let _ = write!(out, " → “{}”", escape(r));
        }
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n");
}

/// Escaped text whose `code spans` (as rule messages write `prfaq.toml`) become `<code>`.
fn with_code(text: &str) -> String {
    let pieces: Vec<&str> = text.split('`').collect();
    if pieces.len().is_multiple_of(2) {
        return escape(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(piece));
        } else {
            out.push_str(&escape(piece));
        }
    }
    out
}

/// Every part's HTML, sanitised. The whole body is rendered in one pass (so footnotes number
/// across blocks) with a marker comment before each part, then cut at the markers.
fn part_bodies(doc: &Document, layout: &Layout<'_>, images: Option<&dyn ImageSource>) -> Vec<String> {
    // The marker must not occur in the document, or a raw comment could shift the cut.
    let mut marker = String::from("prfaq-export-part-");
    while doc.source.contains(&marker) {
        marker.push('x');
    }
    let mut events: Vec<Event<'_>> = Vec::new();
    for (i, part) in layout.parts.iter().enumerate() {
        events.push(Event::Html(CowStr::from(format!("<!--{marker}{i}-->\n"))));
        events.extend(replace_images(part.events.iter().map(|(e, _)| e.clone()), images));
    }
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());

    let cleaner = sanitizer();
    let n = layout.parts.len();
    let mut bodies = Vec::with_capacity(n);
    let mut rest = raw.as_str();
    for i in 0..n {
        let this = format!("<!--{marker}{i}-->\n");
        let next = format!("<!--{marker}{}-->\n", i + 1);
        let start = rest.find(&this).map_or(0, |p| p + this.len());
        rest = &rest[start..];
        let end = if i + 1 < n { rest.find(&next).unwrap_or(rest.len()) } else { rest.len() };
        bodies.push(cleaner.clean(&rest[..end]).to_string());
        rest = &rest[end..];
    }
    bodies
}

pub(crate) fn fragment(markdown: &str) -> String {
    let events = replace_images(Parser::new_ext(markdown, parts::OPTIONS), None);
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    sanitizer().clean(&raw).to_string()
}

/// Local images become `data:` URIs; remote ones their alt text and a link; the rest their alt
/// text. Nothing is fetched.
fn replace_images<'a>(events: impl IntoIterator<Item = Event<'a>>, source: Option<&dyn ImageSource>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // What closes each open image: its own end, or the events that replace it.
    let mut ends: Vec<Vec<Event<'a>>> = Vec::new();
    let mut links = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Link { .. }) => {
                links += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link) => {
                links = links.saturating_sub(1);
                out.push(event);
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => match images::resolve(&dest_url, source) {
                Target::Embedded { format, bytes } => {
                    let uri = images::data_uri(format, &bytes);
                    out.push(Event::Start(Tag::Image { link_type, dest_url: CowStr::from(uri), title, id }));
                    ends.push(vec![Event::End(TagEnd::Image)]);
                }
                Target::Data => {
                    out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                    ends.push(vec![Event::End(TagEnd::Image)]);
                }
                Target::Remote(url) if links == 0 => {
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: CowStr::from(url),
                        title: CowStr::from(""),
                        id: CowStr::from(""),
                    }));
                    out.push(Event::Start(Tag::Emphasis));
                    out.push(Event::Text(CowStr::from("[image: ")));
                    ends.push(vec![
                        Event::Text(CowStr::from("]")),
                        Event::End(TagEnd::Emphasis),
                        Event::End(TagEnd::Link),
                    ]);
                }
                Target::Remote(_) | Target::Missing => {
                    out.push(Event::Start(Tag::Emphasis));
                    out.push(Event::Text(CowStr::from("[image: ")));
                    ends.push(vec![Event::Text(CowStr::from("]")), Event::End(TagEnd::Emphasis)]);
                }
            },
            Event::End(TagEnd::Image) => out.extend(ends.pop().unwrap_or_default()),
            other => out.push(other),
        }
    }
    out
}

/// The HTML sanitiser: ammonia's defaults (no scripts, no event handlers, no `style`
/// attributes, no `javascript:` links, comments dropped) plus the little Markdown needs:
/// `data:` images, table cell alignment, footnote anchors.
fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_url_schemes(["data"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("div", ["id"])
        .add_allowed_classes("div", ["footnote-definition"])
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .attribute_filter(|element, attribute, value| {
            let lower = value.trim().to_ascii_lowercase();
            match (element, attribute) {
                // An image loads only from the page itself: anything else would be a request.
                ("img", "src") => is_data_image(&lower).then(|| Cow::Owned(value.to_string())),
                (_, "style") => {
                    let align = ["text-align: left", "text-align: center", "text-align: right"];
                    align.contains(&lower.trim_end_matches(';')).then(|| Cow::Owned(value.to_string()))
                }
                _ if lower.starts_with("data:") => None,
                _ => Some(Cow::Owned(value.to_string())),
            }
        });
    b
}

fn is_data_image(lower: &str) -> bool {
    ["data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;", "data:image/svg+xml;"]
        .iter()
        .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_links_do_not_survive() {
        let html = fragment(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))\n\n\
             <iframe src=\"https://evil.example\"></iframe>\n\n<a href=\"data:text/html,<script>\">d</a>\n",
        );
        for bad in ["<script", "onerror", "javascript:", "<iframe", "data:text"] {
            assert!(!html.to_ascii_lowercase().contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("Hi"));
    }

    #[test]
    fn remote_images_become_links_and_raw_remote_images_lose_their_source() {
        let html =
            fragment("![Flow](https://cdn.example/flow.png)\n\n<img src=\"https://cdn.example/x.png\" alt=\"x\">\n");
        assert!(html.contains("<a href=\"https://cdn.example/flow.png\""), "{html}");
        assert!(html.contains("[image: Flow]"), "{html}");
        assert!(!html.contains("src=\"https"), "{html}");
    }

    #[test]
    fn code_spans_in_messages_become_code_and_the_rest_is_escaped() {
        assert_eq!(with_code("add `[words]` to <b>"), "add <code>[words]</code> to &lt;b&gt;");
        assert_eq!(with_code("a ` b"), "a ` b");
    }

    #[test]
    fn table_alignment_survives_but_other_styles_do_not() {
        let html =
            fragment("| a | b |\n|:-:|---|\n| 1 | <span style=\"background:url(https://x.example)\">2</span> |\n");
        assert!(html.contains("text-align: center"), "{html}");
        assert!(!html.contains("url("), "{html}");
    }

    #[test]
    fn a_comment_that_looks_like_the_marker_does_not_shift_the_parts() {
        let src = "# Acme Gives Marketers Their Mondays Back\n\n<!--prfaq-export-part-1-->\n\nSEATTLE — Today.\n";
        let doc = prfaq_doc::parse(src);
        let layout = parts::layout(&doc, None);
        let bodies = part_bodies(&doc, &layout, None);
        assert_eq!(bodies.len(), 3);
        assert!(bodies[0].contains("<h1>"), "{bodies:?}");
        assert!(bodies[1].trim().is_empty(), "{bodies:?}");
        assert!(bodies[2].contains("SEATTLE"), "{bodies:?}");
    }
}
