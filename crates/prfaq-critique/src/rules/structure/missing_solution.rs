//! PR009 missing-solution.

use prfaq_doc::PrRole;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::missing_role;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR009",
    name: "missing-solution",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the press release does not say how the product removes the problem",
    docs: Docs {
        what: "Checks that the press release has a solution paragraph: how the product removes the customer's pain. The parser takes it from a \"Solution\" sub-heading, or from the paragraph after the problem. Reported at the headline.",
        why: "The press release must connect the problem to the product: reviewers ask \"does the solution address the problem?\". Without a solution paragraph the document states a pain and a product name and leaves the reader to guess the link.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\nToday marketers spend six hours a week copying numbers by hand.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\nToday marketers spend six hours a week copying numbers by hand.\n\nAcme Reports puts every number in one dashboard by 7 a.m.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_role(
        cx,
        out,
        PrRole::Solution,
        "after the problem, say how the product removes that pain, as the customer sees it",
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
    fn a_solution_heading_or_no_press_release_is_fine() {
        assert_count(
            &RULE,
            "# Acme\n\nSEATTLE — March 3, 2027 — Acme launches.\n\n### Solution\n\nOne dashboard.\n",
            0,
        );
        assert_count(&RULE, "# Acme\n", 0);
    }
}
