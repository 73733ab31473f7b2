//! The audit log pages: `/w/{id}/audit` (workspace admins) and `/d/{id}/audit` (anyone who may
//! read the document).

use askama::Template;
use axum::extract::{Path, State};
use prfaq_store::{DocumentId, WorkspaceId};
use tower_sessions::Session;

use super::{PageResult, PageUser, render};
use crate::auth::identity::csrf_token;
use crate::service::audit::{self, AuditEntry};
use crate::service::sharing::when;
use crate::state::AppState;

/// An entry as listed.
pub(crate) struct AuditRow {
    at: String,
    when: String,
    who: String,
    action: String,
    detail: String,
    document: Option<i64>,
}

fn rows(entries: Vec<AuditEntry>, link_documents: bool) -> Vec<AuditRow> {
    entries
        .into_iter()
        .map(|e| AuditRow {
            at: e.event.at.to_string(),
            when: when(e.event.at),
            who: e
                .actor_name
                .unwrap_or_else(|| if e.event.actor_id.is_some() { "a deleted account" } else { "prfaq" }.to_owned()),
            action: e.event.action,
            detail: e.event.detail,
            document: if link_documents { e.event.document_id.map(|d| d.0) } else { None },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    heading: String,
    scope: &'static str,
    back: String,
    back_text: String,
    entries: Vec<AuditRow>,
}

/// `GET /w/{id}/audit`: everything done in the workspace. Workspace admins only.
pub(crate) async fn workspace(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let entries = audit::workspace_log(&state, &me.user, WorkspaceId(id), None).await?;
    let workspace = state.store().workspace(WorkspaceId(id)).await?;
    let page = AuditPage {
        csrf: &csrf_token(&session).await?,
        signed_in: Some(&me.user.name),
        heading: format!("Audit log of {}", workspace.name),
        scope: "Everything done in this workspace: documents, revisions, reviews, decisions, members and invitations. Only its admins see this page.",
        back: format!("/w/{id}"),
        back_text: "Portfolio".to_owned(),
        entries: rows(entries, true),
    };
    Ok(render(&page))
}

/// `GET /d/{id}/audit`: everything done to one document.
pub(crate) async fn document(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let (access, entries) = audit::document_log(&state, &me.user, DocumentId(id), None).await?;
    let page = AuditPage {
        csrf: &csrf_token(&session).await?,
        signed_in: Some(&me.user.name),
        heading: format!("Activity on {}", access.document.title),
        scope: "Everything done to this PR/FAQ: revisions, reviews, decisions, roles and invitations.",
        back: format!("/d/{id}"),
        back_text: access.document.title,
        entries: rows(entries, false),
    };
    Ok(render(&page))
}
