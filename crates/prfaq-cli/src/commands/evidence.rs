//! `prfaq evidence`: import, observe, search, themes, show.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use prfaq_evidence::import::{self, Defaults, Format, Mapping};
use prfaq_evidence::store::{FILE_NAME, Filter, Found};
use prfaq_evidence::themes::{self, Themes};
use prfaq_evidence::{EvidenceStore, Item, Kind, NewItem};
use serde_json::json;

use crate::args::{EvidenceCommand, EvidenceFilter, EvidenceFormat};
use crate::evidence::{runtime, store_for};
use crate::output;

/// Evidence files larger than this are refused.
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Imports bigger than this show a spinner while they are stored.
const SPINNER_FROM: usize = 2_000;

pub(crate) fn run(command: EvidenceCommand, store: Option<&Path>) -> Result<ExitCode> {
    let runtime = runtime()?;
    runtime.block_on(async move {
        match command {
            EvidenceCommand::Import { files, map, kind, source, segment, customer } => {
                let request = ImportRequest { files: &files, map: &map, kind, source, segment, customer };
                import(store, &request).await
            }
            EvidenceCommand::Observe { text, tried, saw, who, session, segment } => {
                observe(store, text, tried, saw, who, session, segment).await
            }
            EvidenceCommand::Search { words, limit, filter, format } => {
                let store = open_existing(store).await?;
                let found = store.search(&words.join(" "), &filter_of(&filter)?, limit).await?;
                output::print(&render_found(&words.join(" "), &found, format))?;
                Ok(if found.hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
            }
            EvidenceCommand::Themes { max, quotes, filter, format } => {
                let store = open_existing(store).await?;
                let items = store.items(&filter_of(&filter)?).await?;
                let options = themes::Options { max_themes: max.max(1), quotes, ..themes::Options::default() };
                let built = tokio::task::spawn_blocking(move || themes::build(&items, &options)).await?;
                output::print(&render_themes(&built, format))?;
                Ok(ExitCode::SUCCESS)
            }
            EvidenceCommand::Show { ids, format } => {
                let store = open_existing(store).await?;
                let items = store.get_many(&ids).await?;
                let missing: Vec<String> = ids
                    .iter()
                    .filter(|id| !items.iter().any(|i| i.id == **id))
                    .map(|id| format!("[ev:{id}]"))
                    .collect();
                output::print(&render_items(&items, format))?;
                if !missing.is_empty() {
                    bail!("no such item in {}: {}", store.path().display(), missing.join(", "));
                }
                Ok(ExitCode::SUCCESS)
            }
        }
    })
}

fn filter_of(filter: &EvidenceFilter) -> Result<Filter> {
    let since = filter
        .since
        .as_deref()
        .map(prfaq_evidence::item::parse_date)
        .transpose()
        .map_err(|e| anyhow!("--since: {e}"))?;
    Ok(Filter { kind: filter.kind, segment: filter.segment.clone(), since })
}

/// The store to write to: `--store`, the nearest one upward, or a new one here.
async fn open_for_writing(explicit: Option<&Path>) -> Result<EvidenceStore> {
    let path = store_for(explicit, None).unwrap_or_else(|| PathBuf::from(FILE_NAME));
    Ok(EvidenceStore::open(&path, true).await?)
}

/// The store to read: `--store` or the nearest one upward; an error when there is none.
async fn open_existing(explicit: Option<&Path>) -> Result<EvidenceStore> {
    let Some(path) = store_for(explicit, None).filter(|p| p.is_file()) else {
        bail!(
            "no evidence store: no {FILE_NAME} here or above{} (import evidence with `prfaq evidence import FILE`)",
            explicit.map(|e| format!(", and none at {}", e.display())).unwrap_or_default()
        );
    };
    Ok(EvidenceStore::open(&path, false).await?)
}

struct ImportRequest<'a> {
    files: &'a [PathBuf],
    map: &'a [String],
    kind: Kind,
    source: Option<String>,
    segment: Option<String>,
    customer: Option<String>,
}

/// Reads every file first; stores them only when all are good, each in one transaction.
async fn import(store: Option<&Path>, request: &ImportRequest<'_>) -> Result<ExitCode> {
    let mapping = Mapping::from_pairs(request.map.iter().map(String::as_str)).context("--map")?;
    let files = evidence_files(request.files)?;
    let mut parsed = Vec::with_capacity(files.len());
    for (path, format) in &files {
        let size = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len();
        if size > MAX_FILE_BYTES {
            bail!("{}: {size} bytes is more than the {MAX_FILE_BYTES}-byte limit; split the file", path.display());
        }
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let defaults = Defaults {
            kind: request.kind,
            source: request.source.clone().unwrap_or(name),
            segment: request.segment.clone(),
            customer: request.customer.clone(),
        };
        let items = import::parse(&bytes, *format, &mapping, &defaults)
            .with_context(|| format!("{} (nothing was imported)", path.display()))?;
        parsed.push((path, items));
    }
    let store = open_for_writing(store).await?;
    let total: usize = parsed.iter().map(|(_, p)| p.items.len()).sum();
    let spinner = if total >= SPINNER_FROM {
        let s = indicatif::ProgressBar::new_spinner();
        s.enable_steady_tick(std::time::Duration::from_millis(120));
        s
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut out = String::new();
    for (path, items) in &parsed {
        spinner.set_message(format!("storing {} items from {}", items.items.len(), path.display()));
        let summary = store.import(&path.display().to_string(), &items.items).await?;
        let _ = write!(
            out,
            "{}: {} item{}: {} added, {} updated, {} unchanged",
            path.display(),
            items.items.len(),
            if items.items.len() == 1 { "" } else { "s" },
            summary.added,
            summary.updated,
            summary.unchanged
        );
        if !items.skipped.is_empty() {
            let lines: Vec<String> = items.skipped.iter().take(10).map(ToString::to_string).collect();
            let more = if items.skipped.len() > 10 { ", …" } else { "" };
            let _ = write!(out, "; {} with empty text skipped (line {}{more})", items.skipped.len(), lines.join(", "));
        }
        out.push('\n');
    }
    spinner.finish_and_clear();
    let _ = writeln!(out, "{} holds {} items", store.path().display(), store.count().await?);
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The evidence files named: files as given (their format from the extension), and in
/// directories every file of a known format.
fn evidence_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Format)>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = entry.with_context(|| format!("cannot read {}", path.display()))?;
                if let Some(format) = entry.file_type().is_file().then(|| Format::from_path(entry.path())).flatten() {
                    out.push((entry.into_path(), format));
                }
            }
        } else {
            let format = Format::from_path(path).ok_or_else(|| {
                anyhow!("{}: unknown kind of file (expected .csv, .jsonl, .ndjson, .json, .txt or .md)", path.display())
            })?;
            out.push((path.clone(), format));
        }
    }
    if out.is_empty() {
        bail!("no evidence files found (expected .csv, .jsonl, .ndjson, .json, .txt or .md)");
    }
    Ok(out)
}

async fn observe(
    store: Option<&Path>,
    text: Option<String>,
    tried: Option<String>,
    saw: Option<String>,
    who: Option<String>,
    session: Option<String>,
    segment: Option<String>,
) -> Result<ExitCode> {
    let text = match (text, tried, saw) {
        (Some(t), None, None) => t,
        (None, Some(tried), Some(saw)) => format!("Tried: {}\nSaw: {}", tried.trim(), saw.trim()),
        (None, None, Some(saw)) => saw,
        (None, Some(_), None) => bail!("say what happened too: --saw TEXT"),
        (None, None, None) => bail!("give the observation as text, or --tried and --saw"),
        (Some(_), _, _) => bail!("give the observation as text or as --tried/--saw, not both"),
    };
    if text.trim().is_empty() {
        bail!("the observation is empty");
    }
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let item = NewItem {
        kind: Kind::Observation,
        source: session.unwrap_or_else(|| format!("prototype session {today}")),
        source_ref: None,
        date: Some(today),
        segment,
        customer: who,
        text: text.trim().to_string(),
        line: 0,
    };
    let store = open_for_writing(store).await?;
    let id = store.add(&item).await?;
    output::print(&format!("recorded [ev:{id}] in {}\n", store.path().display()))?;
    Ok(ExitCode::SUCCESS)
}

/// One item's heading line: id, kind, source and reference, date, segment, customer.
fn heading(item: &Item, color: bool) -> String {
    let mut parts = vec![item.kind.to_string()];
    parts.push(match &item.source_ref {
        Some(r) => format!("{} #{r}", item.source),
        None => item.source.clone(),
    });
    parts.extend(item.date.clone());
    parts.extend(item.segment.clone());
    parts.extend(item.customer.clone());
    let id = format!("[ev:{}]", item.id);
    let id = if color { format!("\x1b[1;36m{id}\x1b[0m") } else { id };
    format!("{id} {}", parts.join(" · "))
}

fn render_found(query: &str, found: &Found, format: EvidenceFormat) -> String {
    if format == EvidenceFormat::Json {
        return serde_json::to_string_pretty(&json!({
            "version": 1,
            "query": query,
            "all_words": found.all_words,
            "hits": found.hits,
        }))
        .unwrap_or_default()
            + "\n";
    }
    let color = output::stdout_color();
    if found.hits.is_empty() {
        return format!("no item mentions {query:?}\n");
    }
    let mut out = String::new();
    if !found.all_words {
        let _ = writeln!(out, "no item has every word; items with some of them:\n");
    }
    for hit in &found.hits {
        let _ = writeln!(out, "{}", heading(&hit.item, color));
        let snippet: String = hit
            .snippet
            .iter()
            .map(|p| {
                if p.hit && color {
                    format!("\x1b[1;33m{}\x1b[0m", p.text)
                } else if p.hit {
                    format!("«{}»", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect();
        let _ = writeln!(out, "  {}\n", snippet.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

fn render_themes(built: &Themes, format: EvidenceFormat) -> String {
    if format == EvidenceFormat::Json {
        return serde_json::to_string_pretty(&json!({
            "version": 1,
            "items": built.items,
            "unthemed": built.unthemed,
            "themes": built.themes,
        }))
        .unwrap_or_default()
            + "\n";
    }
    let color = output::stdout_color();
    let mut out = String::new();
    if built.themes.is_empty() {
        let _ = writeln!(out, "no themes: {} items are too few or share no words", built.items);
        return out;
    }
    let _ = writeln!(out, "{} themes in {} items ({} in none)\n", built.themes.len(), built.items, built.unthemed);
    for (n, t) in built.themes.iter().enumerate() {
        let label = t.label.join(" · ");
        let label = if color { format!("\x1b[1m{label}\x1b[0m") } else { label };
        let _ = writeln!(
            out,
            "{}. {label} — {} items, {} customer{}, {} source{}",
            n + 1,
            t.count,
            t.customers,
            if t.customers == 1 { "" } else { "s" },
            t.sources,
            if t.sources == 1 { "" } else { "s" }
        );
        let segments: Vec<String> =
            t.segments.iter().map(|(s, c)| format!("{} {c}", s.as_deref().unwrap_or("(no segment)"))).collect();
        let _ = writeln!(out, "   segments: {} · cohesion {:.2}", segments.join(", "), t.cohesion);
        for q in &t.quotes {
            let who = q.customer.as_deref().map(|c| format!(" — {c}")).unwrap_or_default();
            let _ = writeln!(out, "   “{}” [ev:{}]{who}", q.text, q.id);
        }
        out.push('\n');
    }
    out
}

fn render_items(items: &[Item], format: EvidenceFormat) -> String {
    if format == EvidenceFormat::Json {
        return serde_json::to_string_pretty(&json!({"version": 1, "items": items})).unwrap_or_default() + "\n";
    }
    let color = output::stdout_color();
    items.iter().map(|i| format!("{}\n\n{}\n\n", heading(i, color), i.text.trim())).collect()
}
