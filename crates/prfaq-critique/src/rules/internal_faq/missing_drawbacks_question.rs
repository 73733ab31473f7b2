//! INT014 missing-drawbacks-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT014",
    name: "missing-drawbacks-question",
    family: Family::InternalFaq,
    severity: Severity::Note,
    summary: "the internal FAQ does not make the case against doing this",
    docs: Docs {
        what: "Checks that some internal FAQ question makes the case against: drawbacks, risks, downsides, alternatives considered (\"Why should we not do this?\").",
        why: "A document that only argues for itself leaves reviewers to find its weaknesses. Stating the best reasons not to proceed, and the alternatives rejected, shows the team has weighed the opportunity cost and earns trust in the rest.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### Why should we not do this?\nThe same 9 people could build multi-currency checkout, which 2,300 stores asked for.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::Drawbacks);
}
