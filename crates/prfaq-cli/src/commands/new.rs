//! `prfaq new`: the canonical skeleton.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::output;

const TEMPLATE: &str = include_str!("../template.md");

/// A YAML double-quoted scalar.
fn yaml_string(s: &str) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' | '\r' | '\t' => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

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

/// Fills in the template.
pub(crate) fn render(title: Option<&str>, customer: Option<&str>, owner: &str, date: &str) -> String {
    let title_text = title.unwrap_or("TBD product name");
    TEMPLATE
        .replace("title: {{title}}", &format!("title: {}", yaml_string(title_text)))
        .replace(
            "customer: {{customer}}",
            &format!(
                "customer: {}",
                yaml_string(customer.unwrap_or("TBD: who, in what context, with what measurable pain"))
            ),
        )
        .replace("owner: {{owner}}", &format!("owner: {}", yaml_string(owner)))
        .replace("{{title}}", title_text)
        .replace("{{customer}}", customer.unwrap_or("the customer"))
        .replace("{{date}}", date)
        .replace("{{owner}}", owner)
}

pub(crate) fn run(path: Option<PathBuf>, title: Option<&str>, customer: Option<&str>) -> Result<ExitCode> {
    let path = path.unwrap_or_else(|| PathBuf::from(format!("{}.md", title.map_or_else(|| "prfaq".into(), slug))));
    let owner = std::env::var("PRFAQ_OWNER").or_else(|_| std::env::var("EMAIL")).unwrap_or_default();
    let text = render(title, customer, &owner, &today());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_for_yaml() {
        assert_eq!(yaml_string("Acme: \"Reports\""), "\"Acme: \\\"Reports\\\"\"");
    }

    #[test]
    fn skeleton_parses_into_every_part() {
        let text = render(
            Some("Acme Reports"),
            Some("Marketing managers who spend 6 hours a week on reports"),
            "jane@example.com",
            "March 3, 2027",
        );
        let doc = prfaq_doc::parse(&text);
        assert!(doc.issues.is_empty(), "{:?}", doc.issues);
        assert_eq!(doc.meta("title").map(|f| f.value.as_str()), Some("Acme Reports"));
        assert!(doc.press_release.headline.is_some() && doc.press_release.subheadline.is_some());
        assert!(doc.press_release.dateline.as_ref().is_some_and(|d| d.well_formed));
        assert_eq!(doc.quotes.len(), 2);
        assert!(doc.faqs_of(prfaq_doc::FaqKind::External).count() >= 8);
        assert!(doc.faqs_of(prfaq_doc::FaqKind::Internal).count() >= 12);
        // Every unfilled guidance paragraph is an open placeholder, so a fresh skeleton fails
        // `prfaq check` until it is written.
        let guidance = doc.placeholders.iter().filter(|p| p.kind == prfaq_doc::PlaceholderKind::Guidance).count();
        assert!(guidance >= 25, "{guidance} guidance placeholders");
    }
}
