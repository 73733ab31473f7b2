//! The JSON API through the real router and a real SQLite file.

mod support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;
use support::TestApp;

const DOC: &str = "---\ntitle: Acme Reports\ncustomer: E-commerce marketers who spend 6 hours a week on reports\n---\n\n# Acme Reports Gives Marketers Their Mondays Back\n\nMarketers save six hours a week.\n";

#[tokio::test]
async fn documents_are_created_saved_diffed_and_a_stale_save_is_refused() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let created = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/documents", workspace.id),
            &token,
            Some(json!({"markdown": DOC})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(created.json()["title"], "Acme Reports");

    let v2 = DOC.replace("six hours", "six hours and a half");
    let saved = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/revisions"),
            &token,
            Some(json!({"base": 1, "markdown": v2})),
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.body);
    assert_eq!(saved.json()["number"], 2);
    assert_eq!(saved.json()["change_class"], "refinement");

    let stale = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/revisions"),
            &token,
            Some(json!({"base": 1, "markdown": "x"})),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.error_code(), "conflict");
    assert!(stale.json()["error"]["message"].as_str().unwrap().contains("revision 2"));
    let text = app.api(Method::GET, &format!("/api/v1/documents/{id}/revisions/2"), &token, None).await;
    assert_eq!(text.json()["markdown"], v2.as_str(), "the stale save changed nothing");

    let list = app.api(Method::GET, &format!("/api/v1/documents/{id}/revisions"), &token, None).await;
    assert_eq!(list.json().as_array().unwrap().len(), 2);
    let diff = app.api(Method::GET, &format!("/api/v1/documents/{id}/diff?from=1&to=2"), &token, None).await;
    assert_eq!(diff.status, StatusCode::OK, "{}", diff.body);
    assert_eq!(diff.json()["diff"]["class"], "refinement");
    let portfolio = app.api(Method::GET, &format!("/api/v1/workspaces/{}/documents", workspace.id), &token, None).await;
    assert_eq!(portfolio.json()[0]["document"]["head"], 2);
}

#[tokio::test]
async fn two_concurrent_saves_of_one_revision_exactly_one_wins() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let created = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/documents", workspace.id),
            &token,
            Some(json!({"markdown": DOC})),
        )
        .await;
    let id = created.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/documents/{id}/revisions");
    let (a, b) = tokio::join!(
        app.api(Method::POST, &path, &token, Some(json!({"base": 1, "markdown": format!("{DOC}\nA\n")}))),
        app.api(Method::POST, &path, &token, Some(json!({"base": 1, "markdown": format!("{DOC}\nB\n")}))),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT], "{} / {}", a.body, b.body);
}

#[tokio::test]
async fn the_live_check_returns_findings_and_a_score() {
    let app = TestApp::new().await;
    let (_, _, token) = app.user_with_workspace("ada@example.com").await;
    let checked = app
        .api(Method::POST, "/api/v1/check", &token, Some(json!({"markdown": "# TBD\n\nIt is significantly better.\n"})))
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    let file = &checked.json()["files"][0];
    assert!(file["score"]["overall"].as_u64().unwrap() < 100);
    assert!(file["findings"].as_array().unwrap().iter().any(|f| f["name"] == "weasel-word"), "{}", checked.body);
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_and_changes_nothing() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("ada@example.com").await;
    let create = format!("/api/v1/workspaces/{}/documents", workspace.id);
    let created = app.api(Method::POST, &create, &token, Some(json!({"markdown": DOC}))).await;
    let id = created.json()["id"].as_i64().unwrap();
    let save = format!("/api/v1/documents/{id}/revisions");

    let malformed = Request::builder()
        .method(Method::POST)
        .uri(&save)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"base\": 1, \"markdown\": "))
        .unwrap();
    let malformed = app.send(malformed).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST, "{}", malformed.body);
    assert!(malformed.json()["error"]["message"].as_str().unwrap().contains("invalid JSON"));

    let wrong_type = app.api(Method::POST, &save, &token, Some(json!({"base": "one", "markdown": "x"}))).await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong_type.body);
    let unknown_field =
        app.api(Method::POST, &save, &token, Some(json!({"base": 1, "markdown": "x", "extra": 1}))).await;
    assert_eq!(unknown_field.status, StatusCode::UNPROCESSABLE_ENTITY);

    let bad_id = app.api(Method::GET, "/api/v1/documents/abc", &token, None).await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST, "{}", bad_id.body);
    let missing = app.api(Method::GET, "/api/v1/documents/999999", &token, None).await;
    assert_eq!((missing.status, missing.error_code().as_str()), (StatusCode::NOT_FOUND, "not_found"));

    let nul = app.api(Method::POST, &save, &token, Some(json!({"base": 1, "markdown": "a\u{0}b"}))).await;
    assert_eq!(nul.status, StatusCode::BAD_REQUEST);
    assert_eq!(nul.json()["error"]["field"], "markdown");

    let huge = "x".repeat(3 * 1024 * 1024);
    let too_big = app.api(Method::POST, &save, &token, Some(json!({"base": 1, "markdown": huge}))).await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", &too_big.body[..too_big.body.len().min(200)]);

    let unknown_route = app.api(Method::GET, "/api/v1/nope", &token, None).await;
    assert_eq!(unknown_route.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown_route.error_code(), "not_found");

    let revisions = app.api(Method::GET, &format!("/api/v1/documents/{id}/revisions"), &token, None).await;
    assert_eq!(revisions.json().as_array().unwrap().len(), 1, "nothing stored changed");
}

#[tokio::test]
async fn access_is_checked_on_every_document_route() {
    let app = TestApp::new().await;
    let (_, workspace, owner_token) = app.user_with_workspace("owner@example.com").await;
    let (_, _, stranger_token) = app.user_with_workspace("stranger@example.com").await;
    let created = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/documents", workspace.id),
            &owner_token,
            Some(json!({"markdown": DOC})),
        )
        .await;
    let id = created.json()["id"].as_i64().unwrap();
    for (method, path, body) in [
        (Method::GET, format!("/api/v1/documents/{id}"), None),
        (Method::GET, format!("/api/v1/documents/{id}/revisions"), None),
        (Method::GET, format!("/api/v1/documents/{id}/revisions/1"), None),
        (Method::GET, format!("/api/v1/documents/{id}/diff?from=1&to=1"), None),
        (Method::POST, format!("/api/v1/documents/{id}/revisions"), Some(json!({"base": 1, "markdown": "x"}))),
        (Method::GET, format!("/api/v1/workspaces/{}/documents", workspace.id), None),
        (Method::POST, format!("/api/v1/workspaces/{}/documents", workspace.id), Some(json!({"title": "x"}))),
    ] {
        let response = app.api(method.clone(), &path, &stranger_token, body).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{method} {path} by another workspace's user");
    }
    let anonymous =
        app.send(Request::builder().uri(format!("/api/v1/documents/{id}")).body(Body::empty()).unwrap()).await;
    assert_eq!((anonymous.status, anonymous.error_code().as_str()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
    let bad_token = app.api(Method::GET, &format!("/api/v1/documents/{id}"), "not-a-token", None).await;
    assert_eq!(bad_token.status, StatusCode::UNAUTHORIZED);

    let viewer = app.user("viewer@example.com").await;
    app.store
        .set_member(
            workspace.id,
            viewer.id,
            prfaq_store::WorkspaceRole::Member,
            prfaq_store::Audit::by(viewer.id, "t", ""),
        )
        .await
        .unwrap();
    let viewer_token = app.token(&viewer).await;
    let read = app.api(Method::GET, &format!("/api/v1/documents/{id}"), &viewer_token, None).await;
    assert_eq!(read.json()["role"], "viewer");
    let write = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/revisions"),
            &viewer_token,
            Some(json!({"base": 1, "markdown": "x"})),
        )
        .await;
    assert_eq!((write.status, write.error_code().as_str()), (StatusCode::FORBIDDEN, "forbidden"));
}

#[tokio::test]
async fn tokens_are_created_from_sessions_only_and_can_be_revoked() {
    let app = TestApp::new().await;
    let (_, _, token) = app.user_with_workspace("ada@example.com").await;
    let minted = app.api(Method::POST, "/api/v1/tokens", &token, Some(json!({"name": "ci"}))).await;
    assert_eq!(minted.status, StatusCode::FORBIDDEN, "a token cannot mint tokens");
    let listed = app.api(Method::GET, "/api/v1/tokens", &token, None).await;
    let token_id = listed.json()[0]["id"].as_i64().unwrap();
    assert!(listed.json()[0].get("token_hash").is_none());
    let revoked = app.api(Method::DELETE, &format!("/api/v1/tokens/{token_id}"), &token, None).await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let after = app.api(Method::GET, "/api/v1/tokens", &token, None).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "a revoked token no longer works");
}

#[tokio::test]
async fn the_openapi_document_is_served_without_signing_in() {
    let app = TestApp::new().await;
    let response = app.send(Request::builder().uri("/api/v1/openapi.json").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.json()["openapi"], "3.1.0");
    assert!(response.json()["paths"]["/rounds/{id}/comments"]["post"].is_object());
}
