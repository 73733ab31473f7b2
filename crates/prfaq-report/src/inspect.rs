//! The parsed model, for `prfaq inspect`.

use std::fmt::Write as _;

use prfaq_doc::{Document, FaqKind, Span};
use serde_json::{Value, json};

fn loc(doc: &Document, span: Span) -> Value {
    let s = doc.location(span.start);
    let e = doc.location(span.end);
    json!({"start": span.start, "end": span.end, "line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column})
}

/// The model as JSON (version 1): sections, press-release parts, quotes, FAQ entries,
/// placeholders, evidence references and word counts, each with its span.
#[must_use]
pub fn inspect_json(path: &str, doc: &Document) -> String {
    let pr = &doc.press_release;
    let text_span =
        |t: &Option<prfaq_doc::TextSpan>| t.as_ref().map(|t| json!({"text": t.text, "span": loc(doc, t.span)}));
    let value = json!({
        "version": crate::JSON_VERSION,
        "path": path,
        "front_matter": doc.front_matter.as_ref().map(|fm| fm.fields.iter().map(|f| json!({"key": f.key, "value": f.value, "span": loc(doc, f.span)})).collect::<Vec<_>>()),
        "sections": doc.sections.iter().map(|s| json!({"title": s.title, "kind": s.kind, "level": s.level, "span": loc(doc, s.span)})).collect::<Vec<_>>(),
        "press_release": {
            "headline": text_span(&pr.headline),
            "subheadline": text_span(&pr.subheadline),
            "dateline": pr.dateline.as_ref().map(|d| json!({"text": d.text, "city": d.city, "date": d.date, "well_formed": d.well_formed, "span": loc(doc, d.span)})),
            "paragraphs": pr.paragraphs.iter().map(|p| json!({"role": p.role, "words": doc.blocks[p.block].words.len(), "span": loc(doc, p.span)})).collect::<Vec<_>>(),
        },
        "quotes": doc.quotes.iter().map(|q| json!({"kind": q.kind, "speaker": q.speaker, "title": q.title, "illustrative": q.illustrative, "text": q.text, "span": loc(doc, q.span)})).collect::<Vec<_>>(),
        "faqs": doc.faqs.iter().map(|f| json!({"kind": f.kind, "label": f.label, "question": f.question.text, "answer_words": f.answer_words, "topics": f.topics, "span": loc(doc, f.span)})).collect::<Vec<_>>(),
        "placeholders": doc.placeholders.iter().map(|p| json!({"kind": p.kind, "text": p.text, "section": p.section, "question": p.question, "span": loc(doc, p.span)})).collect::<Vec<_>>(),
        "evidence_refs": doc.evidence_refs.iter().map(|e| json!({"scheme": e.scheme, "id": e.id, "span": loc(doc, e.span)})).collect::<Vec<_>>(),
        "issues": doc.issues.iter().map(|i| json!({"kind": i.kind, "message": i.message, "span": loc(doc, i.span)})).collect::<Vec<_>>(),
        "words": doc.word_counts(),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The model as an outline for people.
#[must_use]
pub fn inspect_human(path: &str, doc: &Document) -> String {
    let mut out = String::new();
    let line = |span: Span| doc.location(span.start).line;
    let pr = &doc.press_release;
    let _ = writeln!(out, "{path}");
    let w = doc.word_counts();
    let _ = writeln!(
        out,
        "  words: {} total, {} press release, {} external FAQ, {} internal FAQ",
        w.total, w.press_release, w.external_faq, w.internal_faq
    );
    if let Some(fm) = &doc.front_matter {
        let _ = writeln!(
            out,
            "  front matter: {}",
            fm.fields.iter().map(|f| f.key.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    let _ = writeln!(out, "\nPress release{}", if pr.has_heading { " (under a heading)" } else { "" });
    let part = |name: &str, found: Option<(Span, String)>| match found {
        Some((span, text)) => format!("  {:>4}  {name:<13} {text}\n", line(span)),
        None => format!("     -  {name:<13} (none)\n"),
    };
    out.push_str(&part("headline", pr.headline.as_ref().map(|h| (h.span, h.text.clone()))));
    out.push_str(&part("subheadline", pr.subheadline.as_ref().map(|h| (h.span, h.text.clone()))));
    out.push_str(&part(
        "dateline",
        pr.dateline
            .as_ref()
            .map(|d| (d.span, format!("{}{}", d.text, if d.well_formed { "" } else { "  (not CITY — DATE —)" }))),
    ));
    for p in &pr.paragraphs {
        let b = &doc.blocks[p.block];
        let preview: String = b.text.chars().take(60).collect();
        let _ = writeln!(
            out,
            "  {:>4}  {:<13} {} ({} words)",
            line(p.span),
            p.role.label(),
            preview.replace('\n', " "),
            b.words.len()
        );
    }
    let _ = writeln!(out, "\nQuotes: {}", doc.quotes.len());
    for q in &doc.quotes {
        let who = q.speaker.clone().unwrap_or_else(|| "(unattributed)".into());
        let title = q.title.as_deref().map(|t| format!(", {t}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:>4}  {:?}: {who}{title}{}",
            line(q.span),
            q.kind,
            if q.illustrative { " [illustrative]" } else { "" }
        );
    }
    for kind in [FaqKind::External, FaqKind::Internal, FaqKind::Combined] {
        let entries: Vec<_> = doc.faqs_of(kind).collect();
        if entries.is_empty() && kind == FaqKind::Combined {
            continue;
        }
        let title = match kind {
            FaqKind::External => "External FAQ",
            FaqKind::Internal => "Internal FAQ",
            FaqKind::Combined => "FAQ (no external/internal split)",
        };
        let _ = writeln!(out, "\n{title}: {} questions", entries.len());
        for e in entries {
            let topics: Vec<&str> = e.topics.iter().map(|t| t.label()).collect();
            let _ = writeln!(
                out,
                "  {:>4}  {}  [{}] ({} words)",
                line(e.question.span),
                e.question.text,
                topics.join(", "),
                e.answer_words
            );
        }
    }
    let _ = writeln!(out, "\nPlaceholders: {}", doc.placeholders.len());
    for p in &doc.placeholders {
        let _ = writeln!(out, "  {:>4}  {}  in {}", line(p.span), p.text, p.section);
    }
    if !doc.evidence_refs.is_empty() {
        let _ = writeln!(out, "\nEvidence citations: {}", doc.evidence_refs.len());
    }
    let _ = writeln!(out, "\nSections:");
    for s in &doc.sections {
        let _ = writeln!(
            out,
            "  {:>4}  {}{} [{:?}]",
            line(s.span),
            "  ".repeat(usize::from(s.level.saturating_sub(1))),
            s.title,
            s.kind
        );
    }
    for i in &doc.issues {
        let _ = writeln!(out, "  issue at line {}: {}", line(i.span), i.message);
    }
    out
}
