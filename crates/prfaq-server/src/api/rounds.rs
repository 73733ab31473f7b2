//! `/api/v1` routes for review rounds: opening, reviewers, reading progress, the comment gate,
//! submitting a critique, meeting mode, closing, and the round's revision log.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use prfaq_store::{DocumentId, Reading, ReviewerFunction, Round, RoundId, RoundReviewer, Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::api::extract::{ApiJson, ApiPath};
use crate::auth::access::document_access;
use crate::auth::identity::Identity;
use crate::error::AppResult;
use crate::service::comments::{self, LogLine};
use crate::service::rounds::{self, Gate, round_access};
use crate::state::AppState;

/// A reviewer to invite into a round.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewerRequest {
    /// The reviewer (a member of the workspace).
    pub user_id: UserId,
    /// The function they review for.
    pub function: ReviewerFunction,
}

/// The body of `POST /api/v1/documents/{id}/rounds`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenRound {
    /// The reviewers.
    #[serde(default)]
    pub reviewers: Vec<ReviewerRequest>,
    /// Seconds a reviewer must spend before commenting; by default the document's words at
    /// the server's reading speed.
    #[serde(default)]
    pub min_read_seconds: Option<i64>,
}

/// `POST /api/v1/documents/{id}/rounds`: opens a round on the latest revision (owners and
/// authors).
pub async fn open(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<OpenRound>,
) -> AppResult<Response> {
    let reviewers: Vec<_> = body.reviewers.iter().map(|r| (r.user_id, r.function)).collect();
    let round = rounds::open(&state, &me.user, DocumentId(id), &reviewers, body.min_read_seconds).await?;
    Ok((StatusCode::CREATED, Json(round)).into_response())
}

/// `GET /api/v1/documents/{id}/rounds`: the document's rounds, oldest first.
pub async fn list(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<Round>>> {
    document_access(&state, &me.user, DocumentId(id)).await?;
    Ok(Json(state.store().rounds(DocumentId(id)).await?))
}

/// A round as its reader sees it.
#[derive(Debug, Serialize)]
pub struct RoundView {
    /// The round.
    pub round: Round,
    /// Its reviewers and their progress.
    pub reviewers: Vec<RoundReviewer>,
    /// Whether the caller may comment now, and if not why.
    pub gate: Gate,
    /// The same, as a sentence.
    pub gate_message: String,
}

/// `GET /api/v1/rounds/{id}`: the round, its reviewers and the caller's comment gate.
pub async fn show(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<RoundView>> {
    let found = round_access(&state, &me.user, RoundId(id)).await?;
    let gate = found.gate(me.user.id, Timestamp::now());
    Ok(Json(RoundView { round: found.round, reviewers: found.reviewers, gate, gate_message: gate.explain() }))
}

/// `POST /api/v1/rounds/{id}/reviewers`: adds a reviewer to an open round.
pub async fn add_reviewer(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReviewerRequest>,
) -> AppResult<StatusCode> {
    rounds::add_reviewer(&state, &me.user, RoundId(id), body.user_id, body.function).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A reading event.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadingEvent {
    /// Opened the document.
    Started,
    /// Reached its end.
    ReachedEnd,
}

/// The body of `POST /api/v1/rounds/{id}/reading`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingRequest {
    /// What happened.
    pub event: ReadingEvent,
}

/// The caller's progress and gate after a reading event.
#[derive(Debug, Serialize)]
pub struct ReadingView {
    /// The reviewer's record.
    pub reviewer: RoundReviewer,
    /// Whether comments are open for them now.
    pub gate: Gate,
}

/// `POST /api/v1/rounds/{id}/reading`: records the caller's reading (reviewers only).
pub async fn reading(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReadingRequest>,
) -> AppResult<Json<ReadingView>> {
    let event = match body.event {
        ReadingEvent::Started => Reading::Started,
        ReadingEvent::ReachedEnd => Reading::ReachedEnd,
    };
    let found = rounds::record_reading(&state, &me.user, RoundId(id), event).await?;
    let gate = found.gate(me.user.id, Timestamp::now());
    let reviewer = found.reviewer(me.user.id).cloned().ok_or(crate::error::AppError::NotFound("reviewer"))?;
    Ok(Json(ReadingView { reviewer, gate }))
}

/// `POST /api/v1/rounds/{id}/submit`: the caller's critique is complete; they now see the
/// other reviewers' comments.
pub async fn submit(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<RoundReviewer>> {
    Ok(Json(rounds::submit(&state, &me.user, RoundId(id)).await?))
}

/// The body of `POST /api/v1/rounds/{id}/meeting`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingRequest {
    /// Minutes of silent reading before comments open.
    pub minutes: i64,
}

/// `POST /api/v1/rounds/{id}/meeting`: meeting mode, a silent-reading timer for the room.
pub async fn meeting(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<MeetingRequest>,
) -> AppResult<Json<Round>> {
    Ok(Json(rounds::start_silent_reading(&state, &me.user, RoundId(id), body.minutes).await?))
}

/// `POST /api/v1/rounds/{id}/close`: closes the round.
pub async fn close(State(state): State<AppState>, me: Identity, ApiPath(id): ApiPath<i64>) -> AppResult<Json<Round>> {
    Ok(Json(rounds::close(&state, &me.user, RoundId(id)).await?))
}

/// `GET /api/v1/rounds/{id}/log`: the round's revision log (reviewer, item, severity,
/// response, status), most severe first.
pub async fn log(
    State(state): State<AppState>,
    me: Identity,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<LogLine>>> {
    Ok(Json(comments::round_log(&state, &me.user, RoundId(id)).await?))
}
