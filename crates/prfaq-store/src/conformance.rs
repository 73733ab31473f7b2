//! The behaviour every [`Store`] backend must show, as async functions over a fresh, empty
//! store. A backend's test file runs them all with [`conformance_tests!`](crate::conformance_tests):
//!
//! ```ignore
//! async fn fresh() -> MyStore { /* an empty store on a real database */ }
//! prfaq_store::conformance_tests!(fresh());
//! ```
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use jiff::{SignedDuration, Timestamp};

use crate::*;

/// Generates one `#[tokio::test]` per conformance function, each on a store made by `$make`
/// (an expression evaluating to a future of a fresh store).
#[macro_export]
macro_rules! conformance_tests {
    ($make:expr) => {
        $crate::conformance_tests!(@each $make;
            users, sessions, sign_in_failures, api_tokens, settings, workspaces_and_invitations, revisions_and_conflicts,
            concurrent_saves_one_wins, rounds_and_reading, comments, agent_jobs, decisions, audit_log,
            unknown_ids_are_not_found, evidence_import_is_idempotent, evidence_failed_import_stores_nothing,
            evidence_search_ranks_and_filters, evidence_quote_candidates, evidence_stays_in_its_workspace,
            evidence_editors);
    };
    (@each $make:expr; $($name:ident),+) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            let store = $make.await;
            $crate::conformance::$name(&store).await;
        }
    )+};
}

/// Now, at the millisecond precision the store keeps.
fn now() -> Timestamp {
    Timestamp::from_millisecond(Timestamp::now().as_millisecond()).unwrap()
}

async fn user(store: &dyn Store, email: &str) -> User {
    store
        .create_user(NewUser {
            email: email.to_owned(),
            name: email.split('@').next().unwrap_or(email).to_owned(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
            is_admin: false,
        })
        .await
        .unwrap()
}

fn first_revision(author: UserId, text: &str) -> NewRevision {
    NewRevision {
        base: 0,
        markdown: text.to_owned(),
        author_id: author,
        title: "Acme Reports".to_owned(),
        metrics: RevisionMetrics { score: 60, errors: 2, warnings: 3, placeholders: 1, words: 400 },
        change_class: None,
    }
}

fn next_revision(author: UserId, base: i64, text: &str) -> NewRevision {
    NewRevision {
        base,
        markdown: text.to_owned(),
        author_id: author,
        title: "Acme Reports".to_owned(),
        metrics: RevisionMetrics { score: 80, errors: 0, warnings: 1, placeholders: 0, words: 420 },
        change_class: Some("refinement".to_owned()),
    }
}

fn audit(actor: UserId, action: &str) -> Audit {
    Audit::by(actor, action, "")
}

/// A workspace with an owner-created document, for the tests that need one.
async fn workspace_with_document(store: &dyn Store) -> (User, Workspace, Document) {
    let owner = user(store, "owner@example.com").await;
    let workspace = store.create_workspace("Product", owner.id).await.unwrap();
    let document = store
        .create_document(workspace.id, first_revision(owner.id, "# v1\n"), audit(owner.id, "document.created"))
        .await
        .unwrap();
    (owner, workspace, document)
}

/// Accounts: creation, unique e-mail, lookups.
pub async fn users(store: &dyn Store) {
    assert_eq!(store.user_count().await.unwrap(), 0);
    let ada = user(store, "ada@example.com").await;
    assert_eq!(store.user_count().await.unwrap(), 1);
    assert_eq!(store.user(ada.id).await.unwrap(), ada);
    assert_eq!(store.user_by_email("ada@example.com").await.unwrap().unwrap().id, ada.id);
    assert!(store.user_by_email("bob@example.com").await.unwrap().is_none());
    let again = store
        .create_user(NewUser {
            email: "ada@example.com".into(),
            name: "Other".into(),
            password_hash: "x".into(),
            is_admin: true,
        })
        .await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    assert_eq!(store.user_count().await.unwrap(), 1, "a refused account is not stored");
}

/// The web session store: create, replace, load, expire, delete.
pub async fn sessions(store: &dyn Store) {
    let later = now() + SignedDuration::from_hours(1);
    store.create_session("s1", "{\"a\":1}", later).await.unwrap();
    assert!(matches!(store.create_session("s1", "{}", later).await, Err(StoreError::Duplicate(_))));
    assert_eq!(store.load_session("s1", now()).await.unwrap().as_deref(), Some("{\"a\":1}"));
    store.save_session("s1", "{\"a\":2}", later).await.unwrap();
    store.save_session("s2", "{}", now() - SignedDuration::from_secs(1)).await.unwrap();
    assert_eq!(store.load_session("s1", now()).await.unwrap().as_deref(), Some("{\"a\":2}"));
    assert_eq!(store.load_session("s2", now()).await.unwrap(), None, "an expired session is not loaded");
    assert_eq!(store.delete_expired_sessions(now()).await.unwrap(), 1);
    store.delete_session("s1").await.unwrap();
    assert_eq!(store.load_session("s1", now()).await.unwrap(), None);
    store.delete_session("missing").await.unwrap();
}

/// API tokens: stored by hash, looked up, revoked.
pub async fn api_tokens(store: &dyn Store) {
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let token = store.create_api_token(ada.id, "ci", "hash-1").await.unwrap();
    assert_eq!(token.last_used_at, None);
    assert_eq!(store.user_by_api_token("hash-1", now()).await.unwrap().unwrap().id, ada.id);
    assert!(store.api_tokens(ada.id).await.unwrap()[0].last_used_at.is_some());
    assert!(store.user_by_api_token("hash-2", now()).await.unwrap().is_none());
    assert!(
        matches!(store.revoke_api_token(bob.id, token.id).await, Err(StoreError::NotFound(_))),
        "a user cannot revoke another's token"
    );
    store.revoke_api_token(ada.id, token.id).await.unwrap();
    assert!(store.user_by_api_token("hash-1", now()).await.unwrap().is_none());
    assert!(store.api_tokens(ada.id).await.unwrap().is_empty());
}

/// Settings, and taking a one-time secret exactly once.
pub async fn settings(store: &dyn Store) {
    assert_eq!(store.setting("setup").await.unwrap(), None);
    store.set_setting("setup", "a").await.unwrap();
    store.set_setting("setup", "b").await.unwrap();
    assert_eq!(store.setting("setup").await.unwrap().as_deref(), Some("b"));
    assert!(!store.take_setting("setup", "a").await.unwrap(), "a wrong value takes nothing");
    assert!(store.take_setting("setup", "b").await.unwrap());
    assert!(!store.take_setting("setup", "b").await.unwrap(), "taken once only");
}

/// Workspaces, membership and invitations by link.
pub async fn workspaces_and_invitations(store: &dyn Store) {
    let (owner, workspace, document) = workspace_with_document(store).await;
    assert_eq!(store.workspace_role(workspace.id, owner.id).await.unwrap(), Some(WorkspaceRole::Admin));
    assert_eq!(store.memberships(owner.id).await.unwrap()[0].workspace, workspace);
    let guest = user(store, "guest@example.com").await;
    assert_eq!(store.workspace_role(workspace.id, guest.id).await.unwrap(), None);

    let invitation = store
        .create_invitation(
            NewInvitation {
                token_hash: "inv-1".into(),
                workspace_id: workspace.id,
                document: Some((document.id, DocumentRole::Reviewer)),
                created_by: owner.id,
                expires_at: now() + SignedDuration::from_hours(24),
            },
            audit(owner.id, "invitation.created"),
        )
        .await
        .unwrap();
    assert_eq!(store.invitation_by_token("inv-1").await.unwrap().unwrap().id, invitation.id);
    assert!(store.invitation_by_token("nope").await.unwrap().is_none());
    let accepted =
        store.accept_invitation(invitation.id, guest.id, now(), audit(guest.id, "invitation.accepted")).await.unwrap();
    assert_eq!(accepted.accepted_by, Some(guest.id));
    assert_eq!(store.workspace_role(workspace.id, guest.id).await.unwrap(), Some(WorkspaceRole::Member));
    assert_eq!(store.document_role(document.id, guest.id).await.unwrap(), Some(DocumentRole::Reviewer));
    let other = user(store, "other@example.com").await;
    let again = store.accept_invitation(invitation.id, other.id, now(), audit(other.id, "invitation.accepted")).await;
    assert!(matches!(again, Err(StoreError::Invalid(_))), "accepted once only: {again:?}");
    assert_eq!(store.workspace_role(workspace.id, other.id).await.unwrap(), None);

    let expired = store
        .create_invitation(
            NewInvitation {
                token_hash: "inv-2".into(),
                workspace_id: workspace.id,
                document: None,
                created_by: owner.id,
                expires_at: now() - SignedDuration::from_secs(1),
            },
            audit(owner.id, "invitation.created"),
        )
        .await
        .unwrap();
    let late = store.accept_invitation(expired.id, other.id, now(), audit(other.id, "invitation.accepted")).await;
    assert!(matches!(late, Err(StoreError::Invalid(_))), "{late:?}");

    store.set_member(workspace.id, other.id, WorkspaceRole::Admin, audit(owner.id, "member.set")).await.unwrap();
    let members = store.members(workspace.id).await.unwrap();
    assert_eq!(members.len(), 3);
    assert!(members.iter().any(|m| m.user.id == other.id && m.role == WorkspaceRole::Admin));
    store.set_document_role(document.id, other.id, DocumentRole::Viewer, audit(owner.id, "role.set")).await.unwrap();
    store.set_document_role(document.id, other.id, DocumentRole::Author, audit(owner.id, "role.set")).await.unwrap();
    assert_eq!(store.document_role(document.id, other.id).await.unwrap(), Some(DocumentRole::Author));
    assert_eq!(store.document_people(document.id).await.unwrap().len(), 3);
}

/// Revisions are numbered, immutable, and a stale save is refused.
pub async fn revisions_and_conflicts(store: &dyn Store) {
    let (owner, workspace, document) = workspace_with_document(store).await;
    assert_eq!(document.head, 1);
    assert_eq!(document.status, DocumentStatus::Draft);
    assert_eq!(store.document_role(document.id, owner.id).await.unwrap(), Some(DocumentRole::Owner));

    let second = store
        .save_revision(document.id, next_revision(owner.id, 1, "# v2\n"), audit(owner.id, "revision.saved"))
        .await
        .unwrap();
    assert_eq!(second.number, 2);
    let stale = store
        .save_revision(document.id, next_revision(owner.id, 1, "# stale\n"), audit(owner.id, "revision.saved"))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict { base: 1, current: 2 })), "{stale:?}");
    assert_eq!(store.revision(document.id, 1).await.unwrap().markdown, "# v1\n");
    assert_eq!(store.revision(document.id, 2).await.unwrap().markdown, "# v2\n");
    assert!(matches!(store.revision(document.id, 3).await, Err(StoreError::NotFound(_))));
    let list = store.revisions(document.id).await.unwrap();
    assert_eq!(list.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(list[1].metrics.score, 80);
    assert_eq!(list[1].change_class.as_deref(), Some("refinement"));
    assert_eq!(store.document(document.id).await.unwrap().head, 2);

    let portfolio = store.portfolio(workspace.id).await.unwrap();
    assert_eq!(portfolio.len(), 1);
    assert_eq!(portfolio[0].metrics.score, 80, "the portfolio shows the latest revision's figures");
    let unicode = "# Café ☕ — “quotes” 𝄞\n";
    let third =
        store.save_revision(document.id, next_revision(owner.id, 2, unicode), audit(owner.id, "revision.saved")).await;
    assert_eq!(store.revision(document.id, third.unwrap().number).await.unwrap().markdown, unicode);
}

/// Two saves based on the same revision at the same moment: exactly one wins.
pub async fn concurrent_saves_one_wins(store: &dyn Store) {
    let (owner, _, document) = workspace_with_document(store).await;
    for round in 0..5 {
        let base = store.document(document.id).await.unwrap().head;
        let (a, b) = tokio::join!(
            store.save_revision(document.id, next_revision(owner.id, base, "a"), audit(owner.id, "revision.saved")),
            store.save_revision(document.id, next_revision(owner.id, base, "b"), audit(owner.id, "revision.saved")),
        );
        let wins = usize::from(a.is_ok()) + usize::from(b.is_ok());
        assert_eq!(wins, 1, "round {round}: {a:?} / {b:?}");
        let loser = if a.is_ok() { b } else { a };
        assert!(matches!(loser, Err(StoreError::Conflict { .. })), "round {round}: {loser:?}");
        assert_eq!(store.document(document.id).await.unwrap().head, base + 1);
    }
}

/// Failed sign-ins are counted per account within a window, old ones are forgotten, and a
/// success clears them.
pub async fn sign_in_failures(store: &dyn Store) {
    let t0 = now();
    let minute = SignedDuration::from_mins(1);
    for n in 1..=3 {
        let count = store.record_sign_in_failure("a@example.com", t0, t0 - minute).await.unwrap();
        assert_eq!(count, n);
    }
    store.record_sign_in_failure("b@example.com", t0, t0 - minute).await.unwrap();
    assert_eq!(store.sign_in_failures("a@example.com", t0 - minute).await.unwrap(), 3);
    // Two minutes on: the window has moved past the old failures, which are deleted.
    let later = t0 + minute * 2;
    assert_eq!(store.record_sign_in_failure("a@example.com", later, later - minute).await.unwrap(), 1);
    assert_eq!(store.sign_in_failures("b@example.com", t0 - minute).await.unwrap(), 0, "old rows are gone");
    store.clear_sign_in_failures("a@example.com").await.unwrap();
    assert_eq!(store.sign_in_failures("a@example.com", t0 - minute).await.unwrap(), 0);
}

/// Review rounds, reviewers and reading progress.
pub async fn rounds_and_reading(store: &dyn Store) {
    let (owner, _, document) = workspace_with_document(store).await;
    let reviewer = user(store, "rev@example.com").await;
    let round = store
        .open_round(document.id, 120, &[(reviewer.id, ReviewerFunction::Finance)], audit(owner.id, "round.opened"))
        .await
        .unwrap();
    assert_eq!((round.number, round.revision, round.min_read_seconds), (1, 1, 120));
    assert_eq!(store.document(document.id).await.unwrap().status, DocumentStatus::InReview);
    assert_eq!(store.document_role(document.id, reviewer.id).await.unwrap(), Some(DocumentRole::Reviewer));
    let twice = store.open_round(document.id, 0, &[], audit(owner.id, "round.opened")).await;
    assert!(matches!(twice, Err(StoreError::Invalid(_))), "one open round at a time: {twice:?}");

    let started = store.record_reading(round.id, reviewer.id, Reading::Started, now()).await.unwrap();
    let first_start = started.started_at.unwrap();
    let again = store.record_reading(round.id, reviewer.id, Reading::Started, now()).await.unwrap();
    assert_eq!(again.started_at, Some(first_start), "the first start counts");
    let read = store.record_reading(round.id, reviewer.id, Reading::ReachedEnd, now()).await.unwrap();
    assert!(read.reached_end_at.is_some());
    assert!(matches!(
        store.record_reading(round.id, owner.id, Reading::Started, now()).await,
        Err(StoreError::NotFound(_))
    ));
    let submitted = store.submit_review(round.id, reviewer.id, audit(reviewer.id, "review.submitted")).await.unwrap();
    assert!(submitted.submitted_at.is_some());
    let later = now() + SignedDuration::from_mins(10);
    let silent = store.start_silent_reading(round.id, later, audit(owner.id, "round.silent")).await.unwrap();
    assert_eq!(silent.silent_until, Some(later));
    let extra = user(store, "extra@example.com").await;
    store.add_reviewer(round.id, extra.id, ReviewerFunction::Legal, audit(owner.id, "reviewer.added")).await.unwrap();
    assert_eq!(store.round_reviewers(round.id).await.unwrap().len(), 2);

    let closed = store.close_round(round.id, audit(owner.id, "round.closed")).await.unwrap();
    assert!(closed.closed_at.is_some());
    assert_eq!(store.document(document.id).await.unwrap().status, DocumentStatus::Draft);
    assert!(matches!(store.close_round(round.id, audit(owner.id, "round.closed")).await, Err(StoreError::Invalid(_))));
    let next = store.open_round(document.id, 0, &[], audit(owner.id, "round.opened")).await.unwrap();
    assert_eq!(next.number, 2);
    assert_eq!(store.rounds(document.id).await.unwrap().len(), 2);
}

/// Comments: written in open rounds, resolved, re-anchored, counted in the portfolio.
pub async fn comments(store: &dyn Store) {
    let (owner, workspace, document) = workspace_with_document(store).await;
    let reviewer = user(store, "rev@example.com").await;
    let round = store
        .open_round(document.id, 0, &[(reviewer.id, ReviewerFunction::Engineering)], audit(owner.id, "round.opened"))
        .await
        .unwrap();
    let anchor = Anchor { section: "Press release".into(), quote: "v1".into(), start: 2, end: 4 };
    let new = |severity| NewComment {
        round_id: round.id,
        author_id: reviewer.id,
        ai_persona: None,
        anchor: anchor.clone(),
        kind: CommentKind::Question,
        severity,
        body: "What does it cost?".into(),
    };
    let critical =
        store.add_comment(new(CommentSeverity::Critical), audit(reviewer.id, "comment.added")).await.unwrap();
    assert_eq!((critical.revision, critical.status), (1, CommentStatus::Open));
    assert_eq!(critical.anchor, anchor);
    let minor = store.add_comment(new(CommentSeverity::Minor), audit(reviewer.id, "comment.added")).await.unwrap();
    let summary = &store.portfolio(workspace.id).await.unwrap()[0];
    assert_eq!((summary.open_comments, summary.open_critical_comments), (2, 1));

    let resolved = store
        .resolve_comment(
            critical.id,
            Resolution { status: CommentStatus::Declined, response: Some("Out of scope".into()), by: owner.id },
            audit(owner.id, "comment.resolved"),
        )
        .await
        .unwrap();
    assert_eq!(resolved.status, CommentStatus::Declined);
    assert_eq!(resolved.response.as_deref(), Some("Out of scope"));
    assert_eq!(resolved.resolved_by, Some(owner.id));
    let summary = &store.portfolio(workspace.id).await.unwrap()[0];
    assert_eq!((summary.open_comments, summary.open_critical_comments), (1, 0));

    let moved = Anchor { section: "Press release".into(), quote: "v1".into(), start: 10, end: 12 };
    store.reanchor_comment(minor.id, 2, Some(moved.clone())).await.unwrap();
    let minor = store.comment(minor.id).await.unwrap();
    assert_eq!((minor.revision, minor.anchor, minor.outdated), (2, moved, false));
    store.reanchor_comment(minor.id, 3, None).await.unwrap();
    assert!(store.comment(minor.id).await.unwrap().outdated);
    assert_eq!(store.comments(document.id).await.unwrap().len(), 2);

    let ai =
        NewComment { ai_persona: Some("Finance partner".into()), author_id: owner.id, ..new(CommentSeverity::Minor) };
    let ai = store.add_comment(ai, audit(owner.id, "comment.added")).await.unwrap();
    assert_eq!(store.comment(ai.id).await.unwrap().ai_persona.as_deref(), Some("Finance partner"));
    assert_eq!(store.comment(critical.id).await.unwrap().ai_persona, None);

    store.close_round(round.id, audit(owner.id, "round.closed")).await.unwrap();
    let late = store.add_comment(new(CommentSeverity::Minor), audit(reviewer.id, "comment.added")).await;
    assert!(matches!(late, Err(StoreError::Invalid(_))), "no comments in a closed round: {late:?}");
}

/// AI agent jobs: recorded running, ended once with a result or an error, listed by round.
pub async fn agent_jobs(store: &dyn Store) {
    let (owner, workspace, document) = workspace_with_document(store).await;
    let round = store.open_round(document.id, 0, &[], audit(owner.id, "round.opened")).await.unwrap();
    let new = |round_id| NewAgentJob {
        workspace_id: workspace.id,
        document_id: Some(document.id),
        round_id,
        kind: AgentJobKind::Review,
        requested_by: owner.id,
        input: "{\"personas\":[\"finance\"]}".into(),
    };
    let first = store.create_agent_job(new(Some(round.id)), audit(owner.id, "agent.review")).await.unwrap();
    assert_eq!((first.status, first.finished_at, first.kind), (AgentJobStatus::Running, None, AgentJobKind::Review));
    let second = store.create_agent_job(new(Some(round.id)), audit(owner.id, "agent.review")).await.unwrap();
    store.create_agent_job(new(None), audit(owner.id, "agent.review")).await.unwrap();
    let listed: Vec<AgentJobId> = store.round_agent_jobs(round.id).await.unwrap().iter().map(|j| j.id).collect();
    assert_eq!(listed, vec![second.id, first.id], "newest first, this round's only");

    let now = Timestamp::now();
    let done = store.finish_agent_job(first.id, Ok("{\"comments\":3}".into()), now).await.unwrap();
    assert_eq!(
        (done.status, done.result.as_deref(), done.error),
        (AgentJobStatus::Done, Some("{\"comments\":3}"), None)
    );
    let again = store.finish_agent_job(first.id, Err("late".into()), now).await.unwrap();
    assert_eq!(again.status, AgentJobStatus::Done, "an ended job stays as it ended");
    let failed = store.finish_agent_job(second.id, Err("endpoint down".into()), now).await.unwrap();
    assert_eq!((failed.status, failed.error.as_deref()), (AgentJobStatus::Failed, Some("endpoint down")));
    assert!(matches!(store.agent_job(AgentJobId(999_999)).await, Err(StoreError::NotFound(_))));
    store.record_event(workspace.id, None, audit(owner.id, "agent.settings")).await.unwrap();
    let log = store.audit_log(workspace.id, None, 10).await.unwrap();
    assert_eq!(log[0].action, "agent.settings");
    let unknown = NewAgentJob { workspace_id: WorkspaceId(999_999), ..new(None) };
    assert!(store.create_agent_job(unknown, audit(owner.id, "agent.review")).await.is_err());
}

/// Decisions: go freezes the north star, no-go archives for revisit, iterate goes back to draft.
pub async fn decisions(store: &dyn Store) {
    let (owner, workspace, document) = workspace_with_document(store).await;
    let decide = |outcome, revisit_on, revisit_condition: Option<&str>| NewDecision {
        revision: 1,
        decided_by: owner.id,
        outcome,
        rationale: "Customers asked for it".into(),
        conditions: "Pricing validated".into(),
        revisit_on,
        revisit_condition: revisit_condition.map(str::to_owned),
    };
    store
        .record_decision(document.id, decide(Outcome::Iterate, None, None), audit(owner.id, "decision"))
        .await
        .unwrap();
    assert_eq!(store.document(document.id).await.unwrap().status, DocumentStatus::Draft);

    let go = store.record_decision(document.id, decide(Outcome::Go, None, None), audit(owner.id, "decision")).await;
    assert_eq!(go.unwrap().outcome, Outcome::Go);
    let frozen = store.document(document.id).await.unwrap();
    assert_eq!((frozen.status, frozen.north_star), (DocumentStatus::Approved, Some(1)));
    store
        .save_revision(document.id, next_revision(owner.id, 1, "amended"), audit(owner.id, "revision.saved"))
        .await
        .unwrap();
    let amended = store.document(document.id).await.unwrap();
    assert_eq!((amended.head, amended.north_star, amended.status), (2, Some(1), DocumentStatus::Approved));

    let past = now() - SignedDuration::from_hours(1);
    let second = store
        .create_document(workspace.id, first_revision(owner.id, "# other\n"), audit(owner.id, "document.created"))
        .await
        .unwrap();
    store
        .record_decision(second.id, decide(Outcome::NoGo, Some(past), Some("A competitor ships")), audit(owner.id, "d"))
        .await
        .unwrap();
    let archived = store.document(second.id).await.unwrap();
    assert_eq!(archived.status, DocumentStatus::Archived);
    assert_eq!(archived.revisit_condition.as_deref(), Some("A competitor ships"));
    let due = store.due_for_revisit(workspace.id, now()).await.unwrap();
    assert_eq!(due.iter().map(|d| d.id).collect::<Vec<_>>(), [second.id]);
    assert!(store.due_for_revisit(workspace.id, past - SignedDuration::from_hours(1)).await.unwrap().len() == 1);
    assert_eq!(store.decisions(document.id).await.unwrap().len(), 2);
    let bad = NewDecision { revision: 9, ..decide(Outcome::Go, None, None) };
    assert!(matches!(
        store.record_decision(document.id, bad, audit(owner.id, "d")).await,
        Err(StoreError::NotFound(_))
    ));
}

/// Every state change leaves an audit entry, newest first.
pub async fn audit_log(store: &dyn Store) {
    let (owner, workspace, document) = workspace_with_document(store).await;
    store
        .save_revision(document.id, next_revision(owner.id, 1, "v2"), Audit::by(owner.id, "revision.saved", "rev 2"))
        .await
        .unwrap();
    let log = store.audit_log(workspace.id, Some(document.id), 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["revision.saved", "document.created"]);
    assert_eq!(log[0].detail, "rev 2");
    assert_eq!(log[0].actor_id, Some(owner.id));
    assert_eq!(log[0].document_id, Some(document.id));
    assert_eq!(store.audit_log(workspace.id, None, 1).await.unwrap().len(), 1, "the limit holds");
}

/// Wrong ids give `NotFound`, never a panic or a backend error.
pub async fn unknown_ids_are_not_found(store: &dyn Store) {
    let missing = DocumentId(999_999);
    assert!(matches!(store.user(UserId(999_999)).await, Err(StoreError::NotFound(_))));
    assert!(matches!(store.document(missing).await, Err(StoreError::NotFound(_))));
    assert!(matches!(store.workspace(WorkspaceId(999_999)).await, Err(StoreError::NotFound(_))));
    assert!(matches!(store.round(RoundId(999_999)).await, Err(StoreError::NotFound(_))));
    assert!(matches!(store.comment(CommentId(999_999)).await, Err(StoreError::NotFound(_))));
    let owner = user(store, "ada@example.com").await;
    let saved = store.save_revision(missing, next_revision(owner.id, 1, "x"), audit(owner.id, "revision.saved")).await;
    assert!(matches!(saved, Err(StoreError::NotFound(_))), "{saved:?}");
    let opened = store.open_round(missing, 0, &[], audit(owner.id, "round.opened")).await;
    assert!(matches!(opened, Err(StoreError::NotFound(_))), "{opened:?}");
}

fn evidence(fingerprint: &str, kind: &str, text: &str) -> NewEvidence {
    NewEvidence {
        fingerprint: fingerprint.to_owned(),
        kind: kind.to_owned(),
        source: "zendesk".to_owned(),
        source_ref: None,
        date: None,
        segment: None,
        customer: None,
        text: text.to_owned(),
    }
}

fn dated(mut item: NewEvidence, date: &str, segment: &str, customer: &str) -> NewEvidence {
    item.date = Some(date.to_owned());
    item.segment = Some(segment.to_owned());
    item.customer = Some(customer.to_owned());
    item
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

/// Three tickets about exports and two about other things, in a fresh workspace.
async fn evidence_workspace(store: &dyn Store) -> (User, Workspace) {
    let owner = user(store, "owner@example.com").await;
    let workspace = store.create_workspace("Product", owner.id).await.unwrap();
    let items = [
        dated(
            evidence("t1", "ticket", "The export to Excel is slow, exports take an hour every Monday."),
            "2024-01-10",
            "Enterprise",
            "Dana",
        ),
        dated(
            evidence("t2", "ticket", "Exporting the weekly report fails when the file is large."),
            "2024-02-10",
            "self-serve",
            "Lee",
        ),
        dated(
            evidence("t3", "forum", "I wish the dashboard loaded faster in the morning."),
            "2024-03-10",
            "enterprise",
            "Ana",
        ),
        dated(evidence("t4", "survey", "Slow export, slow export, slow export."), "2024-04-10", "enterprise", "Dana"),
        dated(evidence("t5", "call", "Billing is confusing for our finance team."), "2024-05-10", "enterprise", "Bo"),
    ];
    let summary = store
        .import_evidence(workspace.id, &items, Audit::by(owner.id, "evidence.imported", "tickets.csv"))
        .await
        .unwrap();
    assert_eq!(summary, ImportSummary { added: 5, updated: 0, unchanged: 0 });
    (owner, workspace)
}

/// Importing the same items again adds nothing; an edited item (same fingerprint, new text)
/// is updated; the import and its counts are in the audit log.
pub async fn evidence_import_is_idempotent(store: &dyn Store) {
    let (owner, workspace) = evidence_workspace(store).await;
    assert_eq!(store.evidence_count(workspace.id).await.unwrap(), 5);
    let again = [
        dated(
            evidence("t1", "ticket", "The export to Excel is slow, exports take an hour every Monday."),
            "2024-01-10",
            "Enterprise",
            "Dana",
        ),
        dated(
            evidence("t2", "ticket", "Exporting the weekly report fails when the file is over 10 MB."),
            "2024-02-10",
            "self-serve",
            "Lee",
        ),
        evidence("t6", "note", "Finance wants invoices as PDF."),
    ];
    let summary = store
        .import_evidence(workspace.id, &again, Audit::by(owner.id, "evidence.imported", "again.csv"))
        .await
        .unwrap();
    assert_eq!(summary, ImportSummary { added: 1, updated: 1, unchanged: 1 });
    assert_eq!(store.evidence_count(workspace.id).await.unwrap(), 6);
    let same = store.import_evidence(workspace.id, &again, Audit::by(owner.id, "evidence.imported", "again.csv")).await;
    assert_eq!(same.unwrap(), ImportSummary { added: 0, updated: 0, unchanged: 3 });
    let listed = store.evidence_items(workspace.id, &EvidenceFilter::default(), 100).await.unwrap();
    assert_eq!(listed.len(), 6);
    let edited = listed.iter().find(|i| i.text.contains("10 MB")).expect("the edited text is stored");
    assert!(edited.updated_at >= edited.created_at);
    assert!(!listed.iter().any(|i| i.text.contains("file is large")), "the old text is replaced, not kept beside");
    let found = store.search_evidence(workspace.id, &words("mb"), &EvidenceFilter::default(), 10).await.unwrap();
    assert_eq!(found.hits.len(), 1, "the index follows an updated text");
    let gone = store.search_evidence(workspace.id, &words("large"), &EvidenceFilter::default(), 10).await.unwrap();
    assert!(gone.hits.is_empty(), "the index forgets the old text: {gone:?}");
    let log = store.audit_log(workspace.id, None, 10).await.unwrap();
    assert_eq!(log[0].action, "evidence.imported");
    assert_eq!(log[0].detail, "again.csv: 0 added, 0 updated, 3 unchanged");
    assert_eq!(log[1].detail, "again.csv: 1 added, 1 updated, 1 unchanged");

    // The same item twice in one file: stored once, then compared with itself; a large file
    // keeps its order in the ids.
    let twice = [evidence("d1", "note", "First words."), evidence("d1", "note", "Second words.")];
    let summary = store.import_evidence(workspace.id, &twice, Audit::by(owner.id, "evidence.imported", "d")).await;
    assert_eq!(summary.unwrap(), ImportSummary { added: 1, updated: 1, unchanged: 0 });
    let large: Vec<NewEvidence> =
        (0..1200).map(|n| evidence(&format!("big{n}"), "review", &format!("Review number {n}."))).collect();
    let summary = store.import_evidence(workspace.id, &large, Audit::by(owner.id, "evidence.imported", "big")).await;
    assert_eq!(summary.unwrap(), ImportSummary { added: 1200, updated: 0, unchanged: 0 });
    let listed = store.evidence_items(workspace.id, &EvidenceFilter::default(), 1200).await.unwrap();
    let texts: Vec<&str> = listed.iter().rev().map(|i| i.text.as_str()).collect();
    let expected: Vec<String> = (0..1200).map(|n| format!("Review number {n}.")).collect();
    assert_eq!(texts, expected, "ids follow the file's order");
    let mut edited = large.clone();
    edited[700].text = "Review number 700, edited.".into();
    let summary = store.import_evidence(workspace.id, &edited, Audit::by(owner.id, "evidence.imported", "big")).await;
    assert_eq!(summary.unwrap(), ImportSummary { added: 0, updated: 1, unchanged: 1199 });
    let count = store.evidence_count(workspace.id).await.unwrap();

    let observed = evidence("o1", "observation", "She looked for the export button under Share.");
    let first = store.add_evidence(workspace.id, observed.clone(), Audit::by(owner.id, "evidence.observed", "")).await;
    let first = first.unwrap();
    assert_eq!(first.kind, "observation");
    let second = store.add_evidence(workspace.id, observed, Audit::by(owner.id, "evidence.observed", "")).await;
    assert_eq!(second.unwrap().id, first.id, "the same observation twice is one item");
    assert_eq!(store.evidence_count(workspace.id).await.unwrap(), count + 1);
    assert_eq!(store.audit_log(workspace.id, None, 1).await.unwrap()[0].action, "evidence.observed");
}

/// An import that fails part-way stores none of its items, and writes no audit entry.
pub async fn evidence_failed_import_stores_nothing(store: &dyn Store) {
    let (owner, workspace) = evidence_workspace(store).await;
    let entries = store.audit_log(workspace.id, None, 100).await.unwrap().len();
    let items = [
        evidence("n1", "ticket", "A brand new complaint about invoices."),
        evidence("t1", "ticket", "An edit of a known item that must not survive either."),
        evidence("n2", "ticket", "   "),
    ];
    let failed = store.import_evidence(workspace.id, &items, Audit::by(owner.id, "evidence.imported", "bad.csv")).await;
    assert!(matches!(failed, Err(StoreError::Invalid(_))), "{failed:?}");
    assert_eq!(store.evidence_count(workspace.id).await.unwrap(), 5);
    let invoices = store.search_evidence(workspace.id, &words("invoices"), &EvidenceFilter::default(), 10).await;
    assert!(invoices.unwrap().hits.is_empty(), "nothing of the failed import is searchable");
    let known = store.evidence_items(workspace.id, &EvidenceFilter::default(), 100).await.unwrap();
    assert!(!known.iter().any(|i| i.text.contains("must not survive")));
    assert_eq!(store.audit_log(workspace.id, None, 100).await.unwrap().len(), entries);
    // A large file is written in several statements: one that fails late takes back the
    // earlier ones too.
    let mut large: Vec<NewEvidence> =
        (0..1200).map(|n| evidence(&format!("big{n}"), "review", &format!("Review {n} about invoices."))).collect();
    large[1100].text = " ".into();
    let failed = store.import_evidence(workspace.id, &large, Audit::by(owner.id, "evidence.imported", "big.csv")).await;
    assert!(matches!(failed, Err(StoreError::Invalid(_))), "{failed:?}");
    assert_eq!(store.evidence_count(workspace.id).await.unwrap(), 5, "none of the 1,100 good rows stayed");
    let nowhere =
        store.import_evidence(WorkspaceId(999_999), &items[..1], Audit::by(owner.id, "evidence.imported", "x")).await;
    assert!(matches!(nowhere, Err(StoreError::NotFound(_))), "{nowhere:?}");
}

/// Search: stemmed words, every word required unless no item has them all, ranked by how
/// much an item is about the words, with snippets marking them; filters by kind, segment and
/// date.
pub async fn evidence_search_ranks_and_filters(store: &dyn Store) {
    let (_, workspace) = evidence_workspace(store).await;
    let all = EvidenceFilter::default();
    let found = store.search_evidence(workspace.id, &words("export slow"), &all, 10).await.unwrap();
    assert!(found.all_words);
    let texts: Vec<&str> = found.hits.iter().map(|h| h.item.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].starts_with("Slow export, slow export"), "the item most about the words ranks first: {texts:?}");
    assert!(found.hits[0].score > found.hits[1].score);
    let snippet = &found.hits[1].snippet;
    assert!(snippet.contains(&format!("{HIT_START}export")) && snippet.contains(HIT_END), "{snippet:?}");

    let stemmed = store.search_evidence(workspace.id, &words("exported"), &all, 10).await.unwrap();
    assert_eq!(stemmed.hits.len(), 3, "`exported` finds export, exports and exporting: {stemmed:?}");

    let fallback = store.search_evidence(workspace.id, &words("dashboard billing"), &all, 10).await.unwrap();
    assert!(!fallback.all_words, "no item has both words, so items with either are shown");
    assert_eq!(fallback.hits.len(), 2);

    let odd = store.search_evidence(workspace.id, &words("\"export\" OR -slow* (NEAR"), &all, 10).await.unwrap();
    assert!(!odd.hits.is_empty(), "query syntax in the input is read as words");
    let nothing = store.search_evidence(workspace.id, &words("zebra"), &all, 10).await.unwrap();
    assert!(nothing.hits.is_empty());
    assert!(store.search_evidence(workspace.id, &[], &all, 10).await.unwrap().hits.is_empty());

    let tickets = EvidenceFilter { kind: Some("ticket".into()), ..EvidenceFilter::default() };
    let found = store.search_evidence(workspace.id, &words("export"), &tickets, 10).await.unwrap();
    assert_eq!(found.hits.len(), 2);
    assert!(found.hits.iter().all(|h| h.item.kind == "ticket"));
    let enterprise = EvidenceFilter { segment: Some("ENTERPRISE".into()), ..EvidenceFilter::default() };
    let found = store.search_evidence(workspace.id, &words("export"), &enterprise, 10).await.unwrap();
    assert_eq!(found.hits.len(), 2, "the segment is compared without case");
    let since = EvidenceFilter { since: Some("2024-02-01".into()), ..EvidenceFilter::default() };
    let found = store.search_evidence(workspace.id, &words("export"), &since, 10).await.unwrap();
    assert_eq!(found.hits.len(), 2);
    assert_eq!(store.search_evidence(workspace.id, &words("export"), &all, 1).await.unwrap().hits.len(), 1);

    let listed = store.evidence_items(workspace.id, &enterprise, 100).await.unwrap();
    assert_eq!(listed.len(), 4);
    assert!(listed.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    let both = EvidenceFilter { kind: Some("ticket".into()), since: Some("2024-02-01".into()), segment: None };
    let listed = store.evidence_items(workspace.id, &both, 100).await.unwrap();
    assert_eq!(listed.iter().map(|i| i.customer.as_deref()).collect::<Vec<_>>(), [Some("Lee")]);
    assert_eq!(store.evidence_items(workspace.id, &all, 2).await.unwrap().len(), 2);
}

/// The items a quote may come from: those sharing its content words, best first, at most 40.
pub async fn evidence_quote_candidates(store: &dyn Store) {
    let (owner, workspace) = evidence_workspace(store).await;
    let found = store.evidence_quote_candidates(workspace.id, &words("export slow monday hour")).await.unwrap();
    assert!(found.len() >= 2, "{found:?}");
    assert_eq!(found[0].customer.as_deref(), Some("Dana"));
    assert!(found[0].text.contains("Monday") || found[0].text.starts_with("Slow export"), "{found:?}");
    assert!(!found.iter().any(|i| i.text.contains("Billing")));
    assert!(store.evidence_quote_candidates(workspace.id, &[]).await.unwrap().is_empty());
    let many: Vec<NewEvidence> =
        (0..50).map(|n| evidence(&format!("m{n}"), "review", &format!("Review {n}: invoices are slow."))).collect();
    store.import_evidence(workspace.id, &many, Audit::by(owner.id, "evidence.imported", "many")).await.unwrap();
    let capped = store.evidence_quote_candidates(workspace.id, &words("invoices slow")).await.unwrap();
    assert_eq!(capped.len(), 40, "at most 40 candidates");
}

/// Items belong to one workspace: another workspace neither finds, lists, counts nor reads
/// them by id, and the same fingerprint there is a separate item.
pub async fn evidence_stays_in_its_workspace(store: &dyn Store) {
    let (owner, workspace) = evidence_workspace(store).await;
    let other = store.create_workspace("Other", owner.id).await.unwrap();
    let ids: Vec<EvidenceId> = store
        .evidence_items(workspace.id, &EvidenceFilter::default(), 100)
        .await
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(store.evidence_count(other.id).await.unwrap(), 0);
    assert!(store.evidence_by_ids(other.id, &ids).await.unwrap().is_empty());
    let all = EvidenceFilter::default();
    assert!(store.search_evidence(other.id, &words("export"), &all, 10).await.unwrap().hits.is_empty());
    assert!(store.evidence_quote_candidates(other.id, &words("export")).await.unwrap().is_empty());
    let mine = store.evidence_by_ids(workspace.id, &[ids[0], EvidenceId(999_999), ids[2], ids[0]]).await.unwrap();
    let mut expected = vec![ids[0], ids[2]];
    expected.sort();
    assert_eq!(mine.iter().map(|i| i.id).collect::<Vec<_>>(), expected, "known ids once each, in id order");
    let copy = [evidence("t1", "ticket", "The export to Excel is slow, exports take an hour every Monday.")];
    let summary = store.import_evidence(other.id, &copy, Audit::by(owner.id, "evidence.imported", "x")).await.unwrap();
    assert_eq!(summary.added, 1, "a fingerprint is unique per workspace, not across them");
}

/// Who edits in a workspace: owners and authors of its documents.
pub async fn evidence_editors(store: &dyn Store) {
    let (owner, workspace, document) = workspace_with_document(store).await;
    let reviewer = user(store, "reviewer@example.com").await;
    let author = user(store, "author@example.com").await;
    for someone in [&reviewer, &author] {
        store.set_member(workspace.id, someone.id, WorkspaceRole::Member, audit(owner.id, "m")).await.unwrap();
    }
    store.set_document_role(document.id, reviewer.id, DocumentRole::Reviewer, audit(owner.id, "r")).await.unwrap();
    store.set_document_role(document.id, author.id, DocumentRole::Author, audit(owner.id, "r")).await.unwrap();
    assert!(store.edits_in_workspace(workspace.id, owner.id).await.unwrap());
    assert!(store.edits_in_workspace(workspace.id, author.id).await.unwrap());
    assert!(!store.edits_in_workspace(workspace.id, reviewer.id).await.unwrap());
    let other = store.create_workspace("Other", reviewer.id).await.unwrap();
    assert!(!store.edits_in_workspace(other.id, owner.id).await.unwrap());
}
