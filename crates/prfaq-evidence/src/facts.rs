//! What a store says about one document, for the critique engine and evidence strength.
//!
//! The lookups are the caller's (the CLI's SQLite store, the web app's database): the ids
//! [`cited_ids`] lists, the candidates of each quote [`customer_quotes`] lists; [`assemble`]
//! turns what they found into [`EvidenceFacts`]. [`facts`] does all three on an
//! [`EvidenceStore`].

use prfaq_critique::evidence::{EvidenceFacts, KnownItem};
use prfaq_doc::{Document, QuoteKind};

use crate::item::Item;
use crate::store::{EvidenceStore, StoreResult};

/// The numeric ids `doc` cites as `[ev:ID]`, sorted, each once (an id that is not a number
/// cannot be a stored item's).
#[must_use]
pub fn cited_ids(doc: &Document) -> Vec<i64> {
    let mut ids: Vec<i64> =
        doc.evidence_refs.iter().filter(|r| r.scheme == "ev").filter_map(|r| r.id.trim().parse().ok()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The words of `doc`'s customer quotes, whose candidate items must be looked up.
#[must_use]
pub fn customer_quotes(doc: &Document) -> Vec<&str> {
    doc.quotes.iter().filter(|q| q.kind == QuoteKind::Customer).map(|q| q.text.as_str()).collect()
}

/// The facts from the store's size and the items found (cited ones and quote candidates; an
/// item found twice counts once).
#[must_use]
pub fn assemble(store_items: usize, found: impl IntoIterator<Item = Item>) -> EvidenceFacts {
    let mut facts = EvidenceFacts { store_items, ..EvidenceFacts::default() };
    for item in found {
        let id = item.id.to_string();
        facts.items.entry(id.clone()).or_insert_with(|| KnownItem {
            id,
            kind: item.kind.as_str().to_string(),
            source: item.source,
            customer: item.customer,
            text: item.text,
        });
    }
    facts
}

/// Looks up in `store` the items `doc` cites and the items its customer quotes may come from.
///
/// # Errors
/// A database error.
pub async fn facts(store: &EvidenceStore, doc: &Document) -> StoreResult<EvidenceFacts> {
    let mut found = store.get_many(&cited_ids(doc)).await?;
    for quote in customer_quotes(doc) {
        found.extend(store.quote_candidates(quote).await?);
    }
    Ok(assemble(store.count().await?, found))
}
