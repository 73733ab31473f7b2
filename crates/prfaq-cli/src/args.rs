//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// prfaq — write, check and decide on Working Backwards PR/FAQs.
#[derive(Debug, Parser)]
#[command(name = "prfaq", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Write a new PR/FAQ skeleton in the canonical shape (never overwrites a file).
    New {
        /// Where to write it (default: a file named after the title, or prfaq.md).
        path: Option<PathBuf>,
        /// The product or feature name.
        #[arg(long, short)]
        title: Option<String>,
        /// Who the customer is: a role, a context, a measurable pain.
        #[arg(long, short)]
        customer: Option<String>,
    },
    /// Check PR/FAQs like a seasoned reviewer: files, directories (every *.md), or - for stdin.
    ///
    /// Exit status: 0 when no finding reaches the fail level, 1 when one does, 2 on a usage or
    /// input error.
    Check {
        /// Files or directories; `-` reads standard input.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Exit with 1 when a finding at or above this severity exists.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Use this prfaq.toml instead of searching upward from each file.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = crate::input::DEFAULT_MAX_BYTES)]
        max_file_size: u64,
        /// Check citations and customer quotes against this evidence store (default: the
        /// prfaq-evidence.db beside or above each file, if any).
        #[arg(long, value_name = "FILE")]
        evidence: Option<PathBuf>,
    },
    /// Show the parsed model: sections, press-release parts, quotes, FAQ entries, placeholders.
    Inspect {
        /// The PR/FAQ file (`-` for stdin).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ModelFormat::Human)]
        format: ModelFormat,
    },
    /// The risk register: every placeholder with its location and the question it leaves open.
    Risks {
        /// Files or directories.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RiskFormatArg::Human)]
        format: RiskFormatArg,
    },
    /// The requirements checklist: every promise in the press release and commitment in the FAQ
    /// answers (capabilities, numbers, availability, pricing), each with its source line.
    Requirements {
        /// The PR/FAQ file (`-` for stdin).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RequirementsFormatArg::Markdown)]
        format: RequirementsFormatArg,
    },
    /// Compare two versions section by section: what changed, word redlines, and whether the
    /// revision is structural or a refinement.
    Diff {
        /// The older version.
        old: PathBuf,
        /// The newer version.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Use this prfaq.toml (its `[revise]` thresholds) instead of searching upward.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Versions in order: score, findings, placeholders, words and change class per revision,
    /// and whether the document has converged.
    History {
        /// Version files, oldest first (or, with --git, one file whose committed versions to read).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read every committed version of the one file from the current git repository.
        #[arg(long)]
        git: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Use this prfaq.toml instead of searching upward.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Candidates side by side: scores, placeholders, quantified claims, FAQ coverage, and
    /// evidence strength (cited claims; customers and sources from the evidence store).
    Compare {
        /// Two or more PR/FAQs.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// The evidence store for every candidate (default: the prfaq-evidence.db beside or
        /// above each file, if any).
        #[arg(long, value_name = "FILE")]
        evidence: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormatArg::Human)]
        format: CompareFormatArg,
        /// Use this prfaq.toml instead of searching upward.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Export a clean copy to hand out, or with --review-copy a copy with findings as margin
    /// notes and source line numbers: self-contained HTML, PDF or Markdown.
    ///
    /// HTML and Markdown go to standard output unless -o is given. A PDF goes to -o FILE; without
    /// -o it goes to standard output when that is a file or a pipe, and to the input's name with
    /// `.pdf` beside it (replacing an earlier export) when standard output is a terminal. A clean
    /// copy drops every HTML comment (prfaq-disable, illustrative); the Markdown copy keeps the
    /// front matter, HTML and PDF show it as a title block. Images beside the document are
    /// embedded; remote images are never fetched (their alt text and a link stand in).
    Export {
        /// The PR/FAQ file (`-` for stdin).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Html)]
        format: ExportFormat,
        /// Add the findings as notes beside the blocks they point at, and source line numbers.
        #[arg(long)]
        review_copy: bool,
        /// Write to this file (`-` for standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Use this prfaq.toml (for --review-copy) instead of searching upward from the file.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Refuse files (the document and each image) larger than this many bytes.
        #[arg(long, default_value_t = crate::input::DEFAULT_MAX_BYTES)]
        max_file_size: u64,
    },
    /// List every rule.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
    /// Explain one rule: what it checks, why it matters, and examples.
    Explain {
        /// A rule id (PR001) or name (missing-headline).
        rule: String,
    },
    /// AI agents over any OpenAI-compatible endpoint: draft, review, revise (docs/agents.md).
    ///
    /// The endpoint, model and API key variable come from `[agent]` in prfaq.toml; --endpoint
    /// and --model override them. Nothing else in prfaq needs a model.
    Agent {
        #[command(subcommand)]
        command: AgentCommand,
        #[command(flatten)]
        endpoint: EndpointArgs,
    },
    /// Evidence: import what customers said (CSV, JSON lines, notes), record prototype
    /// observations, search it and group it into themes; cite items as [ev:ID] (docs/evidence.md).
    ///
    /// Items live in prfaq-evidence.db: the nearest one upward from the working directory, or
    /// --store. `prfaq check` uses the one beside or above each document.
    Evidence {
        #[command(subcommand)]
        command: EvidenceCommand,
        /// The evidence store to use (created by import and observe when missing).
        #[arg(long, global = true, value_name = "FILE")]
        store: Option<PathBuf>,
    },
    /// Run the language server on stdin/stdout, for editors (docs/editors.md).
    Lsp,
    /// Run the web app: documents, live findings, review rounds, decisions, the JSON API.
    ///
    /// With no options it listens on 127.0.0.1:7878 and keeps everything in one SQLite file
    /// under the data directory; on first start it prints a one-time link to create the admin
    /// account.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:7878")]
        listen: std::net::SocketAddr,
        /// Directory for the SQLite database (default: the user's data directory, e.g.
        /// ~/.local/share/prfaq).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Use this database instead of SQLite under --data: postgres://user:pass@host/db
        /// (several `prfaq serve` processes may share one PostgreSQL database).
        #[arg(long, env = "PRFAQ_DATABASE_URL", value_name = "URL", hide_env_values = true)]
        database_url: Option<String>,
        /// Use this prfaq.toml for the critique engine (default: the nearest one upward from
        /// the working directory).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Mark the session cookie Secure (set this when users reach the app over HTTPS).
        #[arg(long)]
        secure_cookies: bool,
    },
}

/// What `prfaq evidence` does.
#[derive(Debug, Subcommand)]
pub(crate) enum EvidenceCommand {
    /// Import evidence files: CSV (one item per row; columns found by name or --map), JSON
    /// lines or a JSON array (one item per object), text or Markdown notes (one item per file;
    /// YAML front matter may give date, customer, segment, kind, source, id). Directories are
    /// read for every such file.
    ///
    /// Every file is read and checked before anything is stored: a malformed file is an error
    /// naming its line, and nothing of any file is imported. Importing the same file again adds
    /// nothing twice: a row with an id updates its item, one without is matched by its text.
    Import {
        /// Files or directories.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Which column (or JSON key) holds a field: FIELD=COLUMN, repeatable. Fields: text,
        /// date, segment, customer, id, kind, source.
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// The kind of items without a kind column: ticket, forum, call, survey, review,
        /// interview, observation or note.
        #[arg(long, value_parser = evidence_kind, default_value = "note")]
        kind: prfaq_evidence::Kind,
        /// The source of items without a source column (default: the file's name).
        #[arg(long)]
        source: Option<String>,
        /// The segment of items without a segment column.
        #[arg(long)]
        segment: Option<String>,
        /// The customer of items without a customer column.
        #[arg(long)]
        customer: Option<String>,
    },
    /// Record what was seen while someone used a prototype: an item of kind observation.
    ///
    /// Give the observation as text, or what was tried (--tried) and what happened (--saw).
    /// Prints the id to cite as [ev:ID].
    Observe {
        /// What was observed.
        text: Option<String>,
        /// What the person tried to do.
        #[arg(long)]
        tried: Option<String>,
        /// What happened.
        #[arg(long)]
        saw: Option<String>,
        /// Who was watched (a name, a role).
        #[arg(long)]
        who: Option<String>,
        /// The prototype session (default: "prototype session" and today's date).
        #[arg(long)]
        session: Option<String>,
        /// The customer segment of the person watched.
        #[arg(long)]
        segment: Option<String>,
    },
    /// Full-text search, best matches first (BM25; "exports" finds "export").
    Search {
        /// The words to look for.
        #[arg(required = true)]
        words: Vec<String>,
        /// How many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        filter: EvidenceFilter,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EvidenceFormat::Human)]
        format: EvidenceFormat,
    },
    /// Group items that speak of the same pain: each theme with its count, segments, customers
    /// and the quotes that stand for it.
    Themes {
        /// The most themes to find.
        #[arg(long, default_value_t = 12)]
        max: usize,
        /// Quotes shown per theme.
        #[arg(long, default_value_t = 3)]
        quotes: usize,
        #[command(flatten)]
        filter: EvidenceFilter,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EvidenceFormat::Human)]
        format: EvidenceFormat,
    },
    /// Show items by id, whole.
    Show {
        /// Ids, as cited in [ev:ID].
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EvidenceFormat::Human)]
        format: EvidenceFormat,
    },
}

/// Which items a search or theme build looks at.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct EvidenceFilter {
    /// Only items of this kind (ticket, forum, call, survey, review, interview, observation,
    /// note).
    #[arg(long, value_parser = evidence_kind)]
    pub(crate) kind: Option<prfaq_evidence::Kind>,
    /// Only items of this segment.
    #[arg(long)]
    pub(crate) segment: Option<String>,
    /// Only items dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<String>,
}

/// Reads an evidence kind: ticket, forum, call, survey, review, interview, observation, note.
fn evidence_kind(s: &str) -> Result<prfaq_evidence::Kind, String> {
    s.parse().map_err(|e: prfaq_evidence::item::UnknownKind| e.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum EvidenceFormat {
    /// For people.
    Human,
    /// JSON (docs/json-output.md).
    Json,
}

/// Where the model is; overrides `[agent]` in prfaq.toml.
#[derive(Debug, clap::Args)]
pub(crate) struct EndpointArgs {
    /// The endpoint's base URL, up to /v1 (e.g. http://127.0.0.1:8080/v1 for llama.cpp,
    /// http://127.0.0.1:11434/v1 for Ollama).
    #[arg(long, global = true, env = "PRFAQ_AGENT_ENDPOINT", value_name = "URL")]
    pub(crate) endpoint: Option<String>,
    /// The model name to request.
    #[arg(long, global = true, env = "PRFAQ_AGENT_MODEL")]
    pub(crate) model: Option<String>,
    /// Use this prfaq.toml instead of searching upward from the file.
    #[arg(long, global = true)]
    pub(crate) config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AgentCommand {
    /// Draft a PR/FAQ from a brief (customer, problem, evidence, solution idea) or from an
    /// observation log of a prototype session. The draft streams to stderr as it is written; it
    /// is checked, structural findings are sent back to fix, and what is left is reported.
    Draft {
        /// The brief, Markdown (`-` for stdin).
        #[arg(long)]
        brief: PathBuf,
        /// Write the draft here (never overwrites an existing file); default standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Output format: the Markdown document, or JSON with the document and what is left.
        #[arg(long, value_enum, default_value_t = DraftFormat::Markdown)]
        format: DraftFormat,
    },
    /// Ask persona reviewers (engineering, finance, legal, marketing, customer, bar-raiser, and
    /// those of prfaq.toml) for comments anchored to passages of the document.
    ///
    /// Exit status: 0 when every persona answered, 1 when some failed, 2 when none did.
    Review {
        /// The PR/FAQ file.
        file: PathBuf,
        /// Only these personas (repeatable); default all.
        #[arg(long = "persona", short = 'p', value_name = "ID")]
        personas: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AgentReviewFormat::Human)]
        format: AgentReviewFormat,
    },
    /// Propose a rewrite of the passage a finding is about, show it as a diff, and apply it to
    /// the file only when accepted. Without --finding, lists the findings and their ids.
    Revise {
        /// The PR/FAQ file.
        file: PathBuf,
        /// The finding: RULE@LINE:COLUMN as listed (e.g. STY001@14:23), or RULE@LINE.
        #[arg(long)]
        finding: Option<String>,
        /// Apply the rewrite without asking.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DraftFormat {
    /// The document.
    Markdown,
    /// `{ version, markdown, score, fix_rounds, structural, … }` (docs/json-output.md).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AgentReviewFormat {
    /// Comments under each persona, with line numbers and the quoted passage.
    Human,
    /// `{ version, file, reviews: [...], failed: [...] }` (docs/json-output.md).
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum CheckFormat {
    /// Source snippets with the span underlined.
    Human,
    /// Versioned JSON (docs/json-output.md).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Note,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ModelFormat {
    /// An outline.
    Human,
    /// Versioned JSON.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RiskFormatArg {
    /// Aligned text.
    Human,
    /// Versioned JSON.
    Json,
    /// A Markdown table.
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RequirementsFormatArg {
    /// A Markdown checklist grouped by kind, then what is out of scope.
    Markdown,
    /// Versioned JSON (docs/json-output.md).
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RulesFormat {
    /// A table.
    Human,
    /// JSON.
    Json,
    /// The docs/rules.md reference page.
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum DiffFormat {
    /// Text with word redlines.
    Human,
    /// Versioned JSON.
    Json,
    /// A self-contained HTML page.
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum CompareFormatArg {
    /// Aligned columns.
    Human,
    /// A Markdown table.
    Markdown,
    /// Versioned JSON.
    Json,
    /// A self-contained HTML page.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// A self-contained HTML page (inline CSS, print stylesheet, no scripts, no requests).
    Html,
    /// A PDF, typeset in-process: the press release on page one.
    Pdf,
    /// Markdown: the source without HTML comments, front matter kept.
    Md,
}
