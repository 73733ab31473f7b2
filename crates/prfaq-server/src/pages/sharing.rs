//! Sharing pages: a workspace's members and invitation links (admins), and a document's people
//! with their roles and invitation links (owners change them; every reader sees them).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use prfaq_store::{Document, DocumentId, DocumentRole, UserId, Workspace, WorkspaceId};
use serde::Deserialize;
use tower_sessions::Session;

use super::{PageResult, PageUser, render};
use crate::auth::identity::csrf_token;
use crate::service::sharing::{
    self, CreatedInvitation, DEFAULT_INVITATION_DAYS, MAX_INVITATION_DAYS, parse_role, role_label, when,
};
use crate::state::AppState;

/// A link just created, shown once.
pub(crate) struct CreatedLink {
    link: String,
    expires: String,
    what: String,
}

impl CreatedLink {
    fn of(state: &AppState, headers: &HeaderMap, created: &CreatedInvitation) -> Self {
        let what = match created.invitation.document_role {
            Some(role) => format!("joins as {}", role_label(role)),
            None => "joins the workspace".to_owned(),
        };
        CreatedLink {
            link: created.link(headers, state.options().secure_cookies),
            expires: when(created.invitation.expires_at),
            what,
        }
    }
}

/// A member as listed.
pub(crate) struct MemberRow {
    name: String,
    email: String,
    role: &'static str,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    workspace: Workspace,
    members: Vec<MemberRow>,
    created: Option<CreatedLink>,
    default_days: i64,
    max_days: i64,
}

async fn members_page(
    state: &AppState,
    me: &PageUser,
    session: &Session,
    workspace: WorkspaceId,
    created: Option<CreatedLink>,
) -> PageResult {
    let members = sharing::members(state, &me.0.user, workspace)
        .await?
        .into_iter()
        .map(|m| MemberRow { name: m.user.name, email: m.user.email, role: m.role.as_str() })
        .collect();
    let page = MembersPage {
        csrf: &csrf_token(session).await?,
        signed_in: Some(&me.0.user.name),
        workspace: state.store().workspace(workspace).await?,
        members,
        created,
        default_days: DEFAULT_INVITATION_DAYS,
        max_days: MAX_INVITATION_DAYS,
    };
    Ok(render(&page))
}

/// `GET /w/{id}/members`: the members and the invitation form. Workspace admins only.
pub(crate) async fn members(
    State(state): State<AppState>,
    me: PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    members_page(&state, &me, &session, WorkspaceId(id), None).await
}

/// The invitation forms.
#[derive(Debug, Deserialize)]
pub(crate) struct InviteForm {
    #[serde(default)]
    role: String,
    days: Option<i64>,
}

/// `POST /w/{id}/invitations`: a new link to join the workspace, shown once on the members
/// page. Workspace admins only.
pub(crate) async fn invite_to_workspace(
    State(state): State<AppState>,
    me: PageUser,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<InviteForm>,
) -> PageResult {
    let created = sharing::invite_to_workspace(&state, &me.0.user, WorkspaceId(id), form.days).await?;
    let link = CreatedLink::of(&state, &headers, &created);
    members_page(&state, &me, &session, WorkspaceId(id), Some(link)).await
}

/// A role in a drop-down.
pub(crate) struct RoleOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

fn role_options(selected: DocumentRole) -> Vec<RoleOption> {
    DocumentRole::ALL
        .iter()
        .map(|&r| RoleOption { value: r.as_str(), label: role_label(r), selected: r == selected })
        .collect()
}

/// Someone with a role, as listed.
pub(crate) struct PersonRow {
    user_id: UserId,
    name: String,
    email: String,
    role: &'static str,
    options: Vec<RoleOption>,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    document: Document,
    role: &'static str,
    can_share: bool,
    people: Vec<PersonRow>,
    others: Vec<(UserId, String)>,
    roles: Vec<RoleOption>,
    created: Option<CreatedLink>,
    default_days: i64,
    max_days: i64,
}

async fn people_page(
    state: &AppState,
    me: &PageUser,
    session: &Session,
    id: DocumentId,
    created: Option<CreatedLink>,
) -> PageResult {
    let (access, people) = sharing::people(state, &me.0.user, id).await?;
    let can_share = access.role.can_share();
    // Members without a role, offered to the owner; only the owner sees the list.
    let others = if can_share {
        state
            .store()
            .members(access.document.workspace_id)
            .await?
            .into_iter()
            .filter(|m| !people.iter().any(|p| p.user_id == m.user.id))
            .map(|m| (m.user.id, format!("{} ({})", m.user.name, m.user.email)))
            .collect()
    } else {
        Vec::new()
    };
    let people = people
        .into_iter()
        .map(|p| PersonRow {
            user_id: p.user_id,
            role: role_label(p.role),
            options: role_options(p.role),
            name: p.name,
            email: p.email,
        })
        .collect();
    let page = PeoplePage {
        csrf: &csrf_token(session).await?,
        signed_in: Some(&me.0.user.name),
        role: role_label(access.role),
        document: access.document,
        can_share,
        people,
        others,
        roles: role_options(DocumentRole::Reviewer),
        created,
        default_days: DEFAULT_INVITATION_DAYS,
        max_days: MAX_INVITATION_DAYS,
    };
    Ok(render(&page))
}

/// `GET /d/{id}/people`: who has which role. Anyone who may read the document; the owner
/// also gets the forms.
pub(crate) async fn people(
    State(state): State<AppState>,
    me: PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    people_page(&state, &me, &session, DocumentId(id), None).await
}

/// The role form.
#[derive(Debug, Deserialize)]
pub(crate) struct RoleForm {
    user_id: i64,
    role: String,
}

/// `POST /d/{id}/people`: gives a workspace member a role. The document's owner only.
pub(crate) async fn set_role(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<RoleForm>,
) -> PageResult {
    let role = parse_role(&form.role)?;
    sharing::set_role(&state, &me.user, DocumentId(id), UserId(form.user_id), role).await?;
    Ok(Redirect::to(&format!("/d/{id}/people")).into_response())
}

/// `POST /d/{id}/invitations`: a new link giving a role on the document, shown once on the
/// people page. The document's owner only.
pub(crate) async fn invite_to_document(
    State(state): State<AppState>,
    me: PageUser,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<InviteForm>,
) -> PageResult {
    let role = parse_role(&form.role)?;
    let created = sharing::invite_to_document(&state, &me.0.user, DocumentId(id), role, form.days).await?;
    let link = CreatedLink::of(&state, &headers, &created);
    people_page(&state, &me, &session, DocumentId(id), Some(link)).await
}
