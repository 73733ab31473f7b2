//! `/api/v1/tokens`: API tokens for scripts. Created from a signed-in session (a token cannot
//! mint tokens); the secret is shown once and only its hash is kept.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prfaq_store::{ApiToken, TokenId};
use serde::{Deserialize, Serialize};

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::identity::{Identity, Via};
use crate::auth::secrets::{hash_secret, new_secret};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The body of `POST /api/v1/tokens`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateToken {
    /// What the token is for.
    pub name: String,
}

/// A new token: the secret appears here and nowhere else.
#[derive(Debug, Serialize)]
pub struct CreatedToken {
    /// The stored token.
    #[serde(flatten)]
    pub token: ApiToken,
    /// The secret to send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

/// `POST /api/v1/tokens`.
pub async fn create(
    State(state): State<AppState>,
    me: Identity,
    ApiJson(body): ApiJson<CreateToken>,
) -> AppResult<Response> {
    if me.via == Via::Token {
        return Err(AppError::Forbidden("create tokens from a signed-in browser session".into()));
    }
    let name = body.name.trim();
    if name.is_empty() || name.len() > 100 {
        return Err(AppError::field("name", "give the token a name of 1 to 100 characters"));
    }
    let secret = new_secret()?;
    let token = state.store().create_api_token(me.user.id, name, &hash_secret(&secret)).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, secret })).into_response())
}

/// `GET /api/v1/tokens`: the caller's live tokens (no secrets).
pub async fn list(State(state): State<AppState>, me: Identity) -> AppResult<Json<Vec<ApiToken>>> {
    Ok(Json(state.store().api_tokens(me.user.id).await?))
}

/// `DELETE /api/v1/tokens/{id}`: revokes one of the caller's tokens.
pub async fn revoke(State(state): State<AppState>, me: Identity, ApiPath(id): ApiPath<i64>) -> AppResult<StatusCode> {
    state.store().revoke_api_token(me.user.id, TokenId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
