//! Finding a quoted passage within the Markdown source: a selection a reviewer made in the
//! rendered page, or a passage an AI reviewer quoted.
//!
//! A quote is rendered text: emphasis markers and line breaks are gone. The passage is looked
//! for verbatim first, then with emphasis and code markers ignored and runs of white space
//! treated as one space.

use crate::Document;

/// Characters Markdown uses for inline markup that the rendered text does not show.
const MARKUP: &[char] = &['*', '_', '`'];

/// The byte range of `quote` in `source`, the occurrence nearest to `near` when it is given
/// (else the first). `None` when the passage is not in the text.
#[must_use]
pub fn locate(source: &str, quote: &str, near: Option<usize>) -> Option<(usize, usize)> {
    let quote = quote.trim();
    let (wanted, _) = normalise(quote);
    let wanted = wanted.trim();
    if wanted.is_empty() {
        return None;
    }
    let pick = |starts: Vec<(usize, usize)>| match near {
        Some(near) => starts.into_iter().min_by_key(|&(start, _)| start.abs_diff(near)),
        None => starts.into_iter().next(),
    };
    let exact: Vec<(usize, usize)> = source.match_indices(quote).map(|(at, q)| (at, at + q.len())).collect();
    if !exact.is_empty() {
        return pick(exact);
    }
    let (text, offsets) = normalise(source);
    let found: Vec<(usize, usize)> = text
        .match_indices(wanted)
        .map(|(at, _)| {
            let last = at + wanted.len() - 1;
            let end = offsets[last] + source[offsets[last]..].chars().next().map_or(1, char::len_utf8);
            (offsets[at], end)
        })
        .collect();
    pick(found)
}

/// Where byte `offset` lies, as a reader names it: the press release's part ("Press release:
/// problem", its headline or subheadline), else the title of the innermost section holding it,
/// else "Press release" before the first heading.
#[must_use]
pub fn section_at(doc: &Document, offset: usize) -> String {
    let pr = &doc.press_release;
    let inside = |span: crate::Span| span.start <= offset && offset < span.end;
    if pr.headline.as_ref().is_some_and(|h| inside(h.span)) {
        return "Press release: headline".to_owned();
    }
    if pr.subheadline.as_ref().is_some_and(|h| inside(h.span)) {
        return "Press release: subheadline".to_owned();
    }
    if let Some(paragraph) = pr.paragraphs.iter().find(|p| inside(p.span)) {
        return format!("Press release: {}", paragraph.role.label());
    }
    doc.sections
        .iter()
        .filter(|s| s.span.start <= offset && offset < s.span.end.max(s.span.start + 1))
        .max_by_key(|s| s.level)
        .map_or_else(|| "Press release".to_owned(), |s| s.title.clone())
}

/// `text` without inline markup and with white space runs as one space, and for each byte of
/// the result the source byte it came from.
fn normalise(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        if MARKUP.contains(&c) {
            continue;
        }
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' {
            if in_space {
                continue;
            }
            in_space = true;
        } else {
            in_space = false;
        }
        let before = out.len();
        out.push(c);
        offsets.extend(std::iter::repeat_n(at, out.len() - before));
    }
    (out, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str =
        "Marketers save **six hours** a week.\nThey export\nreports in `one click`.\n\nMarketers save time.";

    fn quoted(range: Option<(usize, usize)>) -> &'static str {
        range.map_or("", |(start, end)| &SOURCE[start..end])
    }

    #[test]
    fn a_verbatim_passage_is_found_nearest_to_the_hint() {
        assert_eq!(quoted(locate(SOURCE, "Marketers save", None)), "Marketers save");
        let second = SOURCE.rfind("Marketers save").unwrap_or(0);
        assert_eq!(locate(SOURCE, "Marketers save", Some(second + 3)).map(|r| r.0), Some(second));
    }

    #[test]
    fn rendered_text_is_found_across_markup_and_line_breaks() {
        assert_eq!(quoted(locate(SOURCE, "save six hours a week", None)), "save **six hours** a week");
        assert_eq!(quoted(locate(SOURCE, "export reports in one click", None)), "export\nreports in `one click");
    }

    #[test]
    fn a_missing_or_empty_passage_is_none() {
        assert_eq!(locate(SOURCE, "seven hours", None), None);
        assert_eq!(locate(SOURCE, "  ", None), None);
        assert_eq!(locate(SOURCE, "**", None), None);
    }

    #[test]
    fn non_ascii_text_keeps_char_boundaries() {
        let source = "Les équipes gagnent **six heures** — chaque semaine.";
        let (start, end) = locate(source, "gagnent six heures — chaque", None).unwrap_or((0, 0));
        assert_eq!(&source[start..end], "gagnent **six heures** — chaque");
    }
}
