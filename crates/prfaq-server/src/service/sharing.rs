//! Sharing: invitation links to a workspace or to one document with a role, accepting them,
//! and who holds which role on a document. Shared by the pages and the API.
//!
//! Who may do what: a workspace admin invites people to the workspace and lists its members;
//! a document's owner (or a workspace admin, who acts as owner) invites people to the document
//! and changes their roles; anyone who may read a document sees who has a role on it.

use jiff::SignedDuration;
use prfaq_store::{
    Audit, Document, DocumentId, DocumentRole, Invitation, Member, NewInvitation, NewUser, StoreError, Timestamp, User,
    UserId, Workspace, WorkspaceId, WorkspaceRole,
};
use serde::Serialize;

use crate::auth::access::{DocAccess, document_access, workspace_access};
use crate::auth::password::{hash_password, validate_new_password};
use crate::auth::secrets::{hash_secret, new_secret};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// How long a new invitation link works unless the inviter says otherwise, in days.
pub const DEFAULT_INVITATION_DAYS: i64 = 7;
/// The longest an invitation link may work, in days.
pub const MAX_INVITATION_DAYS: i64 = 30;

/// The path of an invitation link.
pub fn invitation_path(secret: &str) -> String {
    format!("/invite/{secret}")
}

/// A new invitation with the secret of its link. The secret is shown once; only its hash is
/// stored.
#[derive(Debug, Clone)]
pub struct CreatedInvitation {
    /// The stored invitation.
    pub invitation: Invitation,
    /// The secret in the link.
    pub secret: String,
}

impl CreatedInvitation {
    /// The link's path, `/invite/<secret>`.
    pub fn path(&self) -> String {
        invitation_path(&self.secret)
    }

    /// The link to send: absolute when the request named its host (`https` when the server
    /// marks cookies secure), else the path alone.
    pub fn link(&self, headers: &axum::http::HeaderMap, secure: bool) -> String {
        let host = headers
            .get(axum::http::header::HOST)
            .and_then(|v| v.to_str().ok())
            .filter(|host| !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)));
        match host {
            Some(host) => format!("{}://{host}{}", if secure { "https" } else { "http" }, self.path()),
            None => self.path(),
        }
    }
}

/// The word people read for a role: `decision-maker` rather than `decision_maker`.
pub fn role_label(role: DocumentRole) -> &'static str {
    match role {
        DocumentRole::DecisionMaker => "decision-maker",
        other => other.as_str(),
    }
}

/// Reads a role from a request field; accepts the stored word or the label.
pub fn parse_role(text: &str) -> AppResult<DocumentRole> {
    let text = text.trim();
    DocumentRole::ALL.iter().copied().find(|r| r.as_str() == text || role_label(*r) == text).ok_or_else(|| {
        let expected: Vec<&str> = DocumentRole::ALL.iter().map(|r| r.as_str()).collect();
        AppError::field("role", format!("unknown role `{text}`; use one of: {}", expected.join(", ")))
    })
}

/// The moment an invitation made now for `days` stops working.
fn expiry(days: Option<i64>) -> AppResult<Timestamp> {
    let days = days.unwrap_or(DEFAULT_INVITATION_DAYS);
    if !(1..=MAX_INVITATION_DAYS).contains(&days) {
        return Err(AppError::field("days", format!("an invitation works for 1 to {MAX_INVITATION_DAYS} days")));
    }
    Timestamp::now()
        .checked_add(SignedDuration::from_hours(days * 24))
        .map_err(|e| AppError::Internal(format!("invitation expiry: {e}").into()))
}

/// A date for people, e.g. `2025-03-14 09:30 UTC`.
pub fn when(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// Refuses unless `user` administers `workspace` (not found unless a member).
pub async fn require_workspace_admin(state: &AppState, user: &User, workspace: WorkspaceId) -> AppResult<()> {
    match workspace_access(state, user, workspace).await? {
        WorkspaceRole::Admin => Ok(()),
        WorkspaceRole::Member => Err(AppError::Forbidden("only an admin of this workspace may do that".into())),
    }
}

/// The members of a workspace, for its admins.
pub async fn members(state: &AppState, user: &User, workspace: WorkspaceId) -> AppResult<Vec<Member>> {
    require_workspace_admin(state, user, workspace).await?;
    Ok(state.store().members(workspace).await?)
}

async fn store_invitation(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    document: Option<(DocumentId, DocumentRole)>,
    days: Option<i64>,
) -> AppResult<CreatedInvitation> {
    let expires_at = expiry(days)?;
    let secret = new_secret()?;
    let detail = match document {
        Some((_, role)) => format!("link to join as {}, works until {}", role_label(role), when(expires_at)),
        None => format!("link to join the workspace, works until {}", when(expires_at)),
    };
    let invitation = NewInvitation {
        token_hash: hash_secret(&secret),
        workspace_id: workspace,
        document,
        created_by: user.id,
        expires_at,
    };
    let invitation =
        state.store().create_invitation(invitation, Audit::by(user.id, "invitation.created", detail)).await?;
    Ok(CreatedInvitation { invitation, secret })
}

/// A link that makes whoever opens it a member of `workspace`. Workspace admins only.
pub async fn invite_to_workspace(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    days: Option<i64>,
) -> AppResult<CreatedInvitation> {
    require_workspace_admin(state, user, workspace).await?;
    store_invitation(state, user, workspace, None, days).await
}

/// A link that gives whoever opens it `role` on a document (and membership of its
/// workspace). The document's owner only.
pub async fn invite_to_document(
    state: &AppState,
    user: &User,
    id: DocumentId,
    role: DocumentRole,
    days: Option<i64>,
) -> AppResult<CreatedInvitation> {
    let access = document_access(state, user, id).await?;
    access.require_share()?;
    store_invitation(state, user, access.document.workspace_id, Some((id, role)), days).await
}

/// Someone with a role on a document.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// The account.
    pub user_id: UserId,
    /// Display name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// The role given on the document.
    pub role: DocumentRole,
}

/// Everyone given a role on a document, for anyone who may read it. (Other members of the
/// workspace read it as viewers; its admins act as owners.)
pub async fn people(state: &AppState, user: &User, id: DocumentId) -> AppResult<(DocAccess, Vec<Person>)> {
    let access = document_access(state, user, id).await?;
    let people = state
        .store()
        .document_people(id)
        .await?
        .into_iter()
        .map(|(u, role)| Person { user_id: u.id, name: u.name, email: u.email, role })
        .collect();
    Ok((access, people))
}

/// Gives `target` (a member of the document's workspace) `role` on a document. The owner only;
/// the last owner cannot give up ownership. No change, no audit entry.
pub async fn set_role(
    state: &AppState,
    user: &User,
    id: DocumentId,
    target: UserId,
    role: DocumentRole,
) -> AppResult<()> {
    let access = document_access(state, user, id).await?;
    access.require_share()?;
    if state.store().workspace_role(access.document.workspace_id, target).await?.is_none() {
        return Err(AppError::NotFound("member of this workspace"));
    }
    let current = state.store().document_role(id, target).await?;
    if current == Some(role) {
        return Ok(());
    }
    if current == Some(DocumentRole::Owner) {
        let owners = state.store().document_people(id).await?.iter().filter(|(_, r)| *r == DocumentRole::Owner).count();
        if owners <= 1 {
            return Err(AppError::Unprocessable(
                "a document keeps at least one owner: make someone else owner first".into(),
            ));
        }
    }
    let name = state.store().user(target).await?.name;
    let from = current.map_or("no role", role_label);
    let detail = format!("{name}: {from} → {}", role_label(role));
    state.store().set_document_role(id, target, role, Audit::by(user.id, "document.role_changed", detail)).await?;
    Ok(())
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    /// It can be accepted.
    Open,
    /// Its time ran out.
    Expired,
    /// Someone accepted it already.
    Used,
}

/// An invitation as the person who opened its link sees it.
#[derive(Debug, Clone)]
pub struct InvitationView {
    /// The invitation.
    pub invitation: Invitation,
    /// The workspace it joins.
    pub workspace: Workspace,
    /// The document it shares, if any.
    pub document: Option<Document>,
    /// Who sent it.
    pub inviter: String,
    /// Whether it can still be accepted.
    pub state: InvitationState,
}

impl InvitationView {
    /// Refuses with 410 Gone unless the invitation can still be accepted.
    pub fn require_open(&self) -> AppResult<()> {
        let ask = format!("ask {} for a new link", self.inviter);
        match self.state {
            InvitationState::Open => Ok(()),
            InvitationState::Expired => Err(gone(format!("This invitation link has expired: {ask}."))),
            InvitationState::Used => Err(gone(format!("This invitation link was used already: {ask}."))),
        }
    }

    /// Where to go once accepted: the document, or the workspace.
    pub fn destination(&self) -> String {
        match self.invitation.document_id {
            Some(id) => format!("/d/{id}"),
            None => format!("/w/{}", self.invitation.workspace_id),
        }
    }
}

fn gone(message: String) -> AppError {
    AppError::Gone(message)
}

/// The invitation whose link holds `secret`; not found for a wrong or malformed secret.
pub async fn invitation(state: &AppState, secret: &str) -> AppResult<InvitationView> {
    if secret.is_empty() || secret.len() > 128 {
        return Err(AppError::NotFound("invitation"));
    }
    let invitation =
        state.store().invitation_by_token(&hash_secret(secret)).await?.ok_or(AppError::NotFound("invitation"))?;
    let workspace = state.store().workspace(invitation.workspace_id).await?;
    let document = match invitation.document_id {
        Some(id) => Some(state.store().document(id).await?),
        None => None,
    };
    let inviter = match state.store().user(invitation.created_by).await {
        Ok(user) => user.name,
        Err(StoreError::NotFound(_)) => "the person who invited you".to_owned(),
        Err(error) => return Err(error.into()),
    };
    let state = if invitation.accepted_by.is_some() {
        InvitationState::Used
    } else if invitation.expires_at <= Timestamp::now() {
        InvitationState::Expired
    } else {
        InvitationState::Open
    };
    Ok(InvitationView { invitation, workspace, document, inviter, state })
}

/// Accepts the invitation behind `secret` for `user`: joins the workspace and takes the
/// document role it carries. 410 when expired or used; an owner keeps ownership rather than
/// taking a lesser role from a link.
pub async fn accept(state: &AppState, user: &User, secret: &str) -> AppResult<InvitationView> {
    let view = invitation(state, secret).await?;
    view.require_open()?;
    let detail = match (view.invitation.document_id, view.invitation.document_role) {
        (Some(id), Some(role)) => {
            if role != DocumentRole::Owner
                && state.store().document_role(id, user.id).await? == Some(DocumentRole::Owner)
            {
                return Err(AppError::Unprocessable(
                    "you own this document already; an invitation would take that away".into(),
                ));
            }
            format!("{} joined as {}", user.name, role_label(role))
        }
        _ => format!("{} joined the workspace", user.name),
    };
    let audit = Audit::by(user.id, "invitation.accepted", detail);
    match state.store().accept_invitation(view.invitation.id, user.id, Timestamp::now(), audit).await {
        Ok(_) => Ok(view),
        // Someone else accepted it, or it expired, between the check and the update.
        Err(StoreError::Invalid(_)) => Err(gone("This invitation link was used already or has expired.".into())),
        Err(error) => Err(error.into()),
    }
}

/// What a new person gives to create an account from an invitation.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Display name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Password (checked for strength, stored as an argon2id hash).
    pub password: String,
}

/// Creates an account for a new person from the invitation behind `secret` and accepts it.
/// The caller signs the new account in.
pub async fn join(state: &AppState, secret: &str, account: NewAccount) -> AppResult<(User, InvitationView)> {
    let view = invitation(state, secret).await?;
    view.require_open()?;
    let name = account.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::field("name", "enter your name (up to 100 characters)"));
    }
    let email = account.email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 || email.chars().any(char::is_whitespace) {
        return Err(AppError::field("email", "enter a valid e-mail address"));
    }
    validate_new_password(&account.password)?;
    if state.store().user_by_email(&email).await?.is_some() {
        return Err(AppError::field("email", "an account with this e-mail exists: sign in, then open the link again"));
    }
    let password_hash = hash_password(account.password).await?;
    let user =
        match state.store().create_user(NewUser { email, name: name.to_owned(), password_hash, is_admin: false }).await
        {
            Ok(user) => user,
            Err(StoreError::Duplicate(_)) => {
                return Err(AppError::field(
                    "email",
                    "an account with this e-mail exists: sign in, then open the link again",
                ));
            }
            Err(error) => return Err(error.into()),
        };
    let view = accept(state, &user, secret).await?;
    Ok((user, view))
}
