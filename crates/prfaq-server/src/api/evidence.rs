//! `/api/v1` routes of a workspace's evidence: import a file, search, themes, one item, and
//! record an observation.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prfaq_evidence::themes::Themes;
use prfaq_store::{EvidenceItem, WorkspaceId};
use serde::Deserialize;

use crate::api::extract::{ApiJson, ApiPath, ApiQuery};
use crate::auth::identity::Identity;
use crate::error::AppResult;
use crate::service::evidence::{self, Observation, Results, SearchQuery, Upload};
use crate::state::AppState;

/// The body of `POST /api/v1/workspaces/{id}/evidence`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportBody {
    /// The file's name: `.csv`, `.jsonl`, `.ndjson`, `.json`, `.txt` or `.md`.
    pub file_name: String,
    /// The file's text.
    pub content: String,
    /// Which column (or JSON key) holds which field: `{"text": "Body", "date": "Created"}`.
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    /// The kind of items without a kind column (default `note`).
    pub kind: Option<String>,
    /// The source of items without a source column (default: the file's name).
    pub source: Option<String>,
    /// The segment of items without a segment column.
    pub segment: Option<String>,
    /// The customer of items without a customer column.
    pub customer: Option<String>,
}

/// `POST /api/v1/workspaces/{id}/evidence`: imports a file in one transaction; 201 with what it
/// added, updated and left unchanged. A file that cannot be read is a 400 naming the line, and
/// nothing is stored.
pub async fn import(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(workspace): ApiPath<i64>,
    ApiJson(body): ApiJson<ImportBody>,
) -> AppResult<Response> {
    let upload = Upload {
        file_name: body.file_name,
        content: body.content.into_bytes(),
        map: body.map.into_iter().map(|(field, column)| format!("{field}={column}")).collect(),
        kind: body.kind,
        source: body.source,
        segment: body.segment,
        customer: body.customer,
    };
    let imported = evidence::import(&state, &me.user, WorkspaceId(workspace), upload).await?;
    Ok((StatusCode::CREATED, Json(imported)).into_response())
}

/// `GET /api/v1/workspaces/{id}/evidence?q=&kind=&segment=&since=&limit=`: the items with every
/// word of `q` (or, when none has them all, with any), best first, with snippets; without `q`,
/// the newest items.
pub async fn search(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(workspace): ApiPath<i64>,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> AppResult<Json<Results>> {
    Ok(Json(evidence::search(&state, &me.user, WorkspaceId(workspace), &query).await?))
}

/// The query of `GET /api/v1/workspaces/{id}/evidence/themes`.
#[derive(Debug, Deserialize)]
pub struct ThemesQuery {
    /// How many themes to look for (1–50, default 12); a group holding two subjects is split,
    /// so up to twice as many may come back.
    pub max: Option<usize>,
    /// Quotes per theme (1–10, default 3).
    pub quotes: Option<usize>,
}

/// `GET /api/v1/workspaces/{id}/evidence/themes?max=&quotes=`: the workspace's evidence grouped
/// into themes, each with its label, size, segments, customers and representative quotes.
pub async fn themes(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(workspace): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ThemesQuery>,
) -> AppResult<Json<Themes>> {
    let max = query.max.unwrap_or(12);
    let quotes = query.quotes.unwrap_or(3);
    Ok(Json(evidence::themes(&state, &me.user, WorkspaceId(workspace), max, quotes).await?))
}

/// `GET /api/v1/workspaces/{id}/evidence/{item}`: one item; 404 for an item of another
/// workspace.
pub async fn item(
    State(state): State<AppState>,
    me: Identity,
    ApiPath((workspace, item)): ApiPath<(i64, i64)>,
) -> AppResult<Json<EvidenceItem>> {
    Ok(Json(evidence::item(&state, &me.user, WorkspaceId(workspace), item).await?))
}

/// The body of `POST /api/v1/workspaces/{id}/observations`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationBody {
    /// What was seen or said.
    pub text: String,
    /// The prototype session (default `prototype`).
    pub source: Option<String>,
    /// Who was watched.
    pub customer: Option<String>,
    /// Their segment.
    pub segment: Option<String>,
    /// When, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// `POST /api/v1/workspaces/{id}/observations`: records an observation; 201 with the item.
pub async fn observe(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(workspace): ApiPath<i64>,
    ApiJson(body): ApiJson<ObservationBody>,
) -> AppResult<Response> {
    let observation = Observation {
        text: body.text,
        source: body.source,
        customer: body.customer,
        segment: body.segment,
        date: body.date,
    };
    let item = evidence::observe(&state, &me.user, WorkspaceId(workspace), observation).await?;
    Ok((StatusCode::CREATED, Json(item)).into_response())
}
