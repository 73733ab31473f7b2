//! EXT003 missing-pricing-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT003",
    name: "missing-pricing-question",
    family: Family::ExternalFaq,
    severity: Severity::Warning,
    summary: "the external FAQ does not say what it costs",
    docs: Docs {
        what: "Checks that some external FAQ question asks about price (cost, price, pricing, fee, free, subscription, billing).",
        why: "\"How much does it cost?\" is the first question every customer asks. A PR/FAQ that does not answer it has not decided the business model, and reviewers will stop there.",
        flagged: "# Acme\n\n## External FAQ\n### How does it work?\nYou connect your store.\n",
        clean: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Customers, Topic::Pricing);
}
