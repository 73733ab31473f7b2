//! `prfaq-revise` compares versions of a PR/FAQ. [`diff`] aligns two parsed documents part by
//! part — press-release parts by role, FAQ entries by question similarity even when reworded,
//! reordered or moved between the external and internal FAQ — and classifies each change and
//! the whole revision as structural or a refinement. [`history`] summarises a sequence of
//! versions and says when the document has converged; [`compare`] lines candidates up side by
//! side. Pure functions of parsed documents and configuration: no IO.

mod align;
mod compare;
mod diff;
mod history;
mod words;

pub use compare::{Candidate, compare, compare_with_evidence};
pub use diff::{Change, ChangeClass, Chunk, ChunkTag, Diff, Item, ItemKind, Status, diff};
pub use history::{Convergence, History, Revision, history};
