//! The parser against a human reader: hand labels of 12 real PR/FAQs from `../shared/corpus`.
//!
//! Definitions used by the labeller (and by `prfaq inspect`):
//! - `external`: entries in customer-facing FAQs ("FAQ", "FAQs", "Public FAQ", "External FAQ",
//!   "Customer FAQ"); an FAQ with no split counts here.
//! - `internal`: entries in "Internal FAQ", "Stakeholder FAQ", "Internal/Technical FAQ".
//! - `quotes`: quotations from a person in the press release (before the first FAQ).
//! - `placeholders`: TBD, TBC, TODO, `??`, `[…]`, "to be determined/confirmed/decided", outside code.

#![allow(clippy::print_stderr, reason = "the test reports its agreement figure")]

use std::path::PathBuf;

use prfaq_doc::{FaqKind, parse};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    dir.is_dir().then_some(dir)
}

#[test]
fn inspect_agrees_with_hand_labels() {
    let Some(dir) = corpus() else {
        panic!("the shared corpus is missing: expected ../shared/corpus/real beside the repository");
    };
    let labels: serde_json::Value =
        serde_json::from_str(include_str!("corpus-labels.json")).expect("labels are valid JSON");
    let files = labels["files"].as_array().expect("files array");
    let mut agree = 0;
    let mut total = 0;
    let mut report = String::new();
    for f in files {
        let path = f["path"].as_str().expect("path");
        let text = std::fs::read_to_string(dir.join(path)).expect("corpus file readable");
        let doc = parse(&text);
        let got = [
            ("external", doc.faqs.iter().filter(|e| e.kind != FaqKind::Internal).count()),
            ("internal", doc.faqs_of(FaqKind::Internal).count()),
            ("quotes", doc.quotes.len()),
            ("placeholders", doc.placeholders.len()),
        ];
        for (name, value) in got {
            let want = usize::try_from(f[name].as_u64().expect("count")).expect("small count");
            total += 1;
            if want == value {
                agree += 1;
            } else {
                report.push_str(&format!("{path}: {name} labelled {want}, parsed {value}\n"));
            }
        }
    }
    let ratio = f64::from(agree) / f64::from(total);
    eprintln!("agreement {agree}/{total} = {:.1}%\n{report}", ratio * 100.0);
    assert!(ratio >= 0.9, "agreement {agree}/{total} below 90%:\n{report}");
}
