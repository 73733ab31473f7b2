//! The JSON HTTP API under `/api/v1`. Every route identifies the caller (session cookie or
//! `Authorization: Bearer` token) and checks access through `auth::access`; errors are
//! `{"error": {"code", "message", "field"}}`.

pub mod agents;
pub mod audit;
pub mod comments;
pub mod compare;
pub mod documents;
pub mod evidence;
pub mod extract;
pub mod openapi;
pub mod rounds;
pub mod sharing;
pub mod tokens;

use axum::Router;
use axum::routing::{delete, get, post, put};

use crate::state::AppState;

/// The `/api/v1` routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/check", post(documents::check))
        .route("/workspaces", get(workspaces_list))
        .route("/workspaces/{id}/documents", get(documents::portfolio).post(documents::create))
        .route("/documents/{id}", get(documents::document))
        .route("/documents/{id}/revisions", get(documents::revisions).post(documents::save))
        .route("/documents/{id}/revisions/{number}", get(documents::revision))
        .route("/documents/{id}/diff", get(documents::diff))
        .route("/documents/{id}/rounds", get(rounds::list).post(rounds::open))
        .route("/documents/{id}/comments", get(comments::of_document))
        .route("/documents/{id}/decisions", get(comments::decisions_of).post(comments::decide))
        .route("/workspaces/{id}/due", get(comments::due))
        .route("/rounds/{id}", get(rounds::show))
        .route("/rounds/{id}/reviewers", post(rounds::add_reviewer))
        .route("/rounds/{id}/reading", post(rounds::reading))
        .route("/rounds/{id}/submit", post(rounds::submit))
        .route("/rounds/{id}/meeting", post(rounds::meeting))
        .route("/rounds/{id}/close", post(rounds::close))
        .route("/rounds/{id}/log", get(rounds::log))
        .route("/rounds/{id}/comments", get(comments::of_round).post(comments::add))
        .route("/comments/{id}/resolution", post(comments::resolve))
        .route("/workspaces/{id}/invitations", post(sharing::invite_to_workspace))
        .route("/workspaces/{id}/members", get(sharing::members))
        .route("/workspaces/{id}/audit", get(audit::workspace))
        .route("/workspaces/{id}/compare", get(compare::compare))
        .route("/documents/{id}/invitations", post(sharing::invite_to_document))
        .route("/documents/{id}/people", get(sharing::people))
        .route("/documents/{id}/people/{user_id}", put(sharing::set_role))
        .route("/documents/{id}/audit", get(audit::document))
        .route("/workspaces/{id}/agent-settings", get(agents::settings).put(agents::set_settings))
        .route("/workspaces/{id}/drafts", post(agents::draft))
        .route("/rounds/{id}/ai-reviews", post(agents::ask_reviewers))
        .route("/documents/{id}/rewrites", post(agents::rewrite))
        .route("/agent-jobs/{id}", get(agents::job))
        .route("/workspaces/{id}/evidence", get(evidence::search).post(evidence::import))
        .route("/workspaces/{id}/evidence/themes", get(evidence::themes))
        .route("/workspaces/{id}/evidence/{item}", get(evidence::item))
        .route("/workspaces/{id}/observations", post(evidence::observe))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", delete(tokens::revoke))
        .fallback(documents::not_found)
}

use documents::workspaces as workspaces_list;
