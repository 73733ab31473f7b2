//! SARIF 2.1.0, for code-scanning tools (GitHub code scanning, IDE viewers).

use prfaq_critique::{Rule, Severity, registry};
use serde_json::{Value, json};

use crate::checked::Checked;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule_descriptor(r: &Rule) -> Value {
    json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": r.docs.what },
        "help": {
            "text": format!("{}\n\n{}", r.docs.what, r.docs.why),
            "markdown": format!("{}\n\n**Why it matters.** {}", r.docs.what, r.docs.why),
        },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "family": r.family.key() },
    })
}

/// Renders one SARIF log with one run covering every file.
#[must_use]
pub fn sarif(files: &[Checked]) -> String {
    let rules: Vec<&Rule> = registry::all().collect();
    let mut results = Vec::new();
    for file in files {
        for f in &file.report.findings {
            let (start, end) = file.range(f.span);
            let index = rules.iter().position(|r| r.id == f.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&file.path) },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                            "byteOffset": f.span.start,
                            "byteLength": f.span.len(),
                        }
                    }
                }],
            });
            if let Some(s) = &f.suggestion {
                result["properties"] = json!({ "suggestion": s.message });
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "prfaq",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/prfaq/prfaq",
                    "rules": rules.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into())
}

/// A relative URI reference for a path: forward slashes, spaces and `%` escaped.
fn uri(path: &str) -> String {
    let p = if path == "-" { "stdin" } else { path };
    p.replace('\\', "/").replace('%', "%25").replace(' ', "%20")
}
