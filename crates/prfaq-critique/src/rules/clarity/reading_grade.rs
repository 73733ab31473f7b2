//! STY008 reading-grade.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY008",
    name: "reading-grade",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "the press release reads above the grade limit",
    docs: Docs {
        what: "Computes the Flesch–Kincaid grade of the press release body (its paragraphs, lists and quotes; the headline and FAQ are not counted) and flags it once, at the first paragraph, when it is above `[limits] reading_grade_max` in prfaq.toml (8 by default, as DESIGN.md §10 asks). The grade grows with words per sentence and syllables per word.",
        why: "Amazon's writing rules aim the press release at grade 8 or lower: it is written for the customer, who will not work to understand it. A high grade means long sentences and long words, which is usually where jargon and unsupported claims hide.",
        flagged: "# Acme\n\nAcme Reports, an institutional-grade multidimensional analytical visualization capability, automatically consolidates heterogeneous organizational performance information.\n",
        clean: "# Acme\n\nAcme Reports shows each store what its ads earn. It puts every campaign in one table. It is ready by 7 a.m.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some((_, grade, span)) = super::press_release_readability(cx) else {
        return;
    };
    let limit = cx.config.limits.reading_grade_max;
    // The grade is rounded as the message shows it (see `press_release_readability`).
    if grade > limit {
        out.emit_with(
            span,
            format!("the press release reads at grade {grade:.1} (Flesch–Kincaid); the limit is {limit}"),
            Suggestion::advice("use shorter sentences and everyday words; aim for grade 8"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule, run_rule_with};

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
        assert!(run_rule(&RULE, HARD)[0].message.contains("the limit is 8"));
    }

    #[test]
    fn plain_text_and_the_faq_do_not_count() {
        assert_count(
            &RULE,
            "# Acme\n\nIt shows ad spend. It is ready at 7.\n\n## FAQ\n\n### Why?\nHeterogeneous organizational performance information consolidation.\n",
            0,
        );
        assert_count(&RULE, "# Acme\n", 0);
    }

    #[test]
    fn the_limit_comes_from_config() {
        let config = crate::Config::from_toml("[limits]\nreading_grade_max = 40.0").expect("valid");
        assert!(run_rule_with(&RULE, HARD, &config).is_empty());
    }
}
