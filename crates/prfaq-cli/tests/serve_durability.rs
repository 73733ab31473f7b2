//! No lost writes: concurrent writers save revisions and write review comments through the JSON API while the real `prfaq serve`
//! is SIGKILLed at an unpredictable moment and restarted on the same database, several times;
//! afterwards every write the server acknowledged is there with exactly its text. On SQLite
//! and on PostgreSQL.
//!
//! A write whose request was cut by the kill was never acknowledged: it may or may not be
//! there, and the writer simply goes on. Texts are unique per attempt, so a write that landed
//! without its acknowledgement cannot be mistaken for another.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use prfaq_loadgen::client::Http;
use serde_json::json;
use support::{Backend, DOC, Server, random_u64, wait_until};
use tokio::sync::watch;

/// Concurrent writers; writer `w` writes to document `w % DOCUMENTS` with kind
/// `WriteKind::ALL[(w / DOCUMENTS) % ALL.len()]`, so each document gets both kinds at once.
const WRITERS: usize = 4;
const DOCUMENTS: usize = 2;
/// How many times the server is killed and restarted.
const KILLS: usize = 3;

/// The passage every comment quotes (it is in [`DOC`]).
const QUOTE: &str = "Marketers save six hours a week.";

/// A document under write, with its open review round (the writer is its reviewer).
#[derive(Debug, Clone, Copy)]
struct Target {
    doc: i64,
    round: i64,
}

/// A kind of write the writers make: a variant, its entry in `ALL`, its request in `write`
/// and its read-back in `read_back`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum WriteKind {
    /// A new revision: read the head, `POST /api/v1/documents/{id}/revisions` on it.
    Revision,
    /// A reviewer's comment: `POST /api/v1/rounds/{id}/comments`.
    Comment,
}

impl WriteKind {
    const ALL: &[WriteKind] = &[WriteKind::Revision, WriteKind::Comment];

    /// One attempt to write `text` to the target.
    async fn write(self, http: &Http, target: Target, text: &str) -> Attempt {
        let doc = target.doc;
        match self {
            WriteKind::Comment => {
                let body = json!({"quote": QUOTE, "kind": "concern", "severity": "minor", "body": text});
                match http.post_json(&format!("/api/v1/rounds/{}/comments", target.round), &body).await {
                    Ok(reply) if reply.status.as_u16() == 201 => {
                        let id = reply.json()["id"].as_i64();
                        Attempt::Acked(id.unwrap_or_else(|| panic!("a 201 without an id: {}", reply.text())))
                    }
                    Ok(reply) if reply.status.is_client_error() => panic!("a comment refused: {}", reply.text()),
                    _ => Attempt::Unknown,
                }
            }
            WriteKind::Revision => {
                let Ok(head) = http.get(&format!("/api/v1/documents/{doc}")).await else { return Attempt::Unknown };
                let Some(base) = head.json()["document"]["head"].as_i64() else { return Attempt::Unknown };
                let body = json!({ "base": base, "markdown": text });
                match http.post_json(&format!("/api/v1/documents/{doc}/revisions"), &body).await {
                    Ok(reply) if reply.status.as_u16() == 201 => {
                        let number = reply.json()["number"].as_i64();
                        Attempt::Acked(number.unwrap_or_else(|| panic!("a 201 without a number: {}", reply.text())))
                    }
                    Ok(reply) if reply.status.as_u16() == 409 => Attempt::Refused,
                    // Cut by the kill, or the server is still starting: not acknowledged.
                    _ => Attempt::Unknown,
                }
            }
        }
    }

    /// The text stored under an acknowledged write's key, read through the API.
    async fn read_back(self, http: &Http, doc: i64, key: i64) -> Option<String> {
        match self {
            WriteKind::Revision => {
                let reply = http.get(&format!("/api/v1/documents/{doc}/revisions/{key}")).await.unwrap();
                reply.json()["markdown"].as_str().map(str::to_owned)
            }
            WriteKind::Comment => {
                let reply = http.get(&format!("/api/v1/documents/{doc}/comments")).await.unwrap();
                let comments = reply.json();
                let found = comments.as_array()?.iter().find(|c| c["id"].as_i64() == Some(key))?.clone();
                found["body"].as_str().map(str::to_owned)
            }
        }
    }
}

/// How an attempt went.
enum Attempt {
    /// 201: acknowledged, stored under this key (a revision number).
    Acked(i64),
    /// 409: another writer won the race; try again on the new head.
    Refused,
    /// No answer (killed mid-request, or not up yet): unknown, never counted.
    Unknown,
}

/// An acknowledged write.
#[derive(Debug, Clone)]
struct Ack {
    kind: WriteKind,
    doc: i64,
    key: i64,
    text: String,
}

/// What the writers share with the test.
struct Shared {
    acks: Mutex<Vec<Ack>>,
    acked: AtomicUsize,
    unknown: AtomicUsize,
    stop: AtomicBool,
}

async fn writer(id: usize, target: Target, http: Http, mut server: watch::Receiver<SocketAddr>, shared: Arc<Shared>) {
    let kind = WriteKind::ALL[(id / DOCUMENTS) % WriteKind::ALL.len()];
    let doc = target.doc;
    let mut attempt = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        let http = http.with_addr(*server.borrow_and_update());
        attempt += 1;
        let text = match kind {
            WriteKind::Revision => format!("{DOC}\nWriter {id}, attempt {attempt}.\n"),
            WriteKind::Comment => format!("Writer {id}, attempt {attempt}: how was this measured?"),
        };
        match kind.write(&http, target, &text).await {
            Attempt::Acked(key) => {
                shared.acks.lock().unwrap().push(Ack { kind, doc, key, text });
                shared.acked.fetch_add(1, Ordering::SeqCst);
            }
            Attempt::Refused => {}
            Attempt::Unknown => {
                shared.unknown.fetch_add(1, Ordering::SeqCst);
                // Wait for the restart (or a moment) before trying again.
                let _ = tokio::time::timeout(Duration::from_millis(20), server.changed()).await;
            }
        }
    }
}

async fn no_acknowledged_write_is_lost(backend: Backend) {
    let fixture = backend.prepare().await;
    let mut server = Server::start(&backend).await;
    let api = Http::new(server.addr).with_bearer(fixture.token.clone());
    let mut docs = Vec::new();
    for _ in 0..DOCUMENTS {
        let created = api
            .post_json(&format!("/api/v1/workspaces/{}/documents", fixture.workspace), &json!({"markdown": DOC}))
            .await;
        let created = created.unwrap();
        assert_eq!(created.status.as_u16(), 201, "{}", created.text());
        docs.push(created.json()["id"].as_i64().unwrap());
    }
    // The writer reviews its own documents: one open round on each, read to the end.
    let me = api.get("/api/v1/tokens").await.unwrap().json()[0]["user_id"].as_i64().unwrap();
    let mut targets = Vec::new();
    for &doc in &docs {
        let body = json!({"reviewers": [{"user_id": me, "function": "engineering"}], "min_read_seconds": 0});
        let round = api.post_json(&format!("/api/v1/documents/{doc}/rounds"), &body).await.unwrap();
        assert_eq!(round.status.as_u16(), 201, "{}", round.text());
        let round = round.json()["id"].as_i64().unwrap();
        for event in ["started", "reached_end"] {
            let read = api.post_json(&format!("/api/v1/rounds/{round}/reading"), &json!({"event": event})).await;
            assert_eq!(read.unwrap().status.as_u16(), 200);
        }
        targets.push(Target { doc, round });
    }

    let (addr_tx, addr_rx) = watch::channel(server.addr);
    let shared = Arc::new(Shared {
        acks: Mutex::new(Vec::new()),
        acked: AtomicUsize::new(0),
        unknown: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    });
    let writers: Vec<_> = (0..WRITERS)
        .map(|id| tokio::spawn(writer(id, targets[id % DOCUMENTS], api.clone(), addr_rx.clone(), Arc::clone(&shared))))
        .collect();

    let seed = random_u64();
    let acked = || shared.acked.load(Ordering::SeqCst);
    for cycle in 0..KILLS {
        // Kill after an unpredictable number of acknowledged writes, at an unpredictable
        // moment within the requests then in flight.
        let roll = seed.rotate_left(u32::try_from(cycle * 16).unwrap());
        let target = acked() + 3 + usize::try_from(roll % 12).unwrap();
        wait_until(&format!("{target} acknowledged writes before kill {cycle} (seed {seed})"), || async {
            acked() >= target
        })
        .await;
        tokio::time::sleep(Duration::from_millis((roll >> 8) % 15)).await;
        server.kill();
        server = Server::start(&backend).await;
        addr_tx.send(server.addr).unwrap();
    }
    let target = acked() + 2 * WRITERS;
    wait_until(&format!("{target} acknowledged writes after the last restart"), || async { acked() >= target }).await;
    shared.stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }

    let api = api.with_addr(server.addr);
    let acks = shared.acks.lock().unwrap().clone();
    let mut keys: BTreeMap<(WriteKind, i64), BTreeSet<i64>> = BTreeMap::new();
    for ack in &acks {
        assert!(
            keys.entry((ack.kind, ack.doc)).or_default().insert(ack.key),
            "two acknowledged writes got {:?} {} of document {}: one of them is lost",
            ack.kind,
            ack.key,
            ack.doc
        );
        let stored = ack.kind.read_back(&api, ack.doc, ack.key).await;
        assert_eq!(
            stored.as_deref(),
            Some(ack.text.as_str()),
            "acknowledged {:?} {} of document {} is lost or changed (seed {seed})",
            ack.kind,
            ack.key,
            ack.doc
        );
    }
    for doc in docs {
        let list = api.get(&format!("/api/v1/documents/{doc}/revisions")).await.unwrap().json();
        let numbers: Vec<i64> = list.as_array().unwrap().iter().map(|r| r["number"].as_i64().unwrap()).collect();
        let head = api.get(&format!("/api/v1/documents/{doc}")).await.unwrap().json()["document"]["head"].as_i64();
        assert_eq!(numbers, (1..=head.unwrap()).collect::<Vec<_>>(), "revisions of document {doc} have gaps");
    }
    assert!(acks.len() > KILLS * 3, "only {} acknowledged writes", acks.len());
    #[allow(clippy::print_stderr)]
    {
        let unknown = shared.unknown.load(Ordering::SeqCst);
        eprintln!(
            "{} acknowledged writes verified, {unknown} attempts cut or refused by the kills (seed {seed})",
            acks.len()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_loses_no_acknowledged_write_when_killed() {
    no_acknowledged_write_is_lost(Backend::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_loses_no_acknowledged_write_when_killed() {
    no_acknowledged_write_is_lost(Backend::postgres().await).await;
}
