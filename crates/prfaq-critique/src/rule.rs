//! What a rule is: plain data (id, name, family, severity, documentation) and a check function.

use prfaq_doc::Span;
use serde::Serialize;

use crate::context::Context;
use crate::finding::{Finding, Suggestion};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; does not block.
    Note,
    /// A seasoned reviewer would ask for a change.
    Warning,
    /// The document is not ready for review until this is fixed.
    Error,
}

impl Severity {
    /// Parses `error`, `warning` or `note`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Self::Error),
            "warning" | "warn" => Some(Self::Warning),
            "note" | "info" => Some(Self::Note),
            _ => None,
        }
    }

    /// The lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
        }
    }
}

/// The rule families of DESIGN.md §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Sections present and in order, one page, headline, dateline, quotes, call to action.
    Structure,
    /// A specific customer with a measurable pain, problem before solution.
    Customer,
    /// Amazon writing rules: weasel words, data over adjectives, jargon, long sentences.
    Clarity,
    /// The questions customers ask, answered directly.
    ExternalFaq,
    /// The questions stakeholders ask, answered with evidence.
    InternalFaq,
    /// Every open placeholder, tracked as a risk.
    Risks,
}

impl Family {
    /// Every family, in report order.
    pub const ALL: &'static [Family] = &[
        Family::Structure,
        Family::Customer,
        Family::Clarity,
        Family::ExternalFaq,
        Family::InternalFaq,
        Family::Risks,
    ];

    /// A human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Family::Structure => "structure",
            Family::Customer => "customer",
            Family::Clarity => "clarity",
            Family::ExternalFaq => "external FAQ",
            Family::InternalFaq => "internal FAQ",
            Family::Risks => "risks",
        }
    }

    /// The machine name used in JSON.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Family::Structure => "structure",
            Family::Customer => "customer",
            Family::Clarity => "clarity",
            Family::ExternalFaq => "external_faq",
            Family::InternalFaq => "internal_faq",
            Family::Risks => "risks",
        }
    }
}

/// A rule's user documentation; `prfaq explain` and `docs/rules.md` are generated from it.
#[derive(Debug)]
pub struct Docs {
    /// What the rule checks.
    pub what: &'static str,
    /// Why it matters in the Working Backwards method.
    pub why: &'static str,
    /// A document (Markdown) the rule flags.
    pub flagged: &'static str,
    /// The same document written so the rule is satisfied.
    pub clean: &'static str,
}

/// A rule: plain data plus a check function.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, e.g. `PR001`.
    pub id: &'static str,
    /// Kebab-case name, e.g. `missing-headline`.
    pub name: &'static str,
    /// Its family.
    pub family: Family,
    /// Default severity; `prfaq.toml` can change it.
    pub severity: Severity,
    /// One line saying what a finding means.
    pub summary: &'static str,
    /// User documentation.
    pub docs: Docs,
    /// Runs the rule.
    pub check: fn(&Context<'_>, &mut Emitter<'_>),
}

/// Collects the findings of one rule.
pub struct Emitter<'a> {
    rule: &'static Rule,
    severity: Severity,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Emitter<'a> {
    pub(crate) fn new(rule: &'static Rule, severity: Severity, findings: &'a mut Vec<Finding>) -> Self {
        Self { rule, severity, findings }
    }

    /// Records a finding at `span`.
    pub fn emit(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.findings.push(Finding {
            rule: self.rule.id,
            name: self.rule.name,
            family: self.rule.family,
            severity: self.severity,
            message: message.into(),
            span,
            suggestion: None,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// Records a finding with a suggestion.
    pub fn emit_with(&mut self, span: Span, message: impl Into<String>, suggestion: Suggestion) {
        self.emit(span, message).suggestion = Some(suggestion);
    }
}
