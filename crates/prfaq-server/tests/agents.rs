//! The AI agents in the web app, against a real local model: `PRFAQ_TEST_LLM_URL` names an
//! OpenAI-compatible endpoint (scripts/test starts llama.cpp serving SmolLM2-135M). The tests
//! assert what prfaq does with the model's output — comments anchored and marked AI, drafts and
//! rewrites offered and saved through the usual save — not the quality of a 135M model's prose.
//! They run one at a time with the other model tests (.config/nextest.toml).
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// An offset from the JSON.
fn offset(v: &Value) -> usize {
    usize::try_from(v.as_u64().unwrap()).unwrap()
}

mod support;

use std::time::Duration;

use axum::http::{Method, StatusCode};
use prfaq_agent::config::AgentConfig;
use prfaq_server::AppOptions;
use prfaq_store::{Audit, WorkspaceRole};
use serde_json::{Value, json};
use support::TestApp;

const DOC: &str = "# Crumb Lets Bakers Sell Out Without Throwing Bread Away\n## Independent bakers bake what they will sell, every day\n\nPORTLAND — May 4, 2027 — Crumb launches a daily bake forecast for bakeries with one shop.\n\nBakers throw away significantly more bread than they should, about 15% of every bake.\n\nCrumb tells the baker at 5am how many loaves of each kind to bake.\n\n## External FAQ\n\n### How much does it cost?\n\n$20 a month.\n";

fn llm_url() -> String {
    std::env::var("PRFAQ_TEST_LLM_URL")
        .expect("PRFAQ_TEST_LLM_URL must name an OpenAI-compatible endpoint (scripts/test starts one)")
}

/// The server's own `[agent]` settings: small budgets, repeatable sampling. Its base URL is a
/// dead port, so a request only reaches the model through the workspace's own settings.
fn server_agent() -> AgentConfig {
    AgentConfig {
        base_url: "http://127.0.0.1:9/v1".into(),
        temperature: 0.0,
        seed: Some(7),
        max_tokens: 200,
        review_max_tokens: 300,
        fix_rounds: 1,
        max_comments: 2,
        format_retries: 1,
        retries: 1,
        ..AgentConfig::default()
    }
}

async fn app() -> TestApp {
    TestApp::with_options(AppOptions { agent: Some(server_agent()), ..AppOptions::default() }).await
}

/// Waits for a job to end; fails the test after five minutes.
async fn finished(app: &TestApp, token: &str, job: i64) -> Value {
    for _ in 0..600 {
        let r = app.api(Method::GET, &format!("/api/v1/agent-jobs/{job}"), token, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let job = r.json();
        if job["status"] != "running" {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("job {job} did not end within five minutes");
}

/// Points the workspace at the test model, as an admin does on the settings page.
async fn use_test_model(app: &TestApp, token: &str, workspace: i64) {
    let set = app
        .api(
            Method::PUT,
            &format!("/api/v1/workspaces/{workspace}/agent-settings"),
            token,
            Some(json!({"base_url": llm_url(), "model": "smollm2", "api_key": "sk-test-never-shown"})),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!((set.json()["source"].as_str(), set.json()["api_key_set"].as_bool()), (Some("workspace"), Some(true)));
    assert!(!set.body.contains("sk-test-never-shown"), "the key is never sent back: {}", set.body);
}

/// Creates a document from `DOC`; returns its id.
async fn create_document(app: &TestApp, token: &str, workspace: i64) -> i64 {
    let created = app
        .api(Method::POST, &format!("/api/v1/workspaces/{workspace}/documents"), token, Some(json!({"markdown": DOC})))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.json()["id"].as_i64().unwrap()
}

#[tokio::test]
async fn ai_reviewers_comment_marked_ai_and_reviewers_see_them_only_after_their_own_critique() {
    let app = app().await;
    let (owner, workspace, owner_token) = app.user_with_workspace("owner@example.com").await;
    let reviewer = app.user("reviewer@example.com").await;
    app.store.set_member(workspace.id, reviewer.id, WorkspaceRole::Member, Audit::by(owner.id, "m", "")).await.unwrap();
    let reviewer_token = app.token(&reviewer).await;
    use_test_model(&app, &owner_token, workspace.id.0).await;

    let document = create_document(&app, &owner_token, workspace.id.0).await;
    let opened = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{document}/rounds"),
            &owner_token,
            Some(json!({"reviewers": [{"user_id": reviewer.id, "function": "finance"}], "min_read_seconds": 0})),
        )
        .await;
    let round = opened.json()["id"].as_i64().unwrap();

    // Reviewers do not ask for AI reviews; unknown personas are named.
    let refused =
        app.api(Method::POST, &format!("/api/v1/rounds/{round}/ai-reviews"), &reviewer_token, Some(json!({}))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let unknown = app
        .api(
            Method::POST,
            &format!("/api/v1/rounds/{round}/ai-reviews"),
            &owner_token,
            Some(json!({"personas": ["lawyer"]})),
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.json()["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("personas"))
    );

    let asked = app
        .api(
            Method::POST,
            &format!("/api/v1/rounds/{round}/ai-reviews"),
            &owner_token,
            Some(json!({"personas": ["finance", "legal"]})),
        )
        .await;
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.body);
    assert_eq!(asked.json()["status"], "running");
    let job = finished(&app, &owner_token, asked.json()["id"].as_i64().unwrap()).await;
    assert_eq!(job["status"], "done", "{job:#}");
    let reviews = job["output"]["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 2, "{job:#}");
    let stored: u64 = reviews.iter().map(|r| r["stored"].as_u64().unwrap()).sum();
    // The schema lists the revision's sentences as the only quotes, and asks for at least one
    // comment: every persona that answered left anchored comments.
    assert!(stored >= 1, "{job:#}");

    let all = app.api(Method::GET, &format!("/api/v1/rounds/{round}/comments"), &owner_token, None).await.json();
    let ai: Vec<&Value> = all.as_array().unwrap().iter().filter(|c| c["ai_persona"].is_string()).collect();
    assert_eq!(u64::try_from(ai.len()).unwrap(), stored);
    for c in &ai {
        let (start, end) = (offset(&c["anchor"]["start"]), offset(&c["anchor"]["end"]));
        assert_eq!(&DOC[start..end], c["anchor"]["quote"].as_str().unwrap(), "anchored in the round's revision");
        assert!(["Finance partner", "Legal counsel"].contains(&c["ai_persona"].as_str().unwrap()));
    }

    // Written critique first: the reviewer sees the AI's comments only after submitting.
    let before = app.api(Method::GET, &format!("/api/v1/rounds/{round}/comments"), &reviewer_token, None).await.json();
    assert_eq!(before.as_array().unwrap().len(), 0, "{before:#}");
    for event in ["started", "reached_end"] {
        app.api(
            Method::POST,
            &format!("/api/v1/rounds/{round}/reading"),
            &reviewer_token,
            Some(json!({"event": event})),
        )
        .await;
    }
    let submitted = app.api(Method::POST, &format!("/api/v1/rounds/{round}/submit"), &reviewer_token, None).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let after = app.api(Method::GET, &format!("/api/v1/rounds/{round}/comments"), &reviewer_token, None).await.json();
    assert_eq!(u64::try_from(after.as_array().unwrap().len()).unwrap(), stored);

    // The log names the persona as AI; the round still has its one human reviewer.
    let log = app.api(Method::GET, &format!("/api/v1/rounds/{round}/log"), &owner_token, None).await.json();
    let lines = log.as_array().unwrap();
    assert!(lines.iter().all(|l| l["reviewer"].as_str().unwrap().starts_with("AI: ")), "{log:#}");
    let shown = app.api(Method::GET, &format!("/api/v1/rounds/{round}"), &owner_token, None).await.json();
    assert_eq!(shown["reviewers"].as_array().map(Vec::len), Some(1), "{shown:#}");

    // The pages: the round shows the AI comments badged, the job, and the form to ask again;
    // the settings page says a key is stored and never shows it.
    let mut browser = support::Browser::new(&app);
    browser.sign_in("owner@example.com").await;
    let page = browser.get(&format!("/r/{round}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("class=\"ai-badge\""), "AI comments are marked");
    assert!(page.body.contains("Ask the AI reviewers") && page.body.contains("persona_bar-raiser"));
    assert!(page.body.contains(&format!("/jobs/{}", job["id"])));
    let settings = browser.get(&format!("/w/{}/agents", workspace.id)).await;
    assert!(settings.body.contains("a key is stored") && !settings.body.contains("sk-test-never-shown"));
    let job_page = browser.get(&format!("/jobs/{}", job["id"])).await;
    assert!(job_page.body.contains("done"), "{}", job_page.body);
}

#[tokio::test]
async fn a_draft_from_a_brief_and_an_accepted_rewrite_of_a_finding() {
    let app = app().await;
    let (_, workspace, token) = app.user_with_workspace("owner@example.com").await;
    use_test_model(&app, &token, workspace.id.0).await;

    let empty = app
        .api(Method::POST, &format!("/api/v1/workspaces/{}/drafts", workspace.id), &token, Some(json!({"brief": "  "})))
        .await;
    assert_eq!((empty.status, empty.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("brief")));
    let asked = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/drafts", workspace.id),
            &token,
            Some(json!({"brief": "## Customer\nOwners of one-shop bakeries.\n\n## Observations\n- The baker threw away 30 loaves on Monday.\n"})),
        )
        .await;
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.body);
    let draft = finished(&app, &token, asked.json()["id"].as_i64().unwrap()).await;
    assert_eq!(draft["status"], "done", "{draft:#}");
    let output = &draft["output"];
    assert!(!output["markdown"].as_str().unwrap().trim().is_empty(), "{draft:#}");
    assert!(output["fix_rounds"].as_u64().unwrap() <= 1, "fix rounds are bounded by the server's settings");
    let mut browser = support::Browser::new(&app);
    browser.sign_in("owner@example.com").await;
    let page = browser.get(&format!("/jobs/{}", draft["id"])).await;
    assert!(page.body.contains("Create a document from this draft"), "{}", page.body);
    let documents = app.api(Method::GET, &format!("/api/v1/workspaces/{}/documents", workspace.id), &token, None).await;
    assert_eq!(documents.json().as_array().map(Vec::len), Some(0), "a draft is offered, not stored as a document");

    let document = create_document(&app, &token, workspace.id.0).await;
    let bogus = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{document}/rewrites"),
            &token,
            Some(json!({"revision": 1, "rule": "STY001", "start": 3})),
        )
        .await;
    assert_eq!((bogus.status, bogus.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("rule")));
    let start = DOC.find("significantly").unwrap();
    let asked = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{document}/rewrites"),
            &token,
            Some(json!({"revision": 1, "rule": "STY001", "start": start})),
        )
        .await;
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.body);
    let rewrite = finished(&app, &token, asked.json()["id"].as_i64().unwrap()).await;
    assert_eq!(rewrite["status"], "done", "{rewrite:#}");
    let proposal = &rewrite["output"];
    let (from, to) = (offset(&proposal["start"]), offset(&proposal["end"]));
    let markdown = proposal["markdown"].as_str().unwrap();
    assert_eq!(
        format!("{}{}{}", &DOC[..from], proposal["rewrite"].as_str().unwrap(), &DOC[to..]),
        markdown,
        "only the passage changes"
    );
    assert!(DOC[from..to].contains("significantly"), "the passage holds the finding");

    let page = browser.get(&format!("/jobs/{}", rewrite["id"])).await;
    assert!(page.body.contains("Accept: save as a new revision"), "{}", page.body);
    let view = browser.get(&format!("/d/{document}")).await;
    assert!(view.body.contains("Suggest a rewrite (AI)"), "the findings offer rewrites once agents are set up");

    // Accepting is the usual save, from the proposal's base; a stale base is refused.
    let saved = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{document}/revisions"),
            &token,
            Some(json!({"base": proposal["base"], "markdown": markdown})),
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.body);
    let stale = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{document}/revisions"),
            &token,
            Some(json!({"base": proposal["base"], "markdown": markdown})),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
}

#[tokio::test]
async fn without_an_endpoint_the_agents_say_so_and_nothing_changes() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("owner@example.com").await;
    let shown =
        app.api(Method::GET, &format!("/api/v1/workspaces/{}/agent-settings", workspace.id), &token, None).await;
    assert_eq!(shown.json()["source"], "none");
    let asked = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/drafts", workspace.id),
            &token,
            Some(json!({"brief": "Bakers."})),
        )
        .await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", asked.body);
    assert!(asked.json()["error"]["message"].as_str().unwrap().contains("not set up"), "{}", asked.body);
    let log = app.api(Method::GET, &format!("/api/v1/workspaces/{}/audit", workspace.id), &token, None).await;
    assert!(!log.body.contains("agent."), "nothing was recorded: {}", log.body);

    // A bad base URL is refused with the field named, and the settings stay as they were.
    let bad = app
        .api(
            Method::PUT,
            &format!("/api/v1/workspaces/{}/agent-settings", workspace.id),
            &token,
            Some(json!({"base_url": "localhost:8080"})),
        )
        .await;
    assert_eq!((bad.status, bad.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("base_url")));
    let shown =
        app.api(Method::GET, &format!("/api/v1/workspaces/{}/agent-settings", workspace.id), &token, None).await;
    assert_eq!(shown.json()["source"], "none");
}
