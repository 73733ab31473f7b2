//! `prfaq agent draft|review|revise`: the AI agents in the terminal, with streamed text and
//! progress on stderr, results on stdout, and Ctrl-C cancelling cleanly.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result, anyhow, bail};
use prfaq_agent::brief::Brief;
use prfaq_agent::fsm::draft::{Draft, DraftMachine};
use prfaq_agent::fsm::review::{Review, ReviewError, ReviewMachine};
use prfaq_agent::fsm::revise::{Proposal, ReviseMachine, Target};
use prfaq_agent::personas;
use prfaq_agent::provider::Provider;
use prfaq_agent::{Progress, drive, drive_all};
use prfaq_critique::{Engine, Finding};
use prfaq_doc::LineIndex;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::args::{AgentCommand, AgentReviewFormat, DraftFormat, EndpointArgs};
use crate::{config, input, output};

/// Runs one agent subcommand.
pub(crate) fn run(command: AgentCommand, endpoint: &EndpointArgs) -> Result<ExitCode> {
    let near = match &command {
        AgentCommand::Draft { brief, .. } => brief.as_path(),
        AgentCommand::Review { file, .. } | AgentCommand::Revise { file, .. } => file.as_path(),
    };
    let near = (near.as_os_str() != "-").then_some(near);
    let (engine, agent) = config::load_with_agent(config::file_for(endpoint.config.as_deref(), near).as_deref())?;
    let mut agent = agent.unwrap_or_default();
    if let Some(url) = &endpoint.endpoint {
        agent.base_url.clone_from(url);
    }
    if let Some(model) = &endpoint.model {
        agent.model.clone_from(model);
    }
    let agent = agent.validated().context("agent settings")?;
    let engine = Arc::new(engine);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let cancel = CancellationToken::new();
        let on_interrupt = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                on_interrupt.cancel();
            }
        });
        let provider = Provider::new(agent).map_err(|e| anyhow!(e))?;
        match command {
            AgentCommand::Draft { brief, output, format } => {
                draft(&provider, engine, &brief, output.as_deref(), format, &cancel).await
            }
            AgentCommand::Review { file, personas, format } => {
                review(&provider, &file, &personas, format, &cancel).await
            }
            AgentCommand::Revise { file, finding, yes } => {
                revise(&provider, engine, &file, finding.as_deref(), yes, &cancel).await
            }
        }
    })
}

/// Streams model text to stderr when it is a terminal; shows each stage as a line.
struct Live {
    tty: bool,
    streaming: bool,
}

impl Live {
    fn new() -> Self {
        Self { tty: std::io::stderr().is_terminal(), streaming: false }
    }

    fn show(&mut self, p: Progress<'_>) {
        let mut err = anstream::stderr().lock();
        match p {
            Progress::Stage(stage) => {
                let lead = if self.streaming { "\n" } else { "" };
                let _ = writeln!(err, "{lead}\x1b[1;36m==>\x1b[0m {stage}");
                self.streaming = false;
            }
            Progress::Text(text) if self.tty => {
                let _ = write!(err, "\x1b[2m{text}\x1b[0m");
                let _ = err.flush();
                self.streaming = true;
            }
            Progress::Text(_) => {}
        }
    }

    fn end(&mut self) {
        if self.streaming {
            output::info("");
            self.streaming = false;
        }
    }
}

async fn draft(
    provider: &Provider,
    engine: Arc<Engine>,
    brief_path: &Path,
    out: Option<&Path>,
    format: DraftFormat,
    cancel: &CancellationToken,
) -> Result<ExitCode> {
    let brief_input = input::read(brief_path, input::DEFAULT_MAX_BYTES)?;
    let brief = Brief::parse(&brief_input.text);
    if let Some(out) = out
        && out.exists()
    {
        bail!("{}: already exists; prfaq never overwrites a file (choose another --output)", out.display());
    }
    let machine = DraftMachine::new(brief, engine, prfaq_agent::fsm::draft::Limits::of(provider.config()));
    let mut live = Live::new();
    let outcome = drive(machine, provider, cancel, &mut |p| live.show(p)).await;
    live.end();
    let draft = outcome.with_context(|| format!("drafting from {}", brief_input.display))?;
    report_draft(&draft);
    let text = match format {
        DraftFormat::Markdown => draft.markdown.clone(),
        DraftFormat::Json => {
            let mut value = serde_json::to_value(&draft).context("serialising the draft")?;
            value["version"] = json!(1);
            serde_json::to_string_pretty(&value).context("serialising the draft")? + "\n"
        }
    };
    match out {
        Some(path) => {
            write_new(path, &text)?;
            output::info(&format!("wrote {}", path.display()));
        }
        None => output::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Tells on stderr what the draft still lacks.
fn report_draft(draft: &Draft) {
    let rounds = match draft.fix_rounds {
        0 => String::new(),
        n => format!(" after {n} fix round{}", if n == 1 { "" } else { "s" }),
    };
    output::info(&format!(
        "draft: score {}{rounds}; {} structural finding{} left, {} other finding{}",
        draft.score,
        draft.structural.len(),
        if draft.structural.len() == 1 { "" } else { "s" },
        draft.other_findings,
        if draft.other_findings == 1 { "" } else { "s" },
    ));
    for r in &draft.structural {
        output::warn(&format!("line {}: {} [{} {}]", r.line, r.message, r.rule, r.name));
    }
    if !draft.unknown_observations.is_empty() {
        output::warn(&format!("cites observations the brief does not have: {}", draft.unknown_observations.join(", ")));
    }
    if !draft.uncited_observations.is_empty() {
        let list: Vec<String> = draft.uncited_observations.iter().map(|n| format!("[obs:{n}]")).collect();
        output::warn(&format!("observations never cited: {}", list.join(", ")));
    }
    if draft.truncated {
        output::warn("the model ran out of tokens: the draft may be cut off (raise max_tokens in [agent])");
    }
    output::info("run `prfaq check` on the draft for every finding");
}

async fn review(
    provider: &Provider,
    file: &Path,
    ids: &[String],
    format: AgentReviewFormat,
    cancel: &CancellationToken,
) -> Result<ExitCode> {
    let doc_input = input::read(file, input::DEFAULT_MAX_BYTES)?;
    let config = provider.config();
    let chosen = personas::select(&personas::all(&config.personas), ids).map_err(|e| anyhow!(e))?;
    let limits = prfaq_agent::fsm::review::Limits::of(config);
    let names: Vec<String> = chosen.iter().map(|p| p.name.clone()).collect();
    let machines: Vec<ReviewMachine> =
        chosen.into_iter().map(|p| ReviewMachine::new(p, &doc_input.text, limits)).collect();
    let bar = indicatif::ProgressBar::new(machines.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} reviewers done {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let bar_for_stages = Mutex::new(bar.clone());
    let on_stage = move |_: usize, stage: &str| {
        if let Ok(bar) = bar_for_stages.lock() {
            bar.set_message(stage.to_string());
        }
    };
    let outcomes = drive_all(machines, provider, cancel, &on_stage).await;
    bar.finish_and_clear();
    let failed = outcomes.iter().filter(|o| o.is_err()).count();
    if outcomes.iter().any(|o| matches!(o, Err(ReviewError::Provider { source, .. }) if *source == prfaq_agent::provider::ProviderError::Cancelled))
    {
        bail!("cancelled");
    }
    let text = match format {
        AgentReviewFormat::Human => review_human(&doc_input.display, &doc_input.text, &outcomes, &names),
        AgentReviewFormat::Json => review_json(&doc_input.display, &doc_input.text, &outcomes)?,
    };
    output::print(&text)?;
    for e in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        output::error(&anyhow!(e.clone()));
    }
    Ok(match failed {
        0 => ExitCode::SUCCESS,
        n if n == outcomes.len() => ExitCode::from(2),
        _ => ExitCode::from(1),
    })
}

fn review_human(display: &str, source: &str, outcomes: &[Result<Review, ReviewError>], names: &[String]) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for (outcome, name) in outcomes.iter().zip(names) {
        let Ok(review) = outcome else {
            out.push_str(&format!("\x1b[1m{name}\x1b[0m: \x1b[31mno review\x1b[0m (see the error below)\n\n"));
            continue;
        };
        out.push_str(&format!(
            "\x1b[1m{}\x1b[0m ({}, AI) — {} comment{}\n",
            review.name,
            review.function,
            review.comments.len(),
            if review.comments.len() == 1 { "" } else { "s" }
        ));
        for c in &review.comments {
            let at = lines.location(source, c.start);
            let colour = match c.severity.as_str() {
                "critical" => "31",
                "important" => "33",
                _ => "36",
            };
            out.push_str(&format!(
                "  {display}:{}:{}  \x1b[{colour}m{}\x1b[0m {}  {}\n    > {}\n    {}\n",
                at.line,
                at.column,
                c.severity.as_str(),
                c.kind.as_str(),
                c.section,
                one_line(&c.quote),
                c.text
            ));
        }
        if review.unanchored + review.invalid > 0 {
            out.push_str(&format!(
                "  \x1b[2mdropped: {} quoting text that is not in the document, {} unreadable\x1b[0m\n",
                review.unanchored, review.invalid
            ));
        }
        out.push('\n');
    }
    out
}

fn review_json(display: &str, source: &str, outcomes: &[Result<Review, ReviewError>]) -> Result<String> {
    let lines = LineIndex::new(source);
    let mut reviews = Vec::new();
    let mut failed = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(review) => {
                let mut value = serde_json::to_value(review).context("serialising a review")?;
                for (c, v) in review.comments.iter().zip(value["comments"].as_array_mut().into_iter().flatten()) {
                    let at = lines.location(source, c.start);
                    v["line"] = json!(at.line);
                    v["column"] = json!(at.column);
                }
                value["ai"] = json!(true);
                reviews.push(value);
            }
            Err(e) => {
                failed.push(json!({ "persona": e.persona(), "error": e.to_string() }));
            }
        }
    }
    let value = json!({ "version": 1, "file": display, "reviews": reviews, "failed": failed });
    Ok(serde_json::to_string_pretty(&value).context("serialising the reviews")? + "\n")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A finding's id as `revise` lists and accepts it.
fn finding_id(f: &Finding, lines: &LineIndex, source: &str) -> String {
    let at = lines.location(source, f.span.start);
    format!("{}@{}:{}", f.rule, at.line, at.column)
}

/// The finding `wanted` names: `RULE@LINE:COL` exactly, or `RULE@LINE` when one finding of
/// that rule starts on the line. The rule may be given by id or name.
fn find_finding<'a>(findings: &'a [Finding], wanted: &str, lines: &LineIndex, source: &str) -> Result<&'a Finding> {
    let (rule, place) = wanted
        .split_once('@')
        .ok_or_else(|| anyhow!("--finding {wanted:?}: expected RULE@LINE:COLUMN, e.g. STY001@14:23"))?;
    let (line, column) = match place.split_once(':') {
        Some((l, c)) => (l, Some(c)),
        None => (place, None),
    };
    let line: usize = line.parse().map_err(|_| anyhow!("--finding {wanted:?}: {line:?} is not a line number"))?;
    let column: Option<usize> = column
        .map(|c| c.parse().map_err(|_| anyhow!("--finding {wanted:?}: {c:?} is not a column number")))
        .transpose()?;
    let matching: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule.eq_ignore_ascii_case(rule) || f.name == rule)
        .filter(|f| {
            let at = lines.location(source, f.span.start);
            at.line == line && column.is_none_or(|c| c == at.column)
        })
        .collect();
    match matching.as_slice() {
        [one] => Ok(one),
        [] => bail!("--finding {wanted}: no such finding; run `prfaq agent revise FILE` to list them"),
        several => bail!(
            "--finding {wanted}: {} findings match; name the column: {}",
            several.len(),
            several.iter().map(|f| finding_id(f, lines, source)).collect::<Vec<_>>().join(", ")
        ),
    }
}

async fn revise(
    provider: &Provider,
    engine: Arc<Engine>,
    file: &Path,
    wanted: Option<&str>,
    yes: bool,
    cancel: &CancellationToken,
) -> Result<ExitCode> {
    if file.as_os_str() == "-" {
        bail!("revise needs a file to apply the rewrite to, not standard input");
    }
    let doc_input = input::read(file, input::DEFAULT_MAX_BYTES)?;
    let source = doc_input.text.clone();
    let report = engine.check(&prfaq_doc::parse(&source));
    let lines = LineIndex::new(&source);
    let Some(wanted) = wanted else {
        let mut out = String::new();
        for f in &report.findings {
            out.push_str(&format!("{:<18} {:<8} {}\n", finding_id(f, &lines, &source), f.severity.as_str(), f.message));
        }
        if out.is_empty() {
            out.push_str("no findings\n");
        }
        output::print(&out)?;
        return Ok(ExitCode::SUCCESS);
    };
    let finding = find_finding(&report.findings, wanted, &lines, &source)?;
    if !prfaq_agent::fsm::revise::is_about_a_passage(finding.name) {
        bail!(
            "{wanted} ({}) is about something the document lacks, not a passage to rewrite: write it, or draft with `prfaq agent draft`",
            finding.name
        );
    }
    let max_tokens = prfaq_agent::fsm::revise::max_tokens(provider.config());
    let machine = ReviseMachine::new(source.clone(), Target::of_finding(finding), engine, max_tokens);
    let mut live = Live::new();
    let outcome = drive(machine, provider, cancel, &mut |p| live.show(p)).await;
    live.end();
    let proposal = outcome.with_context(|| format!("revising {wanted} in {}", doc_input.display))?;
    output::print(&colour_diff(&proposal.diff))?;
    output::info(&verdict(&proposal, wanted));
    let accept = if yes { true } else { ask(&format!("apply this rewrite to {}?", doc_input.display))? };
    if !accept {
        output::info("not applied (run again with --yes to apply without asking)");
        return Ok(ExitCode::SUCCESS);
    }
    apply(file, &source, &proposal.markdown)?;
    output::info(&format!("applied to {}", doc_input.display));
    Ok(ExitCode::SUCCESS)
}

fn verdict(p: &Proposal, wanted: &str) -> String {
    let fixed = match p.resolved {
        Some(true) => format!("{wanted} is gone"),
        Some(false) => format!("{wanted} is still flagged"),
        None => String::new(),
    };
    format!(
        "{fixed}; score {} → {}, findings {} → {}",
        p.score_before, p.score_after, p.findings_before, p.findings_after
    )
}

fn colour_diff(diff: &str) -> String {
    diff.lines()
        .map(|l| match l.as_bytes().first() {
            Some(b'+') if !l.starts_with("+++") => format!("\x1b[32m{l}\x1b[0m\n"),
            Some(b'-') if !l.starts_with("---") => format!("\x1b[31m{l}\x1b[0m\n"),
            Some(b'@') => format!("\x1b[36m{l}\x1b[0m\n"),
            _ => format!("{l}\n"),
        })
        .collect()
}

/// Asks a yes/no question on the terminal; no terminal means no.
fn ask(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(false);
    }
    eprint_prompt(&format!("{question} [y/N] "));
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).context("cannot read the answer")?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

fn eprint_prompt(text: &str) {
    let mut err = anstream::stderr().lock();
    let _ = write!(err, "{text}");
    let _ = err.flush();
}

/// Replaces the file's text with `new`, unless it changed since it was read (then nothing is
/// written and the person is told). Written to a temporary file beside it, then renamed.
fn apply(path: &Path, read: &str, new: &str) -> Result<()> {
    let now = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    if now != read {
        bail!("{}: the file changed while the rewrite was made; nothing was written, run again", path.display());
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(|| "prfaq".into(), |n| n.to_string_lossy().into_owned());
    let temp: PathBuf = dir.join(format!(".{name}.prfaq-{}", std::process::id()));
    std::fs::write(&temp, new).with_context(|| format!("{}: cannot write", temp.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the file's permissions; the temporary file was created with the defaults.
        let _ = std::fs::set_permissions(&temp, meta.permissions());
    }
    std::fs::rename(&temp, path).with_context(|| format!("{}: cannot replace", path.display()))
}

/// Writes a new file; refuses to replace one.
fn write_new(path: &Path, text: &str) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("{}: cannot create (prfaq never overwrites a file)", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| format!("{}: cannot write", path.display()))
}
