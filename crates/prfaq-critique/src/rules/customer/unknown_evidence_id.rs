//! CUS009 unknown-evidence-id.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS009",
    name: "unknown-evidence-id",
    family: Family::Customer,
    severity: Severity::Error,
    summary: "a cited evidence item does not exist",
    docs: Docs {
        what: "When the document is checked against an evidence store (`prfaq check` uses the `prfaq-evidence.db` found beside the document or above it, or `--evidence FILE`), flags every `[ev:ID]` whose ID is not an item of the store. Without a store the rule is silent: nothing says which ids exist. The examples assume a store holding items 12 and 31.",
        why: "A citation is a promise that a reader can go and read what the customer said. A mistyped id, an item that was never imported, or one from another team's store points at nothing, and a claim that looks grounded is not.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketers copy numbers from five tools by hand every Monday [ev:99].\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketers copy numbers from five tools by hand every Monday [ev:12].\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(facts) = cx.evidence else {
        return;
    };
    for r in cx.doc.evidence_refs.iter().filter(|r| r.scheme == "ev" && !facts.exists(&r.id)) {
        out.emit_with(
            r.span,
            format!(
                "[ev:{}] cites an evidence item that is not in the store ({} item{})",
                r.id,
                facts.store_items,
                if facts.store_items == 1 { "" } else { "s" }
            ),
            Suggestion::advice(
                "find the item with `prfaq evidence search WORDS` and cite its id, or import the evidence it comes from",
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
    fn an_id_not_in_the_store_is_an_error_at_the_citation() {
        let found = run_rule_with_evidence(&RULE, RULE.docs.flagged, &example());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "[ev:99] cites an evidence item that is not in the store (40 items)");
        let doc = prfaq_doc::parse(RULE.docs.flagged);
        assert_eq!(doc.text(found[0].span), "[ev:99]");
    }

    #[test]
    fn observations_and_known_ids_pass_and_without_a_store_nothing_is_said() {
        let md = "# Acme\n\n### Problem\n\nThey copy numbers [ev:12] [ev:31] [obs:4].\n";
        assert!(run_rule_with_evidence(&RULE, md, &example()).is_empty());
        assert!(run_rule(&RULE, RULE.docs.flagged).is_empty());
    }
}
