//! The prfaq store written once in the SQL that SQLite and PostgreSQL share.
//!
//! The queries use `$1`-style parameters, `RETURNING`, `ON CONFLICT` and partial unique
//! indexes, which both databases understand; every integer column is 64-bit on both; times are
//! Unix milliseconds. What differs — connecting, migrations, how a write transaction starts —
//! stays in the backend crates, which instantiate [`impl_store!`] for their pool type.
//!
//! Races are decided by the database, not by process memory, so several servers can share one
//! PostgreSQL database: a save moves the document's head with
//! `UPDATE … WHERE head = <base>` (the loser updates no row and gets a conflict), at most one
//! open round per document is a unique index, an invitation is accepted by an `UPDATE` that
//! only matches while it is unaccepted and unexpired.

mod rows;

pub use rows::{millis, timestamp, word};

/// What the generated code names; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use async_trait;
    pub use prfaq_store;
    pub use serde_json;
    pub use sqlx;
}

/// Maps a database error to a store error, logging nothing (the server logs the cause).
pub fn backend_error(error: sqlx::Error) -> prfaq_store::StoreError {
    prfaq_store::StoreError::Backend(Box::new(error))
}

/// True when `error` is a violated unique or primary-key constraint.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(sqlx::error::DatabaseError::is_unique_violation)
}

/// True when `error` is a violated foreign key (a reference to a record that does not exist).
pub fn is_foreign_key_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(sqlx::error::DatabaseError::is_foreign_key_violation)
}

/// The SQL that differs between the backends: full-text search over evidence items (SQLite's
/// FTS5 index, PostgreSQL's `tsvector` column), given by each backend for [`impl_store!`].
///
/// Every query selects the columns of [`evidence_columns!`] from `evidence_items i`; the
/// search and the quote candidates add `score` (a `DOUBLE`/`REAL`, higher is better) and, for
/// the search, `snippet` (the passage around the matched words, each between
/// [`prfaq_store::HIT_START`] and [`prfaq_store::HIT_END`]).
pub trait Dialect {
    /// The best items of workspace `$1` matching query `$5` (made by [`Dialect::query`]) that
    /// pass the filter (`$2` kind, `$3` segment, `$4` since: [`evidence_filter!`]), best first,
    /// at most `$6`, with `score` and `snippet`.
    const SEARCH_EVIDENCE: &'static str;
    /// The best items of workspace `$1` matching query `$2` (any of its words), best first, at
    /// most `$3`, with `score`.
    const QUOTE_CANDIDATES: &'static str;
    /// The items of workspace `$1` whose ids are in `$2`, a JSON array of numbers as text.
    const EVIDENCE_BY_IDS: &'static str;
    /// The items of workspace `$1` whose fingerprints are in `$2`, a JSON array of strings as
    /// text.
    const EVIDENCE_BY_FINGERPRINTS: &'static str;
    /// Adds the items of `$2` (a JSON array of objects with the text fields of
    /// [`prfaq_store::NewEvidence`], as text) to workspace `$1` at time `$3`, in array order,
    /// skipping every fingerprint the workspace holds (`ON CONFLICT DO NOTHING`); returns the
    /// `fingerprint` of each item added.
    const INSERT_EVIDENCE: &'static str;

    /// The query parameter that finds items with every one of `words` (`any` false) or with
    /// any of them; `None` when no word is left to search for.
    fn query(words: &[String], any: bool) -> Option<String>;
}

/// The columns of an evidence item, for `SELECT` lists (`i` is `evidence_items`).
#[macro_export]
macro_rules! evidence_columns {
    () => {
        "i.id, i.workspace_id, i.kind, i.source, i.source_ref, i.date, i.segment, i.customer, i.text, \
         i.created_at, i.updated_at"
    };
}

/// The conditions of an evidence filter on `evidence_items i`: `$2` kind, `$3` segment
/// (compared without case), `$4` the earliest date; each `NULL` for no condition.
#[macro_export]
macro_rules! evidence_filter {
    () => {
        "($2 IS NULL OR i.kind = $2) AND ($3 IS NULL OR lower(i.segment) = lower($3)) AND ($4 IS NULL OR i.date >= $4)"
    };
}

/// The content words a search keeps: letters, digits and inner apostrophes only, so no word
/// can be read as query syntax by either database.
pub fn plain_words(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words {
        let clean: String = word.chars().filter(|c| c.is_alphanumeric() || *c == '\'').collect();
        let clean = clean.trim_matches('\'').to_lowercase();
        if !clean.is_empty() && !out.contains(&clean) {
            out.push(clean);
        }
    }
    out
}

/// The most items [`prfaq_store::Store::evidence_quote_candidates`] returns.
pub const QUOTE_CANDIDATES: i64 = 40;

/// Evidence items an import writes with one statement: a statement per item would make a
/// large file slow (15,000 items took 23 s on PostgreSQL one by one).
pub const IMPORT_BATCH: usize = 500;

/// `items` cut into batches of at most [`IMPORT_BATCH`] in which no fingerprint repeats (a
/// file that holds the same item twice gets the second in a later batch, so it is compared
/// with the first as if stored one by one).
pub fn import_batches(items: &[prfaq_store::NewEvidence]) -> Vec<&[prfaq_store::NewEvidence]> {
    let mut batches = Vec::new();
    let mut start = 0;
    let mut seen = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        if i - start == IMPORT_BATCH || !seen.insert(item.fingerprint.as_str()) {
            batches.push(&items[start..i]);
            start = i;
            seen.clear();
            seen.insert(item.fingerprint.as_str());
        }
    }
    if start < items.len() {
        batches.push(&items[start..]);
    }
    batches
}

/// A batch of items as the JSON array [`Dialect::INSERT_EVIDENCE`] reads.
pub fn evidence_json(items: &[&prfaq_store::NewEvidence]) -> String {
    let list: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            serde_json::json!({
                "fingerprint": i.fingerprint,
                "kind": i.kind,
                "source": i.source,
                "source_ref": i.source_ref,
                "date": i.date,
                "segment": i.segment,
                "customer": i.customer,
                "text": i.text,
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Implements [`prfaq_store::Store`] for `$store` over the sqlx database `$db`.
///
/// `$store` must have a field `pool: sqlx::Pool<$db>`, implement [`Dialect`], and have an
/// inherent `async fn begin_write(&self) -> Result<sqlx::Transaction<'static, $db>, sqlx::Error>`
/// that starts a transaction that will write (SQLite takes the write lock at once with
/// `BEGIN IMMEDIATE`, so two writers never deadlock upgrading a read lock).
#[macro_export]
macro_rules! impl_store {
    ($store:ty, $db:ty, $name:literal) => {
        const _: () = {
            use $crate::__private::prfaq_store::*;
            use $crate::__private::sqlx::{self, Row as _};
            use $crate::{backend_error as db, is_foreign_key_violation, is_unique_violation, millis, timestamp, word};

            type DbRow = <$db as sqlx::Database>::Row;
            type Tx = sqlx::Transaction<'static, $db>;

            fn text(row: &DbRow, column: &str) -> StoreResult<String> {
                row.try_get(column).map_err(db)
            }

            fn opt_ts(value: Option<i64>) -> StoreResult<Option<Timestamp>> {
                value.map(timestamp).transpose()
            }

            fn user_row(row: &DbRow) -> StoreResult<User> {
                Ok(User {
                    id: UserId(row.try_get("id").map_err(db)?),
                    email: row.try_get("email").map_err(db)?,
                    name: row.try_get("name").map_err(db)?,
                    password_hash: row.try_get("password_hash").map_err(db)?,
                    is_admin: row.try_get("is_admin").map_err(db)?,
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                })
            }

            fn workspace_row(row: &DbRow) -> StoreResult<Workspace> {
                Ok(Workspace {
                    id: WorkspaceId(row.try_get("id").map_err(db)?),
                    name: row.try_get("name").map_err(db)?,
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                })
            }

            fn token_row(row: &DbRow) -> StoreResult<ApiToken> {
                Ok(ApiToken {
                    id: TokenId(row.try_get("id").map_err(db)?),
                    user_id: UserId(row.try_get("user_id").map_err(db)?),
                    name: row.try_get("name").map_err(db)?,
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                    last_used_at: opt_ts(row.try_get("last_used_at").map_err(db)?)?,
                })
            }

            fn invitation_row(row: &DbRow) -> StoreResult<Invitation> {
                let role: Option<String> = row.try_get("document_role").map_err(db)?;
                Ok(Invitation {
                    id: InvitationId(row.try_get("id").map_err(db)?),
                    workspace_id: WorkspaceId(row.try_get("workspace_id").map_err(db)?),
                    document_id: row.try_get::<Option<i64>, _>("document_id").map_err(db)?.map(DocumentId),
                    document_role: role.as_deref().map(word).transpose()?,
                    created_by: UserId(row.try_get("created_by").map_err(db)?),
                    expires_at: timestamp(row.try_get("expires_at").map_err(db)?)?,
                    accepted_by: row.try_get::<Option<i64>, _>("accepted_by").map_err(db)?.map(UserId),
                })
            }

            fn document_row(row: &DbRow) -> StoreResult<Document> {
                Ok(Document {
                    id: DocumentId(row.try_get("id").map_err(db)?),
                    workspace_id: WorkspaceId(row.try_get("workspace_id").map_err(db)?),
                    title: row.try_get("title").map_err(db)?,
                    status: word(&text(row, "status")?)?,
                    head: row.try_get("head").map_err(db)?,
                    north_star: row.try_get("north_star").map_err(db)?,
                    revisit_on: opt_ts(row.try_get("revisit_on").map_err(db)?)?,
                    revisit_condition: row.try_get("revisit_condition").map_err(db)?,
                    created_by: UserId(row.try_get("created_by").map_err(db)?),
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                    updated_at: timestamp(row.try_get("updated_at").map_err(db)?)?,
                })
            }

            fn metrics_row(row: &DbRow) -> StoreResult<RevisionMetrics> {
                Ok(RevisionMetrics {
                    score: row.try_get("score").map_err(db)?,
                    errors: row.try_get("errors").map_err(db)?,
                    warnings: row.try_get("warnings").map_err(db)?,
                    placeholders: row.try_get("placeholders").map_err(db)?,
                    words: row.try_get("words").map_err(db)?,
                })
            }

            fn revision_summary_row(row: &DbRow) -> StoreResult<RevisionSummary> {
                Ok(RevisionSummary {
                    number: row.try_get("number").map_err(db)?,
                    author_id: UserId(row.try_get("author_id").map_err(db)?),
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                    metrics: metrics_row(row)?,
                    change_class: row.try_get("change_class").map_err(db)?,
                })
            }

            fn round_row(row: &DbRow) -> StoreResult<Round> {
                Ok(Round {
                    id: RoundId(row.try_get("id").map_err(db)?),
                    document_id: DocumentId(row.try_get("document_id").map_err(db)?),
                    revision: row.try_get("revision").map_err(db)?,
                    number: row.try_get("number").map_err(db)?,
                    opened_by: UserId(row.try_get("opened_by").map_err(db)?),
                    opened_at: timestamp(row.try_get("opened_at").map_err(db)?)?,
                    closed_at: opt_ts(row.try_get("closed_at").map_err(db)?)?,
                    min_read_seconds: row.try_get("min_read_seconds").map_err(db)?,
                    silent_until: opt_ts(row.try_get("silent_until").map_err(db)?)?,
                })
            }

            fn reviewer_row(row: &DbRow) -> StoreResult<RoundReviewer> {
                Ok(RoundReviewer {
                    round_id: RoundId(row.try_get("round_id").map_err(db)?),
                    user_id: UserId(row.try_get("user_id").map_err(db)?),
                    function: word(&text(row, "function")?)?,
                    started_at: opt_ts(row.try_get("started_at").map_err(db)?)?,
                    reached_end_at: opt_ts(row.try_get("reached_end_at").map_err(db)?)?,
                    submitted_at: opt_ts(row.try_get("submitted_at").map_err(db)?)?,
                })
            }

            fn comment_row(row: &DbRow) -> StoreResult<Comment> {
                Ok(Comment {
                    id: CommentId(row.try_get("id").map_err(db)?),
                    round_id: RoundId(row.try_get("round_id").map_err(db)?),
                    document_id: DocumentId(row.try_get("document_id").map_err(db)?),
                    author_id: UserId(row.try_get("author_id").map_err(db)?),
                    ai_persona: row.try_get("ai_persona").map_err(db)?,
                    revision: row.try_get("revision").map_err(db)?,
                    anchor: Anchor {
                        section: row.try_get("section").map_err(db)?,
                        quote: row.try_get("quote").map_err(db)?,
                        start: row.try_get("start_offset").map_err(db)?,
                        end: row.try_get("end_offset").map_err(db)?,
                    },
                    outdated: row.try_get("outdated").map_err(db)?,
                    kind: word(&text(row, "kind")?)?,
                    severity: word(&text(row, "severity")?)?,
                    body: row.try_get("body").map_err(db)?,
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                    status: word(&text(row, "status")?)?,
                    response: row.try_get("response").map_err(db)?,
                    resolved_by: row.try_get::<Option<i64>, _>("resolved_by").map_err(db)?.map(UserId),
                    resolved_at: opt_ts(row.try_get("resolved_at").map_err(db)?)?,
                })
            }

            fn agent_job_row(row: &DbRow) -> StoreResult<AgentJob> {
                Ok(AgentJob {
                    id: AgentJobId(row.try_get("id").map_err(db)?),
                    workspace_id: WorkspaceId(row.try_get("workspace_id").map_err(db)?),
                    document_id: row.try_get::<Option<i64>, _>("document_id").map_err(db)?.map(DocumentId),
                    round_id: row.try_get::<Option<i64>, _>("round_id").map_err(db)?.map(RoundId),
                    kind: word(&text(row, "kind")?)?,
                    status: word(&text(row, "status")?)?,
                    requested_by: UserId(row.try_get("requested_by").map_err(db)?),
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                    finished_at: opt_ts(row.try_get("finished_at").map_err(db)?)?,
                    input: row.try_get("input").map_err(db)?,
                    result: row.try_get("result").map_err(db)?,
                    error: row.try_get("error").map_err(db)?,
                })
            }

            fn decision_row(row: &DbRow) -> StoreResult<Decision> {
                Ok(Decision {
                    id: DecisionId(row.try_get("id").map_err(db)?),
                    document_id: DocumentId(row.try_get("document_id").map_err(db)?),
                    revision: row.try_get("revision").map_err(db)?,
                    decided_by: UserId(row.try_get("decided_by").map_err(db)?),
                    outcome: word(&text(row, "outcome")?)?,
                    rationale: row.try_get("rationale").map_err(db)?,
                    conditions: row.try_get("conditions").map_err(db)?,
                    revisit_on: opt_ts(row.try_get("revisit_on").map_err(db)?)?,
                    revisit_condition: row.try_get("revisit_condition").map_err(db)?,
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                })
            }

            fn audit_row(row: &DbRow) -> StoreResult<AuditEvent> {
                Ok(AuditEvent {
                    id: AuditId(row.try_get("id").map_err(db)?),
                    workspace_id: WorkspaceId(row.try_get("workspace_id").map_err(db)?),
                    document_id: row.try_get::<Option<i64>, _>("document_id").map_err(db)?.map(DocumentId),
                    actor_id: row.try_get::<Option<i64>, _>("actor_id").map_err(db)?.map(UserId),
                    action: row.try_get("action").map_err(db)?,
                    detail: row.try_get("detail").map_err(db)?,
                    at: timestamp(row.try_get("at").map_err(db)?)?,
                })
            }

            fn all<T>(rows: &[DbRow], each: fn(&DbRow) -> StoreResult<T>) -> StoreResult<Vec<T>> {
                rows.iter().map(each).collect()
            }

            fn now_ms() -> i64 {
                millis(Timestamp::now())
            }

            async fn write_audit(
                tx: &mut Tx,
                workspace: WorkspaceId,
                document: Option<DocumentId>,
                audit: &Audit,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO audit_log (workspace_id, document_id, actor_id, action, detail, at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(workspace.0)
                .bind(document.map(|d| d.0))
                .bind(audit.actor.map(|a| a.0))
                .bind(&audit.action)
                .bind(&audit.detail)
                .bind(now_ms())
                .execute(&mut **tx)
                .await
                .map_err(db)?;
                Ok(())
            }

            async fn document_in(tx: &mut Tx, id: DocumentId) -> StoreResult<Document> {
                let row = sqlx::query("SELECT * FROM documents WHERE id = $1")
                    .bind(id.0)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db)?
                    .ok_or(StoreError::NotFound("document"))?;
                document_row(&row)
            }

            async fn round_in(tx: &mut Tx, id: RoundId) -> StoreResult<Round> {
                let row = sqlx::query("SELECT * FROM rounds WHERE id = $1")
                    .bind(id.0)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db)?
                    .ok_or(StoreError::NotFound("review round"))?;
                round_row(&row)
            }

            async fn open_round_in(tx: &mut Tx, id: RoundId) -> StoreResult<Round> {
                let round = round_in(tx, id).await?;
                if round.closed_at.is_some() {
                    return Err(StoreError::Invalid(format!("review round {} is closed", round.number)));
                }
                Ok(round)
            }

            async fn set_document_status(tx: &mut Tx, id: DocumentId, status: DocumentStatus) -> StoreResult<()> {
                sqlx::query("UPDATE documents SET status = $1, updated_at = $2 WHERE id = $3")
                    .bind(status.as_str())
                    .bind(now_ms())
                    .bind(id.0)
                    .execute(&mut **tx)
                    .await
                    .map_err(db)?;
                Ok(())
            }

            /// Gives a role on a document unless the person has one already.
            async fn grant_role_if_none(
                tx: &mut Tx,
                document: DocumentId,
                user: UserId,
                role: DocumentRole,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO document_roles (document_id, user_id, role) VALUES ($1, $2, $3) \
                     ON CONFLICT (document_id, user_id) DO NOTHING",
                )
                .bind(document.0)
                .bind(user.0)
                .bind(role.as_str())
                .execute(&mut **tx)
                .await
                .map_err(db)?;
                Ok(())
            }

            async fn insert_reviewer(
                tx: &mut Tx,
                round: &Round,
                user: UserId,
                function: ReviewerFunction,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO round_reviewers (round_id, user_id, function) VALUES ($1, $2, $3) \
                     ON CONFLICT (round_id, user_id) DO UPDATE SET function = excluded.function",
                )
                .bind(round.id.0)
                .bind(user.0)
                .bind(function.as_str())
                .execute(&mut **tx)
                .await
                .map_err(|e| if is_foreign_key_violation(&e) {
                    StoreError::NotFound("user")
                } else {
                    db(e)
                })?;
                grant_role_if_none(tx, round.document_id, user, DocumentRole::Reviewer).await
            }

            async fn insert_revision(tx: &mut Tx, document: DocumentId, number: i64, revision: &NewRevision)
            -> StoreResult<Revision> {
                let created_at = now_ms();
                sqlx::query(
                    "INSERT INTO revisions (document_id, number, markdown, author_id, created_at, score, errors, \
                     warnings, placeholders, words, change_class) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind(document.0)
                .bind(number)
                .bind(&revision.markdown)
                .bind(revision.author_id.0)
                .bind(created_at)
                .bind(revision.metrics.score)
                .bind(revision.metrics.errors)
                .bind(revision.metrics.warnings)
                .bind(revision.metrics.placeholders)
                .bind(revision.metrics.words)
                .bind(&revision.change_class)
                .execute(&mut **tx)
                .await
                .map_err(|e| if is_unique_violation(&e) {
                    StoreError::Conflict { base: revision.base, current: number }
                } else {
                    db(e)
                })?;
                Ok(Revision {
                    document_id: document,
                    number,
                    markdown: revision.markdown.clone(),
                    author_id: revision.author_id,
                    created_at: timestamp(created_at)?,
                    metrics: revision.metrics,
                    change_class: revision.change_class.clone(),
                })
            }

            async fn reviewer_in(tx: &mut Tx, round: RoundId, user: UserId) -> StoreResult<RoundReviewer> {
                let row = sqlx::query("SELECT * FROM round_reviewers WHERE round_id = $1 AND user_id = $2")
                    .bind(round.0)
                    .bind(user.0)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db)?
                    .ok_or(StoreError::NotFound("reviewer in this round"))?;
                reviewer_row(&row)
            }

            fn evidence_row(row: &DbRow) -> StoreResult<EvidenceItem> {
                Ok(EvidenceItem {
                    id: EvidenceId(row.try_get("id").map_err(db)?),
                    workspace_id: WorkspaceId(row.try_get("workspace_id").map_err(db)?),
                    kind: row.try_get("kind").map_err(db)?,
                    source: row.try_get("source").map_err(db)?,
                    source_ref: row.try_get("source_ref").map_err(db)?,
                    date: row.try_get("date").map_err(db)?,
                    segment: row.try_get("segment").map_err(db)?,
                    customer: row.try_get("customer").map_err(db)?,
                    text: row.try_get("text").map_err(db)?,
                    created_at: timestamp(row.try_get("created_at").map_err(db)?)?,
                    updated_at: timestamp(row.try_get("updated_at").map_err(db)?)?,
                })
            }

            async fn evidence_in(tx: &mut Tx, workspace: WorkspaceId, fingerprint: &str)
            -> StoreResult<Option<EvidenceItem>> {
                let row = sqlx::query(concat!(
                    "SELECT ", $crate::evidence_columns!(),
                    " FROM evidence_items i WHERE i.workspace_id = $1 AND i.fingerprint = $2"
                ))
                .bind(workspace.0)
                .bind(fingerprint)
                .fetch_optional(&mut **tx)
                .await
                .map_err(db)?;
                row.as_ref().map(evidence_row).transpose()
            }

            /// Stores one batch of an import (no fingerprint twice): the known items are read with
            /// one statement, the new ones added with one, and each changed one updated.
            async fn import_batch(
                tx: &mut Tx,
                workspace: WorkspaceId,
                batch: &[NewEvidence],
                now: i64,
                summary: &mut ImportSummary,
            ) -> StoreResult<()> {
                if batch.iter().any(|item| item.text.trim().is_empty()) {
                    return Err(StoreError::Invalid("an evidence item needs text".into()));
                }
                let fingerprints: Vec<&str> = batch.iter().map(|item| item.fingerprint.as_str()).collect();
                let list = $crate::__private::serde_json::to_string(&fingerprints)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?;
                let rows = sqlx::query(<$store as $crate::Dialect>::EVIDENCE_BY_FINGERPRINTS)
                    .bind(workspace.0)
                    .bind(list)
                    .fetch_all(&mut **tx)
                    .await
                    .map_err(db)?;
                let mut known = std::collections::HashMap::new();
                for row in &rows {
                    let fingerprint: String = row.try_get("fingerprint").map_err(db)?;
                    known.insert(fingerprint, evidence_row(row)?);
                }
                let new: Vec<&NewEvidence> =
                    batch.iter().filter(|item| !known.contains_key(&item.fingerprint)).collect();
                let mut added = std::collections::HashSet::new();
                if !new.is_empty() {
                    let inserted: Vec<String> = sqlx::query_scalar(<$store as $crate::Dialect>::INSERT_EVIDENCE)
                        .bind(workspace.0)
                        .bind($crate::evidence_json(&new))
                        .bind(now)
                        .fetch_all(&mut **tx)
                        .await
                        .map_err(|e| if is_foreign_key_violation(&e) {
                            StoreError::NotFound("workspace")
                        } else {
                            db(e)
                        })?;
                    added.extend(inserted);
                }
                for item in batch {
                    if added.contains(&item.fingerprint) {
                        summary.added += 1;
                        continue;
                    }
                    // Known before this batch, or added meanwhile by a concurrent import.
                    let stored = match known.remove(&item.fingerprint) {
                        Some(stored) => stored,
                        None => evidence_in(tx, workspace, &item.fingerprint)
                            .await?
                            .ok_or(StoreError::NotFound("evidence item"))?,
                    };
                    let same = stored.text == item.text
                        && stored.date == item.date
                        && stored.segment == item.segment
                        && stored.customer == item.customer;
                    if same {
                        summary.unchanged += 1;
                        continue;
                    }
                    sqlx::query(
                        "UPDATE evidence_items SET text = $1, date = $2, segment = $3, customer = $4, updated_at = $5 \
                         WHERE id = $6",
                    )
                    .bind(&item.text)
                    .bind(&item.date)
                    .bind(&item.segment)
                    .bind(&item.customer)
                    .bind(now)
                    .bind(stored.id.0)
                    .execute(&mut **tx)
                    .await
                    .map_err(db)?;
                    summary.updated += 1;
                }
                Ok(())
            }

            /// Runs a full-text query of the backend's dialect: `sql` with the workspace, the
            /// filter, the query and the limit bound as [`Dialect::SEARCH_EVIDENCE`] names them.
            async fn evidence_search(
                pool: &sqlx::Pool<$db>,
                workspace: WorkspaceId,
                query: &str,
                filter: &EvidenceFilter,
                limit: i64,
            ) -> StoreResult<Vec<EvidenceHit>> {
                let rows = sqlx::query(<$store as $crate::Dialect>::SEARCH_EVIDENCE)
                    .bind(workspace.0)
                    .bind(filter.kind.as_deref())
                    .bind(filter.segment.as_deref())
                    .bind(filter.since.as_deref())
                    .bind(query)
                    .bind(limit)
                    .fetch_all(pool)
                    .await
                    .map_err(db)?;
                rows.iter()
                    .map(|row| {
                        Ok(EvidenceHit {
                            item: evidence_row(row)?,
                            score: row.try_get("score").map_err(db)?,
                            snippet: row.try_get("snippet").map_err(db)?,
                        })
                    })
                    .collect()
            }

            #[$crate::__private::async_trait::async_trait]
            impl Store for $store {
                fn backend(&self) -> &'static str {
                    $name
                }

                async fn setting(&self, key: &str) -> StoreResult<Option<String>> {
                    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                        .bind(key)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)
                }

                async fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO settings (key, value) VALUES ($1, $2) \
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    )
                    .bind(key)
                    .bind(value)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                    Ok(())
                }

                async fn take_setting(&self, key: &str, value: &str) -> StoreResult<bool> {
                    let done = sqlx::query("DELETE FROM settings WHERE key = $1 AND value = $2")
                        .bind(key)
                        .bind(value)
                        .execute(&self.pool)
                        .await
                        .map_err(db)?;
                    Ok(done.rows_affected() == 1)
                }

                async fn user_count(&self) -> StoreResult<i64> {
                    sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&self.pool).await.map_err(db)
                }

                async fn create_user(&self, user: NewUser) -> StoreResult<User> {
                    let row = sqlx::query(
                        "INSERT INTO users (email, name, password_hash, is_admin, created_at) \
                         VALUES ($1, $2, $3, $4, $5) RETURNING *",
                    )
                    .bind(&user.email)
                    .bind(&user.name)
                    .bind(&user.password_hash)
                    .bind(user.is_admin)
                    .bind(now_ms())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|e| if is_unique_violation(&e) { StoreError::Duplicate("an account with this e-mail") } else { db(e) })?;
                    user_row(&row)
                }

                async fn user(&self, id: UserId) -> StoreResult<User> {
                    let row = sqlx::query("SELECT * FROM users WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?
                        .ok_or(StoreError::NotFound("user"))?;
                    user_row(&row)
                }

                async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
                    let row = sqlx::query("SELECT * FROM users WHERE email = $1")
                        .bind(email)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?;
                    row.as_ref().map(user_row).transpose()
                }

                async fn create_session(&self, id: &str, data: &str, expires_at: Timestamp) -> StoreResult<()> {
                    sqlx::query("INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3)")
                        .bind(id)
                        .bind(data)
                        .bind(millis(expires_at))
                        .execute(&self.pool)
                        .await
                        .map_err(|e| if is_unique_violation(&e) { StoreError::Duplicate("session") } else { db(e) })?;
                    Ok(())
                }

                async fn save_session(&self, id: &str, data: &str, expires_at: Timestamp) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
                    )
                    .bind(id)
                    .bind(data)
                    .bind(millis(expires_at))
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                    Ok(())
                }

                async fn load_session(&self, id: &str, now: Timestamp) -> StoreResult<Option<String>> {
                    sqlx::query_scalar("SELECT data FROM sessions WHERE id = $1 AND expires_at > $2")
                        .bind(id)
                        .bind(millis(now))
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)
                }

                async fn delete_session(&self, id: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(&self.pool).await.map_err(db)?;
                    Ok(())
                }

                async fn delete_expired_sessions(&self, now: Timestamp) -> StoreResult<u64> {
                    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                        .bind(millis(now))
                        .execute(&self.pool)
                        .await
                        .map_err(db)?;
                    Ok(done.rows_affected())
                }

                async fn record_sign_in_failure(&self, key: &str, now: Timestamp, since: Timestamp) -> StoreResult<i64> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
                        .bind(millis(since))
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    sqlx::query("INSERT INTO sign_in_failures (account, at) VALUES ($1, $2)")
                        .bind(key)
                        .bind(millis(now))
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    let row = sqlx::query("SELECT COUNT(*) AS n FROM sign_in_failures WHERE account = $1 AND at >= $2")
                        .bind(key)
                        .bind(millis(since))
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db)?;
                    tx.commit().await.map_err(db)?;
                    row.try_get::<i64, _>("n").map_err(db)
                }

                async fn sign_in_failures(&self, key: &str, since: Timestamp) -> StoreResult<i64> {
                    let row = sqlx::query("SELECT COUNT(*) AS n FROM sign_in_failures WHERE account = $1 AND at >= $2")
                        .bind(key)
                        .bind(millis(since))
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db)?;
                    row.try_get::<i64, _>("n").map_err(db)
                }

                async fn clear_sign_in_failures(&self, key: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sign_in_failures WHERE account = $1")
                        .bind(key)
                        .execute(&self.pool)
                        .await
                        .map_err(db)?;
                    Ok(())
                }

                async fn create_api_token(&self, user: UserId, name: &str, token_hash: &str) -> StoreResult<ApiToken> {
                    let row = sqlx::query(
                        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                         RETURNING *",
                    )
                    .bind(user.0)
                    .bind(name)
                    .bind(token_hash)
                    .bind(now_ms())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|e| if is_unique_violation(&e) { StoreError::Duplicate("token") } else { db(e) })?;
                    token_row(&row)
                }

                async fn user_by_api_token(&self, token_hash: &str, now: Timestamp) -> StoreResult<Option<User>> {
                    let user_id: Option<i64> = sqlx::query_scalar(
                        "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL \
                         RETURNING user_id",
                    )
                    .bind(millis(now))
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db)?;
                    match user_id {
                        Some(id) => Ok(Some(self.user(UserId(id)).await?)),
                        None => Ok(None),
                    }
                }

                async fn api_tokens(&self, user: UserId) -> StoreResult<Vec<ApiToken>> {
                    let rows = sqlx::query("SELECT * FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id")
                        .bind(user.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    all(&rows, token_row)
                }

                async fn revoke_api_token(&self, user: UserId, id: TokenId) -> StoreResult<()> {
                    let done = sqlx::query(
                        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
                    )
                    .bind(now_ms())
                    .bind(id.0)
                    .bind(user.0)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound("token"));
                    }
                    Ok(())
                }

                async fn create_workspace(&self, name: &str, creator: UserId) -> StoreResult<Workspace> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let row = sqlx::query("INSERT INTO workspaces (name, created_at) VALUES ($1, $2) RETURNING *")
                        .bind(name)
                        .bind(now_ms())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db)?;
                    let workspace = workspace_row(&row)?;
                    sqlx::query("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, $3)")
                        .bind(workspace.id.0)
                        .bind(creator.0)
                        .bind(WorkspaceRole::Admin.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    write_audit(&mut tx, workspace.id, None, &Audit::by(creator, "workspace.created", name)).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(workspace)
                }

                async fn workspace(&self, id: WorkspaceId) -> StoreResult<Workspace> {
                    let row = sqlx::query("SELECT * FROM workspaces WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?
                        .ok_or(StoreError::NotFound("workspace"))?;
                    workspace_row(&row)
                }

                async fn memberships(&self, user: UserId) -> StoreResult<Vec<Membership>> {
                    let rows = sqlx::query(
                        "SELECT w.*, m.role FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id \
                         WHERE m.user_id = $1 ORDER BY w.id",
                    )
                    .bind(user.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    rows.iter()
                        .map(|row| {
                            Ok(Membership { workspace: workspace_row(row)?, role: word(&text(row, "role")?)? })
                        })
                        .collect()
                }

                async fn workspace_role(&self, workspace: WorkspaceId, user: UserId) -> StoreResult<Option<WorkspaceRole>> {
                    let role: Option<String> =
                        sqlx::query_scalar("SELECT role FROM workspace_members WHERE workspace_id = $1 AND user_id = $2")
                            .bind(workspace.0)
                            .bind(user.0)
                            .fetch_optional(&self.pool)
                            .await
                            .map_err(db)?;
                    role.as_deref().map(word).transpose()
                }

                async fn members(&self, workspace: WorkspaceId) -> StoreResult<Vec<Member>> {
                    let rows = sqlx::query(
                        "SELECT u.*, m.role FROM users u JOIN workspace_members m ON m.user_id = u.id \
                         WHERE m.workspace_id = $1 ORDER BY u.name, u.id",
                    )
                    .bind(workspace.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    rows.iter()
                        .map(|row| Ok(Member { user: user_row(row)?, role: word(&text(row, "role")?)? }))
                        .collect()
                }

                async fn set_member(&self, workspace: WorkspaceId, user: UserId, role: WorkspaceRole, audit: Audit)
                -> StoreResult<()> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    sqlx::query(
                        "INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, $3) \
                         ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role",
                    )
                    .bind(workspace.0)
                    .bind(user.0)
                    .bind(role.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                    write_audit(&mut tx, workspace, None, &audit).await?;
                    tx.commit().await.map_err(db)
                }

                async fn create_invitation(&self, invitation: NewInvitation, audit: Audit) -> StoreResult<Invitation> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let row = sqlx::query(
                        "INSERT INTO invitations (token_hash, workspace_id, document_id, document_role, created_by, \
                         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *",
                    )
                    .bind(&invitation.token_hash)
                    .bind(invitation.workspace_id.0)
                    .bind(invitation.document.map(|(d, _)| d.0))
                    .bind(invitation.document.map(|(_, r)| r.as_str()))
                    .bind(invitation.created_by.0)
                    .bind(now_ms())
                    .bind(millis(invitation.expires_at))
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db)?;
                    let stored = invitation_row(&row)?;
                    write_audit(&mut tx, stored.workspace_id, stored.document_id, &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(stored)
                }

                async fn invitation_by_token(&self, token_hash: &str) -> StoreResult<Option<Invitation>> {
                    let row = sqlx::query("SELECT * FROM invitations WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?;
                    row.as_ref().map(invitation_row).transpose()
                }

                async fn accept_invitation(&self, id: InvitationId, user: UserId, now: Timestamp, audit: Audit)
                -> StoreResult<Invitation> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let row = sqlx::query(
                        "UPDATE invitations SET accepted_by = $1, accepted_at = $2 \
                         WHERE id = $3 AND accepted_by IS NULL AND expires_at > $2 RETURNING *",
                    )
                    .bind(user.0)
                    .bind(millis(now))
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?
                    .ok_or_else(|| StoreError::Invalid("this invitation was already used or has expired".into()))?;
                    let invitation = invitation_row(&row)?;
                    sqlx::query(
                        "INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, $3) \
                         ON CONFLICT (workspace_id, user_id) DO NOTHING",
                    )
                    .bind(invitation.workspace_id.0)
                    .bind(user.0)
                    .bind(WorkspaceRole::Member.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                    if let (Some(document), Some(role)) = (invitation.document_id, invitation.document_role) {
                        sqlx::query(
                            "INSERT INTO document_roles (document_id, user_id, role) VALUES ($1, $2, $3) \
                             ON CONFLICT (document_id, user_id) DO UPDATE SET role = excluded.role",
                        )
                        .bind(document.0)
                        .bind(user.0)
                        .bind(role.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    }
                    write_audit(&mut tx, invitation.workspace_id, invitation.document_id, &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(invitation)
                }

                async fn create_document(&self, workspace: WorkspaceId, first: NewRevision, audit: Audit)
                -> StoreResult<Document> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let now = now_ms();
                    let row = sqlx::query(
                        "INSERT INTO documents (workspace_id, title, status, head, created_by, created_at, updated_at) \
                         VALUES ($1, $2, $3, 1, $4, $5, $5) RETURNING *",
                    )
                    .bind(workspace.0)
                    .bind(&first.title)
                    .bind(DocumentStatus::Draft.as_str())
                    .bind(first.author_id.0)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| if is_foreign_key_violation(&e) {
                        StoreError::NotFound("workspace")
                    } else {
                        db(e)
                    })?;
                    let document = document_row(&row)?;
                    insert_revision(&mut tx, document.id, 1, &first).await?;
                    sqlx::query("INSERT INTO document_roles (document_id, user_id, role) VALUES ($1, $2, $3)")
                        .bind(document.id.0)
                        .bind(first.author_id.0)
                        .bind(DocumentRole::Owner.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    write_audit(&mut tx, workspace, Some(document.id), &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(document)
                }

                async fn document(&self, id: DocumentId) -> StoreResult<Document> {
                    let row = sqlx::query("SELECT * FROM documents WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?
                        .ok_or(StoreError::NotFound("document"))?;
                    document_row(&row)
                }

                async fn portfolio(&self, workspace: WorkspaceId) -> StoreResult<Vec<DocumentSummary>> {
                    let rows = sqlx::query(
                        "SELECT d.*, r.score, r.errors, r.warnings, r.placeholders, r.words, \
                         (SELECT COUNT(*) FROM comments c WHERE c.document_id = d.id AND c.status = 'open') \
                           AS open_comments, \
                         (SELECT COUNT(*) FROM comments c WHERE c.document_id = d.id AND c.status = 'open' \
                           AND c.severity = 'critical') AS open_critical, \
                         (SELECT x.outcome FROM decisions x WHERE x.document_id = d.id ORDER BY x.id DESC LIMIT 1) \
                           AS last_outcome \
                         FROM documents d JOIN revisions r ON r.document_id = d.id AND r.number = d.head \
                         WHERE d.workspace_id = $1 ORDER BY d.updated_at DESC, d.id DESC",
                    )
                    .bind(workspace.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    rows.iter()
                        .map(|row| {
                            let outcome: Option<String> = row.try_get("last_outcome").map_err(db)?;
                            Ok(DocumentSummary {
                                document: document_row(row)?,
                                metrics: metrics_row(row)?,
                                open_comments: row.try_get("open_comments").map_err(db)?,
                                open_critical_comments: row.try_get("open_critical").map_err(db)?,
                                last_outcome: outcome.as_deref().map(word).transpose()?,
                            })
                        })
                        .collect()
                }

                async fn document_role(&self, document: DocumentId, user: UserId) -> StoreResult<Option<DocumentRole>> {
                    let role: Option<String> =
                        sqlx::query_scalar("SELECT role FROM document_roles WHERE document_id = $1 AND user_id = $2")
                            .bind(document.0)
                            .bind(user.0)
                            .fetch_optional(&self.pool)
                            .await
                            .map_err(db)?;
                    role.as_deref().map(word).transpose()
                }

                async fn set_document_role(&self, document: DocumentId, user: UserId, role: DocumentRole, audit: Audit)
                -> StoreResult<()> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let doc = document_in(&mut tx, document).await?;
                    sqlx::query(
                        "INSERT INTO document_roles (document_id, user_id, role) VALUES ($1, $2, $3) \
                         ON CONFLICT (document_id, user_id) DO UPDATE SET role = excluded.role",
                    )
                    .bind(document.0)
                    .bind(user.0)
                    .bind(role.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| if is_foreign_key_violation(&e) {
                        StoreError::NotFound("user")
                    } else {
                        db(e)
                    })?;
                    write_audit(&mut tx, doc.workspace_id, Some(document), &audit).await?;
                    tx.commit().await.map_err(db)
                }

                async fn document_people(&self, document: DocumentId) -> StoreResult<Vec<(User, DocumentRole)>> {
                    let rows = sqlx::query(
                        "SELECT u.*, r.role FROM users u JOIN document_roles r ON r.user_id = u.id \
                         WHERE r.document_id = $1 ORDER BY u.name, u.id",
                    )
                    .bind(document.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    rows.iter().map(|row| Ok((user_row(row)?, word(&text(row, "role")?)?))).collect()
                }

                async fn save_revision(&self, document: DocumentId, revision: NewRevision, audit: Audit)
                -> StoreResult<Revision> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let number = revision.base + 1;
                    // Moving the head is what decides a race: a concurrent save based on the same
                    // revision finds the head moved and updates nothing.
                    let moved = sqlx::query(
                        "UPDATE documents SET head = $1, title = $2, updated_at = $3 WHERE id = $4 AND head = $5",
                    )
                    .bind(number)
                    .bind(&revision.title)
                    .bind(now_ms())
                    .bind(document.0)
                    .bind(revision.base)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                    if moved.rows_affected() == 0 {
                        let current = document_in(&mut tx, document).await?.head;
                        return Err(StoreError::Conflict { base: revision.base, current });
                    }
                    let saved = insert_revision(&mut tx, document, number, &revision).await?;
                    let workspace = document_in(&mut tx, document).await?.workspace_id;
                    write_audit(&mut tx, workspace, Some(document), &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(saved)
                }

                async fn revision(&self, document: DocumentId, number: i64) -> StoreResult<Revision> {
                    let row = sqlx::query("SELECT * FROM revisions WHERE document_id = $1 AND number = $2")
                        .bind(document.0)
                        .bind(number)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?
                        .ok_or(StoreError::NotFound("revision"))?;
                    let summary = revision_summary_row(&row)?;
                    Ok(Revision {
                        document_id: document,
                        number: summary.number,
                        markdown: row.try_get("markdown").map_err(db)?,
                        author_id: summary.author_id,
                        created_at: summary.created_at,
                        metrics: summary.metrics,
                        change_class: summary.change_class,
                    })
                }

                async fn revisions(&self, document: DocumentId) -> StoreResult<Vec<RevisionSummary>> {
                    let rows = sqlx::query(
                        "SELECT number, author_id, created_at, score, errors, warnings, placeholders, words, \
                         change_class FROM revisions WHERE document_id = $1 ORDER BY number",
                    )
                    .bind(document.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    all(&rows, revision_summary_row)
                }

                async fn open_round(
                    &self,
                    document: DocumentId,
                    min_read_seconds: i64,
                    reviewers: &[(UserId, ReviewerFunction)],
                    audit: Audit,
                ) -> StoreResult<Round> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let doc = document_in(&mut tx, document).await?;
                    let row = sqlx::query(
                        "INSERT INTO rounds (document_id, number, revision, opened_by, opened_at, min_read_seconds) \
                         VALUES ($1, (SELECT COUNT(*) + 1 FROM rounds WHERE document_id = $1), $2, $3, $4, $5) \
                         RETURNING *",
                    )
                    .bind(document.0)
                    .bind(doc.head)
                    .bind(audit.actor.map_or(doc.created_by.0, |a| a.0))
                    .bind(now_ms())
                    .bind(min_read_seconds)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| if is_unique_violation(&e) {
                        StoreError::Invalid("a review round is already open on this document".into())
                    } else {
                        db(e)
                    })?;
                    let round = round_row(&row)?;
                    for &(user, function) in reviewers {
                        insert_reviewer(&mut tx, &round, user, function).await?;
                    }
                    if doc.status == DocumentStatus::Draft {
                        set_document_status(&mut tx, document, DocumentStatus::InReview).await?;
                    }
                    write_audit(&mut tx, doc.workspace_id, Some(document), &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(round)
                }

                async fn round(&self, id: RoundId) -> StoreResult<Round> {
                    let row = sqlx::query("SELECT * FROM rounds WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?
                        .ok_or(StoreError::NotFound("review round"))?;
                    round_row(&row)
                }

                async fn rounds(&self, document: DocumentId) -> StoreResult<Vec<Round>> {
                    let rows = sqlx::query("SELECT * FROM rounds WHERE document_id = $1 ORDER BY number")
                        .bind(document.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    all(&rows, round_row)
                }

                async fn round_reviewers(&self, round: RoundId) -> StoreResult<Vec<RoundReviewer>> {
                    let rows = sqlx::query("SELECT * FROM round_reviewers WHERE round_id = $1 ORDER BY user_id")
                        .bind(round.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    all(&rows, reviewer_row)
                }

                async fn add_reviewer(&self, round: RoundId, user: UserId, function: ReviewerFunction, audit: Audit)
                -> StoreResult<()> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let round = open_round_in(&mut tx, round).await?;
                    insert_reviewer(&mut tx, &round, user, function).await?;
                    let workspace = document_in(&mut tx, round.document_id).await?.workspace_id;
                    write_audit(&mut tx, workspace, Some(round.document_id), &audit).await?;
                    tx.commit().await.map_err(db)
                }

                async fn record_reading(&self, round: RoundId, user: UserId, event: Reading, now: Timestamp)
                -> StoreResult<RoundReviewer> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let sql = match event {
                        Reading::Started => {
                            "UPDATE round_reviewers SET started_at = COALESCE(started_at, $1) \
                             WHERE round_id = $2 AND user_id = $3"
                        }
                        Reading::ReachedEnd => {
                            "UPDATE round_reviewers SET started_at = COALESCE(started_at, $1), \
                             reached_end_at = COALESCE(reached_end_at, $1) WHERE round_id = $2 AND user_id = $3"
                        }
                    };
                    sqlx::query(sql)
                        .bind(millis(now))
                        .bind(round.0)
                        .bind(user.0)
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    let reviewer = reviewer_in(&mut tx, round, user).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(reviewer)
                }

                async fn submit_review(&self, round: RoundId, user: UserId, audit: Audit) -> StoreResult<RoundReviewer> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let open = open_round_in(&mut tx, round).await?;
                    sqlx::query(
                        "UPDATE round_reviewers SET submitted_at = COALESCE(submitted_at, $1) \
                         WHERE round_id = $2 AND user_id = $3",
                    )
                    .bind(now_ms())
                    .bind(round.0)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                    let reviewer = reviewer_in(&mut tx, round, user).await?;
                    let workspace = document_in(&mut tx, open.document_id).await?.workspace_id;
                    write_audit(&mut tx, workspace, Some(open.document_id), &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(reviewer)
                }

                async fn start_silent_reading(&self, round: RoundId, until: Timestamp, audit: Audit) -> StoreResult<Round> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let open = open_round_in(&mut tx, round).await?;
                    sqlx::query("UPDATE rounds SET silent_until = $1 WHERE id = $2")
                        .bind(millis(until))
                        .bind(round.0)
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    let workspace = document_in(&mut tx, open.document_id).await?.workspace_id;
                    write_audit(&mut tx, workspace, Some(open.document_id), &audit).await?;
                    let updated = round_in(&mut tx, round).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(updated)
                }

                async fn close_round(&self, round: RoundId, audit: Audit) -> StoreResult<Round> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let open = open_round_in(&mut tx, round).await?;
                    sqlx::query("UPDATE rounds SET closed_at = $1 WHERE id = $2")
                        .bind(now_ms())
                        .bind(round.0)
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    let doc = document_in(&mut tx, open.document_id).await?;
                    if doc.status == DocumentStatus::InReview {
                        set_document_status(&mut tx, doc.id, DocumentStatus::Draft).await?;
                    }
                    write_audit(&mut tx, doc.workspace_id, Some(doc.id), &audit).await?;
                    let closed = round_in(&mut tx, round).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(closed)
                }

                async fn add_comment(&self, comment: NewComment, audit: Audit) -> StoreResult<Comment> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let round = open_round_in(&mut tx, comment.round_id).await?;
                    let row = sqlx::query(
                        "INSERT INTO comments (round_id, document_id, author_id, revision, section, quote, start_offset, \
                         end_offset, kind, severity, body, created_at, status, ai_persona) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *",
                    )
                    .bind(round.id.0)
                    .bind(round.document_id.0)
                    .bind(comment.author_id.0)
                    .bind(round.revision)
                    .bind(&comment.anchor.section)
                    .bind(&comment.anchor.quote)
                    .bind(comment.anchor.start)
                    .bind(comment.anchor.end)
                    .bind(comment.kind.as_str())
                    .bind(comment.severity.as_str())
                    .bind(&comment.body)
                    .bind(now_ms())
                    .bind(CommentStatus::Open.as_str())
                    .bind(&comment.ai_persona)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db)?;
                    let stored = comment_row(&row)?;
                    let workspace = document_in(&mut tx, round.document_id).await?.workspace_id;
                    write_audit(&mut tx, workspace, Some(round.document_id), &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(stored)
                }

                async fn comment(&self, id: CommentId) -> StoreResult<Comment> {
                    let row = sqlx::query("SELECT * FROM comments WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?
                        .ok_or(StoreError::NotFound("comment"))?;
                    comment_row(&row)
                }

                async fn comments(&self, document: DocumentId) -> StoreResult<Vec<Comment>> {
                    let rows = sqlx::query("SELECT * FROM comments WHERE document_id = $1 ORDER BY id")
                        .bind(document.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    all(&rows, comment_row)
                }

                async fn resolve_comment(&self, id: CommentId, resolution: Resolution, audit: Audit) -> StoreResult<Comment> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let reopened = resolution.status == CommentStatus::Open;
                    let row = sqlx::query(
                        "UPDATE comments SET status = $1, response = $2, resolved_by = $3, resolved_at = $4 \
                         WHERE id = $5 RETURNING *",
                    )
                    .bind(resolution.status.as_str())
                    .bind(&resolution.response)
                    .bind((!reopened).then_some(resolution.by.0))
                    .bind((!reopened).then(now_ms))
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db)?
                    .ok_or(StoreError::NotFound("comment"))?;
                    let comment = comment_row(&row)?;
                    let workspace = document_in(&mut tx, comment.document_id).await?.workspace_id;
                    write_audit(&mut tx, workspace, Some(comment.document_id), &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(comment)
                }

                async fn reanchor_comment(&self, id: CommentId, revision: i64, anchor: Option<Anchor>) -> StoreResult<()> {
                    let done = match anchor {
                        Some(anchor) => sqlx::query(
                            "UPDATE comments SET revision = $1, section = $2, quote = $3, start_offset = $4, \
                             end_offset = $5, outdated = FALSE WHERE id = $6",
                        )
                        .bind(revision)
                        .bind(anchor.section)
                        .bind(anchor.quote)
                        .bind(anchor.start)
                        .bind(anchor.end)
                        .bind(id.0)
                        .execute(&self.pool)
                        .await,
                        None => sqlx::query("UPDATE comments SET revision = $1, outdated = TRUE WHERE id = $2")
                            .bind(revision)
                            .bind(id.0)
                            .execute(&self.pool)
                            .await,
                    }
                    .map_err(db)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound("comment"));
                    }
                    Ok(())
                }

                async fn record_decision(&self, document: DocumentId, decision: NewDecision, audit: Audit)
                -> StoreResult<Decision> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let doc = document_in(&mut tx, document).await?;
                    if decision.revision < 1 || decision.revision > doc.head {
                        return Err(StoreError::NotFound("revision"));
                    }
                    let now = now_ms();
                    let row = sqlx::query(
                        "INSERT INTO decisions (document_id, revision, decided_by, outcome, rationale, conditions, \
                         revisit_on, revisit_condition, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                         RETURNING *",
                    )
                    .bind(document.0)
                    .bind(decision.revision)
                    .bind(decision.decided_by.0)
                    .bind(decision.outcome.as_str())
                    .bind(&decision.rationale)
                    .bind(&decision.conditions)
                    .bind(decision.revisit_on.map(millis))
                    .bind(&decision.revisit_condition)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db)?;
                    let stored = decision_row(&row)?;
                    let (status, north_star) = match decision.outcome {
                        Outcome::Go => (DocumentStatus::Approved, Some(decision.revision)),
                        Outcome::NoGo => (DocumentStatus::Archived, None),
                        Outcome::Iterate => (DocumentStatus::Draft, None),
                    };
                    sqlx::query(
                        "UPDATE documents SET status = $1, north_star = $2, revisit_on = $3, revisit_condition = $4, \
                         updated_at = $5 WHERE id = $6",
                    )
                    .bind(status.as_str())
                    .bind(north_star)
                    .bind(decision.revisit_on.map(millis))
                    .bind(&decision.revisit_condition)
                    .bind(now)
                    .bind(document.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                    write_audit(&mut tx, doc.workspace_id, Some(document), &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(stored)
                }

                async fn decisions(&self, document: DocumentId) -> StoreResult<Vec<Decision>> {
                    let rows = sqlx::query("SELECT * FROM decisions WHERE document_id = $1 ORDER BY id")
                        .bind(document.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    all(&rows, decision_row)
                }

                async fn due_for_revisit(&self, workspace: WorkspaceId, now: Timestamp) -> StoreResult<Vec<Document>> {
                    let rows = sqlx::query(
                        "SELECT * FROM documents WHERE workspace_id = $1 AND status = 'archived' \
                         AND (revisit_on <= $2 OR revisit_condition IS NOT NULL) \
                         ORDER BY revisit_on, id",
                    )
                    .bind(workspace.0)
                    .bind(millis(now))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    all(&rows, document_row)
                }

                async fn create_agent_job(&self, job: NewAgentJob, audit: Audit) -> StoreResult<AgentJob> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let row = sqlx::query(
                        "INSERT INTO agent_jobs (workspace_id, document_id, round_id, kind, status, requested_by, \
                         created_at, input) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *",
                    )
                    .bind(job.workspace_id.0)
                    .bind(job.document_id.map(|d| d.0))
                    .bind(job.round_id.map(|r| r.0))
                    .bind(job.kind.as_str())
                    .bind(AgentJobStatus::Running.as_str())
                    .bind(job.requested_by.0)
                    .bind(now_ms())
                    .bind(&job.input)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| if is_foreign_key_violation(&e) { StoreError::NotFound("workspace") } else { db(e) })?;
                    let stored = agent_job_row(&row)?;
                    write_audit(&mut tx, job.workspace_id, job.document_id, &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(stored)
                }

                async fn agent_job(&self, id: AgentJobId) -> StoreResult<AgentJob> {
                    let row = sqlx::query("SELECT * FROM agent_jobs WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?
                        .ok_or(StoreError::NotFound("agent job"))?;
                    agent_job_row(&row)
                }

                async fn finish_agent_job(
                    &self,
                    id: AgentJobId,
                    outcome: Result<String, String>,
                    now: Timestamp,
                ) -> StoreResult<AgentJob> {
                    let (status, result, error) = match outcome {
                        Ok(result) => (AgentJobStatus::Done, Some(result), None),
                        Err(error) => (AgentJobStatus::Failed, None, Some(error)),
                    };
                    let mut tx = self.begin_write().await.map_err(db)?;
                    sqlx::query(
                        "UPDATE agent_jobs SET status = $1, result = $2, error = $3, finished_at = $4 \
                         WHERE id = $5 AND status = $6",
                    )
                    .bind(status.as_str())
                    .bind(result)
                    .bind(error)
                    .bind(millis(now))
                    .bind(id.0)
                    .bind(AgentJobStatus::Running.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                    let row = sqlx::query("SELECT * FROM agent_jobs WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db)?
                        .ok_or(StoreError::NotFound("agent job"))?;
                    tx.commit().await.map_err(db)?;
                    agent_job_row(&row)
                }

                async fn round_agent_jobs(&self, round: RoundId) -> StoreResult<Vec<AgentJob>> {
                    let rows = sqlx::query("SELECT * FROM agent_jobs WHERE round_id = $1 ORDER BY id DESC")
                        .bind(round.0)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    all(&rows, agent_job_row)
                }

                async fn import_evidence(
                    &self,
                    workspace: WorkspaceId,
                    items: &[NewEvidence],
                    audit: Audit,
                ) -> StoreResult<ImportSummary> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    let now = now_ms();
                    let mut summary = ImportSummary::default();
                    for batch in $crate::import_batches(items) {
                        import_batch(&mut tx, workspace, batch, now, &mut summary).await?;
                    }
                    let detail = format!(
                        "{}: {} added, {} updated, {} unchanged",
                        audit.detail, summary.added, summary.updated, summary.unchanged
                    );
                    write_audit(&mut tx, workspace, None, &Audit { detail, ..audit }).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(summary)
                }

                async fn add_evidence(&self, workspace: WorkspaceId, item: NewEvidence, audit: Audit)
                -> StoreResult<EvidenceItem> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    import_batch(&mut tx, workspace, std::slice::from_ref(&item), now_ms(), &mut ImportSummary::default())
                        .await?;
                    let stored = evidence_in(&mut tx, workspace, &item.fingerprint)
                        .await?
                        .ok_or(StoreError::NotFound("evidence item"))?;
                    write_audit(&mut tx, workspace, None, &audit).await?;
                    tx.commit().await.map_err(db)?;
                    Ok(stored)
                }

                async fn evidence_count(&self, workspace: WorkspaceId) -> StoreResult<i64> {
                    sqlx::query_scalar("SELECT COUNT(*) FROM evidence_items WHERE workspace_id = $1")
                        .bind(workspace.0)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db)
                }

                async fn evidence_by_ids(&self, workspace: WorkspaceId, ids: &[EvidenceId])
                -> StoreResult<Vec<EvidenceItem>> {
                    let mut ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    let mut found = Vec::with_capacity(ids.len());
                    // A page of ids per query: the list is bound as JSON text, which both
                    // databases unpack (json_each, jsonb_array_elements_text).
                    for chunk in ids.chunks(500) {
                        let list = format!(
                            "[{}]",
                            chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
                        );
                        let rows = sqlx::query(<$store as $crate::Dialect>::EVIDENCE_BY_IDS)
                            .bind(workspace.0)
                            .bind(list)
                            .fetch_all(&self.pool)
                            .await
                            .map_err(db)?;
                        found.extend(all(&rows, evidence_row)?);
                    }
                    found.sort_by_key(|item| item.id);
                    Ok(found)
                }

                async fn evidence_items(&self, workspace: WorkspaceId, filter: &EvidenceFilter, limit: i64)
                -> StoreResult<Vec<EvidenceItem>> {
                    let rows = sqlx::query(concat!(
                        "SELECT ", $crate::evidence_columns!(), " FROM evidence_items i WHERE i.workspace_id = $1 AND ",
                        $crate::evidence_filter!(), " ORDER BY i.id DESC LIMIT $5"
                    ))
                    .bind(workspace.0)
                    .bind(filter.kind.as_deref())
                    .bind(filter.segment.as_deref())
                    .bind(filter.since.as_deref())
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    all(&rows, evidence_row)
                }

                async fn search_evidence(
                    &self,
                    workspace: WorkspaceId,
                    words: &[String],
                    filter: &EvidenceFilter,
                    limit: i64,
                ) -> StoreResult<EvidenceFound> {
                    let every = <$store as $crate::Dialect>::query(words, false);
                    let any = <$store as $crate::Dialect>::query(words, true);
                    let Some(every) = every else {
                        return Ok(EvidenceFound { hits: Vec::new(), all_words: true });
                    };
                    let hits = evidence_search(&self.pool, workspace, &every, filter, limit).await?;
                    match any {
                        Some(any) if hits.is_empty() && any != every => {
                            let hits = evidence_search(&self.pool, workspace, &any, filter, limit).await?;
                            Ok(EvidenceFound { hits, all_words: false })
                        }
                        _ => Ok(EvidenceFound { hits, all_words: true }),
                    }
                }

                async fn evidence_quote_candidates(&self, workspace: WorkspaceId, words: &[String])
                -> StoreResult<Vec<EvidenceItem>> {
                    let Some(any) = <$store as $crate::Dialect>::query(words, true) else {
                        return Ok(Vec::new());
                    };
                    let rows = sqlx::query(<$store as $crate::Dialect>::QUOTE_CANDIDATES)
                        .bind(workspace.0)
                        .bind(any)
                        .bind($crate::QUOTE_CANDIDATES)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    all(&rows, evidence_row)
                }

                async fn edits_in_workspace(&self, workspace: WorkspaceId, user: UserId) -> StoreResult<bool> {
                    let found: Option<i64> = sqlx::query_scalar(
                        "SELECT r.document_id FROM document_roles r JOIN documents d ON d.id = r.document_id \
                         WHERE d.workspace_id = $1 AND r.user_id = $2 AND r.role IN ('owner', 'author') LIMIT 1",
                    )
                    .bind(workspace.0)
                    .bind(user.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db)?;
                    Ok(found.is_some())
                }

                async fn record_event(
                    &self,
                    workspace: WorkspaceId,
                    document: Option<DocumentId>,
                    audit: Audit,
                ) -> StoreResult<()> {
                    let mut tx = self.begin_write().await.map_err(db)?;
                    write_audit(&mut tx, workspace, document, &audit).await?;
                    tx.commit().await.map_err(db)
                }

                async fn audit_log(
                    &self,
                    workspace: WorkspaceId,
                    document: Option<DocumentId>,
                    limit: i64,
                ) -> StoreResult<Vec<AuditEvent>> {
                    let rows = sqlx::query(
                        "SELECT * FROM audit_log WHERE workspace_id = $1 AND ($2 IS NULL OR document_id = $2) \
                         ORDER BY id DESC LIMIT $3",
                    )
                    .bind(workspace.0)
                    .bind(document.map(|d| d.0))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    all(&rows, audit_row)
                }
            }
        };
    };
}
