//! The reviser: for one finding or comment, a proposed rewrite of the passage it is about. The
//! rewrite is applied to a copy of the document and re-checked; the proposal says whether the
//! finding is gone and what changed in the score. Nothing is written: the caller shows the diff
//! and applies [`Proposal::markdown`] only when the person accepts it.

use std::ops::Range;
use std::sync::Arc;

use prfaq_critique::Engine;
use serde::Serialize;

use super::{Effect, Event, Machine};
use crate::chat::{ChatRequest, Message, Structure};
use crate::extract;
use crate::provider::ProviderError;

/// Passages longer than this many words are narrowed to the sentence the target is in.
const LONG_PASSAGE_WORDS: usize = 80;

/// What the rewrite is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Where in the source (byte offsets).
    pub span: Range<usize>,
    /// A rule id when the target is a finding (to tell whether the rewrite fixed it).
    pub rule: Option<String>,
    /// What is wrong, in a sentence.
    pub problem: String,
    /// What to do about it, if known.
    pub advice: Option<String>,
}

impl Target {
    /// The passage a critique finding is about.
    #[must_use]
    pub fn of_finding(finding: &prfaq_critique::Finding) -> Self {
        Target {
            span: finding.span.start..finding.span.end,
            rule: Some(finding.rule.to_string()),
            problem: finding.message.clone(),
            advice: finding.suggestion.as_ref().map(|s| s.message.clone()),
        }
    }
}

/// The most tokens of a rewrite: one passage never needs a whole draft's budget.
#[must_use]
pub fn max_tokens(config: &crate::config::AgentConfig) -> u32 {
    config.max_tokens.min(1024)
}

/// A proposed rewrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    /// Byte range of the passage in the original source.
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// The passage as it is.
    pub original: String,
    /// The passage as proposed.
    pub rewrite: String,
    /// The whole document with the rewrite applied.
    pub markdown: String,
    /// A unified diff of the document.
    pub diff: String,
    /// For a finding: whether its rule no longer flags the passage.
    pub resolved: Option<bool>,
    /// Score before and after.
    pub score_before: u32,
    /// See `score_before`.
    pub score_after: u32,
    /// Findings before and after.
    pub findings_before: usize,
    /// See `findings_before`.
    pub findings_after: usize,
}

/// Why no rewrite was proposed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviseError {
    /// The target is not inside a passage of text (a finding about the document as a whole).
    #[error("this is about the document as a whole, not one passage: a rewrite cannot fix it")]
    NoPassage,
    /// The endpoint failed.
    #[error("{0}")]
    Provider(ProviderError),
    /// The model gave back nothing usable.
    #[error("the model gave no rewrite after {0} attempts")]
    Empty(u32),
}

/// The reviser state machine.
#[derive(Debug)]
pub struct ReviseMachine {
    source: String,
    target: Target,
    engine: Arc<Engine>,
    passage: Option<Range<usize>>,
    max_tokens: u32,
    attempts: u32,
}

/// True when a finding of the rule named `name` is about a passage that a rewrite can fix;
/// false for findings about something absent or about the document as a whole
/// (`missing-…`, `too-few-…`, `too-many-…`, a press release too long or too short), which need
/// writing, not rewriting.
#[must_use]
pub fn is_about_a_passage(name: &str) -> bool {
    !["missing-", "too-few-", "too-many-", "press-release-too-", "sections-out-of-order", "empty-document"]
        .iter()
        .any(|p| name.starts_with(p))
}

/// The passage a target is in: its top-level block, or the block's sentence holding the target
/// when the block is long. `None` when the span is in no block of text.
#[must_use]
pub fn passage_of(doc: &prfaq_doc::Document, span: &Range<usize>) -> Option<Range<usize>> {
    let block =
        doc.blocks.iter().find(|b| b.span.start <= span.start && span.start < b.span.end.max(b.span.start + 1))?;
    let whole = block.span.start..block.span.end;
    let text = &doc.source[whole.clone()];
    if text.trim().is_empty() {
        return None;
    }
    if prfaq_doc::text::word_count(text) <= LONG_PASSAGE_WORDS {
        return Some(trimmed(&doc.source, whole));
    }
    let sentence = prfaq_doc::text::sentences(text)
        .into_iter()
        .map(|r| r.start + whole.start..r.end + whole.start)
        .find(|r| r.start <= span.start && span.start < r.end)
        .unwrap_or(whole);
    Some(trimmed(&doc.source, sentence))
}

fn trimmed(source: &str, range: Range<usize>) -> Range<usize> {
    let text = &source[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    start..start + text.trim().len()
}

/// The rewrite in a reply: fences, wrapping quotes and a leading "Rewrite:" removed; a heading's
/// `#` markers restored when the model dropped them.
#[must_use]
pub fn rewrite_in(reply: &str, original: &str) -> String {
    let mut text = extract::fenced(reply).unwrap_or(reply).trim();
    for prefix in ["Rewritten passage:", "Rewrite:", "Revised:", "Here is the rewritten passage:"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.trim();
        }
    }
    let quoted = text.len() >= 2 && text.starts_with('"') && text.ends_with('"') && !original.starts_with('"');
    let text = if quoted { &text[1..text.len() - 1] } else { text };
    let markers: String = original.chars().take_while(|&c| c == '#').collect();
    if !markers.is_empty() && !text.starts_with('#') { format!("{markers} {text}") } else { text.to_string() }
}

impl ReviseMachine {
    /// A reviser for `target` in `source`.
    #[must_use]
    pub fn new(source: String, target: Target, engine: Arc<Engine>, max_tokens: u32) -> Self {
        Self { source, target, engine, passage: None, max_tokens, attempts: 0 }
    }

    fn ask(&mut self) -> Effect<Result<Proposal, ReviseError>> {
        let Some(passage) = self.passage.clone() else { return Effect::Done(Err(ReviseError::NoPassage)) };
        self.attempts += 1;
        let advice = self.target.advice.as_deref().map(|a| format!("\nWhat to do: {a}")).unwrap_or_default();
        let messages = vec![
            Message::system(
                "You edit PR/FAQ documents (Amazon Working Backwards). You rewrite one passage to fix one problem, keeping its meaning, \
                 its facts and its Markdown form. Never invent numbers or names: write TBD where a fact is missing. \
                 Reply with the rewritten passage only.",
            ),
            Message::user(format!(
                "The document:\n\n{}\n\nThe passage:\n{}\n\nThe problem: {}{advice}\n\nRewrite the passage.",
                self.source, &self.source[passage], self.target.problem,
            )),
        ];
        Effect::Ask {
            request: ChatRequest { messages, structure: Structure::Text, max_tokens: self.max_tokens, stream: true },
            stage: if self.attempts == 1 {
                "rewriting".into()
            } else {
                "rewriting (again: the reply was empty)".into()
            },
        }
    }

    fn propose(&self, passage: Range<usize>, rewrite: String) -> Proposal {
        let before_doc = prfaq_doc::parse(&self.source);
        let before = self.engine.check(&before_doc);
        let mut markdown = String::with_capacity(self.source.len() + rewrite.len());
        markdown.push_str(&self.source[..passage.start]);
        markdown.push_str(&rewrite);
        markdown.push_str(&self.source[passage.end..]);
        let after = self.engine.check(&prfaq_doc::parse(&markdown));
        let new_range = passage.start..passage.start + rewrite.len();
        let resolved = self.target.rule.as_ref().map(|rule| {
            !after.findings.iter().any(|f| {
                f.rule == rule.as_str()
                    && f.span.start < new_range.end.max(new_range.start + 1)
                    && new_range.start <= f.span.start
            })
        });
        let diff = similar::TextDiff::from_lines(&self.source, &markdown)
            .unified_diff()
            .context_radius(2)
            .header("before", "after")
            .to_string();
        Proposal {
            start: passage.start,
            end: passage.end,
            original: self.source[passage].to_string(),
            rewrite,
            diff,
            resolved,
            score_before: before.score.overall,
            score_after: after.score.overall,
            findings_before: before.findings.len(),
            findings_after: after.findings.len(),
            markdown,
        }
    }
}

impl Machine for ReviseMachine {
    type Outcome = Result<Proposal, ReviseError>;

    fn start(&mut self) -> Effect<Self::Outcome> {
        self.passage = passage_of(&prfaq_doc::parse(&self.source), &self.target.span);
        self.ask()
    }

    fn on(&mut self, event: Event) -> Effect<Self::Outcome> {
        let reply = match event {
            Event::Replied(reply) => reply,
            Event::Failed(e) => return Effect::Done(Err(ReviseError::Provider(e))),
        };
        let Some(passage) = self.passage.clone() else { return Effect::Done(Err(ReviseError::NoPassage)) };
        let rewrite = rewrite_in(&reply.content, &self.source[passage.clone()]);
        if rewrite.trim().is_empty() || rewrite.trim_matches('#').trim().is_empty() {
            return if self.attempts >= 2 { Effect::Done(Err(ReviseError::Empty(self.attempts))) } else { self.ask() };
        }
        Effect::Done(Ok(self.propose(passage, rewrite)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::{ChatReply, FinishReason, Usage};
    use prfaq_critique::Config;

    const DOC: &str = "# Acme Reports Gives Marketers Their Mondays Back\n\nMarketers spend significantly more time on reports than they should.\n\n## External FAQ\n### How much does it cost?\n$20 a month.\n";

    fn machine() -> ReviseMachine {
        let at = DOC.find("significantly").unwrap_or(0);
        let target = Target {
            span: at..at + "significantly".len(),
            rule: Some("STY001".into()),
            problem: "weasel word \"significantly\"".into(),
            advice: Some("replace it with the number it stands for".into()),
        };
        ReviseMachine::new(DOC.into(), target, Arc::new(Engine::new(Config::default())), 300)
    }

    fn reply(content: &str) -> Event {
        Event::Replied(ChatReply { content: content.into(), finish: FinishReason::Stop, usage: Usage::default() })
    }

    #[test]
    fn the_request_names_the_passage_and_the_problem() {
        let mut m = machine();
        let Effect::Ask { request, .. } = m.start() else { panic!("expected a request") };
        let asked = &request.messages[1].content;
        assert!(asked.contains("The passage:\nMarketers spend significantly more time on reports than they should."));
        assert!(asked.contains("weasel word"));
    }

    #[test]
    fn the_rewrite_is_applied_to_a_copy_and_rechecked() {
        let mut m = machine();
        m.start();
        let Effect::Done(Ok(p)) = m.on(reply("\"Marketers spend six hours a week on reports.\"")) else {
            panic!("expected a proposal")
        };
        assert_eq!(p.original, "Marketers spend significantly more time on reports than they should.");
        assert_eq!(p.rewrite, "Marketers spend six hours a week on reports.");
        assert!(p.markdown.contains("Marketers spend six hours a week on reports.\n\n## External FAQ"));
        assert_eq!(p.resolved, Some(true));
        assert!(p.diff.contains("-Marketers spend significantly") && p.diff.contains("+Marketers spend six hours"));
        assert!(p.findings_after < p.findings_before, "{} -> {}", p.findings_before, p.findings_after);
    }

    #[test]
    fn a_rewrite_that_keeps_the_problem_says_so() {
        let mut m = machine();
        m.start();
        let Effect::Done(Ok(p)) = m.on(reply("Marketers spend significantly more hours on reports.")) else {
            panic!("expected a proposal")
        };
        assert_eq!(p.resolved, Some(false));
    }

    #[test]
    fn an_empty_reply_is_asked_once_more_then_reported() {
        let mut m = machine();
        m.start();
        assert!(matches!(m.on(reply("```\n```")), Effect::Ask { .. }));
        assert!(matches!(m.on(reply("  ")), Effect::Done(Err(ReviseError::Empty(2)))));
    }

    #[test]
    fn absences_are_not_passages() {
        assert!(!is_about_a_passage("missing-leader-quote"));
        assert!(!is_about_a_passage("too-few-external-questions"));
        assert!(is_about_a_passage("weasel-word"));
    }

    #[test]
    fn headings_keep_their_markers_and_whole_document_findings_are_refused() {
        assert_eq!(
            rewrite_in("Acme Gives Marketers Six Hours Back", "# Acme"),
            "# Acme Gives Marketers Six Hours Back"
        );
        let doc = prfaq_doc::parse(DOC);
        assert_eq!(passage_of(&doc, &(DOC.len() + 5..DOC.len() + 6)), None);
    }
}
