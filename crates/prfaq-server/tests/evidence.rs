//! Evidence in the web app through the real router and a real SQLite file: the API (import of
//! the shared corpus's FAQ questions, search, themes, malformed files, observations, other
//! workspaces), findings and evidence strength that use it, and the pages (import by file
//! upload, search with highlights, themes, citations with hover cards, picking a quote).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};
use support::{Browser, TestApp};

/// The shared corpus of real PR/FAQs, beside the repository.
fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    assert!(dir.is_dir(), "the shared corpus is missing: expected ../shared/corpus/real beside the repository");
    dir
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// The FAQ questions of every document of the corpus as JSON lines: one survey answer per
/// question, its document as the customer and its folder as the segment. Returns the file and
/// how many questions it holds.
fn corpus_questions() -> (String, usize) {
    let mut files = Vec::new();
    markdown_files(&corpus(), &mut files);
    let mut lines = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = prfaq_doc::parse(&text);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let segment = path.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        for (n, faq) in doc.faqs.iter().enumerate() {
            let question = faq.question.text.trim();
            if question.is_empty() {
                continue;
            }
            lines.push(
                json!({"id": format!("{name}#{n}"), "text": question, "customer": name, "segment": segment})
                    .to_string(),
            );
        }
    }
    assert!(lines.len() > 100, "the corpus has hundreds of FAQ questions, found {}", lines.len());
    let count = lines.len();
    (lines.join("\n") + "\n", count)
}

fn import_body(file_name: &str, content: &str) -> Value {
    json!({"file_name": file_name, "content": content, "kind": "survey", "source": "corpus"})
}

#[tokio::test]
async fn the_corpus_questions_import_once_and_are_searched_and_themed() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let (questions, count) = corpus_questions();
    let url = format!("/api/v1/workspaces/{}/evidence", workspace.id);
    let first = app.api(Method::POST, &url, &token, Some(import_body("questions.jsonl", &questions))).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let summary = first.json();
    // Two documents may ask the very same question: then the second line is the same item.
    let added = summary["added"].as_u64().unwrap();
    assert_eq!(summary["items"].as_u64().unwrap(), count as u64);
    assert_eq!(added + summary["unchanged"].as_u64().unwrap() + summary["updated"].as_u64().unwrap(), count as u64);
    assert!(added > 100, "{summary}");

    let again = app.api(Method::POST, &url, &token, Some(import_body("questions.jsonl", &questions))).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    assert_eq!(again.json()["added"], 0, "re-importing adds nothing: {}", again.body);
    assert_eq!(again.json()["unchanged"].as_u64().unwrap(), count as u64);
    let listed = app.api(Method::GET, &url, &token, None).await;
    assert_eq!(listed.json()["total"].as_u64().unwrap(), added);

    // The corpus's RFCs ask "Is this a breaking change?" in many ways.
    let found = app.api(Method::GET, &format!("{url}?q=breaking&limit=50"), &token, None).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    let results = found.json();
    assert_eq!(results["all_words"], true);
    let hits = results["items"].as_array().unwrap();
    assert!(hits.len() >= 5, "the corpus asks about breaking changes: {results}");
    for hit in hits {
        assert!(hit["text"].as_str().unwrap().to_lowercase().contains("break"), "{hit}");
        let marked: Vec<&str> = hit["snippet"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["hit"] == true)
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert!(marked.iter().any(|w| w.to_lowercase().starts_with("break")), "the snippet marks the word: {hit}");
        assert_eq!(hit["kind"], "survey");
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");

    let either = app.api(Method::GET, &format!("{url}?q=breaking%20zyxwvut"), &token, None).await;
    assert_eq!(either.json()["all_words"], false, "no question has both words: {}", either.body);
    assert!(!either.json()["items"].as_array().unwrap().is_empty());

    let segment = hits[0]["segment"].as_str().unwrap().to_uppercase();
    let filtered = app.api(Method::GET, &format!("{url}?q=breaking&segment={segment}&kind=survey"), &token, None).await;
    let filtered = filtered.json();
    assert!(!filtered["items"].as_array().unwrap().is_empty());
    assert!(
        filtered["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["segment"].as_str().unwrap().eq_ignore_ascii_case(&segment))
    );
    let none = app.api(Method::GET, &format!("{url}?q=breaking&kind=ticket"), &token, None).await;
    assert!(none.json()["items"].as_array().unwrap().is_empty(), "no ticket was imported");

    for (query, field) in [("limit=0", "limit"), ("kind=tweet", "kind"), ("since=yesterday", "since")] {
        let bad = app.api(Method::GET, &format!("{url}?{query}"), &token, None).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{query}: {}", bad.body);
        assert_eq!(bad.json()["error"]["field"], field, "{query}");
    }

    let themes = app.api(Method::GET, &format!("{url}/themes?max=6&quotes=2"), &token, None).await;
    assert_eq!(themes.status, StatusCode::OK, "{}", themes.body);
    let themes = themes.json();
    let list = themes["themes"].as_array().unwrap();
    // Six themes looked for; a group holding two subjects is split, so up to twelve.
    assert!((2..=12).contains(&list.len()), "{themes}");
    assert_eq!(themes["items"].as_u64().unwrap(), added);
    for theme in list {
        assert!(!theme["label"].as_array().unwrap().is_empty());
        let quotes = theme["quotes"].as_array().unwrap();
        assert!(!quotes.is_empty() && quotes.len() <= 2, "{theme}");
        let id = quotes[0]["id"].as_i64().unwrap();
        let item = app.api(Method::GET, &format!("{url}/{id}"), &token, None).await;
        assert_eq!(item.status, StatusCode::OK, "a theme's quote is a stored item");
        let words = quotes[0]["text"].as_str().unwrap().trim_end_matches('…');
        let first_word = words.split_whitespace().next().unwrap();
        assert!(item.json()["text"].as_str().unwrap().contains(first_word), "{item:?}", item = item.body);
    }
    let bad = app.api(Method::GET, &format!("{url}/themes?max=0"), &token, None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_malformed_file_is_refused_naming_the_line_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let url = format!("/api/v1/workspaces/{}/evidence", workspace.id);
    let csv =
        "Ticket,Body,Created\n1,Exports are slow,2024-01-02\n2,The export fails,2024-13-45\n3,Fine again,2024-01-03\n";
    let refused = app
        .api(
            Method::POST,
            &url,
            &token,
            Some(json!({"file_name": "tickets.csv", "content": csv, "map": {"id": "Ticket"}})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let error = refused.json();
    assert_eq!(error["error"]["field"], "content");
    let message = error["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("tickets.csv: line 3"), "the message names the file and the line: {message}");
    assert!(message.contains("date"), "{message}");
    let unclosed = "Body\n\"Exports are slow\n";
    let refused = app.api(Method::POST, &url, &token, Some(json!({"file_name": "t.csv", "content": unclosed}))).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let jsonl = "{\"text\": \"fine\"}\n{\"text\": \"broken\"\n";
    let refused =
        app.api(Method::POST, &url, &token, Some(json!({"file_name": "posts.jsonl", "content": jsonl}))).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("line 2"), "{}", refused.body);
    for (body, field) in [
        (json!({"file_name": "sheet.xlsx", "content": "x"}), "file_name"),
        (json!({"file_name": "t.csv", "content": csv, "map": {"words": "Body"}}), "map"),
        (json!({"file_name": "t.csv", "content": csv, "kind": "tweet"}), "kind"),
        (json!({"file_name": "t.csv", "content": "Body\n\n"}), "content"),
    ] {
        let refused = app.api(Method::POST, &url, &token, Some(body.clone())).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{body}: {}", refused.body);
        assert_eq!(refused.json()["error"]["field"], field, "{body}");
    }
    let no_text =
        app.api(Method::POST, &url, &token, Some(json!({"file_name": "t.csv", "content": "when,who\n1,2\n"}))).await;
    let message = no_text.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains("the header has: when, who") && message.contains("text=COLUMN"), "{message}");
    assert!(!message.contains("--map"), "the web app's message names no CLI option: {message}");
    let unknown =
        app.api(Method::POST, &url, &token, Some(json!({"file_name": "t.csv", "content": "x", "extra": 1}))).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
    assert_eq!(app.store.evidence_count(workspace.id).await.unwrap(), 0, "nothing of a refused file is stored");
    let log = app.store.audit_log(workspace.id, None, 10).await.unwrap();
    assert!(log.iter().all(|e| e.action != "evidence.imported"));

    let fixed = csv.replace("2024-13-45", "2024-01-03");
    let done = app
        .api(
            Method::POST,
            &url,
            &token,
            Some(json!({"file_name": "tickets.csv", "content": fixed, "map": {"id": "Ticket"}, "kind": "ticket"})),
        )
        .await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
    assert_eq!(done.json()["added"], 3);
    let edited = fixed.replace("The export fails", "The export fails on large files");
    let again = app
        .api(
            Method::POST,
            &url,
            &token,
            Some(json!({"file_name": "tickets.csv", "content": edited, "map": {"id": "Ticket"}, "kind": "ticket"})),
        )
        .await;
    assert_eq!(
        (again.json()["added"].clone(), again.json()["updated"].clone(), again.json()["unchanged"].clone()),
        (json!(0), json!(1), json!(2))
    );
    let log = app.store.audit_log(workspace.id, None, 1).await.unwrap();
    assert_eq!(log[0].action, "evidence.imported");
    assert_eq!(log[0].detail, "tickets.csv: 0 added, 1 updated, 2 unchanged");
}

#[tokio::test]
async fn observations_are_recorded_and_items_stay_in_their_workspace() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let (_, other, other_token) = app.user_with_workspace("bob@example.com").await;
    let url = format!("/api/v1/workspaces/{}/observations", workspace.id);
    let body =
        json!({"text": "She looked for the export under Share.", "customer": "Dana", "date": "2024-05-02T10:00:00Z"});
    let recorded = app.api(Method::POST, &url, &token, Some(body.clone())).await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.body);
    let item = recorded.json();
    assert_eq!(
        (item["kind"].as_str(), item["source"].as_str(), item["date"].as_str()),
        (Some("observation"), Some("prototype"), Some("2024-05-02"))
    );
    let id = item["id"].as_i64().unwrap();
    let twice = app.api(Method::POST, &url, &token, Some(body)).await;
    assert_eq!(twice.json()["id"], id, "the same observation twice is one item");
    for (body, field) in [(json!({"text": "  "}), "text"), (json!({"text": "x", "date": "soon"}), "date")] {
        let bad = app.api(Method::POST, &url, &token, Some(body)).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
        assert_eq!(bad.json()["error"]["field"], field);
    }

    let mine = format!("/api/v1/workspaces/{}/evidence/{id}", workspace.id);
    assert_eq!(
        app.api(Method::GET, &mine, &token, None).await.json()["text"],
        "She looked for the export under Share."
    );
    let outsider = app.api(Method::GET, &mine, &other_token, None).await;
    assert_eq!(outsider.status, StatusCode::NOT_FOUND, "an outsider finds no workspace");
    let through_other =
        app.api(Method::GET, &format!("/api/v1/workspaces/{}/evidence/{id}", other.id), &other_token, None).await;
    assert_eq!(through_other.status, StatusCode::NOT_FOUND, "an item of another workspace is not found");
    let search =
        app.api(Method::GET, &format!("/api/v1/workspaces/{}/evidence?q=export", other.id), &other_token, None).await;
    assert!(search.json()["items"].as_array().unwrap().is_empty());
    let bad_id = app.api(Method::GET, &format!("/api/v1/workspaces/{}/evidence/abc", workspace.id), &token, None).await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST, "{}", bad_id.body);
    let missing =
        app.api(Method::GET, &format!("/api/v1/workspaces/{}/evidence/999999", workspace.id), &token, None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// A PR/FAQ whose problem paragraph cites `[ev:{known}]` and `[ev:{unknown}]`.
fn cited_doc(known: i64, unknown: i64) -> String {
    format!(
        "# Acme Gives Marketers Their Mondays Back\n\n## One dashboard replaces five tools\n\n\
         SEATTLE — Jan 5, 2026 — Acme today launched Reports for e-commerce marketers.\n\n\
         Marketers copy numbers from five tools into one spreadsheet every Monday [ev:{known}]. \
         The report is a week old by the time it is done [ev:{unknown}].\n\n\
         Reports pulls every number into one dashboard.\n"
    )
}

fn rules(check: &Value) -> Vec<String> {
    check["files"][0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn findings_and_evidence_strength_use_the_workspace_evidence() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let doc = cited_doc(1, 999);
    let check = |markdown: String| json!({"markdown": markdown, "workspace": workspace.id.0});
    let before = app.api(Method::POST, "/api/v1/check", &token, Some(check(doc.clone()))).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    assert!(!rules(&before.json()).contains(&"CUS009".to_owned()), "without evidence the store rules stay silent");

    let url = format!("/api/v1/workspaces/{}/evidence", workspace.id);
    let csv = "id,text,customer\n7,Every Monday I copy numbers from five tools into one spreadsheet.,Dana\n";
    let imported = app
        .api(Method::POST, &url, &token, Some(json!({"file_name": "calls.csv", "content": csv, "kind": "call"})))
        .await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.body);
    let id = app.api(Method::GET, &url, &token, None).await.json()["items"][0]["id"].as_i64().unwrap();

    let doc = cited_doc(id, 999);
    let after = app.api(Method::POST, "/api/v1/check", &token, Some(check(doc.clone()))).await;
    let found = rules(&after.json());
    assert_eq!(found.iter().filter(|r| *r == "CUS009").count(), 1, "only [ev:999] is unknown: {found:?}");
    let plain = app.api(Method::POST, "/api/v1/check", &token, Some(json!({"markdown": doc}))).await;
    assert!(!rules(&plain.json()).contains(&"CUS009".to_owned()), "without a workspace no evidence is consulted");
    let (_, _, outsider) = app.user_with_workspace("eve@example.com").await;
    let refused = app.api(Method::POST, "/api/v1/check", &outsider, Some(check(cited_doc(id, 1)))).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    let created = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/documents", workspace.id),
            &token,
            Some(json!({"markdown": cited_doc(id, 999)})),
        )
        .await;
    let document = created.json()["id"].as_i64().unwrap();
    let second = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/documents", workspace.id),
            &token,
            Some(json!({"title": "Other"})),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let portfolio = app.api(Method::GET, &format!("/api/v1/workspaces/{}/documents", workspace.id), &token, None).await;
    let rows = portfolio.json();
    let row = rows.as_array().unwrap().iter().find(|r| r["document"]["id"] == document).unwrap().clone();
    assert_eq!(row["evidence"]["claims"], 2, "{row}");
    assert_eq!(row["evidence"]["cited"], 2);
    assert_eq!(row["evidence"]["customers"], 1, "Dana, behind [ev:{id}]");
    assert_eq!(row["evidence"]["sources"], 1);
    assert_eq!(row["evidence"]["unknown"], 1);

    let compared = app
        .api(Method::GET, &format!("/api/v1/workspaces/{}/compare?d={document}&d={second}", workspace.id), &token, None)
        .await;
    assert_eq!(compared.status, StatusCode::OK, "{}", compared.body);
    assert!(compared.body.contains("\"unknown\": 1"), "the compare JSON carries evidence strength: {}", compared.body);

    // A new import shows at once: the strength is computed when asked.
    let more = "id,text,customer,source\n8,The weekly report is a week old by the time it is done.,Lee,gong\n";
    app.api(Method::POST, &url, &token, Some(json!({"file_name": "more.csv", "content": more}))).await;
    let id2 = app.api(Method::GET, &format!("{url}?q=week%20old"), &token, None).await.json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    let saved = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{document}/revisions"),
            &token,
            Some(json!({"base": 1, "markdown": cited_doc(id, id2)})),
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.body);
    let rows =
        app.api(Method::GET, &format!("/api/v1/workspaces/{}/documents", workspace.id), &token, None).await.json();
    let row = rows.as_array().unwrap().iter().find(|r| r["document"]["id"] == document).unwrap().clone();
    assert_eq!(
        (row["evidence"]["customers"].clone(), row["evidence"]["sources"].clone(), row["evidence"]["unknown"].clone()),
        (json!(2), json!(2), json!(0)),
        "{row}"
    );
}

/// Posts a multipart form the way a browser sends a file upload: the CSRF token in the query.
async fn upload(
    browser: &mut Browser<'_>,
    path: &str,
    file_name: &str,
    content: &str,
    fields: &[(&str, &str)],
) -> support::Response {
    let boundary = "----prfaq-test-boundary";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/plain\r\n\r\n{content}\r\n--{boundary}--\r\n"
    ));
    let csrf = browser.csrf.clone().unwrap_or_default();
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(format!("{path}?csrf={csrf}"))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
    if let Some(cookie) = &browser.cookie {
        request = request.header(header::COOKIE, cookie);
    }
    browser.app.send(request.body(Body::from(body)).unwrap()).await
}

const TICKETS: &str = "Ticket,Body,Customer,Plan\n\
    101,Exporting the weekly report to Excel takes an hour every Monday.,Dana,enterprise\n\
    102,The export to Excel times out on large reports.,Lee,enterprise\n\
    103,Excel export is slow and I give up and copy by hand.,Ana,self-serve\n\
    104,Our weekly Excel export takes most of Monday morning.,Bo,enterprise\n\
    105,Billing page shows the wrong invoice total.,Cy,self-serve\n\
    106,The invoice total on the billing page is wrong again.,Di,enterprise\n\
    107,Invoices show a wrong total after a plan change.,Ed,self-serve\n\
    108,Billing invoice totals do not match our plan.,Fa,enterprise\n";

#[tokio::test]
async fn the_evidence_page_imports_a_file_searches_and_shows_themes() {
    let app = TestApp::new().await;
    let (_, workspace, _) = app.user_with_workspace("ada@example.com").await;
    let mut browser = Browser::new(&app);
    browser.sign_in("ada@example.com").await;
    let portfolio = browser.get(&format!("/w/{}", workspace.id)).await;
    assert!(
        portfolio.body.contains(&format!("href=\"/w/{}/evidence\"", workspace.id)),
        "the workspace links its evidence"
    );
    let page = browser.get(&format!("/w/{}/evidence", workspace.id)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("enctype=\"multipart/form-data\""), "the import form uploads a file");
    assert!(page.body.contains("Too little evidence"));

    let path = format!("/w/{}/evidence/import", workspace.id);
    let bad = upload(&mut browser, &path, "tickets.csv", "Body\n\"never closed\n", &[("kind", "ticket")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert!(bad.body.contains("Nothing was imported. tickets.csv: line 2"), "{}", bad.body);
    assert_eq!(app.store.evidence_count(workspace.id).await.unwrap(), 0);
    let unmapped = upload(&mut browser, &path, "tickets.csv", "Words\nslow\n", &[("map", "text=Body")]).await;
    assert_eq!(unmapped.status, StatusCode::BAD_REQUEST);
    assert!(unmapped.body.contains("no column `Body`"), "{}", unmapped.body);

    let fields = [("kind", "ticket"), ("source", "zendesk"), ("map", "id=Ticket\r\nsegment=Plan")];
    let done = upload(&mut browser, &path, "tickets.csv", TICKETS, &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let location = done.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(location.contains("added=8"), "{location}");
    let after = browser.get(&location).await;
    assert!(after.body.contains("Imported tickets.csv: 8 added, 0 updated, 0 unchanged."), "{}", after.body);
    let again = upload(&mut browser, &path, "tickets.csv", TICKETS, &fields).await;
    assert!(again.headers[header::LOCATION].to_str().unwrap().contains("added=0&updated=0&unchanged=8"));
    let forged = {
        let saved = browser.csrf.replace("wrong".into());
        let response = upload(&mut browser, &path, "tickets.csv", TICKETS, &fields).await;
        browser.csrf = saved;
        response
    };
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "an upload without the right token is refused");

    let searched = browser.get(&format!("/w/{}/evidence?q=exports&segment=enterprise", workspace.id)).await;
    assert_eq!(searched.status, StatusCode::OK);
    assert!(searched.body.contains("items with every word of “exports”"), "{}", searched.body);
    assert!(searched.body.contains("<mark>"), "matched words are highlighted");
    assert!(!searched.body.contains("Ana"), "the self-serve ticket is filtered out");
    assert!(searched.body.contains("zendesk #101"));
    let themes = searched.body.split("id=\"themes\"").nth(1).unwrap();
    assert!(!themes.contains("Too little evidence"), "{themes}");
    assert!(themes.contains("[ev:"), "themes quote their items with citations");
    let item_id = app.store.evidence_items(workspace.id, &Default::default(), 1).await.unwrap()[0].id;
    let item = browser.get(&format!("/w/{}/evidence/{item_id}", workspace.id)).await;
    assert_eq!(item.status, StatusCode::OK);
    assert!(item.body.contains(&format!("[ev:{item_id}]")));

    let observed = browser
        .post(
            &format!("/w/{}/observations", workspace.id),
            &[("text", "He clicked Export three times."), ("customer", "Gus"), ("date", "")],
            true,
        )
        .await;
    assert_eq!(observed.status, StatusCode::SEE_OTHER, "{}", observed.body);
    let shown = browser.get(observed.headers[header::LOCATION].to_str().unwrap()).await;
    assert!(shown.body.contains("He clicked Export three times.") && shown.body.contains("observation"));
    let empty = browser.post(&format!("/w/{}/observations", workspace.id), &[("text", " ")], true).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn citations_show_their_item_and_quotes_are_picked_into_the_document() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let url = format!("/api/v1/workspaces/{}/evidence", workspace.id);
    let imported = app
        .api(Method::POST, &url, &token, Some(json!({"file_name": "tickets.csv", "content": TICKETS, "map": {"id": "Ticket", "segment": "Plan"}, "kind": "ticket", "source": "zendesk"})))
        .await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.body);
    let found = app.api(Method::GET, &format!("{url}?q=hour%20monday"), &token, None).await.json();
    let id = found["items"][0]["id"].as_i64().unwrap();
    let created = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/documents", workspace.id),
            &token,
            Some(json!({"markdown": cited_doc(id, 999)})),
        )
        .await;
    let document = created.json()["id"].as_i64().unwrap();

    let mut browser = Browser::new(&app);
    browser.sign_in("ada@example.com").await;
    let page = browser.get(&format!("/d/{document}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let link = format!("<a class=\"cite\" href=\"/w/{}/evidence/{id}\"", workspace.id);
    assert!(page.body.contains(&link), "the citation links to its item: {}", page.body);
    assert!(page.body.contains("“Exporting the weekly report to Excel takes an hour every Monday.”"));
    assert!(page.body.contains("Dana · enterprise · ticket from zendesk #101"));
    assert!(page.body.contains("No evidence item 999 in this workspace."));
    assert!(page.body.contains("CUS009"), "the findings flag the unknown id");
    assert!(!page.body.contains(" style=") && !page.body.contains("<script>"), "no inline style or script");

    let edit = browser.get(&format!("/d/{document}/edit")).await;
    assert!(edit.body.contains("Quotes from evidence"), "{}", edit.body);
    assert!(edit.body.contains("class=\"pick-quote\""));
    assert!(edit.body.contains("data-insert=\"“"), "the script inserts the quote with its citation");

    let quote = "Our weekly Excel export takes most of Monday morning.";
    let stored = app.store.evidence_items(workspace.id, &Default::default(), 100).await.unwrap();
    let item = stored.iter().find(|i| i.text == quote).unwrap().id.0;
    let fields = |base: &str, item: String, quote: &str| -> Vec<(String, String)> {
        vec![("base".into(), base.into()), ("item".into(), item), ("quote".into(), quote.into())]
    };
    let picked = {
        let f = fields("1", item.to_string(), "Our weekly Excel export takes most of Monday morning");
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        browser.post(&format!("/d/{document}/quotes"), &pairs, true).await
    };
    assert_eq!(picked.status, StatusCode::SEE_OTHER, "{}", picked.body);
    assert_eq!(picked.headers[header::LOCATION], format!("/d/{document}/edit"));
    let head = app.store.revision(prfaq_store::DocumentId(document), 2).await.unwrap();
    assert!(
        head.markdown
            .contains(&format!("[ev:999]. “Our weekly Excel export takes most of Monday morning” [ev:{item}]\n")),
        "the quote ends the problem paragraph: {}",
        head.markdown
    );

    for (base, item, quote, status) in [
        ("1", item.to_string(), "Our weekly Excel export", StatusCode::CONFLICT),
        ("2", item.to_string(), "We love the export", StatusCode::BAD_REQUEST),
        ("2", "999999".to_owned(), "Our weekly Excel export", StatusCode::NOT_FOUND),
        ("2", "abc".to_owned(), "Our weekly Excel export", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let f = fields(base, item, quote);
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let refused = browser.post(&format!("/d/{document}/quotes"), &pairs, true).await;
        assert_eq!(refused.status, status, "{pairs:?}: {}", refused.body);
        // An error page carries no form token: the editor gives it back, as to a person.
        browser.get(&format!("/d/{document}/edit")).await;
    }
    let (_, elsewhere, other_token) = app.user_with_workspace("bob@example.com").await;
    let theirs = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/observations", elsewhere.id),
            &other_token,
            Some(json!({"text": "Our weekly Excel export takes most of Monday morning."})),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let f = fields("2", theirs.to_string(), "Our weekly Excel export");
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let cross = browser.post(&format!("/d/{document}/quotes"), &pairs, true).await;
    assert_eq!(cross.status, StatusCode::NOT_FOUND, "an item of another workspace cannot be quoted");
    assert_eq!(
        app.store.document(prfaq_store::DocumentId(document)).await.unwrap().head,
        2,
        "no refused pick saved anything"
    );
}
