//! One checked document and its diagnostics.

use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Range};
use prfaq_critique::evidence::EvidenceFacts;
use prfaq_critique::{Engine, Finding, Report, Severity};
use prfaq_doc::{Document, Span};

use crate::position::{Encoding, LineMap};

/// The `source` of every diagnostic: what editors show beside the message.
pub const SOURCE: &str = "prfaq";

/// A document's text parsed and checked once; hover, code actions and symbols all read it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The parsed document; its `source` is the editor's text.
    pub doc: Document,
    /// What the engine found.
    pub report: Report,
    /// Line starts for position conversion in the negotiated encoding.
    pub lines: LineMap,
    /// What the evidence store beside the document says about it, when there is one.
    pub evidence: Option<EvidenceFacts>,
}

impl Analysis {
    /// Parses and checks `text` with `engine`.
    #[must_use]
    pub fn new(text: &str, engine: &Engine, encoding: Encoding) -> Self {
        Self::with_evidence(prfaq_doc::parse(text), engine, encoding, None)
    }

    /// Checks a parsed document with `engine` against `evidence` (what its evidence store
    /// says about it).
    #[must_use]
    pub fn with_evidence(doc: Document, engine: &Engine, encoding: Encoding, evidence: Option<EvidenceFacts>) -> Self {
        let report = engine.check_with_evidence(&doc, evidence.as_ref());
        let lines = LineMap::new(&doc.source, encoding);
        Self { doc, report, lines, evidence }
    }

    /// The LSP range of a byte span of this document.
    #[must_use]
    pub fn range(&self, span: Span) -> Range {
        self.lines.range(&self.doc.source, span)
    }

    /// The byte span of an LSP range of this document.
    #[must_use]
    pub fn span(&self, range: Range) -> Span {
        self.lines.span(&self.doc.source, range)
    }

    /// Every finding as a diagnostic, in source order.
    #[must_use]
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.report.findings.iter().map(|f| self.diagnostic(f)).collect()
    }

    /// One finding as a diagnostic: its range, severity, rule id as the code, and message.
    #[must_use]
    pub fn diagnostic(&self, finding: &Finding) -> Diagnostic {
        Diagnostic {
            range: self.range(finding.span),
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(finding.rule.to_owned())),
            source: Some(SOURCE.to_owned()),
            message: finding.message.clone(),
            ..Diagnostic::default()
        }
    }
}

/// prfaq's severities in the protocol's terms: a note is information, not a hint, so editors
/// still list it in the problems panel.
#[must_use]
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::Position;
    use prfaq_critique::Config;

    use super::*;

    fn analyse(text: &str, encoding: Encoding) -> Analysis {
        Analysis::new(text, &Engine::new(Config::default()), encoding)
    }

    fn find<'a>(diagnostics: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
        diagnostics
            .iter()
            .find(|d| d.code == Some(NumberOrString::String(code.to_owned())))
            .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
    }

    #[test]
    fn a_weasel_word_after_non_ascii_text_is_underlined_exactly() {
        let text = "# Café Reports 😀\n\nÇa marche: it is significantly faster.\n";
        let diagnostics = analyse(text, Encoding::Utf16).diagnostics();
        let d = find(&diagnostics, "STY001");
        // "Ça marche: it is " is 17 UTF-16 units ("Ç" is one), "significantly" 13.
        assert_eq!(d.range.start, Position { line: 2, character: 17 });
        assert_eq!(d.range.end, Position { line: 2, character: 30 });
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(d.source.as_deref(), Some("prfaq"));
        assert!(d.message.contains("significantly"), "{}", d.message);

        let utf8 = analyse(text, Encoding::Utf8).diagnostics();
        assert_eq!(find(&utf8, "STY001").range.start, Position { line: 2, character: 18 });
    }

    #[test]
    fn severities_map_note_to_information() {
        assert_eq!(severity(Severity::Error), DiagnosticSeverity::ERROR);
        assert_eq!(severity(Severity::Warning), DiagnosticSeverity::WARNING);
        assert_eq!(severity(Severity::Note), DiagnosticSeverity::INFORMATION);
        let diagnostics = analyse("# Acme\n\nAcme shows the the numbers.\n", Encoding::Utf16).diagnostics();
        assert_eq!(find(&diagnostics, "STY016").severity, Some(DiagnosticSeverity::INFORMATION));
    }

    #[test]
    fn every_finding_becomes_one_diagnostic() {
        let a = analyse("It is very fast.\n", Encoding::Utf16);
        assert!(!a.report.findings.is_empty());
        assert_eq!(a.diagnostics().len(), a.report.findings.len());
    }
}
