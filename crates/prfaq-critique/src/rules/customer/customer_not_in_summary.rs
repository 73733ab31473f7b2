//! CUS002 customer-not-in-summary.

use prfaq_doc::{PrRole, text};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::customer::{key_words, stem};
use crate::rules::structure::lead_sentence;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS002",
    name: "customer-not-in-summary",
    family: Family::Customer,
    severity: Severity::Warning,
    summary: "the first paragraph does not name the customer from the front matter",
    docs: Docs {
        what: "Checks that the summary paragraph shares at least one key word with the front matter `customer:` — a word of four letters or more that is not a stop word, matching singular and plural (\"marketer\" matches \"marketers\"). Reported at the summary's first sentence.",
        why: "The summary says who the customer is, what launches, and the benefit. If the customer the team defined never appears there, the press release is written about the product, and the reader has to guess whom it serves.",
        flagged: "---\ncustomer: Marketing managers at mid-size e-commerce brands\n---\n# Acme Reports Gives Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme today launched Reports, one dashboard for five analytics tools.\n",
        clean: "---\ncustomer: Marketing managers at mid-size e-commerce brands\n---\n# Acme Reports Gives Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme today launched Reports for marketing managers at e-commerce brands.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    let (Some(field), Some(summary)) = (doc.meta("customer"), doc.press_release.part(PrRole::Summary)) else {
        return;
    };
    let keys = key_words(&field.value);
    if keys.is_empty() {
        return;
    }
    let b = &doc.blocks[summary.block];
    if text::words(&b.text).any(|w| keys.contains(&stem(&b.text[w]))) {
        return;
    }
    out.emit_with(
        lead_sentence(doc, summary.block),
        format!("the first paragraph does not name the customer (\"{}\")", field.value.trim()),
        Suggestion::advice("say in the first sentence who the product is for, in the words of the customer definition"),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_first_sentence_of_the_summary() {
        assert_flags_at(
            &RULE,
            RULE.docs.flagged,
            6,
            "SEATTLE — March 3, 2027 — Acme today launched Reports, one dashboard for five analytics tools.",
        );
    }

    #[test]
    fn singular_and_plural_match() {
        assert_count(
            &RULE,
            "---\ncustomer: Store marketers\n---\n# Acme\n\nEvery marketer with a store gets one dashboard.\n",
            0,
        );
        assert_count(&RULE, RULE.docs.clean, 0);
    }

    #[test]
    fn needs_a_customer_and_a_summary() {
        assert_count(&RULE, "# Acme\n\nAcme launches Reports.\n", 0);
        assert_count(&RULE, "---\ncustomer: Store marketers\n---\n# Acme\n", 0);
    }
}
