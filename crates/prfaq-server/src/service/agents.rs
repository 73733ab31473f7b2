//! The AI agents in the web app: a workspace's endpoint settings, and jobs — persona reviewers
//! on a round, a draft from a brief, a rewrite of a flagged passage — that run in the
//! background on the server that took the request and are recorded in the database, so any
//! server sharing it can show how one went.
//!
//! Nothing here is needed for the rest of the app: without settings, the agent actions say
//! that an admin has to set an endpoint first.

use std::sync::Arc;

use prfaq_agent::brief::Brief;
use prfaq_agent::config::{AgentConfig, ApiKey, StructuredOutput};
use prfaq_agent::fsm::draft::DraftMachine;
use prfaq_agent::fsm::review::{Review, ReviewError, ReviewMachine};
use prfaq_agent::fsm::revise::{ReviseMachine, Target, is_about_a_passage};
use prfaq_agent::personas::{self, Persona};
use prfaq_agent::provider::Provider;
use prfaq_store::{
    AgentJob, AgentJobId, AgentJobKind, Anchor, Audit, DocumentId, NewAgentJob, NewComment, RoundId, Timestamp, User,
    WorkspaceId, WorkspaceRole,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::auth::access::{document_access, workspace_access};
use crate::error::{AppError, AppResult};
use crate::service::rounds::round_access;
use crate::state::AppState;

/// The longest brief accepted, in bytes.
pub const MAX_BRIEF_BYTES: usize = 64 * 1024;

/// A job still "running" after this long was cut off (its server stopped); pages say so.
pub const STALE_AFTER_SECONDS: i64 = 30 * 60;

/// A workspace's endpoint, as stored (the key is never sent back out).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
struct Stored {
    base_url: String,
    model: String,
    #[serde(default)]
    api_key: Option<String>,
    #[serde(default)]
    structured_output: StructuredOutput,
}

/// A workspace's endpoint settings as shown: the key only as "set" or not.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SettingsView {
    /// Where the settings come from: `workspace`, `server` (prfaq.toml) or `none`.
    pub source: &'static str,
    /// The endpoint's base URL.
    pub base_url: String,
    /// The model.
    pub model: String,
    /// True when an API key is stored (it is never shown).
    pub api_key_set: bool,
    /// How structured output is asked for.
    pub structured_output: StructuredOutput,
}

/// New endpoint settings for a workspace.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsRequest {
    /// The endpoint's base URL, up to `/v1`; empty to remove the workspace's settings.
    pub base_url: String,
    /// The model.
    #[serde(default)]
    pub model: String,
    /// A new API key; absent or empty keeps the stored one.
    #[serde(default)]
    pub api_key: Option<String>,
    /// True to remove the stored key.
    #[serde(default)]
    pub clear_api_key: bool,
    /// How structured output is asked for.
    #[serde(default)]
    pub structured_output: StructuredOutput,
}

fn settings_key(workspace: WorkspaceId) -> String {
    format!("agent:{}", workspace.0)
}

async fn stored(state: &AppState, workspace: WorkspaceId) -> AppResult<Option<Stored>> {
    match state.store().setting(&settings_key(workspace)).await? {
        Some(text) => serde_json::from_str::<Option<Stored>>(&text).map_err(|e| AppError::Internal(Box::new(e))),
        None => Ok(None),
    }
}

/// The endpoint settings in force for a workspace (any member may see them; the key never).
pub async fn settings(state: &AppState, user: &User, workspace: WorkspaceId) -> AppResult<SettingsView> {
    workspace_access(state, user, workspace).await?;
    Ok(match (stored(state, workspace).await?, &state.options().agent) {
        (Some(s), _) => SettingsView {
            source: "workspace",
            base_url: s.base_url,
            model: s.model,
            api_key_set: s.api_key.is_some(),
            structured_output: s.structured_output,
        },
        (None, Some(server)) => SettingsView {
            source: "server",
            base_url: server.base_url.clone(),
            model: server.model.clone(),
            api_key_set: server.api_key().is_some(),
            structured_output: server.structured_output,
        },
        (None, None) => SettingsView {
            source: "none",
            base_url: String::new(),
            model: String::new(),
            api_key_set: false,
            structured_output: StructuredOutput::Auto,
        },
    })
}

/// True when a workspace can use the agents: it has an endpoint of its own or the server has
/// one. No access check: for pages that have already checked theirs.
pub async fn available(state: &AppState, workspace: WorkspaceId) -> AppResult<bool> {
    Ok(state.options().agent.is_some() || stored(state, workspace).await?.is_some())
}

/// Sets (or, with an empty base URL, removes) a workspace's endpoint. Admins only.
pub async fn set_settings(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    request: SettingsRequest,
) -> AppResult<SettingsView> {
    if workspace_access(state, user, workspace).await? != WorkspaceRole::Admin {
        return Err(AppError::Forbidden("only a workspace admin may set the AI endpoint".into()));
    }
    let key = settings_key(workspace);
    let base_url = request.base_url.trim().to_string();
    let detail;
    if base_url.is_empty() {
        state.store().set_setting(&key, "null").await?;
        detail = "AI endpoint removed".to_string();
    } else {
        let previous = stored(state, workspace).await?.unwrap_or_default();
        let api_key = match request.api_key.as_deref().map(str::trim) {
            _ if request.clear_api_key => None,
            Some(k) if !k.is_empty() => Some(k.to_string()),
            _ => previous.api_key,
        };
        let model =
            if request.model.trim().is_empty() { "default".to_string() } else { request.model.trim().to_string() };
        let candidate = AgentConfig { base_url: base_url.clone(), model: model.clone(), ..AgentConfig::default() };
        candidate.validated().map_err(|e| AppError::field("base_url", e.to_string()))?;
        let value = Stored { base_url, model, api_key, structured_output: request.structured_output };
        let text = serde_json::to_string(&value).map_err(|e| AppError::Internal(Box::new(e)))?;
        state.store().set_setting(&key, &text).await?;
        detail = format!("AI endpoint set to {} (model {})", value.base_url, value.model);
    }
    state.store().record_event(workspace, None, Audit::by(user.id, "agent.settings", detail)).await?;
    settings(state, user, workspace).await
}

/// The provider for a workspace, or a clear refusal when none is set up.
async fn provider(state: &AppState, workspace: WorkspaceId) -> AppResult<Provider> {
    let (config, key) = match (stored(state, workspace).await?, &state.options().agent) {
        (Some(s), server) => {
            let base = server.clone().unwrap_or_default();
            let config =
                AgentConfig { base_url: s.base_url, model: s.model, structured_output: s.structured_output, ..base };
            (config, s.api_key.map(ApiKey::new))
        }
        (None, Some(server)) => (server.clone(), server.api_key()),
        (None, None) => {
            return Err(AppError::Unprocessable(
                "AI agents are not set up: a workspace admin sets an endpoint under Settings → AI agents".into(),
            ));
        }
    };
    Provider::with_key(config, key).map_err(|e| AppError::Unprocessable(e.to_string()))
}

/// The personas a workspace can ask for.
pub fn available_personas(state: &AppState) -> Vec<Persona> {
    personas::all(state.options().agent.as_ref().map_or(&[][..], |a| &a.personas))
}

/// What a review job produced, per persona.
#[derive(Debug, Serialize)]
struct ReviewSummary {
    persona: String,
    name: String,
    stored: usize,
    unanchored: usize,
    invalid: usize,
    error: Option<String>,
}

/// Asks persona reviewers for comments on a round's revision. The document's owner or an
/// author asks; the comments are stored as the AI persona's, in the requester's name, and shown
/// marked AI (never as a human reviewer). Returns the running job.
pub async fn ask_reviewers(state: &AppState, user: &User, round: RoundId, ids: &[String]) -> AppResult<AgentJob> {
    let found = round_access(state, user, round).await?;
    found.access.require_edit()?;
    if found.round.closed_at.is_some() {
        return Err(AppError::Unprocessable("the round is closed".into()));
    }
    let chosen = personas::select(&available_personas(state), ids).map_err(|e| AppError::field("personas", e))?;
    let provider = provider(state, found.access.document.workspace_id).await?;
    let revision = state.store().revision(found.round.document_id, found.round.revision).await?;
    let ids: Vec<&str> = chosen.iter().map(|p| p.id.as_str()).collect();
    let job = state
        .store()
        .create_agent_job(
            NewAgentJob {
                workspace_id: found.access.document.workspace_id,
                document_id: Some(found.round.document_id),
                round_id: Some(round),
                kind: AgentJobKind::Review,
                requested_by: user.id,
                input: json!({ "personas": ids }).to_string(),
            },
            Audit::by(user.id, "agent.review", format!("AI reviewers asked: {}", ids.join(", "))),
        )
        .await?;
    let (state, requester, job_id) = (state.clone(), user.id, job.id);
    tokio::spawn(async move {
        let limits = prfaq_agent::fsm::review::Limits::of(provider.config());
        let machines: Vec<ReviewMachine> =
            chosen.into_iter().map(|p| ReviewMachine::new(p, &revision.markdown, limits)).collect();
        let outcomes = prfaq_agent::drive_all(machines, &provider, &CancellationToken::new(), &|_, _| {}).await;
        let mut summaries = Vec::new();
        for outcome in outcomes {
            summaries.push(store_review(&state, requester, round, outcome).await);
        }
        let all_failed = summaries.iter().all(|s| s.error.is_some());
        let result = if all_failed {
            Err(summaries.iter().filter_map(|s| s.error.clone()).collect::<Vec<_>>().join("; "))
        } else {
            Ok(json!({ "reviews": summaries }).to_string())
        };
        finish(&state, job_id, result).await;
    });
    Ok(job)
}

/// Stores one persona's comments; what could not be stored is counted as an error.
async fn store_review(
    state: &AppState,
    requester: prfaq_store::UserId,
    round: RoundId,
    outcome: Result<Review, ReviewError>,
) -> ReviewSummary {
    let review = match outcome {
        Ok(review) => review,
        Err(e) => {
            let persona = e.persona().to_string();
            return ReviewSummary {
                name: persona.clone(),
                persona,
                stored: 0,
                unanchored: 0,
                invalid: 0,
                error: Some(e.to_string()),
            };
        }
    };
    let mut summary = ReviewSummary {
        persona: review.persona.clone(),
        name: review.name.clone(),
        stored: 0,
        unanchored: review.unanchored,
        invalid: review.invalid,
        error: None,
    };
    for c in review.comments {
        let (Ok(kind), Ok(severity)) = (c.kind.as_str().parse(), c.severity.as_str().parse()) else {
            summary.invalid += 1;
            continue;
        };
        let comment = NewComment {
            round_id: round,
            author_id: requester,
            ai_persona: Some(review.name.clone()),
            anchor: Anchor {
                section: c.section,
                quote: c.quote,
                start: i64::try_from(c.start).unwrap_or(i64::MAX),
                end: i64::try_from(c.end).unwrap_or(i64::MAX),
            },
            kind,
            severity,
            body: c.text,
        };
        let detail = format!("AI {} comment by {}", c.severity.as_str(), review.name);
        match state.store().add_comment(comment, Audit::by(requester, "comment.added", detail)).await {
            Ok(_) => summary.stored += 1,
            Err(e) => {
                summary.error = Some(format!("comments not stored: {e}"));
                break;
            }
        }
    }
    summary
}

/// Ends a job; a failure to record the end is logged (the job then shows as cut off).
async fn finish(state: &AppState, job: AgentJobId, result: Result<String, String>) {
    if let Err(e) = state.store().finish_agent_job(job, result, Timestamp::now()).await {
        tracing::error!(job = job.0, error = %e, "cannot record the end of an agent job");
    }
}

/// Drafts a PR/FAQ from a brief in a workspace (any member). Returns the running job; its
/// result is the draft, which the person then creates as a document or not.
pub async fn draft(state: &AppState, user: &User, workspace: WorkspaceId, brief: &str) -> AppResult<AgentJob> {
    workspace_access(state, user, workspace).await?;
    if brief.len() > MAX_BRIEF_BYTES {
        return Err(AppError::field("brief", format!("the brief is over {} KiB", MAX_BRIEF_BYTES / 1024)));
    }
    let brief = Brief::parse(brief);
    if brief.is_empty() {
        return Err(AppError::field(
            "brief",
            "write the brief: the customer, their problem, the idea, or observations",
        ));
    }
    let provider = provider(state, workspace).await?;
    let job = state
        .store()
        .create_agent_job(
            NewAgentJob {
                workspace_id: workspace,
                document_id: None,
                round_id: None,
                kind: AgentJobKind::Draft,
                requested_by: user.id,
                input: json!({ "brief": brief.render() }).to_string(),
            },
            Audit::by(user.id, "agent.draft", "AI draft asked"),
        )
        .await?;
    let (state, job_id) = (state.clone(), job.id);
    let engine = Arc::new(state.engine().clone());
    tokio::spawn(async move {
        let machine = DraftMachine::new(brief, engine, prfaq_agent::fsm::draft::Limits::of(provider.config()));
        let outcome = prfaq_agent::drive(machine, &provider, &CancellationToken::new(), &mut |_| {}).await;
        let result = match outcome {
            Ok(draft) => serde_json::to_string(&draft).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        finish(&state, job_id, result).await;
    });
    Ok(job)
}

/// A rewrite asked for: the finding's rule and where it starts in a revision.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RewriteRequest {
    /// The revision the finding is in.
    pub revision: i64,
    /// The finding's rule id.
    pub rule: String,
    /// The byte offset where the finding starts.
    pub start: usize,
}

/// Proposes a rewrite of the passage a finding is about (owners and authors). The finding is
/// looked up again in the stored revision, so only real findings are rewritten. The result
/// carries the proposed document and its base revision; saving it goes through the usual save,
/// which refuses a stale base.
pub async fn rewrite(
    state: &AppState,
    user: &User,
    document: DocumentId,
    request: RewriteRequest,
) -> AppResult<AgentJob> {
    let access = document_access(state, user, document).await?;
    access.require_edit()?;
    let revision = state.store().revision(document, request.revision).await?;
    let doc = prfaq_doc::parse(&revision.markdown);
    // The findings the document page listed: with the workspace's evidence, when it has any.
    let facts = crate::service::evidence::facts(state, access.document.workspace_id, &doc).await?;
    let report = state.engine().check_with_evidence(&doc, facts.as_ref());
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule.eq_ignore_ascii_case(&request.rule) && f.span.start == request.start)
        .ok_or_else(|| AppError::field("rule", format!("revision {} has no such finding", revision.number)))?;
    if !is_about_a_passage(finding.name) {
        return Err(AppError::field(
            "rule",
            format!("{} is about something the document lacks, not a passage to rewrite", finding.name),
        ));
    }
    let target = Target::of_finding(finding);
    let provider = provider(state, access.document.workspace_id).await?;
    let job = state
        .store()
        .create_agent_job(
            NewAgentJob {
                workspace_id: access.document.workspace_id,
                document_id: Some(document),
                round_id: None,
                kind: AgentJobKind::Rewrite,
                requested_by: user.id,
                input: json!({ "revision": revision.number, "rule": finding.rule, "start": finding.span.start })
                    .to_string(),
            },
            Audit::by(user.id, "agent.rewrite", format!("AI rewrite asked for {}", finding.rule)),
        )
        .await?;
    let (state, job_id, base) = (state.clone(), job.id, revision.number);
    let engine = Arc::new(state.engine().clone());
    tokio::spawn(async move {
        let max_tokens = prfaq_agent::fsm::revise::max_tokens(provider.config());
        let machine = ReviseMachine::new(revision.markdown, target, engine, max_tokens);
        let outcome = prfaq_agent::drive(machine, &provider, &CancellationToken::new(), &mut |_| {}).await;
        let result = match outcome {
            Ok(proposal) => {
                let mut value = serde_json::to_value(&proposal).unwrap_or_default();
                value["base"] = json!(base);
                Ok(value.to_string())
            }
            Err(e) => Err(e.to_string()),
        };
        finish(&state, job_id, result).await;
    });
    Ok(job)
}

/// A job, to whoever may see its subject: the document's readers, or for a draft the one who
/// asked.
pub async fn job(state: &AppState, user: &User, id: AgentJobId) -> AppResult<AgentJob> {
    let job = state.store().agent_job(id).await.map_err(|_| AppError::NotFound("agent job"))?;
    match job.document_id {
        Some(document) => {
            document_access(state, user, document).await?;
        }
        None if job.requested_by == user.id => {
            workspace_access(state, user, job.workspace_id).await?;
        }
        None => return Err(AppError::NotFound("agent job")),
    }
    Ok(job)
}

/// A job's result as JSON (`None` while it runs, when it failed, or if the stored text is not
/// JSON).
pub fn output(job: &AgentJob) -> Option<serde_json::Value> {
    job.result.as_deref().and_then(|r| serde_json::from_str(r).ok())
}

/// True when a job shows as running but its server has been gone too long to finish it.
pub fn is_stale(job: &AgentJob, now: Timestamp) -> bool {
    job.status == prfaq_store::AgentJobStatus::Running
        && now.as_second() - job.created_at.as_second() > STALE_AFTER_SECONDS
}
