//! `prfaq check`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use prfaq_critique::Severity;
use prfaq_report::{Checked, Human};

use crate::args::{CheckFormat, FailOn};
use crate::config::Engines;
use crate::evidence::Lookup;
use crate::{input, output};

/// The files checked, and whether any input could not be read.
pub(crate) struct CheckedFiles {
    pub(crate) checked: Vec<Checked>,
    pub(crate) failed: bool,
}

/// Parses and checks every file; unreadable inputs are reported on stderr and skipped. With
/// `evidence` (the store given by --evidence, or `Some(None)`: the one found near each file)
/// citations and quotes are checked against the store.
pub(crate) fn check_all(
    paths: &[PathBuf],
    config: Option<&Path>,
    evidence: Option<Option<&Path>>,
    max_bytes: u64,
) -> Result<CheckedFiles> {
    let mut engines = Engines::new(config)?;
    let mut lookup = evidence.map(Lookup::new).transpose()?;
    let progress = if paths.len() > 20 {
        indicatif::ProgressBar::new(paths.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} checking {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut checked = Vec::with_capacity(paths.len());
    let mut failed = false;
    for path in paths {
        progress.set_message(path.display().to_string());
        match input::read(path, max_bytes) {
            Ok(input) => {
                let engine = engines.for_path(input.path.as_deref())?;
                let doc = prfaq_doc::parse(&input.text);
                let facts = match lookup.as_mut() {
                    Some(l) => l.facts(input.path.as_deref(), &doc)?,
                    None => None,
                };
                let report = engine.check_with_evidence(&doc, facts.as_ref());
                checked.push(Checked { path: input.display, doc, report });
            }
            Err(e) => {
                progress.suspend(|| output::error(&e));
                failed = true;
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    Ok(CheckedFiles { checked, failed })
}

/// What `prfaq check` was asked.
pub(crate) struct Request<'a> {
    pub(crate) paths: &'a [PathBuf],
    pub(crate) format: CheckFormat,
    pub(crate) fail_on: FailOn,
    pub(crate) config: Option<&'a Path>,
    pub(crate) max_bytes: u64,
    pub(crate) evidence: Option<&'a Path>,
}

pub(crate) fn run(request: &Request<'_>) -> Result<ExitCode> {
    let Request { paths, format, fail_on, config, max_bytes, evidence } = *request;
    let files = input::expand(paths)?;
    if files.is_empty() {
        output::warn("no Markdown files found");
    }
    let result = check_all(&files, config, Some(evidence), max_bytes)?;
    let text = match format {
        CheckFormat::Human => {
            let human = Human { color: output::stdout_color() };
            result.checked.iter().map(|f| human.render(f)).collect::<Vec<_>>().join("\n")
        }
        CheckFormat::Json => prfaq_report::json(&result.checked) + "\n",
        CheckFormat::Sarif => prfaq_report::sarif(&result.checked) + "\n",
        CheckFormat::Github => prfaq_report::github(&result.checked),
    };
    output::print(&text)?;
    if result.failed {
        return Ok(ExitCode::from(2));
    }
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Note => Severity::Note,
    };
    let fails = result.checked.iter().flat_map(|c| &c.report.findings).any(|f| f.severity >= threshold);
    Ok(if fails { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
