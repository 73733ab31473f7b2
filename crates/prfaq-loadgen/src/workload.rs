//! The requests the load makes, one [`Kind`] per phase: a bounded number of requests from a
//! fixed number of concurrent workers, each worker on one keep-alive connection's worth of
//! requests in a row.
//!
//! To add a kind: add a variant to [`Kind`] and [`Kind::ALL`], its name in [`Kind::name`], and
//! its request in `Load::once`.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use hyper::StatusCode;

use crate::client::{Error, Http};
use crate::setup::Reviewer;
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
    /// `POST /api/v1/rounds/{id}/comments`: a reviewer's comment on a passage quoted from the
    /// document, in the round open on each worker's document.
    Comment,
}

impl Kind {
    /// Every kind, in the order the phases run.
    pub const ALL: [Kind; 4] = [Kind::Read, Kind::Check, Kind::Write, Kind::Comment];

    /// The name in the report.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Read => "document read",
            Kind::Check => "live check",
            Kind::Write => "revision write",
            Kind::Comment => "comment write",
        }
    }
}

/// A document of the load, the latest revision its writer knows, and its review round.
#[derive(Debug)]
struct Doc {
    id: i64,
    head: AtomicI64,
    round: i64,
}

/// What the workers share: one client per server instance for the author and one for the
/// reviewer, the documents, and the passages reviewers quote.
#[derive(Debug)]
pub struct Load {
    instances: Vec<Http>,
    reviewers: Vec<Http>,
    documents: Vec<Doc>,
    markdown: String,
    quotes: Vec<String>,
}

/// Comment kinds and severities the reviewer cycles through.
const COMMENT_KINDS: [&str; 5] = ["question", "concern", "assumption", "suggestion", "praise"];
const SEVERITIES: [&str; 3] = ["critical", "important", "minor"];

/// Words in a quoted passage, at most.
const QUOTE_WORDS: usize = 8;

/// Passages a reviewer might select: the first words of each paragraph of prose (after the
/// front matter; not headings, lists, tables, quotes, code or HTML comments), verbatim.
pub fn quotes(markdown: &str) -> Vec<String> {
    let body = markdown
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n").map(|(_, body)| body))
        .unwrap_or(markdown);
    body.lines()
        .map(str::trim)
        .filter(|line| line.starts_with(|c: char| c.is_alphabetic() || c == '"'))
        .filter_map(|line| {
            let (mut end, mut words) = (0, 0);
            for word in line.split_whitespace().take(QUOTE_WORDS) {
                end += line[end..].find(word)? + word.len();
                words += 1;
            }
            (words >= 4).then(|| line[..end].to_owned())
        })
        .collect()
}

/// How one request went.
enum Outcome {
    Ok,
    Conflict,
    Failed,
}

impl Load {
    /// Creates `documents` documents from `markdown` in `workspace` through the first instance
    /// (`instances` carry the author's token), opens a review round on each with `reviewer`
    /// and no minimum reading time, and has the reviewer read each to the end, so their
    /// comment box is open.
    pub async fn prepare(
        instances: Vec<Http>,
        reviewer: &Reviewer,
        workspace: i64,
        documents: usize,
        markdown: String,
    ) -> Result<Load, Error> {
        let first = instances.first().ok_or("no server address")?;
        let reviewers: Vec<Http> = instances.iter().map(|i| i.clone().with_bearer(reviewer.token.clone())).collect();
        let quotes = quotes(&markdown);
        if quotes.is_empty() {
            return Err("the document has no paragraph of prose for reviewers to quote".into());
        }
        let mut docs = Vec::with_capacity(documents);
        for _ in 0..documents {
            let body = serde_json::json!({ "markdown": markdown });
            let created = first.post_json(&format!("/api/v1/workspaces/{workspace}/documents"), &body).await?;
            let id = created.json()["id"].as_i64();
            let id =
                id.ok_or_else(|| format!("creating a document failed with {}: {}", created.status, created.text()))?;
            let body = serde_json::json!({
                "reviewers": [{ "user_id": reviewer.user_id, "function": "engineering" }],
                "min_read_seconds": 0,
            });
            let opened = first.post_json(&format!("/api/v1/documents/{id}/rounds"), &body).await?;
            let round = opened.json()["id"].as_i64();
            let round =
                round.ok_or_else(|| format!("opening a round failed with {}: {}", opened.status, opened.text()))?;
            for event in ["started", "reached_end"] {
                let body = serde_json::json!({ "event": event });
                let read = reviewers[0].post_json(&format!("/api/v1/rounds/{round}/reading"), &body).await?;
                if !read.status.is_success() {
                    return Err(format!("recording reading failed with {}: {}", read.status, read.text()).into());
                }
                if event == "reached_end" && read.json()["gate"]["state"] != "open" {
                    return Err(format!("the reviewer's comment box is not open: {}", read.text()).into());
                }
            }
            docs.push(Doc { id, head: AtomicI64::new(1), round });
        }
        Ok(Load { instances, reviewers, documents: docs, markdown, quotes })
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
            Kind::Comment => {
                let reviewer = &self.reviewers[worker % self.reviewers.len()];
                let quote = &self.quotes[(seq + worker) % self.quotes.len()];
                let body = serde_json::json!({
                    "quote": quote,
                    "kind": COMMENT_KINDS[seq % COMMENT_KINDS.len()],
                    "severity": SEVERITIES[seq % SEVERITIES.len()],
                    "body": format!("Comment {seq} by worker {worker}: what evidence backs this passage?"),
                });
                reviewer.post_json(&format!("/api/v1/rounds/{}/comments", doc.round), &body).await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_the_first_words_of_prose_paragraphs() {
        let markdown = "---\ntitle: Acme is here at last\n---\n\n# Acme Gives Marketers Their Mondays Back\n\nMarketers save **six hours** a week on reports, every week, all year.\n\n<!-- illustrative -->\n\"We built it,\" said the  founder.\n\n- a list item of words here\n\nToo short.\n";
        let found = quotes(markdown);
        assert_eq!(found, ["Marketers save **six hours** a week on reports,", "\"We built it,\" said the  founder."]);
        assert!(found.iter().all(|quote| markdown.contains(quote.as_str())));
    }
}
