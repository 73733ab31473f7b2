//! The public API on the repository's examples: snapshots of a review copy, and properties
//! every export must have.

use std::path::{Path, PathBuf};

use prfaq_critique::{Config, Engine};
use prfaq_export::{ExportOptions, render_html, render_markdown};

fn example(name: &str) -> (String, prfaq_doc::Document) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name);
    let text = std::fs::read_to_string(&path).expect("read example");
    let doc = prfaq_doc::parse(&text);
    (text, doc)
}

const EXAMPLES: &[&str] =
    &["analytics-addon-strong.md", "country-expansion.md", "data-pipeline-strong.md", "meal-planning-weak.md"];

#[test]
fn markdown_review_copy_of_the_weak_example() {
    let (_, doc) = example("meal-planning-weak.md");
    let report = Engine::new(Config::default()).check(&doc);
    let md = render_markdown(
        &doc,
        &ExportOptions { review: Some(&report), images: None, name: Some("meal-planning-weak.md") },
    );
    insta::assert_snapshot!(md);
}

#[test]
fn html_review_copy_numbers_blocks_and_places_every_finding() {
    for name in EXAMPLES {
        let (_, doc) = example(name);
        let report = Engine::new(Config::default()).check(&doc);
        let html = render_html(&doc, &ExportOptions { review: Some(&report), images: None, name: Some(name) });
        assert_eq!(html.matches("<div class=\"note sev-").count(), report.findings.len(), "{name}");
        let headline = doc.press_release.headline.as_ref().expect("a headline");
        let line = doc.location(headline.span.start).line;
        assert!(html.contains(&format!("<div class=\"ln\" title=\"line {line}\">{line}</div>")), "{name}: {html}");
    }
}

#[test]
fn clean_copies_have_no_comments_and_keep_every_word() {
    for name in EXAMPLES {
        let (text, doc) = example(name);
        let md = render_markdown(&doc, &ExportOptions::default());
        assert!(!md.contains("<!--"), "{name}");
        let again = prfaq_doc::parse(&md);
        assert_eq!(again.word_counts(), doc.word_counts(), "{name}: the copy reads as the same document");
        assert_eq!(again.faqs.len(), doc.faqs.len(), "{name}");
        let html = render_html(&doc, &ExportOptions::default());
        assert!(!html.contains("<!--") && !html.contains("class=\"note"), "{name}");
        // Deterministic: the same input gives the same bytes.
        assert_eq!(html, render_html(&prfaq_doc::parse(&text), &ExportOptions::default()), "{name}");
    }
}

#[test]
fn pdf_is_deterministic() {
    let (_, doc) = example("country-expansion.md");
    let a = prfaq_export::render_pdf(&doc, &ExportOptions::default()).expect("typesets");
    let b = prfaq_export::render_pdf(&doc, &ExportOptions::default()).expect("typesets");
    assert!(a == b, "two exports of the same document differ");
}
