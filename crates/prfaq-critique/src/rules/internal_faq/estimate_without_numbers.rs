//! INT012 estimate-without-numbers.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::external_faq::faq_text::{first_sentence_span, has_figure};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT012",
    name: "estimate-without-numbers",
    family: Family::InternalFaq,
    severity: Severity::Note,
    summary: "an answer about cost, timeline or market size gives no number",
    docs: Docs {
        what: "Flags a stakeholder FAQ answer to an economics, timeline or market-size question that states no figure: no digit and no number word (two, twelve, hundred, million, half…).",
        why: "Cost, schedule and market size are estimates, and an estimate is a number with its basis. \"Relatively modest\" or \"as soon as possible\" cannot be checked, compared or approved, so reviewers will ask for the figure.",
        flagged: "# Acme\n\n## Internal FAQ\n### What will it cost to build?\nThe cost should be relatively modest, since the team is in place.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What will it cost to build?\n9 people for 9 months: $1.9 million at our loaded cost.\n",
    },
    check,
};

/// The topics whose answers are estimates.
const ESTIMATES: &[Topic] = &[Topic::Economics, Topic::Timeline, Topic::MarketSize];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for entry in cx.doc.stakeholder_faqs() {
        let asked: Vec<&str> = ESTIMATES.iter().filter(|t| entry.topics.contains(t)).map(|t| t.label()).collect();
        if asked.is_empty() || entry.answer.text.trim().is_empty() || has_figure(&entry.answer.text) {
            continue;
        }
        out.emit_with(
            first_sentence_span(cx.doc, entry),
            format!("the answer on {} gives no number", asked.join(" and ")),
            Suggestion::advice(
                "give the estimate as a number with its basis, e.g. \"9 people for 9 months, $1.9 million\"",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_first_sentence() {
        assert_flags_at(
            &RULE,
            RULE.docs.flagged,
            5,
            "The cost should be relatively modest, since the team is in place.",
        );
        let md = "# Acme\n\n## Internal FAQ\n### What is the timeline?\nAs soon as possible. We are working hard.\n";
        assert_flags_at(&RULE, md, 5, "As soon as possible.");
        let found = crate::testing::run_rule(&RULE, RULE.docs.flagged);
        assert_eq!(found[0].message, "the answer on economics gives no number");
    }

    #[test]
    fn number_words_count_as_numbers() {
        assert_count(&RULE, "# Acme\n\n## Internal FAQ\n### What is the timeline?\nNine months from approval.\n", 0);
    }

    #[test]
    fn other_topics_and_empty_answers_are_left_alone() {
        assert_count(&RULE, "# Acme\n\n## Internal FAQ\n### Is it feasible?\nYes, the prototype works.\n", 0);
        assert_count(&RULE, "# Acme\n\n## Internal FAQ\n### What is the timeline?\n", 0);
    }
}
