//! Reading the audit log: who did what, when.
//!
//! Who may read it: a document's log (everything done to that document) is open to anyone who
//! may read the document; the workspace's whole log, which also holds membership changes and
//! invitations to every document, is for the workspace's admins only.

use std::collections::HashMap;

use prfaq_store::{AuditEvent, DocumentId, StoreError, User, UserId, WorkspaceId};
use serde::Serialize;

use crate::auth::access::{DocAccess, document_access};
use crate::error::{AppError, AppResult};
use crate::service::sharing::require_workspace_admin;
use crate::state::AppState;

/// Entries returned unless the caller asks for another number.
pub const DEFAULT_AUDIT_LIMIT: i64 = 200;
/// The most entries one request returns.
pub const MAX_AUDIT_LIMIT: i64 = 1000;

/// An audit event with the name of who did it.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    /// The event.
    #[serde(flatten)]
    pub event: AuditEvent,
    /// The actor's display name (none for the system or a deleted account).
    pub actor_name: Option<String>,
}

fn limit(requested: Option<i64>) -> AppResult<i64> {
    let limit = requested.unwrap_or(DEFAULT_AUDIT_LIMIT);
    if (1..=MAX_AUDIT_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(AppError::field("limit", format!("ask for 1 to {MAX_AUDIT_LIMIT} entries")))
    }
}

async fn named(state: &AppState, events: Vec<AuditEvent>) -> AppResult<Vec<AuditEntry>> {
    let mut names: HashMap<UserId, Option<String>> = HashMap::new();
    let mut entries = Vec::with_capacity(events.len());
    for event in events {
        let actor_name = match event.actor_id {
            Some(id) => {
                if let Some(name) = names.get(&id) {
                    name.clone()
                } else {
                    let name = match state.store().user(id).await {
                        Ok(User { name, .. }) => Some(name),
                        Err(StoreError::NotFound(_)) => None,
                        Err(error) => return Err(error.into()),
                    };
                    names.insert(id, name.clone());
                    name
                }
            }
            None => None,
        };
        entries.push(AuditEntry { event, actor_name });
    }
    Ok(entries)
}

/// The workspace's log, newest first. Workspace admins only.
pub async fn workspace_log(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    requested: Option<i64>,
) -> AppResult<Vec<AuditEntry>> {
    let limit = limit(requested)?;
    require_workspace_admin(state, user, workspace).await?;
    named(state, state.store().audit_log(workspace, None, limit).await?).await
}

/// A document's log, newest first. Anyone who may read the document.
pub async fn document_log(
    state: &AppState,
    user: &User,
    id: DocumentId,
    requested: Option<i64>,
) -> AppResult<(DocAccess, Vec<AuditEntry>)> {
    let limit = limit(requested)?;
    let access = document_access(state, user, id).await?;
    let events = state.store().audit_log(access.document.workspace_id, Some(id), limit).await?;
    Ok((access, named(state, events).await?))
}
