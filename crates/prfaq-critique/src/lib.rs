//! `prfaq-critique` is the bar raiser: deterministic rules that flag what a seasoned Working
//! Backwards reviewer would — missing sections, a headline without a customer benefit, vague
//! customers, weasel words, claims without numbers, uncovered FAQ topics, assertions without
//! evidence, and every TBD as a tracked risk.
//!
//! It does no IO: [`Engine::check`] is a pure function of a parsed [`prfaq_doc::Document`] and
//! a [`Config`]; [`Engine::check_with_evidence`] adds what an evidence store says about the
//! document's citations and quotes ([`evidence::EvidenceFacts`]), which the caller looked up.
//!
//! ```
//! let engine = prfaq_critique::Engine::new(prfaq_critique::Config::default());
//! let doc = prfaq_doc::parse("# Acme\n\nAcme is significantly faster.\n");
//! let report = engine.check(&doc);
//! assert!(report.findings.iter().any(|f| f.name == "weasel-word"));
//! assert!(report.score.overall < 100);
//! ```

mod config;
mod context;
pub mod evidence;
mod finding;
mod lexicon;
pub mod registry;
mod rule;
mod rules;
mod score;
#[cfg(test)]
mod testing;

pub use config::{Config, ConfigError, Limits, Revise, Words};
pub use context::{Context, Lexicons, Sentence};
pub use finding::{Applicability, Finding, Suggestion};
pub use lexicon::Lexicon;
pub use rule::{Docs, Emitter, Family, Rule, Severity};
pub use score::{Score, penalty, weight};

use prfaq_doc::Document;

/// The findings and score of one document.
#[derive(Debug, Clone)]
pub struct Report {
    /// Findings, in source order.
    pub findings: Vec<Finding>,
    /// The score.
    pub score: Score,
}

/// Runs the rules with one configuration; build once, check many documents.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    lex: Lexicons,
    rules: Vec<&'static Rule>,
}

impl Engine {
    /// Prepares the rules and word lists for `config`.
    #[must_use]
    pub fn new(config: Config) -> Self {
        let lex = Lexicons::new(&config);
        let rules = registry::all().filter(|r| config.enabled(r)).collect();
        Self { config, lex, rules }
    }

    /// The configuration in force.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Checks a document: every enabled rule, minus what inline comments suppress.
    #[must_use]
    pub fn check(&self, doc: &Document) -> Report {
        self.check_with_evidence(doc, None)
    }

    /// Checks a document against what an evidence store says about it: cited ids that do not
    /// exist, customer quotes found in no item, and uncited problem claims are then flagged
    /// too.
    #[must_use]
    pub fn check_with_evidence(&self, doc: &Document, facts: Option<&evidence::EvidenceFacts>) -> Report {
        let cx = Context::new(doc, &self.config, &self.lex).with_evidence(facts);
        let mut findings = Vec::new();
        for &rule in &self.rules {
            let mut out = Emitter::new(rule, self.config.severity(rule), &mut findings);
            (rule.check)(&cx, &mut out);
        }
        findings.retain(|f| !suppressed(doc, f));
        findings
            .sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.severity.cmp(&a.severity)).then(a.rule.cmp(b.rule)));
        let score = Score::from_findings(&findings);
        Report { findings, score }
    }
}

fn suppressed(doc: &Document, f: &Finding) -> bool {
    doc.suppressions.iter().any(|s| {
        let covers = s.covers.start <= f.span.start && f.span.start < s.covers.end.max(s.covers.start + 1);
        covers
            && (s.rules.is_empty()
                || s.rules.iter().any(|r| r.eq_ignore_ascii_case(f.rule) || r.eq_ignore_ascii_case(f.name)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_comment_suppresses_the_next_block_only() {
        let md = "# Acme\n\n<!-- prfaq-disable weasel-word -->\nIt is very fast.\n\nIt is very slow.\n";
        let report = Engine::new(Config::default()).check(&prfaq_doc::parse(md));
        let weasels: Vec<_> = report.findings.iter().filter(|f| f.name == "weasel-word").collect();
        assert_eq!(weasels.len(), 1);
        assert_eq!(prfaq_doc::parse(md).location(weasels[0].span.start).line, 6);
    }

    #[test]
    fn disabled_rules_do_not_run_and_severities_change() {
        let config =
            Config::from_toml("[rules]\ndisable = [\"weasel-word\"]\nseverity = { missing-headline = \"note\" }")
                .expect("valid");
        let report = Engine::new(config).check(&prfaq_doc::parse("It is very fast.\n"));
        assert!(report.findings.iter().all(|f| f.name != "weasel-word"));
        let headline = report.findings.iter().find(|f| f.name == "missing-headline").expect("fires");
        assert_eq!(headline.severity, Severity::Note);
    }
}
