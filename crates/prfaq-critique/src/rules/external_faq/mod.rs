//! External FAQ: the questions customers ask, answered directly.

mod duplicate_question;
pub(crate) mod faq_text;
mod indirect_answer;
mod internal_question_in_external_faq;
mod missing_availability_question;
mod missing_cancellation_question;
mod missing_compatibility_question;
mod missing_migration_question;
mod missing_pricing_question;
mod missing_privacy_question;
mod missing_support_question;
mod too_few_external_questions;
mod too_many_external_questions;
mod unanswered_question;

use crate::rule::Rule;

/// The external FAQ rules.
pub(crate) const RULES: &[&Rule] = &[
    &too_few_external_questions::RULE,
    &too_many_external_questions::RULE,
    &missing_pricing_question::RULE,
    &missing_availability_question::RULE,
    &missing_compatibility_question::RULE,
    &missing_migration_question::RULE,
    &missing_privacy_question::RULE,
    &missing_support_question::RULE,
    &indirect_answer::RULE,
    &unanswered_question::RULE,
    &duplicate_question::RULE,
    &internal_question_in_external_faq::RULE,
    &missing_cancellation_question::RULE,
];
