//! Test helpers shared by every rule's tests.

use crate::config::Config;
use crate::context::{Context, Lexicons};
use crate::evidence::EvidenceFacts;
use crate::finding::Finding;
use crate::rule::{Emitter, Rule};

/// Runs one rule with the default configuration over `markdown`.
pub(crate) fn run_rule(rule: &'static Rule, markdown: &str) -> Vec<Finding> {
    run_rule_with(rule, markdown, &Config::default())
}

/// Runs one rule with `config` over `markdown`.
pub(crate) fn run_rule_with(rule: &'static Rule, markdown: &str, config: &Config) -> Vec<Finding> {
    run(rule, markdown, config, None)
}

/// Runs one rule over `markdown` with `facts` from an evidence store.
pub(crate) fn run_rule_with_evidence(rule: &'static Rule, markdown: &str, facts: &EvidenceFacts) -> Vec<Finding> {
    run(rule, markdown, &Config::default(), Some(facts))
}

fn run(rule: &'static Rule, markdown: &str, config: &Config, facts: Option<&EvidenceFacts>) -> Vec<Finding> {
    let doc = prfaq_doc::parse(markdown);
    let lex = Lexicons::new(config);
    let cx = Context::new(&doc, config, &lex).with_evidence(facts);
    let mut findings = Vec::new();
    let mut out = Emitter::new(rule, rule.severity, &mut findings);
    (rule.check)(&cx, &mut out);
    findings
}

/// Asserts the rule fires exactly `count` times.
#[track_caller]
pub(crate) fn assert_count(rule: &'static Rule, markdown: &str, count: usize) {
    let found = run_rule(rule, markdown);
    assert_eq!(
        found.len(),
        count,
        "{} {}: {:#?}",
        rule.id,
        rule.name,
        found.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}

/// Asserts the rule fires and that its first finding covers `text` on 1-based `line`.
#[track_caller]
pub(crate) fn assert_flags_at(rule: &'static Rule, markdown: &str, line: usize, text: &str) {
    let found = run_rule(rule, markdown);
    let doc = prfaq_doc::parse(markdown);
    let Some(f) = found.first() else {
        panic!("{} {} did not fire", rule.id, rule.name);
    };
    assert_eq!(doc.location(f.span.start).line, line, "{}: {}", rule.id, f.message);
    assert_eq!(doc.text(f.span), text, "{}: {}", rule.id, f.message);
}
