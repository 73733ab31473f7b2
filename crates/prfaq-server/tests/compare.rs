//! Comparing documents of a workspace: the API's JSON, the page, and access checks on every id.
#![allow(clippy::unwrap_used, reason = "helpers of tests: a failing unwrap is a failing test")]

mod support;

use axum::http::{Method, StatusCode};
use prfaq_store::{Audit, WorkspaceRole};
use serde_json::json;
use support::{Browser, TestApp};

const ALPHA: &str = "---\ntitle: Alpha\ncustomer: Marketers who spend 6 hours a week on reports\n---\n\n# Alpha Gives Marketers Their Mondays Back\n\nMarketers save 6 hours a week.\n";
const BETA: &str = "# Beta Is Significantly Better\n\nIt is better. TBD.\n";
const GAMMA: &str =
    "---\ntitle: Gamma <b>Bold</b> Claims\n---\n\n# Gamma Claims\n\nTeams cut costs by 20% in 3 months.\n";

async fn create(app: &TestApp, workspace: prfaq_store::WorkspaceId, token: &str, markdown: &str) -> i64 {
    let created = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{workspace}/documents"),
            token,
            Some(json!({"markdown": markdown})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.json()["id"].as_i64().unwrap()
}

#[tokio::test]
async fn the_api_returns_the_compare_json_with_the_web_figures() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let a = create(&app, workspace.id, &token, ALPHA).await;
    let b = create(&app, workspace.id, &token, BETA).await;
    let c = create(&app, workspace.id, &token, GAMMA).await;
    let path = format!("/api/v1/workspaces/{}/compare?d={c}&d={a}&d={b}&d={a}", workspace.id);
    let compared = app.api(Method::GET, &path, &token, None).await;
    assert_eq!(compared.status, StatusCode::OK, "{}", compared.body);
    let body = compared.json();
    assert_eq!(body["version"], 1);
    let candidates = body["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 3, "a repeated id counts once");
    assert_eq!(candidates[0]["name"], "Gamma <b>Bold</b> Claims");
    assert_eq!(candidates[1]["name"], "Alpha");
    assert!(candidates[1]["score"].as_u64().unwrap() > candidates[2]["score"].as_u64().unwrap());
    assert!(candidates[1]["customer"].as_str().unwrap().contains("Marketers"));
    let documents = body["documents"].as_array().unwrap();
    assert_eq!(documents.iter().map(|d| d["id"].as_i64().unwrap()).collect::<Vec<_>>(), [c, a, b]);
    assert_eq!(documents[0]["status"], "draft");
    assert_eq!(documents[0]["open_critical_comments"], 0);
    assert!(documents[0]["decision"].is_null());
}

#[tokio::test]
async fn every_id_is_checked_and_bad_selections_are_refused() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let (_, other, other_token) = app.user_with_workspace("bob@example.com").await;
    let a = create(&app, workspace.id, &token, ALPHA).await;
    let b = create(&app, workspace.id, &token, BETA).await;
    let theirs = create(&app, other.id, &other_token, GAMMA).await;
    let compare = |ids: &str| format!("/api/v1/workspaces/{}/compare?{ids}", workspace.id);

    let foreign = app.api(Method::GET, &compare(&format!("d={a}&d={theirs}")), &token, None).await;
    assert_eq!((foreign.status, foreign.error_code().as_str()), (StatusCode::NOT_FOUND, "not_found"));
    let missing = app.api(Method::GET, &compare(&format!("d={a}&d=99999")), &token, None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let stranger = app.api(Method::GET, &compare(&format!("d={a}&d={b}")), &other_token, None).await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND, "not a member of the workspace");

    // A member of both workspaces still cannot pull a document of the other one in.
    let bob = app.store.user_by_email("bob@example.com").await.unwrap().unwrap();
    app.store.set_member(workspace.id, bob.id, WorkspaceRole::Member, Audit::by(bob.id, "test", "")).await.unwrap();
    let mixed = app.api(Method::GET, &compare(&format!("d={a}&d={theirs}")), &other_token, None).await;
    assert_eq!(mixed.status, StatusCode::NOT_FOUND);
    let allowed = app.api(Method::GET, &compare(&format!("d={a}&d={b}")), &other_token, None).await;
    assert_eq!(allowed.status, StatusCode::OK, "a member compares the workspace's documents");

    for (query, what) in [
        (format!("d={a}"), "one document"),
        (String::new(), "none"),
        (format!("d={a}&d={a}"), "the same twice"),
        (format!("d={a}&d=abc"), "not a number"),
        ((1..=9).map(|i| format!("d={i}")).collect::<Vec<_>>().join("&"), "too many"),
    ] {
        let response = app.api(Method::GET, &compare(&query), &token, None).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{what}: {}", response.body);
        assert_eq!(response.json()["error"]["field"], "d", "{what}");
    }
}

#[tokio::test]
async fn the_portfolio_selects_and_the_page_shows_candidates_side_by_side() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let (_, other, other_token) = app.user_with_workspace("bob@example.com").await;
    let a = create(&app, workspace.id, &token, ALPHA).await;
    let c = create(&app, workspace.id, &token, GAMMA).await;
    let theirs = create(&app, other.id, &other_token, BETA).await;
    let mut browser = Browser::new(&app);
    browser.sign_in("ada@example.com").await;
    let portfolio = browser.get(&format!("/w/{}", workspace.id)).await;
    assert!(portfolio.body.contains(&format!("action=\"/w/{}/compare\"", workspace.id)));
    assert!(portfolio.body.contains(&format!("name=\"d\" value=\"{a}\"")));

    let page = browser.get(&format!("/w/{}/compare?d={a}&d={c}", workspace.id)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&format!("<a href=\"/d/{a}\">Alpha</a>")), "{}", page.body);
    for row in ["status", "open critical comments", "decision", "score", "quantified claims", "findings (E/W/N)"] {
        assert!(page.body.contains(&format!("<th scope=\"row\">{row}</th>")), "row {row}");
    }
    assert!(!page.body.contains("<b>Bold</b>"), "titles and headlines are escaped");
    assert!(page.body.contains("Gamma &#60;b&#62;Bold"), "{}", page.body);

    let foreign = browser.get(&format!("/w/{}/compare?d={a}&d={theirs}", workspace.id)).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let one = browser.get(&format!("/w/{}/compare?d={a}", workspace.id)).await;
    assert_eq!(one.status, StatusCode::BAD_REQUEST);
    assert!(one.body.contains("select 2 to 8"), "{}", one.body);
}
