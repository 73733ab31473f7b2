//! EXT006 missing-migration-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT006",
    name: "missing-migration-question",
    family: Family::ExternalFaq,
    severity: Severity::Note,
    summary: "the external FAQ does not say how customers move from what they use today",
    docs: Docs {
        what: "Checks that some external FAQ question asks how customers move from their current solution (migrate, switch, import, move from, transition, replace, \"what I use today\").",
        why: "Every customer already solves the problem somehow: a spreadsheet, a rival product, a manual routine. The cost of switching is often the real reason customers do not adopt, and a PR/FAQ that never asks how they move over has not tested whether they will.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n",
        clean: "# Acme\n\n## External FAQ\n### How do I move from the spreadsheet I use today?\nUpload it as a CSV file; Acme maps the columns for you.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Customers, Topic::Migration);
}
