//! The pages through the real router: first-run setup, sign-in, CSRF, documents, XSS.

mod support;

use axum::http::{StatusCode, header};
use support::{Browser, TestApp};

#[tokio::test]
async fn the_setup_link_creates_the_admin_once_and_signs_in() {
    let app = TestApp::new().await;
    let link = prfaq_server::serve::setup_link(app.store.as_ref(), "").await.unwrap().unwrap();
    let mut browser = Browser::new(&app);
    let form = browser.get(&link).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Create the first account"));
    let token = link.split("token=").nth(1).unwrap();
    let fields = [
        ("token", token),
        ("name", "Ada"),
        ("email", "Ada@Example.com"),
        ("password", "correct horse battery"),
        ("workspace", "Product"),
    ];
    let weak = browser
        .post(
            "/setup",
            &[("token", token), ("name", "Ada"), ("email", "a@b.c"), ("password", "short"), ("workspace", "P")],
            true,
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("at least 10"), "{}", weak.body);
    let created = browser.post("/setup", &fields, true).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let home = browser.get("/").await;
    assert_eq!(home.headers[header::LOCATION], "/w/1");
    let portfolio = browser.get("/w/1").await;
    assert!(portfolio.body.contains("Product"));
    assert!(app.store.user_by_email("ada@example.com").await.unwrap().unwrap().is_admin);

    let mut second = Browser::new(&app);
    second.get("/login").await;
    let again = second.post("/setup", &fields, true).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "the link works once");
    assert_eq!(app.store.user_count().await.unwrap(), 1);
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::new().await;
    let (_, workspace, _) = app.user_with_workspace("ada@example.com").await;
    let mut browser = Browser::new(&app);
    let signed = browser.sign_in("ada@example.com").await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let forged = browser.post(&format!("/w/{}/documents", workspace.id), &[("title", "Forged")], false).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    browser.csrf = Some("wrong".into());
    let wrong = browser.post(&format!("/w/{}/documents", workspace.id), &[("title", "Forged")], true).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(app.store.portfolio(workspace.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_is_rate_limited() {
    let app = TestApp::new().await;
    app.user_with_workspace("ada@example.com").await;
    let mut browser = Browser::new(&app);
    browser.get("/login").await;
    let before = browser.cookie.clone();
    for _ in 0..5 {
        let wrong =
            browser.post("/login", &[("email", "ada@example.com"), ("password", "wrong password!")], true).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    let limited =
        browser.post("/login", &[("email", "ada@example.com"), ("password", "correct horse battery")], true).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "the sixth attempt in a minute is refused");

    app.user_with_workspace("bob@example.com").await;
    let mut bob = Browser::new(&app);
    bob.get("/login").await;
    let anonymous = bob.cookie.clone();
    let signed = bob.sign_in("bob@example.com").await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert_ne!(bob.cookie, anonymous, "a new session id after sign-in");
    assert!(before.is_some());
}

#[tokio::test]
async fn a_document_is_written_saved_and_a_stale_save_shows_the_conflict() {
    let app = TestApp::new().await;
    let (_, workspace, _) = app.user_with_workspace("ada@example.com").await;
    let mut browser = Browser::new(&app);
    browser.sign_in("ada@example.com").await;
    let created = browser.post(&format!("/w/{}/documents", workspace.id), &[("title", "Acme Reports")], true).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let location = created.headers[header::LOCATION].to_str().unwrap().to_owned();
    let page = browser.get(&location).await;
    assert!(page.body.contains("Acme Reports"));
    assert!(page.body.contains("id=\"findings\""), "the findings panel is on the page");

    let editor = browser.get(&format!("{location}/edit")).await;
    assert!(editor.body.contains("hx-post=\"/d/1/check\""));
    let live = browser.post("/d/1/check", &[("markdown", "# Hi\n\nIt is significantly better.\n")], true).await;
    assert_eq!(live.status, StatusCode::OK);
    assert!(live.body.contains("weasel"), "{}", live.body);

    let saved =
        browser.post("/d/1/edit", &[("base", "1"), ("markdown", "# Acme Reports\r\n\r\nVersion two.\r\n")], true).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        app.store.revision(prfaq_store::DocumentId(1), 2).await.unwrap().markdown,
        "# Acme Reports\n\nVersion two.\n"
    );
    let stale = browser.post("/d/1/edit", &[("base", "1"), ("markdown", "# Mine\n\nMy edit.\n")], true).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("Not saved"), "{}", stale.body);
    assert!(stale.body.contains("My edit."), "the author's text is kept");
    assert_eq!(app.store.document(prfaq_store::DocumentId(1)).await.unwrap().head, 2);
    let diff = browser.get("/d/1/diff?from=1&to=2").await;
    assert_eq!(diff.status, StatusCode::OK);
    assert!(diff.body.contains("structural") || diff.body.contains("refinement"));
    for format in ["md", "html"] {
        let download = browser.get(&format!("/d/1/download.{format}")).await;
        assert_eq!(download.status, StatusCode::OK, "{format}");
        assert!(download.body.contains("Version two."));
    }
}

#[tokio::test]
async fn stored_markup_never_executes() {
    let app = TestApp::new().await;
    let (user, workspace, _) = app.user_with_workspace("ada@example.com").await;
    let payloads = "# Title <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n<iframe src=\"https://evil.example\"></iframe>\n\n<a href=\"#\" onclick=\"alert(4)\">x</a>\n\n<svg onload=alert(5)></svg>\n";
    let state = prfaq_server::AppState::new(
        app.store.clone(),
        prfaq_critique::Engine::new(prfaq_critique::Config::default()),
        prfaq_server::AppOptions::default(),
    );
    prfaq_server::service::documents::create(&state, &user, workspace.id, None, Some(payloads.into())).await.unwrap();
    let mut browser = Browser::new(&app);
    browser.sign_in("ada@example.com").await;
    let page = browser.get("/d/1").await;
    assert_eq!(page.status, StatusCode::OK);
    let lower = page.body.to_lowercase();
    for banned in ["<script>alert", "onerror", "javascript:", "<iframe", "onclick", "onload"] {
        assert!(!lower.contains(banned), "`{banned}` survived:\n{}", page.body);
    }
    assert!(page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("script-src 'self'"));
    let portfolio = browser.get(&format!("/w/{}", workspace.id)).await;
    assert!(!portfolio.body.contains("<script>alert"), "titles are escaped in the portfolio");

    // The same payloads as a comment, its quoted passage and the author's response.
    use prfaq_server::service::{comments, rounds};
    let document = prfaq_store::DocumentId(1);
    let round = rounds::open(&state, &user, document, &[(user.id, prfaq_store::ReviewerFunction::Legal)], Some(0))
        .await
        .unwrap();
    rounds::record_reading(&state, &user, round.id, prfaq_store::Reading::Started).await.unwrap();
    rounds::record_reading(&state, &user, round.id, prfaq_store::Reading::ReachedEnd).await.unwrap();
    let request = comments::CommentRequest {
        quote: "<img src=x onerror=alert(2)>".into(),
        start: None,
        kind: prfaq_store::CommentKind::Concern,
        severity: prfaq_store::CommentSeverity::Critical,
        body: payloads.into(),
    };
    let comment = comments::add(&state, &user, round.id, request).await.unwrap();
    let resolution = comments::ResolveRequest {
        status: prfaq_store::CommentStatus::Declined,
        response: Some(payloads.into()),
        faq: None,
    };
    comments::resolve(&state, &user, comment.id, resolution).await.unwrap();
    for path in [format!("/r/{}", round.id), "/d/1".to_owned()] {
        let page = browser.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let lower = page.body.to_lowercase();
        for banned in ["<script>alert", "<img src=x", "<iframe", "<svg onload", "<a href=\"#\" onclick"] {
            assert!(!lower.contains(banned), "{path}: `{banned}` survived:\n{}", page.body);
        }
    }
}
