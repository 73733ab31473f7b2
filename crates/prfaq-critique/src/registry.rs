//! Every rule, as plain data: one line per rule in its family's module.

use crate::rule::Rule;
use crate::rules;

/// Every rule, in id order within each family.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        rules::structure::RULES,
        rules::customer::RULES,
        rules::clarity::RULES,
        rules::external_faq::RULES,
        rules::internal_faq::RULES,
        rules::risks::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// A rule by id (`PR001`) or name (`missing-headline`), case-insensitive.
#[must_use]
pub fn find(key: &str) -> Option<&'static Rule> {
    all().find(|r| r.id.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

#[cfg(test)]
mod tests {
    //! The tidy test: every rule is registered once, named, documented, and its own
    //! documentation's flagged example fires it while the clean one does not.
    use super::*;
    use crate::rule::Family;
    use crate::testing::run_rule_with_evidence;

    fn prefix(family: Family) -> &'static str {
        match family {
            Family::Structure => "PR",
            Family::Customer => "CUS",
            Family::Clarity => "STY",
            Family::ExternalFaq => "EXT",
            Family::InternalFaq => "INT",
            Family::Risks => "RSK",
        }
    }

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let rules: Vec<&Rule> = all().collect();
        assert!(rules.len() >= 40, "only {} rules", rules.len());
        for (i, r) in rules.iter().enumerate() {
            assert!(r.id.starts_with(prefix(r.family)), "{} is in family {:?}", r.id, r.family);
            assert!(r.id[prefix(r.family).len()..].chars().all(|c| c.is_ascii_digit()), "{}", r.id);
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{} is not kebab-case", r.name);
            for other in &rules[i + 1..] {
                assert_ne!(r.id, other.id, "duplicate id");
                assert_ne!(r.name, other.name, "duplicate name");
            }
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for r in all() {
            for (what, text) in [("summary", r.summary), ("what", r.docs.what), ("why", r.docs.why)] {
                assert!(text.split_whitespace().count() >= 4, "{} {}: {what} is too short", r.id, r.name);
            }
        }
    }

    #[test]
    fn flagged_examples_fire_and_clean_examples_do_not() {
        // Every example is checked against the example evidence store its documentation names.
        let example = crate::evidence::example();
        let mut failures = Vec::new();
        for r in all() {
            if run_rule_with_evidence(r, r.docs.flagged, &example).is_empty() {
                failures.push(format!("{} {}: the flagged example does not fire", r.id, r.name));
            }
            let clean = run_rule_with_evidence(r, r.docs.clean, &example);
            if !clean.is_empty() {
                failures.push(format!("{} {}: the clean example fires: {:?}", r.id, r.name, clean[0].message));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
