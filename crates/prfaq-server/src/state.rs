//! What every handler shares: the store, the critique engine and the server's options.

use std::sync::Arc;

use prfaq_critique::Engine;
use prfaq_store::Store;

/// Settings of one running app.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Reading speed assumed for a round's minimum reading time, in words per minute.
    pub reading_words_per_minute: i64,
    /// The AI endpoint of the server's prfaq.toml (`[agent]`), used by workspaces that set
    /// none of their own; `None` when the file has no `[agent]` table.
    pub agent: Option<prfaq_agent::config::AgentConfig>,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            secure_cookies: false,
            max_body_bytes: 2 * 1024 * 1024,
            reading_words_per_minute: 250,
            agent: None,
        }
    }
}

/// The shared state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    engine: Engine,
    options: AppOptions,
}

impl AppState {
    /// State over `store`, checking with `engine`.
    pub fn new(store: Arc<dyn Store>, engine: Engine, options: AppOptions) -> Self {
        AppState { inner: Arc::new(Inner { store, engine, options }) }
    }

    /// The database.
    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    /// The database, shared.
    pub fn store_arc(&self) -> Arc<dyn Store> {
        Arc::clone(&self.inner.store)
    }

    /// The critique engine.
    pub fn engine(&self) -> &Engine {
        &self.inner.engine
    }

    /// The options.
    pub fn options(&self) -> &AppOptions {
        &self.inner.options
    }
}
