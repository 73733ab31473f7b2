//! Internal FAQ: the questions stakeholders ask, answered with evidence.

mod assertion_without_evidence;
mod estimate_without_numbers;
mod missing_cannibalisation_question;
mod missing_capability_question;
mod missing_competition_question;
mod missing_dependencies_question;
mod missing_drawbacks_question;
mod missing_economics_question;
mod missing_feasibility_question;
mod missing_legal_question;
mod missing_market_size_question;
mod missing_non_goals_question;
mod missing_success_metrics_question;
mod missing_timeline_question;
mod too_few_internal_questions;

use crate::rule::Rule;

/// The internal FAQ rules.
pub(crate) const RULES: &[&Rule] = &[
    &too_few_internal_questions::RULE,
    &missing_feasibility_question::RULE,
    &missing_economics_question::RULE,
    &missing_timeline_question::RULE,
    &missing_legal_question::RULE,
    &missing_competition_question::RULE,
    &missing_cannibalisation_question::RULE,
    &missing_capability_question::RULE,
    &missing_success_metrics_question::RULE,
    &missing_non_goals_question::RULE,
    &assertion_without_evidence::RULE,
    &estimate_without_numbers::RULE,
    &missing_market_size_question::RULE,
    &missing_drawbacks_question::RULE,
    &missing_dependencies_question::RULE,
];
