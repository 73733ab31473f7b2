//! CSRF protection for every state-changing request made with a session cookie.
//!
//! The session holds a random token; a `POST`, `PUT`, `PATCH` or `DELETE` must carry it in the
//! `X-CSRF-Token` header (htmx and the API client send it), or as the `csrf` field of a
//! URL-encoded form (plain HTML forms), or as the `csrf` query parameter (file uploads).
//! Requests authenticated by an API token carry no ambient credential and are exempt.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header::CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use crate::auth::identity::{SESSION_CSRF, SESSION_USER};
use crate::error::AppError;
use crate::state::AppState;

/// The header carrying the token.
pub const CSRF_HEADER: &str = "x-csrf-token";

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn field<'a>(pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>) -> Option<String> {
    pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.into_owned())
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Whether the session belongs to a signed-in user.
async fn signed_in(session: Option<&Session>) -> Result<bool, AppError> {
    let Some(session) = session else { return Ok(false) };
    let user = session.get::<i64>(SESSION_USER).await.map_err(|e| AppError::Internal(Box::new(e)))?;
    Ok(user.is_some())
}

/// The middleware.
pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match check(&state, request).await {
        Ok(request) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

async fn check(state: &AppState, request: Request) -> Result<Request, AppError> {
    if is_safe(request.method()) || request.headers().contains_key(axum::http::header::AUTHORIZATION) {
        return Ok(request);
    }
    let session = request.extensions().get::<Session>().cloned();
    let expected = match &session {
        Some(session) => session.get::<String>(SESSION_CSRF).await.map_err(|e| AppError::Internal(Box::new(e)))?,
        None => None,
    };
    let Some(expected) = expected else {
        // An API call with neither a token nor a signed-in session acts as nobody: let it
        // reach the handler, which answers 401 like for any other unauthenticated call.
        if request.uri().path().starts_with("/api/") && !signed_in(session.as_ref()).await? {
            return Ok(request);
        }
        return Err(AppError::Forbidden("missing CSRF token: reload the page and try again".into()));
    };
    let from_header = request.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let from_query = request.uri().query().and_then(|q| field(form_urlencoded::parse(q.as_bytes())));
    let (provided, request) = match (from_header.or(from_query), is_form(request.headers())) {
        (Some(token), _) => (Some(token), request),
        (None, true) => {
            let (parts, body) = request.into_parts();
            let bytes = to_bytes(body, state.options().max_body_bytes)
                .await
                .map_err(|_| AppError::bad_request("the request body is too large or unreadable"))?;
            let token = field(form_urlencoded::parse(&bytes));
            (token, Request::from_parts(parts, Body::from(bytes)))
        }
        (None, false) => (None, request),
    };
    if provided.as_deref() != Some(expected.as_str()) {
        return Err(AppError::Forbidden("invalid CSRF token: reload the page and try again".into()));
    }
    Ok(request)
}
