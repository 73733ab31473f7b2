//! Risks: every placeholder tracked, open questions and assumptions surfaced.

mod assumption;
mod open_question_in_answer;
mod placeholder;
mod placeholder_in_critical_part;

use prfaq_doc::{Document, Placeholder, PrRole, Topic};

use crate::rule::Rule;

/// The risk rules.
pub(crate) const RULES: &[&Rule] =
    &[&placeholder::RULE, &placeholder_in_critical_part::RULE, &open_question_in_answer::RULE, &assumption::RULE];

/// A placeholder in a part the decision cannot do without: the headline, the summary or
/// dateline, the customer or title in front matter, or an FAQ answer on price, availability
/// or timeline.
pub(crate) fn is_critical(doc: &Document, p: &Placeholder) -> bool {
    if p.section == "front matter" {
        return ["customer", "title"].iter().any(|k| p.context.to_lowercase().starts_with(&format!("{k}:")));
    }
    if p.section == "headline" || p.role == Some(PrRole::Summary) {
        return true;
    }
    p.faq.is_some_and(|i| {
        doc.faqs[i].topics.iter().any(|t| matches!(t, Topic::Pricing | Topic::Availability | Topic::Timeline))
    })
}
