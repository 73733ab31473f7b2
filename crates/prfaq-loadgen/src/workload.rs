//! The requests the load makes, one [`Kind`] per phase: a bounded number of requests from a
//! fixed number of concurrent workers, each worker on one keep-alive connection's worth of
//! requests in a row.
//!
//! To add a kind (comment writes, once the comments API exists): add a variant to [`Kind`] and
//! [`Kind::ALL`], its name in [`Kind::name`], and its request in `Load::once`.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use hyper::StatusCode;

use crate::client::{Error, Http};
use crate::stats::{Summary, percentile};

/// A kind of request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// `GET /api/v1/documents/{id}/revisions/1`: a document's text.
    Read,
    /// `POST /api/v1/check`: the editor's live findings for a whole text.
    Check,
    /// `POST /api/v1/documents/{id}/revisions`: a save (each worker saves its own document;
    /// a 409 makes it read the head again and retry).
    Write,
}

impl Kind {
    /// Every kind, in the order the phases run.
    pub const ALL: [Kind; 3] = [Kind::Read, Kind::Check, Kind::Write];

    /// The name in the report.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Read => "document read",
            Kind::Check => "live check",
            Kind::Write => "revision write",
        }
    }
}

/// A document of the load and the latest revision its writer knows.
#[derive(Debug)]
struct Doc {
    id: i64,
    head: AtomicI64,
}

/// What the workers share: one client per server instance and the documents.
#[derive(Debug)]
pub struct Load {
    instances: Vec<Http>,
    documents: Vec<Doc>,
    markdown: String,
}

/// How one request went.
enum Outcome {
    Ok,
    Conflict,
    Failed,
}

impl Load {
    /// Creates `documents` documents from `markdown` in `workspace` through the first instance.
    pub async fn prepare(
        instances: Vec<Http>,
        workspace: i64,
        documents: usize,
        markdown: String,
    ) -> Result<Load, Error> {
        let first = instances.first().ok_or("no server address")?;
        let mut docs = Vec::with_capacity(documents);
        for _ in 0..documents {
            let body = serde_json::json!({ "markdown": markdown });
            let created = first.post_json(&format!("/api/v1/workspaces/{workspace}/documents"), &body).await?;
            let id = created.json()["id"].as_i64();
            let id =
                id.ok_or_else(|| format!("creating a document failed with {}: {}", created.status, created.text()))?;
            docs.push(Doc { id, head: AtomicI64::new(1) });
        }
        Ok(Load { instances, documents: docs, markdown })
    }

    /// Sends `requests` requests of `kind` from `concurrency` workers; worker `w` talks to
    /// instance `w % instances`.
    pub async fn phase(self: &Arc<Self>, kind: Kind, requests: usize, concurrency: usize) -> Summary {
        let issued = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let mut workers = Vec::with_capacity(concurrency);
        for worker in 0..concurrency {
            let (load, issued) = (Arc::clone(self), Arc::clone(&issued));
            workers.push(tokio::spawn(async move {
                let mut samples = Vec::new();
                let (mut conflicts, mut errors) = (0, 0);
                while issued.fetch_add(1, Ordering::Relaxed) < requests {
                    let sent = Instant::now();
                    match load.once(kind, worker, samples.len()).await {
                        Outcome::Ok => {}
                        Outcome::Conflict => conflicts += 1,
                        Outcome::Failed => errors += 1,
                    }
                    samples.push(sent.elapsed());
                }
                (samples, conflicts, errors)
            }));
        }
        let (mut samples, mut conflicts, mut errors) = (Vec::<Duration>::with_capacity(requests), 0, 0);
        for worker in workers {
            match worker.await {
                Ok((mut s, c, e)) => {
                    samples.append(&mut s);
                    conflicts += c;
                    errors += e;
                }
                Err(_) => errors += 1,
            }
        }
        let elapsed = started.elapsed();
        Summary {
            kind: kind.name(),
            requests: samples.len(),
            errors,
            conflicts,
            elapsed,
            p50: percentile(&mut samples, 500),
            p99: percentile(&mut samples, 990),
        }
    }

    /// One request of `kind` by `worker`, its `seq`-th.
    async fn once(&self, kind: Kind, worker: usize, seq: usize) -> Outcome {
        let http = &self.instances[worker % self.instances.len()];
        let doc = &self.documents[worker % self.documents.len()];
        let reply = match kind {
            Kind::Read => http.get(&format!("/api/v1/documents/{}/revisions/1", doc.id)).await,
            Kind::Check => http.post_json("/api/v1/check", &serde_json::json!({ "markdown": self.markdown })).await,
            Kind::Write => {
                let base = doc.head.load(Ordering::Relaxed);
                let markdown = format!("{}\n\nEdit {seq} by worker {worker}.\n", self.markdown);
                let body = serde_json::json!({ "base": base, "markdown": markdown });
                let reply = http.post_json(&format!("/api/v1/documents/{}/revisions", doc.id), &body).await;
                if let Ok(saved) = &reply
                    && saved.status == StatusCode::CREATED
                    && let Some(number) = saved.json()["number"].as_i64()
                {
                    doc.head.fetch_max(number, Ordering::Relaxed);
                }
                if let Ok(refused) = &reply
                    && refused.status == StatusCode::CONFLICT
                {
                    self.refresh_head(http, doc).await;
                    return Outcome::Conflict;
                }
                reply
            }
        };
        match reply {
            Ok(reply) if reply.status.is_success() => Outcome::Ok,
            _ => Outcome::Failed,
        }
    }

    /// Reads a document's head after a conflict.
    async fn refresh_head(&self, http: &Http, doc: &Doc) {
        if let Ok(reply) = http.get(&format!("/api/v1/documents/{}", doc.id)).await
            && let Some(head) = reply.json()["document"]["head"].as_i64()
        {
            doc.head.fetch_max(head, Ordering::Relaxed);
        }
    }
}
