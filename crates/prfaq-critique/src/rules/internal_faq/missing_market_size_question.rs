//! INT013 missing-market-size-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT013",
    name: "missing-market-size-question",
    family: Family::InternalFaq,
    severity: Severity::Note,
    summary: "the internal FAQ does not say who exactly the customer is and how many there are",
    docs: Docs {
        what: "Checks that some internal FAQ question asks about the customer and the size of the market (how many, market, addressable, segment, demand, \"who exactly is the customer\").",
        why: "The press release names one customer; the business case needs to know how many such customers there are and how many will buy. Reviewers check that the market is big enough to be worth the investment.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### Who exactly is the customer, and how large is the market?\nStore owners with $2-20 million in yearly sales: 38,000 of our 61,000 stores.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::MarketSize);
}
