//! `/api/v1` routes for the AI agents: a workspace's endpoint settings, and jobs (AI reviewers
//! on a round, a draft from a brief, a rewrite of a flagged passage) that run in the background
//! and are polled at `GET /api/v1/agent-jobs/{id}`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prfaq_store::{AgentJob, AgentJobId, DocumentId, RoundId, Timestamp, WorkspaceId};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::identity::Identity;
use crate::error::AppResult;
use crate::service::agents::{self, RewriteRequest, SettingsRequest, SettingsView};
use crate::state::AppState;

/// `GET /api/v1/workspaces/{id}/agent-settings`: the endpoint in force (never the key).
pub async fn settings(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<SettingsView>> {
    Ok(Json(agents::settings(&state, &me.user, WorkspaceId(id)).await?))
}

/// `PUT /api/v1/workspaces/{id}/agent-settings`: sets the workspace's endpoint (admins).
pub async fn set_settings(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SettingsRequest>,
) -> AppResult<Json<SettingsView>> {
    Ok(Json(agents::set_settings(&state, &me.user, WorkspaceId(id), body).await?))
}

/// The body of `POST /api/v1/rounds/{id}/ai-reviews`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskReviewers {
    /// Persona ids; empty or absent for all of them.
    #[serde(default)]
    pub personas: Vec<String>,
}

/// A job as the API shows it: its result parsed.
#[derive(Debug, Serialize)]
pub struct JobView {
    /// The job.
    #[serde(flatten)]
    pub job: AgentJob,
    /// True when it shows as running but its server stopped before it ended.
    pub stale: bool,
    /// The result as JSON (`result` is its text).
    pub output: Option<Value>,
}

impl From<AgentJob> for JobView {
    fn from(job: AgentJob) -> Self {
        let output = agents::output(&job);
        JobView { stale: agents::is_stale(&job, Timestamp::now()), output, job }
    }
}

fn accepted(job: AgentJob) -> Response {
    (StatusCode::ACCEPTED, Json(JobView::from(job))).into_response()
}

/// `POST /api/v1/rounds/{id}/ai-reviews`: asks the AI reviewers (owners and authors).
pub async fn ask_reviewers(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AskReviewers>,
) -> AppResult<Response> {
    Ok(accepted(agents::ask_reviewers(&state, &me.user, RoundId(id), &body.personas).await?))
}

/// The body of `POST /api/v1/workspaces/{id}/drafts`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftRequest {
    /// The brief, Markdown.
    pub brief: String,
}

/// `POST /api/v1/workspaces/{id}/drafts`: drafts a PR/FAQ from a brief (members).
pub async fn draft(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DraftRequest>,
) -> AppResult<Response> {
    Ok(accepted(agents::draft(&state, &me.user, WorkspaceId(id), &body.brief).await?))
}

/// `POST /api/v1/documents/{id}/rewrites`: proposes a rewrite for a finding (owners, authors).
pub async fn rewrite(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RewriteRequest>,
) -> AppResult<Response> {
    Ok(accepted(agents::rewrite(&state, &me.user, DocumentId(id), body).await?))
}

/// `GET /api/v1/agent-jobs/{id}`: a job and, once done, its result.
pub async fn job(State(state): State<AppState>, me: Identity, ApiPath(id): ApiPath<i64>) -> AppResult<Json<JobView>> {
    Ok(Json(agents::job(&state, &me.user, AgentJobId(id)).await?.into()))
}
