//! `/api/v1` routes for comments and decisions.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prfaq_store::{Comment, CommentId, Decision, Document, DocumentId, RoundId, WorkspaceId};

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::access::document_access;
use crate::auth::identity::Identity;
use crate::error::AppResult;
use crate::service::comments::{self, CommentRequest, ResolveRequest};
use crate::service::decisions::{self, DecisionRequest};
use crate::state::AppState;

/// `POST /api/v1/rounds/{id}/comments`: a reviewer's comment on a passage of the round's
/// revision (once their comment box is open).
pub async fn add(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CommentRequest>,
) -> AppResult<Response> {
    let comment = comments::add(&state, &me.user, RoundId(id), body).await?;
    Ok((StatusCode::CREATED, Json(comment)).into_response())
}

/// `GET /api/v1/rounds/{id}/comments`: the round's comments the caller may see.
pub async fn of_round(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<Comment>>> {
    let round = state.store().round(RoundId(id)).await?;
    Ok(Json(comments::visible(&state, &me.user, round.document_id, Some(round.id)).await?))
}

/// `GET /api/v1/documents/{id}/comments`: every comment on the document the caller may see.
pub async fn of_document(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<Comment>>> {
    Ok(Json(comments::visible(&state, &me.user, DocumentId(id), None).await?))
}

/// `POST /api/v1/comments/{id}/resolution`: resolves (or reopens) a comment (owners and
/// authors); `answered_in_faq` with `faq` saves a revision with the new FAQ entry.
pub async fn resolve(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ResolveRequest>,
) -> AppResult<Json<Comment>> {
    Ok(Json(comments::resolve(&state, &me.user, CommentId(id), body).await?))
}

/// `POST /api/v1/documents/{id}/decisions`: records go / no-go / iterate (owners and
/// decision-makers).
pub async fn decide(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DecisionRequest>,
) -> AppResult<Response> {
    let decision = decisions::record(&state, &me.user, DocumentId(id), body).await?;
    Ok((StatusCode::CREATED, Json(decision)).into_response())
}

/// `GET /api/v1/documents/{id}/decisions`: the decisions, oldest first.
pub async fn decisions_of(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<Decision>>> {
    document_access(&state, &me.user, DocumentId(id)).await?;
    Ok(Json(state.store().decisions(DocumentId(id)).await?))
}

/// `GET /api/v1/workspaces/{id}/due`: archived documents due for revisit.
pub async fn due(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<Document>>> {
    Ok(Json(decisions::due(&state, &me.user, WorkspaceId(id)).await?))
}
