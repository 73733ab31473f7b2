//! Hover: what a finding means and why the rule exists, for the findings under the cursor.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use prfaq_critique::evidence::KnownItem;
use prfaq_critique::{Applicability, Finding};
use prfaq_doc::Span;

use crate::analysis::Analysis;

impl Analysis {
    /// The findings whose span holds byte `offset`: spans are end-exclusive, and an empty span
    /// holds its own start so that "something is missing here" findings can be hovered too.
    pub fn findings_at(&self, offset: usize) -> impl Iterator<Item = &Finding> {
        self.report.findings.iter().filter(move |f| covers(f.span, offset))
    }

    /// The hover at `position`: each finding there, narrowest first, with its rule's
    /// documentation, as Markdown; `None` when no finding covers the position.
    #[must_use]
    pub fn hover(&self, position: Position) -> Option<Hover> {
        let offset = self.lines.offset(&self.doc.source, position);
        let mut findings: Vec<&Finding> = self.findings_at(offset).collect();
        // Narrowest first: the word under the cursor before the paragraph-wide findings.
        findings.sort_by_key(|f| f.span.len());
        let cited = self.cited_at(offset);
        let range = cited.map(|(span, _)| span).or_else(|| findings.first().map(|f| f.span))?;
        let value = cited
            .map(|(_, item)| cited_item(item))
            .into_iter()
            .chain(findings.iter().map(|f| explain(f)))
            .collect::<Vec<_>>()
            .join("\n\n---\n\n");
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
            range: Some(self.range(range)),
        })
    }

    /// The `[ev:ID]` citation at byte `offset` and the item it cites, when the evidence store
    /// has it.
    fn cited_at(&self, offset: usize) -> Option<(Span, &KnownItem)> {
        let evidence = self.evidence.as_ref()?;
        self.doc
            .evidence_refs
            .iter()
            .filter(|r| r.scheme == "ev" && covers(r.span, offset))
            .find_map(|r| evidence.items.get(r.id.trim()).map(|item| (r.span, item)))
    }
}

fn covers(span: Span, offset: usize) -> bool {
    (span.start <= offset && offset < span.end) || (span.is_empty() && span.start == offset)
}

/// A cited evidence item as Markdown: its id, kind, source and customer, then its words quoted.
fn cited_item(item: &KnownItem) -> String {
    let mut head = format!("**[ev:{}]** {} · {}", item.id, item.kind, item.source);
    if let Some(c) = &item.customer {
        let _ = write!(head, " · {c}");
    }
    let quoted: Vec<String> = item.text.trim().lines().map(|l| format!("> {l}")).collect();
    format!("{head}\n\n{}", quoted.join("\n"))
}

/// One finding as Markdown: the rule, the message, the suggestion, and the rule's `what` and
/// `why` from the registry (the same text `prfaq explain` prints).
#[must_use]
pub fn explain(finding: &Finding) -> String {
    let mut out =
        format!("**{}** `{}` ({})\n\n{}", finding.rule, finding.name, finding.severity.as_str(), finding.message);
    if let Some(s) = &finding.suggestion {
        let how = match (&s.replacement, s.applicability) {
            (Some(_), Applicability::Safe) => " (quick fix available)",
            (Some(_), _) => " (quick fix available; review it)",
            (None, _) => "",
        };
        let _ = write!(out, "\n\n*Suggestion:* {}{how}", s.message);
    }
    if let Some(rule) = prfaq_critique::registry::find(finding.rule) {
        let _ = write!(
            out,
            "\n\n**What it checks.** {}\n\n**Why it matters.** {}\n\n`prfaq explain {}` shows examples.",
            rule.docs.what, rule.docs.why, rule.name
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use prfaq_critique::{Config, Engine};

    use super::*;
    use crate::position::Encoding;

    fn analyse(text: &str) -> Analysis {
        Analysis::new(text, &Engine::new(Config::default()), Encoding::Utf16)
    }

    fn markdown(h: &Hover) -> &str {
        match &h.contents {
            HoverContents::Markup(m) => &m.value,
            other => panic!("expected Markdown, got {other:?}"),
        }
    }

    #[test]
    fn hovering_a_weasel_word_explains_the_rule() {
        let a = analyse("# Acme Reports\n\nIt is significantly faster.\n");
        let h = a.hover(Position { line: 2, character: 8 }).expect("a finding covers it");
        let text = markdown(&h);
        let rule = prfaq_critique::registry::find("STY001").expect("rule");
        assert!(text.starts_with("**STY001** `weasel-word` (warning)"), "{text}");
        assert!(text.contains("significantly"), "{text}");
        assert!(text.contains(rule.docs.what) && text.contains(rule.docs.why), "{text}");
        let range = h.range.expect("range");
        assert_eq!((range.start.character, range.end.character), (6, 19));
    }

    #[test]
    fn the_end_of_a_span_is_outside_it() {
        let a = analyse("# Acme Reports\n\nIt is significantly faster.\n");
        let hovered =
            |character| a.hover(Position { line: 2, character }).is_some_and(|h| markdown(&h).contains("STY001"));
        assert!(!hovered(5));
        assert!(hovered(6));
        assert!(hovered(18));
        assert!(!hovered(19));
    }

    #[test]
    fn overlapping_findings_are_all_shown() {
        assert!(covers(Span::new(3, 3), 3), "an empty span holds its start");
        assert!(!covers(Span::new(3, 5), 5));
        let a = analyse("# Acme\n\nIt is very very fast.\n");
        let offset = a.doc.source.find("very").expect("present");
        let rules: Vec<_> = a.findings_at(offset + 5).map(|f| f.rule).collect();
        assert!(rules.len() >= 2, "{rules:?}");
        let h = a.hover(a.lines.position(&a.doc.source, offset + 5)).expect("hover");
        assert_eq!(markdown(&h).matches("\n\n---\n\n").count(), rules.len() - 1);
    }
}
