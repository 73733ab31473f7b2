//! INT002 missing-feasibility-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT002",
    name: "missing-feasibility-question",
    family: Family::InternalFaq,
    severity: Severity::Warning,
    summary: "the internal FAQ does not ask whether it can be built",
    docs: Docs {
        what: "Checks that some internal FAQ question asks about feasibility and the hardest technical problem (feasible, hardest, technical, build it, implement, architecture, scale).",
        why: "Working Backwards starts from the customer, so the press release can promise things no one yet knows how to build. Reviewers ask for the hardest problem and the evidence it can be solved (a prototype, a spike, a comparable system) before they approve.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What is the hardest technical problem, and is it feasible?\nMatching clicks to orders; our 40-store prototype matched 78% of them.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::Feasibility);
}
