//! Review rounds: opening one on the latest revision with reviewers and their functions,
//! tracking each reviewer's reading, the comment gate (read to the end, for long enough, after
//! the room's silent reading), submitting a critique, meeting mode and closing.

use prfaq_store::{
    Audit, DocumentId, Reading, ReviewerFunction, Round, RoundId, RoundReviewer, Timestamp, User, UserId,
};
use serde::Serialize;

use crate::auth::access::{DocAccess, document_access};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The longest minimum reading time an author may ask for (a day).
pub const MAX_MIN_READ_SECONDS: i64 = 24 * 3600;
/// The longest silent reading a meeting may hold (three hours).
pub const MAX_SILENT_MINUTES: i64 = 180;

/// A round, its document access for the caller, and its reviewers.
#[derive(Debug, Clone)]
pub struct RoundAccess {
    /// The round.
    pub round: Round,
    /// The caller's access to the round's document.
    pub access: DocAccess,
    /// The round's reviewers.
    pub reviewers: Vec<RoundReviewer>,
}

impl RoundAccess {
    /// The caller's reviewer record in this round, if invited.
    pub fn reviewer(&self, user: UserId) -> Option<&RoundReviewer> {
        self.reviewers.iter().find(|r| r.user_id == user)
    }

    /// Whether `user` may write comments now, and if not, why and until when.
    pub fn gate(&self, user: UserId, now: Timestamp) -> Gate {
        gate(&self.round, self.reviewer(user), now)
    }
}

/// Loads a round the caller may see (any member of the document's workspace).
pub async fn round_access(state: &AppState, user: &User, id: RoundId) -> AppResult<RoundAccess> {
    let round = state.store().round(id).await?;
    let access = document_access(state, user, round.document_id).await?;
    let reviewers = state.store().round_reviewers(round.id).await?;
    Ok(RoundAccess { round, access, reviewers })
}

/// Whether a reviewer's comment box is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Gate {
    /// Comments may be written.
    Open,
    /// The round is closed.
    Closed,
    /// The caller is not a reviewer of this round.
    NotReviewer,
    /// Meeting mode: the room reads in silence until then.
    SilentReading {
        /// When comments open.
        until: Timestamp,
    },
    /// The reviewer has not reached the end of the document yet.
    ReadToTheEnd,
    /// The reviewer reached the end sooner than the minimum reading time.
    KeepReading {
        /// When comments open.
        until: Timestamp,
    },
}

impl Gate {
    /// A sentence for the reviewer.
    pub fn explain(self) -> String {
        match self {
            Gate::Open => "Comments are open.".to_owned(),
            Gate::Closed => "This round is closed.".to_owned(),
            Gate::NotReviewer => "You are not a reviewer in this round.".to_owned(),
            Gate::SilentReading { until } => format!("Silent reading: comments open at {}.", clock(until)),
            Gate::ReadToTheEnd => "Read the whole document first: comments open when you reach the end.".to_owned(),
            Gate::KeepReading { until } => {
                format!("Keep reading: comments open at {} (the minimum reading time).", clock(until))
            }
        }
    }

    /// When the gate opens by itself, if it will.
    pub fn opens_at(self) -> Option<Timestamp> {
        match self {
            Gate::SilentReading { until } | Gate::KeepReading { until } => Some(until),
            _ => None,
        }
    }
}

/// A time of day in UTC for messages.
fn clock(at: Timestamp) -> String {
    at.to_zoned(jiff::tz::TimeZone::UTC).strftime("%H:%M:%S UTC").to_string()
}

/// The comment gate: the round is open, the reviewer is invited, the room's silent reading
/// is over, the reviewer reached the end, and the minimum reading time since they started
/// has passed.
pub fn gate(round: &Round, reviewer: Option<&RoundReviewer>, now: Timestamp) -> Gate {
    if round.closed_at.is_some() {
        return Gate::Closed;
    }
    let Some(reviewer) = reviewer else { return Gate::NotReviewer };
    if let Some(until) = round.silent_until
        && now < until
    {
        return Gate::SilentReading { until };
    }
    if reviewer.reached_end_at.is_none() {
        return Gate::ReadToTheEnd;
    }
    let started = reviewer.started_at.or(reviewer.reached_end_at).unwrap_or(now);
    let until = started + jiff::SignedDuration::from_secs(round.min_read_seconds);
    if now < until { Gate::KeepReading { until } } else { Gate::Open }
}

/// The minimum reading time for `words` at `words_per_minute`, in seconds.
pub fn reading_seconds(words: i64, words_per_minute: i64) -> i64 {
    (words.max(0) * 60).div_euclid(words_per_minute.max(1))
}

/// Opens a round on the document's latest revision. Each reviewer must be a member of the
/// workspace; `min_read_seconds` defaults to the document's words at the configured speed.
pub async fn open(
    state: &AppState,
    user: &User,
    document: DocumentId,
    reviewers: &[(UserId, ReviewerFunction)],
    min_read_seconds: Option<i64>,
) -> AppResult<Round> {
    let access = document_access(state, user, document).await?;
    access.require_edit()?;
    let min_read_seconds = match min_read_seconds {
        Some(seconds) if !(0..=MAX_MIN_READ_SECONDS).contains(&seconds) => {
            return Err(AppError::field(
                "min_read_seconds",
                format!("the minimum reading time must be 0 to {MAX_MIN_READ_SECONDS} seconds"),
            ));
        }
        Some(seconds) => seconds,
        None => {
            let head = state.store().revision(document, access.document.head).await?;
            reading_seconds(head.metrics.words, state.options().reading_words_per_minute)
        }
    };
    for (reviewer, _) in reviewers {
        require_member(state, access.document.workspace_id, *reviewer).await?;
    }
    let detail = format!("round on revision {} with {} reviewer(s)", access.document.head, reviewers.len());
    Ok(state
        .store()
        .open_round(document, min_read_seconds, reviewers, Audit::by(user.id, "round.opened", detail))
        .await?)
}

/// Refuses people who are not members of the workspace.
async fn require_member(state: &AppState, workspace: prfaq_store::WorkspaceId, user: UserId) -> AppResult<()> {
    let member = state.store().workspace_role(workspace, user).await?.is_some();
    if member {
        Ok(())
    } else {
        Err(AppError::field("reviewers", format!("user {user} is not a member of this workspace; invite them first")))
    }
}

/// Adds a reviewer to an open round.
pub async fn add_reviewer(
    state: &AppState,
    user: &User,
    round: RoundId,
    reviewer: UserId,
    function: ReviewerFunction,
) -> AppResult<()> {
    let found = round_access(state, user, round).await?;
    found.access.require_edit()?;
    require_member(state, found.access.document.workspace_id, reviewer).await?;
    let detail = format!("user {reviewer} as {function}");
    state.store().add_reviewer(round, reviewer, function, Audit::by(user.id, "round.reviewer_added", detail)).await?;
    Ok(())
}

/// Records the caller's reading progress in a round they review.
/// Returns the round with the caller's reviewer record as it now stands.
pub async fn record_reading(state: &AppState, user: &User, round: RoundId, event: Reading) -> AppResult<RoundAccess> {
    let mut found = round_access(state, user, round).await?;
    let Some(slot) = found.reviewers.iter_mut().find(|r| r.user_id == user.id) else {
        return Err(AppError::Forbidden("only the round's reviewers record reading".into()));
    };
    if found.round.closed_at.is_some() {
        return Err(AppError::Unprocessable("this round is closed".into()));
    }
    *slot = state.store().record_reading(round, user.id, event, Timestamp::now()).await?;
    Ok(found)
}

/// Marks the caller's critique submitted: from now on they see the other reviewers' comments.
pub async fn submit(state: &AppState, user: &User, round: RoundId) -> AppResult<RoundReviewer> {
    let found = round_access(state, user, round).await?;
    let Some(reviewer) = found.reviewer(user.id) else {
        return Err(AppError::Forbidden("only the round's reviewers submit a critique".into()));
    };
    if reviewer.reached_end_at.is_none() {
        return Err(AppError::Unprocessable("read the whole document before submitting your critique".into()));
    }
    Ok(state
        .store()
        .submit_review(round, user.id, Audit::by(user.id, "review.submitted", "critique submitted"))
        .await?)
}

/// Meeting mode: the room reads in silence for `minutes`; comments open after.
pub async fn start_silent_reading(state: &AppState, user: &User, round: RoundId, minutes: i64) -> AppResult<Round> {
    let found = round_access(state, user, round).await?;
    found.access.require_edit()?;
    if !(1..=MAX_SILENT_MINUTES).contains(&minutes) {
        return Err(AppError::field("minutes", format!("silent reading lasts 1 to {MAX_SILENT_MINUTES} minutes")));
    }
    let until = Timestamp::now() + jiff::SignedDuration::from_mins(minutes);
    let detail = format!("silent reading for {minutes} minute(s)");
    Ok(state.store().start_silent_reading(round, until, Audit::by(user.id, "round.silent_reading", detail)).await?)
}

/// Closes a round.
pub async fn close(state: &AppState, user: &User, round: RoundId) -> AppResult<Round> {
    let found = round_access(state, user, round).await?;
    found.access.require_edit()?;
    let detail = format!("round {}", found.round.number);
    Ok(state.store().close_round(round, Audit::by(user.id, "round.closed", detail)).await?)
}

/// The document's open round, if any.
pub async fn open_round_of(state: &AppState, document: DocumentId) -> AppResult<Option<Round>> {
    Ok(state.store().rounds(document).await?.into_iter().rev().find(|r| r.closed_at.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::SignedDuration;

    fn round(min_read_seconds: i64) -> Round {
        Round {
            id: RoundId(1),
            document_id: DocumentId(1),
            revision: 1,
            number: 1,
            opened_by: UserId(1),
            opened_at: Timestamp::UNIX_EPOCH,
            closed_at: None,
            min_read_seconds,
            silent_until: None,
        }
    }

    fn reviewer(started: Option<Timestamp>, reached_end: Option<Timestamp>) -> RoundReviewer {
        RoundReviewer {
            round_id: RoundId(1),
            user_id: UserId(2),
            function: ReviewerFunction::Finance,
            started_at: started,
            reached_end_at: reached_end,
            submitted_at: None,
        }
    }

    #[test]
    fn comments_open_after_reading_to_the_end_for_the_minimum_time() {
        let t0 = Timestamp::UNIX_EPOCH + SignedDuration::from_hours(1);
        let at = |secs| t0 + SignedDuration::from_secs(secs);
        let round = round(120);
        assert_eq!(gate(&round, None, t0), Gate::NotReviewer);
        assert_eq!(gate(&round, Some(&reviewer(Some(t0), None)), at(500)), Gate::ReadToTheEnd);
        let read = reviewer(Some(t0), Some(at(30)));
        assert_eq!(gate(&round, Some(&read), at(60)), Gate::KeepReading { until: at(120) });
        assert_eq!(gate(&round, Some(&read), at(120)), Gate::Open);
        let silent = Round { silent_until: Some(at(600)), ..round.clone() };
        assert_eq!(gate(&silent, Some(&read), at(300)), Gate::SilentReading { until: at(600) });
        assert_eq!(gate(&silent, Some(&read), at(600)), Gate::Open);
        let closed = Round { closed_at: Some(at(1)), ..round };
        assert_eq!(gate(&closed, Some(&read), at(600)), Gate::Closed);
    }

    #[test]
    fn reading_time_follows_the_word_count() {
        assert_eq!(reading_seconds(1500, 250), 360);
        assert_eq!(reading_seconds(0, 250), 0);
        assert_eq!(reading_seconds(100, 0), 6000);
    }
}
