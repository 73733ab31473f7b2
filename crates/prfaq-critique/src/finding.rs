//! Findings: what a rule reports, where, and how to fix it.

use prfaq_doc::Span;
use serde::Serialize;

use crate::rule::{Family, Severity};

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id (`PR001`).
    pub rule: &'static str,
    /// The rule's name (`missing-headline`).
    pub name: &'static str,
    /// The rule's family.
    pub family: Family,
    /// The severity in force (after configuration).
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it, where the rule knows.
    pub suggestion: Option<Suggestion>,
}

/// How safe it is to apply a suggestion without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// The replacement keeps the meaning; an editor may apply it.
    Safe,
    /// The replacement changes wording or meaning; a person must decide.
    Unsafe,
    /// Advice only; there is no replacement text.
    DisplayOnly,
}

/// A suggested fix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// What to do.
    pub message: String,
    /// Text to put in place of the finding's span, if there is one.
    pub replacement: Option<String>,
    /// How safe the replacement is.
    pub applicability: Applicability,
}

impl Suggestion {
    /// Advice without a replacement.
    #[must_use]
    pub fn advice(message: impl Into<String>) -> Self {
        Self { message: message.into(), replacement: None, applicability: Applicability::DisplayOnly }
    }

    /// A replacement a person should review.
    #[must_use]
    pub fn replace(message: impl Into<String>, replacement: impl Into<String>) -> Self {
        Self { message: message.into(), replacement: Some(replacement.into()), applicability: Applicability::Unsafe }
    }
}
