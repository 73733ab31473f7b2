//! The JSON report: stable, versioned, documented in docs/json-output.md.

use serde_json::{Value, json as j};

use crate::checked::Checked;

/// The schema version of the JSON output; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// Renders the JSON report for several files.
#[must_use]
pub fn json(files: &[Checked]) -> String {
    let mut totals = [0usize; 3];
    let files: Vec<Value> = files
        .iter()
        .map(|file| {
            let (e, w, n) = file.counts();
            totals[0] += e;
            totals[1] += w;
            totals[2] += n;
            let words = file.doc.word_counts();
            j!({
                "path": file.path,
                "score": { "overall": file.report.score.overall, "families": file.report.score.families },
                "words": words,
                "counts": { "error": e, "warning": w, "note": n },
                "findings": file.report.findings.iter().map(|f| {
                    let (start, end) = file.range(f.span);
                    j!({
                        "rule": f.rule,
                        "name": f.name,
                        "family": f.family,
                        "severity": f.severity,
                        "message": f.message,
                        "span": { "start": f.span.start, "end": f.span.end },
                        "start": start,
                        "end": end,
                        "suggestion": f.suggestion,
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = j!({
        "version": JSON_VERSION,
        "tool": { "name": "prfaq", "version": env!("CARGO_PKG_VERSION") },
        "files": files,
        "summary": {
            "files": files.len(),
            "error": totals[0],
            "warning": totals[1],
            "note": totals[2],
        },
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into())
}
