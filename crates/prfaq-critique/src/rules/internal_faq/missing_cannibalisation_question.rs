//! INT007 missing-cannibalisation-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "INT007",
    name: "missing-cannibalisation-question",
    family: Family::InternalFaq,
    severity: Severity::Note,
    summary: "the internal FAQ does not ask whether it eats into existing products",
    docs: Docs {
        what: "Checks that some internal FAQ question asks whether the product cannibalises the company's existing products or business (cannibalise, existing product, current product, eat into).",
        why: "A new product's revenue is not all new if some of it comes from customers leaving another of the company's products. Reviewers need the net effect, and the owners of the affected product need to read it in the document, not discover it at launch.",
        flagged: "# Acme\n\n## Internal FAQ\n### How will we measure success?\nPaying stores at month 12: 3,400, against 0 today.\n",
        clean: "# Acme\n\n## Internal FAQ\n### Will it cannibalise our existing products?\nSlightly: 5% of Growth plan stores may switch, about $120,000 a year.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Stakeholders, Topic::Cannibalisation);
}
