//! Findings for people: each with the source line and the span underlined, rustc style.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use prfaq_critique::{Family, Finding, Severity};

use crate::checked::Checked;

/// The human renderer.
#[derive(Debug, Clone, Copy)]
pub struct Human {
    /// Emit ANSI colour codes.
    pub color: bool,
}

impl Human {
    /// Renders one file's findings followed by its summary line.
    #[must_use]
    pub fn render(&self, file: &Checked) -> String {
        let renderer = if self.color { Renderer::styled() } else { Renderer::plain() };
        let mut out = String::new();
        for f in &file.report.findings {
            let report = finding_report(file, f);
            let _ = writeln!(out, "{}\n", renderer.render(&report));
        }
        out.push_str(&summary_line(file));
        out.push('\n');
        out
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

fn finding_report<'a>(file: &'a Checked, f: &'a Finding) -> Vec<Group<'a>> {
    let doc = &file.doc;
    let first = doc.location(f.span.start).line;
    let last = doc.location(f.span.end.saturating_sub(1).max(f.span.start)).line.max(first);
    let start = doc.lines.line_span(&doc.source, first).start;
    let end = doc.lines.line_span(&doc.source, last).end.max(f.span.end.min(doc.source.len()));
    let source = &doc.source[start..end];
    let rel = f.span.start - start..(f.span.end.min(end) - start).max(f.span.start - start);
    let mut snippet = Snippet::source(source).line_start(first).path(file.path.as_str()).fold(true);
    snippet = snippet.annotation(AnnotationKind::Primary.span(rel).label(f.name));
    let mut group = level(f.severity).primary_title(f.message.as_str()).id(f.rule).element(snippet);
    if let Some(s) = &f.suggestion {
        group = group.element(Level::HELP.message(s.message.as_str()));
    }
    vec![group]
}

/// "path: score 72/100 (structure 80, …) — 2 errors, 5 warnings, 1 note".
#[must_use]
pub fn summary_line(file: &Checked) -> String {
    let (e, w, n) = file.counts();
    let families: Vec<String> =
        Family::ALL.iter().map(|f| format!("{} {}", f.label(), file.report.score.families[f.key()])).collect();
    format!(
        "{}: score {}/100 ({}) — {} {}, {} {}, {} {}",
        file.path,
        file.report.score.overall,
        families.join(", "),
        e,
        plural(e, "error"),
        w,
        plural(w, "warning"),
        n,
        plural(n, "note"),
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}
