//! CUS007 problem-in-company-terms.

use prfaq_doc::{PrRole, text};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::customer::{key_words, stem};
use crate::rules::structure::lead_sentence;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS007",
    name: "problem-in-company-terms",
    family: Family::Customer,
    severity: Severity::Note,
    summary: "the problem paragraph talks about us, not the customer",
    docs: Docs {
        what: "Flags a problem paragraph that says we, our or us more often than it names the customer's side: you, your, they, their, them, customer(s), and the key words of the front matter `customer:`. Reported at the paragraph's first sentence.",
        why: "The problem is written from the customer's point of view, in their terms. A problem told as the company's (\"we lack a reporting product\", \"our churn is high\") is an internal goal, and it hides whether any customer feels the pain.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nWe have no reporting product, and our competitors do. We lose deals because of it.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketers copy numbers from five tools every Monday. It takes them six hours, and their reports are out of date by Tuesday.\n",
    },
    check,
};

const COMPANY_WORDS: &[&str] =
    &["we", "our", "ours", "us", "ourselves", "we're", "we’re", "we've", "we’ve", "we'll", "we’ll"];

const CUSTOMER_WORDS: &[&str] = &[
    "you",
    "your",
    "yours",
    "you're",
    "you’re",
    "they",
    "their",
    "theirs",
    "them",
    "they're",
    "they’re",
    "customer",
    "customers",
];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    let Some(problem) = doc.press_release.part(PrRole::Problem) else {
        return;
    };
    let keys = doc.meta("customer").map(|f| key_words(&f.value)).unwrap_or_default();
    let b = &doc.blocks[problem.block];
    let (mut ours, mut theirs) = (0usize, 0usize);
    for w in text::words(&b.text) {
        let word = b.text[w].to_lowercase();
        if COMPANY_WORDS.contains(&word.as_str()) {
            ours += 1;
        } else if CUSTOMER_WORDS.contains(&word.as_str()) || keys.contains(&stem(&word)) {
            theirs += 1;
        }
    }
    if ours > theirs {
        out.emit_with(
            lead_sentence(doc, problem.block),
            format!("the problem paragraph speaks of us {ours} times and of the customer {theirs} times"),
            Suggestion::advice(
                "tell the pain from the customer's side: what they do today, what it costs them, in their words",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_first_sentence_of_the_problem() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "We have no reporting product, and our competitors do.");
    }

    #[test]
    fn customer_words_and_the_defined_customer_count() {
        assert_count(&RULE, RULE.docs.clean, 0);
        let md = "---\ncustomer: Store marketers at mid-size brands\n---\n# Acme\n\n### Problem\n\nIn our survey, a store marketer loses six hours a week. We heard it from 40 marketers.\n";
        assert_count(&RULE, md, 0);
    }
}
