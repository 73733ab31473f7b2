//! The SQLite backend of the prfaq store: one database file, created and migrated on open.
//!
//! Durability: the file runs in WAL mode with `synchronous = FULL`, so a write acknowledged to
//! a client survives the process being killed (and a power loss). Writers take the write lock
//! when their transaction begins (`BEGIN IMMEDIATE`) and wait up to the busy timeout for each
//! other, so concurrent saves queue instead of failing.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use prfaq_store::{StoreError, StoreResult};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

/// The migrations, embedded in the binary.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The store on one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating when missing) the database file at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        let options = SqliteConnectOptions::new().filename(path);
        Self::connect(options).await
    }

    /// Opens a `sqlite:` URL, e.g. `sqlite:///var/lib/prfaq/prfaq.db`.
    pub async fn open_url(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Invalid(format!("bad SQLite URL `{url}`: {e}")))?;
        Self::connect(options).await
    }

    async fn connect(options: SqliteConnectOptions) -> StoreResult<Self> {
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(prfaq_store_sql::backend_error)?;
        MIGRATOR.run(&pool).await.map_err(|e| StoreError::Backend(Box::new(e)))?;
        Ok(SqliteStore { pool })
    }

    /// Starts a transaction that holds the write lock from its first statement.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Full-text search on SQLite: the FTS5 index `evidence_fts` (porter stemming), ranked by BM25,
/// with FTS5's `snippet()`. Each word is a quoted FTS5 string, so none is read as an operator.
impl prfaq_store_sql::Dialect for SqliteStore {
    const SEARCH_EVIDENCE: &'static str = concat!(
        "SELECT ",
        prfaq_store_sql::evidence_columns!(),
        ", -bm25(evidence_fts) AS score, snippet(evidence_fts, 0, char(2), char(3), '…', 24) AS snippet \
         FROM evidence_fts JOIN evidence_items i ON i.id = evidence_fts.rowid \
         WHERE evidence_fts MATCH $5 AND i.workspace_id = $1 AND ",
        prfaq_store_sql::evidence_filter!(),
        " ORDER BY score DESC, i.id LIMIT $6"
    );
    const QUOTE_CANDIDATES: &'static str = concat!(
        "SELECT ",
        prfaq_store_sql::evidence_columns!(),
        ", -bm25(evidence_fts) AS score FROM evidence_fts JOIN evidence_items i ON i.id = evidence_fts.rowid \
         WHERE evidence_fts MATCH $2 AND i.workspace_id = $1 ORDER BY score DESC, i.id LIMIT $3"
    );
    const EVIDENCE_BY_IDS: &'static str = concat!(
        "SELECT ",
        prfaq_store_sql::evidence_columns!(),
        " FROM evidence_items i WHERE i.workspace_id = $1 AND i.id IN (SELECT value FROM json_each($2)) ORDER BY i.id"
    );
    const EVIDENCE_BY_FINGERPRINTS: &'static str = concat!(
        "SELECT i.fingerprint, ",
        prfaq_store_sql::evidence_columns!(),
        " FROM evidence_items i WHERE i.workspace_id = $1 AND i.fingerprint IN (SELECT value FROM json_each($2))"
    );
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not a join.
    const INSERT_EVIDENCE: &'static str = "INSERT INTO evidence_items (workspace_id, fingerprint, kind, source, \
         source_ref, date, segment, customer, text, created_at, updated_at) \
         SELECT $1, json_extract(j.value, '$.fingerprint'), json_extract(j.value, '$.kind'), \
         json_extract(j.value, '$.source'), json_extract(j.value, '$.source_ref'), json_extract(j.value, '$.date'), \
         json_extract(j.value, '$.segment'), json_extract(j.value, '$.customer'), json_extract(j.value, '$.text'), $3, $3 \
         FROM json_each($2) j WHERE true \
         ON CONFLICT (workspace_id, fingerprint) DO NOTHING RETURNING fingerprint";

    fn query(words: &[String], any: bool) -> Option<String> {
        let quoted: Vec<String> =
            prfaq_store_sql::plain_words(words).iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
        (!quoted.is_empty()).then(|| quoted.join(if any { " OR " } else { " " }))
    }
}

prfaq_store_sql::impl_store!(SqliteStore, sqlx::Sqlite, "sqlite");
