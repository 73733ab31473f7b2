//! EXT013 missing-cancellation-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT013",
    name: "missing-cancellation-question",
    family: Family::ExternalFaq,
    severity: Severity::Note,
    summary: "the external FAQ does not say how customers cancel",
    docs: Docs {
        what: "Checks that some external FAQ question asks how customers stop (cancel, refund, unsubscribe, opt out, stop using, delete my account).",
        why: "Customers commit more readily when leaving is easy, and they ask before they sign up. Answering how to cancel makes the team decide on contracts, refunds and what happens to the customer's data on the way out.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n",
        clean: "# Acme\n\n## External FAQ\n### How do I cancel?\nClick Cancel in Settings; billing stops at the end of the month.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Customers, Topic::Cancellation);
}
