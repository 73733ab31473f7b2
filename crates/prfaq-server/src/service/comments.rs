//! Reviewers' comments: writing one anchored to a passage, who may see which (written critique
//! first), resolving them (an answer in the FAQ writes the entry into a new revision), and a
//! round's revision log.

use std::collections::HashMap;

use prfaq_store::{
    Audit, Comment, CommentId, CommentKind, CommentSeverity, CommentStatus, DocumentId, NewComment, Resolution, Round,
    RoundId, RoundReviewer, Timestamp, User, UserId,
};
use serde::{Deserialize, Serialize};

use crate::auth::access::document_access;
use crate::error::{AppError, AppResult};
use crate::service::anchors::anchor_at;
use crate::service::documents;
use crate::service::faq::{FaqPart, add_entry};
use crate::service::rounds::{Gate, RoundAccess, round_access};
use crate::state::AppState;
use prfaq_doc::passage::locate;

/// The longest comment or response accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 10_000;

/// A comment to write: the passage is given by its text (as selected in the page), with the
/// byte offsets in the round's revision when the client knows them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    /// The quoted passage.
    pub quote: String,
    /// Byte offset of the passage in the revision's Markdown, if known (a hint).
    #[serde(default)]
    pub start: Option<usize>,
    /// What the comment is.
    pub kind: CommentKind,
    /// How much it matters.
    pub severity: CommentSeverity,
    /// The comment.
    pub body: String,
}

/// Writes a comment in an open round. Only the round's reviewers, once their comment box is
/// open (see [`crate::service::rounds::gate`]); the passage must be in the round's revision.
pub async fn add(state: &AppState, user: &User, round: RoundId, request: CommentRequest) -> AppResult<Comment> {
    let found = round_access(state, user, round).await?;
    match found.gate(user.id, Timestamp::now()) {
        Gate::Open => {}
        Gate::NotReviewer => return Err(AppError::Forbidden("only the round's reviewers write comments".into())),
        closed => return Err(AppError::Unprocessable(closed.explain())),
    }
    let body = request.body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "write the comment"));
    }
    limit("body", body)?;
    limit("quote", &request.quote)?;
    let revision = state.store().revision(found.round.document_id, found.round.revision).await?;
    let doc = prfaq_doc::parse(&revision.markdown);
    let (start, end) = locate(&doc.source, &request.quote, request.start).ok_or_else(|| {
        AppError::field("quote", format!("the passage is not in revision {} of the document", revision.number))
    })?;
    let anchor = anchor_at(&doc, start, end).ok_or_else(|| AppError::field("quote", "select a passage of text"))?;
    let comment = NewComment {
        round_id: round,
        author_id: user.id,
        ai_persona: None,
        anchor,
        kind: request.kind,
        severity: request.severity,
        body: body.to_owned(),
    };
    let detail = format!("{} {} on \"{}\"", request.severity, request.kind, shorten(&comment.anchor.quote, 60));
    Ok(state.store().add_comment(comment, Audit::by(user.id, "comment.added", detail)).await?)
}

fn limit(field: &'static str, text: &str) -> AppResult<()> {
    let chars = text.chars().count();
    if chars > MAX_COMMENT_CHARS {
        return Err(AppError::field(field, format!("{chars} characters; the limit is {MAX_COMMENT_CHARS}")));
    }
    Ok(())
}

/// The first `max` characters of `text`, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Who may see a comment: its author; anyone once the round is closed; anyone who is not a
/// reviewer of its round (authors, decision-makers); a reviewer once they submitted their own
/// critique. So reviewers write before they read each other.
pub fn visible_to(comment: &Comment, viewer: UserId, rounds: &HashMap<RoundId, (Round, Vec<RoundReviewer>)>) -> bool {
    if comment.author_id == viewer {
        return true;
    }
    let Some((round, reviewers)) = rounds.get(&comment.round_id) else { return true };
    if round.closed_at.is_some() {
        return true;
    }
    match reviewers.iter().find(|r| r.user_id == viewer) {
        Some(me) => me.submitted_at.is_some(),
        None => true,
    }
}

/// The comments on a document the caller may see, oldest first, optionally of one round.
pub async fn visible(
    state: &AppState,
    user: &User,
    document: DocumentId,
    round: Option<RoundId>,
) -> AppResult<Vec<Comment>> {
    document_access(state, user, document).await?;
    let mut rounds = HashMap::new();
    for r in state.store().rounds(document).await? {
        let reviewers = state.store().round_reviewers(r.id).await?;
        rounds.insert(r.id, (r, reviewers));
    }
    Ok(state
        .store()
        .comments(document)
        .await?
        .into_iter()
        .filter(|c| round.is_none_or(|r| c.round_id == r))
        .filter(|c| visible_to(c, user.id, &rounds))
        .collect())
}

/// The FAQ entry an answer in the FAQ writes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaqAnswer {
    /// The question's heading (often the reviewer's question, reworded).
    pub question: String,
    /// The answer; "TBD" when left empty (the critique engine tracks it as a risk).
    #[serde(default)]
    pub answer: String,
    /// Which FAQ.
    #[serde(default)]
    pub part: FaqPart,
}

/// How the author resolves a comment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    /// The new status; `open` reopens.
    pub status: CommentStatus,
    /// The author's response; required when declining.
    #[serde(default)]
    pub response: Option<String>,
    /// With `answered_in_faq`: the entry to add to the FAQ (a new revision is saved).
    #[serde(default)]
    pub faq: Option<FaqAnswer>,
}

/// Resolves (or reopens) a comment. Declining needs a reason; answering in the FAQ adds the
/// entry to the latest revision and saves it as a new revision, named in the response.
pub async fn resolve(state: &AppState, user: &User, id: CommentId, request: ResolveRequest) -> AppResult<Comment> {
    let comment = state.store().comment(id).await?;
    let access = document_access(state, user, comment.document_id).await?;
    access.require_edit()?;
    if request.status != CommentStatus::AnsweredInFaq && request.faq.is_some() {
        return Err(AppError::field("faq", "a FAQ entry goes with the status answered_in_faq only"));
    }
    let mut response = request.response.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    if let Some(text) = &response {
        limit("response", text)?;
    }
    match request.status {
        CommentStatus::Declined if response.is_none() => {
            return Err(AppError::field("response", "say why the comment is declined"));
        }
        CommentStatus::AnsweredInFaq => {
            let Some(faq) = request.faq else {
                return Err(AppError::field("faq", "give the question (and answer) to add to the FAQ"));
            };
            let question = faq.question.trim();
            if question.is_empty() {
                return Err(AppError::field("faq", "the FAQ question is empty"));
            }
            limit("faq", question)?;
            limit("faq", &faq.answer)?;
            let answer = if faq.answer.trim().is_empty() { "TBD" } else { faq.answer.trim() };
            let head = state.store().revision(access.document.id, access.document.head).await?;
            let text = add_entry(&prfaq_doc::parse(&head.markdown), faq.part, question, answer);
            let saved = documents::save(state, user, access.document.id, head.number, text).await?;
            let note = format!("Answered in the FAQ (revision {}): {}", saved.number, shorten(question, 200));
            response = Some(match response {
                Some(extra) => format!("{note}\n\n{extra}"),
                None => note,
            });
        }
        _ => {}
    }
    let detail = format!("comment {id}: {}", request.status);
    let resolution = Resolution { status: request.status, response, by: user.id };
    Ok(state.store().resolve_comment(id, resolution, Audit::by(user.id, "comment.resolved", detail)).await?)
}

/// One line of a round's revision log.
#[derive(Debug, Clone, Serialize)]
pub struct LogLine {
    /// The round's number.
    pub round: i64,
    /// The comment.
    pub comment: CommentId,
    /// The reviewer's name.
    pub reviewer: String,
    /// The reviewer's function in the round.
    pub function: Option<prfaq_store::ReviewerFunction>,
    /// The passage, shortened.
    pub item: String,
    /// The comment, shortened.
    pub text: String,
    /// What the comment is.
    pub kind: CommentKind,
    /// How much it matters.
    pub severity: CommentSeverity,
    /// The author's response.
    pub response: Option<String>,
    /// Where it stands.
    pub status: CommentStatus,
    /// Its passage is gone from the latest revision.
    pub outdated: bool,
}

/// The names of `ids`' accounts, each looked up once.
pub async fn user_names(state: &AppState, ids: impl IntoIterator<Item = UserId>) -> AppResult<HashMap<UserId, String>> {
    let mut names = HashMap::new();
    for id in ids {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(id) {
            slot.insert(state.store().user(id).await?.name);
        }
    }
    Ok(names)
}

/// The revision log of a round: one line per comment the caller may see, most severe first.
pub async fn round_log(state: &AppState, user: &User, round: RoundId) -> AppResult<Vec<LogLine>> {
    let found = round_access(state, user, round).await?;
    let comments = visible(state, user, found.round.document_id, Some(round)).await?;
    let authors: Vec<UserId> = comments.iter().map(|c| c.author_id).collect();
    let names = user_names(state, authors).await?;
    Ok(log_lines(&found, &comments, &names))
}

/// Who a comment is by, as pages and logs show it: an AI reviewer's comment names its persona
/// and says it is AI ("AI: Finance partner"), never the person who asked for it.
pub fn byline(comment: &Comment, names: &HashMap<UserId, String>) -> String {
    match &comment.ai_persona {
        Some(persona) => format!("AI: {persona}"),
        None => names.get(&comment.author_id).cloned().unwrap_or_default(),
    }
}

/// The log lines of a round's `comments` (those the caller may see), with the authors' names.
pub fn log_lines(found: &RoundAccess, comments: &[Comment], names: &HashMap<UserId, String>) -> Vec<LogLine> {
    let mut lines: Vec<LogLine> = comments
        .iter()
        .map(|c| LogLine {
            round: found.round.number,
            comment: c.id,
            reviewer: byline(c, names),
            function: if c.ai_persona.is_some() { None } else { found.reviewer(c.author_id).map(|r| r.function) },
            item: shorten(&c.anchor.quote, 80),
            text: shorten(&c.body, 160),
            kind: c.kind,
            severity: c.severity,
            response: c.response.clone(),
            status: c.status,
            outdated: c.outdated,
        })
        .collect();
    lines.sort_by_key(|l| (l.severity, l.comment));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use prfaq_store::{Anchor, DocumentId, ReviewerFunction};

    fn comment(author: i64, round: i64) -> Comment {
        Comment {
            id: CommentId(1),
            round_id: RoundId(round),
            document_id: DocumentId(1),
            author_id: UserId(author),
            ai_persona: None,
            revision: 1,
            anchor: Anchor { section: "Press release".into(), quote: "six hours".into(), start: 0, end: 9 },
            outdated: false,
            kind: CommentKind::Question,
            severity: CommentSeverity::Minor,
            body: "How measured?".into(),
            created_at: Timestamp::UNIX_EPOCH,
            status: CommentStatus::Open,
            response: None,
            resolved_by: None,
            resolved_at: None,
        }
    }

    fn reviewer(user: i64, submitted: bool) -> RoundReviewer {
        RoundReviewer {
            round_id: RoundId(1),
            user_id: UserId(user),
            function: ReviewerFunction::Legal,
            started_at: None,
            reached_end_at: None,
            submitted_at: submitted.then_some(Timestamp::UNIX_EPOCH),
        }
    }

    fn round(closed: bool) -> Round {
        Round {
            id: RoundId(1),
            document_id: DocumentId(1),
            revision: 1,
            number: 1,
            opened_by: UserId(9),
            opened_at: Timestamp::UNIX_EPOCH,
            closed_at: closed.then_some(Timestamp::UNIX_EPOCH),
            min_read_seconds: 0,
            silent_until: None,
        }
    }

    #[test]
    fn reviewers_see_each_other_only_after_submitting() {
        let rounds = HashMap::from([(RoundId(1), (round(false), vec![reviewer(2, false), reviewer(3, true)]))]);
        let by_two = comment(2, 1);
        let by_three = comment(3, 1);
        assert!(visible_to(&by_two, UserId(2), &rounds), "own comment");
        assert!(!visible_to(&by_three, UserId(2), &rounds), "not submitted yet");
        assert!(visible_to(&by_two, UserId(3), &rounds), "submitted");
        assert!(visible_to(&by_two, UserId(9), &rounds), "the author is not a reviewer");
        let closed = HashMap::from([(RoundId(1), (round(true), vec![reviewer(2, false), reviewer(3, true)]))]);
        assert!(visible_to(&by_three, UserId(2), &closed), "closed round");
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("éééééé", 3), "ééé…");
    }
}
