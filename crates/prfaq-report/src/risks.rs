//! The risk register: every placeholder, where it is, and the question it leaves open.

use std::fmt::Write as _;

use serde_json::json;

use crate::checked::Checked;

/// Output formats of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskFormat {
    /// Aligned text for a terminal.
    Human,
    /// JSON (version 1).
    Json,
    /// A Markdown table, to paste into the document or a ticket.
    Markdown,
}

/// Renders the risk register of several files.
#[must_use]
pub fn risks(files: &[Checked], format: RiskFormat) -> String {
    let rows: Vec<(String, usize, &str, &str, &str, &str)> = files
        .iter()
        .flat_map(|f| {
            f.doc.placeholders.iter().map(move |p| {
                let line = f.doc.location(p.span.start).line;
                (f.path.clone(), line, p.section.as_str(), p.text.as_str(), p.context.as_str(), p.question.as_str())
            })
        })
        .collect();
    match format {
        RiskFormat::Json => {
            let items: Vec<_> = rows
                .iter()
                .map(|(path, line, section, text, context, question)| {
                    json!({"file": path, "line": line, "section": section, "text": text, "context": context, "question": question})
                })
                .collect();
            serde_json::to_string_pretty(&json!({"version": crate::JSON_VERSION, "risks": items})).unwrap_or_default()
        }
        RiskFormat::Markdown => {
            let mut out = String::from(
                "| # | File | Line | Section | Placeholder | Open question |\n|---|---|---|---|---|---|\n",
            );
            for (i, (path, line, section, text, _, question)) in rows.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "| {} | {} | {line} | {} | {} | {} |",
                    i + 1,
                    cell(path),
                    cell(section),
                    cell(text),
                    cell(question)
                );
            }
            if rows.is_empty() {
                out.push_str("| | | | | no open placeholders | |\n");
            }
            out
        }
        RiskFormat::Human => {
            let mut out = String::new();
            for (path, line, section, text, _, question) in &rows {
                let _ = writeln!(out, "{path}:{line}  [{section}]  {text}\n    → {question}");
            }
            let _ =
                writeln!(out, "{} open {}", rows.len(), if rows.len() == 1 { "placeholder" } else { "placeholders" });
            out
        }
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
