//! The evidence store beside a document (`prfaq-evidence.db`, found walking up from its
//! directory, as `prfaq check` finds it) and what it says about the document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use prfaq_critique::evidence::EvidenceFacts;
use prfaq_doc::Document;
use prfaq_evidence::EvidenceStore;
use prfaq_evidence::store::FILE_NAME;

/// Open stores, by file, and the runtime their queries run on.
#[derive(Debug, Default)]
pub(crate) struct Stores {
    runtime: Option<tokio::runtime::Runtime>,
    open: HashMap<PathBuf, EvidenceStore>,
}

impl Stores {
    /// What the store nearest the document at `path` says about `doc`; `None` for an unsaved
    /// document, one with no store above it, or a store that cannot be read (the document is
    /// then checked without evidence, as it would be without a store).
    pub(crate) fn facts(&mut self, path: Option<&Path>, doc: &Document) -> Option<EvidenceFacts> {
        let file = path?.parent()?.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file())?;
        if self.runtime.is_none() {
            self.runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok();
        }
        let runtime = self.runtime.as_ref()?;
        if !self.open.contains_key(&file) {
            let store = runtime.block_on(EvidenceStore::open(&file, false)).ok()?;
            self.open.insert(file.clone(), store);
        }
        let store = self.open.get(&file)?;
        runtime.block_on(prfaq_evidence::facts::facts(store, doc)).ok()
    }
}
