//! What the critique engine and the diff say of a text, in the form the store keeps.

use prfaq_critique::evidence::EvidenceFacts;
use prfaq_critique::{Engine, Report, Severity};
use prfaq_doc::Document;
use prfaq_store::RevisionMetrics;

/// A text parsed and checked.
#[derive(Debug)]
pub struct Analysis {
    /// The parsed document.
    pub doc: Document,
    /// Findings and score.
    pub report: Report,
}

impl Analysis {
    /// Parses and checks `markdown` without evidence (a text of no workspace); a document of a
    /// workspace is checked through `service::evidence::analyse`.
    pub fn of(engine: &Engine, markdown: &str) -> Self {
        Self::checked(engine, prfaq_doc::parse(markdown), None)
    }

    /// Checks a parsed document, against what its workspace's evidence says of it when given.
    pub fn checked(engine: &Engine, doc: Document, facts: Option<&EvidenceFacts>) -> Self {
        let report = engine.check_with_evidence(&doc, facts);
        Analysis { doc, report }
    }

    /// The figures stored with a revision.
    pub fn metrics(&self) -> RevisionMetrics {
        let count = |severity| self.report.findings.iter().filter(|f| f.severity == severity).count();
        RevisionMetrics {
            score: i64::from(self.report.score.overall),
            errors: to_i64(count(Severity::Error)),
            warnings: to_i64(count(Severity::Warning)),
            placeholders: to_i64(self.doc.placeholders.len()),
            words: to_i64(self.doc.word_counts().total),
        }
    }

    /// The title to list the document under: front matter `title`, else the headline, else
    /// `fallback`.
    pub fn title(&self, fallback: &str) -> String {
        let title = self
            .doc
            .meta("title")
            .map(|f| f.value.clone())
            .or_else(|| self.doc.press_release.headline.as_ref().map(|h| h.text.clone()))
            .unwrap_or_else(|| fallback.to_owned());
        let title = title.trim();
        let title = if title.is_empty() { "Untitled PR/FAQ" } else { title };
        title.chars().take(200).collect()
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// "structural", "refinement" or "unchanged": the class of the change from `old` to `new`.
pub fn change_class(engine: &Engine, old: &Document, new: &Document) -> String {
    let diff = prfaq_revise::diff(old, new, &engine.config().revise);
    match diff.class {
        prfaq_revise::ChangeClass::Structural => "structural",
        prfaq_revise::ChangeClass::Refinement => "refinement",
        prfaq_revise::ChangeClass::Unchanged => "unchanged",
    }
    .to_owned()
}
