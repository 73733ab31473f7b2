//! INT010 missing-non-goals-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT010",
    name: "missing-non-goals-question",
    family: Family::InternalFaq,
    severity: Severity::Warning,
    summary: "the internal FAQ does not say what the team will not do",
    docs: Docs {
        what: "Checks that some internal FAQ question asks what is out of scope (will not do, won't, non-goals, out of scope, exclude).",
        why: "Saying no is how a team keeps a launch small enough to ship. Naming what version one will not do stops scope creep, shows reviewers where the edges are, and heads off the \"but what about...\" comments in the review.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What will we NOT do?\nVersion one will not support physical stores or marketplaces.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::NonGoals);
}
