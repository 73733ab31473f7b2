//! The real `prfaq` binary, run as a user would: files in a temp dir, exit codes, outputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> PathBuf {
    let dir = root().join("../shared/corpus/real");
    assert!(dir.is_dir(), "the shared corpus is missing: expected ../shared/corpus/real beside the repository");
    dir
}

fn prfaq(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prfaq"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run prfaq")
}

fn prfaq_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_prfaq"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn prfaq");
    child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "panic: {err}");
}

#[test]
fn every_corpus_file_checks_with_exit_0_or_1() {
    let o = prfaq(&["check", "--format", "json", corpus().to_str().expect("utf-8 path")], &root());
    assert_no_panic(&o);
    assert!(matches!(o.status.code(), Some(0 | 1)), "exit {:?}: {}", o.status.code(), stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 53);
    for f in v["files"].as_array().expect("files") {
        let score = f["score"]["overall"].as_u64().expect("score");
        assert!(score <= 100);
    }
}

#[test]
fn strong_examples_have_no_errors_and_the_weak_one_fails() {
    for strong in ["examples/analytics-addon-strong.md", "examples/data-pipeline-strong.md"] {
        let o = prfaq(&["check", strong], &root());
        assert_eq!(o.status.code(), Some(0), "{strong}: {}", stdout(&o));
    }
    let o = prfaq(&["check", "examples/meal-planning-weak.md"], &root());
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("error[RSK002]"), "{}", stdout(&o));
}

#[test]
fn fail_on_changes_the_threshold() {
    let o = prfaq(&["check", "--fail-on", "note", "examples/country-expansion.md"], &root());
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn human_output_underlines_the_span_and_has_no_colour_when_piped() {
    let o = prfaq_stdin(&["check", "-"], b"# Acme\n\nAcme is significantly faster.\n");
    let out = stdout(&o);
    assert!(!out.contains('\x1b'), "colour codes in piped output");
    assert!(out.contains("warning[STY001]: weasel word \"significantly\""), "{out}");
    assert!(out.contains("--> -:3:9"), "{out}");
    assert!(out.contains("^^^^^^^^^^^^^"), "{out}");
}

#[test]
fn bad_input_gets_a_clear_message_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.path().join(name), bytes).expect("write");
        name.to_string()
    };
    let binary = write("image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let o = prfaq(&["check", &binary], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("binary file"), "{}", stderr(&o));

    let latin1 = write("latin1.md", b"# Caf\xe9\n");
    let o = prfaq(&["check", &latin1], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("latin1.md:1:6: invalid UTF-8"), "{}", stderr(&o));

    let o = prfaq(&["check", "missing.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.md: no such file"), "{}", stderr(&o));

    // 50 MB: refused before it is read, with the size and the limit.
    let big = dir.path().join("big.md");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(50 * 1024 * 1024).expect("grow");
    let o = prfaq(&["check", "big.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("over the 8.0 MiB limit"), "{}", stderr(&o));
    assert_no_panic(&o);
}

#[test]
fn odd_but_readable_documents_are_findings_not_errors() {
    let nested = "- ".repeat(10_000) + "x\n";
    let quoted = "> ".repeat(10_000) + "x\n";
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.md", b"", "PR023"),
        ("front-matter-only.md", b"---\ntitle: Acme\n---\n", "PR023"),
        ("unclosed.md", b"---\ntitle: Acme\n\n# Acme Gives Marketers Their Mondays Back\n", "PR021"),
        ("nested.md", nested.as_bytes(), "PR001"),
        ("quotes.md", quoted.as_bytes(), "PR001"),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes, rule) in cases {
        std::fs::write(dir.path().join(name), bytes).expect("write");
        let o = prfaq(&["check", "--format", "json", name], dir.path());
        assert_no_panic(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stdout(&o).contains(&format!("\"rule\": \"{rule}\"")), "{name} should report {rule}");
    }
}

#[test]
fn directories_are_searched_recursively_and_stdin_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("a/b")).expect("mkdir");
    std::fs::write(dir.path().join("a/b/one.md"), "# One\n").expect("write");
    std::fs::write(dir.path().join("a/two.md"), "# Two\n").expect("write");
    std::fs::write(dir.path().join("a/notes.txt"), "not markdown").expect("write");
    let o = prfaq(&["check", "--format", "json", "a"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["summary"]["files"], 2);
    let o = prfaq_stdin(&["check", "--format", "json", "-"], b"# From stdin\n");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["files"][0]["path"], "-");
}

#[test]
fn new_writes_the_skeleton_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = prfaq(
        &["new", "--title", "Acme Reports", "--customer", "Marketing managers who spend 6 hours a week on reports"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.path().join("acme-reports.md");
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("title: \"Acme Reports\""));
    let o = prfaq(&["new", "--title", "Acme Reports"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).expect("still there"), text, "the existing file was changed");
    let o = prfaq(&["inspect", "--format", "json", "acme-reports.md"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["quotes"].as_array().map(Vec::len), Some(2));
    assert!(v["faqs"].as_array().map_or(0, Vec::len) >= 20);
}

#[test]
fn prfaq_toml_is_found_upward_and_bad_config_is_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("docs/launches")).expect("mkdir");
    std::fs::write(dir.path().join("docs/launches/a.md"), "# Acme\n\nIt is very fast.\n").expect("write");
    let o = prfaq(&["check", "--format", "json", "docs"], dir.path());
    assert!(stdout(&o).contains("STY001"));
    std::fs::write(dir.path().join("prfaq.toml"), "[rules]\ndisable = [\"weasel-word\"]\n").expect("write");
    let o = prfaq(&["check", "--format", "json", "docs"], dir.path());
    assert!(!stdout(&o).contains("STY001"), "prfaq.toml was not found upward");
    std::fs::write(dir.path().join("bad.toml"), "[rules]\ndisable = [\"no-such-rule\"]\n").expect("write");
    let o = prfaq(&["check", "--config", "bad.toml", "docs"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule `no-such-rule`"), "{}", stderr(&o));
}

#[test]
fn github_annotations_and_risks() {
    let o = prfaq(&["check", "--format", "github", "examples/meal-planning-weak.md"], &root());
    let out = stdout(&o);
    assert!(
        out.lines().all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")),
        "{out}"
    );
    assert!(out.contains("file=examples/meal-planning-weak.md,line="));
    let o = prfaq(&["risks", "--format", "json", "examples/meal-planning-weak.md"], &root());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let risks = v["risks"].as_array().expect("risks");
    assert!(risks.iter().any(|r| r["text"] == "TBD"));
    let o = prfaq(&["risks", "--format", "markdown", "examples/"], &root());
    assert!(stdout(&o).starts_with("| # | File | Line |"));
}

#[test]
fn rules_and_explain() {
    let o = prfaq(&["rules"], &root());
    assert!(stdout(&o).lines().count() >= 40);
    let o = prfaq(&["explain", "weasel-word"], &root());
    assert!(stdout(&o).contains("Why it matters"));
    let o = prfaq(&["explain", "nope"], &root());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn docs_rules_md_is_current() {
    let o = prfaq(&["rules", "--format", "markdown"], &root());
    let generated = stdout(&o);
    let path = root().join("docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/rules.md");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test -p prfaq-cli docs_rules_md_is_current`"
    );
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let schema_path = root().join("crates/prfaq-report/tests/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("schema file")).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let o = prfaq(&["check", "--format", "sarif", "examples/"], &root());
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).expect("sarif JSON");
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).take(5).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(log["runs"][0]["results"].as_array().is_some_and(|r| !r.is_empty()));
}

#[test]
fn diff_history_and_compare() {
    let h = "../shared/corpus/history/job-manager-miscellaneous-jobs";
    let o = prfaq(&["diff", "--format", "json", &format!("{h}/v02.md"), &format!("{h}/v03.md")], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("diff JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["diff"]["class"], "structural");
    let o = prfaq(&["diff", &format!("{h}/v05.md"), &format!("{h}/v06.md")], &root());
    assert!(stdout(&o).contains(": unchanged") || stdout(&o).contains(": refinement"), "{}", stdout(&o));

    let files: Vec<String> = (1..=7).map(|i| format!("{h}/v0{i}.md")).collect();
    let mut args = vec!["history"];
    args.extend(files.iter().map(String::as_str));
    let o = prfaq(&args, &root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("converged after"), "{}", stdout(&o));
    args.extend(["--format", "html"]);
    let html = stdout(&prfaq(&args, &root()));
    assert!(
        html.contains("<svg") && !html.contains(" src=") && !html.contains("href="),
        "history HTML must be self-contained"
    );

    let o = prfaq(
        &["compare", "--format", "json", "examples/analytics-addon-strong.md", "examples/meal-planning-weak.md"],
        &root(),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("compare JSON");
    let c = v["candidates"].as_array().expect("candidates");
    assert_eq!(c.len(), 2);
    assert!(c[0]["score"].as_u64() > c[1]["score"].as_u64());
    let o = prfaq(
        &["compare", "--format", "markdown", "examples/analytics-addon-strong.md", "examples/country-expansion.md"],
        &root(),
    );
    assert!(stdout(&o).starts_with("| | examples/analytics-addon-strong.md | examples/country-expansion.md |"));
}

#[test]
fn history_reads_committed_versions_from_git() {
    let dir = tempfile::tempdir().expect("tempdir");
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .status()
            .expect("git runs")
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    let v1 = "# Acme\n\nSummary.\n\n## External FAQ\n### How much does it cost?\n$5 a month.\n";
    let v2 = format!("{v1}### How do I cancel?\nClick Cancel.\n");
    let v3 = v2.replace("Click Cancel.", "Click Cancel in Settings.");
    for (i, text) in [v1.to_string(), v2, v3].iter().enumerate() {
        std::fs::write(dir.path().join("launch.md"), text).expect("write");
        git(&["add", "launch.md"]);
        git(&["commit", "-qm", &format!("v{}", i + 1)]);
    }
    let o = prfaq(&["history", "--git", "--format", "json", "launch.md"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("history JSON");
    let classes: Vec<&str> =
        v["revisions"].as_array().expect("revisions").iter().map(|r| r["class"].as_str().unwrap_or("")).collect();
    assert_eq!(classes, ["unchanged", "structural", "refinement"]);
}
