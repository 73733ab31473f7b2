//! Running the real `prfaq serve` in tests: a database per test (a SQLite file in a temp dir,
//! or a fresh PostgreSQL database), an account prepared in it through the store, and server
//! processes that are killed when dropped.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub(crate) mod database;
pub(crate) mod process;

use std::future::Future;
use std::time::{Duration, Instant};

pub(crate) use database::Backend;
pub(crate) use process::Server;

/// How long a test waits for anything (a server to start, writers to make progress) before
/// failing: long, because CI machines are small and busy. Never a timing assertion.
pub(crate) const PATIENCE: Duration = Duration::from_secs(300);

/// A PR/FAQ the tests create documents from.
pub(crate) const DOC: &str = "---\ntitle: Acme Reports\ncustomer: E-commerce marketers who spend 6 hours a week on reports\n---\n\n# Acme Reports Gives Marketers Their Mondays Back\n\nMarketers save six hours a week.\n";

/// Polls `done` every few milliseconds until it holds; panics with `what` after [`PATIENCE`].
pub(crate) async fn wait_until<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + PATIENCE;
    while !done().await {
        assert!(Instant::now() < deadline, "gave up after {PATIENCE:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// A number that differs from run to run (for kill moments), with no extra crates.
pub(crate) fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher
        .write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    hasher.finish()
}
