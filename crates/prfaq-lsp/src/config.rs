//! `prfaq.toml` for open documents: found by walking up from the document's file, as
//! `prfaq check` finds it, and read again when it changes on disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use lsp_types::Uri;
use prfaq_critique::{Config, Engine};

/// The name of the configuration file.
pub const FILE_NAME: &str = "prfaq.toml";

/// Engines by configuration file. Each file is read and compiled once, and again only when its
/// modification time changes, so a document's engine can be looked up on every open and save.
#[derive(Debug, Default)]
pub struct Engines {
    by_file: HashMap<PathBuf, Loaded>,
    default: Option<Arc<Engine>>,
}

#[derive(Debug)]
struct Loaded {
    modified: Option<SystemTime>,
    engine: Arc<Engine>,
}

/// The engine for a document, and what went wrong reading its configuration.
#[derive(Debug)]
pub struct Lookup {
    /// The configuration file in force, if any.
    pub file: Option<PathBuf>,
    /// The engine to check the document with (the default rules when the file is invalid).
    pub engine: Arc<Engine>,
    /// A message for the user when the file was just read and is invalid; reported once per
    /// version of the file, not on every lookup.
    pub error: Option<String>,
}

impl Engines {
    /// The engine for a document at `path` (None for an unsaved document: the defaults).
    pub fn for_document(&mut self, path: Option<&Path>) -> Lookup {
        match path.and_then(|p| p.parent()).and_then(discover) {
            Some(file) => self.load(file),
            None => Lookup { file: None, engine: self.defaults(), error: None },
        }
    }

    fn defaults(&mut self) -> Arc<Engine> {
        Arc::clone(self.default.get_or_insert_with(|| Arc::new(Engine::new(Config::default()))))
    }

    fn load(&mut self, file: PathBuf) -> Lookup {
        let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        if let Some(cached) = self.by_file.get(&file)
            && cached.modified == modified
        {
            return Lookup { engine: Arc::clone(&cached.engine), file: Some(file), error: None };
        }
        let parsed = std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|text| Config::from_toml(&text).map_err(|e| e.to_string()));
        let (engine, error) = match parsed {
            Ok(config) => (Arc::new(Engine::new(config)), None),
            Err(e) => (self.defaults(), Some(format!("{}: {e}; using the default rules", file.display()))),
        };
        self.by_file.insert(file.clone(), Loaded { modified, engine: Arc::clone(&engine) });
        Lookup { file: Some(file), engine, error }
    }
}

/// The nearest prfaq.toml in `dir` or its ancestors.
fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file())
}

/// True when `uri` names a prfaq.toml.
#[must_use]
pub fn is_config(uri: &Uri) -> bool {
    file_path(uri).is_some_and(|p| p.file_name().is_some_and(|n| n == FILE_NAME))
}

/// The local path of a `file:` URI (percent-decoded; `/C:/…` becomes `C:/…` on Windows); `None`
/// for other schemes (`untitled:`, remote file systems) and for paths that are not UTF-8.
#[must_use]
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // The authority is empty (or `localhost`) for local files; a host name is a UNC share,
    // which we do not serve.
    let slash = rest.find('/')?;
    if !(rest[..slash].is_empty() || rest[..slash].eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = &rest[slash..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    let windows_drive = decoded.len() >= 3
        && decoded.as_bytes()[0] == b'/'
        && decoded.as_bytes()[1].is_ascii_alphabetic()
        && decoded.as_bytes()[2] == b':';
    Some(PathBuf::from(if cfg!(windows) && windows_drive { &decoded[1..] } else { &decoded[..] }))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().expect("uri")
    }

    #[test]
    fn file_uris_become_decoded_paths() {
        assert_eq!(
            file_path(&uri("file:///home/jo/My%20Docs/caf%C3%A9.md")),
            Some(PathBuf::from("/home/jo/My Docs/café.md"))
        );
        assert_eq!(file_path(&uri("file://localhost/tmp/a.md")), Some(PathBuf::from("/tmp/a.md")));
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(file_path(&uri("file://server/share/a.md")), None);
        assert_eq!(percent_decode("/tmp/bad%ZZ.md"), None, "the URI parser rejects these first");
        assert_eq!(percent_decode("/tmp/%FF.md"), None, "not UTF-8");
        assert!(is_config(&uri("file:///work/prfaq.toml")));
        assert!(!is_config(&uri("file:///work/prfaq.md")));
    }

    #[test]
    fn the_nearest_config_is_used_and_reread_when_it_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("docs/launch");
        std::fs::create_dir_all(&sub).expect("mkdir");
        let doc = sub.join("launch.md");
        let mut engines = Engines::default();

        let none = engines.for_document(Some(&doc));
        assert_eq!(none.file, None);
        assert!(none.engine.config().enabled(prfaq_critique::registry::find("weasel-word").expect("rule")));

        let config = dir.path().join(FILE_NAME);
        std::fs::write(&config, "[rules]\ndisable = [\"weasel-word\"]\n").expect("write");
        let found = engines.for_document(Some(&doc));
        assert_eq!(found.file.as_deref(), Some(config.as_path()));
        assert!(found.error.is_none());
        assert!(!found.engine.config().enabled(prfaq_critique::registry::find("weasel-word").expect("rule")));
        let again = engines.for_document(Some(&doc));
        assert!(Arc::ptr_eq(&found.engine, &again.engine), "cached while unchanged");

        std::fs::write(&config, "[rules]\ndisable = [\"no-such-rule\"]\n").expect("write");
        let file = std::fs::File::options().append(true).open(&config).expect("open");
        file.set_modified(SystemTime::now() + std::time::Duration::from_secs(5)).expect("touch");
        let bad = engines.for_document(Some(&doc));
        assert!(bad.error.as_deref().is_some_and(|e| e.contains("prfaq.toml")), "{bad:?}");
        assert!(engines.for_document(Some(&doc)).error.is_none(), "reported once per version");
    }

    #[test]
    fn unsaved_documents_use_the_defaults() {
        let lookup = Engines::default().for_document(None);
        assert!(lookup.file.is_none() && lookup.error.is_none());
    }
}
