//! `prfaq new`: the canonical skeleton.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::output;

fn slug(title: &str) -> String {
    let s: String = title.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let parts: Vec<&str> = s.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() { "prfaq".into() } else { parts.join("-") }
}

/// The launch date the skeleton proposes: today, formatted like "March 3, 2027".
fn today() -> String {
    let date = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    date.strftime("%B %-d, %Y").to_string()
}

pub(crate) fn run(path: Option<PathBuf>, title: Option<&str>, customer: Option<&str>) -> Result<ExitCode> {
    let path = path.unwrap_or_else(|| PathBuf::from(format!("{}.md", title.map_or_else(|| "prfaq".into(), slug))));
    let owner = std::env::var("PRFAQ_OWNER").or_else(|_| std::env::var("EMAIL")).unwrap_or_default();
    let text = prfaq_doc::template::render(title, customer, &owner, &today());
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{} already exists; prfaq new never overwrites a file (choose another path)", path.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    output::print(&format!(
        "wrote {}\nnext: fill in each (…) guidance paragraph, then run `prfaq check {}`\n",
        path.display(),
        path.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
