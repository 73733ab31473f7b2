//! INT015 missing-dependencies-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT015",
    name: "missing-dependencies-question",
    family: Family::InternalFaq,
    severity: Severity::Note,
    summary: "the internal FAQ does not say what the launch depends on",
    docs: Docs {
        what: "Checks that some internal FAQ question asks about dependencies on other teams, partners, vendors or third parties (depend, rely, partner, vendor, third party, other team).",
        why: "Launches slip most often on work someone else owns. Naming each dependency, its owner and its date lets reviewers see the critical path, and lets those teams plan for it.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What does it depend on?\nMeta must grant us API access, which took 7 weeks in 2025.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::Dependencies);
}
