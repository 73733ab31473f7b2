//! Two `prfaq serve` processes on one PostgreSQL database behave as one app: a session signed
//! in on one is signed in on the other (with the same CSRF token), signing out on one signs
//! out on both, a document created on one is read on the other, failed sign-ins count on both,
//! and of two saves of one base revision sent one to each, exactly one wins.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use prfaq_loadgen::client::{Http, Reply};
use serde_json::json;
use support::{Backend, DOC, Server};

fn status(reply: &Reply) -> u16 {
    reply.status.as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_database_are_one_app() {
    let backend = Backend::postgres().await;
    let fixture = backend.prepare().await;
    let (a, b) = tokio::join!(Server::start(&backend), Server::start(&backend));

    // Sign in on A with the login form and its CSRF token.
    let mut on_a = Http::new(a.addr);
    let form = on_a.get("/login").await.unwrap();
    on_a.remember(&form);
    let before = on_a.csrf.clone().expect("the sign-in page carries a CSRF token");
    let fields = [("email", fixture.email.as_str()), ("password", fixture.password.as_str()), ("csrf", &before)];
    let signed_in = on_a.post_form("/login", &fields).await.unwrap();
    assert_eq!(status(&signed_in), 303, "{}", signed_in.text());
    on_a.remember(&signed_in);

    // The session is valid on B.
    let mut on_b = on_a.with_addr(b.addr);
    let workspaces = on_b.get("/api/v1/workspaces").await.unwrap();
    assert_eq!(status(&workspaces), 200, "{}", workspaces.text());
    assert_eq!(workspaces.json()[0]["workspace"]["id"], fixture.workspace);
    // Signing in on A rotated the CSRF token: B refuses the old one and knows the new one.
    let create = format!("/api/v1/workspaces/{}/documents", fixture.workspace);
    let stale = on_b.post_json(&create, &json!({"title": "Stale"})).await.unwrap();
    assert_eq!(status(&stale), 403, "{}", stale.text());
    let page = on_b.get("/login").await.unwrap();
    on_b.remember(&page);
    assert_ne!(on_b.csrf.as_deref(), Some(before.as_str()));
    let from_b = on_b.post_json(&create, &json!({"title": "Made on B"})).await.unwrap();
    assert_eq!(status(&from_b), 201, "{}", from_b.text());
    let id_b = from_b.json()["id"].as_i64().unwrap();
    let seen_on_a = on_a.get(&format!("/api/v1/documents/{id_b}")).await.unwrap();
    assert_eq!(seen_on_a.json()["document"]["title"], "Made on B", "{}", seen_on_a.text());

    // A document created on A is read on B.
    let api_a = Http::new(a.addr).with_bearer(fixture.token.clone());
    let api_b = Http::new(b.addr).with_bearer(fixture.token.clone());
    let created = api_a.post_json(&create, &json!({"markdown": DOC})).await.unwrap();
    assert_eq!(status(&created), 201, "{}", created.text());
    let id = created.json()["id"].as_i64().unwrap();
    let read = api_b.get(&format!("/api/v1/documents/{id}/revisions/1")).await.unwrap();
    assert_eq!(read.json()["markdown"], DOC, "{}", read.text());

    // Failed sign-ins count across instances: five wrong passwords spread over A and B, and
    // the sixth attempt is refused on either, even with the right password.
    for attempt in 0..6 {
        let mut guest = Http::new(if attempt % 2 == 0 { a.addr } else { b.addr });
        let form = guest.get("/login").await.unwrap();
        guest.remember(&form);
        let csrf = guest.csrf.clone().unwrap();
        let password = if attempt < 5 { "wrong password" } else { fixture.password.as_str() };
        let fields = [("email", fixture.email.as_str()), ("password", password), ("csrf", csrf.as_str())];
        let tried = guest.post_form("/login", &fields).await.unwrap();
        let expected = if attempt < 5 { 401 } else { 429 };
        assert_eq!(status(&tried), expected, "attempt {attempt}: {}", tried.text());
    }

    // Two saves of one base, one to each instance, several times: exactly one wins each time.
    let save = format!("/api/v1/documents/{id}/revisions");
    for base in 1..=8 {
        let (text_a, text_b) = (format!("{DOC}\nA{base}\n"), format!("{DOC}\nB{base}\n"));
        let (body_a, body_b) = (json!({"base": base, "markdown": text_a}), json!({"base": base, "markdown": text_b}));
        let (from_a, from_b) = tokio::join!(api_a.post_json(&save, &body_a), api_b.post_json(&save, &body_b));
        let (from_a, from_b) = (from_a.unwrap(), from_b.unwrap());
        let mut statuses = [status(&from_a), status(&from_b)];
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 409], "A: {} B: {}", from_a.text(), from_b.text());
        let winner = if status(&from_a) == 201 { text_a } else { text_b };
        for api in [&api_a, &api_b] {
            let stored = api.get(&format!("{save}/{}", base + 1)).await.unwrap();
            assert_eq!(stored.json()["markdown"], winner.as_str(), "{}", stored.text());
        }
    }

    // Signing out on B ends the session on A too.
    let signed_out = on_b.post_form("/logout", &[]).await.unwrap();
    assert_eq!(status(&signed_out), 303, "{}", signed_out.text());
    let after = on_a.get("/api/v1/workspaces").await.unwrap();
    assert_eq!(status(&after), 401, "{}", after.text());
}
