//! First-run setup, signing in and out, and the home page.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use prfaq_store::NewUser;
use serde::Deserialize;
use tower_sessions::Session;

use super::{PageResult, PageUser, render};
use crate::auth::identity::{csrf_token, session_user, sign_in, sign_out};
use crate::auth::limiter;
use crate::auth::password::{decoy_hash, hash_password, validate_new_password, verify_password};
use crate::auth::secrets::hash_secret;
use crate::error::AppError;
use crate::state::AppState;

/// The setting holding the hash of the one-time setup link's secret.
pub const SETUP_TOKEN_SETTING: &str = "setup_token_hash";

/// `/`: the first workspace's portfolio, or the sign-in page.
pub(crate) async fn home(State(state): State<AppState>, session: Session) -> PageResult {
    if session_user(&session).await?.is_none() {
        if state.store().user_count().await? == 0 {
            let page = super::Message {
                csrf: "",
                signed_in: None,
                heading: "Welcome to prfaq",
                message: "No account exists yet. Open the one-time setup link that `prfaq serve` printed when it started.",
                link: "/login",
                link_text: "Sign in",
            };
            return Ok(render(&page));
        }
        return Ok(Redirect::to("/login").into_response());
    }
    let Some(id) = session_user(&session).await? else { return Ok(Redirect::to("/login").into_response()) };
    let memberships = state.store().memberships(id).await?;
    match memberships.first() {
        Some(m) => Ok(Redirect::to(&format!("/w/{}", m.workspace.id)).into_response()),
        None => Err(AppError::NotFound("workspace (ask an admin for an invitation)").into()),
    }
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    token: &'a str,
    error: Option<&'a str>,
    name: &'a str,
    email: &'a str,
    workspace: &'a str,
}

/// The query of the setup link.
#[derive(Debug, Deserialize)]
pub(crate) struct SetupQuery {
    token: String,
}

/// `GET /setup?token=…`: the first-account form.
pub(crate) async fn setup_form(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<SetupQuery>,
) -> PageResult {
    if state.store().user_count().await? > 0 {
        return Ok(Redirect::to("/login").into_response());
    }
    let csrf = csrf_token(&session).await?;
    let page = SetupPage {
        csrf: &csrf,
        signed_in: None,
        token: &q.token,
        error: None,
        name: "",
        email: "",
        workspace: "Product",
    };
    Ok(render(&page))
}

/// The setup form.
#[derive(Debug, Deserialize)]
pub(crate) struct SetupForm {
    token: String,
    name: String,
    email: String,
    password: String,
    workspace: String,
}

/// `POST /setup`: creates the admin account and its workspace, and signs in.
pub(crate) async fn setup(State(state): State<AppState>, session: Session, Form(form): Form<SetupForm>) -> PageResult {
    let csrf = csrf_token(&session).await?;
    let problem = |error: &str| {
        let page = SetupPage {
            csrf: &csrf,
            signed_in: None,
            token: &form.token,
            error: Some(error),
            name: &form.name,
            email: &form.email,
            workspace: &form.workspace,
        };
        (axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
    };
    let token_hash = hash_secret(&form.token);
    if state.store().setting(SETUP_TOKEN_SETTING).await?.as_deref() != Some(token_hash.as_str()) {
        return Ok(problem("This setup link is not valid (it was used already, or the server printed a newer one)."));
    }
    let email = form.email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 {
        return Ok(problem("Enter a valid e-mail address."));
    }
    if form.name.trim().is_empty() || form.workspace.trim().is_empty() {
        return Ok(problem("Enter your name and a workspace name."));
    }
    if let Err(error) = validate_new_password(&form.password) {
        return Ok(problem(&format!("Password: {error}")));
    }
    let password_hash = hash_password(form.password.clone()).await?;
    if !state.store().take_setting(SETUP_TOKEN_SETTING, &token_hash).await? {
        return Ok(problem("This setup link was used already."));
    }
    let user = state
        .store()
        .create_user(NewUser { email, name: form.name.trim().to_owned(), password_hash, is_admin: true })
        .await?;
    state.store().create_workspace(form.workspace.trim(), user.id).await?;
    sign_in(&session, user.id).await?;
    Ok(Redirect::to("/").into_response())
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    error: Option<&'a str>,
    email: &'a str,
    next: &'a str,
}

/// The query of the sign-in page.
#[derive(Debug, Deserialize)]
pub(crate) struct LoginQuery {
    #[serde(default)]
    next: String,
}

/// `GET /login`.
pub(crate) async fn login_form(session: Session, Query(q): Query<LoginQuery>) -> PageResult {
    let csrf = csrf_token(&session).await?;
    Ok(render(&LoginPage { csrf: &csrf, signed_in: None, error: None, email: "", next: &q.next }))
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Only local paths are followed after sign-in (no open redirect).
fn local_path(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') { next } else { "/" }
}

/// `POST /login`: checks the password (rate-limited per account) and signs in with a new
/// session id.
pub(crate) async fn login(State(state): State<AppState>, session: Session, Form(form): Form<LoginForm>) -> PageResult {
    let email = form.email.trim().to_lowercase();
    let refuse = |status, error: &str, csrf: &str| {
        let page = LoginPage { csrf, signed_in: None, error: Some(error), email: &email, next: &form.next };
        (status, render(&page)).into_response()
    };
    let csrf = csrf_token(&session).await?;
    if !limiter::allowed(state.store(), &email).await? {
        let message = "Too many failed attempts for this account; wait a minute and try again.";
        return Ok(refuse(axum::http::StatusCode::TOO_MANY_REQUESTS, message, &csrf));
    }
    let user = state.store().user_by_email(&email).await?;
    let stored = user.as_ref().map_or_else(|| decoy_hash().to_owned(), |u| u.password_hash.clone());
    let matches = verify_password(form.password.clone(), stored).await?;
    match user {
        Some(user) if matches => {
            limiter::succeeded(state.store(), &email).await?;
            sign_in(&session, user.id).await?;
            Ok(Redirect::to(local_path(&form.next)).into_response())
        }
        _ => {
            limiter::failed(state.store(), &email).await?;
            Ok(refuse(axum::http::StatusCode::UNAUTHORIZED, "Wrong e-mail or password.", &csrf))
        }
    }
}

/// `POST /logout`.
pub(crate) async fn logout(_me: PageUser, session: Session) -> PageResult {
    sign_out(&session).await?;
    Ok(Redirect::to("/login").into_response())
}
