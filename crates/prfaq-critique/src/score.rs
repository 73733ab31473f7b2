//! The score: 0–100 overall, and per family.
//!
//! Formula (also in docs/rules.md):
//! - Each family starts at 100. Each finding takes off its severity's penalty: error 20,
//!   warning 6, note 2. One rule takes off at most three times its penalty in total, so a
//!   single noisy rule (twenty weasel words) cannot sink a family alone. A family's score
//!   never goes below 0.
//! - The overall score is the weighted mean of the family scores, rounded: structure 25,
//!   customer 20, clarity 15, external FAQ 15, internal FAQ 15, risks 10.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::Finding;
use crate::rule::{Family, Severity};

/// The penalty one finding of `severity` takes off its family's score.
#[must_use]
pub fn penalty(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 20,
        Severity::Warning => 6,
        Severity::Note => 2,
    }
}

/// A family's weight in the overall score.
#[must_use]
pub fn weight(family: Family) -> u32 {
    match family {
        Family::Structure => 25,
        Family::Customer => 20,
        Family::Clarity | Family::ExternalFaq | Family::InternalFaq => 15,
        Family::Risks => 10,
    }
}

/// A document's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    /// 0–100.
    pub overall: u32,
    /// 0–100 for each family, keyed by the family's machine name.
    pub families: BTreeMap<&'static str, u32>,
}

impl Score {
    /// Scores a set of findings.
    #[must_use]
    pub fn from_findings(findings: &[Finding]) -> Self {
        let mut per_rule: BTreeMap<(&'static str, Family), (u32, u32)> = BTreeMap::new();
        for f in findings {
            let p = penalty(f.severity);
            let e = per_rule.entry((f.rule, f.family)).or_insert((0, p * 3));
            e.0 = (e.0 + p).min(e.1.max(p));
        }
        let mut lost: BTreeMap<Family, u32> = BTreeMap::new();
        for ((_, family), (taken, _)) in per_rule {
            *lost.entry(family).or_default() += taken;
        }
        let mut families = BTreeMap::new();
        let mut weighted = 0;
        let mut total_weight = 0;
        for &family in Family::ALL {
            let s = 100u32.saturating_sub(lost.get(&family).copied().unwrap_or(0));
            families.insert(family.key(), s);
            weighted += s * weight(family);
            total_weight += weight(family);
        }
        Self { overall: (weighted + total_weight / 2) / total_weight, families }
    }

    /// The strongest and weakest family, by score (first in report order on ties).
    #[must_use]
    pub fn extremes(&self) -> (&'static str, &'static str) {
        let keys: Vec<(&'static str, u32)> = Family::ALL.iter().map(|f| (f.key(), self.families[f.key()])).collect();
        // Strict comparisons keep the first family in report order on ties.
        let pick = |better: fn(u32, u32) -> bool| {
            keys.iter().fold(None::<(&'static str, u32)>, |acc, &(k, s)| match acc {
                Some((_, b)) if !better(s, b) => acc,
                _ => Some((k, s)),
            })
        };
        let best = pick(|a, b| a > b).map_or("", |(k, _)| k);
        let worst = pick(|a, b| a < b).map_or("", |(k, _)| k);
        (best, worst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prfaq_doc::Span;

    fn finding(rule: &'static str, family: Family, severity: Severity) -> Finding {
        Finding { rule, name: "x", family, severity, message: String::new(), span: Span::default(), suggestion: None }
    }

    #[test]
    fn clean_document_scores_100() {
        let s = Score::from_findings(&[]);
        assert_eq!(s.overall, 100);
        assert!(s.families.values().all(|&v| v == 100));
    }

    #[test]
    fn one_noisy_rule_is_capped() {
        let many: Vec<Finding> = (0..20).map(|_| finding("STY001", Family::Clarity, Severity::Warning)).collect();
        let s = Score::from_findings(&many);
        assert_eq!(s.families["clarity"], 100 - 18);
        // 82 * 15 + 100 * 85 = 9730 → 97.3 → 97
        assert_eq!(s.overall, 97);
    }

    #[test]
    fn errors_weigh_most() {
        let s = Score::from_findings(&[finding("PR001", Family::Structure, Severity::Error)]);
        assert_eq!(s.families["structure"], 80);
        assert_eq!(s.overall, 95);
    }
}
