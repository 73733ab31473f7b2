//! The storage of the prfaq web app: the records it keeps and the [`Store`] trait a database
//! backend implements. No SQL here: `prfaq-store-sqlite` and `prfaq-store-postgres` each
//! implement the trait with their own migrations, and `conformance` (feature `conformance`)
//! is the one suite both must pass.
//!
//! Rules every backend keeps:
//! - Revisions are immutable and numbered 1, 2, 3, … per document; a save names the revision it
//!   was based on and is refused with [`StoreError::Conflict`] unless that is still the head, so
//!   of two concurrent saves exactly one wins.
//! - Every state change of a document and its audit entry are written in one transaction.
//! - Nothing lives only in process memory: several servers may share one database.

mod model;
mod text_enum;

#[cfg(feature = "conformance")]
pub mod conformance;

pub use jiff::Timestamp;
pub use model::*;

/// A word stored for an enum that names none of its variants.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{word}` (expected one of: {expected})")]
pub struct UnknownWord {
    /// The enum's name.
    pub kind: &'static str,
    /// The word found.
    pub word: String,
    /// The words allowed.
    pub expected: String,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A save was based on a revision that is no longer the latest.
    #[error("the document is at revision {current}; this save was based on revision {base}")]
    Conflict {
        /// The revision the save was based on.
        base: i64,
        /// The document's latest revision now.
        current: i64,
    },
    /// A record with the same unique key exists (an e-mail address, a session id).
    #[error("{0} already exists")]
    Duplicate(&'static str),
    /// The operation does not apply to the record in its current state.
    #[error("{0}")]
    Invalid(String),
    /// The database failed or is unreachable.
    #[error("database error")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The database holds a value this version cannot read.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
}

impl From<UnknownWord> for StoreError {
    fn from(error: UnknownWord) -> Self {
        StoreError::Corrupt(error.to_string())
    }
}

/// A store result.
pub type StoreResult<T> = Result<T, StoreError>;

/// Who did a state change and what to write in the audit log about it. The backend adds the
/// workspace, the document and the time.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Who (none for the system).
    pub actor: Option<UserId>,
    /// What, a dotted word such as `revision.saved`.
    pub action: String,
    /// Details for people reading the log.
    pub detail: String,
}

impl Audit {
    /// An entry by `actor`.
    pub fn by(actor: UserId, action: &str, detail: impl Into<String>) -> Self {
        Audit { actor: Some(actor), action: action.to_owned(), detail: detail.into() }
    }
}

/// A reviewer's reading progress event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Opened the document in the round (kept only the first time).
    Started,
    /// Scrolled to the end (kept only the first time).
    ReachedEnd,
}

/// How a comment was resolved.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The new status (anything but `Open` resolves; `Open` reopens).
    pub status: CommentStatus,
    /// The author's response.
    pub response: Option<String>,
    /// Who resolved it.
    pub by: UserId,
}

/// The database behind the web app. Implemented by `prfaq-store-sqlite` and
/// `prfaq-store-postgres`; object-safe so the server holds an `Arc<dyn Store>`.
#[async_trait::async_trait]
pub trait Store: Send + Sync + 'static {
    /// The backend's name, e.g. `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    // --- settings ---

    /// A stored setting.
    async fn setting(&self, key: &str) -> StoreResult<Option<String>>;
    /// Stores a setting, replacing any previous value.
    async fn set_setting(&self, key: &str, value: &str) -> StoreResult<()>;
    /// Deletes a setting; true when one was deleted. Used to consume one-time secrets.
    async fn take_setting(&self, key: &str, value: &str) -> StoreResult<bool>;

    // --- users ---

    /// How many accounts exist.
    async fn user_count(&self) -> StoreResult<i64>;
    /// Creates an account; [`StoreError::Duplicate`] when the e-mail is taken.
    async fn create_user(&self, user: NewUser) -> StoreResult<User>;
    /// An account by id.
    async fn user(&self, id: UserId) -> StoreResult<User>;
    /// An account by e-mail (already lowercased).
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>>;

    // --- sessions (the web session store) ---

    /// Stores a new session; [`StoreError::Duplicate`] when the id exists.
    async fn create_session(&self, id: &str, data: &str, expires_at: Timestamp) -> StoreResult<()>;
    /// Creates or replaces a session.
    async fn save_session(&self, id: &str, data: &str, expires_at: Timestamp) -> StoreResult<()>;
    /// A session's data, unless missing or expired at `now`.
    async fn load_session(&self, id: &str, now: Timestamp) -> StoreResult<Option<String>>;
    /// Deletes a session.
    async fn delete_session(&self, id: &str) -> StoreResult<()>;
    /// Deletes sessions expired at `now`; returns how many.
    async fn delete_expired_sessions(&self, now: Timestamp) -> StoreResult<u64>;

    // --- failed sign-ins (the rate limiter, shared by every server on the database) ---

    /// Notes a failed sign-in for `key` at `now` and forgets every failure (of any key) before
    /// `since`; returns how many failures `key` has at or after `since`.
    async fn record_sign_in_failure(&self, key: &str, now: Timestamp, since: Timestamp) -> StoreResult<i64>;
    /// How many failed sign-ins `key` has at or after `since`.
    async fn sign_in_failures(&self, key: &str, since: Timestamp) -> StoreResult<i64>;
    /// Forgets `key`'s failed sign-ins (after a successful one).
    async fn clear_sign_in_failures(&self, key: &str) -> StoreResult<()>;

    // --- API tokens ---

    /// Stores a token (its hash only) for `user`.
    async fn create_api_token(&self, user: UserId, name: &str, token_hash: &str) -> StoreResult<ApiToken>;
    /// The user a token acts as, noting its use; none for an unknown or revoked token.
    async fn user_by_api_token(&self, token_hash: &str, now: Timestamp) -> StoreResult<Option<User>>;
    /// A user's live tokens.
    async fn api_tokens(&self, user: UserId) -> StoreResult<Vec<ApiToken>>;
    /// Revokes one of `user`'s tokens.
    async fn revoke_api_token(&self, user: UserId, id: TokenId) -> StoreResult<()>;

    // --- workspaces and invitations ---

    /// Creates a workspace with `creator` as its admin.
    async fn create_workspace(&self, name: &str, creator: UserId) -> StoreResult<Workspace>;
    /// A workspace by id.
    async fn workspace(&self, id: WorkspaceId) -> StoreResult<Workspace>;
    /// The workspaces `user` belongs to.
    async fn memberships(&self, user: UserId) -> StoreResult<Vec<Membership>>;
    /// `user`'s role in `workspace`, if a member.
    async fn workspace_role(&self, workspace: WorkspaceId, user: UserId) -> StoreResult<Option<WorkspaceRole>>;
    /// The members of a workspace.
    async fn members(&self, workspace: WorkspaceId) -> StoreResult<Vec<Member>>;
    /// Adds a member or changes their role.
    async fn set_member(
        &self,
        workspace: WorkspaceId,
        user: UserId,
        role: WorkspaceRole,
        audit: Audit,
    ) -> StoreResult<()>;
    /// Stores an invitation.
    async fn create_invitation(&self, invitation: NewInvitation, audit: Audit) -> StoreResult<Invitation>;
    /// An invitation by its token's hash.
    async fn invitation_by_token(&self, token_hash: &str) -> StoreResult<Option<Invitation>>;
    /// Accepts an invitation for `user`: joins the workspace (as a member unless already one)
    /// and takes the document role it carries. Refused when expired or already accepted.
    async fn accept_invitation(
        &self,
        id: InvitationId,
        user: UserId,
        now: Timestamp,
        audit: Audit,
    ) -> StoreResult<Invitation>;

    // --- documents and revisions ---

    /// Creates a document with its first revision (`first.base` is 0); its author becomes the
    /// owner.
    async fn create_document(&self, workspace: WorkspaceId, first: NewRevision, audit: Audit) -> StoreResult<Document>;
    /// A document by id.
    async fn document(&self, id: DocumentId) -> StoreResult<Document>;
    /// Every document of a workspace with its latest figures, newest first.
    async fn portfolio(&self, workspace: WorkspaceId) -> StoreResult<Vec<DocumentSummary>>;
    /// `user`'s role on `document`, if any.
    async fn document_role(&self, document: DocumentId, user: UserId) -> StoreResult<Option<DocumentRole>>;
    /// Gives `user` a role on `document` (replacing any other).
    async fn set_document_role(
        &self,
        document: DocumentId,
        user: UserId,
        role: DocumentRole,
        audit: Audit,
    ) -> StoreResult<()>;
    /// Everyone with a role on `document`.
    async fn document_people(&self, document: DocumentId) -> StoreResult<Vec<(User, DocumentRole)>>;
    /// Saves a new revision based on `revision.base`; [`StoreError::Conflict`] unless the base
    /// is still the head. On a document frozen by "go", the save is an amendment (the north star
    /// stays).
    async fn save_revision(&self, document: DocumentId, revision: NewRevision, audit: Audit) -> StoreResult<Revision>;
    /// One revision, with its text.
    async fn revision(&self, document: DocumentId, number: i64) -> StoreResult<Revision>;
    /// Every revision of a document, oldest first, without texts.
    async fn revisions(&self, document: DocumentId) -> StoreResult<Vec<RevisionSummary>>;

    // --- review rounds ---

    /// Opens a round on the document's head revision with these reviewers (each gets the
    /// reviewer role on the document unless they have a role already). Refused while another
    /// round is open.
    async fn open_round(
        &self,
        document: DocumentId,
        min_read_seconds: i64,
        reviewers: &[(UserId, ReviewerFunction)],
        audit: Audit,
    ) -> StoreResult<Round>;
    /// A round by id.
    async fn round(&self, id: RoundId) -> StoreResult<Round>;
    /// The rounds of a document, oldest first.
    async fn rounds(&self, document: DocumentId) -> StoreResult<Vec<Round>>;
    /// The reviewers of a round.
    async fn round_reviewers(&self, round: RoundId) -> StoreResult<Vec<RoundReviewer>>;
    /// Adds a reviewer to an open round.
    async fn add_reviewer(
        &self,
        round: RoundId,
        user: UserId,
        function: ReviewerFunction,
        audit: Audit,
    ) -> StoreResult<()>;
    /// Records a reviewer's reading progress (the first time of each event counts).
    async fn record_reading(
        &self,
        round: RoundId,
        user: UserId,
        event: Reading,
        now: Timestamp,
    ) -> StoreResult<RoundReviewer>;
    /// Marks a reviewer's critique submitted.
    async fn submit_review(&self, round: RoundId, user: UserId, audit: Audit) -> StoreResult<RoundReviewer>;
    /// Meeting mode: comments open at `until`.
    async fn start_silent_reading(&self, round: RoundId, until: Timestamp, audit: Audit) -> StoreResult<Round>;
    /// Closes a round; the document returns to draft unless decided.
    async fn close_round(&self, round: RoundId, audit: Audit) -> StoreResult<Round>;

    // --- comments ---

    /// Writes a comment in an open round, anchored in the round's revision.
    async fn add_comment(&self, comment: NewComment, audit: Audit) -> StoreResult<Comment>;
    /// A comment by id.
    async fn comment(&self, id: CommentId) -> StoreResult<Comment>;
    /// Every comment on a document, oldest first.
    async fn comments(&self, document: DocumentId) -> StoreResult<Vec<Comment>>;
    /// Resolves (or reopens) a comment.
    async fn resolve_comment(&self, id: CommentId, resolution: Resolution, audit: Audit) -> StoreResult<Comment>;
    /// Moves a comment's anchor to a later revision, or marks it outdated (anchor `None`).
    async fn reanchor_comment(&self, id: CommentId, revision: i64, anchor: Option<Anchor>) -> StoreResult<()>;

    // --- decisions ---

    /// Records a decision and applies it: go freezes the revision as the north star, no-go
    /// archives with the revisit trigger, iterate returns the document to draft.
    async fn record_decision(&self, document: DocumentId, decision: NewDecision, audit: Audit)
    -> StoreResult<Decision>;
    /// The decisions on a document, oldest first.
    async fn decisions(&self, document: DocumentId) -> StoreResult<Vec<Decision>>;
    /// Archived documents of a workspace whose revisit date is at or before `now`, or that
    /// have a revisit condition to watch.
    async fn due_for_revisit(&self, workspace: WorkspaceId, now: Timestamp) -> StoreResult<Vec<Document>>;

    // --- AI agents ---

    /// Records a new job as running.
    async fn create_agent_job(&self, job: NewAgentJob, audit: Audit) -> StoreResult<AgentJob>;
    /// A job by id.
    async fn agent_job(&self, id: AgentJobId) -> StoreResult<AgentJob>;
    /// Ends a running job with its result (JSON) or its error; a job already ended is left as
    /// it is and returned unchanged.
    async fn finish_agent_job(
        &self,
        id: AgentJobId,
        outcome: Result<String, String>,
        now: Timestamp,
    ) -> StoreResult<AgentJob>;
    /// The jobs of a round, newest first.
    async fn round_agent_jobs(&self, round: RoundId) -> StoreResult<Vec<AgentJob>>;

    // --- evidence ---

    /// Stores `items` in `workspace` in one transaction: an item whose fingerprint the workspace
    /// knows is updated when its text, date, segment or customer changed and left alone
    /// otherwise; the rest are added. The audit entry (action `audit.action`, its detail followed
    /// by the counts) is written in the same transaction. When anything fails nothing is stored;
    /// an item with empty text is [`StoreError::Invalid`].
    async fn import_evidence(
        &self,
        workspace: WorkspaceId,
        items: &[NewEvidence],
        audit: Audit,
    ) -> StoreResult<ImportSummary>;
    /// Stores one item (an observation typed in) as [`Store::import_evidence`] would, and
    /// returns it as stored.
    async fn add_evidence(&self, workspace: WorkspaceId, item: NewEvidence, audit: Audit) -> StoreResult<EvidenceItem>;
    /// How many evidence items `workspace` holds.
    async fn evidence_count(&self, workspace: WorkspaceId) -> StoreResult<i64>;
    /// The items of `workspace` with these ids, in id order; ids of other workspaces' items and
    /// unknown ids are left out.
    async fn evidence_by_ids(&self, workspace: WorkspaceId, ids: &[EvidenceId]) -> StoreResult<Vec<EvidenceItem>>;
    /// The items of `workspace` that `filter` lets through, newest id first, at most `limit`.
    async fn evidence_items(
        &self,
        workspace: WorkspaceId,
        filter: &EvidenceFilter,
        limit: i64,
    ) -> StoreResult<Vec<EvidenceItem>>;
    /// The `limit` items of `workspace` that best match `words` (lower-case words of letters,
    /// digits and inner apostrophes; the database stems them): the items with every word, or,
    /// when none has them all, the items with any of them ([`EvidenceFound::all_words`] says
    /// which).
    async fn search_evidence(
        &self,
        workspace: WorkspaceId,
        words: &[String],
        filter: &EvidenceFilter,
        limit: i64,
    ) -> StoreResult<EvidenceFound>;
    /// The items of `workspace` a quote may come from: at most 40 sharing the most of its
    /// content `words`, best first. Whether one really holds the quote is for the caller to
    /// decide.
    async fn evidence_quote_candidates(
        &self,
        workspace: WorkspaceId,
        words: &[String],
    ) -> StoreResult<Vec<EvidenceItem>>;
    /// True when `user` is an owner or author of at least one document of `workspace`.
    async fn edits_in_workspace(&self, workspace: WorkspaceId, user: UserId) -> StoreResult<bool>;

    // --- audit ---

    /// Writes an entry of the audit log for a change made outside the other methods (a
    /// setting).
    async fn record_event(&self, workspace: WorkspaceId, document: Option<DocumentId>, audit: Audit)
    -> StoreResult<()>;

    /// The audit log of a workspace (or of one document), newest first.
    async fn audit_log(
        &self,
        workspace: WorkspaceId,
        document: Option<DocumentId>,
        limit: i64,
    ) -> StoreResult<Vec<AuditEvent>>;
}
