//! The evidence store of the CLI: one SQLite file (with an FTS5 index) beside the documents.
//!
//! The only part of this crate that does IO. An import is one transaction: a file is stored
//! whole or not at all.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{Row as _, SqliteConnection};

use crate::item::{Item, Kind, NewItem};
use crate::search::{self, HIT_END, HIT_START, SnippetPart};

/// A [`Filter`]'s conditions on `items i`, binding `$1` kind, `$2` segment, `$3` since; a macro so
/// queries are built with `concat!` as static strings.
macro_rules! filter_sql {
    () => {
        "($1 IS NULL OR i.kind = $1) AND ($2 IS NULL OR lower(i.segment) = lower($2)) AND ($3 IS NULL OR i.date >= $3)"
    };
}

/// The file name the CLI looks for and creates.
pub const FILE_NAME: &str = "prfaq-evidence.db";

/// Candidates fetched from the index for each quote matched against the evidence.
const QUOTE_CANDIDATES: i64 = 40;

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file cannot be opened or created, or is not an evidence store.
    #[error("cannot open the evidence store {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        source: sqlx::Error,
    },
    /// The file's schema cannot be brought up to date.
    #[error("cannot prepare the evidence store {path}: {source}")]
    Migrate {
        /// The file.
        path: PathBuf,
        /// Why.
        source: sqlx::migrate::MigrateError,
    },
    /// A query failed.
    #[error("evidence store: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored row that cannot be read.
    #[error("evidence store: item {id} has an unknown kind `{kind}`")]
    Corrupt {
        /// The item.
        id: i64,
        /// The value found.
        kind: String,
    },
}

/// A result of the store.
pub type StoreResult<T> = Result<T, StoreError>;

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// New items.
    pub added: usize,
    /// Items already stored whose text or details changed.
    pub updated: usize,
    /// Items already stored as they are.
    pub unchanged: usize,
}

/// Which items a search or theme build looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only this segment (compared without case).
    pub segment: Option<String>,
    /// Only items dated on or after this `YYYY-MM-DD`.
    pub since: Option<String>,
}

/// A search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The item.
    pub item: Item,
    /// Its BM25 relevance (higher is better).
    pub score: f64,
    /// The passage around the matched words.
    pub snippet: Vec<SnippetPart>,
}

/// The results of a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// True when every word had to match; false when no item had them all and items with any
    /// of them are shown instead.
    pub all_words: bool,
}

/// An open evidence store.
#[derive(Debug, Clone)]
pub struct EvidenceStore {
    pool: SqlitePool,
    path: PathBuf,
}

impl EvidenceStore {
    /// Opens the store at `path`, creating it when `create` is set and it does not exist, and
    /// brings its schema up to date.
    ///
    /// # Errors
    /// The file cannot be opened or created, or is not an evidence store.
    pub async fn open(path: &Path, create: bool) -> StoreResult<Self> {
        let open = |source| StoreError::Open { path: path.to_path_buf(), source };
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(open)?
            .filename(path)
            .create_if_missing(create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await.map_err(open)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate { path: path.to_path_buf(), source })?;
        Ok(Self { pool, path: path.to_path_buf() })
    }

    /// The file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores `items` from `file` in one transaction: new ones added, known ones (same
    /// [`NewItem::fingerprint`]) updated when they changed, the rest left alone.
    ///
    /// # Errors
    /// A database error; then nothing of `items` is stored.
    pub async fn import(&self, file: &str, items: &[NewItem]) -> StoreResult<ImportSummary> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let now = now_millis();
        let mut summary = ImportSummary::default();
        // The same item twice in one file: the last one counts.
        let mut last: HashMap<String, usize> = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            last.insert(item.fingerprint(), i);
        }
        let mut unique: Vec<(&String, usize)> = last.iter().map(|(f, i)| (f, *i)).collect();
        unique.sort_by_key(|(_, i)| *i);
        for batch in unique.chunks(BATCH) {
            let rows: Vec<serde_json::Value> = batch.iter().map(|(f, i)| row_json(f, &items[*i])).collect();
            let rows = serde_json::Value::Array(rows).to_string();
            let (added, updated) = upsert_batch(&mut tx, &rows, now).await?;
            summary.added += added;
            summary.updated += updated;
        }
        summary.unchanged = items.len() - summary.added - summary.updated;
        sqlx::query("INSERT INTO imports (file, at, added, updated, unchanged) VALUES ($1, $2, $3, $4, $5)")
            .bind(file)
            .bind(now)
            .bind(count(summary.added))
            .bind(count(summary.updated))
            .bind(count(summary.unchanged))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Stores one item (an observation typed in) and returns its id.
    ///
    /// # Errors
    /// A database error.
    pub async fn add(&self, item: &NewItem) -> StoreResult<i64> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let rows = serde_json::Value::Array(vec![row_json(&item.fingerprint(), item)]).to_string();
        upsert_batch(&mut tx, &rows, now_millis()).await?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM items WHERE fingerprint = $1")
            .bind(item.fingerprint())
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// How many items the store holds.
    ///
    /// # Errors
    /// A database error.
    pub async fn count(&self) -> StoreResult<usize> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM items").fetch_one(&self.pool).await?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The items with these ids that exist, in id order.
    ///
    /// # Errors
    /// A database error.
    pub async fn get_many(&self, ids: &[i64]) -> StoreResult<Vec<Item>> {
        let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let rows = sqlx::query("SELECT * FROM items WHERE id IN (SELECT value FROM json_each($1)) ORDER BY id")
            .bind(list)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item_of).collect()
    }

    /// Every item `filter` lets through, in id order.
    ///
    /// # Errors
    /// A database error.
    pub async fn items(&self, filter: &Filter) -> StoreResult<Vec<Item>> {
        let rows = sqlx::query(concat!("SELECT * FROM items i WHERE ", filter_sql!(), " ORDER BY i.id"))
            .bind(filter.kind.map(Kind::as_str))
            .bind(filter.segment.as_deref())
            .bind(filter.since.as_deref())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item_of).collect()
    }

    /// The `limit` items that best match the words of `query` (BM25 over a stemmed index):
    /// items with every word; when none has them all, items with any.
    ///
    /// # Errors
    /// A database error.
    pub async fn search(&self, query: &str, filter: &Filter, limit: usize) -> StoreResult<Found> {
        let (all, any) = (search::fts5_query(query, false), search::fts5_query(query, true));
        // One word (or none) reads the same either way: no second query.
        let same = all == any;
        let hits = self.search_fts(all, filter, limit).await?;
        if !hits.is_empty() || same {
            return Ok(Found { hits, all_words: true });
        }
        let hits = self.search_fts(any, filter, limit).await?;
        Ok(Found { hits, all_words: false })
    }

    async fn search_fts(&self, fts: Option<String>, filter: &Filter, limit: usize) -> StoreResult<Vec<Hit>> {
        let Some(fts) = fts else {
            return Ok(Vec::new());
        };
        let sql = concat!(
            "SELECT i.*, bm25(items_fts) AS score, snippet(items_fts, 0, char(2), char(3), '…', 24) AS snippet ",
            "FROM items_fts JOIN items i ON i.id = items_fts.rowid WHERE items_fts MATCH $4 AND ",
            filter_sql!(),
            " ORDER BY score, i.id LIMIT $5"
        );
        let rows = sqlx::query(sql)
            .bind(filter.kind.map(Kind::as_str))
            .bind(filter.segment.as_deref())
            .bind(filter.since.as_deref())
            .bind(fts)
            .bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let marked: String = row.try_get("snippet")?;
                debug_assert!(!marked.contains(HIT_START) || marked.contains(HIT_END));
                Ok(Hit {
                    item: item_of(row)?,
                    score: -row.try_get::<f64, _>("score")?,
                    snippet: search::snippet_parts(&marked),
                })
            })
            .collect()
    }

    /// The items a quote may come from: those sharing the most of its content words (BM25),
    /// at most 40. Whether one really holds the quote is
    /// [`prfaq_critique::evidence::quote::matches`]'s to say.
    ///
    /// # Errors
    /// A database error.
    pub async fn quote_candidates(&self, quote: &str) -> StoreResult<Vec<Item>> {
        let words = search::content_words(quote);
        let Some(fts) = search::fts5_query(&words.join(" "), true) else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(
            "SELECT i.* FROM items_fts JOIN items i ON i.id = items_fts.rowid \
             WHERE items_fts MATCH $1 ORDER BY bm25(items_fts), i.id LIMIT $2",
        )
        .bind(fts)
        .bind(QUOTE_CANDIDATES)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(item_of).collect()
    }

    /// Closes the store, waiting for its connections to finish.
    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// Items per statement of an import.
const BATCH: usize = 500;

/// An item as a JSON object for [`upsert_batch`].
fn row_json(fingerprint: &str, item: &NewItem) -> serde_json::Value {
    serde_json::json!({
        "f": fingerprint,
        "k": item.kind.as_str(),
        "s": item.source,
        "r": item.source_ref,
        "d": item.date,
        "g": item.segment,
        "c": item.customer,
        "t": item.text,
    })
}

/// Inserts the items of `rows` (a JSON array of [`row_json`] objects, distinct fingerprints)
/// that are new, and updates those whose text or details changed: how many of each. Two
/// statements a batch, so SQLite does the looping.
async fn upsert_batch(tx: &mut SqliteConnection, rows: &str, now: i64) -> StoreResult<(usize, usize)> {
    let inserted = sqlx::query(
        "INSERT INTO items (fingerprint, kind, source, source_ref, date, segment, customer, text, added_at, updated_at) \
         SELECT j.value ->> 'f', j.value ->> 'k', j.value ->> 's', j.value ->> 'r', j.value ->> 'd', \
                j.value ->> 'g', j.value ->> 'c', j.value ->> 't', $2, $2 \
         FROM json_each($1) AS j WHERE true \
         ON CONFLICT (fingerprint) DO NOTHING",
    )
    .bind(rows)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let updated = sqlx::query(
        "UPDATE items SET text = u.t, date = u.d, segment = u.g, customer = u.c, updated_at = $2 \
         FROM (SELECT j.value ->> 'f' AS f, j.value ->> 't' AS t, j.value ->> 'd' AS d, \
                      j.value ->> 'g' AS g, j.value ->> 'c' AS c FROM json_each($1) AS j) AS u \
         WHERE items.fingerprint = u.f \
           AND (items.text IS NOT u.t OR items.date IS NOT u.d OR items.segment IS NOT u.g OR items.customer IS NOT u.c)",
    )
    .bind(rows)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    Ok((count(inserted.rows_affected()), count(updated.rows_affected())))
}

fn item_of(row: &SqliteRow) -> StoreResult<Item> {
    let id: i64 = row.try_get("id")?;
    let kind: String = row.try_get("kind")?;
    Ok(Item {
        id,
        kind: kind.parse().map_err(|_| StoreError::Corrupt { id, kind: kind.clone() })?,
        source: row.try_get("source")?,
        source_ref: row.try_get("source_ref")?,
        date: row.try_get("date")?,
        segment: row.try_get("segment")?,
        customer: row.try_get("customer")?,
        text: row.try_get("text")?,
    })
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn now_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
