//! The store's conformance suite on a real PostgreSQL server: a new database per test.
//!
//! `PRFAQ_TEST_POSTGRES_URL` names a server where the user may create databases
//! (`scripts/test` starts a throwaway cluster and sets it). Without it the tests fail, so a
//! run that skipped PostgreSQL never looks green.

use std::sync::atomic::{AtomicU32, Ordering};

use prfaq_store_postgres::PostgresStore;
use sqlx::Connection;

async fn fresh() -> PostgresStore {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let admin_url = std::env::var("PRFAQ_TEST_POSTGRES_URL")
        .expect("PRFAQ_TEST_POSTGRES_URL must name a PostgreSQL server (scripts/test starts one)");
    let name = format!("prfaq_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("connect to the test server");
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}")))
        .execute(&mut admin)
        .await
        .expect("drop an old test database");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    let url = match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("PRFAQ_TEST_POSTGRES_URL has no database part: {admin_url}"),
    };
    PostgresStore::connect(&url).await.expect("open a fresh PostgreSQL store")
}

prfaq_store::conformance_tests!(fresh());
