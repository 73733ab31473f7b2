//! A sequence of versions: per revision the score, findings, placeholders, words and change
//! class, and whether the document has converged.

use prfaq_critique::{Engine, Severity};
use prfaq_doc::Document;
use serde::Serialize;

use crate::diff::{ChangeClass, Diff, diff};

/// One version in a history.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// The version's name (a file name or a commit).
    pub name: String,
    /// 0–100.
    pub score: u32,
    /// Findings: errors, warnings, notes.
    pub findings: (usize, usize, usize),
    /// Open placeholders.
    pub placeholders: usize,
    /// Words in the document.
    pub words: usize,
    /// How it differs from the version before (`Unchanged` for the first).
    pub class: ChangeClass,
    /// Share of words changed since the version before.
    pub ratio: f64,
    /// The structural changes, as reasons ("question \"…\" added").
    pub structural: Vec<String>,
}

/// Whether revising has stopped bringing structural change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Convergence {
    /// The last `refinements` revisions in a row were refinements (or unchanged); the structure
    /// settled at version `settled_at` (1-based), after `revisions` revisions.
    Converged {
        /// Trailing refinements.
        refinements: usize,
        /// 1-based index of the version the structure settled at.
        settled_at: usize,
        /// Revisions up to that version.
        revisions: usize,
    },
    /// Still changing: fewer than the required refinements since the last structural change.
    Open {
        /// Trailing refinements.
        refinements: usize,
        /// How many are needed.
        needed: usize,
    },
}

/// A history.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// Each version, oldest first.
    pub revisions: Vec<Revision>,
    /// The diff of each version against the one before (one fewer than the versions).
    #[serde(skip)]
    pub diffs: Vec<Diff>,
    /// The verdict.
    pub convergence: Convergence,
}

/// Summarises `versions` (name, parsed document), oldest first.
#[must_use]
pub fn history(versions: &[(String, Document)], engine: &Engine) -> History {
    let config = &engine.config().revise;
    let mut revisions = Vec::with_capacity(versions.len());
    let mut diffs = Vec::new();
    for (i, (name, doc)) in versions.iter().enumerate() {
        let report = engine.check(doc);
        let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
        let (class, ratio, structural) = if i == 0 {
            (ChangeClass::Unchanged, 0.0, Vec::new())
        } else {
            let d = diff(&versions[i - 1].1, doc, config);
            let structural = d
                .changed()
                .filter(|c| c.change.class == ChangeClass::Structural)
                .map(|c| c.change.reason.clone())
                .collect();
            let out = (d.class, d.ratio, structural);
            diffs.push(d);
            out
        };
        revisions.push(Revision {
            name: name.clone(),
            score: report.score.overall,
            findings: (count(Severity::Error), count(Severity::Warning), count(Severity::Note)),
            placeholders: doc.placeholders.len(),
            words: doc.word_counts().total,
            class,
            ratio,
            structural,
        });
    }
    let convergence = converge(&revisions, config.converged_after);
    History { revisions, diffs, convergence }
}

fn converge(revisions: &[Revision], needed: usize) -> Convergence {
    let refinements = revisions.iter().skip(1).rev().take_while(|r| r.class != ChangeClass::Structural).count();
    if refinements >= needed.max(1) {
        let settled_at = revisions.len() - refinements;
        Convergence::Converged { refinements, settled_at, revisions: settled_at - 1 }
    } else {
        Convergence::Open { refinements, needed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prfaq_critique::Config;

    fn rev(class: ChangeClass) -> Revision {
        Revision {
            name: String::new(),
            score: 0,
            findings: (0, 0, 0),
            placeholders: 0,
            words: 0,
            class,
            ratio: 0.0,
            structural: vec![],
        }
    }

    #[test]
    fn converged_after_two_refinements() {
        use ChangeClass::*;
        let r = [rev(Unchanged), rev(Structural), rev(Structural), rev(Refinement), rev(Refinement)];
        assert_eq!(converge(&r, 2), Convergence::Converged { refinements: 2, settled_at: 3, revisions: 2 });
        let r = [rev(Unchanged), rev(Structural), rev(Refinement)];
        assert_eq!(converge(&r, 2), Convergence::Open { refinements: 1, needed: 2 });
        assert_eq!(converge(&[rev(Unchanged)], 2), Convergence::Open { refinements: 0, needed: 2 });
    }

    #[test]
    fn history_of_three_versions() {
        let v1 = "# Acme\n\nSummary.\n\n## External FAQ\n### How much does it cost?\n$5.\n";
        let v2 = format!("{v1}### How do I cancel?\nClick Cancel.\n");
        let v3 = v2.replace("Click Cancel.", "Click Cancel in Settings.");
        let versions: Vec<(String, Document)> = [("v1", v1.to_string()), ("v2", v2.clone()), ("v3", v3)]
            .into_iter()
            .map(|(n, t)| (n.to_string(), prfaq_doc::parse(&t)))
            .collect();
        let h = history(&versions, &Engine::new(Config::default()));
        let classes: Vec<ChangeClass> = h.revisions.iter().map(|r| r.class).collect();
        assert_eq!(classes, [ChangeClass::Unchanged, ChangeClass::Structural, ChangeClass::Refinement]);
        assert_eq!(h.diffs.len(), 2);
    }
}
