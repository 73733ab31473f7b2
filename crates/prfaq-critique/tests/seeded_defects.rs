//! Seeded defects: a clean canonical PR/FAQ, one injected defect per rule family, and the right
//! rule must fire at the right line.

use prfaq_critique::{Config, Engine, Finding, Severity};

const CLEAN: &str = include_str!("../../../examples/analytics-addon-strong.md");

fn check(text: &str) -> (prfaq_doc::Document, Vec<Finding>) {
    let doc = prfaq_doc::parse(text);
    let findings = Engine::new(Config::default()).check(&doc).findings;
    (doc, findings)
}

/// Replaces 1-based line `line` with `with` (which may be empty, to drop the line).
fn replace_line(text: &str, line: usize, with: &str) -> String {
    text.lines().enumerate().map(|(i, l)| if i + 1 == line { with } else { l }).collect::<Vec<_>>().join("\n") + "\n"
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle:?} not in the example"))
}

#[track_caller]
fn assert_fires_at(text: &str, rule: &str, line: Option<usize>) {
    let (doc, findings) = check(text);
    let hits: Vec<&Finding> = findings.iter().filter(|f| f.name == rule).collect();
    assert!(
        !hits.is_empty(),
        "{rule} did not fire; findings: {:#?}",
        findings.iter().map(|f| (f.name, &f.message)).collect::<Vec<_>>()
    );
    if let Some(line) = line {
        let lines: Vec<usize> = hits.iter().map(|f| doc.location(f.span.start).line).collect();
        assert!(lines.contains(&line), "{rule} fired at lines {lines:?}, expected {line}");
    }
    let (_, clean) = check(CLEAN);
    assert!(!clean.iter().any(|f| f.name == rule), "{rule} already fires on the clean document");
}

#[test]
fn the_clean_document_has_no_errors() {
    let (_, findings) = check(CLEAN);
    let errors: Vec<_> =
        findings.iter().filter(|f| f.severity == Severity::Error).map(|f| (f.rule, &f.message)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn structure_dropping_the_customer_quote() {
    let line = line_of(CLEAN, "said Dana Whitfield");
    let text = replace_line(&replace_line(CLEAN, line, ""), line - 1, "");
    assert_fires_at(&text, "missing-customer-quote", None);
}

#[test]
fn clarity_significantly_faster() {
    let line = line_of(CLEAN, "Setup took a median of 12 minutes");
    let text = CLEAN.replace(
        "Setup took a median of 12 minutes in our test and needs no code.",
        "Setup is significantly faster and needs no code.",
    );
    assert_fires_at(&text, "weasel-word", Some(line));
}

#[test]
fn risks_tbd_in_the_pricing_answer() {
    let line = line_of(CLEAN, "Attribution costs $99 a month per store");
    let text = CLEAN.replace("Attribution costs $99 a month per store, billed monthly.", "Pricing is TBD.");
    assert_fires_at(&text, "placeholder-in-critical-part", Some(line));
}

#[test]
fn external_faq_removing_the_pricing_question() {
    let q = line_of(CLEAN, "### How much does it cost?");
    let mut text = CLEAN.to_string();
    for l in [q + 1, q] {
        text = replace_line(&text, l, "");
    }
    assert_fires_at(&text, "missing-pricing-question", Some(line_of(CLEAN, "## External FAQ")));
}

#[test]
fn customer_everyone() {
    let line = line_of(CLEAN, "customer:");
    let text = replace_line(CLEAN, line, "customer: Everyone");
    assert_fires_at(&text, "vague-customer", Some(line));
}

#[test]
fn internal_faq_we_believe_it_is_feasible() {
    let q = line_of(CLEAN, "### What is the hardest technical problem");
    let text = replace_line(CLEAN, q + 1, "We believe it is feasible.");
    assert_fires_at(&text, "assertion-without-evidence", Some(q + 1));
}
