//! `prfaq agent draft|review|revise`, the real binary against a real local model
//! (`PRFAQ_TEST_LLM_URL`; scripts/test starts llama.cpp serving SmolLM2-135M), and against no
//! model at all. Asserts what the command does with the model's output, not the prose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const DOC: &str = "# Crumb Lets Bakers Sell Out Without Throwing Bread Away\n## Independent bakers bake what they will sell, every day\n\nPORTLAND — May 4, 2027 — Crumb launches a daily bake forecast for bakeries with one shop.\n\nBakers throw away significantly more bread than they should, about 15% of every bake.\n\nCrumb tells the baker at 5am how many loaves of each kind to bake.\n\n## External FAQ\n\n### How much does it cost?\n\n$20 a month.\n";

fn llm_url() -> String {
    std::env::var("PRFAQ_TEST_LLM_URL")
        .expect("PRFAQ_TEST_LLM_URL must name an OpenAI-compatible endpoint (scripts/test starts one)")
}

fn prfaq(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prfaq"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("PRFAQ_AGENT_ENDPOINT")
        .env_remove("PRFAQ_AGENT_MODEL")
        .output()
        .expect("run prfaq")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A directory with the document and a prfaq.toml pointing at `base_url` with small budgets.
fn workspace(base_url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crumb.md"), DOC).unwrap();
    std::fs::write(
        dir.path().join("prfaq.toml"),
        format!(
            "[agent]\nbase_url = \"{base_url}\"\ntemperature = 0.0\nseed = 7\nmax_tokens = 200\nreview_max_tokens = 300\nfix_rounds = 1\nmax_comments = 2\nformat_retries = 1\nretries = 0\nconnect_timeout_secs = 2\n"
        ),
    )
    .unwrap();
    dir
}

#[test]
fn without_a_model_the_commands_fail_clearly_and_touch_nothing() {
    let dead = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let dir = workspace(&format!("http://127.0.0.1:{dead}/v1"));
    let out = prfaq(&["agent", "review", "crumb.md", "-p", "finance"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("cannot reach the model endpoint"), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("panicked"));
    let finding = format!("STY001@{}", DOC.lines().position(|l| l.contains("significantly")).unwrap() + 1);
    let out = prfaq(&["agent", "revise", "crumb.md", "--finding", &finding, "--yes"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(dir.path().join("crumb.md")).unwrap(), DOC, "nothing written");

    std::fs::write(dir.path().join("prfaq.toml"), "[agent]\nmodle = \"x\"\n").unwrap();
    let out = prfaq(&["agent", "review", "crumb.md"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("modle"), "the bad key is named: {}", text(&out.stderr));
    let out = prfaq(&["agent", "review", "crumb.md", "-p", "lawyer"], workspace("http://127.0.0.1:9/v1").path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no persona \"lawyer\""), "{}", text(&out.stderr));
}

#[test]
fn review_prints_anchored_comments_as_json() {
    let dir = workspace(&llm_url());
    let out = prfaq(&["agent", "review", "crumb.md", "-p", "finance", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["version"], 1);
    let review = &report["reviews"][0];
    assert_eq!((review["persona"].as_str(), review["ai"].as_bool()), (Some("finance"), Some(true)));
    let comments = review["comments"].as_array().unwrap();
    assert!(!comments.is_empty(), "{report:#}");
    for c in comments {
        let (start, end) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
        let (start, end) = (usize::try_from(start).unwrap(), usize::try_from(end).unwrap());
        assert_eq!(&DOC[start..end], c["quote"].as_str().unwrap());
        let line = DOC[..start].matches('\n').count() + 1;
        assert_eq!(c["line"].as_u64().unwrap(), u64::try_from(line).unwrap(), "{c:#}");
    }
}

#[test]
fn draft_writes_a_new_file_and_never_overwrites_one() {
    let dir = workspace(&llm_url());
    std::fs::write(
        dir.path().join("brief.md"),
        "## Customer\nOwners of one-shop bakeries.\n\n## Problem\nThey throw away 15% of their bread.\n",
    )
    .unwrap();
    let out = prfaq(&["agent", "draft", "--brief", "brief.md", "-o", "draft.md"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("==> drafting") && stderr.contains("draft: score"), "{stderr}");
    let written = std::fs::read_to_string(dir.path().join("draft.md")).unwrap();
    assert!(!written.trim().is_empty());
    let again = prfaq(&["agent", "draft", "--brief", "brief.md", "-o", "draft.md"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"), "{}", text(&again.stderr));
    assert_eq!(std::fs::read_to_string(dir.path().join("draft.md")).unwrap(), written, "left as it was");
}

#[test]
fn revise_lists_findings_shows_a_diff_and_applies_only_when_accepted() {
    let dir = workspace(&llm_url());
    let listed = prfaq(&["agent", "revise", "crumb.md"], dir.path());
    assert_eq!(listed.status.code(), Some(0));
    let listing = text(&listed.stdout);
    let id = listing
        .lines()
        .find(|l| l.starts_with("STY001@"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("no STY001 finding listed:\n{listing}"))
        .to_string();

    let absent = prfaq(&["agent", "revise", "crumb.md", "--finding", "PR010@1"], dir.path());
    assert_eq!(absent.status.code(), Some(2));
    assert!(text(&absent.stderr).contains("lacks"), "{}", text(&absent.stderr));

    // Not a terminal and no --yes: shown, not applied.
    let shown = prfaq(&["agent", "revise", "crumb.md", "--finding", &id], dir.path());
    assert_eq!(shown.status.code(), Some(0), "{}", text(&shown.stderr));
    assert!(text(&shown.stdout).contains("--- before"), "{}", text(&shown.stdout));
    assert!(text(&shown.stderr).contains("not applied"));
    assert_eq!(std::fs::read_to_string(dir.path().join("crumb.md")).unwrap(), DOC);

    let applied = prfaq(&["agent", "revise", "crumb.md", "--finding", &id, "--yes"], dir.path());
    assert_eq!(applied.status.code(), Some(0), "{}", text(&applied.stderr));
    let now = std::fs::read_to_string(dir.path().join("crumb.md")).unwrap();
    let line = DOC.lines().find(|l| l.contains("significantly")).unwrap();
    let (before, after) = DOC.split_once(line).unwrap();
    assert!(now.starts_with(before) && now.ends_with(after), "only the passage changed:\n{now}");
}
