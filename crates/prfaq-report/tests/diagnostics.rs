//! Snapshot tests of the diagnostics people read: the human rendering of every finding, on
//! the examples and on real PR/FAQs of three different shapes. A change in any rule, span or
//! message shows up here as a reviewed snapshot diff (`cargo insta review`).

use std::path::Path;

use prfaq_critique::{Config, Engine};
use prfaq_report::{Checked, Human};

fn render(path: &str, text: &str) -> String {
    let doc = prfaq_doc::parse(text);
    let report = Engine::new(Config::default()).check(&doc);
    Human { color: false }.render(&Checked { path: path.to_string(), doc, report })
}

fn file(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn examples() {
    for name in ["analytics-addon-strong", "data-pipeline-strong", "country-expansion", "meal-planning-weak"] {
        let path = format!("examples/{name}.md");
        insta::assert_snapshot!(name, render(&path, &file(&path)));
    }
}

#[test]
fn real_documents_of_three_shapes() {
    for (name, path) in [
        ("hotwax-bold-questions", "../shared/corpus/real/hotwax/brokering-configurable-routing.md"),
        ("gsf-single-faq", "../shared/corpus/real/gsf/live-carbon-hack-22-pr-faq.md"),
        ("cdk-rfc", "../shared/corpus/real/cdk-rfcs/text-0308-cli-advisories.md"),
    ] {
        insta::assert_snapshot!(name, render(path, &file(path)));
    }
}

#[test]
fn parse_issues_become_findings() {
    insta::assert_snapshot!(
        "unclosed-front-matter",
        render("x.md", "---\ntitle: Acme\n\n# Acme Gives Marketers Their Mondays Back\n")
    );
    insta::assert_snapshot!("empty", render("empty.md", ""));
}
