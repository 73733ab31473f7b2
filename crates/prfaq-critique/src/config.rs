//! `prfaq.toml`: which rules run, at what severity, and the limits and word lists they use.
//!
//! ```toml
//! [rules]
//! disable = ["passive-voice", "STY004"]
//! severity = { long-sentence = "error" }
//!
//! [limits]
//! press_release_max_words = 700
//!
//! [words]
//! jargon = ["north-star metric"]
//! weasel = ["arguably"]
//! acronyms = ["SKU"]
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::registry;
use crate::rule::{Rule, Severity};

/// An error in a configuration file, with where and why.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Not valid TOML, or a field of the wrong type or name.
    // Not `#[from]`: that would also make the TOML error the source, and the message, which
    // already says it, would be printed twice where the error chain is shown.
    #[error("invalid prfaq.toml: {0}")]
    Toml(toml::de::Error),
    /// A rule id or name that no rule has.
    #[error("invalid prfaq.toml: unknown rule `{0}` (run `prfaq rules` for the list)")]
    UnknownRule(String),
    /// A severity that is not error, warning or note.
    #[error("invalid prfaq.toml: severity `{value}` for `{rule}` must be error, warning or note")]
    BadSeverity {
        /// The rule.
        rule: String,
        /// The value given.
        value: String,
    },
    /// A limit that cannot hold (a minimum above its maximum).
    #[error("invalid prfaq.toml: {0}")]
    BadLimit(String),
}

impl From<toml::de::Error> for ConfigError {
    fn from(error: toml::de::Error) -> Self {
        ConfigError::Toml(error)
    }
}

/// Numeric limits the rules use. Defaults follow DESIGN.md §10.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Fewest words in the press release body.
    pub press_release_min_words: usize,
    /// Most words in the press release body (about one page).
    pub press_release_max_words: usize,
    /// Most words in the headline.
    pub headline_max_words: usize,
    /// Most words in the subheadline.
    pub subheadline_max_words: usize,
    /// Most words in a sentence before it is flagged.
    pub sentence_max_words: usize,
    /// Most sentences in a press-release paragraph.
    pub paragraph_max_sentences: usize,
    /// Most words in the external and internal FAQ together (about five pages).
    pub faq_max_words: usize,
    /// Fewest external FAQ questions.
    pub external_questions_min: usize,
    /// Most external FAQ questions.
    pub external_questions_max: usize,
    /// Fewest internal FAQ questions.
    pub internal_questions_min: usize,
    /// Highest Flesch–Kincaid grade for the press release.
    pub reading_grade_max: f64,
    /// Lowest Flesch reading ease for the press release.
    pub reading_ease_min: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            press_release_min_words: 250,
            press_release_max_words: 600,
            headline_max_words: 15,
            subheadline_max_words: 35,
            sentence_max_words: 30,
            paragraph_max_sentences: 6,
            faq_max_words: 2500,
            external_questions_min: 5,
            external_questions_max: 10,
            internal_questions_min: 5,
            reading_grade_max: 8.0,
            reading_ease_min: 50.0,
        }
    }
}

/// Extra words for the word-list rules (added to the built-in lists).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Words {
    /// More weasel words.
    pub weasel: Vec<String>,
    /// More hype words.
    pub hype: Vec<String>,
    /// House jargon to flag.
    pub jargon: Vec<String>,
    /// Acronyms readers know, never flagged as undefined.
    pub acronyms: Vec<String>,
    /// Words never flagged by any word-list rule.
    pub allow: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RulesSection {
    disable: Vec<String>,
    severity: BTreeMap<String, String>,
}

/// Thresholds for revision diffs and convergence (`prfaq diff`, `prfaq history`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Revise {
    /// A headline, customer, problem, solution or pricing answer whose words changed by at
    /// least this share (0–1) is a structural change.
    pub structural_ratio: f64,
    /// Two FAQ questions at least this similar (0–1) are the same question, reworded.
    pub question_similarity: f64,
    /// The document has converged when this many revisions in a row were refinements.
    pub converged_after: usize,
}

impl Default for Revise {
    fn default() -> Self {
        Self { structural_ratio: 0.4, question_similarity: 0.5, converged_after: 2 }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct File {
    rules: RulesSection,
    limits: Limits,
    words: Words,
    revise: Revise,
    /// The AI agents' settings: read and checked by `prfaq-agent`, accepted here.
    agent: Option<serde::de::IgnoredAny>,
}

/// The configuration in force for a check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Ids of disabled rules.
    pub disabled: Vec<&'static str>,
    /// Severity overrides by rule id.
    pub severities: BTreeMap<&'static str, Severity>,
    /// Numeric limits.
    pub limits: Limits,
    /// Word lists.
    pub words: Words,
    /// Revision thresholds.
    pub revise: Revise,
}

impl Config {
    /// Reads a `prfaq.toml`. Unknown keys and unknown rules are errors, so a typo never
    /// silently leaves a rule on.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let file: File = toml::from_str(text)?;
        let mut config = Config { limits: file.limits, words: file.words, revise: file.revise, ..Config::default() };
        for r in &file.rules.disable {
            config.disabled.push(lookup(r)?.id);
        }
        for (r, v) in &file.rules.severity {
            let rule = lookup(r)?;
            let sev =
                Severity::parse(v).ok_or_else(|| ConfigError::BadSeverity { rule: r.clone(), value: v.clone() })?;
            config.severities.insert(rule.id, sev);
        }
        let l = &config.limits;
        if l.press_release_min_words > l.press_release_max_words {
            return Err(ConfigError::BadLimit("press_release_min_words is above press_release_max_words".into()));
        }
        let r = &config.revise;
        if !(0.0..=1.0).contains(&r.structural_ratio) || !(0.0..=1.0).contains(&r.question_similarity) {
            return Err(ConfigError::BadLimit("revise ratios must be between 0 and 1".into()));
        }
        if l.external_questions_min > l.external_questions_max {
            return Err(ConfigError::BadLimit("external_questions_min is above external_questions_max".into()));
        }
        Ok(config)
    }

    /// True when the rule runs.
    #[must_use]
    pub fn enabled(&self, rule: &Rule) -> bool {
        !self.disabled.contains(&rule.id)
    }

    /// The severity in force for a rule.
    #[must_use]
    pub fn severity(&self, rule: &Rule) -> Severity {
        self.severities.get(rule.id).copied().unwrap_or(rule.severity)
    }
}

fn lookup(key: &str) -> Result<&'static Rule, ConfigError> {
    registry::find(key).ok_or_else(|| ConfigError::UnknownRule(key.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_file() {
        let c = Config::from_toml(
            "[rules]\ndisable = [\"passive-voice\"]\nseverity = { STY006 = \"error\" }\n[limits]\npress_release_max_words = 700\n[words]\njargon = [\"north star\"]\n",
        )
        .expect("valid");
        assert_eq!(c.disabled, vec!["STY007"]);
        assert_eq!(c.severities.get("STY006"), Some(&Severity::Error));
        assert_eq!(c.limits.press_release_max_words, 700);
        assert_eq!(c.words.jargon, vec!["north star".to_string()]);
    }

    #[test]
    fn typos_are_errors() {
        assert!(matches!(Config::from_toml("[rules]\ndisable = [\"no-such-rule\"]"), Err(ConfigError::UnknownRule(_))));
        assert!(matches!(Config::from_toml("[limitz]\n"), Err(ConfigError::Toml(_))));
        assert!(matches!(
            Config::from_toml("[rules]\nseverity = { STY006 = \"loud\" }"),
            Err(ConfigError::BadSeverity { .. })
        ));
        let e = Config::from_toml("[limits]\npress_release_max_words = \"many\"").expect_err("type error");
        assert!(e.to_string().contains("press_release_max_words"), "{e}");
    }
}
