//! Customer: a specific customer with a measurable pain, problem before solution.

mod company_centric_headline;
mod customer_not_in_summary;
mod invented_customer_quote;
mod missing_customer_definition;
mod pain_not_measurable;
mod problem_after_solution;
mod problem_in_company_terms;
mod uncited_pain_claim;
mod uncited_problem;
mod unknown_evidence_id;
mod vague_customer;

use prfaq_doc::text;

use crate::rule::Rule;

/// The customer rules.
pub(crate) const RULES: &[&Rule] = &[
    &vague_customer::RULE,
    &customer_not_in_summary::RULE,
    &missing_customer_definition::RULE,
    &problem_after_solution::RULE,
    &pain_not_measurable::RULE,
    &company_centric_headline::RULE,
    &problem_in_company_terms::RULE,
    &uncited_pain_claim::RULE,
    &unknown_evidence_id::RULE,
    &invented_customer_quote::RULE,
    &uncited_problem::RULE,
];

/// Words of four letters or more that say nothing about who the customer is: function words,
/// and the verbs and time words every customer definition uses.
const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "also",
    "among",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "cannot",
    "could",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "every",
    "from",
    "further",
    "have",
    "having",
    "here",
    "into",
    "just",
    "like",
    "more",
    "most",
    "much",
    "must",
    "need",
    "needs",
    "only",
    "other",
    "over",
    "same",
    "should",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "until",
    "very",
    "want",
    "wants",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "whom",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "your",
    "yours",
    "make",
    "makes",
    "using",
    "still",
    "today",
    "currently",
    "spend",
    "spends",
    "spent",
    "hour",
    "hours",
    "week",
    "weeks",
    "weekly",
    "month",
    "months",
    "monthly",
    "year",
    "years",
    "yearly",
    "day",
    "days",
    "daily",
    "time",
    "times",
    "minutes",
    "least",
    "than",
    "many",
    "work",
    "working",
    "people",
    "team",
    "teams",
];

/// A word's comparable form: lower case, possessive dropped, simple plurals made singular
/// ("companies" → "company", "boxes" → "box", "stores" → "store").
pub(crate) fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(&w).to_string();
    if let Some(base) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        return format!("{base}y");
    }
    if let Some(base) = ["sses", "shes", "ches", "xes"].iter().find_map(|s| w.strip_suffix(s).map(|b| (b, s))) {
        return format!("{}{}", base.0, &base.1[..base.1.len() - 2]);
    }
    match w.strip_suffix('s') {
        Some(base) if !base.ends_with('s') && base.len() >= 3 => base.to_string(),
        _ => w,
    }
}

/// The key words of a customer definition: words of four letters or more, not numbers and
/// not stop words, in their comparable form (see [`stem`]).
pub(crate) fn key_words(definition: &str) -> Vec<String> {
    let mut out: Vec<String> = text::words(definition)
        .map(|r| &definition[r])
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !STOP_WORDS.contains(&w.to_lowercase().as_str()))
        .map(stem)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_make_simple_plurals_singular() {
        assert_eq!(stem("Companies"), "company");
        assert_eq!(stem("stores"), "store");
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("business"), "business");
        assert_eq!(stem("marketer's"), "marketer");
    }

    #[test]
    fn key_words_skip_short_words_numbers_and_stop_words() {
        assert_eq!(
            key_words("Marketing managers at mid-size brands who spend 6+ hours a week"),
            ["brand", "manager", "marketing", "mid-size"]
        );
    }
}
