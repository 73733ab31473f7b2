//! The evidence pages: a workspace's evidence (import a file, search, themes, record an
//! observation), one item (where a citation links), and the editor's quote picker.

use askama::Template;
use axum::Form;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use prfaq_evidence::Kind;
use prfaq_evidence::themes::{Theme, ThemeQuote, Themes};
use prfaq_store::{DocumentId, EvidenceFilter, EvidenceItem, User, Workspace, WorkspaceId};
use serde::Deserialize;
use tower_sessions::Session;

use super::{PageResult, PageUser, render};
use crate::auth::access::{document_access, workspace_access};
use crate::auth::identity::csrf_token;
use crate::error::{AppError, AppResult};
use crate::service::documents;
use crate::service::evidence::{self, Observation, Results, SearchQuery, Upload};
use crate::state::AppState;

/// Themes the evidence page looks for (a group of two subjects is split, so up to twice as many
/// are shown).
const PAGE_THEMES: usize = 8;
/// Themes the quote picker looks for.
const PICKER_THEMES: usize = 6;
/// Quotes per theme on both.
const QUOTES: usize = 3;
/// Words of a quote the picker offers when an item is in no theme.
const QUOTE_WORDS: usize = 40;

/// A theme as the pages show it.
pub(crate) struct ThemeView {
    pub(crate) label: String,
    pub(crate) count: usize,
    pub(crate) segments: String,
    pub(crate) customers: usize,
    pub(crate) sources: usize,
    pub(crate) quotes: Vec<ThemeQuote>,
}

impl ThemeView {
    fn of(theme: Theme) -> Self {
        let segments = theme
            .segments
            .iter()
            .map(|(segment, n)| format!("{} {n}", segment.as_deref().unwrap_or("no segment")))
            .collect::<Vec<_>>()
            .join(", ");
        ThemeView {
            label: theme.label.join(", "),
            count: theme.count,
            segments,
            customers: theme.customers,
            sources: theme.sources,
            quotes: theme.quotes,
        }
    }
}

#[derive(Template)]
#[template(path = "evidence.html")]
struct EvidencePage {
    csrf: String,
    signed_in: Option<String>,
    workspace: Workspace,
    may_add: bool,
    kinds: Vec<&'static str>,
    query: SearchQuery,
    results: Results,
    themes: Vec<ThemeView>,
    unthemed: usize,
    notice: Option<String>,
    error: Option<String>,
}

/// The evidence page's query: a search, and what the last import did (after its redirect).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageQuery {
    q: Option<String>,
    kind: Option<String>,
    segment: Option<String>,
    since: Option<String>,
    file: Option<String>,
    added: Option<i64>,
    updated: Option<i64>,
    unchanged: Option<i64>,
}

/// `GET /w/{id}/evidence`: search (or the newest items), the themes, and for those who may add
/// evidence the import and observation forms.
pub(crate) async fn page(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let notice = query.file.as_ref().map(|file| {
        format!(
            "Imported {file}: {} added, {} updated, {} unchanged.",
            query.added.unwrap_or(0),
            query.updated.unwrap_or(0),
            query.unchanged.unwrap_or(0)
        )
    });
    let search = SearchQuery { q: query.q, kind: query.kind, segment: query.segment, since: query.since, limit: None };
    let page = evidence_page(&state, &me.user, &session, WorkspaceId(id), search, notice, None).await?;
    Ok(render(&page))
}

async fn evidence_page(
    state: &AppState,
    user: &User,
    session: &Session,
    workspace: WorkspaceId,
    query: SearchQuery,
    notice: Option<String>,
    error: Option<String>,
) -> AppResult<EvidencePage> {
    let role = workspace_access(state, user, workspace).await?;
    let results = evidence::search(state, user, workspace, &query).await?;
    let Themes { themes, unthemed, .. } = evidence::workspace_themes(state, workspace, PAGE_THEMES, QUOTES).await?;
    Ok(EvidencePage {
        csrf: csrf_token(session).await?,
        signed_in: Some(user.name.clone()),
        workspace: state.store().workspace(workspace).await?,
        may_add: evidence::may_contribute(state, user, workspace, role).await?,
        kinds: Kind::ALL.iter().map(|k| k.as_str()).collect(),
        query,
        results,
        themes: themes.into_iter().map(ThemeView::of).collect(),
        unthemed,
        notice,
        error,
    })
}

/// Reads the import form (multipart: the file and how to read it).
async fn upload_of(mut form: Multipart) -> AppResult<Upload> {
    let mut upload = Upload::default();
    let bad = |e: axum::extract::multipart::MultipartError| AppError::Rejected(e.status(), e.body_text());
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            upload.file_name = field.file_name().unwrap_or_default().to_owned();
            upload.content = field.bytes().await.map_err(bad)?.to_vec();
            continue;
        }
        let value = field.text().await.map_err(bad)?;
        match name.as_str() {
            "kind" => upload.kind = Some(value),
            "source" => upload.source = Some(value),
            "segment" => upload.segment = Some(value),
            "customer" => upload.customer = Some(value),
            "map" => upload.map = value.split([',', '\n']).map(str::to_owned).collect(),
            _ => {}
        }
    }
    if upload.file_name.is_empty() && upload.content.is_empty() {
        return Err(AppError::field("file", "choose a file to import"));
    }
    Ok(upload)
}

/// `POST /w/{id}/evidence/import` (multipart, the CSRF token in the query): imports a file and
/// shows what it changed; a file that cannot be read comes back on the page with the line at
/// fault, and nothing is stored.
pub(crate) async fn import(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path(id): Path<i64>,
    form: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let workspace = WorkspaceId(id);
    // Who may import is checked before the body is read: an outsider learns nothing from a
    // malformed upload.
    evidence::require_contributor(&state, &me.user, workspace).await?;
    let form = form.map_err(|e| AppError::Rejected(e.status(), e.body_text()))?;
    let outcome = match upload_of(form).await {
        Ok(upload) => evidence::import(&state, &me.user, workspace, upload).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(done) => {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("file", &done.file_name)
                .append_pair("added", &done.summary.added.to_string())
                .append_pair("updated", &done.summary.updated.to_string())
                .append_pair("unchanged", &done.summary.unchanged.to_string())
                .finish();
            Ok(Redirect::to(&format!("/w/{id}/evidence?{query}")).into_response())
        }
        Err(error @ AppError::BadRequest { .. }) => {
            let status = error.status();
            let page = evidence_page(
                &state,
                &me.user,
                &session,
                workspace,
                SearchQuery::default(),
                None,
                Some(format!("Nothing was imported. {error}")),
            )
            .await?;
            Ok((status, render(&page)).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// The observation form.
#[derive(Debug, Deserialize)]
pub(crate) struct ObservationForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    customer: String,
    #[serde(default)]
    segment: String,
    #[serde(default)]
    date: String,
}

/// `POST /w/{id}/observations`: records what was seen while someone used a prototype; shows
/// the item, with the citation to use.
pub(crate) async fn observe(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<ObservationForm>,
) -> PageResult {
    let observation = Observation {
        text: form.text,
        source: Some(form.source),
        customer: Some(form.customer),
        segment: Some(form.segment),
        date: Some(form.date),
    };
    let item = evidence::observe(&state, &me.user, WorkspaceId(id), observation).await?;
    Ok(Redirect::to(&format!("/w/{id}/evidence/{}", item.id)).into_response())
}

#[derive(Template)]
#[template(path = "evidence_item.html")]
struct ItemPage<'a> {
    csrf: &'a str,
    signed_in: Option<&'a str>,
    workspace: Workspace,
    item: EvidenceItem,
}

/// `GET /w/{id}/evidence/{item}`: one item, where a citation's link leads.
pub(crate) async fn item(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    session: Session,
    Path((id, item)): Path<(i64, i64)>,
) -> PageResult {
    let item = evidence::item(&state, &me.user, WorkspaceId(id), item).await?;
    let page = ItemPage {
        csrf: &csrf_token(&session).await?,
        signed_in: Some(&me.user.name),
        workspace: state.store().workspace(WorkspaceId(id)).await?,
        item,
    };
    Ok(render(&page))
}

/// The editor's quote picker: the workspace's themes with their quotes (or, when the evidence
/// is too little for themes, its newest items).
pub(crate) struct QuotePicker {
    pub(crate) workspace: i64,
    pub(crate) themes: Vec<ThemeView>,
}

/// The picker for a document of `workspace` (whose access was checked); none without evidence.
pub(crate) async fn quote_picker(state: &AppState, workspace: WorkspaceId) -> AppResult<Option<QuotePicker>> {
    if state.store().evidence_count(workspace).await? == 0 {
        return Ok(None);
    }
    let built = evidence::workspace_themes(state, workspace, PICKER_THEMES, QUOTES).await?;
    let mut themes: Vec<ThemeView> = built.themes.into_iter().map(ThemeView::of).collect();
    if themes.is_empty() {
        let newest = state.store().evidence_items(workspace, &EvidenceFilter::default(), 5).await?;
        let quotes: Vec<ThemeQuote> = newest
            .into_iter()
            .map(|item| ThemeQuote { id: item.id.0, text: first_sentence(&item.text), customer: item.customer })
            .collect();
        let count = quotes.len();
        themes.push(ThemeView {
            label: "newest evidence".into(),
            count,
            segments: String::new(),
            customers: 0,
            sources: 0,
            quotes,
        });
    }
    Ok(Some(QuotePicker { workspace: workspace.0, themes }))
}

/// The first sentence of `text`, cut at [`QUOTE_WORDS`] words with "…".
fn first_sentence(text: &str) -> String {
    let sentence = prfaq_doc::text::sentences(text).into_iter().next().map_or(text, |r| &text[r]).trim();
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() > QUOTE_WORDS { format!("{}…", words[..QUOTE_WORDS].join(" ")) } else { words.join(" ") }
}

/// The quote picker's form: the item, its words, and the revision the editor is on.
#[derive(Debug, Deserialize)]
pub(crate) struct PickForm {
    base: i64,
    item: i64,
    quote: String,
}

/// `POST /d/{id}/quotes`: without script, picking a quote puts `“words” [ev:ID]` at the end of
/// the problem paragraph as a new revision (the usual save: refused unless `base` is still the
/// latest); with script the editor inserts it at the cursor instead and nothing is posted.
pub(crate) async fn pick_quote(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<PickForm>,
) -> PageResult {
    let access = document_access(&state, &me.user, DocumentId(id)).await?;
    access.require_edit()?;
    let quote = form.quote.trim();
    if quote.is_empty() || quote.chars().count() > 2000 {
        return Err(AppError::field("quote", "pick a quote of at most 2000 characters").into());
    }
    let item = evidence::item(&state, &me.user, access.document.workspace_id, form.item).await?;
    if !prfaq_critique::evidence::quote::matches(quote, &item.text) {
        return Err(AppError::field("quote", format!("these words are not in evidence item {}", item.id)).into());
    }
    let base = state.store().revision(DocumentId(id), form.base).await?;
    let markdown = evidence::insert_quote(&base.markdown, quote, item.id.0);
    documents::save(&state, &me.user, DocumentId(id), form.base, markdown).await?;
    Ok(Redirect::to(&format!("/d/{id}/edit")).into_response())
}
