//! PR013 missing-call-to-action.

use prfaq_doc::PrRole;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::missing_role;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR013",
    name: "missing-call-to-action",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the press release does not tell the customer how to get it",
    docs: Docs {
        what: "Checks that the press release ends with a call to action: where and how to get the product (available today, visit, sign up, download, a URL), or a paragraph under a \"Getting started\" or \"Availability\" sub-heading. Reported at the headline.",
        why: "The press release is written for launch day, so it closes by telling the customer how to start today. Writing it forces decisions the team may be avoiding: where it is sold, what it costs, and what the first step is.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\nToday marketers spend six hours a week copying numbers by hand.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\nToday marketers spend six hours a week copying numbers by hand.\n\nAcme Reports costs $20 a month. To get started, visit https://acme.example/reports.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_role(
        cx,
        out,
        PrRole::CallToAction,
        "close with how to get it today: where, the price, the first step, and a URL",
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
    fn a_closing_call_to_action_or_no_press_release_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "# Acme\n\nAcme launches.\n\n### Availability\n\nIn every store from March.\n", 0);
        assert_count(&RULE, "# Acme\n", 0);
    }
}
