//! YAML front matter: `---` … `---` at the very start of the document.

use yaml_rust2::{Yaml, YamlLoader};

use crate::model::{FrontMatter, MetaField, ParseIssue, ParseIssueKind};
use crate::span::Span;

/// What the front matter scan found: the block (if any), where the Markdown body starts, and
/// any issue to report.
pub(crate) struct Split {
    pub(crate) front_matter: Option<FrontMatter>,
    pub(crate) body_start: usize,
    pub(crate) issue: Option<ParseIssue>,
}

/// Splits off the front matter. An unclosed or malformed block is reported and, when unclosed,
/// read as ordinary Markdown so no text is lost.
pub(crate) fn split(source: &str) -> Split {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &source[start..];
    let Some(first_len) = opening_line_len(rest) else {
        return Split { front_matter: None, body_start: start, issue: None };
    };
    let mut pos = start + first_len;
    while pos < source.len() {
        let line_end = source[pos..].find('\n').map_or(source.len(), |i| pos + i + 1);
        let line = source[pos..line_end].trim_end_matches(['\n', '\r']);
        if line == "---" || line == "..." {
            let inner = Span::new(start + first_len, pos);
            let span = Span::new(start, line_end);
            let (fields, issue) = read_fields(source, inner);
            return Split { front_matter: Some(FrontMatter { span, fields }), body_start: line_end, issue };
        }
        pos = line_end;
    }
    let first_line = Span::new(start, start + first_len);
    Split {
        front_matter: None,
        body_start: start,
        issue: Some(ParseIssue {
            kind: ParseIssueKind::UnclosedFrontMatter,
            message: "front matter opened with `---` is never closed; add a `---` line after the last field".into(),
            span: Span::new(first_line.start, first_line.end.saturating_sub(1).max(first_line.start)),
        }),
    }
}

fn opening_line_len(rest: &str) -> Option<usize> {
    ["---\n", "---\r\n"].iter().find(|p| rest.starts_with(**p)).map(|p| p.len())
}

fn read_fields(source: &str, inner: Span) -> (Vec<MetaField>, Option<ParseIssue>) {
    let yaml = inner.slice(source);
    if yaml.trim().is_empty() {
        return (Vec::new(), None);
    }
    let docs = match YamlLoader::load_from_str(yaml) {
        Ok(docs) => docs,
        Err(e) => {
            let m = e.marker();
            let offset = inner.start + line_offset(yaml, m.line()) + column_offset(yaml, m.line(), m.col());
            let end = source[offset..].find('\n').map_or(source.len(), |i| offset + i).max(offset);
            return (
                Vec::new(),
                Some(ParseIssue {
                    kind: ParseIssueKind::MalformedFrontMatter,
                    message: format!("front matter is not valid YAML: {}", e.info()),
                    span: Span::new(offset, end),
                }),
            );
        }
    };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return (
            Vec::new(),
            Some(ParseIssue {
                kind: ParseIssueKind::MalformedFrontMatter,
                message: "front matter should be `key: value` lines".into(),
                span: inner,
            }),
        );
    };
    let fields = map
        .into_iter()
        .filter_map(|(k, v)| {
            let key = scalar(&k)?;
            let value = render(&v);
            let span = value_span(source, inner, &key, &value);
            Some(MetaField { key, value, span })
        })
        .collect();
    (fields, None)
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn render(y: &Yaml) -> String {
    match y {
        Yaml::Array(items) => items.iter().map(render).collect::<Vec<_>>().join(", "),
        Yaml::Hash(map) => {
            map.iter().map(|(k, v)| format!("{}: {}", render(k), render(v))).collect::<Vec<_>>().join(", ")
        }
        Yaml::Null | Yaml::BadValue => String::new(),
        other => scalar(other).unwrap_or_default(),
    }
}

/// Finds the value's bytes on the `key:` line; falls back to the whole line.
fn value_span(source: &str, inner: Span, key: &str, value: &str) -> Span {
    let yaml = inner.slice(source);
    let mut pos = 0;
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if let Some(rest) = trimmed.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let line_start = inner.start + pos;
            let after = trimmed.len() - rest.len();
            let found = if value.is_empty() { None } else { rest.find(value) };
            return match found {
                Some(i) => Span::new(line_start + after + i, line_start + after + i + value.len()),
                None => Span::new(line_start, line_start + trimmed.len()),
            };
        }
        pos += line.len();
    }
    inner
}

fn line_offset(text: &str, line: usize) -> usize {
    // yaml-rust2 markers count lines from 1.
    text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>().min(text.len())
}

fn column_offset(text: &str, line: usize, col: usize) -> usize {
    let Some(l) = text.split_inclusive('\n').nth(line.saturating_sub(1)) else {
        return 0;
    };
    l.char_indices().nth(col).map_or(l.len(), |(i, _)| i).min(l.trim_end_matches(['\n', '\r']).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_with_value_spans() {
        let src = "---\ntitle: Acme Reports\ntags: [a, b]\n---\n# Head\n";
        let s = split(src);
        let fm = s.front_matter.expect("front matter");
        assert_eq!(fm.fields[0].key, "title");
        assert_eq!(fm.fields[0].span.slice(src), "Acme Reports");
        assert_eq!(fm.fields[1].value, "a, b");
        assert_eq!(&src[s.body_start..], "# Head\n");
        assert!(s.issue.is_none());
    }

    #[test]
    fn unclosed_front_matter_is_an_issue_and_body_is_kept() {
        let src = "---\ntitle: x\n# Head\n";
        let s = split(src);
        assert!(s.front_matter.is_none());
        assert_eq!(s.body_start, 0);
        assert_eq!(s.issue.expect("issue").kind, ParseIssueKind::UnclosedFrontMatter);
    }

    #[test]
    fn malformed_yaml_is_an_issue() {
        let src = "---\ntitle: [unclosed\n---\nBody\n";
        let s = split(src);
        assert_eq!(s.issue.expect("issue").kind, ParseIssueKind::MalformedFrontMatter);
        assert!(s.front_matter.is_some());
    }

    #[test]
    fn no_front_matter() {
        let s = split("# Just a heading\n");
        assert!(s.front_matter.is_none() && s.issue.is_none());
    }
}
