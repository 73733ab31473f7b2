//! Document symbols: the outline of a PR/FAQ as the parser sees it.
//!
//! The press release is one symbol named by its headline, holding the subheadline, dateline and
//! each paragraph by role; each FAQ section holds its questions. Other sections are left out:
//! the outline shows the Working Backwards shape, which is what a writer navigates by.

use lsp_types::{DocumentSymbol, Range, SymbolKind};
use prfaq_doc::{FaqEntry, SectionKind, Span};

use crate::analysis::Analysis;

/// Longest symbol detail, in characters, before it is cut with an ellipsis.
const DETAIL_CHARS: usize = 60;

impl Analysis {
    /// The outline: the press release (headline, parts) and the FAQ sections (questions), in
    /// document order. Parents' ranges cover their children's, as clients expect.
    #[must_use]
    pub fn symbols(&self) -> Vec<DocumentSymbol> {
        let mut out: Vec<(usize, DocumentSymbol)> = Vec::new();
        if let Some((start, pr)) = self.press_release_symbol() {
            out.push((start, pr));
        }
        let faq_sections: Vec<_> = self.doc.sections.iter().filter(|s| s.kind.is_faq()).collect();
        // An entry belongs to the innermost FAQ section that holds it; FAQ sections nested in
        // one another (an "FAQ" with "External" and "Internal" under it) stay flat, each with
        // its own questions.
        let owner = |entry: &FaqEntry| {
            faq_sections.iter().rposition(|s| s.span.start <= entry.span.start && entry.span.start < s.span.end)
        };
        let mut children: Vec<Vec<DocumentSymbol>> = vec![Vec::new(); faq_sections.len()];
        for entry in &self.doc.faqs {
            let symbol = self.question_symbol(entry);
            match owner(entry) {
                Some(i) => children[i].push(symbol),
                None => out.push((entry.span.start, symbol)),
            }
        }
        for (section, questions) in faq_sections.iter().zip(children) {
            let heading = self.doc.blocks.get(section.heading).map_or(section.span, prfaq_doc::Block::content_span);
            let span = questions.iter().fold(section.span, |acc, q| acc.cover(self.span(q.range)));
            out.push((
                section.span.start,
                symbol(
                    section.title.clone(),
                    Some(faq_label(section.kind).to_owned()),
                    SymbolKind::NAMESPACE,
                    self.range(span),
                    self.range(heading),
                    questions,
                ),
            ));
        }
        out.sort_by_key(|(start, _)| *start);
        out.into_iter().map(|(_, s)| s).collect()
    }

    fn press_release_symbol(&self) -> Option<(usize, DocumentSymbol)> {
        let pr = &self.doc.press_release;
        let mut parts = Vec::new();
        if let Some(sub) = &pr.subheadline {
            parts.push(self.leaf(&sub.text, "subheadline", SymbolKind::STRING, sub.span));
        }
        if let Some(d) = &pr.dateline {
            parts.push(self.leaf(&d.text, "dateline", SymbolKind::EVENT, d.span));
        }
        for p in &pr.paragraphs {
            let text = self.doc.blocks.get(p.block).map_or("", |b| b.text.as_str());
            parts.push(self.leaf(&capitalise(p.role.label()), &shorten(text), SymbolKind::FIELD, p.span));
        }
        let (name, selection) = match &pr.headline {
            Some(h) => (h.text.clone(), h.span),
            None => ("Press release".to_owned(), parts.first().map(|p| self.span(p.range))?),
        };
        let span =
            parts.iter().fold(pr.span.unwrap_or(selection).cover(selection), |acc, p| acc.cover(self.span(p.range)));
        Some((
            span.start,
            symbol(
                name,
                Some("press release".to_owned()),
                SymbolKind::MODULE,
                self.range(span),
                self.range(selection),
                parts,
            ),
        ))
    }

    fn question_symbol(&self, entry: &FaqEntry) -> DocumentSymbol {
        let detail = match &entry.label {
            Some(label) => format!("{label} · {} FAQ", entry.kind.label()),
            None => format!("{} FAQ", entry.kind.label()),
        };
        let span = entry.span.cover(entry.question.span);
        symbol(
            name_or(&entry.question.text, "(question)"),
            Some(detail.replace("faq FAQ", "FAQ")),
            SymbolKind::INTERFACE,
            self.range(span),
            self.range(entry.question.span),
            Vec::new(),
        )
    }

    fn leaf(&self, name: &str, detail: &str, kind: SymbolKind, span: Span) -> DocumentSymbol {
        let range = self.range(span);
        symbol(name_or(name, detail), Some(detail.to_owned()), kind, range, range, Vec::new())
    }
}

/// A symbol; `children` empty means none.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    selection_range: Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    #[allow(deprecated, reason = "the field is deprecated in favour of tags, but still has to be set")]
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: if children.is_empty() { None } else { Some(children) },
    }
}

/// The protocol rejects empty symbol names; an empty question or headline falls back.
fn name_or(name: &str, fallback: &str) -> String {
    let name = name.trim();
    if name.is_empty() { fallback.to_owned() } else { name.to_owned() }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= DETAIL_CHARS {
        return text;
    }
    let cut: String = text.chars().take(DETAIL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The label of an FAQ section's kind, for the symbol's detail.
fn faq_label(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::ExternalFaq => "external FAQ",
        SectionKind::InternalFaq => "internal FAQ",
        _ => "FAQ",
    }
}

#[cfg(test)]
mod tests {
    use prfaq_critique::{Config, Engine};

    use super::*;
    use crate::position::Encoding;

    const DOC: &str = "# Acme Reports Gives Marketers Their Mondays Back\n\
## One dashboard replaces five tools\n\
\n\
SEATTLE — March 3, 2027 — Acme Reports, a dashboard for marketing managers, launches today.\n\
\n\
Marketing managers spend six hours a week on reports.\n\
\n\
## External FAQ\n\
### How much does it cost?\n\
$20 a month.\n\
\n\
### Which tools does it connect to?\n\
Shopify and Google Ads.\n\
\n\
## Internal FAQ\n\
### What does it take to build?\n\
Two engineers for a quarter.\n";

    fn within(outer: Range, inner: Range) -> bool {
        (outer.start.line, outer.start.character) <= (inner.start.line, inner.start.character)
            && (inner.end.line, inner.end.character) <= (outer.end.line, outer.end.character)
    }

    #[track_caller]
    fn assert_nested(symbols: &[DocumentSymbol]) {
        for s in symbols {
            assert!(within(s.range, s.selection_range), "{} selection outside range", s.name);
            for c in s.children.iter().flatten() {
                assert!(within(s.range, c.range), "{} outside {}", c.name, s.name);
            }
            assert_nested(s.children.as_deref().unwrap_or_default());
        }
    }

    #[test]
    fn the_outline_is_the_press_release_then_each_faq_with_its_questions() {
        let a = Analysis::new(DOC, &Engine::new(Config::default()), Encoding::Utf16);
        let symbols = a.symbols();
        let outline: Vec<(String, Vec<String>)> = symbols
            .iter()
            .map(|s| (s.name.clone(), s.children.iter().flatten().map(|c| c.name.clone()).collect()))
            .collect();
        assert_eq!(outline[0].0, "Acme Reports Gives Marketers Their Mondays Back");
        assert_eq!(outline[0].1[0], "One dashboard replaces five tools");
        assert!(outline[0].1.iter().any(|c| c == "Summary"), "{outline:?}");
        assert_eq!(
            outline[1..],
            [
                (
                    "External FAQ".to_owned(),
                    vec!["How much does it cost?".to_owned(), "Which tools does it connect to?".to_owned()]
                ),
                ("Internal FAQ".to_owned(), vec!["What does it take to build?".to_owned()]),
            ]
        );
        assert_eq!(symbols[0].selection_range.start.line, 0);
        assert_eq!(symbols[1].children.as_ref().expect("questions")[0].selection_range.start.line, 8);
        assert_nested(&symbols);
    }

    #[test]
    fn an_empty_document_has_no_symbols() {
        let a = Analysis::new("", &Engine::new(Config::default()), Encoding::Utf16);
        assert!(a.symbols().is_empty());
    }

    #[test]
    fn details_are_shortened_on_a_character_boundary() {
        let long = "é".repeat(100);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), DETAIL_CHARS);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("a  b\nc"), "a b c");
    }
}
