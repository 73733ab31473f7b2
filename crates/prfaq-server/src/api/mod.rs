//! The JSON HTTP API under `/api/v1`. Every route identifies the caller (session cookie or
//! `Authorization: Bearer` token) and checks access through `auth::access`; errors are
//! `{"error": {"code", "message", "field"}}`.

pub mod audit;
pub mod compare;
pub mod documents;
pub mod extract;
pub mod sharing;
pub mod tokens;

use axum::Router;
use axum::routing::{delete, get, post, put};

use crate::state::AppState;

/// The `/api/v1` routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/check", post(documents::check))
        .route("/workspaces", get(workspaces_list))
        .route("/workspaces/{id}/documents", get(documents::portfolio).post(documents::create))
        .route("/documents/{id}", get(documents::document))
        .route("/documents/{id}/revisions", get(documents::revisions).post(documents::save))
        .route("/documents/{id}/revisions/{number}", get(documents::revision))
        .route("/documents/{id}/diff", get(documents::diff))
        .route("/workspaces/{id}/invitations", post(sharing::invite_to_workspace))
        .route("/workspaces/{id}/members", get(sharing::members))
        .route("/workspaces/{id}/audit", get(audit::workspace))
        .route("/workspaces/{id}/compare", get(compare::compare))
        .route("/documents/{id}/invitations", post(sharing::invite_to_document))
        .route("/documents/{id}/people", get(sharing::people))
        .route("/documents/{id}/people/{user_id}", put(sharing::set_role))
        .route("/documents/{id}/audit", get(audit::document))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", delete(tokens::revoke))
        .fallback(documents::not_found)
}

use documents::workspaces as workspaces_list;
