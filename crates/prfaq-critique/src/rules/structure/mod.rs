//! Structure: each press-release part present and in order, one page, quotes attributed.

mod missing_headline;

use crate::rule::Rule;

/// The structure rules.
pub(crate) const RULES: &[&Rule] = &[&missing_headline::RULE];
