//! The authorization matrix: every API route and every page route that names a workspace,
//! document, round or comment × every document role × a workspace admin × a member of another
//! workspace × no credentials. Every route in the OpenAPI document and every such page must
//! have a row here, so a new route cannot ship unchecked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use prfaq_store::{Audit, DocumentId, DocumentRole, User, WorkspaceRole};
use serde_json::{Value, json};
use support::TestApp;

const EVIDENCE: &str = "Exports to Excel take six hours every Monday.";
const DOC: &str = "# Acme Reports Gives Marketers Their Mondays Back\n\nMarketers save six hours a week.\n\n## External FAQ\n\n### What does it cost?\n\n$10 a month.\n";

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Admin,
    Owner,
    Author,
    Reviewer,
    Decider,
    Viewer,
    Outsider,
    Anonymous,
}

use Caller::*;

/// Least privileged first, so refused calls come before the ones that change state.
const CALLERS: [Caller; 8] = [Anonymous, Outsider, Viewer, Reviewer, Decider, Author, Owner, Admin];
/// A workspace admin acts as the owner of every document.
const MEMBERS: &[Caller] = &[Admin, Owner, Author, Reviewer, Decider, Viewer];
const EDITORS: &[Caller] = &[Admin, Owner, Author];
const DECIDERS: &[Caller] = &[Admin, Owner, Decider];
const SHARERS: &[Caller] = &[Admin, Owner];
const ADMINS: &[Caller] = &[Admin];
const REVIEWERS: &[Caller] = &[Reviewer];
const SIGNED_IN: &[Caller] = &[Admin, Owner, Author, Reviewer, Decider, Viewer, Outsider];

/// A workspace with one person per role, a document, an open round and a comment.
struct World {
    app: TestApp,
    tokens: Vec<(Caller, String)>,
    workspace: i64,
    document: i64,
    round: i64,
    comment: i64,
    owner_token_id: i64,
    viewer_id: i64,
    second_document: i64,
    job: i64,
    evidence: i64,
}

impl World {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let (admin, workspace, admin_token) = app.user_with_workspace("admin@example.com").await;
        let mut people: Vec<(Caller, User)> = Vec::new();
        for (caller, email) in [
            (Owner, "owner@example.com"),
            (Author, "author@example.com"),
            (Reviewer, "reviewer@example.com"),
            (Decider, "decider@example.com"),
            (Viewer, "viewer@example.com"),
        ] {
            let user = app.user(email).await;
            app.store
                .set_member(workspace.id, user.id, WorkspaceRole::Member, Audit::by(admin.id, "m", ""))
                .await
                .unwrap();
            people.push((caller, user));
        }
        let (outsider, _, outsider_token) = app.user_with_workspace("outsider@example.com").await;
        let _ = outsider;
        let mut tokens: Vec<(Caller, String)> = Vec::new();
        for (caller, user) in &people {
            tokens.push((*caller, app.token(user).await));
        }
        tokens.push((Outsider, outsider_token));
        tokens.push((Admin, admin_token));
        let token = |c: Caller| tokens.iter().find(|(k, _)| *k == c).map(|(_, t)| t.clone()).unwrap();
        let user = |c: Caller| people.iter().find(|(k, _)| *k == c).map(|(_, u)| u.clone()).unwrap();

        let created = app
            .api(
                Method::POST,
                &format!("/api/v1/workspaces/{}/documents", workspace.id),
                &token(Owner),
                Some(json!({"markdown": DOC})),
            )
            .await;
        let document = created.json()["id"].as_i64().unwrap();
        for (caller, role) in [(Author, DocumentRole::Author), (Decider, DocumentRole::DecisionMaker)] {
            app.store
                .set_document_role(DocumentId(document), user(caller).id, role, Audit::by(admin.id, "r", ""))
                .await
                .unwrap();
        }
        let opened = app
            .api(
                Method::POST,
                &format!("/api/v1/documents/{document}/rounds"),
                &token(Owner),
                Some(json!({"reviewers": [{"user_id": user(Reviewer).id, "function": "finance"}], "min_read_seconds": 0})),
            )
            .await;
        let round = opened.json()["id"].as_i64().unwrap();
        for event in ["started", "reached_end"] {
            app.api(
                Method::POST,
                &format!("/api/v1/rounds/{round}/reading"),
                &token(Reviewer),
                Some(json!({"event": event})),
            )
            .await;
        }
        let commented = app
            .api(
                Method::POST,
                &format!("/api/v1/rounds/{round}/comments"),
                &token(Reviewer),
                Some(json!({"quote": "six hours", "kind": "question", "severity": "important", "body": "How?"})),
            )
            .await;
        assert_eq!(commented.status, StatusCode::CREATED, "{}", commented.body);
        let comment = commented.json()["id"].as_i64().unwrap();
        let owner_token_id = app.store.api_tokens(user(Owner).id).await.unwrap()[0].id.0;
        let viewer_id = user(Viewer).id.0;
        let second = app
            .api(
                Method::POST,
                &format!("/api/v1/workspaces/{}/documents", workspace.id),
                &token(Owner),
                Some(json!({"title": "The other candidate"})),
            )
            .await;
        let second_document = second.json()["id"].as_i64().unwrap();
        // An AI job on the round, recorded as a server would (no endpoint is set up here, so
        // asking through the API is refused with 422 before any job starts).
        let job = app
            .store
            .create_agent_job(
                prfaq_store::NewAgentJob {
                    workspace_id: workspace.id,
                    document_id: Some(DocumentId(document)),
                    round_id: Some(prfaq_store::RoundId(round)),
                    kind: prfaq_store::AgentJobKind::Review,
                    requested_by: user(Owner).id,
                    input: "{}".into(),
                },
                Audit::by(user(Owner).id, "agent.review", ""),
            )
            .await
            .unwrap()
            .id
            .0;
        let evidence = app
            .store
            .add_evidence(
                workspace.id,
                prfaq_store::NewEvidence {
                    fingerprint: "matrix-1".into(),
                    kind: "ticket".into(),
                    source: "zendesk".into(),
                    source_ref: Some("1".into()),
                    date: None,
                    segment: None,
                    customer: Some("Dana".into()),
                    text: EVIDENCE.into(),
                },
                Audit::by(user(Owner).id, "evidence.imported", ""),
            )
            .await
            .unwrap()
            .id
            .0;
        World {
            app,
            evidence,
            tokens,
            workspace: workspace.id.0,
            document,
            round,
            comment,
            owner_token_id,
            viewer_id,
            second_document,
            job,
        }
    }

    fn token(&self, caller: Caller) -> Option<&str> {
        self.tokens.iter().find(|(c, _)| *c == caller).map(|(_, t)| t.as_str())
    }
}

/// One row of the matrix: a route, a request to it, and who may call it.
struct Row {
    method: Method,
    route: &'static str,
    allowed: &'static [Caller],
    body: fn(&World) -> Option<Value>,
}

fn none(_: &World) -> Option<Value> {
    None
}

fn rows() -> Vec<Row> {
    let row = |method: Method, route, allowed, body| Row { method, route, allowed, body };
    vec![
        row(
            Method::GET,
            "/openapi.json",
            &[Admin, Owner, Author, Reviewer, Decider, Viewer, Outsider, Anonymous],
            none,
        ),
        row(Method::POST, "/check", SIGNED_IN, |_| Some(json!({"markdown": DOC}))),
        row(Method::GET, "/workspaces", SIGNED_IN, none),
        row(Method::GET, "/workspaces/{id}/documents", MEMBERS, none),
        row(Method::POST, "/workspaces/{id}/documents", MEMBERS, |_| Some(json!({"title": "Another"}))),
        row(Method::GET, "/workspaces/{id}/due", MEMBERS, none),
        row(Method::GET, "/documents/{id}", MEMBERS, none),
        row(Method::GET, "/documents/{id}/revisions", MEMBERS, none),
        row(Method::POST, "/documents/{id}/revisions", EDITORS, |_| Some(json!({"base": 1, "markdown": DOC}))),
        row(Method::GET, "/documents/{id}/revisions/{number}", MEMBERS, none),
        row(Method::GET, "/documents/{id}/diff", MEMBERS, none),
        row(Method::GET, "/documents/{id}/rounds", MEMBERS, none),
        row(Method::POST, "/documents/{id}/rounds", EDITORS, |_| Some(json!({}))),
        row(Method::GET, "/documents/{id}/comments", MEMBERS, none),
        row(Method::GET, "/documents/{id}/decisions", MEMBERS, none),
        row(Method::POST, "/documents/{id}/decisions", DECIDERS, |_| {
            Some(json!({"outcome": "iterate", "rationale": "More evidence"}))
        }),
        row(Method::GET, "/rounds/{id}", MEMBERS, none),
        row(Method::POST, "/rounds/{id}/reviewers", EDITORS, |_| Some(json!({"user_id": 1, "function": "legal"}))),
        row(Method::POST, "/rounds/{id}/reading", REVIEWERS, |_| Some(json!({"event": "started"}))),
        row(Method::POST, "/rounds/{id}/submit", REVIEWERS, none),
        row(Method::POST, "/rounds/{id}/meeting", EDITORS, |_| Some(json!({"minutes": 5}))),
        row(Method::POST, "/rounds/{id}/close", EDITORS, none),
        row(Method::GET, "/rounds/{id}/log", MEMBERS, none),
        row(Method::GET, "/rounds/{id}/comments", MEMBERS, none),
        row(Method::POST, "/rounds/{id}/comments", REVIEWERS, |_| {
            Some(json!({"quote": "$10 a month", "kind": "concern", "severity": "minor", "body": "Too cheap?"}))
        }),
        row(Method::POST, "/comments/{id}/resolution", EDITORS, |_| Some(json!({"status": "deferred"}))),
        row(Method::POST, "/workspaces/{id}/invitations", ADMINS, |_| Some(json!({}))),
        row(Method::GET, "/workspaces/{id}/members", ADMINS, none),
        row(Method::GET, "/workspaces/{id}/audit", ADMINS, none),
        row(Method::GET, "/workspaces/{id}/compare", MEMBERS, none),
        row(Method::POST, "/documents/{id}/invitations", SHARERS, |_| Some(json!({"role": "reviewer"}))),
        row(Method::GET, "/documents/{id}/people", MEMBERS, none),
        row(Method::PUT, "/documents/{id}/people/{user_id}", SHARERS, |_| Some(json!({"role": "viewer"}))),
        row(Method::GET, "/documents/{id}/audit", MEMBERS, none),
        row(Method::GET, "/workspaces/{id}/agent-settings", MEMBERS, none),
        row(Method::PUT, "/workspaces/{id}/agent-settings", ADMINS, |_| {
            Some(json!({"base_url": "http://127.0.0.1:9/v1", "model": "m"}))
        }),
        row(Method::POST, "/workspaces/{id}/drafts", MEMBERS, |_| Some(json!({"brief": "## Customer\nBakers"}))),
        row(Method::POST, "/rounds/{id}/ai-reviews", EDITORS, |_| Some(json!({"personas": ["finance"]}))),
        row(Method::POST, "/documents/{id}/rewrites", EDITORS, |_| {
            Some(json!({"revision": 1, "rule": "STY001", "start": 0}))
        }),
        row(Method::GET, "/agent-jobs/{id}", MEMBERS, none),
        row(Method::GET, "/workspaces/{id}/evidence", MEMBERS, none),
        row(Method::POST, "/workspaces/{id}/evidence", EDITORS, |_| {
            Some(json!({"file_name": "tickets.csv", "content": "Body\nExports are slow\n", "map": {"text": "Body"}}))
        }),
        row(Method::GET, "/workspaces/{id}/evidence/themes", MEMBERS, none),
        row(Method::GET, "/workspaces/{id}/evidence/{item}", MEMBERS, none),
        row(Method::POST, "/workspaces/{id}/observations", EDITORS, |_| {
            Some(json!({"text": "She looked for the export under Share."}))
        }),
        row(Method::GET, "/tokens", SIGNED_IN, none),
        // Tokens are minted from a signed-in session only: a bearer token may not make more.
        row(Method::POST, "/tokens", &[], |_| Some(json!({"name": "ci"}))),
        row(Method::DELETE, "/tokens/{id}", &[Owner], none),
    ]
}

/// The concrete path of a row in `world`.
fn path(world: &World, route: &str) -> String {
    let id = if route.starts_with("/workspaces/") {
        world.workspace
    } else if route.starts_with("/documents/") {
        world.document
    } else if route.starts_with("/rounds/") {
        world.round
    } else if route.starts_with("/comments/") {
        world.comment
    } else if route.starts_with("/agent-jobs/") {
        world.job
    } else {
        world.owner_token_id
    };
    let path = route
        .replace("{id}", &id.to_string())
        .replace("{number}", "1")
        .replace("{user_id}", &world.viewer_id.to_string())
        .replace("{item}", &world.evidence.to_string());
    let query = match route {
        r if r.ends_with("/diff") => "?from=1&to=1".to_owned(),
        r if r.ends_with("/compare") => {
            format!("?d={}&d={}", world.document, world.second_document)
        }
        _ => String::new(),
    };
    format!("/api/v1{path}{query}")
}

/// What a caller who may not call a route gets.
fn refusal(caller: Caller, row: &Row) -> StatusCode {
    match caller {
        Anonymous => StatusCode::UNAUTHORIZED,
        // Things in a workspace one is not a member of do not exist for them; a token that
        // is not one's own neither.
        Outsider => StatusCode::NOT_FOUND,
        _ if row.route == "/tokens/{id}" => StatusCode::NOT_FOUND,
        _ => StatusCode::FORBIDDEN,
    }
}

#[tokio::test]
async fn every_route_refuses_every_caller_it_should_and_admits_the_others() {
    let mut failures = Vec::new();
    for row in rows() {
        let world = World::new().await;
        for caller in CALLERS {
            let path = path(&world, row.route);
            let body = (row.body)(&world);
            let response = match world.token(caller) {
                Some(token) => world.app.api(row.method.clone(), &path, token, body).await,
                None => world.app.anonymous(row.method.clone(), &path, body).await,
            };
            let status = response.status;
            let allowed = row.allowed.contains(&caller);
            let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND);
            let ok = if allowed {
                !refused && !status.is_server_error()
            } else if row.route == "/tokens" && row.method == Method::POST && caller != Anonymous {
                status == StatusCode::FORBIDDEN
            } else {
                status == refusal(caller, &row)
            };
            if !ok {
                failures.push(format!(
                    "{} {} as {caller:?}: {status} (allowed: {allowed}) {}",
                    row.method, row.route, response.body
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} wrong answers:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_documented_route_has_a_row() {
    let doc: Value = serde_json::from_str(prfaq_server::api::openapi::OPENAPI_JSON).unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let covered: BTreeSet<(String, String)> =
        rows().iter().map(|r| (r.method.as_str().to_owned(), r.route.to_owned())).collect();
    let missing: Vec<_> = documented.difference(&covered).collect();
    assert!(missing.is_empty(), "routes with no row in the authorization matrix: {missing:?}");
}

/// One row of the pages' matrix: a page route, the form it posts (none for a GET), and who
/// may use it.
struct PageRow {
    method: Method,
    route: &'static str,
    allowed: &'static [Caller],
    form: &'static [(&'static str, &'static str)],
}

fn page_rows() -> Vec<PageRow> {
    let get = |route, allowed| PageRow { method: Method::GET, route, allowed, form: &[] };
    let post = |route, allowed, form| PageRow { method: Method::POST, route, allowed, form };
    vec![
        get("/w/{id}", MEMBERS),
        post("/w/{id}/documents", MEMBERS, &[("title", "Another")]),
        get("/w/{id}/members", ADMINS),
        post("/w/{id}/invitations", ADMINS, &[]),
        get("/w/{id}/audit", ADMINS),
        get("/w/{id}/compare", MEMBERS),
        get("/d/{id}", MEMBERS),
        get("/d/{id}/edit", EDITORS),
        post("/d/{id}/edit", EDITORS, &[("base", "1"), ("markdown", DOC)]),
        post("/d/{id}/check", MEMBERS, &[("markdown", DOC)]),
        get("/d/{id}/diff", MEMBERS),
        get("/d/{id}/download.{format}", MEMBERS),
        post("/d/{id}/rounds", EDITORS, &[("min_read_seconds", "0")]),
        post("/d/{id}/decisions", DECIDERS, &[("outcome", "iterate"), ("rationale", "More evidence")]),
        get("/d/{id}/people", MEMBERS),
        post("/d/{id}/people", SHARERS, &[("user_id", "{viewer}"), ("role", "viewer")]),
        post("/d/{id}/invitations", SHARERS, &[("role", "reviewer")]),
        get("/d/{id}/audit", MEMBERS),
        get("/r/{id}", MEMBERS),
        get("/r/{id}/panel", MEMBERS),
        post("/r/{id}/reading", REVIEWERS, &[("event", "started")]),
        post(
            "/r/{id}/comments",
            REVIEWERS,
            &[("quote", "$10 a month"), ("kind", "concern"), ("severity", "minor"), ("body", "Too cheap?")],
        ),
        post("/r/{id}/submit", REVIEWERS, &[]),
        post("/r/{id}/meeting", EDITORS, &[("minutes", "5")]),
        post("/r/{id}/close", EDITORS, &[]),
        post("/r/{id}/reviewers", EDITORS, &[("user_id", "{viewer}"), ("function", "legal")]),
        post("/c/{id}/resolve", EDITORS, &[("status", "deferred")]),
        get("/w/{id}/agents", MEMBERS),
        post("/w/{id}/agents", ADMINS, &[("base_url", "http://127.0.0.1:9/v1"), ("model", "m")]),
        get("/w/{id}/draft", MEMBERS),
        post("/w/{id}/draft", MEMBERS, &[("brief", "## Customer\nBakers")]),
        post("/r/{id}/ai-reviews", EDITORS, &[("persona_finance", "on")]),
        post("/d/{id}/rewrites", EDITORS, &[("revision", "1"), ("rule", "STY001"), ("start", "0")]),
        get("/jobs/{id}", MEMBERS),
        get("/w/{id}/evidence", MEMBERS),
        // A form without a file: those allowed get past the access check to a 400.
        post("/w/{id}/evidence/import", EDITORS, &[]),
        get("/w/{id}/evidence/{item}", MEMBERS),
        post("/w/{id}/observations", EDITORS, &[("text", "She looked for the export under Share.")]),
        post(
            "/d/{id}/quotes",
            EDITORS,
            &[("base", "1"), ("item", "{item}"), ("quote", "Exports to Excel take six hours")],
        ),
    ]
}

/// The e-mail each caller signs in with (none for the anonymous caller).
fn email(caller: Caller) -> Option<&'static str> {
    Some(match caller {
        Admin => "admin@example.com",
        Owner => "owner@example.com",
        Author => "author@example.com",
        Reviewer => "reviewer@example.com",
        Decider => "decider@example.com",
        Viewer => "viewer@example.com",
        Outsider => "outsider@example.com",
        Anonymous => return None,
    })
}

#[tokio::test]
async fn every_page_refuses_every_caller_it_should_and_admits_the_others() {
    let mut failures = Vec::new();
    for row in page_rows() {
        let world = World::new().await;
        let path = page_path(&world, row.route);
        for caller in CALLERS {
            let mut browser = support::Browser::new(&world.app);
            match email(caller) {
                Some(email) => {
                    browser.sign_in(email).await;
                }
                None => {
                    browser.get("/login").await;
                }
            }
            let viewer = world.viewer_id.to_string();
            let item = world.evidence.to_string();
            let form: Vec<(&str, &str)> = row
                .form
                .iter()
                .map(|&(k, v)| match v {
                    "{viewer}" => (k, viewer.as_str()),
                    "{item}" => (k, item.as_str()),
                    _ => (k, v),
                })
                .collect();
            let response = if row.method == Method::GET {
                browser.get(&path).await
            } else {
                browser.post(&path, &form, true).await
            };
            let status = response.status;
            let location = response.headers.get("location").and_then(|l| l.to_str().ok()).unwrap_or_default();
            let ok = match (caller, row.allowed.contains(&caller)) {
                (Anonymous, false) => status == StatusCode::SEE_OTHER && location == "/login",
                (_, true) => {
                    !matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND)
                        && !status.is_server_error()
                        && location != "/login"
                }
                (Outsider, false) => status == StatusCode::NOT_FOUND,
                (_, false) => status == StatusCode::FORBIDDEN,
            };
            if !ok {
                failures.push(format!("{} {} as {caller:?}: {status} {location}", row.method, row.route));
            }
        }
    }
    assert!(failures.is_empty(), "{} wrong answers:\n{}", failures.len(), failures.join("\n"));
}

/// A page's concrete path: the ids of `world`, and the query a page needs.
fn page_path(world: &World, route: &str) -> String {
    let id = match route.split('/').nth(1) {
        Some("w") => world.workspace,
        Some("d") => world.document,
        Some("r") => world.round,
        Some("jobs") => world.job,
        _ => world.comment,
    };
    let path =
        route.replace("{id}", &id.to_string()).replace("{format}", "md").replace("{item}", &world.evidence.to_string());
    match route {
        r if r.ends_with("/diff") => format!("{path}?from=1&to=1"),
        r if r.ends_with("/compare") => format!("{path}?d={}&d={}", world.document, world.second_document),
        _ => path,
    }
}

#[test]
fn every_page_with_an_id_has_a_row() {
    let source = include_str!("../src/pages/mod.rs");
    let mut routed = BTreeSet::new();
    for line in source.lines().map(str::trim).filter(|l| l.starts_with(".route(\"")) {
        let rest = &line[8..];
        let path = &rest[..rest.find('"').unwrap()];
        if !["/w/", "/d/", "/r/", "/c/", "/jobs/"].iter().any(|p| path.starts_with(p)) {
            continue;
        }
        for method in ["get", "post"] {
            if rest.contains(&format!(" {method}(")) || rest.contains(&format!(".{method}(")) {
                routed.insert((method.to_uppercase(), path.to_owned()));
            }
        }
    }
    let covered: BTreeSet<(String, String)> =
        page_rows().iter().map(|r| (r.method.as_str().to_owned(), r.route.to_owned())).collect();
    let missing: Vec<_> = routed.difference(&covered).collect();
    assert!(routed.len() > 20, "the route scan found too few pages: {routed:?}");
    assert!(missing.is_empty(), "pages with no row in the authorization matrix: {missing:?}");
}
