//! HTML pieces shared by several pages: the findings panel, a diff, the score chart, the
//! convergence sentence.

use askama::Template;
use prfaq_revise::{ChunkTag, Diff, Status};
use prfaq_store::RevisionSummary;

use crate::service::analysis::Analysis;

/// A document's text as HTML for its page: the body without the front matter (which would
/// otherwise read as a paragraph and a heading), and the front matter's fields but the title
/// and the checker's quote markers, for a title block.
pub(crate) fn document_html(doc: &prfaq_doc::Document) -> (Vec<(String, String)>, String) {
    let fields = doc
        .front_matter
        .iter()
        .flat_map(|fm| &fm.fields)
        .filter(|f| !["title", "quotes", "illustrative"].iter().any(|k| f.key.eq_ignore_ascii_case(k)))
        .filter(|f| !f.value.trim().is_empty())
        .map(|f| (f.key.clone(), f.value.trim().to_owned()))
        .collect();
    let body = doc.front_matter.as_ref().map_or(doc.source.as_str(), |fm| &doc.source[fm.span.end..]);
    (fields, prfaq_export::render_fragment(body))
}

/// One finding as listed.
pub(crate) struct FindingRow {
    severity: &'static str,
    line: usize,
    rule: &'static str,
    message: String,
    start: usize,
    rewritable: bool,
}

/// Where "suggest a rewrite" posts: the document, the revision checked, the form's token.
pub(crate) struct RewriteTarget<'a> {
    /// The document.
    pub document: i64,
    /// The revision the findings are of.
    pub revision: i64,
    /// The CSRF token.
    pub csrf: &'a str,
}

#[derive(Template)]
#[template(path = "findings.html")]
struct Findings<'a> {
    score: u32,
    errors: i64,
    warnings: i64,
    placeholders: i64,
    findings: Vec<FindingRow>,
    rewrite: Option<RewriteTarget<'a>>,
}

/// The findings panel of a checked text (`<div id="findings">`); with `rewrite`, each finding
/// about a passage offers "suggest a rewrite" (the AI reviser).
pub(crate) fn findings_html(analysis: &Analysis, rewrite: Option<RewriteTarget<'_>>) -> String {
    let metrics = analysis.metrics();
    let findings = analysis
        .report
        .findings
        .iter()
        .map(|f| FindingRow {
            severity: f.severity.as_str(),
            line: analysis.doc.location(f.span.start).line,
            rule: f.rule,
            message: f.message.clone(),
            start: f.span.start,
            rewritable: prfaq_agent::fsm::revise::is_about_a_passage(f.name),
        })
        .collect();
    let panel = Findings {
        rewrite,
        score: analysis.report.score.overall,
        errors: metrics.errors,
        warnings: metrics.warnings,
        placeholders: metrics.placeholders,
        findings,
    };
    panel.render().unwrap_or_default()
}

/// One changed part of a diff.
pub(crate) struct DiffItem {
    title: String,
    status: &'static str,
    class: &'static str,
    reason: String,
    chunks: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "diff_body.html")]
struct DiffBody {
    class: &'static str,
    percent: String,
    items: Vec<DiffItem>,
}

/// A diff's changed parts with word redlines.
pub(crate) fn diff_html(diff: &Diff) -> String {
    let items = diff
        .changed()
        .map(|item| DiffItem {
            title: item.label.clone(),
            status: match item.change.status {
                Status::Added => "added",
                Status::Removed => "removed",
                Status::Changed => "changed",
                Status::Unchanged => "unchanged",
            },
            class: item.change.class.label(),
            reason: item.change.reason.clone(),
            chunks: item
                .redline
                .iter()
                .map(|c| {
                    let tag = match c.tag {
                        ChunkTag::Insert => "ins",
                        ChunkTag::Delete => "del",
                        ChunkTag::Equal => "eq",
                    };
                    (tag, c.text.clone())
                })
                .collect(),
        })
        .collect();
    let body = DiffBody { class: diff.class.label(), percent: format!("{:.0}", diff.ratio * 100.0), items };
    body.render().unwrap_or_default()
}

/// The score over revisions as an inline SVG line chart (server-rendered, no script).
pub(crate) fn score_chart(revisions: &[RevisionSummary]) -> String {
    let (width, height, pad) = (600.0_f64, 160.0_f64, 24.0_f64);
    let n = revisions.len().max(2);
    let x = |i: usize| pad + (width - 2.0 * pad) * i as f64 / (n - 1) as f64;
    let y = |score: i64| height - pad - (height - 2.0 * pad) * score.clamp(0, 100) as f64 / 100.0;
    let points: Vec<String> =
        revisions.iter().enumerate().map(|(i, r)| format!("{:.1},{:.1}", x(i), y(r.metrics.score))).collect();
    let dots: String = revisions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\"><title>revision {}: score {}</title></circle>",
                x(i),
                y(r.metrics.score),
                r.number,
                r.metrics.score
            )
        })
        .collect();
    let scores: Vec<String> = revisions.iter().map(|r| r.metrics.score.to_string()).collect();
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Score over revisions: {}\">\
         <line x1=\"{pad}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" class=\"axis\"/>\
         <polyline points=\"{}\" class=\"line\"/>{dots}</svg>",
        scores.join(", "),
        points.join(" "),
        b = height - pad,
        r = width - pad,
    )
}

/// The convergence sentence: converged once the last `needed` revisions were refinements.
pub(crate) fn convergence(revisions: &[RevisionSummary], needed: usize) -> String {
    let refinements = revisions.iter().rev().take_while(|r| r.change_class.as_deref() == Some("refinement")).count();
    if revisions.len() > 1 && refinements >= needed {
        let settled = revisions.len() - refinements;
        format!(
            "Converged: the structure settled at revision {settled}, and the {refinements} revisions since were refinements. Ready for a decision."
        )
    } else {
        format!("Not converged: {refinements} of {needed} refinements in a row since the last structural change.")
    }
}
