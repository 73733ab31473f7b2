//! Finding and opening the evidence store beside the documents, and what it says about one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use prfaq_critique::evidence::EvidenceFacts;
use prfaq_evidence::EvidenceStore;
use prfaq_evidence::store::FILE_NAME;

/// A small runtime for the store's async database calls.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().context("cannot start the async runtime")
}

/// The store for a document at `near` (`None`: the working directory): `explicit` when given,
/// else the nearest `prfaq-evidence.db` in its directory or above; `None` when there is none.
pub(crate) fn store_for(explicit: Option<&Path>, near: Option<&Path>) -> Option<PathBuf> {
    if let Some(e) = explicit {
        return Some(e.to_path_buf());
    }
    let dir = near.and_then(Path::parent).filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let start = dir.canonicalize().ok()?;
    let found = start.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file())?;
    // Shown relative to the working directory when it is there or below.
    let here = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    Some(here.and_then(|h| found.strip_prefix(&h).ok().map(Path::to_path_buf)).unwrap_or(found))
}

/// Opens stores once each and looks up what they say about documents.
pub(crate) struct Lookup {
    explicit: Option<PathBuf>,
    runtime: tokio::runtime::Runtime,
    open: HashMap<PathBuf, EvidenceStore>,
}

impl Lookup {
    /// A lookup that uses `explicit` for every document, or the store found near each.
    pub(crate) fn new(explicit: Option<&Path>) -> Result<Self> {
        if let Some(e) = explicit.filter(|e| !e.is_file()) {
            anyhow::bail!(
                "no evidence store at {} (create one with `prfaq evidence import FILE --store {}`)",
                e.display(),
                e.display()
            );
        }
        Ok(Self { explicit: explicit.map(Path::to_path_buf), runtime: runtime()?, open: HashMap::new() })
    }

    /// What the store for the document at `path` says about `doc`; `None` when it has no store.
    pub(crate) fn facts(&mut self, path: Option<&Path>, doc: &prfaq_doc::Document) -> Result<Option<EvidenceFacts>> {
        let Some(file) = store_for(self.explicit.as_deref(), path) else {
            return Ok(None);
        };
        if !self.open.contains_key(&file) {
            let store = self.runtime.block_on(EvidenceStore::open(&file, false))?;
            self.open.insert(file.clone(), store);
        }
        let store = &self.open[&file];
        let facts = self
            .runtime
            .block_on(prfaq_evidence::facts::facts(store, doc))
            .with_context(|| format!("reading {}", file.display()))?;
        Ok(Some(facts))
    }
}
