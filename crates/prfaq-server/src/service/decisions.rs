//! Decisions: go / no-go / iterate with rationale and conditions. Go freezes a revision as the
//! north star; no-go archives the document with a revisit trigger (a date or a condition).

use prfaq_store::{Audit, Decision, DocumentId, NewDecision, Outcome, Timestamp, User};
use serde::Deserialize;

use crate::auth::access::document_access;
use crate::error::{AppError, AppResult};
use crate::service::rounds::open_round_of;
use crate::state::AppState;

/// The longest rationale, conditions or revisit condition accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// A decision to record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// Go, no-go or iterate.
    pub outcome: Outcome,
    /// Why.
    pub rationale: String,
    /// What must hold for the decision to stand (e.g. "pricing validated with 5 customers").
    #[serde(default)]
    pub conditions: String,
    /// The revision decided on; the latest when absent.
    #[serde(default)]
    pub revision: Option<i64>,
    /// No-go: the day to look at it again.
    #[serde(default)]
    pub revisit_on: Option<jiff::civil::Date>,
    /// No-go: the event that should bring it back.
    #[serde(default)]
    pub revisit_condition: Option<String>,
}

/// Records a decision (owners and decision-makers). An open review round is closed first: the
/// decision ends the review.
pub async fn record(
    state: &AppState,
    user: &User,
    document: DocumentId,
    request: DecisionRequest,
) -> AppResult<Decision> {
    let access = document_access(state, user, document).await?;
    access.require_decide()?;
    let rationale = request.rationale.trim();
    if rationale.is_empty() {
        return Err(AppError::field("rationale", "say why: a decision is recorded with its rationale"));
    }
    let conditions = request.conditions.trim();
    let condition = request.revisit_condition.as_deref().map(str::trim).filter(|c| !c.is_empty());
    for (field, text) in
        [("rationale", rationale), ("conditions", conditions), ("revisit_condition", condition.unwrap_or(""))]
    {
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(AppError::field(field, format!("the limit is {MAX_TEXT_CHARS} characters")));
        }
    }
    let (revisit_on, revisit_condition) = match request.outcome {
        Outcome::NoGo => {
            if request.revisit_on.is_none() && condition.is_none() {
                return Err(AppError::field(
                    "revisit_on",
                    "a no-go needs a revisit trigger: a date (revisit_on) or a condition (revisit_condition)",
                ));
            }
            let on = match request.revisit_on {
                Some(date) => Some(
                    date.to_zoned(jiff::tz::TimeZone::UTC)
                        .map_err(|e| AppError::field("revisit_on", e.to_string()))?
                        .timestamp(),
                ),
                None => None,
            };
            (on, condition.map(str::to_owned))
        }
        _ if request.revisit_on.is_some() || condition.is_some() => {
            return Err(AppError::field("revisit_on", "only a no-go has a revisit trigger"));
        }
        _ => (None, None),
    };
    let revision = request.revision.unwrap_or(access.document.head);
    if let Some(round) = open_round_of(state, document).await? {
        let audit = Audit::by(user.id, "round.closed", format!("round {} closed by the decision", round.number));
        state.store().close_round(round.id, audit).await?;
    }
    let decision = NewDecision {
        revision,
        decided_by: user.id,
        outcome: request.outcome,
        rationale: rationale.to_owned(),
        conditions: conditions.to_owned(),
        revisit_on,
        revisit_condition,
    };
    let detail = format!("{} on revision {revision}", request.outcome);
    Ok(state.store().record_decision(document, decision, Audit::by(user.id, "decision.recorded", detail)).await?)
}

/// Archived documents of a workspace whose revisit date has come, or that wait on a condition.
pub async fn due(
    state: &AppState,
    user: &User,
    workspace: prfaq_store::WorkspaceId,
) -> AppResult<Vec<prfaq_store::Document>> {
    crate::auth::access::workspace_access(state, user, workspace).await?;
    Ok(state.store().due_for_revisit(workspace, Timestamp::now()).await?)
}
