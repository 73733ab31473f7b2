//! Several PR/FAQs of a workspace side by side: the figures `prfaq compare` computes for each
//! latest revision, plus what only the web app knows (status, open critical comments, the last
//! decision).

use prfaq_report::CompareFormat;
use prfaq_revise::Candidate;
use prfaq_store::{DocumentId, DocumentSummary, User, WorkspaceId};
use serde::Serialize;

use crate::auth::access::{document_access, workspace_access};
use crate::error::{AppError, AppResult};
use crate::service::evidence;
use crate::state::AppState;

/// The fewest documents a comparison takes.
pub const MIN_COMPARED: usize = 2;
/// The most documents a comparison takes.
pub const MAX_COMPARED: usize = 8;

/// Reads the document ids of a query string: `d=1&d=2…` (the portfolio's checkboxes). Repeated
/// ids count once; fewer than [`MIN_COMPARED`], more than [`MAX_COMPARED`] or a non-number is a
/// bad request on field `d`.
pub fn parse_ids(query: Option<&str>) -> AppResult<Vec<DocumentId>> {
    let mut ids = Vec::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if key != "d" {
            continue;
        }
        let id =
            value.trim().parse::<i64>().map_err(|_| AppError::field("d", format!("`{value}` is not a document id")))?;
        if !ids.contains(&DocumentId(id)) {
            ids.push(DocumentId(id));
        }
    }
    if !(MIN_COMPARED..=MAX_COMPARED).contains(&ids.len()) {
        return Err(AppError::field("d", format!("select {MIN_COMPARED} to {MAX_COMPARED} documents to compare")));
    }
    Ok(ids)
}

/// The compared documents, in the order asked for.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The engine's figures per document (named by title), as `prfaq compare` computes them.
    pub candidates: Vec<Candidate>,
    /// The web app's figures per document, in the same order.
    pub documents: Vec<DocumentSummary>,
}

/// One document's web-only figures in the compare JSON.
#[derive(Debug, Serialize)]
struct WebFigures<'a> {
    id: DocumentId,
    title: &'a str,
    status: prfaq_store::DocumentStatus,
    revision: i64,
    open_critical_comments: i64,
    open_comments: i64,
    decision: Option<prfaq_store::Outcome>,
}

impl Comparison {
    /// The rows to show: the web app's figures, then those of `prfaq compare`.
    pub fn rows(&self) -> Vec<(String, Vec<String>)> {
        let web = |label: &str, value: &dyn Fn(&DocumentSummary) -> String| {
            (label.to_owned(), self.documents.iter().map(value).collect::<Vec<_>>())
        };
        let mut rows = vec![
            web("status", &|d| d.document.status.as_str().replace('_', " ")),
            web("revision", &|d| d.document.head.to_string()),
            web("open critical comments", &|d| d.open_critical_comments.to_string()),
            web("decision", &|d| d.last_outcome.map_or_else(|| "—".to_owned(), |o| o.as_str().replace('_', "-"))),
        ];
        rows.extend(prfaq_report::compare_rows(&self.candidates));
        rows
    }

    /// The `prfaq compare --format json` document, with a `documents` array of the web app's
    /// figures (ids, status, open comments, decision) in the same order as `candidates`.
    pub fn json(&self) -> AppResult<String> {
        let mut value: serde_json::Value =
            serde_json::from_str(&prfaq_report::compare(&self.candidates, CompareFormat::Json))
                .map_err(|e| AppError::Internal(Box::new(e)))?;
        let documents: Vec<WebFigures<'_>> = self
            .documents
            .iter()
            .map(|d| WebFigures {
                id: d.document.id,
                title: &d.document.title,
                status: d.document.status,
                revision: d.document.head,
                open_critical_comments: d.open_critical_comments,
                open_comments: d.open_comments,
                decision: d.last_outcome,
            })
            .collect();
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "documents".to_owned(),
                serde_json::to_value(documents).map_err(|e| AppError::Internal(Box::new(e)))?,
            );
        }
        serde_json::to_string_pretty(&value).map_err(|e| AppError::Internal(Box::new(e)))
    }
}

/// Compares documents of `workspace`. Every id is checked: a document the caller may not read,
/// or one in another workspace, is not found.
pub async fn compare(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    ids: &[DocumentId],
) -> AppResult<Comparison> {
    workspace_access(state, user, workspace).await?;
    let portfolio = state.store().portfolio(workspace).await?;
    let mut parsed = Vec::with_capacity(ids.len());
    let mut facts = Vec::with_capacity(ids.len());
    let mut documents = Vec::with_capacity(ids.len());
    for &id in ids {
        let access = document_access(state, user, id).await?;
        if access.document.workspace_id != workspace {
            return Err(AppError::NotFound("document"));
        }
        let summary = portfolio.iter().find(|s| s.document.id == id).cloned().ok_or(AppError::NotFound("document"))?;
        let head = state.store().revision(id, access.document.head).await?;
        let doc = prfaq_doc::parse(&head.markdown);
        facts.push(evidence::facts(state, workspace, &doc).await?);
        parsed.push((access.document.title.clone(), doc));
        documents.push(summary);
    }
    // Checking several documents takes a while: off the async threads. Each is checked against
    // the workspace's evidence, which also gives its evidence strength.
    let shared = state.clone();
    let candidates =
        tokio::task::spawn_blocking(move || prfaq_revise::compare_with_evidence(&parsed, &facts, shared.engine()))
            .await
            .map_err(|e| AppError::Internal(Box::new(e)))?;
    Ok(Comparison { candidates, documents })
}
