//! Review rounds, comments, resolution and decisions through the JSON API, on a real SQLite
//! file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::{Method, StatusCode};
use prfaq_store::{User, WorkspaceRole};
use serde_json::{Value, json};
use support::{Response, TestApp};

const DOC: &str = "---\ntitle: Acme Reports\ncustomer: E-commerce marketers who spend 6 hours a week on reports\n---\n\n# Acme Reports Gives Marketers Their Mondays Back\n\nMarketers save **six hours** a week.\n\n## External FAQ\n\n### What does it cost?\n\n$10 a month.\n";

/// An author with a document and two reviewers and a decision-maker in the same workspace.
struct Team {
    app: TestApp,
    author: String,
    reviewers: Vec<(User, String)>,
    decider: (User, String),
    outsider: String,
    document: i64,
    workspace: i64,
}

impl Team {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let (author, workspace, author_token) = app.user_with_workspace("author@example.com").await;
        let mut reviewers = Vec::new();
        for email in ["eng@example.com", "fin@example.com"] {
            let user = app.user(email).await;
            app.store
                .set_member(workspace.id, user.id, WorkspaceRole::Member, prfaq_store::Audit::by(author.id, "m", ""))
                .await
                .unwrap();
            let token = app.token(&user).await;
            reviewers.push((user, token));
        }
        let decider = app.user("boss@example.com").await;
        app.store
            .set_member(workspace.id, decider.id, WorkspaceRole::Member, prfaq_store::Audit::by(author.id, "m", ""))
            .await
            .unwrap();
        let decider_token = app.token(&decider).await;
        let (_, _, outsider) = app.user_with_workspace("other@example.com").await;
        let created = app
            .api(
                Method::POST,
                &format!("/api/v1/workspaces/{}/documents", workspace.id),
                &author_token,
                Some(json!({"markdown": DOC})),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let document = created.json()["id"].as_i64().unwrap();
        app.store
            .set_document_role(
                prfaq_store::DocumentId(document),
                decider.id,
                prfaq_store::DocumentRole::DecisionMaker,
                prfaq_store::Audit::by(author.id, "role", ""),
            )
            .await
            .unwrap();
        Team {
            app,
            author: author_token,
            reviewers,
            decider: (decider, decider_token),
            outsider,
            document,
            workspace: workspace.id.0,
        }
    }

    async fn call(&self, token: &str, method: Method, path: &str, body: Option<Value>) -> Response {
        self.app.api(method, &format!("/api/v1{path}"), token, body).await
    }

    async fn open_round(&self, min_read_seconds: i64) -> i64 {
        let reviewers: Vec<Value> = self
            .reviewers
            .iter()
            .zip(["engineering", "finance"])
            .map(|((user, _), function)| json!({"user_id": user.id, "function": function}))
            .collect();
        let opened = self
            .call(
                &self.author,
                Method::POST,
                &format!("/documents/{}/rounds", self.document),
                Some(json!({"reviewers": reviewers, "min_read_seconds": min_read_seconds})),
            )
            .await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
        opened.json()["id"].as_i64().unwrap()
    }

    async fn read_to_end(&self, token: &str, round: i64) -> Response {
        for event in ["started", "reached_end"] {
            let read = self
                .call(token, Method::POST, &format!("/rounds/{round}/reading"), Some(json!({"event": event})))
                .await;
            assert_eq!(read.status, StatusCode::OK, "{}", read.body);
            if event == "reached_end" {
                return read;
            }
        }
        unreachable!()
    }

    async fn comment(&self, token: &str, round: i64, quote: &str, kind: &str, severity: &str) -> Response {
        self.call(
            token,
            Method::POST,
            &format!("/rounds/{round}/comments"),
            Some(json!({"quote": quote, "kind": kind, "severity": severity, "body": format!("{kind} about {quote}")})),
        )
        .await
    }
}

#[tokio::test]
async fn a_round_from_opening_to_a_go_decision() {
    let team = Team::new().await;
    let round = team.open_round(0).await;
    let (eng, fin) = (&team.reviewers[0].1, &team.reviewers[1].1);

    // The document is in review; a second round cannot open.
    let doc = team.call(&team.author, Method::GET, &format!("/documents/{}", team.document), None).await;
    assert_eq!(doc.json()["document"]["status"], "in_review");
    let again =
        team.call(&team.author, Method::POST, &format!("/documents/{}/rounds", team.document), Some(json!({}))).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", again.body);

    // The comment box is locked until the reviewer has read to the end.
    let early = team.comment(eng, round, "six hours", "question", "critical").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", early.body);
    assert!(early.json()["error"]["message"].as_str().unwrap().contains("Read the whole document"));
    let gate = team.read_to_end(eng, round).await;
    assert_eq!(gate.json()["gate"]["state"], "open");

    // A passage selected in the rendered page (no ** markers) is anchored in the source.
    let asked = team.comment(eng, round, "save six hours a week", "question", "critical").await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let asked = asked.json();
    assert_eq!(asked["anchor"]["quote"], "save **six hours** a week");
    assert_eq!(asked["anchor"]["section"], "Press release: summary");
    let start = usize::try_from(asked["anchor"]["start"].as_u64().unwrap()).unwrap();
    assert_eq!(&DOC[start..start + 4], "save");
    let missing = team.comment(eng, round, "a passage nobody wrote", "concern", "minor").await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.json()["error"]["field"], "quote");

    // Written critique first: the finance reviewer does not see engineering's comment until
    // they submit their own.
    team.read_to_end(fin, round).await;
    let fin_view = team.call(fin, Method::GET, &format!("/rounds/{round}/comments"), None).await;
    assert_eq!(fin_view.json().as_array().unwrap().len(), 0, "{}", fin_view.body);
    let priced = team.comment(fin, round, "$10 a month", "concern", "important").await;
    assert_eq!(priced.status, StatusCode::CREATED, "{}", priced.body);
    let fin_view = team.call(fin, Method::GET, &format!("/rounds/{round}/comments"), None).await;
    assert_eq!(fin_view.json().as_array().unwrap().len(), 1, "only their own");
    let submitted = team.call(fin, Method::POST, &format!("/rounds/{round}/submit"), None).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let fin_view = team.call(fin, Method::GET, &format!("/rounds/{round}/comments"), None).await;
    assert_eq!(fin_view.json().as_array().unwrap().len(), 2, "after submitting");
    let author_view = team.call(&team.author, Method::GET, &format!("/rounds/{round}/comments"), None).await;
    assert_eq!(author_view.json().as_array().unwrap().len(), 2, "the author sees every comment");

    // Only reviewers comment; only authors resolve.
    let by_author = team.comment(&team.author, round, "six hours", "praise", "minor").await;
    assert_eq!(by_author.status, StatusCode::FORBIDDEN);
    let question_id = asked["id"].as_i64().unwrap();
    let by_reviewer = team
        .call(fin, Method::POST, &format!("/comments/{question_id}/resolution"), Some(json!({"status": "accepted"})))
        .await;
    assert_eq!(by_reviewer.status, StatusCode::FORBIDDEN);

    // Declining needs a reason.
    let priced_id = priced.json()["id"].as_i64().unwrap();
    let no_reason = team
        .call(
            &team.author,
            Method::POST,
            &format!("/comments/{priced_id}/resolution"),
            Some(json!({"status": "declined"})),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_reason.json()["error"]["field"], "response");
    let declined = team
        .call(
            &team.author,
            Method::POST,
            &format!("/comments/{priced_id}/resolution"),
            Some(json!({"status": "declined", "response": "Pricing was validated with 12 customers."})),
        )
        .await;
    assert_eq!(declined.json()["status"], "declined", "{}", declined.body);

    // Answered in the FAQ: one call writes the entry into revision 2.
    let answered = team
        .call(
            &team.author,
            Method::POST,
            &format!("/comments/{question_id}/resolution"),
            Some(json!({"status": "answered_in_faq", "faq": {"question": "How did you measure six hours?", "answer": "Time studies with 40 marketers.", "part": "external"}})),
        )
        .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    assert_eq!(answered.json()["status"], "answered_in_faq");
    assert!(answered.json()["response"].as_str().unwrap().contains("revision 2"));
    let v2 = team.call(&team.author, Method::GET, &format!("/documents/{}/revisions/2", team.document), None).await;
    let v2_text = v2.json()["markdown"].as_str().unwrap().to_owned();
    assert!(v2_text.contains("### How did you measure six hours?\n\nTime studies with 40 marketers.\n"), "{v2_text}");
    let diff =
        team.call(&team.author, Method::GET, &format!("/documents/{}/diff?from=1&to=2", team.document), None).await;
    assert_eq!(diff.json()["diff"]["class"], "structural", "a question was added: {}", diff.body);

    // The round's revision log, most severe first.
    let log = team.call(&team.author, Method::GET, &format!("/rounds/{round}/log"), None).await;
    let log = log.json();
    let lines = log.as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["severity"].as_str(), lines[0]["status"].as_str()),
        (Some("critical"), Some("answered_in_faq"))
    );
    assert_eq!(lines[0]["function"], "engineering");
    assert_eq!(lines[1]["response"], "Pricing was validated with 12 customers.");

    // Decisions: reviewers may not decide; the decision-maker records go, which closes the
    // round and freezes revision 2 as the north star.
    let go = json!({"outcome": "go", "rationale": "Customers asked for it; pricing validated.", "conditions": "Beta with 5 customers"});
    let by_reviewer =
        team.call(eng, Method::POST, &format!("/documents/{}/decisions", team.document), Some(go.clone())).await;
    assert_eq!(by_reviewer.status, StatusCode::FORBIDDEN);
    let decided =
        team.call(&team.decider.1, Method::POST, &format!("/documents/{}/decisions", team.document), Some(go)).await;
    assert_eq!(decided.status, StatusCode::CREATED, "{}", decided.body);
    let doc = team.call(&team.author, Method::GET, &format!("/documents/{}", team.document), None).await;
    assert_eq!(doc.json()["document"]["status"], "approved");
    assert_eq!(doc.json()["document"]["north_star"], 2);
    let rounds = team.call(&team.author, Method::GET, &format!("/documents/{}/rounds", team.document), None).await;
    assert!(!rounds.json()[0]["closed_at"].is_null(), "the decision closed the round");

    // Every step is in the audit log.
    let log = team.app.store.audit_log(prfaq_store::WorkspaceId(team.workspace), None, 100).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for action in
        ["round.opened", "comment.added", "review.submitted", "comment.resolved", "round.closed", "decision.recorded"]
    {
        assert!(actions.contains(&action), "{action} missing from {actions:?}");
    }
    let _ = &team.decider.0;
}

#[tokio::test]
async fn the_minimum_reading_time_and_meeting_mode_hold_comments_back() {
    let team = Team::new().await;
    let round = team.open_round(3600).await;
    let eng = &team.reviewers[0].1;
    let read = team.read_to_end(eng, round).await;
    assert_eq!(read.json()["gate"]["state"], "keep_reading", "{}", read.body);
    let early = team.comment(eng, round, "six hours", "question", "minor").await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.json()["error"]["message"].as_str().unwrap().contains("minimum reading time"));
    let closed = team.call(&team.author, Method::POST, &format!("/rounds/{round}/close"), None).await;
    assert_eq!(closed.status, StatusCode::OK);

    let round = team.open_round(0).await;
    let meeting =
        team.call(&team.author, Method::POST, &format!("/rounds/{round}/meeting"), Some(json!({"minutes": 10}))).await;
    assert_eq!(meeting.status, StatusCode::OK, "{}", meeting.body);
    let read = team.read_to_end(eng, round).await;
    assert_eq!(read.json()["gate"]["state"], "silent_reading");
    let bad =
        team.call(&team.author, Method::POST, &format!("/rounds/{round}/meeting"), Some(json!({"minutes": 0}))).await;
    assert_eq!((bad.status, bad.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("minutes")));
    let by_reviewer =
        team.call(eng, Method::POST, &format!("/rounds/{round}/meeting"), Some(json!({"minutes": 5}))).await;
    assert_eq!(by_reviewer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn rounds_refuse_outsiders_bad_reviewers_and_bad_input() {
    let team = Team::new().await;
    let round = team.open_round(0).await;
    // Another workspace's user sees nothing: every round route is a 404.
    for (method, path, body) in [
        (Method::GET, format!("/rounds/{round}"), None),
        (Method::GET, format!("/rounds/{round}/comments"), None),
        (Method::GET, format!("/rounds/{round}/log"), None),
        (Method::POST, format!("/rounds/{round}/reading"), Some(json!({"event": "started"}))),
        (Method::POST, format!("/rounds/{round}/close"), None),
        (Method::GET, format!("/documents/{}/rounds", team.document), None),
        (Method::GET, format!("/documents/{}/decisions", team.document), None),
    ] {
        let response = team.call(&team.outsider, method, &path, body).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}: {}", response.body);
    }
    // Reviewers must be workspace members; functions are from the list.
    let stranger = team.app.user("stranger@example.com").await;
    let bad = team
        .call(
            &team.author,
            Method::POST,
            &format!("/rounds/{round}/reviewers"),
            Some(json!({"user_id": stranger.id, "function": "legal"})),
        )
        .await;
    assert_eq!((bad.status, bad.json()["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("reviewers")));
    let bad = team
        .call(
            &team.author,
            Method::POST,
            &format!("/rounds/{round}/reviewers"),
            Some(json!({"user_id": team.decider.0.id, "function": "astrology"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.json()["error"]["message"].as_str().unwrap().contains("astrology"));
    // Non-reviewers do not record reading; wrong ids are 404; a no-go needs a trigger.
    let read = team
        .call(&team.decider.1, Method::POST, &format!("/rounds/{round}/reading"), Some(json!({"event": "started"})))
        .await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
    let missing = team.call(&team.author, Method::GET, "/rounds/999999", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let no_go = json!({"outcome": "no_go", "rationale": "Market too small"});
    let refused =
        team.call(&team.decider.1, Method::POST, &format!("/documents/{}/decisions", team.document), Some(no_go)).await;
    assert_eq!(
        (refused.status, refused.json()["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("revisit_on"))
    );
    let no_go = json!({"outcome": "no_go", "rationale": "Market too small", "revisit_on": "2020-01-01", "revisit_condition": "A competitor ships"});
    let archived =
        team.call(&team.decider.1, Method::POST, &format!("/documents/{}/decisions", team.document), Some(no_go)).await;
    assert_eq!(archived.status, StatusCode::CREATED, "{}", archived.body);
    let due = team.call(&team.author, Method::GET, &format!("/workspaces/{}/due", team.workspace), None).await;
    assert_eq!(due.json()[0]["id"], team.document, "{}", due.body);
    assert_eq!(due.json()[0]["status"], "archived");
}
