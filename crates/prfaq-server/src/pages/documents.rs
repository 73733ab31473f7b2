//! The portfolio, a document's page, the editor with live findings, diffs and downloads.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use prfaq_store::{Document, DocumentId, DocumentRole, RevisionSummary, Timestamp, Workspace, WorkspaceId};
use serde::Deserialize;
use tower_sessions::Session;

use super::citations::cite_evidence;
use super::evidence::{QuotePicker, quote_picker};
use super::views::{RewriteTarget, convergence, diff_html, document_html, findings_html, score_chart};
use super::{PageResult, PageUser, render};
use crate::auth::access::{document_access, workspace_access};
use crate::auth::identity::csrf_token;
use crate::error::AppError;
use crate::service::{documents, evidence};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "portfolio.html")]
struct PortfolioPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    workspace: Workspace,
    is_admin: bool,
    documents: Vec<evidence::PortfolioRow>,
    due: Vec<Document>,
}

/// `GET /w/{id}`: every PR/FAQ of the workspace, and those due for revisit.
pub(crate) async fn portfolio(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let workspace = WorkspaceId(id);
    let role = workspace_access(&state, &me.user, workspace).await?;
    let page = PortfolioPage {
        csrf: &csrf_token(&session).await?,
        signed_in: Some(&me.user.name),
        workspace: state.store().workspace(workspace).await?,
        is_admin: role == prfaq_store::WorkspaceRole::Admin,
        documents: evidence::portfolio(&state, workspace).await?,
        due: state.store().due_for_revisit(workspace, Timestamp::now()).await?,
    };
    Ok(render(&page))
}

/// The new-document form.
#[derive(Debug, Deserialize)]
pub(crate) struct CreateForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    markdown: String,
}

/// `POST /w/{id}/documents`: a new PR/FAQ from the template, or an imported text.
pub(crate) async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<CreateForm>,
) -> PageResult {
    let markdown = (!form.markdown.trim().is_empty()).then_some(form.markdown);
    let document = documents::create(&state, &me.user, WorkspaceId(id), Some(&form.title), markdown).await?;
    Ok(Redirect::to(&format!("/d/{}", document.id)).into_response())
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    document: Document,
    role: DocumentRole,
    can_edit: bool,
    front: Vec<(String, String)>,
    rendered: String,
    findings: String,
    chart: String,
    revisions: Vec<RevisionSummary>,
    convergence: String,
    review: String,
}

/// `GET /d/{id}`: the document as rendered, its findings and its revisions.
pub(crate) async fn view(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let access = document_access(&state, &me.user, DocumentId(id)).await?;
    let head = state.store().revision(access.document.id, access.document.head).await?;
    let workspace = access.document.workspace_id;
    let analysis = evidence::analyse(&state, workspace, &head.markdown).await?;
    let cited = evidence::cited_items(&state, workspace, &analysis.doc).await?;
    let revisions = state.store().revisions(access.document.id).await?;
    let csrf = csrf_token(&session).await?;
    let review = super::review::document_sections(&state, &me.user, &access, &csrf, head.metrics.words).await?;
    let (front, rendered) = document_html(&analysis.doc);
    let rendered = cite_evidence(&rendered, workspace.0, &cited);
    let agents_ready = crate::service::agents::available(&state, access.document.workspace_id).await?;
    let page = DocumentPage {
        csrf: &csrf,
        review,
        signed_in: Some(&me.user.name),
        can_edit: access.role.can_edit(),
        role: access.role,
        front,
        rendered,
        findings: findings_html(
            &analysis,
            (access.role.can_edit() && agents_ready).then_some(RewriteTarget {
                document: access.document.id.0,
                revision: head.number,
                csrf: &csrf,
            }),
        ),
        chart: score_chart(&revisions),
        convergence: convergence(&revisions, state.engine().config().revise.converged_after),
        revisions,
        document: access.document,
    };
    Ok(render(&page))
}

/// A refused save, shown above the editor.
pub(crate) struct ConflictView {
    base: i64,
    current: i64,
    diff: String,
}

#[derive(Template)]
#[template(path = "edit.html")]
struct EditPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    document: Document,
    base: i64,
    markdown: String,
    findings: String,
    conflict: Option<ConflictView>,
    quotes: Option<QuotePicker>,
}

/// `GET /d/{id}/edit`: the editor on the latest revision.
pub(crate) async fn edit_form(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let access = document_access(&state, &me.user, DocumentId(id)).await?;
    access.require_edit()?;
    let head = state.store().revision(access.document.id, access.document.head).await?;
    let analysis = evidence::analyse(&state, access.document.workspace_id, &head.markdown).await?;
    let page = EditPage {
        csrf: &csrf_token(&session).await?,
        signed_in: Some(&me.user.name),
        base: head.number,
        findings: findings_html(&analysis, None),
        quotes: quote_picker(&state, access.document.workspace_id).await?,
        markdown: head.markdown,
        document: access.document,
        conflict: None,
    };
    Ok(render(&page))
}

/// The editor's form.
#[derive(Debug, Deserialize)]
pub(crate) struct SaveForm {
    base: i64,
    markdown: String,
}

/// `POST /d/{id}/edit`: saves a revision; on a conflict the editor comes back with the text
/// kept and what the other save changed.
pub(crate) async fn save(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<SaveForm>,
) -> PageResult {
    // Browsers send CRLF line ends from a textarea; the stored text keeps the author's LF.
    let markdown = form.markdown.replace("\r\n", "\n");
    match documents::save(&state, &me.user, DocumentId(id), form.base, markdown.clone()).await {
        Ok(_) => Ok(Redirect::to(&format!("/d/{id}")).into_response()),
        Err(AppError::Conflict { base, current }) => {
            let access = document_access(&state, &me.user, DocumentId(id)).await?;
            let latest = state.store().revision(DocumentId(id), current).await?;
            let mine = prfaq_doc::parse(&markdown);
            let diff = prfaq_revise::diff(&mine, &prfaq_doc::parse(&latest.markdown), &state.engine().config().revise);
            let analysis = evidence::analyse(&state, access.document.workspace_id, &markdown).await?;
            let page = EditPage {
                csrf: &csrf_token(&session).await?,
                signed_in: Some(&me.user.name),
                quotes: quote_picker(&state, access.document.workspace_id).await?,
                document: access.document,
                base: current,
                findings: findings_html(&analysis, None),
                markdown,
                conflict: Some(ConflictView { base, current, diff: diff_html(&diff) }),
            };
            Ok((StatusCode::CONFLICT, render(&page)).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// The live check's form (the editor's textarea).
#[derive(Debug, Deserialize)]
pub(crate) struct CheckForm {
    markdown: String,
}

/// `POST /d/{id}/check`: the findings panel for the text being typed.
pub(crate) async fn check(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<CheckForm>,
) -> PageResult {
    let access = document_access(&state, &me.user, DocumentId(id)).await?;
    documents::validate_markdown(&form.markdown)?;
    let analysis =
        evidence::analyse(&state, access.document.workspace_id, &form.markdown.replace("\r\n", "\n")).await?;
    Ok(axum::response::Html(findings_html(&analysis, None)).into_response())
}

#[derive(Template)]
#[template(path = "diff.html")]
struct DiffPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    document: Document,
    from: i64,
    to: i64,
    diff: String,
}

/// The revisions to compare.
#[derive(Debug, Deserialize)]
pub(crate) struct DiffQuery {
    from: i64,
    to: i64,
}

/// `GET /d/{id}/diff?from=A&to=B`: what changed, part by part, with the change class.
pub(crate) async fn diff(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
    Query(q): Query<DiffQuery>,
) -> PageResult {
    let access = document_access(&state, &me.user, DocumentId(id)).await?;
    let old = state.store().revision(DocumentId(id), q.from).await?;
    let new = state.store().revision(DocumentId(id), q.to).await?;
    let diff = prfaq_revise::diff(
        &prfaq_doc::parse(&old.markdown),
        &prfaq_doc::parse(&new.markdown),
        &state.engine().config().revise,
    );
    let page = DiffPage {
        csrf: &csrf_token(&session).await?,
        signed_in: Some(&me.user.name),
        document: access.document,
        from: q.from,
        to: q.to,
        diff: diff_html(&diff),
    };
    Ok(render(&page))
}

/// `GET /d/{id}/download.{md,html,pdf}`: the latest revision as a file.
pub(crate) async fn download(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path((id, format)): Path<(i64, String)>,
) -> PageResult {
    let access = document_access(&state, &me.user, DocumentId(id)).await?;
    let head = state.store().revision(access.document.id, access.document.head).await?;
    let doc = prfaq_doc::parse(&head.markdown);
    let name = slug(&access.document.title);
    let options = prfaq_export::ExportOptions { name: Some(&name), ..Default::default() };
    let (content_type, body): (&str, Vec<u8>) = match format.as_str() {
        "md" => ("text/markdown; charset=utf-8", head.markdown.into_bytes()),
        "html" => ("text/html; charset=utf-8", prfaq_export::render_html(&doc, &options).into_bytes()),
        "pdf" => {
            let pdf = tokio::task::spawn_blocking(move || {
                let options = prfaq_export::ExportOptions { name: None, ..Default::default() };
                prfaq_export::render_pdf(&doc, &options)
            })
            .await
            .map_err(|e| AppError::Internal(Box::new(e)))?
            .map_err(|e| AppError::Internal(Box::new(e)))?;
            ("application/pdf", pdf)
        }
        _ => return Err(AppError::NotFound("download format (use md, html or pdf)").into()),
    };
    let disposition = format!("attachment; filename=\"{name}.{format}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

/// A file name from a title: lowercase words joined by hyphens.
fn slug(title: &str) -> String {
    let words: Vec<String> =
        title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(8).map(str::to_lowercase).collect();
    if words.is_empty() { "prfaq".to_owned() } else { words.join("-") }
}
