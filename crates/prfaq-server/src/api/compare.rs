//! `GET /api/v1/workspaces/{id}/compare?d=1&d=2…`: documents side by side.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use prfaq_store::WorkspaceId;

use crate::api::extract::ApiPath;
use crate::auth::identity::Identity;
use crate::error::AppResult;
use crate::service::compare::{compare as compare_documents, parse_ids};
use crate::state::AppState;

/// The `prfaq compare --format json` document for 2–8 documents of the workspace, with a
/// `documents` array of the web app's figures. Any member of the workspace; every id is
/// checked (a document of another workspace is not found).
pub async fn compare(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(workspace): ApiPath<i64>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let ids = parse_ids(query.as_deref())?;
    let comparison = compare_documents(&state, &me.user, WorkspaceId(workspace), &ids).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], comparison.json()?).into_response())
}
