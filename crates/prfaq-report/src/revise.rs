//! Revision reports: `prfaq diff`, `prfaq history` and `prfaq compare`.

use std::fmt::Write as _;

use prfaq_revise::{Candidate, ChangeClass, Chunk, ChunkTag, Convergence, Diff, History, Status};
use serde_json::json;

/// A redline for a terminal: `[-deleted-]{+inserted+}`, as `git diff --word-diff` writes it.
fn redline_text(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .map(|c| match c.tag {
            ChunkTag::Equal => c.text.clone(),
            ChunkTag::Delete => format!("[-{}-]", c.text.trim_end()) + trailing_space(&c.text),
            ChunkTag::Insert => format!("{{+{}+}}", c.text.trim_end()) + trailing_space(&c.text),
        })
        .collect()
}

fn trailing_space(s: &str) -> &'static str {
    if s.ends_with(char::is_whitespace) { " " } else { "" }
}

fn lines(item: &prfaq_revise::Item) -> String {
    match (item.old_line, item.new_line) {
        (Some(o), Some(n)) => format!("lines {o} → {n}"),
        (Some(o), None) => format!("line {o}, old"),
        (None, Some(n)) => format!("line {n}"),
        (None, None) => String::new(),
    }
}

/// `prfaq diff` for people: the revision's class, then each changed part with its redline.
#[must_use]
pub fn diff_human(old: &str, new: &str, d: &Diff) -> String {
    let mut out = String::new();
    let changed: Vec<_> = d.changed().collect();
    let _ = writeln!(
        out,
        "{old} → {new}: {} ({} of {} parts changed, {:.0}% of words)",
        d.class.label(),
        changed.len(),
        d.items.len(),
        d.ratio * 100.0
    );
    for item in changed {
        let mark = match item.change.status {
            Status::Added => "+",
            Status::Removed => "-",
            _ => "~",
        };
        let _ = writeln!(out, "\n{mark} [{}] {} ({})", item.change.class.label(), item.change.reason, lines(item));
        if let Some(old_label) = &item.old_label {
            let _ = writeln!(out, "    was: {old_label}");
        }
        if !item.redline.is_empty() {
            let text = redline_text(&item.redline);
            for l in text.lines() {
                let _ = writeln!(out, "    {l}");
            }
        }
    }
    out
}

/// `prfaq diff --format json` (version 1).
#[must_use]
pub fn diff_json(old: &str, new: &str, d: &Diff) -> String {
    serde_json::to_string_pretty(&json!({"version": crate::JSON_VERSION, "old": old, "new": new, "diff": d}))
        .unwrap_or_default()
}

/// `prfaq diff --format html`: a self-contained page with the redline.
#[must_use]
pub fn diff_html(old: &str, new: &str, d: &Diff) -> String {
    let mut body = String::new();
    for item in d.changed() {
        let _ = write!(
            body,
            "<section class=\"{}\"><h2>{} <small>{}</small></h2>",
            item.change.class.label(),
            escape(&item.change.reason),
            escape(&lines(item))
        );
        if !item.redline.is_empty() {
            body.push_str("<p>");
            for c in &item.redline {
                match c.tag {
                    ChunkTag::Equal => body.push_str(&escape(&c.text)),
                    ChunkTag::Delete => _ = write!(body, "<del>{}</del>", escape(&c.text)),
                    ChunkTag::Insert => _ = write!(body, "<ins>{}</ins>", escape(&c.text)),
                }
            }
            body.push_str("</p>");
        }
        body.push_str("</section>\n");
    }
    page(
        &format!("{old} → {new}"),
        &format!(
            "<h1>{} → {}</h1><p class=\"verdict\">{} revision: {:.0}% of words changed</p>{body}",
            escape(old),
            escape(new),
            d.class.label(),
            d.ratio * 100.0
        ),
    )
}

fn sparkline(scores: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores.iter().map(|&s| BARS[(s.min(100) as usize * 7).div_ceil(100)]).collect()
}

fn verdict(c: &Convergence) -> String {
    match c {
        Convergence::Converged { refinements, settled_at, revisions } => format!(
            "converged after {revisions} {}: the structure settled at version {settled_at}, and the {refinements} revisions since were refinements",
            if *revisions == 1 { "revision" } else { "revisions" }
        ),
        Convergence::Open { refinements, needed } => {
            format!("not converged: {refinements} of {needed} refinements in a row since the last structural change")
        }
    }
}

/// `prfaq history` for people: one line per version, a score sparkline, and the verdict.
#[must_use]
pub fn history_human(h: &History) -> String {
    let mut out = String::new();
    let nw = h.revisions.iter().map(|r| r.name.chars().count()).max().unwrap_or(7).max(7);
    let _ = writeln!(
        out,
        "{:<nw$} {:>5} {:>6} {:>8} {:>5} {:>6}  change",
        "version", "score", "errors", "warnings", "TBDs", "words"
    );
    for r in &h.revisions {
        let change = match r.class {
            ChangeClass::Unchanged if r.name == h.revisions[0].name => "first".to_string(),
            c => format!("{} ({:.0}% of words)", c.label(), r.ratio * 100.0),
        };
        let _ = writeln!(
            out,
            "{:<nw$} {:>5} {:>6} {:>8} {:>5} {:>6}  {change}",
            r.name, r.score, r.findings.0, r.findings.1, r.placeholders, r.words
        );
        for s in &r.structural {
            let _ = writeln!(out, "{:<nw$}   · {s}", "");
        }
    }
    let scores: Vec<u32> = h.revisions.iter().map(|r| r.score).collect();
    let _ = writeln!(
        out,
        "\nscore {}  {}",
        sparkline(&scores),
        scores.iter().map(u32::to_string).collect::<Vec<_>>().join(" → ")
    );
    let _ = writeln!(out, "{}", verdict(&h.convergence));
    out
}

/// `prfaq history --format json` (version 1).
#[must_use]
pub fn history_json(h: &History) -> String {
    serde_json::to_string_pretty(&json!({"version": crate::JSON_VERSION, "revisions": h.revisions, "convergence": h.convergence, "verdict": verdict(&h.convergence)}))
        .unwrap_or_default()
}

/// `prfaq history --format html`: the table and an SVG chart of the score over revisions.
#[must_use]
pub fn history_html(h: &History) -> String {
    let n = h.revisions.len().max(2);
    let (w, hgt, pad) = (600.0, 200.0, 30.0);
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (n - 1) as f64;
    let y = |s: u32| hgt - pad - (hgt - 2.0 * pad) * f64::from(s) / 100.0;
    let points: Vec<String> =
        h.revisions.iter().enumerate().map(|(i, r)| format!("{:.1},{:.1}", x(i), y(r.score))).collect();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {hgt}\" role=\"img\" aria-label=\"Score over revisions\"><line x1=\"{pad}\" y1=\"{y0:.1}\" x2=\"{x1:.1}\" y2=\"{y0:.1}\" stroke=\"#999\"/><polyline fill=\"none\" stroke=\"#1a5fb4\" stroke-width=\"2\" points=\"{}\"/>",
        points.join(" "),
        y0 = y(0),
        x1 = w - pad,
    );
    for (i, r) in h.revisions.iter().enumerate() {
        let color = if r.class == ChangeClass::Structural { "#c01c28" } else { "#1a5fb4" };
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{color}\"><title>{}: {} ({})</title></circle><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x(i),
            y(r.score),
            escape(&r.name),
            r.score,
            r.class.label(),
            x(i),
            y(r.score) - 8.0,
            r.score
        );
    }
    svg.push_str("</svg>");
    let mut table = String::from(
        "<table><tr><th>version</th><th>score</th><th>errors</th><th>warnings</th><th>TBDs</th><th>words</th><th>change</th></tr>",
    );
    for r in &h.revisions {
        let _ = write!(
            table,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td></tr>",
            escape(&r.name),
            r.score,
            r.findings.0,
            r.findings.1,
            r.placeholders,
            r.words,
            r.class.label(),
            escape(&r.structural.join("; ")).replace("; ", "<br>")
        );
    }
    table.push_str("</table>");
    page(
        "History",
        &format!("<h1>History</h1><p class=\"verdict\">{}</p>{svg}{table}", escape(&verdict(&h.convergence))),
    )
}

/// Output formats of `prfaq compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareFormat {
    /// Aligned text.
    Human,
    /// A Markdown table.
    Markdown,
    /// JSON (version 1).
    Json,
    /// A self-contained HTML page.
    Html,
}

/// The rows of `prfaq compare`, in display order: a label, then one value per candidate. Every
/// format renders these, and so does the web app's compare page.
#[must_use]
pub fn compare_rows(candidates: &[Candidate]) -> Vec<(String, Vec<String>)> {
    let mut rows: Vec<(String, Vec<String>)> = vec![
        ("headline".into(), candidates.iter().map(|c| c.headline.clone().unwrap_or_else(|| "—".into())).collect()),
        ("customer".into(), candidates.iter().map(|c| c.customer.clone().unwrap_or_else(|| "—".into())).collect()),
        ("score".into(), candidates.iter().map(|c| c.score.to_string()).collect()),
    ];
    if let Some(first) = candidates.first() {
        for (i, (family, _)) in first.families.iter().enumerate() {
            rows.push(((*family).to_string(), candidates.iter().map(|c| c.families[i].1.to_string()).collect()));
        }
    }
    rows.extend([
        ("strongest".into(), candidates.iter().map(|c| c.strongest.to_string()).collect()),
        ("weakest".into(), candidates.iter().map(|c| c.weakest.to_string()).collect()),
        ("open placeholders".into(), candidates.iter().map(|c| c.placeholders.to_string()).collect()),
        (
            "quantified claims".into(),
            candidates.iter().map(|c| format!("{} of {} sentences", c.quantified_claims, c.claims)).collect(),
        ),
        (
            "cited claims".into(),
            candidates
                .iter()
                .map(|c| format!("{} of {} ({}%)", c.evidence.cited, c.evidence.claims, c.evidence.percent()))
                .collect(),
        ),
        ("evidence from".into(), candidates.iter().map(|c| evidence_from(&c.evidence)).collect()),
        (
            "customer topics".into(),
            candidates.iter().map(|c| format!("{}/{}", c.external_topics.0, c.external_topics.1)).collect(),
        ),
        (
            "stakeholder topics".into(),
            candidates.iter().map(|c| format!("{}/{}", c.internal_topics.0, c.internal_topics.1)).collect(),
        ),
        (
            "questions (ext/int)".into(),
            candidates.iter().map(|c| format!("{}/{}", c.questions.0, c.questions.1)).collect(),
        ),
        ("words (all/PR)".into(), candidates.iter().map(|c| format!("{}/{}", c.words.0, c.words.1)).collect()),
        (
            "findings (E/W/N)".into(),
            candidates.iter().map(|c| format!("{}/{}/{}", c.findings.0, c.findings.1, c.findings.2)).collect(),
        ),
    ]);
    rows
}

/// Who the cited evidence comes from: "4 customers, 2 sources", or "no evidence store".
fn evidence_from(s: &prfaq_critique::evidence::Strength) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (s.customers, s.sources) {
        (Some(c), Some(so)) => {
            let unknown = match s.unknown {
                Some(u) if u > 0 => format!(", {} unknown", plural(u, "citation", "citations")),
                _ => String::new(),
            };
            format!("{}, {}{unknown}", plural(c, "customer", "customers"), plural(so, "source", "sources"))
        }
        _ => "no evidence store".into(),
    }
}

/// `prfaq compare`: candidates side by side.
#[must_use]
pub fn compare(candidates: &[Candidate], format: CompareFormat) -> String {
    if format == CompareFormat::Json {
        return serde_json::to_string_pretty(&json!({"version": crate::JSON_VERSION, "candidates": candidates}))
            .unwrap_or_default();
    }
    let rows = compare_rows(candidates);
    let names: Vec<String> = candidates.iter().map(|c| c.name.clone()).collect();
    match format {
        CompareFormat::Markdown => {
            let mut out = format!("| | {} |\n|---|{}\n", names.join(" | "), "---|".repeat(names.len()));
            for (label, values) in &rows {
                let _ = writeln!(
                    out,
                    "| {label} | {} |",
                    values.iter().map(|v| v.replace('|', "\\|")).collect::<Vec<_>>().join(" | ")
                );
            }
            out
        }
        CompareFormat::Html => {
            let mut t = format!(
                "<table><tr><th></th>{}</tr>",
                names.iter().map(|n| format!("<th>{}</th>", escape(n))).collect::<String>()
            );
            for (label, values) in &rows {
                let _ = write!(
                    t,
                    "<tr><th>{}</th>{}</tr>",
                    escape(label),
                    values.iter().map(|v| format!("<td>{}</td>", escape(v))).collect::<String>()
                );
            }
            t.push_str("</table>");
            page("Compare", &format!("<h1>Candidates</h1>{t}"))
        }
        _ => {
            let width = 30;
            let cut = |s: &str| -> String {
                let c: String = s.chars().take(width - 1).collect();
                if s.chars().count() >= width { format!("{c}…") } else { c }
            };
            let mut out = format!("{:<20}", "");
            for n in &names {
                let _ = write!(out, " {:<width$}", cut(n));
            }
            out.push('\n');
            for (label, values) in &rows {
                let _ = write!(out, "{label:<20}");
                for v in values {
                    let _ = write!(out, " {:<width$}", cut(v));
                }
                out.push('\n');
            }
            out
        }
    }
}

/// Escapes text for HTML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A self-contained page: inline CSS, no external requests.
fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}del{{background:#fdd;text-decoration:line-through}}ins{{background:#dfd;text-decoration:none}}section.structural h2{{color:#c01c28}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}}.verdict{{font-weight:600}}small{{color:#666;font-weight:normal}}</style></head><body>{body}</body></html>\n",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_spans_the_range() {
        assert_eq!(sparkline(&[0, 50, 100]), "▁▅█");
    }

    #[test]
    fn redline_marks_words() {
        let chunks = vec![
            Chunk { tag: ChunkTag::Equal, text: "cuts ".into() },
            Chunk { tag: ChunkTag::Delete, text: "ten ".into() },
            Chunk { tag: ChunkTag::Insert, text: "10 ".into() },
            Chunk { tag: ChunkTag::Equal, text: "minutes".into() },
        ];
        assert_eq!(redline_text(&chunks), "cuts [-ten-] {+10+} minutes");
    }

    #[test]
    fn html_has_no_external_requests() {
        let html = page("x", "<p>y</p>");
        assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="));
    }
}
