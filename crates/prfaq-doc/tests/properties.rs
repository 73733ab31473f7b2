//! Property tests: any text parses without panicking, and every span the model holds lies
//! inside the text on `char` boundaries.

use prfaq_doc::{Document, Span, parse};
use proptest::prelude::*;

/// Every span in the model.
fn spans(doc: &Document) -> Vec<Span> {
    let mut v = Vec::new();
    if let Some(fm) = &doc.front_matter {
        v.push(fm.span);
        v.extend(fm.fields.iter().map(|f| f.span));
    }
    for b in &doc.blocks {
        v.push(b.span);
        v.extend(b.segments.iter().map(|s| s.span));
        v.extend(b.words.iter().map(|w| b.source_span(w.clone())));
    }
    v.extend(doc.sections.iter().map(|s| s.span));
    let pr = &doc.press_release;
    v.extend(pr.span);
    v.extend(pr.headline.iter().map(|h| h.span));
    v.extend(pr.subheadline.iter().map(|h| h.span));
    v.extend(pr.dateline.iter().map(|d| d.span));
    v.extend(pr.paragraphs.iter().map(|p| p.span));
    v.extend(doc.quotes.iter().map(|q| q.span));
    for f in &doc.faqs {
        v.extend([f.span, f.question.span, f.answer.span]);
    }
    v.extend(doc.placeholders.iter().map(|p| p.span));
    v.extend(doc.evidence_refs.iter().map(|e| e.span));
    v.extend(doc.suppressions.iter().flat_map(|s| [s.comment, s.covers]));
    v.extend(doc.issues.iter().map(|i| i.span));
    v
}

fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let doc = parse(text);
    for s in spans(&doc) {
        prop_assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} outside text of {} bytes", text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "span {s:?} splits a character");
    }
    // Locations resolve for every span.
    for s in spans(&doc) {
        let _ = doc.location(s.start);
    }
    Ok(())
}

/// Markdown-ish fragments that exercise every recogniser: headings, FAQ labels, quotes,
/// datelines, placeholders, front matter, lists, block quotes, HTML comments, code.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# ".to_string()),
        Just("## External FAQ\n".to_string()),
        Just("### Internal FAQs\n".to_string()),
        Just("## FAQ\n".to_string()),
        Just("**Question 1: How much?**\n".to_string()),
        Just("**Q:** Why?\n".to_string()),
        Just("**C1. Price?**\n".to_string()),
        Just("Answer: ".to_string()),
        Just("\"We built this for you and your team,\" said Pat Lee, VP at Acme.\n".to_string()),
        Just("“Quoted words go here today” - Sam\n".to_string()),
        Just("*Customer quote*: ".to_string()),
        Just("Pat said “these words are quoted here now” and more".to_string()),
        Just("SEATTLE — March 3, 2027 — ".to_string()),
        Just("TBD ?? […] [...] to be determined TODO TBC ".to_string()),
        Just("---\ntitle: x\n".to_string()),
        Just("---\n".to_string()),
        Just("- item\n  - nested?\n".to_string()),
        Just("> quoted\n> — Name, Title\n".to_string()),
        Just("<!-- prfaq-disable STY001 -->\n".to_string()),
        Just("<!-- illustrative -->\n".to_string()),
        Just("```\ncode TBD\n```\n".to_string()),
        Just("`inline` &amp; \\* escaped ".to_string()),
        Just("[ev:12] [obs:3] ".to_string()),
        Just("| a | b |\n|---|---|\n| c | d |\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        "[a-zA-Zé€😀 .,?!*_#>\\-\"'\\[\\]()\n]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_string_parses_with_valid_spans(text in any::<String>()) {
        check_spans(&text)?;
    }

    #[test]
    fn markdown_like_text_parses_with_valid_spans(parts in prop::collection::vec(fragment(), 0..40)) {
        check_spans(&parts.concat())?;
    }
}

#[test]
fn deeply_nested_lists_and_quotes_parse() {
    for text in ["- ".repeat(10_000) + "x\n", "> ".repeat(10_000) + "x\n", "[".repeat(10_000), "*".repeat(20_000)] {
        check_spans(&text).expect("valid spans");
    }
}

#[test]
fn odd_documents_parse() {
    for text in
        ["", "\u{feff}", "---", "---\n", "---\n---\n", "---\ntitle: [\n---\n", "\0\0\0", "# \n##\n###", "\r\n\r\n"]
    {
        check_spans(text).expect("valid spans");
    }
}
