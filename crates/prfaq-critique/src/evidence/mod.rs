//! What an evidence store says about one document, and how well the document's customer and
//! problem claims are grounded in it.
//!
//! The engine does no IO: the caller (the CLI, with its evidence store) looks up the items the
//! document cites and the items its customer quotes may come from, and passes them in as
//! [`EvidenceFacts`]. Without facts the rules that need a store stay silent.

pub mod quote;

use std::collections::{BTreeMap, BTreeSet};

use prfaq_doc::{Document, PrRole, QuoteKind, Span, text};
use serde::Serialize;

/// One evidence item as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KnownItem {
    /// The id cited as `[ev:ID]`.
    pub id: String,
    /// Its kind (`ticket`, `observation` …).
    pub kind: String,
    /// Where it came from.
    pub source: String,
    /// Who said it, when known.
    pub customer: Option<String>,
    /// The words.
    pub text: String,
}

/// What the evidence store holds that bears on one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceFacts {
    /// How many items the store holds in all.
    pub store_items: usize,
    /// The items the document cites that exist, and the items its customer quotes may come
    /// from, by id.
    pub items: BTreeMap<String, KnownItem>,
}

impl EvidenceFacts {
    /// True when the store holds an item with this id (among those looked up).
    #[must_use]
    pub fn exists(&self, id: &str) -> bool {
        self.items.contains_key(id.trim())
    }

    /// The item a quote's words come from, if any (see [`quote::matches`]); of several, the
    /// one with the lowest id.
    #[must_use]
    pub fn source_of_quote(&self, words: &str) -> Option<&KnownItem> {
        self.items.values().filter(|i| quote::matches(words, &i.text)).min_by(|a, b| by_id(&a.id, &b.id))
    }
}

/// Numeric ids in numeric order, others after them in text order.
fn by_id(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<i64>(), b.parse::<i64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// The blocks whose sentences make the document's customer and problem claims: the press
/// release's problem paragraphs and customer quotes, in document order.
#[must_use]
pub fn claim_blocks(doc: &Document) -> Vec<usize> {
    let mut blocks: Vec<usize> = doc
        .press_release
        .paragraphs
        .iter()
        .filter(|p| matches!(p.role, PrRole::Problem | PrRole::CustomerQuote))
        .map(|p| p.block)
        .chain(doc.quotes.iter().filter(|q| q.kind == QuoteKind::Customer).map(|q| q.block))
        .collect();
    blocks.sort_unstable();
    blocks.dedup();
    blocks
}

/// The `[ev:]` and `[obs:]` citations within `span`.
pub fn citations_in(doc: &Document, span: Span) -> impl Iterator<Item = &prfaq_doc::EvidenceRef> {
    doc.evidence_refs.iter().filter(move |r| r.span.start < span.end && span.start < r.span.end)
}

/// How well a document's customer and problem claims are grounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Strength {
    /// Sentences of the problem paragraphs and customer quotes.
    pub claims: usize,
    /// Of those, the ones that cite evidence or an observation (in the sentence or the next
    /// one of its paragraph), or quote an item's words.
    pub cited: usize,
    /// Distinct customers behind the cited items (`None` without an evidence store).
    pub customers: Option<usize>,
    /// Distinct sources behind the cited items (`None` without an evidence store).
    pub sources: Option<usize>,
    /// `[ev:]` citations of items the store does not hold (`None` without a store).
    pub unknown: Option<usize>,
}

impl Strength {
    /// The share of claims cited, 0–100 (100 when there is no claim to cite).
    #[must_use]
    pub fn percent(&self) -> u32 {
        if self.claims == 0 {
            return 100;
        }
        u32::try_from(self.cited * 100 / self.claims).unwrap_or(100)
    }
}

/// Measures `doc`'s evidence strength; customers, sources and unknown citations need `facts`.
#[must_use]
pub fn strength(doc: &Document, facts: Option<&EvidenceFacts>) -> Strength {
    let mut out = Strength::default();
    let mut behind: BTreeSet<&str> = BTreeSet::new();
    for block in claim_blocks(doc) {
        let b = &doc.blocks[block];
        let sentences = text::sentences(&b.text);
        for (i, range) in sentences.iter().enumerate() {
            out.claims += 1;
            let span = b.source_span(range.clone());
            let next = sentences.get(i + 1).map(|n| b.source_span(n.clone()));
            let mut cites: Vec<&str> = citations_in(doc, span).map(|r| r.id.as_str()).collect();
            if cites.is_empty() {
                cites.extend(next.into_iter().flat_map(|n| citations_in(doc, n)).map(|r| r.id.as_str()));
            }
            let quoted = facts.and_then(|f| {
                doc.quotes
                    .iter()
                    .filter(|q| q.kind == QuoteKind::Customer && q.span.start < span.end && span.start < q.span.end)
                    .find_map(|q| f.source_of_quote(&q.text))
            });
            if !cites.is_empty() || quoted.is_some() {
                out.cited += 1;
            }
            behind.extend(cites);
            if let Some(item) = quoted {
                behind.insert(item.id.as_str());
            }
        }
    }
    if let Some(f) = facts {
        let known: Vec<&KnownItem> = behind.iter().filter_map(|id| f.items.get(*id)).collect();
        out.customers = Some(known.iter().filter_map(|i| i.customer.as_deref()).collect::<BTreeSet<_>>().len());
        out.sources = Some(known.iter().map(|i| i.source.as_str()).collect::<BTreeSet<_>>().len());
        out.unknown = Some(doc.evidence_refs.iter().filter(|r| r.scheme == "ev" && !f.exists(&r.id)).count());
    }
    out
}

/// The evidence the rules' documentation examples assume: a store of 40 items holding
/// items 12 and 31.
#[must_use]
pub fn example() -> EvidenceFacts {
    let item = |id: &str, customer: &str, text: &str| KnownItem {
        id: id.into(),
        kind: "ticket".into(),
        source: "support".into(),
        customer: Some(customer.into()),
        text: text.into(),
    };
    let items = [
        item(
            "12",
            "Dana, Northwind",
            "Every Monday I spend six hours copying numbers from five tools into one spreadsheet.",
        ),
        item("31", "Lee, Contoso", "By the time the report is done, the numbers are already a week old."),
    ];
    EvidenceFacts { store_items: 40, items: items.into_iter().map(|i| (i.id.clone(), i)).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketers copy numbers by hand [ev:12]. The numbers are late. Reports take a day.\n\n“Every Monday I spend six hours copying numbers from five tools,” said Dana Whitfield, a marketing manager at Northwind and an Acme customer.\n";

    #[test]
    fn strength_counts_cited_claims_customers_and_sources() {
        let doc = prfaq_doc::parse(DOC);
        let without = strength(&doc, None);
        assert_eq!((without.claims, without.customers, without.sources), (4, None, None));
        let with = strength(&doc, Some(&example()));
        assert_eq!(with.cited, 2, "{with:?}");
        assert_eq!((with.customers, with.sources, with.unknown), (Some(1), Some(1), Some(0)));
        assert_eq!(with.percent(), 50);
    }

    #[test]
    fn a_quote_is_traced_to_the_item_it_comes_from() {
        let facts = example();
        assert_eq!(facts.source_of_quote("the numbers are already a week old").map(|i| i.id.as_str()), Some("31"));
        assert!(facts.source_of_quote("I love spreadsheets").is_none());
    }
}
