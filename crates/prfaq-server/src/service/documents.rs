//! Documents and revisions: creating, importing and saving, shared by the pages and the API.

use prfaq_store::{Audit, CommentStatus, Document, NewRevision, Revision, StoreError, Timestamp, User, WorkspaceId};

use crate::auth::access::{document_access, workspace_access};
use crate::error::{AppError, AppResult};
use crate::service::analysis::change_class;
use crate::service::anchors::reanchor;
use crate::service::evidence;
use crate::state::AppState;

/// The largest document text accepted, in bytes.
pub const MAX_MARKDOWN_BYTES: usize = 1024 * 1024;

/// Refuses texts that are too large or hold NUL bytes (not a text document).
pub fn validate_markdown(markdown: &str) -> AppResult<()> {
    if markdown.len() > MAX_MARKDOWN_BYTES {
        return Err(AppError::field(
            "markdown",
            format!("the document is {} bytes; the limit is {MAX_MARKDOWN_BYTES}", markdown.len()),
        ));
    }
    if let Some(at) = markdown.find('\0') {
        return Err(AppError::field(
            "markdown",
            format!("the text holds a NUL byte at byte {at}; is it a binary file?"),
        ));
    }
    Ok(())
}

/// Today as the template's launch date.
fn today() -> String {
    Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date().strftime("%B %-d, %Y").to_string()
}

/// Creates a document in `workspace`: from `markdown` when given (an import), else from the
/// canonical template with `title` filled in.
pub async fn create(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    title: Option<&str>,
    markdown: Option<String>,
) -> AppResult<Document> {
    workspace_access(state, user, workspace).await?;
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    let markdown = match markdown {
        Some(text) => text,
        None => prfaq_doc::template::render(title, None, &user.email, &today()),
    };
    validate_markdown(&markdown)?;
    let analysis = evidence::analyse(state, workspace, &markdown).await?;
    let title = analysis.title(title.unwrap_or("Untitled PR/FAQ"));
    let first = NewRevision {
        base: 0,
        markdown,
        author_id: user.id,
        title: title.clone(),
        metrics: analysis.metrics(),
        change_class: None,
    };
    Ok(state.store().create_document(workspace, first, Audit::by(user.id, "document.created", title)).await?)
}

/// Saves `markdown` as the next revision after `base`. Refused with a conflict when `base` is
/// no longer the latest revision. Open comments are re-anchored to the new text (or marked
/// outdated when their passage is gone).
pub async fn save(
    state: &AppState,
    user: &User,
    id: prfaq_store::DocumentId,
    base: i64,
    markdown: String,
) -> AppResult<Revision> {
    let access = document_access(state, user, id).await?;
    access.require_edit()?;
    validate_markdown(&markdown)?;
    if base != access.document.head {
        return Err(AppError::Conflict { base, current: access.document.head });
    }
    let previous = state.store().revision(id, base).await?;
    let old = prfaq_doc::parse(&previous.markdown);
    let analysis = evidence::analyse(state, access.document.workspace_id, &markdown).await?;
    let class = change_class(state.engine(), &old, &analysis.doc);
    let title = analysis.title(&access.document.title);
    let revision = NewRevision {
        base,
        markdown,
        author_id: user.id,
        title,
        metrics: analysis.metrics(),
        change_class: Some(class.clone()),
    };
    let saved = match state
        .store()
        .save_revision(id, revision, Audit::by(user.id, "revision.saved", format!("revision {} ({class})", base + 1)))
        .await
    {
        Ok(saved) => saved,
        Err(StoreError::Conflict { base, current }) => return Err(AppError::Conflict { base, current }),
        Err(error) => return Err(error.into()),
    };
    for comment in state.store().comments(id).await? {
        if comment.outdated || comment.status != CommentStatus::Open {
            continue;
        }
        let anchor = reanchor(&comment.anchor, &analysis.doc);
        state.store().reanchor_comment(comment.id, saved.number, anchor).await?;
    }
    Ok(saved)
}
