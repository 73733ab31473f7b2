//! The PostgreSQL backend of the prfaq store. Several `prfaq serve` processes may share one
//! database: every race (two saves of one document, two acceptances of one invitation) is
//! decided by the database inside a transaction, never by process memory. Migrations run on
//! connect under PostgreSQL's advisory lock, so instances starting together migrate once.

use std::str::FromStr;
use std::time::Duration;

use prfaq_store::{StoreError, StoreResult};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

/// The migrations, embedded in the binary.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The store on a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to a `postgres://` URL and brings the schema up to date.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options =
            PgConnectOptions::from_str(url).map_err(|e| StoreError::Invalid(format!("bad PostgreSQL URL: {e}")))?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(prfaq_store_sql::backend_error)?;
        MIGRATOR.run(&pool).await.map_err(|e| StoreError::Backend(Box::new(e)))?;
        Ok(PostgresStore { pool })
    }

    /// Starts a write transaction (read committed: a save's guarded `UPDATE` waits for a
    /// concurrent save of the same document and then sees its result).
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.pool.begin().await
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

prfaq_store_sql::impl_store!(PostgresStore, sqlx::Postgres, "postgres");
