//! EXT005 missing-compatibility-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT005",
    name: "missing-compatibility-question",
    family: Family::ExternalFaq,
    severity: Severity::Note,
    summary: "the external FAQ does not say whether it works with what customers already use",
    docs: Docs {
        what: "Checks that some external FAQ question asks about compatibility (works with, integrates, supported, requirements, platform, device, browser, connect).",
        why: "Customers adopt a product only if it fits the tools, devices and systems they already have. \"Does it work with what I have?\" is a question every customer asks; answering it makes the team name the integrations it commits to at launch.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n",
        clean: "# Acme\n\n## External FAQ\n### Does it work with Shopify?\nYes. It connects to Shopify and BigCommerce stores in one click.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Customers, Topic::Compatibility);
}
