//! The review journey through the server-rendered pages and their forms (no script): open a
//! round, read, comment on a passage, submit, resolve in the FAQ, decide.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::StatusCode;
use prfaq_store::{Audit, DocumentId, DocumentRole, WorkspaceRole};
use support::{Browser, TestApp};

const DOC: &str = "---\ntitle: Acme Reports\ncustomer: E-commerce marketers who spend 6 hours a week on reports\n---\n\n# Acme Reports Gives Marketers Their Mondays Back\n\nMarketers save **six hours** a week.\n\n## External FAQ\n\n### What does it cost?\n\n$10 a month.\n";

fn location(response: &support::Response) -> String {
    response.headers.get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
}

#[tokio::test]
async fn the_review_journey_works_with_plain_forms() {
    let app = TestApp::new().await;
    let (author, workspace, _) = app.user_with_workspace("author@example.com").await;
    let reviewer = app.user("eng@example.com").await;
    let decider = app.user("boss@example.com").await;
    for user in [&reviewer, &decider] {
        app.store
            .set_member(workspace.id, user.id, WorkspaceRole::Member, Audit::by(author.id, "m", ""))
            .await
            .unwrap();
    }
    let mut alice = Browser::new(&app);
    alice.sign_in("author@example.com").await;
    alice.get(&format!("/w/{}", workspace.id)).await;
    let created = alice.post(&format!("/w/{}/documents", workspace.id), &[("markdown", DOC)], true).await;
    let doc_path = location(&created);
    let doc_id: i64 = doc_path.trim_start_matches("/d/").parse().unwrap();
    app.store
        .set_document_role(DocumentId(doc_id), decider.id, DocumentRole::DecisionMaker, Audit::by(author.id, "r", ""))
        .await
        .unwrap();

    // The document page offers the round form with each member and a function.
    let page = alice.get(&doc_path).await;
    assert!(page.body.contains("Open a review round"), "{}", page.body);
    assert!(page.body.contains(&format!("name=\"function_{}\"", reviewer.id)));
    let field = format!("function_{}", reviewer.id);
    let opened = alice
        .post(&format!("{doc_path}/rounds"), &[(field.as_str(), "engineering"), ("min_read_seconds", "0")], true)
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let round_path = location(&opened);
    assert!(round_path.starts_with("/r/"));

    // The reviewer reads: before the end, no comment form; the end unlocks it.
    let mut bob = Browser::new(&app);
    bob.sign_in("eng@example.com").await;
    let reading = bob.get(&round_path).await;
    assert_eq!(reading.status, StatusCode::OK);
    assert!(reading.body.contains("Read the whole document first"), "{}", reading.body);
    assert!(!reading.body.contains("id=\"comment-form\""));
    assert!(reading.body.contains("hx-trigger=\"intersect once\""), "htmx records the end when it scrolls into view");
    let read = bob.post(&format!("{round_path}/reading"), &[("event", "reached_end")], true).await;
    assert_eq!(read.status, StatusCode::SEE_OTHER);
    let unlocked = bob.get(&round_path).await;
    assert!(unlocked.body.contains("id=\"comment-form\""), "{}", unlocked.body);

    // A passage that is not in the document: refused, and what was typed comes back.
    let refused = bob
        .post(
            &format!("{round_path}/comments"),
            &[
                ("quote", "words nobody wrote"),
                ("kind", "question"),
                ("severity", "critical"),
                ("body", "My long careful question"),
            ],
            true,
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("the passage is not in revision 1"), "{}", refused.body);
    assert!(refused.body.contains("My long careful question"), "the draft is kept");

    // A passage as the browser renders it; the body is stored as text, never markup.
    let commented = bob
        .post(
            &format!("{round_path}/comments"),
            &[
                ("quote", "save six hours a week"),
                ("kind", "question"),
                ("severity", "critical"),
                ("body", "How was it measured? <script>alert(1)</script>"),
            ],
            true,
        )
        .await;
    assert_eq!(commented.status, StatusCode::SEE_OTHER, "{}", commented.body);
    let comment_id: i64 = location(&commented).rsplit("#c").next().unwrap().parse().unwrap();
    let submitted = bob.post(&format!("{round_path}/submit"), &[], true).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    let after = bob.get(&round_path).await;
    assert!(after.body.contains("Critique submitted"));
    assert!(!after.body.contains("<script>alert(1)</script>"), "escaped");
    assert!(
        after.body.contains("How was it measured?") && after.body.contains("script&#62;alert(1)"),
        "{}",
        after.body
    );

    // The author sees it with its passage, resolves it in the FAQ: revision 2.
    let round_page = alice.get(&round_path).await;
    assert!(round_page.body.contains("save **six hours** a week"), "{}", round_page.body);
    assert!(round_page.body.contains("Revision log"));
    let resolved = alice
        .post(
            &format!("/c/{comment_id}/resolve"),
            &[
                ("status", "answered_in_faq"),
                ("response", ""),
                ("faq_question", "How did you measure six hours?"),
                ("faq_answer", "Time studies with 40 marketers."),
                ("faq_part", "external"),
            ],
            true,
        )
        .await;
    assert_eq!(resolved.status, StatusCode::SEE_OTHER, "{}", resolved.body);
    let page = alice.get(&doc_path).await;
    assert!(page.body.contains("revision 2"), "{}", page.body);
    let diff = alice.get(&format!("{doc_path}/diff?from=1&to=2")).await;
    assert!(diff.body.contains("How did you measure six hours?"), "{}", diff.body);

    // A reviewer cannot decide; the decision-maker records go with the plain form.
    let mut carol = Browser::new(&app);
    carol.sign_in("boss@example.com").await;
    let page = carol.get(&doc_path).await;
    assert!(page.body.contains("Record the decision"));
    let by_bob = bob.post(&format!("{doc_path}/decisions"), &[("outcome", "go"), ("rationale", "Yes")], true).await;
    assert_eq!(by_bob.status, StatusCode::FORBIDDEN);
    let decided = carol
        .post(
            &format!("{doc_path}/decisions"),
            &[
                ("outcome", "go"),
                ("rationale", "Customers asked for it."),
                ("conditions", "Beta first"),
                ("revisit_on", ""),
                ("revisit_condition", ""),
            ],
            true,
        )
        .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
    let page = alice.get(&doc_path).await;
    assert!(page.body.contains("North star: revision 2"), "{}", page.body);
    assert!(page.body.contains("Customers asked for it."));
}
