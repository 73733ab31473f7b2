//! One checked file: its path, parsed document and critique report.

use prfaq_critique::{Report, Severity};
use prfaq_doc::{Document, Location, Span};

/// A file that was parsed and checked, ready to render.
#[derive(Debug)]
pub struct Checked {
    /// The path as the user gave it (`-` for standard input).
    pub path: String,
    /// The parsed document.
    pub doc: Document,
    /// The findings and score.
    pub report: Report,
}

impl Checked {
    /// Start and end locations of a span.
    #[must_use]
    pub fn range(&self, span: Span) -> (Location, Location) {
        (self.doc.location(span.start), self.doc.location(span.end))
    }

    /// Findings counted by severity: (errors, warnings, notes).
    #[must_use]
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |s| self.report.findings.iter().filter(|f| f.severity == s).count();
        (n(Severity::Error), n(Severity::Warning), n(Severity::Note))
    }
}
