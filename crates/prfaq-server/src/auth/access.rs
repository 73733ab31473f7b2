//! Authorization: what the caller may do with a workspace or a document. Every route goes
//! through these; a document in a workspace the caller is not a member of is reported as not
//! found, so ids reveal nothing.

use prfaq_store::{Document, DocumentId, DocumentRole, User, WorkspaceId, WorkspaceRole};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A document and the caller's effective role on it.
#[derive(Debug, Clone)]
pub struct DocAccess {
    /// The document.
    pub document: Document,
    /// The effective role: the role given on the document; a workspace admin acts as owner;
    /// any other member of the workspace may read.
    pub role: DocumentRole,
}

impl DocAccess {
    /// Refuses unless the role may edit.
    pub fn require_edit(&self) -> AppResult<()> {
        require(self.role.can_edit(), "an owner or author")
    }

    /// Refuses unless the role may decide.
    pub fn require_decide(&self) -> AppResult<()> {
        require(self.role.can_decide(), "an owner or decision-maker")
    }

    /// Refuses unless the role may share.
    pub fn require_share(&self) -> AppResult<()> {
        require(self.role.can_share(), "the owner")
    }
}

fn require(allowed: bool, who: &str) -> AppResult<()> {
    if allowed { Ok(()) } else { Err(AppError::Forbidden(format!("only {who} of this document may do that"))) }
}

/// The caller's role in a workspace; not found unless a member.
pub async fn workspace_access(state: &AppState, user: &User, workspace: WorkspaceId) -> AppResult<WorkspaceRole> {
    state.store().workspace_role(workspace, user.id).await?.ok_or(AppError::NotFound("workspace"))
}

/// The caller's access to a document; not found unless a member of its workspace.
pub async fn document_access(state: &AppState, user: &User, id: DocumentId) -> AppResult<DocAccess> {
    let document = state.store().document(id).await?;
    let workspace_role =
        state.store().workspace_role(document.workspace_id, user.id).await?.ok_or(AppError::NotFound("document"))?;
    let given = state.store().document_role(id, user.id).await?;
    let role = match (workspace_role, given) {
        (WorkspaceRole::Admin, _) => DocumentRole::Owner,
        (_, Some(role)) => role,
        (_, None) => DocumentRole::Viewer,
    };
    Ok(DocAccess { document, role })
}
