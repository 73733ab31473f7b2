//! Customer: a specific customer with a measurable pain, problem before solution.

use crate::rule::Rule;

/// The customer rules.
pub(crate) const RULES: &[&Rule] = &[];
