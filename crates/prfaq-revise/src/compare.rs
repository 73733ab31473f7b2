//! Candidates side by side: the figures a decision-maker compares.

use prfaq_critique::evidence::{EvidenceFacts, Strength, strength};
use prfaq_critique::{Engine, Family};
use prfaq_doc::{Document, FaqKind, Topic, text};
use serde::Serialize;

/// One candidate's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// The candidate's name (its path).
    pub name: String,
    /// The headline, if any.
    pub headline: Option<String>,
    /// The front matter's customer definition, if any.
    pub customer: Option<String>,
    /// 0–100.
    pub score: u32,
    /// 0–100 per family, in report order.
    pub families: Vec<(&'static str, u32)>,
    /// The strongest and weakest family.
    pub strongest: &'static str,
    /// The weakest family.
    pub weakest: &'static str,
    /// Open placeholders.
    pub placeholders: usize,
    /// Press-release sentences that carry a number.
    pub quantified_claims: usize,
    /// Press-release sentences in all.
    pub claims: usize,
    /// Customer-facing topics covered, of those reviewers expect.
    pub external_topics: (usize, usize),
    /// Stakeholder topics covered, of those reviewers expect.
    pub internal_topics: (usize, usize),
    /// External and internal FAQ questions.
    pub questions: (usize, usize),
    /// Words: total, press release.
    pub words: (usize, usize),
    /// Findings: errors, warnings, notes.
    pub findings: (usize, usize, usize),
    /// How well its customer and problem claims are grounded in evidence.
    pub evidence: Strength,
}

/// Scores and summarises each candidate.
#[must_use]
pub fn compare(candidates: &[(String, Document)], engine: &Engine) -> Vec<Candidate> {
    compare_with_evidence(candidates, &[], engine)
}

/// Scores and summarises each candidate, checking the i-th against `evidence[i]` (what its
/// evidence store says of it) when given: its findings then include the evidence rules, and
/// its evidence strength counts distinct customers and sources.
#[must_use]
pub fn compare_with_evidence(
    candidates: &[(String, Document)],
    evidence: &[Option<EvidenceFacts>],
    engine: &Engine,
) -> Vec<Candidate> {
    candidates
        .iter()
        .enumerate()
        .map(|(i, (name, doc))| {
            let facts = evidence.get(i).and_then(Option::as_ref);
            let report = engine.check_with_evidence(doc, facts);
            let (strongest, weakest) = report.score.extremes();
            let mut claims = 0;
            let mut quantified = 0;
            for p in &doc.press_release.paragraphs {
                let t = &doc.blocks[p.block].text;
                for s in text::sentences(t) {
                    claims += 1;
                    quantified += usize::from(text::has_number(&t[s]));
                }
            }
            let covered = |faqs: Vec<&prfaq_doc::FaqEntry>, expected: &[Topic]| {
                (expected.iter().filter(|t| faqs.iter().any(|f| f.topics.contains(t))).count(), expected.len())
            };
            let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
            let words = doc.word_counts();
            Candidate {
                name: name.clone(),
                headline: doc.press_release.headline.as_ref().map(|h| h.text.clone()),
                customer: doc.meta("customer").map(|f| f.value.clone()),
                score: report.score.overall,
                families: Family::ALL.iter().map(|f| (f.label(), report.score.families[f.key()])).collect(),
                strongest: label_of(strongest),
                weakest: label_of(weakest),
                placeholders: doc.placeholders.len(),
                quantified_claims: quantified,
                claims,
                external_topics: covered(doc.customer_faqs().collect(), Topic::CUSTOMER),
                internal_topics: covered(doc.stakeholder_faqs().collect(), Topic::STAKEHOLDER),
                questions: (doc.customer_faqs().count(), doc.faqs_of(FaqKind::Internal).count()),
                words: (words.total, words.press_release),
                findings: (
                    count(prfaq_critique::Severity::Error),
                    count(prfaq_critique::Severity::Warning),
                    count(prfaq_critique::Severity::Note),
                ),
                evidence: strength(doc, facts),
            }
        })
        .collect()
}

fn label_of(key: &str) -> &'static str {
    Family::ALL.iter().find(|f| f.key() == key).map_or("", |f| f.label())
}
