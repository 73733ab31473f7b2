//! The server-rendered pages. Plain HTML forms work without JavaScript; htmx (vendored) adds
//! the live findings and partial updates. Every page goes through the same access checks as
//! the API (`service` and `auth::access`).

pub(crate) mod account;
mod agents;
mod audit;
mod citations;
mod compare;
mod documents;
mod evidence;
mod invite;
mod review;
mod sharing;
mod views;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::error::AppError;
use crate::state::AppState;

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(account::home))
        .route("/setup", get(account::setup_form).post(account::setup))
        .route("/login", get(account::login_form).post(account::login))
        .route("/logout", post(account::logout))
        .route("/w/{id}", get(documents::portfolio))
        .route("/w/{id}/documents", post(documents::create))
        .route("/d/{id}", get(documents::view))
        .route("/d/{id}/edit", get(documents::edit_form).post(documents::save))
        .route("/d/{id}/check", post(documents::check))
        .route("/d/{id}/diff", get(documents::diff))
        .route("/d/{id}/download.{format}", get(documents::download))
        .route("/d/{id}/rounds", post(review::open))
        .route("/d/{id}/decisions", post(review::decide))
        .route("/r/{id}", get(review::view))
        .route("/r/{id}/panel", get(review::panel))
        .route("/r/{id}/reading", post(review::reading))
        .route("/r/{id}/comments", post(review::comment))
        .route("/r/{id}/submit", post(review::submit))
        .route("/r/{id}/meeting", post(review::meeting))
        .route("/r/{id}/close", post(review::close))
        .route("/r/{id}/reviewers", post(review::add_reviewer))
        .route("/c/{id}/resolve", post(review::resolve))
        .route("/w/{id}/members", get(sharing::members))
        .route("/w/{id}/invitations", post(sharing::invite_to_workspace))
        .route("/w/{id}/audit", get(audit::workspace))
        .route("/w/{id}/compare", get(compare::compare))
        .route("/d/{id}/people", get(sharing::people).post(sharing::set_role))
        .route("/d/{id}/invitations", post(sharing::invite_to_document))
        .route("/d/{id}/audit", get(audit::document))
        .route("/w/{id}/agents", get(agents::settings).post(agents::save_settings))
        .route("/w/{id}/draft", get(agents::brief_form).post(agents::draft))
        .route("/r/{id}/ai-reviews", post(agents::ask_reviewers))
        .route("/d/{id}/rewrites", post(agents::rewrite))
        .route("/jobs/{id}", get(agents::job))
        .route("/w/{id}/evidence", get(evidence::page))
        .route("/w/{id}/evidence/import", post(evidence::import))
        .route("/w/{id}/evidence/{item}", get(evidence::item))
        .route("/w/{id}/observations", post(evidence::observe))
        .route("/d/{id}/quotes", post(evidence::pick_quote))
        .route("/invite/{token}", get(invite::show))
        .route("/invite/{token}/accept", post(invite::accept))
        .route("/invite/{token}/join", post(invite::join))
}

/// A page failed: people get an HTML page (or the sign-in page), not JSON.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(error: AppError) -> Self {
        PageError(error)
    }
}

impl From<prfaq_store::StoreError> for PageError {
    fn from(error: prfaq_store::StoreError) -> Self {
        PageError(error.into())
    }
}

/// The message page.
#[derive(Template)]
#[template(path = "message.html")]
struct Message<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    heading: &'a str,
    message: &'a str,
    link: &'a str,
    link_text: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let error = self.0;
        if matches!(error, AppError::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        error.log();
        let status = error.status();
        let heading = status.canonical_reason().unwrap_or("Error");
        let message = error.to_string();
        let page = Message { csrf: "", signed_in: None, heading, message: &message, link: "/", link_text: "Home" };
        (status, render(&page)).into_response()
    }
}

/// A page result.
pub type PageResult<T = Response> = Result<T, PageError>;

/// Renders a template; a template error is a server fault.
fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// The signed-in person of a page; sends everyone else to the sign-in page.
#[derive(Debug, Clone)]
pub struct PageUser(pub crate::auth::identity::Identity);

impl axum::extract::FromRequestParts<AppState> for PageUser {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(PageUser(crate::auth::identity::identify(parts, state).await?))
    }
}

pub use account::SETUP_TOKEN_SETTING;
