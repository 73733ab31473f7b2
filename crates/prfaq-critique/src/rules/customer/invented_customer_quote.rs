//! CUS010 invented-customer-quote.

use prfaq_doc::QuoteKind;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS010",
    name: "invented-customer-quote",
    family: Family::Customer,
    severity: Severity::Warning,
    summary: "a customer quote matches no evidence item",
    docs: Docs {
        what: "When the document is checked against an evidence store that holds items, flags each customer quote whose words are found in no item: case, punctuation and white space aside, at least 80% of the quote's words must appear in order in a stretch of one item (each part, when an ellipsis joins parts). A quote marked `<!-- illustrative -->` (or a document whose front matter says `quotes: illustrative`) is left alone. The examples assume a store holding item 12, \"Every Monday I spend six hours copying numbers from five tools into one spreadsheet.\"",
        why: "Working Backwards asks for the customer's pain in the customer's own words. A quote written by the team reads like evidence and is not; reviewers trust it, and the document argues from a customer who never spoke. Quote what a customer said, or say plainly that the quote is illustrative.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\n“I wish one dashboard did all of this for me,” said Dana Whitfield, a marketing manager at Northwind and an Acme customer.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\n“Every Monday I spend six hours copying numbers from five tools into one spreadsheet,” said Dana Whitfield, a marketing manager at Northwind and an Acme customer.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(facts) = cx.evidence.filter(|f| f.store_items > 0) else {
        return;
    };
    for q in cx.doc.quotes.iter().filter(|q| q.kind == QuoteKind::Customer && !q.illustrative) {
        if facts.source_of_quote(&q.text).is_some() {
            continue;
        }
        out.emit_with(
            q.span,
            "this customer quote matches no evidence item: the customer's own words, or invented?",
            Suggestion::advice(
                "quote what a customer said (find it with `prfaq evidence search WORDS`), or mark the quote <!-- illustrative -->",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::evidence::example;
    use crate::testing::{run_rule, run_rule_with_evidence};

    #[test]
    fn a_quote_found_in_no_item_is_flagged_on_its_words() {
        let found = run_rule_with_evidence(&RULE, RULE.docs.flagged, &example());
        assert_eq!(found.len(), 1);
        let doc = prfaq_doc::parse(RULE.docs.flagged);
        assert_eq!(doc.text(found[0].span), "I wish one dashboard did all of this for me,");
    }

    #[test]
    fn an_illustrative_quote_a_leader_quote_and_a_check_without_a_store_pass() {
        let illustrative = RULE.docs.flagged.replace("“I wish", "<!-- illustrative -->\n“I wish");
        assert!(run_rule_with_evidence(&RULE, &illustrative, &example()).is_empty());
        let leader = "# Acme\n\n“We built this for marketers,” said Jo Park, CEO of Acme.\n";
        assert!(run_rule_with_evidence(&RULE, leader, &example()).is_empty());
        assert!(run_rule(&RULE, RULE.docs.flagged).is_empty());
    }

    #[test]
    fn a_quote_cut_with_an_ellipsis_is_found() {
        let md = "# Acme\n\n“Every Monday I spend six hours … into one spreadsheet,” said Dana Whitfield, a marketing manager at Northwind and an Acme customer.\n";
        assert!(run_rule_with_evidence(&RULE, md, &example()).is_empty());
    }
}
