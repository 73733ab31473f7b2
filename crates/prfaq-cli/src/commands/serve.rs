//! `prfaq serve`: the web app, on SQLite by default or on PostgreSQL.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use prfaq_server::{AppOptions, Database, ServeOptions};

use crate::config;
use crate::output;

/// What `prfaq serve` was asked to do.
pub(crate) struct Request {
    pub(crate) listen: SocketAddr,
    pub(crate) data: Option<PathBuf>,
    pub(crate) database_url: Option<String>,
    pub(crate) config: Option<PathBuf>,
    pub(crate) secure_cookies: bool,
}

/// The default data directory: `$XDG_DATA_HOME/prfaq`, else `~/.local/share/prfaq`, else
/// `./prfaq-data`.
fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("prfaq");
    }
    match std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        Some(home) => PathBuf::from(home).join(".local/share/prfaq"),
        None => PathBuf::from("prfaq-data"),
    }
}

pub(crate) fn run(request: &Request) -> Result<ExitCode> {
    let (engine, agent) = config::load_with_agent(config::file_for(request.config.as_deref(), None).as_deref())?;
    let database = match &request.database_url {
        Some(url) => Database::Url(url.clone()),
        None => Database::SqliteFile(request.data.clone().unwrap_or_else(default_data_dir).join("prfaq.db")),
    };
    let where_ = match &database {
        Database::SqliteFile(path) => format!("SQLite file {}", path.display()),
        Database::Url(url) => prfaq_server::serve::redact(url),
    };
    let options = ServeOptions {
        listen: request.listen,
        database,
        app: AppOptions { secure_cookies: request.secure_cookies, agent, ..AppOptions::default() },
        engine,
    };
    tracing_subscriber::fmt().with_writer(std::io::stderr).with_env_filter(env_filter()).init();
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(prfaq_server::serve(options, |started| {
        let mut text = format!("prfaq is serving on http://{} ({where_})\n", started.addr);
        if let Some(link) = &started.setup_link {
            text.push_str(&format!(
                "no account exists yet: open this one-time link to create the admin account:\n  {link}\n"
            ));
        }
        text.push_str("stop with Ctrl-C\n");
        let _ = output::print(&text);
    }))?;
    Ok(ExitCode::SUCCESS)
}

/// Log level from `RUST_LOG`, else warnings and errors (plus prfaq's info lines).
fn env_filter() -> tracing_subscriber::EnvFilter {
    tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"))
}
