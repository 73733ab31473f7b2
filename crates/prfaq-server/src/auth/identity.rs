//! Who is asking: a signed-in browser session or an API token (`Authorization: Bearer …`).

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use prfaq_store::{Timestamp, User, UserId};
use tower_sessions::Session;

use crate::auth::secrets::{hash_secret, new_secret};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The session key holding the signed-in user's id.
pub const SESSION_USER: &str = "user_id";
/// The session key holding the CSRF token.
pub const SESSION_CSRF: &str = "csrf";

/// How the caller proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A browser session cookie.
    Session,
    /// An API token.
    Token,
}

/// The signed-in caller.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The account.
    pub user: User,
    /// How they signed in.
    pub via: Via,
}

/// The bearer token in `Authorization`, if the header is there. A malformed header is an error,
/// not an anonymous request.
pub fn bearer_token(parts: &Parts) -> AppResult<Option<&str>> {
    let Some(value) = parts.headers.get(AUTHORIZATION) else { return Ok(None) };
    let value = value.to_str().map_err(|_| AppError::Unauthenticated)?;
    match value.strip_prefix("Bearer ") {
        Some(token) if !token.trim().is_empty() => Ok(Some(token.trim())),
        _ => Err(AppError::Unauthenticated),
    }
}

/// The session of a request (present on every route; the session layer adds it).
pub fn session(parts: &Parts) -> AppResult<Session> {
    parts.extensions.get::<Session>().cloned().ok_or_else(|| AppError::Internal("session layer missing".into()))
}

fn session_error(error: tower_sessions::session::Error) -> AppError {
    AppError::Internal(Box::new(error))
}

/// The signed-in user id of a session, if any.
pub async fn session_user(session: &Session) -> AppResult<Option<UserId>> {
    Ok(session.get::<i64>(SESSION_USER).await.map_err(session_error)?.map(UserId))
}

/// Signs `user` in on `session`: a new session id (so a planted id is useless) and a new CSRF
/// token.
pub async fn sign_in(session: &Session, user: UserId) -> AppResult<()> {
    session.cycle_id().await.map_err(session_error)?;
    session.insert(SESSION_USER, user.0).await.map_err(session_error)?;
    session.insert(SESSION_CSRF, new_secret()?).await.map_err(session_error)?;
    Ok(())
}

/// Signs out: the session is deleted.
pub async fn sign_out(session: &Session) -> AppResult<()> {
    session.flush().await.map_err(session_error)
}

/// The session's CSRF token, created on first use.
pub async fn csrf_token(session: &Session) -> AppResult<String> {
    if let Some(token) = session.get::<String>(SESSION_CSRF).await.map_err(session_error)? {
        return Ok(token);
    }
    let token = new_secret()?;
    session.insert(SESSION_CSRF, token.clone()).await.map_err(session_error)?;
    Ok(token)
}

/// Resolves the caller of a request; `Unauthenticated` when there is none.
pub async fn identify(parts: &Parts, state: &AppState) -> AppResult<Identity> {
    if let Some(token) = bearer_token(parts)? {
        let user = state.store().user_by_api_token(&hash_secret(token), Timestamp::now()).await?;
        return user.map(|user| Identity { user, via: Via::Token }).ok_or(AppError::Unauthenticated);
    }
    let session = session(parts)?;
    let Some(id) = session_user(&session).await? else { return Err(AppError::Unauthenticated) };
    match state.store().user(id).await {
        Ok(user) => Ok(Identity { user, via: Via::Session }),
        Err(prfaq_store::StoreError::NotFound(_)) => Err(AppError::Unauthenticated),
        Err(error) => Err(error.into()),
    }
}

impl FromRequestParts<AppState> for Identity {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        identify(parts, state).await
    }
}
