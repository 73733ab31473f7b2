//! `prfaq-loadgen`: drives a bounded number of requests of each kind against one or more
//! `prfaq serve` instances and prints requests per second and latency per kind (Markdown).

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use prfaq_loadgen::client::{Error, Http};
use prfaq_loadgen::setup::{first_account, reviewer};
use prfaq_loadgen::stats::TABLE_HEADER;
use prfaq_loadgen::workload::{Kind, Load};

/// Load generator for `prfaq serve` (see bench/load.sh).
#[derive(Debug, Parser)]
struct Args {
    /// A server instance (repeat for several instances on one database; workers are spread
    /// over them in turn).
    #[arg(long = "addr", required = true)]
    addrs: Vec<SocketAddr>,
    /// The one-time setup link the (first) server printed: the load creates the admin account.
    #[arg(long, conflicts_with = "token", required_unless_present = "token")]
    setup_link: Option<String>,
    /// An API token to use instead of a setup link (a workspace admin's: the load invites a
    /// reviewer into the workspace).
    #[arg(long, requires = "workspace")]
    token: Option<String>,
    /// The workspace to create documents in, with --token.
    #[arg(long)]
    workspace: Option<i64>,
    /// The document text to read, check and save.
    #[arg(long)]
    markdown: PathBuf,
    /// Requests per kind.
    #[arg(long, default_value_t = 2000)]
    requests: usize,
    /// Concurrent workers (also the number of documents, so writers do not collide).
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// The kinds to run, in order (default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    kinds: Vec<Kind>,
    /// A title for the report.
    #[arg(long, default_value = "prfaq serve")]
    label: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => return fail(&error.into()),
    };
    match runtime.block_on(run(args)) {
        Ok(report) => {
            let _ = std::io::stdout().lock().write_all(report.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

fn fail(error: &Error) -> ExitCode {
    let _ = writeln!(std::io::stderr().lock(), "prfaq-loadgen: {error}");
    ExitCode::FAILURE
}

async fn run(args: Args) -> Result<String, Error> {
    let markdown =
        std::fs::read_to_string(&args.markdown).map_err(|e| format!("cannot read {}: {e}", args.markdown.display()))?;
    let first = Http::new(args.addrs[0]);
    let (token, workspace) = match (&args.setup_link, args.token) {
        (Some(link), _) => {
            let credentials = first_account(&first, link).await?;
            (credentials.token, credentials.workspace)
        }
        (None, Some(token)) => (token, args.workspace.ok_or("--token needs --workspace")?),
        (None, None) => return Err("give --setup-link or --token".into()),
    };
    let instances: Vec<Http> =
        args.addrs.iter().map(|addr| first.with_addr(*addr).with_bearer(token.clone())).collect();
    let concurrency = args.concurrency.max(1);
    let reviewer = reviewer(&instances[0], workspace).await?;
    let load = Arc::new(Load::prepare(instances, &reviewer, workspace, concurrency, markdown).await?);
    // Warm up every connection and code path; not measured.
    for kind in Kind::ALL {
        load.phase(kind, concurrency * 4, concurrency).await;
    }
    let kinds = if args.kinds.is_empty() { Kind::ALL.to_vec() } else { args.kinds };
    let mut report = format!(
        "### {} ({} instance(s), {} workers, {} requests per kind)\n\n{TABLE_HEADER}\n",
        args.label,
        args.addrs.len(),
        concurrency,
        args.requests
    );
    for kind in kinds {
        let summary = load.phase(kind, args.requests, concurrency).await;
        report.push_str(&summary.row());
        report.push('\n');
    }
    Ok(report)
}
