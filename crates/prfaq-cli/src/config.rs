//! Finding and loading `prfaq.toml`: `--config`, or the nearest one walking up from the file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result};
use prfaq_critique::{Config, Engine};

/// The name of the configuration file.
pub(crate) const FILE_NAME: &str = "prfaq.toml";

/// Engines by configuration file, so each prfaq.toml is read and compiled once.
pub(crate) struct Engines {
    explicit: Option<Arc<Engine>>,
    by_file: HashMap<Option<PathBuf>, Arc<Engine>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl Engines {
    /// With `--config FILE`, every document uses it; otherwise each finds its own.
    pub(crate) fn new(explicit: Option<&Path>) -> Result<Self> {
        let explicit = explicit.map(|p| load(p).map(Arc::new)).transpose()?;
        Ok(Self { explicit, by_file: HashMap::new(), by_dir: HashMap::new() })
    }

    /// The engine for a document at `path` (None for stdin: search from the working directory).
    pub(crate) fn for_path(&mut self, path: Option<&Path>) -> Result<Arc<Engine>> {
        if let Some(e) = &self.explicit {
            return Ok(Arc::clone(e));
        }
        let dir = match path {
            Some(p) => p.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            None => PathBuf::from("."),
        };
        let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
        let file = match self.by_dir.get(&dir) {
            Some(f) => f.clone(),
            None => {
                let f = discover(&dir);
                self.by_dir.insert(dir, f.clone());
                f
            }
        };
        if let Some(e) = self.by_file.get(&file) {
            return Ok(Arc::clone(e));
        }
        let engine = Arc::new(match &file {
            Some(f) => load(f)?,
            None => Engine::new(Config::default()),
        });
        self.by_file.insert(file, Arc::clone(&engine));
        Ok(engine)
    }
}

/// The prfaq.toml in force for a document at `near` (`None`: the working directory):
/// `explicit` when given, else the nearest one upward; `None` when there is none.
pub(crate) fn file_for(explicit: Option<&Path>, near: Option<&Path>) -> Option<PathBuf> {
    if let Some(e) = explicit {
        return Some(e.to_path_buf());
    }
    let dir = near.and_then(Path::parent).filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    discover(dir)
}

/// The critique engine and the `[agent]` table (`None` when absent) of one prfaq.toml, read
/// once; the default engine and no agent settings without a file.
pub(crate) fn load_with_agent(file: Option<&Path>) -> Result<(Engine, Option<prfaq_agent::config::AgentConfig>)> {
    let Some(path) = file else {
        return Ok((Engine::new(Config::default()), None));
    };
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let config = Config::from_toml(&text).with_context(|| format!("{}", path.display()))?;
    let agent =
        prfaq_agent::config::AgentConfig::from_toml_if_present(&text).with_context(|| format!("{}", path.display()))?;
    Ok((Engine::new(config), agent))
}

/// The nearest prfaq.toml in `dir` or its ancestors.
fn discover(dir: &Path) -> Option<PathBuf> {
    let start = dir.canonicalize().ok()?;
    start.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file())
}

fn load(path: &Path) -> Result<Engine> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let config = Config::from_toml(&text).with_context(|| format!("{}", path.display()))?;
    Ok(Engine::new(config))
}
