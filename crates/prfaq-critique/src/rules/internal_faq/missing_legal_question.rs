//! INT005 missing-legal-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT005",
    name: "missing-legal-question",
    family: Family::InternalFaq,
    severity: Severity::Note,
    summary: "the internal FAQ does not cover legal, compliance and privacy",
    docs: Docs {
        what: "Checks that some internal FAQ question asks about legal, regulatory, compliance or privacy matters (legal, compliance, regulation, GDPR, licence, terms, patent, policy).",
        why: "Legal and compliance problems found after launch are the most expensive kind. Asking in the internal FAQ brings counsel in while the design can still change, and shows reviewers the team has looked.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What are the legal, compliance and privacy considerations?\nCounsel reviewed the design on May 20, 2026; its three changes are in the plan.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::Legal);
}
