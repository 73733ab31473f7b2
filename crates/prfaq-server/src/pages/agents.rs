//! The AI agents' pages: a workspace's endpoint settings, the drafting page, "ask the AI
//! reviewers" on a round, "suggest a rewrite" on a finding, and the page of a job that shows
//! how it went (polled while it runs) and offers its result.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use prfaq_store::{AgentJob, AgentJobId, AgentJobKind, AgentJobStatus, DocumentId, RoundId, Timestamp, WorkspaceId};
use serde::Deserialize;
use serde_json::Value;
use tower_sessions::Session;

use super::{PageResult, PageUser, render};
use crate::auth::identity::csrf_token;
use crate::service::agents::{self, RewriteRequest, SettingsRequest, SettingsView};
use crate::state::AppState;

/// The ways of asking for structured output, as `[agent] structured_output` names them.
const MODES: &[&str] = &["auto", "json_schema", "json_object", "prompt"];

#[derive(Template)]
#[template(path = "agents_settings.html")]
struct SettingsPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    workspace: i64,
    admin: bool,
    settings: SettingsView,
    modes: &'static [&'static str],
}

/// `GET /w/{id}/agents`: the workspace's AI endpoint (admins change it).
pub(crate) async fn settings(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let settings = agents::settings(&state, &me.user, WorkspaceId(id)).await?;
    let admin = crate::auth::access::workspace_access(&state, &me.user, WorkspaceId(id)).await?
        == prfaq_store::WorkspaceRole::Admin;
    let csrf = csrf_token(&session).await?;
    let page =
        SettingsPage { csrf: &csrf, signed_in: Some(&me.user.name), workspace: id, admin, settings, modes: MODES };
    Ok(render(&page))
}

/// The settings form.
#[derive(Debug, Deserialize)]
pub(crate) struct SettingsForm {
    #[serde(default)]
    base_url: String,
    #[serde(default)]
    model: String,
    #[serde(default)]
    api_key: String,
    #[serde(default)]
    clear_api_key: Option<String>,
    #[serde(default)]
    structured_output: String,
}

/// `POST /w/{id}/agents`: saves the endpoint.
pub(crate) async fn save_settings(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<SettingsForm>,
) -> PageResult {
    let structured_output = match form.structured_output.as_str() {
        "" => Default::default(),
        word => serde_json::from_value(Value::String(word.into()))
            .map_err(|_| crate::error::AppError::field("structured_output", format!("unknown mode `{word}`")))?,
    };
    let request = SettingsRequest {
        base_url: form.base_url,
        model: form.model,
        api_key: Some(form.api_key),
        clear_api_key: form.clear_api_key.is_some(),
        structured_output,
    };
    agents::set_settings(&state, &me.user, WorkspaceId(id), request).await?;
    Ok(Redirect::to(&format!("/w/{id}/agents")).into_response())
}

#[derive(Template)]
#[template(path = "draft_brief.html")]
struct BriefPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    workspace: i64,
    ready: bool,
}

/// `GET /w/{id}/draft`: the drafting page: a brief or an observation log in, a draft out.
pub(crate) async fn brief_form(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    crate::auth::access::workspace_access(&state, &me.user, WorkspaceId(id)).await?;
    let ready = agents::available(&state, WorkspaceId(id)).await?;
    let csrf = csrf_token(&session).await?;
    Ok(render(&BriefPage { csrf: &csrf, signed_in: Some(&me.user.name), workspace: id, ready }))
}

/// The brief form.
#[derive(Debug, Deserialize)]
pub(crate) struct BriefForm {
    #[serde(default)]
    brief: String,
}

/// `POST /w/{id}/draft`: starts drafting; shows the job.
pub(crate) async fn draft(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<BriefForm>,
) -> PageResult {
    let job = agents::draft(&state, &me.user, WorkspaceId(id), &form.brief.replace("\r\n", "\n")).await?;
    Ok(Redirect::to(&format!("/jobs/{}", job.id)).into_response())
}

/// `POST /r/{id}/ai-reviews`: asks the AI reviewers checked on the round page (`persona_ID`).
pub(crate) async fn ask_reviewers(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult {
    let mut ids: Vec<String> = form.keys().filter_map(|k| k.strip_prefix("persona_")).map(str::to_owned).collect();
    ids.sort();
    if ids.is_empty() {
        return Err(crate::error::AppError::field("personas", "choose at least one AI reviewer").into());
    }
    agents::ask_reviewers(&state, &me.user, RoundId(id), &ids).await?;
    Ok(Redirect::to(&format!("/r/{id}#ai-reviewers")).into_response())
}

/// The "suggest a rewrite" form (the API's request, with the form's CSRF field beside it).
#[derive(Debug, Deserialize)]
pub(crate) struct RewriteForm {
    revision: i64,
    rule: String,
    start: usize,
}

/// `POST /d/{id}/rewrites`: "suggest a rewrite" on a finding; shows the job.
pub(crate) async fn rewrite(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<RewriteForm>,
) -> PageResult {
    let request = RewriteRequest { revision: form.revision, rule: form.rule, start: form.start };
    let job = agents::rewrite(&state, &me.user, DocumentId(id), request).await?;
    Ok(Redirect::to(&format!("/jobs/{}", job.id)).into_response())
}

/// A job as its page shows it.
pub(crate) struct JobRow {
    /// The job.
    pub job: AgentJob,
    /// Running, done, failed, or cut off (its server stopped).
    pub state: &'static str,
    /// A line saying what it produced.
    pub summary: String,
    /// Its result as JSON, once done.
    pub output: Option<Value>,
}

impl JobRow {
    /// The row of `job` now.
    pub(crate) fn of(job: AgentJob) -> Self {
        let state = match job.status {
            _ if agents::is_stale(&job, Timestamp::now()) => "cut off",
            AgentJobStatus::Running => "running",
            AgentJobStatus::Done => "done",
            AgentJobStatus::Failed => "failed",
        };
        let output = agents::output(&job);
        let summary = match (&job.status, job.kind, &output) {
            (AgentJobStatus::Failed, _, _) => job.error.clone().unwrap_or_default(),
            (AgentJobStatus::Done, AgentJobKind::Review, Some(out)) => out["reviews"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| match r["error"].as_str() {
                    Some(e) => format!("{}: failed ({e})", r["name"].as_str().unwrap_or("")),
                    None => format!(
                        "{}: {} comment(s), {} dropped (quote not in the document)",
                        r["name"].as_str().unwrap_or(""),
                        r["stored"],
                        r["unanchored"]
                    ),
                })
                .collect::<Vec<_>>()
                .join("; "),
            (AgentJobStatus::Done, AgentJobKind::Draft, Some(out)) => format!(
                "draft scored {}, {} structural finding(s) left after {} fix round(s)",
                out["score"],
                out["structural"].as_array().map_or(0, Vec::len),
                out["fix_rounds"]
            ),
            (AgentJobStatus::Done, AgentJobKind::Rewrite, Some(out)) => format!(
                "score {} → {}{}",
                out["score_before"],
                out["score_after"],
                match out["resolved"].as_bool() {
                    Some(true) => "; the finding is gone",
                    Some(false) => "; the finding is still there",
                    None => "",
                }
            ),
            _ => String::new(),
        };
        JobRow { job, state, summary, output }
    }
}

#[derive(Template)]
#[template(path = "job.html")]
struct JobPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    row: JobRow,
    draft_markdown: Option<String>,
    rewrite: Option<Rewrite>,
}

/// A proposed rewrite, as the job page shows it.
struct Rewrite {
    document: i64,
    base: i64,
    markdown: String,
    original: String,
    proposed: String,
    diff: String,
}

/// `GET /jobs/{id}`: how a job went; a draft can be created as a document, a rewrite saved as
/// a new revision (the usual save: refused if the document moved on meanwhile).
pub(crate) async fn job(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let row = JobRow::of(agents::job(&state, &me.user, AgentJobId(id)).await?);
    let (job, output) = (&row.job, &row.output);
    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_string();
    let draft_markdown = match (job.kind, output) {
        (AgentJobKind::Draft, Some(out)) => Some(text(out, "markdown")),
        _ => None,
    };
    let rewrite = match (job.kind, output, job.document_id) {
        (AgentJobKind::Rewrite, Some(out), Some(document)) => Some(Rewrite {
            document: document.0,
            base: out["base"].as_i64().unwrap_or_default(),
            markdown: text(out, "markdown"),
            original: text(out, "original"),
            proposed: text(out, "rewrite"),
            diff: text(out, "diff"),
        }),
        _ => None,
    };
    let csrf = csrf_token(&session).await?;
    let page = JobPage { csrf: &csrf, signed_in: Some(&me.user.name), row, draft_markdown, rewrite };
    Ok(render(&page))
}
