//! The drafter: from a brief to a PR/FAQ in the canonical shape. The draft is parsed and
//! checked; structural findings (and citations of observations that do not exist) are sent back
//! to the model to fix, a bounded number of times; what is left is reported, not hidden.

use std::sync::Arc;

use prfaq_critique::{Engine, Family, Finding, Severity};
use prfaq_doc::LineIndex;
use serde::Serialize;

use super::{Effect, Event, Machine};
use crate::brief::Brief;
use crate::chat::{ChatRequest, FinishReason, Message, Structure};
use crate::config::AgentConfig;
use crate::extract;
use crate::provider::ProviderError;

/// The shape every draft must have, as the model is told it.
const SHAPE: &str = "\
# Headline: the customer's benefit as an outcome, 12 words or fewer
## Subheadline: one sentence naming the customer and the benefit

CITY — Month Day, Year — Summary: who the customer is, what launches, the single benefit.

Problem: the customer's pain today, in their terms, with a number.

Solution: how the product removes that pain, from the customer's side.

\"Leader quote: why we built it,\" said Name, Title at Company.

How it works: the experience step by step.

\"Customer quote: the outcome in their words, with a number,\" said Name, Role at Company.

Call to action: where to get it, the price, the first step.

## External FAQ

### How much does it cost?
Answer.

### (three to seven more questions a customer asks, each answered directly)

## Internal FAQ

### (four to ten questions stakeholders ask: feasibility, cost and payback, timeline, risks, success metrics, each answered with numbers)";

/// A finding as the draft report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remaining {
    /// The rule's id.
    pub rule: String,
    /// The rule's name.
    pub name: String,
    /// `error`, `warning` or `note`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
}

/// A finished draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// The document.
    pub markdown: String,
    /// The critique score of the draft.
    pub score: u32,
    /// Fix requests made after the first draft.
    pub fix_rounds: u32,
    /// Structural findings still in the draft (errors and warnings of the structure family).
    pub structural: Vec<Remaining>,
    /// Every other finding of the draft.
    pub other_findings: usize,
    /// `[obs:N]` citations of observations the brief does not have.
    pub unknown_observations: Vec<String>,
    /// Observations of the brief the draft never cites.
    pub uncited_observations: Vec<usize>,
    /// True when the model ran out of tokens on the kept draft: it may be cut off.
    pub truncated: bool,
}

/// Why drafting produced nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// The brief says nothing.
    #[error("the brief is empty: say who the customer is, their problem, and the idea (or list observations)")]
    EmptyBrief,
    /// The endpoint failed before any draft came back.
    #[error("{0}")]
    Provider(ProviderError),
    /// The model replied with no document.
    #[error("the model replied with no document")]
    Empty,
}

/// Settings of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most tokens of a draft.
    pub max_tokens: u32,
    /// How many times structural findings are sent back to fix.
    pub fix_rounds: u32,
}

impl Limits {
    /// The limits `[agent]` sets.
    #[must_use]
    pub fn of(config: &AgentConfig) -> Self {
        Limits { max_tokens: config.max_tokens, fix_rounds: config.fix_rounds }
    }
}

/// The drafting state machine.
#[derive(Debug)]
pub struct DraftMachine {
    brief: Brief,
    engine: Arc<Engine>,
    limits: Limits,
    messages: Vec<Message>,
    rounds: u32,
    best: Option<(usize, Draft)>,
}

impl DraftMachine {
    /// A drafter for `brief`, checking drafts with `engine`.
    #[must_use]
    pub fn new(brief: Brief, engine: Arc<Engine>, limits: Limits) -> Self {
        let mut instructions = format!(
            "You write Amazon Working Backwards PR/FAQ documents in Markdown: a one-page press release written as if the product launched today, \
             then an External FAQ (what customers ask) and an Internal FAQ (what stakeholders ask). Use exactly this shape:\n\n{SHAPE}\n\n\
             Write for the customer, with numbers instead of adjectives, no jargon, no weasel words. Where a fact is unknown, write TBD rather than invent it. \
             Reply with the document only."
        );
        if brief.is_prototype_first() {
            instructions.push_str(
                " The brief is a log of observations from a prototype session: every claim about the customer's problem or behaviour \
                 cites the observation it rests on as [obs:N], right after the claim.",
            );
        }
        let messages = vec![
            Message::system(instructions),
            Message::user(format!("Write the PR/FAQ from this brief.\n\n{}", brief.render())),
        ];
        Self { brief, engine, limits, messages, rounds: 0, best: None }
    }

    fn ask(&self, stage: String) -> Effect<Result<Draft, DraftError>> {
        Effect::Ask {
            request: ChatRequest {
                messages: self.messages.clone(),
                structure: Structure::Text,
                max_tokens: self.limits.max_tokens,
                stream: true,
            },
            stage,
        }
    }

    /// Parses and checks a reply; returns the draft and the problems to send back.
    fn assess(&self, markdown: String, finish: FinishReason) -> (Draft, Vec<String>) {
        let doc = prfaq_doc::parse(&markdown);
        let report = self.engine.check(&doc);
        let lines = LineIndex::new(&markdown);
        let line = |f: &Finding| lines.location(&markdown, f.span.start).line;
        let structural: Vec<Remaining> = report
            .findings
            .iter()
            .filter(|f| f.family == Family::Structure && f.severity != Severity::Note)
            .map(|f| Remaining {
                rule: f.rule.into(),
                name: f.name.into(),
                severity: f.severity.as_str().into(),
                message: f.message.clone(),
                line: line(f),
            })
            .collect();
        let observations = self.brief.observations.len();
        let mut unknown = Vec::new();
        let mut cited = vec![false; observations];
        for r in doc.evidence_refs.iter().filter(|r| r.scheme == "obs") {
            match r.id.parse::<usize>() {
                Ok(n) if (1..=observations).contains(&n) => cited[n - 1] = true,
                _ => unknown.push(r.id.clone()),
            }
        }
        let mut problems: Vec<String> =
            structural.iter().map(|r| format!("line {}: {} ({}, {})", r.line, r.message, r.rule, r.name)).collect();
        if self.brief.is_prototype_first() && !cited.iter().any(|c| *c) {
            problems.push(
                "it cites no observation: each claim about the customer's problem cites the observation it rests on as [obs:N]"
                    .into(),
            );
        }
        if self.brief.is_prototype_first() {
            // A draft from observations must cite them: uncited pain claims go back too (the
            // rule runs once the draft cites anything).
            problems.extend(
                report
                    .findings
                    .iter()
                    .filter(|f| f.name == "uncited-pain-claim")
                    .map(|f| format!("line {}: {}; cite the observation as [obs:N]", line(f), f.message)),
            );
        }
        if !unknown.is_empty() {
            problems.push(format!(
                "it cites observations that do not exist: {}; the brief has observations 1 to {observations}",
                unknown.iter().map(|u| format!("[obs:{u}]")).collect::<Vec<_>>().join(", ")
            ));
        }
        if finish == FinishReason::Length {
            problems.push("it is cut off: the document must be shorter, with every section complete".into());
        }
        let draft = Draft {
            score: report.score.overall,
            fix_rounds: self.rounds,
            other_findings: report.findings.len() - structural.len(),
            structural,
            unknown_observations: unknown,
            uncited_observations: (1..=observations).filter(|n| !cited[n - 1]).collect(),
            truncated: finish == FinishReason::Length,
            markdown,
        };
        (draft, problems)
    }

    /// Keeps the draft with the fewest problems; a fix that made things worse is not kept.
    fn keep(&mut self, draft: Draft, problems: usize) {
        if self.best.as_ref().is_none_or(|(best, _)| problems <= *best) {
            self.best = Some((problems, draft));
        }
    }

    fn finish(&mut self) -> Effect<Result<Draft, DraftError>> {
        match self.best.take() {
            Some((_, mut draft)) => {
                draft.fix_rounds = self.rounds;
                Effect::Done(Ok(draft))
            }
            None => Effect::Done(Err(DraftError::Empty)),
        }
    }
}

/// The document in a reply: inside a Markdown fence if the whole reply is one, else from the
/// first heading or front matter on, so chatter before it ("Here is your PR/FAQ:") is dropped.
#[must_use]
pub fn document_in(reply: &str) -> String {
    let text = match extract::fenced(reply) {
        Some(inside) if inside.trim_start().starts_with(['#', '-']) => inside,
        _ => reply,
    };
    let start = text
        .lines()
        .scan(0usize, |at, line| {
            let here = *at;
            *at += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| line.starts_with('#') || line.trim_end() == "---")
        .map_or(0, |(at, _)| at);
    let mut doc = text[start..].trim().to_string();
    doc.push('\n');
    doc
}

impl Machine for DraftMachine {
    type Outcome = Result<Draft, DraftError>;

    fn start(&mut self) -> Effect<Self::Outcome> {
        if self.brief.is_empty() {
            return Effect::Done(Err(DraftError::EmptyBrief));
        }
        self.ask("drafting".into())
    }

    fn on(&mut self, event: Event) -> Effect<Self::Outcome> {
        let reply = match event {
            Event::Replied(reply) => reply,
            // A fix request that failed still leaves the last draft: report it. Cancelling is
            // the person stopping the run, not a failure to work around.
            Event::Failed(e) if self.best.is_some() && e != ProviderError::Cancelled => {
                return self.finish();
            }
            Event::Failed(e) => return Effect::Done(Err(DraftError::Provider(e))),
        };
        let markdown = document_in(&reply.content);
        if markdown.trim().is_empty() {
            return self.finish();
        }
        let (draft, problems) = self.assess(markdown.clone(), reply.finish);
        let count = problems.len();
        self.keep(draft, count);
        if count == 0 || self.rounds >= self.limits.fix_rounds {
            return self.finish();
        }
        self.rounds += 1;
        self.messages.truncate(2);
        self.messages.push(Message::assistant(markdown));
        self.messages.push(Message::user(format!(
            "prfaq's reviewer found these problems in the draft:\n- {}\n\nFix them and reply with the whole corrected document only.",
            problems.join("\n- ")
        )));
        let stage = format!(
            "fixing {count} problem{} (round {} of {})",
            if count == 1 { "" } else { "s" },
            self.rounds,
            self.limits.fix_rounds
        );
        self.ask(stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::{ChatReply, Usage};
    use prfaq_critique::Config;

    const GOOD: &str = "# Bakers Sell Out Without Throwing Bread Away\n## Independent bakers bake what they will sell, every day\n\nPORTLAND — May 4, 2027 — Crumb launches a daily bake forecast for bakeries with one shop.\n\nBakers throw away 15% of their bread [obs:1].\n\nCrumb tells the baker at 5am how many loaves of each kind to bake.\n\n\"We built Crumb for bakers,\" said Ana Ruiz, CEO at Crumb.\n\nThe baker opens the app and sees the list.\n\n\"I threw away 40 loaves less last week,\" said Tom Lee, owner at Lee's Bread.\n\nSign up at crumb.example for $20 a month.\n\n## External FAQ\n### How much does it cost?\n$20 a month.\n\n## Internal FAQ\n### Is it feasible?\nYes: the prototype forecast within 5%.\n";

    fn machine(brief: &str) -> DraftMachine {
        let engine = Arc::new(Engine::new(Config::default()));
        DraftMachine::new(Brief::parse(brief), engine, Limits { max_tokens: 1500, fix_rounds: 2 })
    }

    fn reply(content: &str) -> Event {
        Event::Replied(ChatReply { content: content.into(), finish: FinishReason::Stop, usage: Usage::default() })
    }

    fn ask(effect: Effect<Result<Draft, DraftError>>) -> (ChatRequest, String) {
        match effect {
            Effect::Ask { request, stage } => (request, stage),
            Effect::Done(d) => panic!("expected a request, got {d:?}"),
        }
    }

    fn done(effect: Effect<Result<Draft, DraftError>>) -> Result<Draft, DraftError> {
        match effect {
            Effect::Done(d) => d,
            Effect::Ask { stage, .. } => panic!("expected the end, got {stage}"),
        }
    }

    #[test]
    fn an_empty_brief_asks_nothing() {
        assert_eq!(done(machine("  ").start()), Err(DraftError::EmptyBrief));
    }

    #[test]
    fn a_prototype_brief_asks_for_observation_citations_and_streams() {
        let mut m = machine("## Observations\n- Bakers threw away 15% of bread.\n");
        let (request, stage) = ask(m.start());
        assert_eq!(stage, "drafting");
        assert!(request.stream);
        assert!(request.messages[0].content.contains("[obs:N]"));
        assert!(request.messages[1].content.contains("[obs:1] Bakers threw away"));
    }

    #[test]
    fn structural_findings_go_back_to_the_model_and_the_fix_is_kept() {
        let mut m = machine("## Observations\n- Bakers threw away 15% of bread.\n");
        m.start();
        let (request, stage) = ask(m.on(reply("Here you go:\n\nBakers throw away bread [obs:7].\n")));
        assert!(stage.starts_with("fixing"), "{stage}");
        let feedback = &request.messages[3].content;
        assert!(feedback.contains("PR001") || feedback.contains("headline"), "{feedback}");
        assert!(feedback.contains("[obs:7]"), "{feedback}");
        let draft = done(m.on(reply(&format!("```markdown\n{GOOD}```\n")))).expect("draft");
        assert!(draft.other_findings > 0 || draft.structural.is_empty());
        assert_eq!(draft.fix_rounds, 1);
        assert!(draft.structural.is_empty(), "{:?}", draft.structural);
        assert!(draft.unknown_observations.is_empty());
        assert!(draft.markdown.starts_with("# Bakers Sell Out"));
    }

    #[test]
    fn a_prototype_draft_is_asked_to_cite_its_pain_claims() {
        let mut m = machine("## Observations\n- Bakers threw away 15% of bread.\n");
        m.start();
        let uncited =
            GOOD.replace("Bakers throw away 15% of their bread [obs:1].", "Bakers throw away 15% of their bread.");
        let (request, _) = ask(m.on(reply(&uncited)));
        let feedback = &request.messages[3].content;
        assert!(feedback.contains("it cites no observation"), "{feedback}");
        let partly = GOOD.replace(
            "Bakers throw away 15% of their bread [obs:1].",
            "Bakers throw away 15% of their bread [obs:1]. They spend an hour every night guessing the bake.",
        );
        let (request, _) = ask(m.on(reply(&partly)));
        let feedback = &request.messages[3].content;
        assert!(feedback.contains("cite the observation as [obs:N]") && feedback.contains("They spend"), "{feedback}");
    }

    #[test]
    fn fixing_is_bounded_and_what_is_left_is_reported() {
        let mut m = machine("Bakers throw away bread.");
        m.start();
        ask(m.on(reply("Just a line.")));
        ask(m.on(reply("Still a line.")));
        let draft = done(m.on(reply("A line again."))).expect("draft");
        assert_eq!(draft.fix_rounds, 2);
        assert!(!draft.structural.is_empty());
    }

    #[test]
    fn a_fix_that_makes_things_worse_is_not_kept() {
        let mut m = machine("Bakers throw away bread.");
        m.start();
        let almost = GOOD.replace("## Independent bakers bake what they will sell, every day\n", "");
        ask(m.on(reply(&almost)));
        ask(m.on(reply("nothing useful")));
        let draft = done(m.on(reply("nothing useful either"))).expect("draft");
        assert!(draft.markdown.starts_with("# Bakers Sell Out"), "{}", draft.markdown);
    }

    #[test]
    fn a_failed_fix_still_returns_the_last_draft() {
        let mut m = machine("Bakers throw away bread.");
        m.start();
        ask(m.on(reply("Just a line.")));
        let down = ProviderError::Timeout { seconds: 1, what: "waiting for the answer" };
        let draft = done(m.on(Event::Failed(down))).expect("draft");
        assert_eq!(draft.markdown, "Just a line.\n");
        let mut m = machine("Bakers throw away bread.");
        m.start();
        ask(m.on(reply("Just a line.")));
        assert_eq!(
            done(m.on(Event::Failed(ProviderError::Cancelled))),
            Err(DraftError::Provider(ProviderError::Cancelled))
        );
    }

    #[test]
    fn chatter_before_the_document_is_dropped() {
        assert_eq!(document_in("Sure! Here it is:\n# Title\nBody"), "# Title\nBody\n");
        assert_eq!(document_in("```md\n# Title\n```"), "# Title\n");
        assert_eq!(document_in("no heading at all"), "no heading at all\n");
    }
}
