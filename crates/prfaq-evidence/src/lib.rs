//! Evidence for PR/FAQs: what customers said and what a prototype showed, collected, searched,
//! grouped into themes and matched against a document's citations and quotes.
//!
//! - [`import`] reads CSV (with a column mapping), JSON lines and text or Markdown notes into
//!   [`NewItem`]s, naming the line of the first problem; pure.
//! - [`themes`] groups items that speak of the same pain (TF-IDF and linfa's k-means); pure.
//! - [`facts`] looks up what the store says about one document's citations and quotes, for
//!   `prfaq_critique::Engine::check_with_evidence` and evidence strength.
//! - [`store`] is the CLI's SQLite file with its FTS5 index: the only part that does IO.

pub mod facts;
pub mod import;
pub mod item;
pub mod search;
pub mod store;
pub mod terms;
pub mod themes;

pub use item::{Item, Kind, NewItem};
pub use store::{EvidenceStore, StoreError};
