//! A workspace's evidence: files imported and observations typed in, searched, grouped into
//! themes, and looked up for a document's citations and customer quotes (for its findings,
//! its evidence strength and the citations' hover cards).
//!
//! Reading (`prfaq_evidence::import`), themes (`prfaq_evidence::themes`) and matching quotes
//! (`prfaq_evidence::facts`) are the CLI's code; this module feeds them the workspace's items
//! from the store. Any member of the workspace may read and search its evidence; adding to it
//! is for those who write its documents: admins, and owners or authors of one of them.

use std::collections::BTreeMap;
use std::path::Path;

use prfaq_critique::evidence::{EvidenceFacts, Strength};
use prfaq_evidence::import::{self, Defaults, Format, Mapping};
use prfaq_evidence::item::parse_date;
use prfaq_evidence::search::{SnippetPart, snippet_parts};
use prfaq_evidence::themes::{self, Themes};
use prfaq_evidence::{Item, Kind, NewItem};
use prfaq_store::{
    Audit, DocumentSummary, EvidenceFilter, EvidenceId, EvidenceItem, ImportSummary, NewEvidence, User, WorkspaceId,
    WorkspaceRole,
};
use serde::Serialize;

use crate::auth::access::workspace_access;
use crate::error::{AppError, AppResult};
use crate::service::analysis::Analysis;
use crate::state::AppState;

/// Results a search shows when it names no limit.
pub const DEFAULT_LIMIT: i64 = 20;
/// The most results a search shows.
pub const MAX_LIMIT: i64 = 200;
/// The most items themes are built from (the newest): k-means fits a sample beyond
/// `prfaq_evidence::themes`' own limit anyway.
pub const MAX_THEMED: i64 = 50_000;
/// The longest observation accepted, in characters.
pub const MAX_OBSERVATION_CHARS: usize = 20_000;

/// The caller's role in `workspace` when they may add evidence to it: an admin, or a member who
/// owns or authors one of its documents. Any other member is refused; an outsider finds no
/// workspace.
pub async fn require_contributor(state: &AppState, user: &User, workspace: WorkspaceId) -> AppResult<WorkspaceRole> {
    let role = workspace_access(state, user, workspace).await?;
    if may_contribute(state, user, workspace, role).await? {
        Ok(role)
    } else {
        Err(AppError::Forbidden(
            "only a workspace admin, or an owner or author of one of its documents, may add evidence".into(),
        ))
    }
}

/// Whether a member with `role` may add evidence (see [`require_contributor`]).
pub async fn may_contribute(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    role: WorkspaceRole,
) -> AppResult<bool> {
    Ok(role == WorkspaceRole::Admin || state.store().edits_in_workspace(workspace, user.id).await?)
}

/// An uploaded evidence file and how to read it.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    /// The file's name: its extension gives the format, and it is the items' source unless
    /// `source` or a column says otherwise.
    pub file_name: String,
    /// The file's bytes.
    pub content: Vec<u8>,
    /// Which column holds which field, as `FIELD=COLUMN` pairs (`text=Body`).
    pub map: Vec<String>,
    /// The kind of items without a kind column (default `note`).
    pub kind: Option<String>,
    /// The source of items without a source column (default: the file name).
    pub source: Option<String>,
    /// The segment of items without a segment column.
    pub segment: Option<String>,
    /// The customer of items without a customer column.
    pub customer: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// The file's name.
    pub file_name: String,
    /// Items read from the file.
    pub items: usize,
    /// New, updated and unchanged items.
    #[serde(flatten)]
    pub summary: ImportSummary,
    /// Lines of rows or objects skipped because their text was empty.
    pub skipped: Vec<usize>,
}

/// A text field's value, `None` when blank.
fn given(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// A kind named in a request, `None` when blank.
pub fn parse_kind(value: Option<&str>, field: &'static str) -> AppResult<Option<Kind>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(kind) => kind.parse::<Kind>().map(Some).map_err(|e| AppError::field(field, e.to_string())),
        None => Ok(None),
    }
}

fn new_evidence(item: &NewItem) -> NewEvidence {
    NewEvidence {
        fingerprint: item.fingerprint(),
        kind: item.kind.as_str().to_owned(),
        source: item.source.clone(),
        source_ref: item.source_ref.clone(),
        date: item.date.clone(),
        segment: item.segment.clone(),
        customer: item.customer.clone(),
        text: item.text.clone(),
    }
}

/// A stored item as `prfaq_evidence` sees it; a kind this version does not know is a corrupt
/// row.
pub fn to_item(stored: EvidenceItem) -> AppResult<Item> {
    let kind = stored.kind.parse::<Kind>().map_err(|e| AppError::Internal(Box::new(e)))?;
    Ok(Item {
        id: stored.id.0,
        kind,
        source: stored.source,
        source_ref: stored.source_ref,
        date: stored.date,
        segment: stored.segment,
        customer: stored.customer,
        text: stored.text,
    })
}

/// Reads an uploaded file and stores its items in one transaction. A file that cannot be read
/// (an unknown extension, a bad mapping, a malformed row) is a bad request naming the line,
/// and nothing is stored.
pub async fn import(state: &AppState, user: &User, workspace: WorkspaceId, upload: Upload) -> AppResult<Imported> {
    require_contributor(state, user, workspace).await?;
    let file_name = upload.file_name.trim().to_owned();
    if file_name.is_empty() {
        return Err(AppError::field("file_name", "name the file (its extension says how to read it)"));
    }
    let format = Format::from_path(Path::new(&file_name)).ok_or_else(|| {
        AppError::field(
            "file_name",
            format!("{file_name}: unknown kind of file (expected .csv, .jsonl, .ndjson, .json, .txt or .md)"),
        )
    })?;
    let pairs: Vec<&str> = upload.map.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
    let mapping = Mapping::from_pairs(pairs).map_err(|e| AppError::field("map", e.to_string()))?;
    let defaults = Defaults {
        kind: parse_kind(upload.kind.as_deref(), "kind")?.unwrap_or(Kind::Note),
        source: given(upload.source).unwrap_or_else(|| file_name.clone()),
        segment: given(upload.segment),
        customer: given(upload.customer),
    };
    let parsed = import::parse(&upload.content, format, &mapping, &defaults).map_err(|e| {
        let message = match e {
            // The library's sentence names the CLI's option.
            import::ImportError::NoTextColumn { header } => format!(
                "line 1: no column holds the text (the header has: {header}); name it as text=COLUMN (\"map\": {{\"text\": \"COLUMN\"}} in the API)"
            ),
            other => other.to_string(),
        };
        AppError::field("content", format!("{file_name}: {message}"))
    })?;
    let items: Vec<NewEvidence> = parsed.items.iter().map(new_evidence).collect();
    let audit = Audit::by(user.id, "evidence.imported", file_name.clone());
    let summary = state.store().import_evidence(workspace, &items, audit).await?;
    Ok(Imported { file_name, items: items.len(), summary, skipped: parsed.skipped })
}

/// What someone saw while a customer used a prototype, typed in.
#[derive(Debug, Clone, Default)]
pub struct Observation {
    /// What was seen or said.
    pub text: String,
    /// The session (default `prototype`).
    pub source: Option<String>,
    /// Who was watched.
    pub customer: Option<String>,
    /// Their segment.
    pub segment: Option<String>,
    /// When, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Stores an observation; the same words from the same session twice are one item.
pub async fn observe(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    observation: Observation,
) -> AppResult<EvidenceItem> {
    require_contributor(state, user, workspace).await?;
    let text = observation.text.trim().to_owned();
    if text.is_empty() {
        return Err(AppError::field("text", "write what you observed"));
    }
    if text.chars().count() > MAX_OBSERVATION_CHARS {
        return Err(AppError::field("text", format!("an observation is at most {MAX_OBSERVATION_CHARS} characters")));
    }
    let date = given(observation.date).map(|d| parse_date(&d)).transpose().map_err(|e| AppError::field("date", e))?;
    let item = NewItem {
        kind: Kind::Observation,
        source: given(observation.source).unwrap_or_else(|| "prototype".to_owned()),
        source_ref: None,
        date,
        segment: given(observation.segment),
        customer: given(observation.customer),
        text,
        line: 0,
    };
    let detail = format!("{}: {}", item.source, item.text.chars().take(80).collect::<String>());
    let audit = Audit::by(user.id, "evidence.observed", detail);
    Ok(state.store().add_evidence(workspace, new_evidence(&item), audit).await?)
}

/// A search of a workspace's evidence, as asked (blank fields are no condition).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SearchQuery {
    /// The words to find; without them the newest items are listed.
    pub q: Option<String>,
    /// Only this kind.
    pub kind: Option<String>,
    /// Only this segment.
    pub segment: Option<String>,
    /// Only items dated on or after this day.
    pub since: Option<String>,
    /// At most this many results (1–200, default 20).
    pub limit: Option<i64>,
}

/// One result: the item, its relevance and the passage around the words found.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The item.
    #[serde(flatten)]
    pub item: EvidenceItem,
    /// The database's relevance (higher is better); none when listing without words.
    pub score: Option<f64>,
    /// The passage, the words found marked `hit`.
    pub snippet: Vec<SnippetPart>,
}

/// The results of a search.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// The words searched for, when any.
    pub query: Option<String>,
    /// True when every word had to match (or no words were given); false when no item had
    /// them all and items with any of them are shown.
    pub all_words: bool,
    /// Items the workspace holds in all.
    pub total: i64,
    /// The results, best (or newest) first.
    pub items: Vec<Hit>,
}

impl SearchQuery {
    fn filter(&self) -> AppResult<EvidenceFilter> {
        let kind = parse_kind(self.kind.as_deref(), "kind")?.map(|k| k.as_str().to_owned());
        let since =
            given(self.since.clone()).map(|d| parse_date(&d)).transpose().map_err(|e| AppError::field("since", e))?;
        Ok(EvidenceFilter { kind, segment: given(self.segment.clone()), since })
    }

    fn limit(&self) -> AppResult<i64> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(_) => Err(AppError::field("limit", format!("limit is 1 to {MAX_LIMIT}"))),
        }
    }
}

/// Searches (or, without words, lists) a workspace's evidence. Any member.
pub async fn search(state: &AppState, user: &User, workspace: WorkspaceId, query: &SearchQuery) -> AppResult<Results> {
    workspace_access(state, user, workspace).await?;
    let filter = query.filter()?;
    let limit = query.limit()?;
    let total = state.store().evidence_count(workspace).await?;
    let q = given(query.q.clone());
    let words: Vec<String> =
        q.as_deref().map(|q| prfaq_evidence::terms::words(q).map(|(_, w)| w).collect()).unwrap_or_default();
    if words.is_empty() {
        let items = state.store().evidence_items(workspace, &filter, limit).await?;
        let items = items
            .into_iter()
            .map(|item| Hit { snippet: vec![SnippetPart { text: item.text.clone(), hit: false }], item, score: None })
            .collect();
        return Ok(Results { query: q, all_words: true, total, items });
    }
    let found = state.store().search_evidence(workspace, &words, &filter, limit).await?;
    let items = found
        .hits
        .into_iter()
        .map(|hit| Hit { snippet: snippet_parts(&hit.snippet), item: hit.item, score: Some(hit.score) })
        .collect();
    Ok(Results { query: q, all_words: found.all_words, total, items })
}

/// One item of the workspace. Any member; an item of another workspace is not found.
pub async fn item(state: &AppState, user: &User, workspace: WorkspaceId, id: i64) -> AppResult<EvidenceItem> {
    workspace_access(state, user, workspace).await?;
    state
        .store()
        .evidence_by_ids(workspace, &[EvidenceId(id)])
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound("evidence item"))
}

/// The workspace's themes (at most `max`, `quotes` quotes each), built off the async threads.
/// Any member.
pub async fn themes(
    state: &AppState,
    user: &User,
    workspace: WorkspaceId,
    max: usize,
    quotes: usize,
) -> AppResult<Themes> {
    workspace_access(state, user, workspace).await?;
    workspace_themes(state, workspace, max, quotes).await
}

/// The themes of a workspace whose access was checked.
pub(crate) async fn workspace_themes(
    state: &AppState,
    workspace: WorkspaceId,
    max: usize,
    quotes: usize,
) -> AppResult<Themes> {
    if !(1..=50).contains(&max) {
        return Err(AppError::field("max", "max is 1 to 50"));
    }
    if !(1..=10).contains(&quotes) {
        return Err(AppError::field("quotes", "quotes is 1 to 10"));
    }
    let stored = state.store().evidence_items(workspace, &EvidenceFilter::default(), MAX_THEMED).await?;
    let mut items = stored.into_iter().map(to_item).collect::<AppResult<Vec<_>>>()?;
    // Oldest first, as the CLI reads them: k-means' start depends on the order.
    items.reverse();
    let options = themes::Options { max_themes: max, quotes, ..themes::Options::default() };
    tokio::task::spawn_blocking(move || themes::build(&items, &options))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))
}

/// What the workspace's evidence says about `doc` (the items it cites, the items its customer
/// quotes may come from), or `None` when the workspace holds no evidence: then the evidence
/// rules stay silent, as they do for the CLI without a store.
pub async fn facts(
    state: &AppState,
    workspace: WorkspaceId,
    doc: &prfaq_doc::Document,
) -> AppResult<Option<EvidenceFacts>> {
    let count = state.store().evidence_count(workspace).await?;
    facts_of(state, workspace, count, doc).await
}

async fn facts_of(
    state: &AppState,
    workspace: WorkspaceId,
    count: i64,
    doc: &prfaq_doc::Document,
) -> AppResult<Option<EvidenceFacts>> {
    if count == 0 {
        return Ok(None);
    }
    let ids: Vec<EvidenceId> = prfaq_evidence::facts::cited_ids(doc).into_iter().map(EvidenceId).collect();
    let mut found = state.store().evidence_by_ids(workspace, &ids).await?;
    for quote in prfaq_evidence::facts::customer_quotes(doc) {
        let words = prfaq_evidence::search::content_words(quote);
        found.extend(state.store().evidence_quote_candidates(workspace, &words).await?);
    }
    let items = found.into_iter().map(to_item).collect::<AppResult<Vec<_>>>()?;
    Ok(Some(prfaq_evidence::facts::assemble(usize::try_from(count).unwrap_or(0), items)))
}

/// Parses and checks `markdown` as a document of `workspace`: with the workspace's evidence
/// when it has any.
pub async fn analyse(state: &AppState, workspace: WorkspaceId, markdown: &str) -> AppResult<Analysis> {
    let doc = prfaq_doc::parse(markdown);
    let facts = facts(state, workspace, &doc).await?;
    Ok(Analysis::checked(state.engine(), doc, facts.as_ref()))
}

/// The items of the workspace `doc` cites (`[ev:ID]`), by id, for the citations' hover cards.
pub async fn cited_items(
    state: &AppState,
    workspace: WorkspaceId,
    doc: &prfaq_doc::Document,
) -> AppResult<BTreeMap<i64, EvidenceItem>> {
    let ids: Vec<EvidenceId> = prfaq_evidence::facts::cited_ids(doc).into_iter().map(EvidenceId).collect();
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let found = state.store().evidence_by_ids(workspace, &ids).await?;
    Ok(found.into_iter().map(|item| (item.id.0, item)).collect())
}

/// A document of the portfolio with its evidence strength.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioRow {
    /// The document and its stored figures.
    #[serde(flatten)]
    pub summary: DocumentSummary,
    /// How well its latest revision's customer and problem claims are grounded: computed when
    /// asked, so an import shows at once.
    pub evidence: Strength,
}

/// Every document of a workspace whose access was checked, newest first, with the evidence
/// strength of its latest revision against the workspace's evidence as it is now.
pub async fn portfolio(state: &AppState, workspace: WorkspaceId) -> AppResult<Vec<PortfolioRow>> {
    let documents = state.store().portfolio(workspace).await?;
    let count = state.store().evidence_count(workspace).await?;
    let mut rows = Vec::with_capacity(documents.len());
    for summary in documents {
        let head = state.store().revision(summary.document.id, summary.document.head).await?;
        let doc = prfaq_doc::parse(&head.markdown);
        let facts = facts_of(state, workspace, count, &doc).await?;
        let evidence = prfaq_critique::evidence::strength(&doc, facts.as_ref());
        rows.push(PortfolioRow { summary, evidence });
    }
    Ok(rows)
}

/// Where a picked quote goes in a document: after the last problem paragraph of the press
/// release, or, without one, at the end as a paragraph of its own. Returns the new text.
pub fn insert_quote(markdown: &str, quote: &str, id: i64) -> String {
    let doc = prfaq_doc::parse(markdown);
    let quote = quote.trim().trim_matches(|c| matches!(c, '"' | '“' | '”')).trim();
    let citation = format!("“{quote}” [ev:{id}]");
    let problem = doc
        .press_release
        .paragraphs
        .iter()
        .rev()
        .find(|p| p.role == prfaq_doc::PrRole::Problem)
        .map(|p| doc.blocks[p.block].content_span().end);
    match problem {
        Some(end) => format!("{} {citation}{}", &markdown[..end], &markdown[end..]),
        None => format!("{}\n\n{citation}\n", markdown.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_quote_ends_the_problem_paragraph() {
        let doc = "# Acme Gives Marketers Their Mondays Back\n\n## Teams see every number in one place\n\nSEATTLE — Jan 5, 2025 — Acme today launched Reports.\n\nMarketers copy numbers from five tools into one spreadsheet every Monday.\n\nReports pulls them together.\n";
        let parsed = prfaq_doc::parse(doc);
        let roles: Vec<_> = parsed.press_release.paragraphs.iter().map(|p| p.role).collect();
        assert!(roles.contains(&prfaq_doc::PrRole::Problem), "{roles:?}");
        let out = insert_quote(doc, "It takes six hours…", 12);
        assert!(
            out.contains("spreadsheet every Monday. “It takes six hours…” [ev:12]\n"),
            "the quote follows the problem's last word:\n{out}"
        );
        assert_eq!(out.len(), doc.len() + " “It takes six hours…” [ev:12]".len());
    }

    #[test]
    fn without_a_problem_paragraph_the_quote_is_a_paragraph_at_the_end() {
        let out = insert_quote("# Notes\n\nNothing here yet.\n", "\"Slow exports\"", 3);
        assert_eq!(out, "# Notes\n\nNothing here yet.\n\n“Slow exports” [ev:3]\n");
    }
}
