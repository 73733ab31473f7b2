//! INT006 missing-competition-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT006",
    name: "missing-competition-question",
    family: Family::InternalFaq,
    severity: Severity::Warning,
    summary: "the internal FAQ does not say how competitors will respond",
    docs: Docs {
        what: "Checks that some internal FAQ question asks how competitors will respond (competitor, competition, rival, incumbent, respond, differentiate).",
        why: "Competitors react to a successful launch: they copy it, undercut it or bundle it. Reviewers want to see the team has thought a move ahead, and what keeps the product ahead when they do.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### How will competitors respond?\nWe expect two vendors to add a cheaper plan within 6 months; our edge is profit per campaign.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::Competition);
}
