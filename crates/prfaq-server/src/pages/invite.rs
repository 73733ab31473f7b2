//! Opening an invitation link (`/invite/{token}`): a signed-in person accepts with one click;
//! a new person creates an account, which signs them in. A wrong link is not found; an expired
//! or used one is gone (410).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use prfaq_store::{StoreError, User};
use serde::Deserialize;
use tower_sessions::Session;

use super::{PageResult, PageUser, render};
use crate::auth::identity::{csrf_token, session_user, sign_in};
use crate::auth::password::MIN_PASSWORD_LEN;
use crate::error::AppError;
use crate::service::sharing::{self, InvitationState, InvitationView, NewAccount, role_label, when};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    token: &'a str,
    inviter: &'a str,
    workspace: &'a str,
    document: Option<(i64, String)>,
    role: &'static str,
    expires: String,
    error: Option<&'a str>,
    name: &'a str,
    email: &'a str,
    min_password: usize,
}

/// What the join form had, to show it again with the problem.
struct Retry<'a> {
    error: &'a str,
    name: &'a str,
    email: &'a str,
}

async fn invite_page(
    session: &Session,
    me: Option<&User>,
    token: &str,
    view: &InvitationView,
    retry: Option<Retry<'_>>,
) -> PageResult {
    let page = InvitePage {
        csrf: &csrf_token(session).await?,
        signed_in: me.map(|u| u.name.as_str()),
        token,
        inviter: &view.inviter,
        workspace: &view.workspace.name,
        document: view.document.as_ref().map(|d| (d.id.0, d.title.clone())),
        role: view.invitation.document_role.map_or("member", role_label),
        expires: when(view.invitation.expires_at),
        error: retry.as_ref().map(|r| r.error),
        name: retry.as_ref().map_or("", |r| r.name),
        email: retry.as_ref().map_or("", |r| r.email),
        min_password: MIN_PASSWORD_LEN,
    };
    Ok(render(&page))
}

/// The signed-in user of a session, if any (a page anyone may open).
async fn current_user(state: &AppState, session: &Session) -> PageResult<Option<User>> {
    let Some(id) = session_user(session).await? else { return Ok(None) };
    match state.store().user(id).await {
        Ok(user) => Ok(Some(user)),
        Err(StoreError::NotFound(_)) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// `GET /invite/{token}`: who invites to what; the accept button, or the new-account form.
pub(crate) async fn show(State(state): State<AppState>, session: Session, Path(token): Path<String>) -> PageResult {
    let me = current_user(&state, &session).await?;
    let view = sharing::invitation(&state, &token).await?;
    if view.state == InvitationState::Used
        && let Some(user) = &me
        && view.invitation.accepted_by == Some(user.id)
    {
        // Opened again by whoever accepted it: take them where it leads.
        return Ok(Redirect::to(&view.destination()).into_response());
    }
    view.require_open()?;
    invite_page(&session, me.as_ref(), &token, &view, None).await
}

/// `POST /invite/{token}/accept`: the signed-in person accepts.
pub(crate) async fn accept(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(token): Path<String>,
) -> PageResult {
    let view = sharing::accept(&state, &me.user, &token).await?;
    Ok(Redirect::to(&view.destination()).into_response())
}

/// The new-account form.
#[derive(Debug, Deserialize)]
pub(crate) struct JoinForm {
    name: String,
    email: String,
    password: String,
}

/// `POST /invite/{token}/join`: creates the account, accepts, and signs in with a new session.
pub(crate) async fn join(
    State(state): State<AppState>,
    session: Session,
    Path(token): Path<String>,
    Form(form): Form<JoinForm>,
) -> PageResult {
    let account = NewAccount { name: form.name.clone(), email: form.email.clone(), password: form.password };
    match sharing::join(&state, &token, account).await {
        Ok((user, view)) => {
            sign_in(&session, user.id).await?;
            Ok(Redirect::to(&view.destination()).into_response())
        }
        Err(error @ AppError::BadRequest { .. }) => {
            let view = sharing::invitation(&state, &token).await?;
            let message = error.to_string();
            let retry = Retry { error: &message, name: &form.name, email: &form.email };
            let page = invite_page(&session, None, &token, &view, Some(retry)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(error) => Err(error.into()),
    }
}
