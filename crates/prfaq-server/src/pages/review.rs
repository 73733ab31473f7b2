//! The review pages: a round's reading view with the comment gate, the comments and their
//! resolution, the round log and meeting mode; opening a round and recording a decision from
//! the document page.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect};
use prfaq_store::{
    Comment, CommentKind, CommentSeverity, CommentStatus, Decision, DocumentId, Outcome, Reading, ReviewerFunction,
    Round, RoundId, Timestamp, User, UserId,
};
use serde::Deserialize;
use tower_sessions::Session;

use super::{PageResult, PageUser, render};
use crate::auth::access::DocAccess;
use crate::auth::identity::csrf_token;
use crate::error::AppError;
use crate::service::comments::{self, CommentRequest, FaqAnswer, LogLine, ResolveRequest};
use crate::service::decisions::{self, DecisionRequest};
use crate::service::faq::FaqPart;
use crate::service::rounds::{self, Gate, RoundAccess, round_access};
use crate::state::AppState;

/// A reviewer's progress as listed.
struct ReviewerRow {
    name: String,
    function: ReviewerFunction,
    started: bool,
    read_to_end: bool,
    submitted: bool,
}

/// A comment as listed, with its author's name.
struct CommentRow {
    comment: Comment,
    author: String,
    /// Written by an AI reviewer: shown marked as such.
    ai: bool,
}

/// What the reviewer was writing when the comment was refused, kept for the form.
#[derive(Debug, Default, Clone)]
struct Draft {
    quote: String,
    kind: String,
    severity: String,
    body: String,
    error: String,
}

#[derive(Template)]
#[template(path = "comment_panel.html")]
struct Panel {
    round: Round,
    csrf: String,
    gate: Gate,
    message: String,
    submitted: bool,
    draft: Draft,
    kinds: &'static [CommentKind],
    severities: &'static [CommentSeverity],
}

#[derive(Template)]
#[template(path = "round.html")]
struct RoundPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    access: DocAccess,
    round: Round,
    open: bool,
    can_edit: bool,
    is_reviewer: bool,
    read_to_end: bool,
    my_function: Option<ReviewerFunction>,
    min_read: String,
    rendered: String,
    panel: String,
    reviewers: Vec<ReviewerRow>,
    comments: Vec<CommentRow>,
    log: Vec<LogLine>,
    members: Vec<(UserId, String)>,
    functions: &'static [ReviewerFunction],
    statuses: &'static [CommentStatus],
    ai: Option<AiCard>,
}

/// "Ask the AI reviewers" on a round, for those who may edit the document.
struct AiCard {
    /// False until an endpoint is set up.
    ready: bool,
    /// Persona ids and names.
    personas: Vec<(String, String)>,
    /// This round's AI jobs, newest first.
    jobs: Vec<super::agents::JobRow>,
}

fn panel_html(found: &RoundAccess, me: UserId, csrf: &str, draft: Draft) -> String {
    let gate = found.gate(me, Timestamp::now());
    let panel = Panel {
        round: found.round.clone(),
        csrf: csrf.to_owned(),
        gate,
        message: gate.explain(),
        submitted: found.reviewer(me).is_some_and(|r| r.submitted_at.is_some()),
        draft,
        kinds: CommentKind::ALL,
        severities: CommentSeverity::ALL,
    };
    panel.render().unwrap_or_default()
}

/// "2 min 30 s" for a number of seconds.
fn duration_words(seconds: i64) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

async fn round_page(state: &AppState, me: &User, session: &Session, id: RoundId, draft: Draft) -> PageResult {
    let found = round_access(state, me, id).await?;
    let csrf = csrf_token(session).await?;
    let revision = state.store().revision(found.round.document_id, found.round.revision).await?;
    let comments = comments::visible(state, me, found.round.document_id, Some(id)).await?;
    let ids: Vec<UserId> =
        found.reviewers.iter().map(|r| r.user_id).chain(comments.iter().map(|c| c.author_id)).collect();
    let people = comments::user_names(state, ids).await?;
    let log = comments::log_lines(&found, &comments, &people);
    let name = |id: &UserId| people.get(id).cloned().unwrap_or_default();
    let members = if found.access.role.can_edit() {
        state
            .store()
            .members(found.access.document.workspace_id)
            .await?
            .into_iter()
            .filter(|m| found.reviewer(m.user.id).is_none())
            .map(|m| (m.user.id, m.user.name))
            .collect()
    } else {
        Vec::new()
    };
    let ai = if found.access.role.can_edit() {
        let jobs = state.store().round_agent_jobs(id).await?;
        Some(AiCard {
            ready: crate::service::agents::available(state, found.access.document.workspace_id).await?,
            personas: crate::service::agents::available_personas(state).into_iter().map(|p| (p.id, p.name)).collect(),
            jobs: jobs.into_iter().take(5).map(super::agents::JobRow::of).collect(),
        })
    } else {
        None
    };
    let mine = found.reviewer(me.id);
    let parsed = prfaq_doc::parse(&revision.markdown);
    let workspace = found.access.document.workspace_id;
    let cited = crate::service::evidence::cited_items(state, workspace, &parsed).await?;
    let rendered = super::citations::cite_evidence(&super::views::document_html(&parsed).1, workspace.0, &cited);
    let page = RoundPage {
        csrf: &csrf,
        signed_in: Some(&me.name),
        open: found.round.closed_at.is_none(),
        can_edit: found.access.role.can_edit(),
        is_reviewer: mine.is_some(),
        read_to_end: mine.is_some_and(|r| r.reached_end_at.is_some()),
        my_function: mine.map(|r| r.function),
        min_read: duration_words(found.round.min_read_seconds),
        rendered,
        panel: panel_html(&found, me.id, &csrf, draft),
        reviewers: found
            .reviewers
            .iter()
            .map(|r| ReviewerRow {
                name: name(&r.user_id),
                function: r.function,
                started: r.started_at.is_some(),
                read_to_end: r.reached_end_at.is_some(),
                submitted: r.submitted_at.is_some(),
            })
            .collect(),
        comments: comments
            .into_iter()
            .map(|c| CommentRow { author: comments::byline(&c, &people), ai: c.ai_persona.is_some(), comment: c })
            .collect(),
        ai,
        log,
        members,
        functions: ReviewerFunction::ALL,
        statuses: CommentStatus::ALL,
        round: found.round.clone(),
        access: found.access.clone(),
    };
    Ok(render(&page))
}

/// `GET /r/{id}`: the round's revision to read, the comment panel, the comments the caller may
/// see, the reviewers' progress and the round log. A reviewer's first visit starts their
/// reading clock.
pub(crate) async fn view(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let found = round_access(&state, &me.user, RoundId(id)).await?;
    if found.round.closed_at.is_none() && found.reviewer(me.user.id).is_some_and(|r| r.started_at.is_none()) {
        rounds::record_reading(&state, &me.user, RoundId(id), Reading::Started).await?;
    }
    round_page(&state, &me.user, &session, RoundId(id), Draft::default()).await
}

/// `GET /r/{id}/panel`: the comment panel alone (htmx polls it while the gate is timed).
pub(crate) async fn panel(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
) -> PageResult {
    let found = round_access(&state, &me.user, RoundId(id)).await?;
    let csrf = csrf_token(&session).await?;
    Ok(Html(panel_html(&found, me.user.id, &csrf, Draft::default())).into_response())
}

/// The reading form.
#[derive(Debug, Deserialize)]
pub(crate) struct ReadingForm {
    event: String,
}

/// `POST /r/{id}/reading`: the reviewer reached the end (htmx sends it when the end of the
/// document scrolls into view; without script it is a button). htmx gets the new panel.
pub(crate) async fn reading(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<ReadingForm>,
) -> PageResult {
    let event = match form.event.as_str() {
        "started" => Reading::Started,
        "reached_end" => Reading::ReachedEnd,
        other => return Err(AppError::field("event", format!("unknown reading event `{other}`")).into()),
    };
    let found = rounds::record_reading(&state, &me.user, RoundId(id), event).await?;
    if headers.contains_key("hx-request") {
        let csrf = csrf_token(&session).await?;
        return Ok(Html(panel_html(&found, me.user.id, &csrf, Draft::default())).into_response());
    }
    Ok(Redirect::to(&format!("/r/{id}#comment-panel")).into_response())
}

/// The comment form.
#[derive(Debug, Deserialize)]
pub(crate) struct CommentForm {
    quote: String,
    kind: String,
    severity: String,
    body: String,
}

/// `POST /r/{id}/comments`: writes a comment; a refused one comes back in the form with the
/// reason, nothing typed lost.
pub(crate) async fn comment(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> PageResult {
    let parsed = word::<CommentKind>("kind", &form.kind).and_then(|kind| Ok((kind, word("severity", &form.severity)?)));
    let result = match parsed {
        Ok((kind, severity)) => {
            let request = CommentRequest {
                quote: form.quote.replace("\r\n", "\n"),
                start: None,
                kind,
                severity,
                body: form.body.replace("\r\n", "\n"),
            };
            comments::add(&state, &me.user, RoundId(id), request).await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(comment) => Ok(Redirect::to(&format!("/r/{id}#c{}", comment.id)).into_response()),
        Err(AppError::BadRequest { message, .. }) => {
            let draft =
                Draft { quote: form.quote, kind: form.kind, severity: form.severity, body: form.body, error: message };
            let page = round_page(&state, &me.user, &session, RoundId(id), draft).await?;
            Ok((axum::http::StatusCode::BAD_REQUEST, page).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// `POST /r/{id}/submit`: the reviewer's critique is complete.
pub(crate) async fn submit(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<i64>) -> PageResult {
    rounds::submit(&state, &me.user, RoundId(id)).await?;
    Ok(Redirect::to(&format!("/r/{id}#comments")).into_response())
}

/// The meeting-mode form.
#[derive(Debug, Deserialize)]
pub(crate) struct MeetingForm {
    minutes: i64,
}

/// `POST /r/{id}/meeting`: a silent-reading timer for the room.
pub(crate) async fn meeting(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<MeetingForm>,
) -> PageResult {
    rounds::start_silent_reading(&state, &me.user, RoundId(id), form.minutes).await?;
    Ok(Redirect::to(&format!("/r/{id}")).into_response())
}

/// `POST /r/{id}/close`: closes the round.
pub(crate) async fn close(State(state): State<AppState>, PageUser(me): PageUser, Path(id): Path<i64>) -> PageResult {
    let round = rounds::close(&state, &me.user, RoundId(id)).await?;
    Ok(Redirect::to(&format!("/d/{}", round.document_id)).into_response())
}

/// The add-reviewer form.
#[derive(Debug, Deserialize)]
pub(crate) struct ReviewerForm {
    user_id: i64,
    function: String,
}

/// `POST /r/{id}/reviewers`: invites one more reviewer into the open round.
pub(crate) async fn add_reviewer(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<ReviewerForm>,
) -> PageResult {
    let function = word("function", &form.function)?;
    rounds::add_reviewer(&state, &me.user, RoundId(id), UserId(form.user_id), function).await?;
    Ok(Redirect::to(&format!("/r/{id}")).into_response())
}

/// A form field holding one of a stored enum's words; an unknown word is a bad request on
/// `field` that lists the words allowed.
fn word<T: std::str::FromStr<Err = prfaq_store::UnknownWord>>(field: &'static str, text: &str) -> Result<T, AppError> {
    text.trim().parse().map_err(|error: prfaq_store::UnknownWord| AppError::field(field, error.to_string()))
}

/// The resolution form.
#[derive(Debug, Deserialize)]
pub(crate) struct ResolveForm {
    status: String,
    #[serde(default)]
    response: String,
    #[serde(default)]
    faq_question: String,
    #[serde(default)]
    faq_answer: String,
    #[serde(default)]
    faq_part: String,
}

/// `POST /c/{id}/resolve`: the author resolves a comment; "answered in the FAQ" writes the
/// entry into a new revision.
pub(crate) async fn resolve(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<ResolveForm>,
) -> PageResult {
    let status: CommentStatus = word("status", &form.status)?;
    let faq = (status == CommentStatus::AnsweredInFaq).then(|| FaqAnswer {
        question: form.faq_question.clone(),
        answer: form.faq_answer.replace("\r\n", "\n"),
        part: if form.faq_part == "internal" { FaqPart::Internal } else { FaqPart::External },
    });
    let request = ResolveRequest { status, response: Some(form.response.replace("\r\n", "\n")), faq };
    let comment = comments::resolve(&state, &me.user, prfaq_store::CommentId(id), request).await?;
    Ok(Redirect::to(&format!("/r/{}#c{}", comment.round_id, comment.id)).into_response())
}

/// `POST /d/{id}/rounds`: opens a round with the reviewers chosen on the document page. The
/// form has one `function_{user id}` field per member (empty: not invited).
pub(crate) async fn open(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult {
    let mut reviewers = Vec::new();
    for (key, value) in &form {
        let Some(user) = key.strip_prefix("function_") else { continue };
        if value.is_empty() {
            continue;
        }
        let user = user.parse::<i64>().map_err(|_| AppError::field("reviewers", format!("bad field `{key}`")))?;
        reviewers.push((UserId(user), word("function", value)?));
    }
    reviewers.sort();
    let min_read = match form.get("min_read_seconds").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        Some(text) => Some(
            text.parse::<i64>()
                .map_err(|_| AppError::field("min_read_seconds", format!("`{text}` is not a number of seconds")))?,
        ),
        None => None,
    };
    let round = rounds::open(&state, &me.user, DocumentId(id), &reviewers, min_read).await?;
    Ok(Redirect::to(&format!("/r/{}", round.id)).into_response())
}

/// The decision form.
#[derive(Debug, Deserialize)]
pub(crate) struct DecisionForm {
    outcome: String,
    rationale: String,
    #[serde(default)]
    conditions: String,
    #[serde(default)]
    revisit_on: String,
    #[serde(default)]
    revisit_condition: String,
}

/// `POST /d/{id}/decisions`: records go / no-go / iterate.
pub(crate) async fn decide(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> PageResult {
    let outcome = word("outcome", &form.outcome)?;
    let revisit_on = match form.revisit_on.trim() {
        "" => None,
        text => Some(
            text.parse::<jiff::civil::Date>()
                .map_err(|_| AppError::field("revisit_on", format!("`{text}` is not a date (YYYY-MM-DD)")))?,
        ),
    };
    let request = DecisionRequest {
        outcome,
        rationale: form.rationale,
        conditions: form.conditions,
        revision: None,
        revisit_on,
        revisit_condition: Some(form.revisit_condition),
    };
    decisions::record(&state, &me.user, DocumentId(id), request).await?;
    Ok(Redirect::to(&format!("/d/{id}#decisions")).into_response())
}

#[derive(Template)]
#[template(path = "review_section.html")]
struct ReviewSection<'a> {
    csrf: &'a str,
    access: &'a DocAccess,
    rounds: Vec<Round>,
    open_round: Option<Round>,
    members: Vec<(UserId, String)>,
    functions: &'static [ReviewerFunction],
    default_read_seconds: i64,
    decisions: Vec<(Decision, String)>,
    outcomes: &'static [Outcome],
    amended_from: Option<i64>,
}

/// The review and decision sections of a document's page: rounds (and the form to open one),
/// the decisions (and the form to record one), the north star and its amendments.
pub(crate) async fn document_sections(
    state: &AppState,
    me: &User,
    access: &DocAccess,
    csrf: &str,
    words: i64,
) -> PageResult<String> {
    let rounds = state.store().rounds(access.document.id).await?;
    let open_round = rounds.iter().rev().find(|r| r.closed_at.is_none()).cloned();
    let members = if access.role.can_edit() && open_round.is_none() {
        state
            .store()
            .members(access.document.workspace_id)
            .await?
            .into_iter()
            .filter(|m| m.user.id != me.id)
            .map(|m| (m.user.id, m.user.name))
            .collect()
    } else {
        Vec::new()
    };
    let decisions = state.store().decisions(access.document.id).await?;
    let people = comments::user_names(state, decisions.iter().map(|d| d.decided_by).collect::<Vec<_>>()).await?;
    let section = ReviewSection {
        csrf,
        access,
        rounds,
        open_round,
        members,
        functions: ReviewerFunction::ALL,
        default_read_seconds: rounds::reading_seconds(words, state.options().reading_words_per_minute),
        decisions: decisions
            .into_iter()
            .map(|d| {
                let who = people.get(&d.decided_by).cloned().unwrap_or_default();
                (d, who)
            })
            .collect(),
        outcomes: Outcome::ALL,
        amended_from: access.document.north_star.filter(|&star| access.document.head > star),
    };
    Ok(section.render().map_err(|e| AppError::Internal(Box::new(e)))?)
}
