//! EXT004 missing-availability-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT004",
    name: "missing-availability-question",
    family: Family::ExternalFaq,
    severity: Severity::Warning,
    summary: "the external FAQ does not say where and when customers can get it",
    docs: Docs {
        what: "Checks that some external FAQ question asks where and when the product is available (available, launch, release, region, country, sign up, \"when can I\", \"where can I\").",
        why: "Customers who read the press release want to know whether they can have it, and when. A missing availability answer usually means the launch scope (regions, dates, who gets it first) has not been decided, so the call to action cannot be acted on.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n",
        clean: "# Acme\n\n## External FAQ\n### Where and when can I get it?\nToday, for stores in the United States and Canada.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Customers, Topic::Availability);
}
