//! Clarity and style: Amazon's writing rules.

mod weasel_word;

use crate::rule::Rule;

/// The clarity rules.
pub(crate) const RULES: &[&Rule] = &[&weasel_word::RULE];
