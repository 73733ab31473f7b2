//! INT009 missing-success-metrics-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT009",
    name: "missing-success-metrics-question",
    family: Family::InternalFaq,
    severity: Severity::Warning,
    summary: "the internal FAQ does not say how success will be measured",
    docs: Docs {
        what: "Checks that some internal FAQ question asks how success will be measured (metric, measure, success, KPI, goal, target, \"how will we know\").",
        why: "Without agreed metrics a launch cannot fail, and so nothing is learned from it. Reviewers expect a few numbers, each with a baseline and a target date, and the threshold at which the team would stop.",
        flagged: "# Acme\n\n## Internal FAQ\n### What is the timeline?\nBeta on January 4, 2027; general launch on March 3, 2027.\n",
        clean: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::SuccessMetrics);
}
