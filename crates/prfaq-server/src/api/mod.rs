//! The JSON HTTP API under `/api/v1`. Every route identifies the caller (session cookie or
//! `Authorization: Bearer` token) and checks access through `auth::access`; errors are
//! `{"error": {"code", "message", "field"}}`.

pub mod documents;
pub mod extract;
pub mod tokens;

use axum::Router;
use axum::routing::{delete, get, post};

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
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", delete(tokens::revoke))
        .fallback(documents::not_found)
}

use documents::workspaces as workspaces_list;
