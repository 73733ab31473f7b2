//! CUS004 problem-after-solution.

use prfaq_doc::PrRole;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::lead_sentence;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS004",
    name: "problem-after-solution",
    family: Family::Customer,
    severity: Severity::Warning,
    summary: "the press release gives the solution before the problem",
    docs: Docs {
        what: "Flags a press release whose problem paragraph comes after its solution paragraph (as marked by \"Problem\" and \"Solution\" sub-headings, or as the parser reads them). Reported at the problem paragraph's first sentence.",
        why: "Working Backwards starts from the customer's problem and works back to the solution. A solution stated first is a product in search of a problem, and the reader cannot judge whether it fits a pain they have not yet read.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n### Solution\n\nAcme Reports puts every number in one dashboard.\n\n### Problem\n\nMarketers spend six hours a week copying numbers from five tools.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n### Problem\n\nMarketers spend six hours a week copying numbers from five tools.\n\n### Solution\n\nAcme Reports puts every number in one dashboard.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let pr = &cx.doc.press_release;
    let (Some(problem), Some(solution)) = (pr.position(PrRole::Problem), pr.position(PrRole::Solution)) else {
        return;
    };
    if problem < solution {
        return;
    }
    out.emit_with(
        lead_sentence(cx.doc, pr.paragraphs[problem].block),
        "the problem comes after the solution",
        Suggestion::advice("move the problem paragraph before the solution: the customer's pain first, then how the product removes it"),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_late_problem_paragraph() {
        assert_flags_at(
            &RULE,
            RULE.docs.flagged,
            11,
            "Marketers spend six hours a week copying numbers from five tools.",
        );
    }

    #[test]
    fn problem_first_or_a_missing_part_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "# Acme\n\nAcme launches.\n\n### Solution\n\nOne dashboard.\n", 0);
    }
}
