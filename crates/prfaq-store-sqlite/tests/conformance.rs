//! The store's conformance suite on a real SQLite file per test.

use prfaq_store_sqlite::SqliteStore;

async fn fresh() -> SqliteStore {
    // The directory lives as long as the test process; each test has its own.
    let dir = tempfile::tempdir().expect("temporary directory").keep();
    SqliteStore::open(&dir.join("prfaq.db")).await.expect("open a fresh SQLite store")
}

prfaq_store::conformance_tests!(fresh());
