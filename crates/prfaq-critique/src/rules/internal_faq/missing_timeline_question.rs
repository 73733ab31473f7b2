//! INT004 missing-timeline-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT004",
    name: "missing-timeline-question",
    family: Family::InternalFaq,
    severity: Severity::Warning,
    summary: "the internal FAQ does not say when it ships",
    docs: Docs {
        what: "Checks that some internal FAQ question asks about the timeline (timeline, schedule, milestones, launch date, how long, when will we ship).",
        why: "The press release names a launch date, and stakeholders need to know whether it is real. A timeline with milestones lets reviewers check the plan against the team's size and dependencies, and tells partner teams when they are needed.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What is the timeline?\nBeta on January 4, 2027; general launch on March 3, 2027.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::Timeline);
}
