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

/// Full-text search on PostgreSQL: the generated `tsvector` column `search` (English
/// configuration, GIN index), `websearch_to_tsquery` (which never fails on odd input), ranked
/// by `ts_rank_cd`, with `ts_headline` for the snippet.
impl prfaq_store_sql::Dialect for PostgresStore {
    const SEARCH_EVIDENCE: &'static str = concat!(
        "SELECT ",
        prfaq_store_sql::evidence_columns!(),
        ", ts_rank_cd(i.search, q)::float8 AS score, \
         ts_headline('english', i.text, q, E'StartSel=\\x02, StopSel=\\x03, MaxWords=24, MinWords=10, ShortWord=2') \
         AS snippet FROM evidence_items i CROSS JOIN websearch_to_tsquery('english', $5) AS q \
         WHERE i.search @@ q AND i.workspace_id = $1 AND ",
        prfaq_store_sql::evidence_filter!(),
        " ORDER BY score DESC, i.id LIMIT $6"
    );
    const QUOTE_CANDIDATES: &'static str = concat!(
        "SELECT ",
        prfaq_store_sql::evidence_columns!(),
        ", ts_rank_cd(i.search, q)::float8 AS score \
         FROM evidence_items i CROSS JOIN websearch_to_tsquery('english', $2) AS q \
         WHERE i.search @@ q AND i.workspace_id = $1 ORDER BY score DESC, i.id LIMIT $3"
    );
    const EVIDENCE_BY_IDS: &'static str = concat!(
        "SELECT ",
        prfaq_store_sql::evidence_columns!(),
        " FROM evidence_items i WHERE i.workspace_id = $1 \
         AND i.id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint) ORDER BY i.id"
    );
    const EVIDENCE_BY_FINGERPRINTS: &'static str = concat!(
        "SELECT i.fingerprint, ",
        prfaq_store_sql::evidence_columns!(),
        " FROM evidence_items i WHERE i.workspace_id = $1 \
         AND i.fingerprint IN (SELECT jsonb_array_elements_text($2::jsonb))"
    );
    const INSERT_EVIDENCE: &'static str = "INSERT INTO evidence_items (workspace_id, fingerprint, kind, source, \
         source_ref, date, segment, customer, text, created_at, updated_at) \
         SELECT $1, x.fingerprint, x.kind, x.source, x.source_ref, x.date, x.segment, x.customer, x.text, $3, $3 \
         FROM jsonb_to_recordset($2::jsonb) AS x(fingerprint text, kind text, source text, source_ref text, \
         date text, segment text, customer text, text text) \
         ON CONFLICT (workspace_id, fingerprint) DO NOTHING RETURNING fingerprint";

    /// The words for `websearch_to_tsquery`: separated by spaces (every word) or by `or` (any);
    /// the word `or` itself is left out (an English stop word, and the operator there).
    fn query(words: &[String], any: bool) -> Option<String> {
        let words: Vec<String> = prfaq_store_sql::plain_words(words).into_iter().filter(|w| w != "or").collect();
        (!words.is_empty()).then(|| words.join(if any { " or " } else { " " }))
    }
}

prfaq_store_sql::impl_store!(PostgresStore, sqlx::Postgres, "postgres");
