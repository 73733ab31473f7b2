//! INT008 missing-capability-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT008",
    name: "missing-capability-question",
    family: Family::InternalFaq,
    severity: Severity::Note,
    summary: "the internal FAQ does not say which capabilities the team lacks",
    docs: Docs {
        what: "Checks that some internal FAQ question asks about capability gaps: skills, hires, expertise, staffing, resources.",
        why: "A plan that needs skills the team does not have hides a hiring project. Naming the gaps early lets reviewers judge the timeline honestly and lets recruiting start before it is late.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What capabilities are we missing?\nA data scientist with attribution experience; recruiting estimates 10 weeks.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::CapabilityGaps);
}
