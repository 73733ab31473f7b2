//! PR008 missing-problem.

use prfaq_doc::PrRole;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::missing_role;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR008",
    name: "missing-problem",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the press release does not describe the customer's problem",
    docs: Docs {
        what: "Checks that the press release has a problem paragraph: the customer's pain today, in their terms. The parser takes it from a \"Problem\" sub-heading, or from the paragraph after the summary that reads as a problem. Reported at the headline.",
        why: "Working Backwards asks \"what is the customer problem?\" before anything else. Without the problem stated, reviewers cannot judge whether the solution removes a pain anyone has, or how much that is worth.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\n### Summary\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n### Solution\n\nAcme Reports puts every number in one dashboard.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\n### Summary\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n### Problem\n\nMarketers spend six hours a week copying numbers from five tools.\n\n### Solution\n\nAcme Reports puts every number in one dashboard.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_role(
        cx,
        out,
        PrRole::Problem,
        "after the summary, describe the customer's pain today in their terms, with a number",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_headline() {
        assert_flags_at(&RULE, RULE.docs.flagged, 1, "Acme Gives Marketers Their Mondays Back");
    }

    #[test]
    fn a_problem_paragraph_found_by_position_is_enough() {
        assert_count(
            &RULE,
            "# Acme\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\nToday marketers spend six hours a week copying numbers by hand.\n",
            0,
        );
        assert_count(&RULE, "# Acme\n", 0);
    }
}
