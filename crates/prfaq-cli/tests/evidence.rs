//! `prfaq evidence` and the evidence rules of `prfaq check`, the real binary on a real SQLite
//! store in a temporary directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn prfaq(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prfaq"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run prfaq")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const TICKETS: &str = "Ticket,Created,Plan,Account,Body\n\
101,2026-03-02,enterprise,Northwind,\"Every Monday I spend six hours copying numbers from five tools into one spreadsheet.\"\n\
102,2026-03-04,pro,Contoso,\"By the time the weekly report is done, the numbers are already a week old.\"\n\
103,2026-03-09,pro,Fabrikam,\"Copying numbers between tools every week, and the totals never match.\"\n\
104,2026-03-11,free,Tailspin,\"\"\n";

fn with_tickets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tickets.csv"), TICKETS).unwrap();
    let o = prfaq(
        &["evidence", "import", "tickets.csv", "--kind", "ticket", "--map", "id=Ticket", "--map", "customer=Account"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "tickets.csv: 3 items: 3 added, 0 updated, 0 unchanged; 1 with empty text skipped (line 5)\nprfaq-evidence.db holds 3 items\n"
    );
    dir
}

fn count(dir: &Path) -> usize {
    let o = prfaq(&["evidence", "search", "numbers", "--format", "json", "--limit", "100"], dir);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    v["hits"].as_array().map_or(0, Vec::len)
}

#[test]
fn importing_the_same_file_twice_adds_nothing_and_an_edited_row_updates() {
    let dir = with_tickets();
    let o = prfaq(
        &["evidence", "import", "tickets.csv", "--kind", "ticket", "--map", "id=Ticket", "--map", "customer=Account"],
        dir.path(),
    );
    assert!(stdout(&o).starts_with("tickets.csv: 3 items: 0 added, 0 updated, 3 unchanged"), "{}", stdout(&o));
    std::fs::write(dir.path().join("tickets.csv"), TICKETS.replace("six hours", "seven hours")).unwrap();
    let o = prfaq(
        &["evidence", "import", "tickets.csv", "--kind", "ticket", "--map", "id=Ticket", "--map", "customer=Account"],
        dir.path(),
    );
    assert!(stdout(&o).starts_with("tickets.csv: 3 items: 0 added, 1 updated, 2 unchanged"), "{}", stdout(&o));
    let shown = prfaq(&["evidence", "show", "1"], dir.path());
    assert!(
        stdout(&shown).contains("seven hours")
            && stdout(&shown).contains("[ev:1] ticket · tickets.csv #101 · 2026-03-02 · enterprise · Northwind"),
        "{}",
        stdout(&shown)
    );
}

#[test]
fn malformed_files_name_the_line_and_import_nothing() {
    let dir = with_tickets();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "quotes.csv",
            b"id,text\n1,fine\n2,\"never closed\n3,more\n",
            "quotes.csv (nothing was imported): line 3: a quote opened in this row never closes",
        ),
        (
            "latin1.csv",
            b"id,text\n1,ok\n2,caf\xe9 cr\xe8me\n",
            "latin1.csv (nothing was imported): line 3, column 6: the file is not UTF-8",
        ),
        (
            "columns.csv",
            b"id,when\n1,2026-01-01\n",
            "columns.csv (nothing was imported): line 1: no column holds the text (the header has: id, when)",
        ),
        (
            "short.csv",
            b"id,text,plan\n1,fine,pro\n2,short\n",
            "short.csv (nothing was imported): line 3: this row has 2 fields, the header has 3",
        ),
    ];
    for (name, bytes, message) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        // A good file named first is not imported either: every file is read before any is stored.
        std::fs::write(dir.path().join("good.csv"), "text\nA brand new complaint about numbers.\n").unwrap();
        let o = prfaq(&["evidence", "import", "good.csv", name], dir.path());
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{name}: {}", stderr(&o));
        assert_eq!(count(dir.path()), 3, "{name}: nothing was added");
    }
    let o = prfaq(&["evidence", "import", "tickets.csv", "--map", "text=Words"], dir.path());
    assert!(
        stderr(&o)
            .contains("line 1: no column `Words` for text (the header has: Ticket, Created, Plan, Account, Body)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_lines_notes_and_observations_are_items_too() {
    let dir = with_tickets();
    std::fs::write(
        dir.path().join("forum.jsonl"),
        "{\"id\": 7, \"body\": \"The export to Excel drops my columns\", \"author\": \"ana\"}\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("calls")).unwrap();
    std::fs::write(
        dir.path().join("calls/acme.md"),
        "---\ndate: 2026-04-01\ncustomer: Acme\n---\nThey re-key every order by hand.\n",
    )
    .unwrap();
    let o = prfaq(&["evidence", "import", "forum.jsonl", "calls", "--kind", "forum"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("holds 5 items"), "{}", stdout(&o));
    let o = prfaq(
        &[
            "evidence",
            "observe",
            "--tried",
            "export the weekly report",
            "--saw",
            "gave up at the third tool",
            "--who",
            "Dana",
        ],
        dir.path(),
    );
    assert_eq!(stdout(&o).lines().next(), Some("recorded [ev:6] in prfaq-evidence.db"), "{}", stderr(&o));
    let o = prfaq(&["evidence", "show", "6", "--format", "json"], dir.path());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["items"][0]["kind"], "observation");
    assert_eq!(v["items"][0]["customer"], "Dana");
    assert_eq!(v["items"][0]["text"], "Tried: export the weekly report\nSaw: gave up at the third tool");
    let o = prfaq(&["evidence", "show", "99"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such item in prfaq-evidence.db: [ev:99]"), "{}", stderr(&o));
}

#[test]
fn search_ranks_and_filters() {
    let dir = with_tickets();
    let o = prfaq(&["evidence", "search", "copying", "numbers", "--format", "json"], dir.path());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["all_words"], true);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h["snippet"].as_array().unwrap().iter().any(|p| p["hit"] == true)));
    let o = prfaq(&["evidence", "search", "copying", "--segment", "enterprise"], dir.path());
    assert!(stdout(&o).starts_with("[ev:1] ticket"), "{}", stdout(&o));
    assert!(stdout(&o).contains("«copying»"), "{}", stdout(&o));
    let o = prfaq(&["evidence", "search", "blockchain"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let empty = tempfile::tempdir().unwrap();
    let o = prfaq(&["evidence", "search", "numbers"], empty.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no evidence store"), "{}", stderr(&o));
}

const DOC: &str = "# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketing managers assemble the weekly report from five analytics tools.\n\nThey copy numbers by hand [ev:1] [ev:42].\n\n“Every Monday I spend six hours copying numbers from five tools into one spreadsheet,” said Dana Whitfield, a marketing manager at Northwind and an Acme customer.\n\n“I dream of one dashboard that does it all,” said Lee Chan, an analyst at Contoso and an Acme customer.\n";

#[test]
fn check_uses_the_store_beside_the_document() {
    let dir = with_tickets();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/acme.md"), DOC).unwrap();
    let o = prfaq(&["check", "docs/acme.md", "--format", "json"], dir.path());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["files"][0]["findings"].as_array().unwrap();
    let rule = |name: &str| findings.iter().filter(|f| f["name"] == name).collect::<Vec<_>>();
    assert_eq!(rule("unknown-evidence-id").len(), 1, "{findings:#?}");
    assert!(rule("unknown-evidence-id")[0]["message"].as_str().unwrap().starts_with("[ev:42] cites"));
    let invented = rule("invented-customer-quote");
    assert_eq!(invented.len(), 1, "only the dream is invented: {invented:#?}");
    assert!(rule("uncited-problem").len() == 1, "{findings:#?}");

    // Without a store nothing is said about ids or quotes.
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(bare.path().join("acme.md"), DOC).unwrap();
    let o = prfaq(&["check", "acme.md", "--format", "json"], bare.path());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["name"] != "unknown-evidence-id" && f["name"] != "invented-customer-quote")
    );
    // --evidence names a store explicitly; a missing one is an error.
    let store = dir.path().join("prfaq-evidence.db");
    let o = prfaq(&["check", "acme.md", "--format", "json", "--evidence", store.to_str().unwrap()], bare.path());
    assert!(stdout(&o).contains("unknown-evidence-id"));
    let o = prfaq(&["check", "acme.md", "--evidence", "nope.db"], bare.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no evidence store at nope.db"), "{}", stderr(&o));

    // compare shows the evidence strength.
    std::fs::write(dir.path().join("docs/bare.md"), "# Acme\n\n### Problem\n\nReports take a day.\n").unwrap();
    let o = prfaq(&["compare", "docs/acme.md", "docs/bare.md", "--format", "json"], dir.path());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let acme = &v["candidates"][0]["evidence"];
    assert_eq!(acme["customers"], 1, "{acme}");
    assert_eq!(acme["unknown"], 1, "{acme}");
    assert!(acme["cited"].as_u64().unwrap() >= 2, "{acme}");
    assert_eq!(v["candidates"][1]["evidence"]["cited"], 0);
}

#[test]
fn themes_group_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("text,segment\n");
    for i in 0..12 {
        csv.push_str(&format!("\"The Excel export of report {i} is slow and drops columns.\",pro\n"));
        csv.push_str(&format!("\"Single sign-on login {i} fails and loops back to the login page.\",enterprise\n"));
    }
    std::fs::write(dir.path().join("mixed.csv"), csv).unwrap();
    assert!(prfaq(&["evidence", "import", "mixed.csv"], dir.path()).status.success());
    let o = prfaq(&["evidence", "themes", "--format", "json", "--max", "4"], dir.path());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let themes = v["themes"].as_array().unwrap();
    assert!(themes.len() >= 2, "{v:#}");
    for t in themes {
        let segments = t["segments"].as_array().unwrap();
        assert_eq!(segments.len(), 1, "a theme is one subject, so one segment here: {t:#}");
    }
    let human = prfaq(&["evidence", "themes", "--max", "4"], dir.path());
    assert!(stdout(&human).contains("items, 0 customers, 1 source"), "{}", stdout(&human));
}
