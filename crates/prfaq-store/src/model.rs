//! The records the web app stores: people, workspaces, documents and their revisions, review
//! rounds and comments, decisions, and the audit log.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::text_enum::text_enum;

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

id_type!(
    /// A user account.
    UserId,
    /// A workspace: a team's set of documents and members.
    WorkspaceId,
    /// A PR/FAQ document.
    DocumentId,
    /// A review round on one revision of a document.
    RoundId,
    /// A reviewer's comment.
    CommentId,
    /// A recorded decision.
    DecisionId,
    /// An API token.
    TokenId,
    /// An invitation link.
    InvitationId,
    /// An entry of the audit log.
    AuditId,
    /// A job of the AI agents.
    AgentJobId,
);

text_enum!(
    /// What a member may do in a workspace as a whole.
    WorkspaceRole {
        /// Manages members and invitations, and may act on every document.
        Admin = "admin",
        /// Creates documents and takes the roles given on each.
        Member = "member",
    }
);

text_enum!(
    /// What a person may do with one document.
    DocumentRole {
        /// Created the document: everything an author may, plus sharing.
        Owner = "owner",
        /// Edits, opens review rounds, resolves comments.
        Author = "author",
        /// Reads and comments in the rounds they are invited to.
        Reviewer = "reviewer",
        /// Records go / no-go / iterate.
        DecisionMaker = "decision_maker",
        /// Reads.
        Viewer = "viewer",
    }
);

impl DocumentRole {
    /// May edit the text, open rounds and resolve comments.
    pub fn can_edit(self) -> bool {
        matches!(self, DocumentRole::Owner | DocumentRole::Author)
    }

    /// May record decisions.
    pub fn can_decide(self) -> bool {
        matches!(self, DocumentRole::Owner | DocumentRole::DecisionMaker)
    }

    /// May change who has which role.
    pub fn can_share(self) -> bool {
        self == DocumentRole::Owner
    }
}

text_enum!(
    /// Where a document stands in the method.
    DocumentStatus {
        /// Being written; no round open.
        Draft = "draft",
        /// A review round is open.
        InReview = "in_review",
        /// "Go": a revision is frozen as the north star.
        Approved = "approved",
        /// "No-go": archived with a revisit trigger.
        Archived = "archived",
    }
);

text_enum!(
    /// The function a reviewer reviews for.
    ReviewerFunction {
        /// Engineering.
        Engineering = "engineering",
        /// Finance.
        Finance = "finance",
        /// Legal.
        Legal = "legal",
        /// Marketing.
        Marketing = "marketing",
        /// Design.
        Design = "design",
        /// Customer support.
        Support = "support",
        /// Leadership.
        Leadership = "leadership",
        /// A customer.
        Customer = "customer",
    }
);

text_enum!(
    /// What a comment is.
    CommentKind {
        /// Asks something the document does not answer.
        Question = "question",
        /// Doubts something the document says.
        Concern = "concern",
        /// Names an assumption the document makes.
        Assumption = "assumption",
        /// Proposes a change.
        Suggestion = "suggestion",
        /// Says what works.
        Praise = "praise",
    }
);

text_enum!(
    /// How much a comment matters.
    CommentSeverity {
        /// Blocks a decision.
        Critical = "critical",
        /// Should be addressed before a decision.
        Important = "important",
        /// Nice to address.
        Minor = "minor",
    }
);

text_enum!(
    /// Where a comment stands.
    CommentStatus {
        /// Not resolved yet.
        Open = "open",
        /// Accepted: it led to a change.
        Accepted = "accepted",
        /// Answered by a new or changed FAQ entry.
        AnsweredInFaq = "answered_in_faq",
        /// Deferred to later.
        Deferred = "deferred",
        /// Declined, with a reason.
        Declined = "declined",
    }
);

text_enum!(
    /// The outcome of a decision.
    Outcome {
        /// Build it: the revision becomes the north star.
        Go = "go",
        /// Do not build it now: archive with a revisit trigger.
        NoGo = "no_go",
        /// Revise and review again.
        Iterate = "iterate",
    }
);

/// A user account. The password hash is never serialised.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Sign-in name, stored lowercase.
    pub email: String,
    /// Display name.
    pub name: String,
    /// PHC string of the password hash (argon2id); opaque to the store.
    #[serde(skip)]
    pub password_hash: String,
    /// Whether the account administers the installation.
    pub is_admin: bool,
    /// When the account was created.
    pub created_at: Timestamp,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("name", &self.name)
            .field("password_hash", &"<redacted>")
            .field("is_admin", &self.is_admin)
            .finish()
    }
}

/// What is needed to create a user.
#[derive(Clone)]
pub struct NewUser {
    /// Sign-in name (lowercased by the caller).
    pub email: String,
    /// Display name.
    pub name: String,
    /// PHC string of the password hash.
    pub password_hash: String,
    /// Whether the account administers the installation.
    pub is_admin: bool,
}

/// A workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Workspace {
    /// Its id.
    pub id: WorkspaceId,
    /// Display name.
    pub name: String,
    /// When it was created.
    pub created_at: Timestamp,
}

/// A user's membership of a workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// The workspace.
    pub workspace: Workspace,
    /// The member's role in it.
    pub role: WorkspaceRole,
}

/// A member of a workspace, as listed to its admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The user.
    pub user: User,
    /// The role in the workspace.
    pub role: WorkspaceRole,
}

/// An API token for scripts. Only a hash of the secret is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// Its id.
    pub id: TokenId,
    /// The user it acts as.
    pub user_id: UserId,
    /// What the user called it.
    pub name: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it was last used, if ever.
    pub last_used_at: Option<Timestamp>,
}

/// An invitation by link: to a workspace, and optionally to one document with a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    /// Its id.
    pub id: InvitationId,
    /// The workspace joined on acceptance.
    pub workspace_id: WorkspaceId,
    /// The document shared on acceptance, if any.
    pub document_id: Option<DocumentId>,
    /// The role on that document.
    pub document_role: Option<DocumentRole>,
    /// Who created it.
    pub created_by: UserId,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// Who accepted it, once accepted.
    pub accepted_by: Option<UserId>,
}

/// What is needed to create an invitation; the token's hash identifies it.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// Hash of the secret in the link.
    pub token_hash: String,
    /// The workspace joined on acceptance.
    pub workspace_id: WorkspaceId,
    /// The document shared on acceptance, with the role.
    pub document: Option<(DocumentId, DocumentRole)>,
    /// Who creates it.
    pub created_by: UserId,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// A PR/FAQ document: its current state. The text lives in its revisions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Its id.
    pub id: DocumentId,
    /// The workspace it belongs to.
    pub workspace_id: WorkspaceId,
    /// Title (the headline of the latest revision, or what the author typed).
    pub title: String,
    /// Where it stands.
    pub status: DocumentStatus,
    /// The number of the latest revision (1 for a new document).
    pub head: i64,
    /// The revision frozen by a "go" decision.
    pub north_star: Option<i64>,
    /// A no-go's revisit date.
    pub revisit_on: Option<Timestamp>,
    /// A no-go's revisit condition.
    pub revisit_condition: Option<String>,
    /// Who created it.
    pub created_by: UserId,
    /// When it was created.
    pub created_at: Timestamp,
    /// When its last revision or state change happened.
    pub updated_at: Timestamp,
}

/// What the critique engine said of a revision, stored with it for listings and charts.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RevisionMetrics {
    /// 0–100 score.
    pub score: i64,
    /// Error findings.
    pub errors: i64,
    /// Warning findings.
    pub warnings: i64,
    /// Open placeholders (TBDs).
    pub placeholders: i64,
    /// Words.
    pub words: i64,
}

/// One saved version of a document's text. Immutable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    /// The document.
    pub document_id: DocumentId,
    /// 1, 2, 3, … in order of saving.
    pub number: i64,
    /// The Markdown text.
    pub markdown: String,
    /// Who saved it.
    pub author_id: UserId,
    /// When it was saved.
    pub created_at: Timestamp,
    /// The engine's figures for it.
    pub metrics: RevisionMetrics,
    /// "structural" or "refinement" relative to the previous revision; none for the first.
    pub change_class: Option<String>,
}

/// A revision without its text, for lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionSummary {
    /// 1, 2, 3, …
    pub number: i64,
    /// Who saved it.
    pub author_id: UserId,
    /// When.
    pub created_at: Timestamp,
    /// The engine's figures.
    pub metrics: RevisionMetrics,
    /// "structural" or "refinement" relative to the previous revision.
    pub change_class: Option<String>,
}

/// What is needed to save a revision.
#[derive(Debug, Clone)]
pub struct NewRevision {
    /// The revision the author started from; the save is refused unless it is still the head.
    pub base: i64,
    /// The Markdown text.
    pub markdown: String,
    /// Who saves it.
    pub author_id: UserId,
    /// The title to show for the document from now on.
    pub title: String,
    /// The engine's figures.
    pub metrics: RevisionMetrics,
    /// "structural" or "refinement" relative to the base.
    pub change_class: Option<String>,
}

/// A document in a portfolio listing: its state and its latest figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentSummary {
    /// The document.
    pub document: Document,
    /// The latest revision's figures.
    pub metrics: RevisionMetrics,
    /// Comments not resolved yet with severity critical.
    pub open_critical_comments: i64,
    /// Comments not resolved yet.
    pub open_comments: i64,
    /// The latest decision's outcome.
    pub last_outcome: Option<Outcome>,
}

/// A review round on one revision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Round {
    /// Its id.
    pub id: RoundId,
    /// The document.
    pub document_id: DocumentId,
    /// The revision under review.
    pub revision: i64,
    /// 1, 2, … per document.
    pub number: i64,
    /// Who opened it.
    pub opened_by: UserId,
    /// When.
    pub opened_at: Timestamp,
    /// When it was closed, once closed.
    pub closed_at: Option<Timestamp>,
    /// The least time a reviewer must spend reading before the comment box unlocks.
    pub min_read_seconds: i64,
    /// Meeting mode: comments open only after this moment (the room's silent reading).
    pub silent_until: Option<Timestamp>,
}

/// A reviewer invited to a round, and how far they got.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundReviewer {
    /// The round.
    pub round_id: RoundId,
    /// The reviewer.
    pub user_id: UserId,
    /// What they review for.
    pub function: ReviewerFunction,
    /// When they first opened the document in this round.
    pub started_at: Option<Timestamp>,
    /// When they reached the end of the document.
    pub reached_end_at: Option<Timestamp>,
    /// When they submitted their critique (their comments become visible to others).
    pub submitted_at: Option<Timestamp>,
}

/// Where a comment points: a section and the quoted passage with its byte offsets in the
/// revision it was written on (or last re-anchored to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The heading of the section holding the passage.
    pub section: String,
    /// The passage itself.
    pub quote: String,
    /// Byte offset of the passage's start.
    pub start: i64,
    /// Byte offset just after the passage.
    pub end: i64,
}

/// A reviewer's comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    /// Its id.
    pub id: CommentId,
    /// The round it was written in.
    pub round_id: RoundId,
    /// The document.
    pub document_id: DocumentId,
    /// Who wrote it (for an AI reviewer's comment: who asked for the review).
    pub author_id: UserId,
    /// The AI reviewer persona that wrote it ("Finance partner"); `None` for a person's.
    pub ai_persona: Option<String>,
    /// The revision its anchor refers to.
    pub revision: i64,
    /// The passage.
    pub anchor: Anchor,
    /// True when the passage is gone from a later revision.
    pub outdated: bool,
    /// What it is.
    pub kind: CommentKind,
    /// How much it matters.
    pub severity: CommentSeverity,
    /// The text.
    pub body: String,
    /// When it was written.
    pub created_at: Timestamp,
    /// Where it stands.
    pub status: CommentStatus,
    /// The author's response (a declined comment's reason, an answer).
    pub response: Option<String>,
    /// Who resolved it.
    pub resolved_by: Option<UserId>,
    /// When.
    pub resolved_at: Option<Timestamp>,
}

/// What is needed to write a comment.
#[derive(Debug, Clone)]
pub struct NewComment {
    /// The round.
    pub round_id: RoundId,
    /// The writer (for an AI reviewer: who asked for the review).
    pub author_id: UserId,
    /// The AI reviewer persona, for a comment an AI wrote.
    pub ai_persona: Option<String>,
    /// The passage, in the round's revision.
    pub anchor: Anchor,
    /// What it is.
    pub kind: CommentKind,
    /// How much it matters.
    pub severity: CommentSeverity,
    /// The text.
    pub body: String,
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// Its id.
    pub id: DecisionId,
    /// The document.
    pub document_id: DocumentId,
    /// The revision decided on.
    pub revision: i64,
    /// Who decided.
    pub decided_by: UserId,
    /// Go, no-go or iterate.
    pub outcome: Outcome,
    /// Why.
    pub rationale: String,
    /// Conditions attached to the decision.
    pub conditions: String,
    /// A no-go's revisit date.
    pub revisit_on: Option<Timestamp>,
    /// A no-go's revisit condition.
    pub revisit_condition: Option<String>,
    /// When.
    pub created_at: Timestamp,
}

/// What is needed to record a decision.
#[derive(Debug, Clone)]
pub struct NewDecision {
    /// The revision decided on.
    pub revision: i64,
    /// Who decides.
    pub decided_by: UserId,
    /// Go, no-go or iterate.
    pub outcome: Outcome,
    /// Why.
    pub rationale: String,
    /// Conditions.
    pub conditions: String,
    /// A no-go's revisit date.
    pub revisit_on: Option<Timestamp>,
    /// A no-go's revisit condition.
    pub revisit_condition: Option<String>,
}

/// An entry of the audit log: who did what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    /// Its id.
    pub id: AuditId,
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The document, when the action concerned one.
    pub document_id: Option<DocumentId>,
    /// Who did it (none for the system).
    pub actor_id: Option<UserId>,
    /// What was done, a dotted word such as `document.created`.
    pub action: String,
    /// Details, a short human-readable text.
    pub detail: String,
    /// When.
    pub at: Timestamp,
}

text_enum!(
    /// What an AI agent job does.
    AgentJobKind {
        /// Persona reviewers comment on a round's revision.
        Review = "review",
        /// The drafter writes a PR/FAQ from a brief.
        Draft = "draft",
        /// The reviser proposes a rewrite of one passage.
        Rewrite = "rewrite",
    }
);

text_enum!(
    /// Where an AI agent job stands.
    AgentJobStatus {
        /// Running on one of the servers.
        Running = "running",
        /// Finished with a result.
        Done = "done",
        /// Finished with an error.
        Failed = "failed",
    }
);

/// A job of the AI agents, recorded so every server sharing the database can show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentJob {
    /// Its id.
    pub id: AgentJobId,
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The document, for a review or a rewrite.
    pub document_id: Option<DocumentId>,
    /// The round, for a review.
    pub round_id: Option<RoundId>,
    /// What it does.
    pub kind: AgentJobKind,
    /// Where it stands.
    pub status: AgentJobStatus,
    /// Who asked.
    pub requested_by: UserId,
    /// When.
    pub created_at: Timestamp,
    /// When it ended.
    pub finished_at: Option<Timestamp>,
    /// What it was asked (JSON, the server's own shape).
    pub input: String,
    /// What it produced (JSON), once done.
    pub result: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
}

/// A job to record.
#[derive(Debug, Clone)]
pub struct NewAgentJob {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The document, if any.
    pub document_id: Option<DocumentId>,
    /// The round, if any.
    pub round_id: Option<RoundId>,
    /// What it does.
    pub kind: AgentJobKind,
    /// Who asked.
    pub requested_by: UserId,
    /// What it was asked (JSON).
    pub input: String,
}

id_type!(
    /// An evidence item of a workspace: what a customer said or what a prototype showed,
    /// cited from documents as `[ev:ID]`.
    EvidenceId,
);

/// An evidence item as stored. The kind is one of the words `prfaq_evidence::Kind` names
/// (`ticket`, `observation` …); the server checks it before storing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceItem {
    /// Its id, cited as `[ev:ID]`.
    pub id: EvidenceId,
    /// The workspace it belongs to.
    pub workspace_id: WorkspaceId,
    /// Its kind (`ticket`, `forum`, `call`, `survey`, `review`, `interview`, `observation`,
    /// `note`).
    pub kind: String,
    /// Where it came from: a system, a file name, a prototype session.
    pub source: String,
    /// Its id in that source, when it has one.
    pub source_ref: Option<String>,
    /// When it was said or seen, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The customer segment.
    pub segment: Option<String>,
    /// Who said it or who was watched.
    pub customer: Option<String>,
    /// The words.
    pub text: String,
    /// When it was first stored.
    pub created_at: Timestamp,
    /// When its text or details last changed.
    pub updated_at: Timestamp,
}

/// An evidence item to store. Its fingerprint (`prfaq_evidence::NewItem::fingerprint`) is its
/// identity within the workspace: storing an item whose fingerprint is known updates that item
/// instead of adding one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    /// The identity that makes re-importing the same file add nothing twice.
    pub fingerprint: String,
    /// Its kind.
    pub kind: String,
    /// Where it came from.
    pub source: String,
    /// Its id in that source.
    pub source_ref: Option<String>,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// The customer segment.
    pub segment: Option<String>,
    /// Who said it.
    pub customer: Option<String>,
    /// The words; must not be empty.
    pub text: String,
}

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Items new to the workspace.
    pub added: i64,
    /// Known items whose text, date, segment or customer changed.
    pub updated: i64,
    /// Known items stored as they are.
    pub unchanged: i64,
}

/// Which evidence items a listing or a search looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceFilter {
    /// Only this kind.
    pub kind: Option<String>,
    /// Only this segment (compared without case).
    pub segment: Option<String>,
    /// Only items dated on or after this `YYYY-MM-DD`.
    pub since: Option<String>,
}

/// Marks the start of a matched word in an [`EvidenceHit`]'s snippet.
pub const HIT_START: char = '\u{2}';
/// Marks the end of a matched word in an [`EvidenceHit`]'s snippet.
pub const HIT_END: char = '\u{3}';

/// A search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceHit {
    /// The item.
    pub item: EvidenceItem,
    /// Its relevance as the database ranks it (higher is better; comparable only within one
    /// search).
    pub score: f64,
    /// The passage around the matched words, each matched word between [`HIT_START`] and
    /// [`HIT_END`].
    pub snippet: String,
}

/// The results of a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceFound {
    /// The best hits, best first.
    pub hits: Vec<EvidenceHit>,
    /// True when every word matched; false when no item had them all and the hits are items
    /// with any of them.
    pub all_words: bool,
}
