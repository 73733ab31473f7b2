//! INT001 too-few-internal-questions.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, too_few_questions};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT001",
    name: "too-few-internal-questions",
    family: Family::InternalFaq,
    severity: Severity::Warning,
    summary: "the internal FAQ has too few questions",
    docs: Docs {
        what: "Counts the questions stakeholders would read (the internal FAQ, or an FAQ with no external/internal split) and flags fewer than `limits.internal_questions_min` (default 5). A document with no internal FAQ at all is left to `missing-internal-faq`.",
        why: "The internal FAQ is where the team shows it has done the hard thinking: feasibility, economics, timeline, risks, what it will not do. Two or three questions cannot cover what finance, engineering, legal and leadership will each ask, so reviewers raise the rest in the meeting instead.",
        flagged: "# Acme\n\n## Internal FAQ\n### What is the timeline?\nBeta on January 4, 2027; launch on March 3, 2027.\n\n### How will we measure success?\nPaying stores at month 12: 3,400.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What is the timeline?\nBeta on January 4, 2027; launch on March 3, 2027.\n\n### How will we measure success?\nPaying stores at month 12: 3,400.\n\n### Is it feasible?\nYes: our 40-store prototype matched 78% of orders.\n\n### What will it cost to build?\n$1.9 million over 9 months.\n\n### What will we NOT do?\nNo physical stores in version one.\n",
    },
    check,
};

/// The topics stakeholders ask about first, in the order a suggestion lists them.
const STAKEHOLDER_TOPICS: &[Topic] = &[
    Topic::Feasibility,
    Topic::Economics,
    Topic::Timeline,
    Topic::SuccessMetrics,
    Topic::NonGoals,
    Topic::Competition,
    Topic::MarketSize,
    Topic::Drawbacks,
];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    too_few_questions(
        cx,
        out,
        Audience::Stakeholders,
        cx.config.limits.internal_questions_min,
        STAKEHOLDER_TOPICS,
        "add the questions stakeholders will ask",
        "add the questions finance, engineering, legal and leadership will ask",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_faq_heading() {
        assert_flags_at(&RULE, RULE.docs.flagged, 3, "Internal FAQ");
        assert_count(&RULE, RULE.docs.flagged, 1);
    }

    #[test]
    fn no_internal_faq_is_left_to_missing_internal_faq() {
        assert_count(&RULE, "# Acme\n\n## External FAQ\n### How much does it cost?\n$49.\n", 0);
    }
}
