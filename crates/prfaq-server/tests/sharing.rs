//! Sharing through the real router: invitation links (new and existing people, expired, used,
//! wrong), document roles, workspace members, and the audit log.
#![allow(clippy::unwrap_used, reason = "helpers of tests: a failing unwrap is a failing test")]

mod support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use prfaq_store::{Audit, DocumentId, DocumentRole, NewInvitation, Timestamp, User, Workspace, WorkspaceRole};
use serde_json::{Value, json};
use support::{Browser, TestApp};

const DOC: &str = "---\ntitle: Acme Reports\n---\n\n# Acme Reports Gives Marketers Their Mondays Back\n\nMarketers save six hours a week.\n";

/// The secret of an invitation link (`…/invite/<secret>`).
fn secret_of(link: &str) -> String {
    link.rsplit("/invite/").next().unwrap().to_owned()
}

async fn create_document(app: &TestApp, workspace: &Workspace, token: &str) -> i64 {
    let created = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/documents", workspace.id),
            token,
            Some(json!({"markdown": DOC})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.json()["id"].as_i64().unwrap()
}

async fn join_workspace(app: &TestApp, workspace: &Workspace, email: &str) -> (User, String) {
    let user = app.user(email).await;
    app.store.set_member(workspace.id, user.id, WorkspaceRole::Member, Audit::by(user.id, "test", "")).await.unwrap();
    let token = app.token(&user).await;
    (user, token)
}

fn actions(log: &Value) -> Vec<String> {
    log.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_new_person_joins_the_workspace_by_link_once() {
    let app = TestApp::new().await;
    let (admin, workspace, admin_token) = app.user_with_workspace("admin@example.com").await;
    let path = format!("/api/v1/workspaces/{}/invitations", workspace.id);
    let created = app.api(Method::POST, &path, &admin_token, Some(json!({}))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let link = created.json()["link"].as_str().unwrap().to_owned();
    assert!(link.contains("/invite/"), "{link}");
    assert!(created.json()["document_id"].is_null());
    let secret = secret_of(&link);
    let stored = app.store.invitation_by_token(&prfaq_server::auth::secrets::hash_secret(&secret)).await.unwrap();
    assert!(stored.is_some(), "only the hash is stored, and it finds the invitation");

    let mut newcomer = Browser::new(&app);
    let page = newcomer.get(&format!("/invite/{secret}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("admin@example.com invites you"), "{}", page.body);
    assert!(page.body.contains("Create account and accept"));
    let anonymous = newcomer.cookie.clone();

    let join = format!("/invite/{secret}/join");
    let weak =
        newcomer.post(&join, &[("name", "Nia"), ("email", "nia@example.com"), ("password", "short")], true).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("at least 10"), "{}", weak.body);
    assert!(weak.body.contains("nia@example.com"), "the form keeps what was typed");
    let taken = newcomer
        .post(&join, &[("name", "Nia"), ("email", "Admin@Example.com"), ("password", "correct horse battery")], true)
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("sign in"), "{}", taken.body);

    let joined = newcomer
        .post(&join, &[("name", "Nia"), ("email", "Nia@Example.com"), ("password", "correct horse battery")], true)
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(joined.headers[header::LOCATION], format!("/w/{}", workspace.id));
    assert_ne!(newcomer.cookie, anonymous, "joining signs in with a new session id");
    let portfolio = newcomer.get(&format!("/w/{}", workspace.id)).await;
    assert_eq!(portfolio.status, StatusCode::OK);
    let nia = app.store.user_by_email("nia@example.com").await.unwrap().unwrap();
    assert!(nia.password_hash.starts_with("$argon2id$"));
    assert_eq!(app.store.workspace_role(workspace.id, nia.id).await.unwrap(), Some(WorkspaceRole::Member));

    // Opened again by Nia: straight to the workspace. By anyone else: gone.
    let again = newcomer.get(&format!("/invite/{secret}")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let mut late = Browser::new(&app);
    let used = late.get(&format!("/invite/{secret}")).await;
    assert_eq!(used.status, StatusCode::GONE, "{}", used.body);
    assert!(used.body.contains("used already"), "{}", used.body);
    late.get("/login").await; // error pages carry no CSRF token: pick one up
    let reuse = late
        .post(&join, &[("name", "Eve"), ("email", "eve@example.com"), ("password", "correct horse battery")], true)
        .await;
    assert_eq!(reuse.status, StatusCode::GONE);
    assert!(app.store.user_by_email("eve@example.com").await.unwrap().is_none(), "no account from a used link");

    let log = app.api(Method::GET, &format!("/api/v1/workspaces/{}/audit", workspace.id), &admin_token, None).await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    let entries = actions(&log.json());
    assert_eq!(entries[..2], ["invitation.accepted", "invitation.created"], "{entries:?}");
    assert_eq!(log.json()[0]["actor_name"], "Nia");
    assert_eq!(log.json()[1]["actor_id"], admin.id.0);
}

#[tokio::test]
async fn an_existing_user_accepts_a_document_invitation_with_one_click() {
    let app = TestApp::new().await;
    let (_, workspace, owner_token) = app.user_with_workspace("owner@example.com").await;
    let id = create_document(&app, &workspace, &owner_token).await;
    let bob = app.user("bob@example.com").await;
    let created = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/invitations"),
            &owner_token,
            Some(json!({"role": "decision_maker", "days": 3})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.json()["document_role"], "decision_maker");
    let secret = secret_of(created.json()["link"].as_str().unwrap());

    let mut browser = Browser::new(&app);
    let before = browser.get(&format!("/invite/{secret}")).await;
    assert!(before.body.contains("next=/invite/"), "a sign-in link that comes back here");
    browser.sign_in("bob@example.com").await;
    let page = browser.get(&format!("/invite/{secret}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Acme Reports"), "{}", page.body);
    assert!(page.body.contains("as decision-maker"), "{}", page.body);
    assert!(page.body.contains("Accept as bob@example.com"));
    let forged = browser.post(&format!("/invite/{secret}/accept"), &[], false).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "accepting needs the CSRF token");
    let accepted = browser.post(&format!("/invite/{secret}/accept"), &[], true).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(accepted.headers[header::LOCATION], format!("/d/{id}"));
    assert_eq!(app.store.document_role(DocumentId(id), bob.id).await.unwrap(), Some(DocumentRole::DecisionMaker));
    let bob_token = app.token(&bob).await;
    let doc = app.api(Method::GET, &format!("/api/v1/documents/{id}"), &bob_token, None).await;
    assert_eq!(doc.json()["role"], "decision_maker");
    let again = browser.post(&format!("/invite/{secret}/accept"), &[], true).await;
    assert_eq!(again.status, StatusCode::GONE, "a link works once");

    let log = app.api(Method::GET, &format!("/api/v1/documents/{id}/audit"), &bob_token, None).await;
    assert_eq!(log.status, StatusCode::OK, "a reader of the document reads its log");
    let entries = actions(&log.json());
    assert_eq!(entries, ["invitation.accepted", "invitation.created", "document.created"], "{}", log.body);
    assert!(log.json()[0]["detail"].as_str().unwrap().contains("decision-maker"));
}

#[tokio::test]
async fn expired_used_and_wrong_links_are_refused_clearly() {
    let app = TestApp::new().await;
    let (admin, workspace, _) = app.user_with_workspace("admin@example.com").await;
    app.user("bob@example.com").await;
    let expired_secret = "an-expired-invitation-secret";
    app.store
        .create_invitation(
            NewInvitation {
                token_hash: prfaq_server::auth::secrets::hash_secret(expired_secret),
                workspace_id: workspace.id,
                document: None,
                created_by: admin.id,
                expires_at: Timestamp::now().checked_sub(jiff::SignedDuration::from_hours(1)).unwrap(),
            },
            Audit::by(admin.id, "invitation.created", "test"),
        )
        .await
        .unwrap();
    let mut stranger = Browser::new(&app);
    let page = stranger.get(&format!("/invite/{expired_secret}")).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(page.body.contains("expired"), "{}", page.body);
    assert!(page.body.contains("admin@example.com"), "says whom to ask: {}", page.body);
    stranger.get("/login").await;
    let join = stranger
        .post(
            &format!("/invite/{expired_secret}/join"),
            &[("name", "Eve"), ("email", "eve@example.com"), ("password", "correct horse battery")],
            true,
        )
        .await;
    assert_eq!(join.status, StatusCode::GONE);
    let mut bob = Browser::new(&app);
    bob.sign_in("bob@example.com").await;
    let accept = bob.post(&format!("/invite/{expired_secret}/accept"), &[], true).await;
    assert_eq!(accept.status, StatusCode::GONE);
    assert_eq!(
        app.store
            .memberships(app.store.user_by_email("bob@example.com").await.unwrap().unwrap().id)
            .await
            .unwrap()
            .len(),
        0
    );

    for wrong in ["not-a-real-secret", "x"] {
        let response = bob.get(&format!("/invite/{wrong}")).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{wrong}");
        bob.get("/login").await; // error pages carry no CSRF token: pick one up
        let response = bob.post(&format!("/invite/{wrong}/accept"), &[], true).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{wrong}");
    }
    let long = "a".repeat(500);
    assert_eq!(bob.get(&format!("/invite/{long}")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_the_owner_changes_roles_and_strangers_see_nothing() {
    let app = TestApp::new().await;
    let (owner, workspace, owner_token) = app.user_with_workspace("owner@example.com").await;
    let id = create_document(&app, &workspace, &owner_token).await;
    let (bob, bob_token) = join_workspace(&app, &workspace, "bob@example.com").await;
    let (_, stranger_workspace, stranger_token) = app.user_with_workspace("stranger@example.com").await;
    let people = format!("/api/v1/documents/{id}/people");
    let bob_role = format!("{people}/{}", bob.id);

    let listed = app.api(Method::GET, &people, &bob_token, None).await;
    assert_eq!(listed.status, StatusCode::OK, "a reader sees who has a role");
    assert_eq!(listed.json()[0]["role"], "owner");
    assert_eq!(listed.json()[0]["user_id"], owner.id.0);

    let changed = app.api(Method::PUT, &bob_role, &owner_token, Some(json!({"role": "author"}))).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert!(changed.json().as_array().unwrap().iter().any(|p| p["user_id"] == bob.id.0 && p["role"] == "author"));
    let same = app.api(Method::PUT, &bob_role, &owner_token, Some(json!({"role": "author"}))).await;
    assert_eq!(same.status, StatusCode::OK, "no change is fine");

    let owner_role = format!("{people}/{}", owner.id);
    let refused = app.api(Method::PUT, &owner_role, &bob_token, Some(json!({"role": "viewer"}))).await;
    assert_eq!((refused.status, refused.error_code().as_str()), (StatusCode::FORBIDDEN, "forbidden"));
    let invite = app
        .api(Method::POST, &format!("/api/v1/documents/{id}/invitations"), &bob_token, Some(json!({"role": "viewer"})))
        .await;
    assert_eq!(invite.status, StatusCode::FORBIDDEN, "an author cannot share");

    let last_owner = app.api(Method::PUT, &owner_role, &owner_token, Some(json!({"role": "viewer"}))).await;
    assert_eq!(last_owner.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", last_owner.body);
    assert!(last_owner.json()["error"]["message"].as_str().unwrap().contains("at least one owner"));

    let stranger_user = app.store.user_by_email("stranger@example.com").await.unwrap().unwrap();
    let outsider = app
        .api(Method::PUT, &format!("{people}/{}", stranger_user.id), &owner_token, Some(json!({"role": "viewer"})))
        .await;
    assert_eq!(outsider.status, StatusCode::NOT_FOUND, "only members of the workspace get roles");

    for (method, path, body) in [
        (Method::GET, people.clone(), None),
        (Method::PUT, bob_role.clone(), Some(json!({"role": "owner"}))),
        (Method::POST, format!("/api/v1/documents/{id}/invitations"), Some(json!({"role": "owner"}))),
        (Method::GET, format!("/api/v1/documents/{id}/audit"), None),
        (Method::GET, format!("/api/v1/workspaces/{}/members", workspace.id), None),
        (Method::GET, format!("/api/v1/workspaces/{}/audit", workspace.id), None),
        (Method::POST, format!("/api/v1/workspaces/{}/invitations", workspace.id), Some(json!({}))),
    ] {
        let response = app.api(method.clone(), &path, &stranger_token, body).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{method} {path} by another workspace's user");
    }
    assert_ne!(stranger_workspace.id, workspace.id);

    let log = app.api(Method::GET, &format!("/api/v1/documents/{id}/audit"), &owner_token, None).await;
    assert_eq!(actions(&log.json())[0], "document.role_changed");
    assert_eq!(log.json()[0]["detail"], "bob@example.com: no role → author");
    assert_eq!(
        actions(&log.json()).iter().filter(|a| *a == "document.role_changed").count(),
        1,
        "an unchanged role writes no entry"
    );
}

#[tokio::test]
async fn workspace_invitations_members_and_the_workspace_log_are_for_admins() {
    let app = TestApp::new().await;
    let (_, workspace, admin_token) = app.user_with_workspace("admin@example.com").await;
    let (_, member_token) = join_workspace(&app, &workspace, "bob@example.com").await;
    let members =
        app.api(Method::GET, &format!("/api/v1/workspaces/{}/members", workspace.id), &admin_token, None).await;
    assert_eq!(members.status, StatusCode::OK);
    let listed = members.json();
    let roles: Vec<&str> = listed.as_array().unwrap().iter().map(|m| m["role"].as_str().unwrap()).collect();
    assert_eq!(roles.len(), 2);
    assert!(roles.contains(&"admin") && roles.contains(&"member"));
    assert!(members.json()[0]["user"].get("password_hash").is_none());
    for (method, path, body) in [
        (Method::GET, format!("/api/v1/workspaces/{}/members", workspace.id), None),
        (Method::GET, format!("/api/v1/workspaces/{}/audit", workspace.id), None),
        (Method::POST, format!("/api/v1/workspaces/{}/invitations", workspace.id), Some(json!({}))),
    ] {
        let response = app.api(method.clone(), &path, &member_token, body).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{method} {path} by a member");
    }
    let mut member = Browser::new(&app);
    member.sign_in("bob@example.com").await;
    assert_eq!(member.get(&format!("/w/{}/members", workspace.id)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(member.get(&format!("/w/{}/audit", workspace.id)).await.status, StatusCode::FORBIDDEN);
    let portfolio = member.get(&format!("/w/{}", workspace.id)).await;
    assert!(!portfolio.body.contains("Members and invitations"), "no admin links for members");

    let mut admin = Browser::new(&app);
    admin.sign_in("admin@example.com").await;
    let portfolio = admin.get(&format!("/w/{}", workspace.id)).await;
    assert!(portfolio.body.contains(&format!("href=\"/w/{}/members\"", workspace.id)));
    let page = admin.get(&format!("/w/{}/members", workspace.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("bob@example.com"));
    let created = admin.post(&format!("/w/{}/invitations", workspace.id), &[("days", "2")], true).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert!(created.body.contains("Invitation link created"));
    assert!(created.body.contains("/invite/"));
    let forged = admin.post(&format!("/w/{}/invitations", workspace.id), &[("days", "2")], false).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let log = admin.get(&format!("/w/{}/audit", workspace.id)).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.body.contains("invitation.created"), "{}", log.body);
    assert!(log.body.contains("admin@example.com"), "names who did it");
}

#[tokio::test]
async fn the_people_page_lets_the_owner_share_and_shows_readers_the_roles() {
    let app = TestApp::new().await;
    let (_, workspace, owner_token) = app.user_with_workspace("owner@example.com").await;
    let id = create_document(&app, &workspace, &owner_token).await;
    let (bob, _) = join_workspace(&app, &workspace, "bob@example.com").await;
    let mut owner = Browser::new(&app);
    owner.sign_in("owner@example.com").await;
    let document = owner.get(&format!("/d/{id}")).await;
    assert!(document.body.contains(&format!("href=\"/d/{id}/people\"")));
    let page = owner.get(&format!("/d/{id}/people")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Give a workspace member a role"));
    assert!(page.body.contains("bob@example.com"), "members without a role are offered");
    let bob_id = bob.id.to_string();
    let given = owner.post(&format!("/d/{id}/people"), &[("user_id", &bob_id), ("role", "reviewer")], true).await;
    assert_eq!(given.status, StatusCode::SEE_OTHER, "{}", given.body);
    assert_eq!(app.store.document_role(DocumentId(id), bob.id).await.unwrap(), Some(DocumentRole::Reviewer));
    let unknown = owner.post(&format!("/d/{id}/people"), &[("user_id", &bob_id), ("role", "emperor")], true).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.body.contains("unknown role"), "{}", unknown.body);
    owner.get(&format!("/d/{id}/people")).await; // error pages carry no CSRF token: pick one up
    let link = owner.post(&format!("/d/{id}/invitations"), &[("role", "author"), ("days", "7")], true).await;
    assert_eq!(link.status, StatusCode::OK, "{}", link.body);
    assert!(link.body.contains("joins as author"), "{}", link.body);

    let mut reader = Browser::new(&app);
    reader.sign_in("bob@example.com").await;
    let page = reader.get(&format!("/d/{id}/people")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("owner@example.com"));
    assert!(!page.body.contains("Invite by link"), "only the owner gets the forms");
    let refused = reader.post(&format!("/d/{id}/people"), &[("user_id", &bob_id), ("role", "owner")], true).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let activity = reader.get(&format!("/d/{id}/audit")).await;
    assert_eq!(activity.status, StatusCode::OK);
    assert!(activity.body.contains("document.role_changed"), "{}", activity.body);
    assert!(activity.body.contains("no role → reviewer"));
}

#[tokio::test]
async fn bad_sharing_input_gets_a_json_error_with_the_field() {
    let app = TestApp::new().await;
    let (_, workspace, token) = app.user_with_workspace("owner@example.com").await;
    let id = create_document(&app, &workspace, &token).await;
    let (bob, _) = join_workspace(&app, &workspace, "bob@example.com").await;
    let invite = format!("/api/v1/documents/{id}/invitations");

    let unknown = app.api(Method::POST, &invite, &token, Some(json!({"role": "emperor"}))).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST, "{}", unknown.body);
    assert_eq!(unknown.error_code(), "bad_request");
    assert_eq!(unknown.json()["error"]["field"], "role");
    assert!(unknown.json()["error"]["message"].as_str().unwrap().contains("decision_maker"));

    let days = app.api(Method::POST, &invite, &token, Some(json!({"role": "viewer", "days": 0}))).await;
    assert_eq!((days.status, days.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("days")));
    let long = app
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/invitations", workspace.id),
            &token,
            Some(json!({"days": 31})),
        )
        .await;
    assert_eq!(long.json()["error"]["field"], "days");

    let put = format!("/api/v1/documents/{id}/people/{}", bob.id);
    let role = app.api(Method::PUT, &put, &token, Some(json!({"role": "boss"}))).await;
    assert_eq!((role.status, role.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("role")));
    let extra = app.api(Method::PUT, &put, &token, Some(json!({"role": "viewer", "extra": 1}))).await;
    assert_eq!(extra.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(extra.json()["error"]["message"].is_string());

    let malformed = Request::builder()
        .method(Method::PUT)
        .uri(&put)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"role\": "))
        .unwrap();
    let malformed = app.send(malformed).await;
    assert_eq!((malformed.status, malformed.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
    let error = &malformed.json()["error"];
    assert!(error["message"].as_str().unwrap().contains("invalid JSON"));
    assert!(error.get("field").is_some(), "field is always present (null here)");

    let bad_user = app
        .api(Method::PUT, &format!("/api/v1/documents/{id}/people/abc"), &token, Some(json!({"role": "viewer"})))
        .await;
    assert_eq!(bad_user.status, StatusCode::BAD_REQUEST);
    let bad_limit = app.api(Method::GET, &format!("/api/v1/documents/{id}/audit?limit=0"), &token, None).await;
    assert_eq!(bad_limit.json()["error"]["field"], "limit");

    assert_eq!(app.store.document_role(DocumentId(id), bob.id).await.unwrap(), None, "nothing changed");
}
