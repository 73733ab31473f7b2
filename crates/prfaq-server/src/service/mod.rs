//! What the pages and the API both do, written once: each function checks the caller's
//! access, validates, and calls the store.

pub mod agents;
pub mod analysis;
pub mod anchors;
pub mod audit;
pub mod comments;
pub mod compare;
pub mod decisions;
pub mod documents;
pub mod evidence;
pub mod faq;
pub mod rounds;
pub mod sharing;
