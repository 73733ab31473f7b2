//! STY009 reading-ease.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY009",
    name: "reading-ease",
    family: Family::Clarity,
    severity: Severity::Note,
    summary: "the press release is harder to read than the reading-ease minimum",
    docs: Docs {
        what: "Computes the Flesch reading ease of the press release body (its paragraphs, lists and quotes; the headline and FAQ are not counted) and flags it once, at the first paragraph, when it is below `[limits] reading_ease_min` in prfaq.toml (50 by default, as DESIGN.md §10 asks). The score falls as sentences and words get longer; 60–70 is plain English.",
        why: "Amazon's writing rules ask for a press release a customer reads without effort (a Flesch reading ease above 50). A low score is a sign the text talks about the product in the team's words rather than about the customer in theirs.",
        flagged: "# Acme\n\nAcme Reports, an institutional-grade multidimensional analytical visualization capability, automatically consolidates heterogeneous organizational performance information.\n",
        clean: "# Acme\n\nAcme Reports shows each store what its ads earn. It puts every campaign in one table. It is ready by 7 a.m.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some((ease, _, span)) = super::press_release_readability(cx) else {
        return;
    };
    let min = cx.config.limits.reading_ease_min;
    if ease < min {
        out.emit_with(
            span,
            format!("the press release has a reading ease of {ease:.1} (Flesch); the minimum is {min}"),
            Suggestion::advice("use shorter sentences and shorter words; plain English scores 60 to 70"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule_with};

    const HARD: &str = "# Acme\n\nAcme Reports consolidates heterogeneous organizational performance information automatically.\n\nIt is fine.\n";

    #[test]
    fn flags_a_hard_press_release_at_its_first_paragraph() {
        assert_flags_at(
            &RULE,
            HARD,
            3,
            "Acme Reports consolidates heterogeneous organizational performance information automatically.",
        );
        assert_count(&RULE, HARD, 1);
    }

    #[test]
    fn plain_text_is_fine() {
        assert_count(&RULE, "# Acme\n\nIt shows ad spend. It is ready at 7.\n", 0);
    }

    #[test]
    fn the_minimum_comes_from_config() {
        let config = crate::Config::from_toml("[limits]\nreading_ease_min = -500.0").expect("valid");
        assert!(run_rule_with(&RULE, HARD, &config).is_empty());
    }
}
