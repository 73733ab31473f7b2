//! `/api/v1` routes for workspaces, documents, revisions, diffs and the live check.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prfaq_store::{DocumentId, DocumentRole, Membership, Revision, RevisionSummary, WorkspaceId};
use serde::{Deserialize, Serialize};

use crate::api::extract::{ApiJson, ApiPath, ApiQuery};
use crate::auth::access::{document_access, workspace_access};
use crate::auth::identity::Identity;
use crate::error::{AppError, AppResult};
use crate::service::analysis::Analysis;
use crate::service::documents::{self, validate_markdown};
use crate::service::evidence;
use crate::state::AppState;

/// `GET /api/v1/workspaces`: the caller's workspaces.
pub async fn workspaces(state: axum::extract::State<AppState>, me: Identity) -> AppResult<Json<Vec<Membership>>> {
    Ok(Json(state.store().memberships(me.user.id).await?))
}

/// `GET /api/v1/workspaces/{id}/documents`: the portfolio, each document with the evidence
/// strength of its latest revision.
pub async fn portfolio(
    state: axum::extract::State<AppState>,
    me: Identity,
    ApiPath(workspace): ApiPath<i64>,
) -> AppResult<Json<Vec<evidence::PortfolioRow>>> {
    let workspace = WorkspaceId(workspace);
    workspace_access(&state, &me.user, workspace).await?;
    Ok(Json(evidence::portfolio(&state, workspace).await?))
}

/// The body of `POST /api/v1/workspaces/{id}/documents`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateDocument {
    /// The title; the template is used when no text is given.
    pub title: Option<String>,
    /// A Markdown text to import instead of the template.
    pub markdown: Option<String>,
}

/// `POST /api/v1/workspaces/{id}/documents`: a new document (from the template or a text).
pub async fn create(
    state: axum::extract::State<AppState>,
    me: Identity,
    ApiPath(workspace): ApiPath<i64>,
    ApiJson(body): ApiJson<CreateDocument>,
) -> AppResult<Response> {
    let document =
        documents::create(&state, &me.user, WorkspaceId(workspace), body.title.as_deref(), body.markdown).await?;
    Ok((StatusCode::CREATED, Json(document)).into_response())
}

/// A document with the caller's role.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// The document.
    pub document: prfaq_store::Document,
    /// The caller's effective role.
    pub role: DocumentRole,
}

/// `GET /api/v1/documents/{id}`.
pub async fn document(
    state: axum::extract::State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<DocumentView>> {
    let access = document_access(&state, &me.user, DocumentId(id)).await?;
    Ok(Json(DocumentView { document: access.document, role: access.role }))
}

/// `GET /api/v1/documents/{id}/revisions`: every revision, oldest first, without texts.
pub async fn revisions(
    state: axum::extract::State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<RevisionSummary>>> {
    document_access(&state, &me.user, DocumentId(id)).await?;
    Ok(Json(state.store().revisions(DocumentId(id)).await?))
}

/// `GET /api/v1/documents/{id}/revisions/{number}`: one revision with its text.
pub async fn revision(
    state: axum::extract::State<AppState>,
    me: Identity,
    ApiPath((id, number)): ApiPath<(i64, i64)>,
) -> AppResult<Json<Revision>> {
    document_access(&state, &me.user, DocumentId(id)).await?;
    Ok(Json(state.store().revision(DocumentId(id), number).await?))
}

/// The body of `POST /api/v1/documents/{id}/revisions`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveRevision {
    /// The revision the text was edited from; must still be the latest.
    pub base: i64,
    /// The new text.
    pub markdown: String,
}

/// `POST /api/v1/documents/{id}/revisions`: saves a revision; 409 when `base` is stale.
pub async fn save(
    state: axum::extract::State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SaveRevision>,
) -> AppResult<Response> {
    let saved = documents::save(&state, &me.user, DocumentId(id), body.base, body.markdown).await?;
    Ok((StatusCode::CREATED, Json(saved)).into_response())
}

/// The query of `GET /api/v1/documents/{id}/diff`.
#[derive(Debug, Deserialize)]
pub struct DiffQuery {
    /// The older revision.
    pub from: i64,
    /// The newer revision.
    pub to: i64,
}

/// `GET /api/v1/documents/{id}/diff?from=A&to=B`: the section-level diff (the `prfaq diff`
/// JSON format).
pub async fn diff(
    state: axum::extract::State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DiffQuery>,
) -> AppResult<Response> {
    document_access(&state, &me.user, DocumentId(id)).await?;
    let old = state.store().revision(DocumentId(id), query.from).await?;
    let new = state.store().revision(DocumentId(id), query.to).await?;
    let (old_doc, new_doc) = (prfaq_doc::parse(&old.markdown), prfaq_doc::parse(&new.markdown));
    let diff = prfaq_revise::diff(&old_doc, &new_doc, &state.engine().config().revise);
    let body = prfaq_report::diff_json(&format!("revision {}", old.number), &format!("revision {}", new.number), &diff);
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The body of `POST /api/v1/check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The text to check.
    pub markdown: String,
    /// The workspace whose evidence the text cites: its `[ev:ID]` citations and customer
    /// quotes are then checked against it (the caller must be a member).
    pub workspace: Option<i64>,
}

/// `POST /api/v1/check`: the critique engine's findings and score for a text (the
/// `prfaq check --format json` format), for the editor's live findings; with `workspace`, with
/// that workspace's evidence.
pub async fn check(
    me: Identity,
    state: axum::extract::State<AppState>,
    ApiJson(body): ApiJson<CheckRequest>,
) -> AppResult<Response> {
    validate_markdown(&body.markdown)?;
    let analysis = match body.workspace {
        Some(workspace) => {
            let workspace = WorkspaceId(workspace);
            workspace_access(&state, &me.user, workspace).await?;
            evidence::analyse(&state, workspace, &body.markdown).await?
        }
        None => Analysis::of(state.engine(), &body.markdown),
    };
    let checked = prfaq_report::Checked { path: "document.md".into(), doc: analysis.doc, report: analysis.report };
    let body = prfaq_report::json(std::slice::from_ref(&checked));
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Answers unknown `/api/v1` paths with a JSON 404.
pub async fn not_found() -> AppError {
    AppError::NotFound("API route")
}
