//! INT003 missing-economics-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT003",
    name: "missing-economics-question",
    family: Family::InternalFaq,
    severity: Severity::Warning,
    summary: "the internal FAQ does not cover cost, price and payback",
    docs: Docs {
        what: "Checks that some internal FAQ question asks about the economics: cost to build and run, price, margin, revenue, investment, payback.",
        why: "A product customers love can still lose money. Reviewers, finance above all, expect the cost to build and run, the price, the margin and when the investment pays back, so the decision is made on numbers.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### What will it cost to build and run, and what is the payback?\n$1.9 million to build and $3 per store a month to run; it pays back in month 17.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::Economics);
}
