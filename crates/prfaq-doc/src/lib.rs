//! `prfaq-doc` reads a PR/FAQ — a Markdown file in Amazon's Working Backwards shape — into a
//! typed model: front matter, the press release (headline, subheadline, dateline, each
//! paragraph's role, quotes), external and internal FAQ entries with their topics,
//! placeholders, evidence citations and suppression comments, each with its exact span.
//!
//! The crate does no IO and parsing never fails: [`parse`] takes any string and returns a
//! [`Document`]; what it cannot place is recorded in [`Document::issues`].
//!
//! ```
//! let doc = prfaq_doc::parse("# Acme Reports Gives Marketers Their Mondays Back\n\n## External FAQ\n### How much does it cost?\n$20 a month.\n");
//! assert_eq!(doc.press_release.headline.as_ref().map(|h| h.text.as_str()), Some("Acme Reports Gives Marketers Their Mondays Back"));
//! assert_eq!(doc.faqs.len(), 1);
//! ```

mod model;
mod parse;
pub mod passage;
mod span;
pub mod template;
pub mod text;
mod topics;

pub use model::*;
pub use parse::parse;
pub use span::{LineIndex, Location, Span};
pub use topics::{Topic, topics_of};
