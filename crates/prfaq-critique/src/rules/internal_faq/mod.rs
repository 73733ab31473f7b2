//! Internal FAQ: the questions stakeholders ask, answered with evidence.

use crate::rule::Rule;

/// The internal FAQ rules.
pub(crate) const RULES: &[&Rule] = &[];
