//! The revision classifier against a human reader: every step of 11 real revision histories in
//! `../shared/corpus/history`, labelled structural or refinement by a person reading the diff.
//!
//! The labeller's rules, in order: an FAQ question added or removed → structural; a section or
//! part added or removed (quotes, an internal FAQ, a design section) → structural; the headline,
//! customer, problem, solution or pricing rewritten to say something different → structural;
//! otherwise (rewording, typos, detail, formatting) → refinement. An unchanged step counts as a
//! refinement.

#![allow(clippy::print_stderr, reason = "the test reports its agreement figure")]

use std::path::PathBuf;

use prfaq_critique::{Config, Engine};
use prfaq_revise::{ChangeClass, history};

#[test]
fn history_classification_agrees_with_hand_labels() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/history");
    assert!(root.is_dir(), "the shared corpus is missing: expected ../shared/corpus/history beside the repository");
    let labels: serde_json::Value = serde_json::from_str(include_str!("history-labels.json")).expect("labels JSON");
    let engine = Engine::new(Config::default());
    let (mut agree, mut total) = (0, 0);
    let mut report = String::new();
    for h in labels["histories"].as_array().expect("histories") {
        let name = h["name"].as_str().expect("name");
        let dir = root.join(name);
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .expect("history dir")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        files.sort();
        let versions: Vec<(String, prfaq_doc::Document)> = files
            .iter()
            .map(|f| (f.clone(), prfaq_doc::parse(&std::fs::read_to_string(dir.join(f)).expect("version"))))
            .collect();
        let result = history(&versions, &engine);
        for step in h["steps"].as_array().expect("steps") {
            let to = step["to"].as_str().expect("to");
            let want = step["label"].as_str().expect("label");
            let rev = result.revisions.iter().find(|r| r.name == to).expect("version in history");
            let got = if rev.class == ChangeClass::Structural { "structural" } else { "refinement" };
            total += 1;
            if got == want {
                agree += 1;
            } else {
                report.push_str(&format!(
                    "{name} {to}: labelled {want} ({}), classified {got} {:?}\n",
                    step["why"].as_str().unwrap_or(""),
                    rev.structural
                ));
            }
        }
    }
    let ratio = f64::from(agree) / f64::from(total);
    eprintln!("agreement {agree}/{total} = {:.1}%\n{report}", ratio * 100.0);
    assert!(total >= 30, "too few labelled steps");
    assert!(ratio >= 0.8, "agreement {agree}/{total} below 80%:\n{report}");
}
