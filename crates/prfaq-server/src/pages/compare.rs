//! `GET /w/{id}/compare?d=1&d=2…`: the documents picked on the portfolio, side by side.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use prfaq_store::{Workspace, WorkspaceId};
use tower_sessions::Session;

use super::{PageResult, PageUser, render};
use crate::auth::identity::csrf_token;
use crate::service::compare::{compare as compare_documents, parse_ids};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    workspace: Workspace,
    documents: Vec<(i64, String)>,
    rows: Vec<(String, Vec<String>)>,
    query: String,
}

/// The comparison table: the web app's figures (status, open critical comments, decision),
/// then those of `prfaq compare`. Any member of the workspace; every id is checked.
pub(crate) async fn compare(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> PageResult {
    let ids = parse_ids(query.as_deref())?;
    let comparison = compare_documents(&state, &me.user, WorkspaceId(id), &ids).await?;
    let page = ComparePage {
        csrf: &csrf_token(&session).await?,
        signed_in: Some(&me.user.name),
        workspace: state.store().workspace(WorkspaceId(id)).await?,
        documents: comparison.documents.iter().map(|d| (d.document.id.0, d.document.title.clone())).collect(),
        rows: comparison.rows(),
        query: ids.iter().map(|d| format!("d={d}")).collect::<Vec<_>>().join("&"),
    };
    Ok(render(&page))
}
