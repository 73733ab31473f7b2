//! EXT008 missing-support-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT008",
    name: "missing-support-question",
    family: Family::ExternalFaq,
    severity: Severity::Note,
    summary: "the external FAQ does not say how customers get help",
    docs: Docs {
        what: "Checks that some external FAQ question asks how customers get help (help, support, contact, documentation, trouble, training).",
        why: "A new product creates new questions, and customers want to know someone will answer them. Asking \"How do I get help?\" makes the team commit to support hours, channels and cost, which the business case must then pay for.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n",
        clean: "# Acme\n\n## External FAQ\n### How do I get help?\nChat with our team from 6 a.m. to 6 p.m. Pacific time, Monday to Friday.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Customers, Topic::Support);
}
