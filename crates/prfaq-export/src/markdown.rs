//! The Markdown copy: the source with HTML comments removed, and for a review copy, notes.

use std::fmt::Write as _;
use std::ops::Range;

use prfaq_doc::Document;
use pulldown_cmark::{Event, Tag, TagEnd};

use crate::ExportOptions;
use crate::parts::{self, Note, Part};

pub(crate) fn render(doc: &Document, options: &ExportOptions<'_>) -> String {
    let source = doc.source.as_str();
    let layout = parts::layout(doc, options.review);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for part in &layout.parts {
        comment_edits(source, part, &mut edits);
    }
    if let Some(report) = options.review {
        let mut head = String::from("> **Review copy**");
        if let Some(name) = options.name {
            let _ = write!(head, " of `{}`", name.replace('`', "'"));
        }
        let _ = writeln!(head, " · score {}/100 · {}", report.score.overall, parts::tally(report));
        head.push_str("> Notes follow the block they point at; line numbers are the source file's.\n");
        if !layout.loose.is_empty() {
            head.push_str(">\n");
            for note in &layout.loose {
                note_line(&mut head, note);
            }
        }
        head.push('\n');
        // After the front matter, so it stays front matter.
        let at = layout.body_start;
        let lead = if at > 0 && !source[..at].ends_with("\n\n") { "\n" } else { "" };
        edits.push((at..at, format!("{lead}{head}\n")));
        for part in layout.parts.iter().filter(|p| !p.notes.is_empty()) {
            let (first, last) = part.lines;
            let mut block = if first == last {
                format!("> **Review notes · line {first}**\n>\n")
            } else {
                format!("> **Review notes · lines {first}–{last}**\n>\n")
            };
            for note in &part.notes {
                note_line(&mut block, note);
            }
            let at = line_end(source, part.span.end);
            let lead = if source[..at].ends_with('\n') { "\n" } else { "\n\n" };
            let trail = if source[at..].starts_with('\n') || at == source.len() { "" } else { "\n" };
            edits.push((at..at, format!("{lead}{block}{trail}")));
        }
    }
    apply(source, edits)
}

/// One note as a list item in a block quote.
fn note_line(out: &mut String, note: &Note<'_>) {
    let f = note.finding;
    let _ = write!(
        out,
        "> - **{}** `{}` {} (line {}:{}): {}",
        note.severity(),
        f.rule,
        f.name,
        note.line,
        note.column,
        escape(&f.message)
    );
    if let Some(s) = &f.suggestion {
        let _ = write!(out, " *{}*", escape(&s.message));
        if let Some(r) = &s.replacement {
            let _ = write!(out, " → “{}”", escape(r));
        }
    }
    out.push('\n');
}

/// Escapes what Markdown would read as markup in a message; its code spans (`prfaq.toml`)
/// stay code, since an escape inside one would show.
fn escape(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let pieces: Vec<&str> = text.split('`').collect();
    let balanced = pieces.len() % 2 == 1;
    let mut out = String::with_capacity(text.len());
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str(if balanced { "`" } else { "\\`" });
        }
        if i % 2 == 1 && balanced {
            out.push_str(piece);
            out.push('`');
            continue;
        }
        for c in piece.chars() {
            if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Edits that remove the HTML comments of one part: a block that is only comments goes with
/// its line; comments inside other HTML or inline in text go alone. Code is never touched.
fn comment_edits(source: &str, part: &Part<'_>, edits: &mut Vec<(Range<usize>, String)>) {
    let mut i = 0;
    while let Some((event, range)) = part.events.get(i) {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                // The block's events run to its end; the block's text is the Start's range.
                let text = &source[range.clone()];
                if text.contains("<!--") {
                    let kept = strip_comments(text);
                    if kept.trim().is_empty() {
                        edits.push((whole_lines(source, range.clone()), String::new()));
                    } else {
                        edits.push((range.clone(), kept));
                    }
                }
                while let Some((e, _)) = part.events.get(i) {
                    if matches!(e, Event::End(TagEnd::HtmlBlock)) {
                        break;
                    }
                    i += 1;
                }
            }
            Event::Html(text) if text.contains("<!--") => {
                let kept = strip_comments(&source[range.clone()]);
                let range = if kept.trim().is_empty() { whole_lines(source, range.clone()) } else { range.clone() };
                edits.push((range, kept.trim().to_string()));
            }
            Event::InlineHtml(text) if text.starts_with("<!--") => {
                // A comment inline may arrive in pieces; it ends at the next `-->`.
                let end = source[range.start..part.span.end].find("-->").map_or(range.end, |p| range.start + p + 3);
                edits.push((range.start..end, String::new()));
                while let Some((_, r)) = part.events.get(i + 1) {
                    if r.start >= end {
                        break;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// `text` without its `<!-- … -->` comments (an unclosed one runs to the end).
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        rest = rest[open + 4..].find("-->").map_or("", |close| &rest[open + 4 + close + 3..]);
    }
    out.push_str(rest);
    out
}

/// `range` grown to whole lines, with one blank line after it when there is one before it
/// too, so removing it leaves one blank line, not two.
fn whole_lines(source: &str, range: Range<usize>) -> Range<usize> {
    let start = source[..range.start].rfind('\n').map_or(0, |p| p + 1);
    let mut end = line_end(source, range.end);
    let blank_before = start == 0 || source[..start].ends_with("\n\n");
    if blank_before && source[end..].starts_with('\n') {
        end += 1;
    }
    start..end
}

/// The offset just past the line that `offset` is on (or ends): after its `\n`.
fn line_end(source: &str, offset: usize) -> usize {
    if offset > 0 && source.as_bytes().get(offset - 1) == Some(&b'\n') {
        return offset;
    }
    source[offset..].find('\n').map_or(source.len(), |p| offset + p + 1)
}

/// Applies non-overlapping edits; an edit inside one already applied is dropped.
fn apply(source: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(source.len() + 256);
    let mut at = 0;
    for (range, text) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&source[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&source[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(src: &str) -> String {
        render(&prfaq_doc::parse(src), &ExportOptions::default())
    }

    #[test]
    fn comments_go_with_their_lines_and_code_is_untouched() {
        let src = "---\ntitle: Acme\n---\n# Head\n\n<!-- prfaq-disable weasel-word -->\nVery good.\n\nText <!-- aside --> more.\n\n```\n<!-- kept in code -->\n```\n";
        assert_eq!(
            clean(src),
            "---\ntitle: Acme\n---\n# Head\n\nVery good.\n\nText  more.\n\n```\n<!-- kept in code -->\n```\n"
        );
    }

    #[test]
    fn a_comment_only_block_between_paragraphs_leaves_one_blank_line() {
        assert_eq!(clean("A.\n\n<!-- illustrative -->\n\nB.\n"), "A.\n\nB.\n");
    }

    #[test]
    fn html_around_a_comment_is_kept() {
        assert_eq!(clean("A.\n\n<div>x<!-- y --></div>\n\nB.\n"), "A.\n\n<div>x</div>\n\nB.\n");
    }

    #[test]
    fn messages_are_escaped_but_their_code_spans_stay_code() {
        assert_eq!(escape("add `[words] acronyms` to *it* <b>"), "add `[words] acronyms` to \\*it\\* \\<b\\>");
        assert_eq!(escape("a ` b [c]"), "a \\` b \\[c\\]");
    }

    #[test]
    fn review_notes_follow_their_block_with_line_numbers() {
        let src = "# Acme Gives Marketers Their Mondays Back\n\nThis is a very robust solution, TBD.\n\n## FAQ\n### Why?\nBecause.\n";
        let doc = prfaq_doc::parse(src);
        let report = prfaq_critique::Engine::new(prfaq_critique::Config::default()).check(&doc);
        let out = render(&doc, &ExportOptions { review: Some(&report), images: None, name: Some("x.md") });
        assert!(out.starts_with("> **Review copy** of `x.md` · score "), "{out}");
        let para = out.find("This is a very robust").expect("paragraph kept");
        let notes = out.find("> **Review notes · line 3**").expect("notes for line 3");
        assert!(notes > para && out[notes..].contains("TBD"), "{out}");
        // The notes are a block quote of their own: the next block still parses as before.
        let again = prfaq_doc::parse(&out);
        assert_eq!(again.faqs.len(), doc.faqs.len());
    }
}
