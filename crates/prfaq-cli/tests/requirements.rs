//! `prfaq requirements`, run as a user would: the checklist of the analytics example.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const EXAMPLE: &str = "examples/analytics-addon-strong.md";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn prfaq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prfaq")).args(args).current_dir(root()).output().expect("run prfaq")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The requirements of `kind` whose text contains `needle` (case-insensitive), as (line, text).
fn find(v: &Value, kind: &str, needle: &str) -> Vec<(u64, String)> {
    let needle = needle.to_lowercase();
    v["requirements"]
        .as_array()
        .expect("requirements array")
        .iter()
        .filter(|r| r["kind"] == kind && r["text"].as_str().is_some_and(|t| t.to_lowercase().contains(&needle)))
        .map(|r| (r["line"].as_u64().expect("line"), r["text"].as_str().expect("text").to_owned()))
        .collect()
}

#[test]
fn json_lists_the_price_the_countries_and_the_numbers_with_their_lines() {
    let o = prfaq(&["requirements", EXAMPLE, "--format", "json"]);
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    assert_eq!(v["version"], 1);
    assert_eq!(v["file"], EXAMPLE);

    let price = find(&v, "pricing", "$99 a month");
    let lines: Vec<u64> = price.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [25, 30], "{price:?}");
    assert_eq!(price[0].1, "It costs $99 a month per store and includes a 30-day free trial.");

    let countries = find(&v, "availability", "United States, Canada, the United Kingdom and Australia");
    let lines: Vec<u64> = countries.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [25, 33], "{countries:?}");

    // The headline's promise, and a number promised in the FAQ.
    assert_eq!(
        find(&v, "quantity", "20 minutes"),
        [(8, "Store Marketers Cut Weekly Ad Reporting From 5.5 Hours to 20 Minutes".to_owned())]
    );
    assert_eq!(find(&v, "commitment", "within 30 days of cancellation").len(), 1);

    // Every span points at its sentence in the file, and every requirement lists its kind first.
    let source = std::fs::read_to_string(root().join(EXAMPLE)).expect("read example");
    for r in v["requirements"].as_array().expect("array") {
        let (start, end) = (r["span"]["start"].as_u64().expect("start"), r["span"]["end"].as_u64().expect("end"));
        let slice = source.get(usize::try_from(start).expect("usize")..usize::try_from(end).expect("usize"));
        let text = r["text"].as_str().expect("text");
        assert_eq!(slice.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).as_deref(), Some(text));
        assert_eq!(r["kinds"][0], r["kind"]);
        let line = source[..usize::try_from(start).expect("usize")].matches('\n').count() + 1;
        assert_eq!(r["line"].as_u64(), u64::try_from(line).ok(), "{text}");
    }

    // The problem paragraph (line 13) and the customer quote (line 23) promise nothing.
    assert!(v["requirements"].as_array().expect("array").iter().all(|r| r["line"] != 13 && r["line"] != 23));
    let scope: Vec<&str> =
        v["out_of_scope"].as_array().expect("array").iter().filter_map(|s| s["text"].as_str()).collect();
    assert!(scope.contains(&"We will not support physical stores, marketplaces such as Amazon, or audience export."));
}

#[test]
fn markdown_is_a_checklist_grouped_by_kind() {
    let o = prfaq(&["requirements", EXAMPLE]);
    assert!(o.status.success());
    let md = stdout(&o);
    assert!(md.starts_with("# Requirements: Tallyhouse Attribution\n"), "{md}");
    for heading in
        ["## What customers can do", "## Numbers promised", "## Availability", "## Pricing", "## Commitments"]
    {
        assert!(md.contains(heading), "{heading} missing:\n{md}");
    }
    assert!(md.contains(
        "- [ ] It costs $99 a month per store and includes a 30-day free trial. (line 25, call to action)\n"
    ));
    assert!(md.contains(
        "- [ ] It works for stores in the United States, Canada, the United Kingdom and Australia. \
         (line 33, external FAQ “Where and when can I get it?”)\n"
    ));
    let items = md.lines().filter(|l| l.starts_with("- [ ] ")).count();
    assert!(items >= 20, "{items} items:\n{md}");
    // Every checklist item ends with where it came from.
    assert!(md.lines().filter(|l| l.starts_with("- ")).all(|l| l.contains("(line ")), "{md}");
    // The out-of-scope list is plain bullets, not things to deliver.
    let scope = md.split("## Out of scope").nth(1).expect("out-of-scope section");
    assert!(scope.lines().filter(|l| l.starts_with('-')).all(|l| !l.starts_with("- [ ]")));
}

#[test]
fn reads_stdin_and_refuses_a_missing_file() {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_prfaq"))
        .args(["requirements", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let text = "# Acme Reports\n\n## External FAQ\n\n### How much does it cost?\nIt costs $20 a month.\n";
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    let o = child.wait_with_output().expect("wait");
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["file"], "-");
    assert_eq!(find(&v, "pricing", "$20"), [(6, "It costs $20 a month.".to_owned())]);

    let o = prfaq(&["requirements", "no-such-file.md"]);
    assert_eq!(o.status.code(), Some(2));
}
