//! `/api/v1` routes for the audit log: who did what, when. A document's log is open to anyone
//! who may read the document; the whole workspace's log to its admins only.

use axum::Json;
use axum::extract::State;
use prfaq_store::{DocumentId, WorkspaceId};
use serde::Deserialize;

use crate::api::extract::{ApiPath, ApiQuery};
use crate::auth::identity::Identity;
use crate::error::AppResult;
use crate::service::audit::{self, AuditEntry};
use crate::state::AppState;

/// The query of the audit routes.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// How many entries, newest first (1–1000, default 200).
    pub limit: Option<i64>,
}

/// `GET /api/v1/workspaces/{id}/audit`: the workspace's log, newest first. Workspace admins
/// only.
pub async fn workspace(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    Ok(Json(audit::workspace_log(&state, &me.user, WorkspaceId(id), query.limit).await?))
}

/// `GET /api/v1/documents/{id}/audit`: the document's log, newest first. Anyone who may read
/// the document.
pub async fn document(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    Ok(Json(audit::document_log(&state, &me.user, DocumentId(id), query.limit).await?.1))
}
