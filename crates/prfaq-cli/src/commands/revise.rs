//! `prfaq diff`, `prfaq history` and `prfaq compare`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context as _, Result, bail};
use prfaq_doc::Document;
use prfaq_report::CompareFormat;

use crate::args::{CompareFormatArg, DiffFormat};
use crate::config::Engines;
use crate::{input, output};

fn load(path: &Path) -> Result<(String, Document)> {
    let input = input::read(path, input::DEFAULT_MAX_BYTES)?;
    Ok((input.display, prfaq_doc::parse(&input.text)))
}

pub(crate) fn diff(old: &Path, new: &Path, format: DiffFormat, config: Option<&Path>) -> Result<ExitCode> {
    let engine = Engines::new(config)?.for_path(Some(new))?;
    let (old_name, old_doc) = load(old)?;
    let (new_name, new_doc) = load(new)?;
    let d = prfaq_revise::diff(&old_doc, &new_doc, &engine.config().revise);
    let text = match format {
        DiffFormat::Human => prfaq_report::diff_human(&old_name, &new_name, &d),
        DiffFormat::Json => prfaq_report::diff_json(&old_name, &new_name, &d) + "\n",
        DiffFormat::Html => prfaq_report::diff_html(&old_name, &new_name, &d),
    };
    output::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn history(files: &[PathBuf], git: bool, format: DiffFormat, config: Option<&Path>) -> Result<ExitCode> {
    let engine = Engines::new(config)?.for_path(files.last().map(PathBuf::as_path))?;
    let versions = if git {
        let [file] = files else {
            bail!("--git takes exactly one file");
        };
        git_versions(file)?
    } else {
        files.iter().map(|f| load(f)).collect::<Result<Vec<_>>>()?
    };
    if versions.len() < 2 {
        output::warn("a history needs at least two versions; showing the one there is");
    }
    let h = prfaq_revise::history(&versions, &engine);
    let text = match format {
        DiffFormat::Human => prfaq_report::history_human(&h),
        DiffFormat::Json => prfaq_report::history_json(&h) + "\n",
        DiffFormat::Html => prfaq_report::history_html(&h),
    };
    output::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Every committed version of `file`, oldest first, named by short commit and date.
fn git_versions(file: &Path) -> Result<Vec<(String, Document)>> {
    let log = Command::new("git")
        .args(["log", "--follow", "--format=%h %as", "--reverse", "--"])
        .arg(file)
        .output()
        .context("cannot run git (is it installed?)")?;
    if !log.status.success() {
        bail!("git log failed: {}", String::from_utf8_lossy(&log.stderr).trim());
    }
    let mut versions = Vec::new();
    let rel = git_relative(file)?;
    for line in String::from_utf8_lossy(&log.stdout).lines() {
        let Some((hash, date)) = line.split_once(' ') else { continue };
        let show =
            Command::new("git").args(["show", &format!("{hash}:{rel}")]).output().context("cannot run git show")?;
        if !show.status.success() {
            // The file had another name in this commit (followed through a rename); skip it.
            continue;
        }
        let text = String::from_utf8(show.stdout).with_context(|| format!("{hash}:{rel}: not UTF-8"))?;
        versions.push((format!("{hash} {date}"), prfaq_doc::parse(&text)));
    }
    if versions.is_empty() {
        bail!("{}: no committed versions in this git repository", file.display());
    }
    Ok(versions)
}

/// The file's path relative to the repository root, as `git show` wants it.
fn git_relative(file: &Path) -> Result<String> {
    let out =
        Command::new("git").args(["ls-files", "--full-name", "--"]).arg(file).output().context("cannot run git")?;
    let name = String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").to_string();
    if name.is_empty() {
        bail!("{}: not tracked by git", file.display());
    }
    Ok(name)
}

pub(crate) fn compare(
    files: &[PathBuf],
    evidence: Option<&Path>,
    format: CompareFormatArg,
    config: Option<&Path>,
) -> Result<ExitCode> {
    let engine = Engines::new(config)?.for_path(files.first().map(PathBuf::as_path))?;
    let docs = files.iter().map(|f| load(f)).collect::<Result<Vec<_>>>()?;
    let mut lookup = crate::evidence::Lookup::new(evidence)?;
    let facts =
        files.iter().zip(&docs).map(|(file, (_, doc))| lookup.facts(Some(file), doc)).collect::<Result<Vec<_>>>()?;
    let candidates = prfaq_revise::compare_with_evidence(&docs, &facts, &engine);
    let format = match format {
        CompareFormatArg::Human => CompareFormat::Human,
        CompareFormatArg::Markdown => CompareFormat::Markdown,
        CompareFormatArg::Json => CompareFormat::Json,
        CompareFormatArg::Html => CompareFormat::Html,
    };
    let mut text = prfaq_report::compare(&candidates, format);
    if format == CompareFormat::Json {
        text.push('\n');
    }
    output::print(&text)?;
    Ok(ExitCode::SUCCESS)
}
