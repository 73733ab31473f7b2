//! Starting the app: opening the database the options name, binding, the one-time setup link,
//! graceful shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use prfaq_critique::Engine;
use prfaq_store::{Store, StoreError, Timestamp};
use prfaq_store_postgres::PostgresStore;
use prfaq_store_sqlite::SqliteStore;

use crate::auth::secrets::{hash_secret, new_secret};
use crate::pages::SETUP_TOKEN_SETTING;
use crate::state::{AppOptions, AppState};

/// Where the data lives.
#[derive(Clone)]
pub enum Database {
    /// A SQLite file (created when missing).
    SqliteFile(PathBuf),
    /// A `postgres://` or `sqlite:` URL.
    Url(String),
}

impl std::fmt::Debug for Database {
    /// Never prints a URL's password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::SqliteFile(path) => write!(f, "SqliteFile({})", path.display()),
            Database::Url(url) => write!(f, "Url({})", redact(url)),
        }
    }
}

/// A database URL with its password replaced by `***`.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened or migrated.
    #[error("cannot open the database {database}: {source}")]
    Database {
        /// Which (redacted).
        database: String,
        /// Why.
        #[source]
        source: StoreError,
    },
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The server failed while running.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    /// Preparing the first-run link failed.
    #[error("cannot prepare the setup link: {0}")]
    Setup(String),
}

/// Opens the store the options name, running its migrations.
pub async fn open_store(database: &Database) -> Result<Arc<dyn Store>, ServeError> {
    let name = format!("{database:?}");
    let wrap = |source| ServeError::Database { database: name.clone(), source };
    let store: Arc<dyn Store> = match database {
        Database::SqliteFile(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| wrap(StoreError::Backend(Box::new(e))))?;
            }
            Arc::new(SqliteStore::open(path).await.map_err(wrap)?)
        }
        Database::Url(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Arc::new(PostgresStore::connect(url).await.map_err(wrap)?)
        }
        Database::Url(url) if url.starts_with("sqlite:") => Arc::new(SqliteStore::open_url(url).await.map_err(wrap)?),
        Database::Url(_) => {
            return Err(wrap(StoreError::Invalid("use a postgres://, postgresql:// or sqlite: URL".into())));
        }
    };
    Ok(store)
}

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The database.
    pub database: Database,
    /// App settings.
    pub app: AppOptions,
    /// The critique engine, with the configuration in force.
    pub engine: Engine,
}

/// What a started server tells its caller.
#[derive(Debug, Clone)]
pub struct Started {
    /// The bound address (the real port when 0 was asked for).
    pub addr: SocketAddr,
    /// The store's backend name.
    pub backend: &'static str,
    /// The one-time link to create the first admin account, while none exists.
    pub setup_link: Option<String>,
}

/// Makes (or replaces) the one-time setup link while no account exists.
pub async fn setup_link(store: &dyn Store, base: &str) -> Result<Option<String>, ServeError> {
    let setup = |e: StoreError| ServeError::Setup(e.to_string());
    if store.user_count().await.map_err(setup)? > 0 {
        return Ok(None);
    }
    let secret = new_secret().map_err(|e| ServeError::Setup(e.to_string()))?;
    store.set_setting(SETUP_TOKEN_SETTING, &hash_secret(&secret)).await.map_err(setup)?;
    Ok(Some(format!("{base}/setup?token={secret}")))
}

/// Opens the store, binds the listener and makes the setup link: what [`serve`] and [`spawn`]
/// share.
async fn start(options: ServeOptions) -> Result<(tokio::net::TcpListener, Started, AppState), ServeError> {
    let store = open_store(&options.database).await?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|source| ServeError::Bind { addr: options.listen, source })?;
    let addr = listener.local_addr()?;
    let setup_link = setup_link(store.as_ref(), &format!("http://{addr}")).await?;
    let started = Started { addr, backend: store.backend(), setup_link };
    Ok((listener, started, AppState::new(store, options.engine, options.app)))
}

/// Runs the server until Ctrl-C or SIGTERM; `on_start` is told the address and setup link.
pub async fn serve(options: ServeOptions, on_start: impl FnOnce(&Started)) -> Result<(), ServeError> {
    let (listener, started, state) = start(options).await?;
    on_start(&started);
    tokio::spawn(expire_sessions(state.store_arc()));
    axum::serve(listener, crate::app::router(state)).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

/// A server running in the background, started by [`spawn`]. Dropping it stops the server
/// (requests in flight are cut off).
pub struct Running {
    /// The bound address, the backend and the setup link.
    pub started: Started,
    state: AppState,
    tasks: Vec<tokio::task::AbortHandle>,
}

impl Running {
    /// The server's base URL, `http://ADDR` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.started.addr)
    }

    /// The store the server uses: to prepare data or to check what a request stored.
    pub fn store(&self) -> &dyn Store {
        self.state.store()
    }
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running").field("started", &self.started).finish_non_exhaustive()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Starts the server as [`serve`] does (database, listener, setup link) but in the background of
/// the current tokio runtime, and returns once it accepts connections: for tests over a real
/// socket, such as the browser test (`tests/browser.rs`), and for embedding. Listen on port 0
/// to get a free port; [`Running::url`] tells it. The server runs until the [`Running`] is
/// dropped; it does not watch for signals.
pub async fn spawn(options: ServeOptions) -> Result<Running, ServeError> {
    let (listener, started, state) = start(options).await?;
    let sweeper = tokio::spawn(expire_sessions(state.store_arc()));
    let router = crate::app::router(state.clone());
    let server = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, router).await {
            tracing::error!(%error, "the server stopped");
        }
    });
    Ok(Running { started, state, tasks: vec![sweeper.abort_handle(), server.abort_handle()] })
}

/// Deletes expired sessions every hour.
async fn expire_sessions(store: Arc<dyn Store>) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Err(error) = store.delete_expired_sessions(Timestamp::now()).await {
            tracing::warn!(%error, "deleting expired sessions failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(redact("postgres://app:s3cret@db:5432/prfaq"), "postgres://app:***@db:5432/prfaq");
        assert_eq!(redact("postgres://app@db/prfaq"), "postgres://app@db/prfaq");
        assert_eq!(format!("{:?}", Database::Url("postgres://u:p@h/d".into())), "Url(postgres://u:***@h/d)");
    }
}
