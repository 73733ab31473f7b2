//! `/api/v1` routes for sharing: invitation links to a workspace or a document, workspace
//! members, and the people with a role on a document.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use prfaq_store::{DocumentId, Invitation, Member, UserId, WorkspaceId};
use serde::{Deserialize, Serialize};

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::identity::Identity;
use crate::error::AppResult;
use crate::service::sharing::{self, CreatedInvitation, Person, parse_role};
use crate::state::AppState;

/// A new invitation: the link appears here and nowhere else.
#[derive(Debug, Serialize)]
pub struct InvitationLink {
    /// The stored invitation.
    #[serde(flatten)]
    pub invitation: Invitation,
    /// The one-time link to send (`…/invite/<secret>`).
    pub link: String,
}

fn created(state: &AppState, headers: &HeaderMap, created: &CreatedInvitation) -> Response {
    let link = created.link(headers, state.options().secure_cookies);
    (StatusCode::CREATED, Json(InvitationLink { invitation: created.invitation.clone(), link })).into_response()
}

/// The body of `POST /api/v1/workspaces/{id}/invitations`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateWorkspaceInvitation {
    /// Days the link works (1–30, default 7).
    pub days: Option<i64>,
}

/// `POST /api/v1/workspaces/{id}/invitations`: a one-time link to join the workspace.
/// Workspace admins only.
pub async fn invite_to_workspace(
    State(state): State<AppState>,
    me: Identity,
    headers: HeaderMap,
    ApiPath(workspace): ApiPath<i64>,
    ApiJson(body): ApiJson<CreateWorkspaceInvitation>,
) -> AppResult<Response> {
    let invitation = sharing::invite_to_workspace(&state, &me.user, WorkspaceId(workspace), body.days).await?;
    Ok(created(&state, &headers, &invitation))
}

/// `GET /api/v1/workspaces/{id}/members`: the workspace's members and their roles. Workspace
/// admins only.
pub async fn members(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(workspace): ApiPath<i64>,
) -> AppResult<Json<Vec<Member>>> {
    Ok(Json(sharing::members(&state, &me.user, WorkspaceId(workspace)).await?))
}

/// The body of `POST /api/v1/documents/{id}/invitations`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateDocumentInvitation {
    /// The role the link gives: owner, author, reviewer, decision_maker or viewer.
    pub role: String,
    /// Days the link works (1–30, default 7).
    pub days: Option<i64>,
}

/// `POST /api/v1/documents/{id}/invitations`: a one-time link giving a role on the document
/// (and membership of its workspace). The document's owner only.
pub async fn invite_to_document(
    State(state): State<AppState>,
    me: Identity,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CreateDocumentInvitation>,
) -> AppResult<Response> {
    let role = parse_role(&body.role)?;
    let invitation = sharing::invite_to_document(&state, &me.user, DocumentId(id), role, body.days).await?;
    Ok(created(&state, &headers, &invitation))
}

/// `GET /api/v1/documents/{id}/people`: everyone with a role on the document. Anyone who may
/// read it.
pub async fn people(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<Person>>> {
    Ok(Json(sharing::people(&state, &me.user, DocumentId(id)).await?.1))
}

/// The body of `PUT /api/v1/documents/{id}/people/{user_id}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetRole {
    /// The new role: owner, author, reviewer, decision_maker or viewer.
    pub role: String,
}

/// `PUT /api/v1/documents/{id}/people/{user_id}`: gives a workspace member a role on the
/// document. The document's owner only; answers with the people after the change.
pub async fn set_role(
    State(state): State<AppState>,
    me: Identity,
    ApiPath((id, user)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<SetRole>,
) -> AppResult<Json<Vec<Person>>> {
    let role = parse_role(&body.role)?;
    sharing::set_role(&state, &me.user, DocumentId(id), UserId(user), role).await?;
    Ok(Json(sharing::people(&state, &me.user, DocumentId(id)).await?.1))
}
