//! External FAQ: the questions customers ask, answered directly.

mod missing_pricing_question;

use crate::rule::Rule;

/// The external FAQ rules.
pub(crate) const RULES: &[&Rule] = &[&missing_pricing_question::RULE];
