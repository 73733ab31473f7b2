//! The requirements checklist (`prfaq requirements`): every customer-facing promise in the
//! press release and every commitment in the FAQ answers, one per sentence, with its kind and
//! source line — the minimum a launch must deliver, worked backwards from the document.
//!
//! [`extract_requirements`] is a pure function of the [`Document`]; [`requirements`] renders
//! its result as a Markdown checklist or as JSON.
//!
//! # Which sentences are read
//!
//! Each press-release paragraph and each FAQ answer is split into sentences with
//! [`prfaq_doc::text::sentences`]; the headline and subheadline are one sentence each. One
//! sentence gives at most one requirement. Where a sentence sits decides what it takes for it
//! to count:
//!
//! - **Solution and how-it-works paragraphs** describe what the launch delivers, so every plain
//!   statement there is a requirement (a capability when no cue says more). Statements shorter
//!   than five words ("Getting started is easy.") and instructions to the reader ("Click
//!   Remove …") count only with a cue.
//! - **Headline, subheadline, summary, call to action, other press-release paragraphs and
//!   customer FAQ answers** need a cue; a number is enough. An answer on a customer topic
//!   (pricing, availability, compatibility, migration, data privacy, support, cancellation,
//!   how it works, sales) also promises the topic's kind: a cued sentence in the data-privacy
//!   answer is a commitment.
//! - **Leader quotes** can make promises ("every quarter, we will publish …") but also tell the
//!   story behind the launch, so they need a cue other than a number. The attribution
//!   ("… ," said …) is cut off.
//! - **Customer quotes** are skipped: they are testimony about an outcome the summary and
//!   headline already promise, not something the team commits to.
//! - **The problem paragraph** is skipped: it is today's pain, not a promise.
//! - **Internal FAQ answers** (and combined-FAQ answers on stakeholder topics only) are
//!   forecasts, costs and plans; only their commitments count ("we will …", "we delete …",
//!   compliance, launch gates).
//! - **"What we will not do" answers** go, sentence by sentence, to the out-of-scope list.
//!
//! Skipped everywhere: questions; sentences with a placeholder (TBD, `??`; those are risks,
//! see `prfaq risks`); reports of a test, survey, beta or past result ("in our 40-store test",
//! "last year", "took") — evidence for a promise, not the promise; and cues that come after a
//! hedge ("might", "probably", "we expect", "we will review whether") — a hedged sentence
//! promises only what it said before hedging. The dateline's date is when the release is
//! dated, not a promise ("today launched" after it is); a sentence repeated word for word is
//! listed once.
//!
//! Negative scope ("we will not …", "version one will not …", "out of scope") goes to a
//! separate out-of-scope list, which tells reviewers what the launch deliberately leaves out.
//!
//! # Kinds
//!
//! A sentence can carry several kinds; all are kept in [`Requirement::kinds`], strongest first,
//! and the strongest is [`Requirement::kind`], which the checklist groups by. Strength is how
//! specific and checkable a promise is: pricing, then commitment, availability, quantity, and
//! capability (the most general) last. The cue lists are the `*_CUES` constants below.

use std::fmt::Write as _;
use std::ops::Range;

use prfaq_doc::{Block, Document, FaqEntry, FaqKind, PrRole, QuoteKind, Span, Topic};
use serde_json::{Value, json};

/// What a requirement promises.
///
/// The declaration order is the strength order: [`RequirementKind::Pricing`] is the strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequirementKind {
    /// Prices, trials, free tiers, fees, billing.
    Pricing,
    /// Commitments: "we will …", data handling, security and compliance, support hours,
    /// refunds, launch gates.
    Commitment,
    /// Where and when: regions, countries, dates, platforms, "available today", how to get it.
    Availability,
    /// A number promised: time, money, percentage, count, a service level.
    Quantity,
    /// What the customer will be able to do, or what the product does for them.
    Capability,
}

impl RequirementKind {
    /// Every kind in the order the checklist lists them: what customers can do first.
    pub const CHECKLIST_ORDER: [RequirementKind; 5] =
        [Self::Capability, Self::Quantity, Self::Availability, Self::Pricing, Self::Commitment];

    /// The kind's name in JSON and in headings, lower case.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Pricing => "pricing",
            Self::Commitment => "commitment",
            Self::Availability => "availability",
            Self::Quantity => "quantity",
            Self::Capability => "capability",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Self::Pricing => "Pricing",
            Self::Commitment => "Commitments",
            Self::Availability => "Availability",
            Self::Quantity => "Numbers promised",
            Self::Capability => "What customers can do",
        }
    }
}

/// The part of the document a requirement comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The press release, headline included.
    PressRelease,
    /// The external (customer) FAQ.
    ExternalFaq,
    /// The internal (stakeholder) FAQ.
    InternalFaq,
    /// An FAQ with no external/internal split.
    Faq,
}

impl Part {
    /// The part's name in JSON: `press_release`, `external_faq`, `internal_faq` or `faq`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::PressRelease => "press_release",
            Self::ExternalFaq => "external_faq",
            Self::InternalFaq => "internal_faq",
            Self::Faq => "faq",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::PressRelease => "press release",
            Self::ExternalFaq => "external FAQ",
            Self::InternalFaq => "internal FAQ",
            Self::Faq => "FAQ",
        }
    }

    fn of(kind: FaqKind) -> Self {
        match kind {
            FaqKind::External => Self::ExternalFaq,
            FaqKind::Internal => Self::InternalFaq,
            FaqKind::Combined => Self::Faq,
        }
    }
}

/// One sentence of the document and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The sentence, plain text.
    pub text: String,
    /// The part of the document it is in.
    pub part: Part,
    /// The press-release part ("summary", "call to action", "headline") or the FAQ question.
    pub section: String,
    /// Its source span.
    pub span: Span,
    /// The 1-based line it starts on.
    pub line: usize,
}

/// A promise the launch must keep: one sentence and what it promises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The strongest kind (see [`RequirementKind`]), which the checklist groups by.
    pub kind: RequirementKind,
    /// Every kind the sentence carries, strongest first; never empty.
    pub kinds: Vec<RequirementKind>,
    /// The sentence and where it is.
    pub statement: Statement,
}

/// What [`extract_requirements`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checklist {
    /// The requirements, in document order.
    pub requirements: Vec<Requirement>,
    /// What the document says the launch will not do, in document order.
    pub out_of_scope: Vec<Statement>,
}

/// Output formats of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequirementsFormat {
    /// A Markdown checklist grouped by kind, then the out-of-scope list.
    Markdown,
    /// JSON (version 1).
    Json,
}

/// Every customer-facing promise and every commitment in `doc`, one per sentence, and the
/// out-of-scope statements. See the module documentation for the rules.
#[must_use]
pub fn extract_requirements(doc: &Document) -> Checklist {
    let reader = Reader::new(doc);
    let mut out = Checklist::default();
    let pr = &doc.press_release;
    for (line, name) in [(&pr.headline, "headline"), (&pr.subheadline, "subheadline")] {
        if let Some(t) = line {
            let place =
                Place { part: Part::PressRelease, section: name.to_owned(), reading: Reading::Cued(None), role: None };
            reader.sentence(&t.text, t.span, &place, &mut out);
        }
    }
    for p in &pr.paragraphs {
        let reading = match p.role {
            PrRole::Problem | PrRole::CustomerQuote => continue,
            PrRole::Solution | PrRole::HowItWorks => Reading::Statement,
            PrRole::LeaderQuote => Reading::Quote,
            PrRole::Summary | PrRole::CallToAction | PrRole::Body => Reading::Cued(None),
        };
        let place = Place { part: Part::PressRelease, section: p.role.label().to_owned(), reading, role: Some(p.role) };
        if let Some(block) = doc.blocks.get(p.block) {
            reader.block(block, &place, &mut out);
        }
    }
    for faq in &doc.faqs {
        let place = Place {
            part: Part::of(faq.kind),
            section: faq.question.text.clone(),
            reading: faq_reading(faq),
            role: None,
        };
        for block in doc.blocks.get(faq.answer_blocks.clone()).unwrap_or_default() {
            reader.block(block, &place, &mut out);
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.requirements.retain(|r| seen.insert(r.statement.text.clone()));
    out
}

/// Renders the checklist of one file.
#[must_use]
pub fn requirements(path: &str, doc: &Document, format: RequirementsFormat) -> String {
    let list = extract_requirements(doc);
    match format {
        RequirementsFormat::Json => {
            let span = |s: Span| json!({"start": s.start, "end": s.end});
            let statement = |s: &Statement| -> Value {
                json!({"text": s.text, "part": s.part.key(), "section": s.section, "line": s.line, "span": span(s.span)})
            };
            let reqs: Vec<Value> = list
                .requirements
                .iter()
                .map(|r| {
                    let mut v = statement(&r.statement);
                    v["kind"] = json!(r.kind.label());
                    v["kinds"] = json!(r.kinds.iter().map(|k| k.label()).collect::<Vec<_>>());
                    v
                })
                .collect();
            let value = json!({
                "version": crate::JSON_VERSION,
                "file": path,
                "requirements": reqs,
                "out_of_scope": list.out_of_scope.iter().map(statement).collect::<Vec<_>>(),
            });
            serde_json::to_string_pretty(&value).unwrap_or_default()
        }
        RequirementsFormat::Markdown => markdown(path, doc, &list),
    }
}

fn markdown(path: &str, doc: &Document, list: &Checklist) -> String {
    let title = doc
        .meta("title")
        .map(|f| f.value.clone())
        .or_else(|| doc.press_release.headline.as_ref().map(|h| h.text.clone()))
        .unwrap_or_else(|| path.to_owned());
    let mut out = format!("# Requirements: {}\n\n", one_line(&title));
    let n = list.requirements.len();
    let _ = writeln!(
        out,
        "`{path}`: {n} {} the launch must keep, worked backwards from the press release and FAQ, and {} out of scope.",
        if n == 1 { "promise" } else { "promises" },
        list.out_of_scope.len(),
    );
    if n == 0 {
        out.push_str("\nNo customer-facing promise found: the press release and FAQ commit to nothing checkable.\n");
    }
    for kind in RequirementKind::CHECKLIST_ORDER {
        let group: Vec<&Requirement> = list.requirements.iter().filter(|r| r.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {} ({})\n", kind.heading(), group.len());
        for r in group {
            let _ = writeln!(out, "- [ ] {} ({})", one_line(&r.statement.text), origin(&r.statement));
        }
    }
    if !list.out_of_scope.is_empty() {
        let _ = writeln!(out, "\n## Out of scope ({})\n", list.out_of_scope.len());
        for s in &list.out_of_scope {
            let _ = writeln!(out, "- {} ({})", one_line(&s.text), origin(s));
        }
    }
    out
}

fn origin(s: &Statement) -> String {
    match s.part {
        Part::PressRelease => format!("line {}, {}", s.line, s.section),
        _ => format!("line {}, {} “{}”", s.line, s.part.label(), one_line(&s.section)),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a sentence's place decides whether it is a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Every plain statement is a requirement (a capability when no cue says more).
    Statement,
    /// A requirement needs a cue; a number is enough. An FAQ answer on a customer topic
    /// also promises the topic's kind (a data-privacy answer's sentences are commitments).
    Cued(Option<RequirementKind>),
    /// A leader quote: needs a cue other than a number.
    Quote,
    /// Stakeholder answers: only commitments count.
    Commitment,
    /// "What we will not do": every statement is out of scope.
    NonGoal,
}

/// The kind a customer topic's answers promise by default.
fn topic_kind(topic: Topic) -> Option<RequirementKind> {
    match topic {
        Topic::Pricing => Some(RequirementKind::Pricing),
        Topic::Availability => Some(RequirementKind::Availability),
        Topic::PrivacySecurity | Topic::Support => Some(RequirementKind::Commitment),
        Topic::HowItWorks | Topic::Sales | Topic::Compatibility | Topic::Migration | Topic::Cancellation => {
            Some(RequirementKind::Capability)
        }
        _ => None,
    }
}

fn faq_reading(faq: &FaqEntry) -> Reading {
    if faq.topics.contains(&Topic::NonGoals) {
        return Reading::NonGoal;
    }
    let customer_topic = faq.topics.iter().find_map(|&t| topic_kind(t));
    match (faq.kind, customer_topic) {
        (FaqKind::Internal, _) => Reading::Commitment,
        (_, Some(kind)) => Reading::Cued(Some(kind)),
        // A combined FAQ's question on stakeholder topics only is read like an internal one.
        (FaqKind::Combined, None) if !faq.topics.is_empty() => Reading::Commitment,
        (_, None) => Reading::Cued(None),
    }
}

/// Where a sentence is.
struct Place {
    part: Part,
    section: String,
    reading: Reading,
    role: Option<PrRole>,
}

/// What one sentence is.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Skip,
    Requirement(Vec<RequirementKind>),
    OutOfScope,
}

/// Reads sentences of one document.
struct Reader<'a> {
    doc: &'a Document,
    /// Lower-case words of the product's name (from the front matter title), which as a
    /// sentence's subject followed by a verb mark what the product does.
    product: Vec<String>,
    /// Spans a sentence must not overlap: placeholders and customer quotes.
    skip: Vec<Span>,
}

impl<'a> Reader<'a> {
    fn new(doc: &'a Document) -> Self {
        let product = doc
            .meta("title")
            .map(|f| {
                let name = f.value.split('(').next().unwrap_or_default();
                tokenize(name)
                    .into_iter()
                    .filter(|w| w.raw.chars().next().is_some_and(char::is_uppercase) && w.raw.chars().count() >= 4)
                    .map(|w| w.lower)
                    .collect()
            })
            .unwrap_or_default();
        let skip = doc
            .placeholders
            .iter()
            .map(|p| p.span)
            .chain(doc.quotes.iter().filter(|q| q.kind == QuoteKind::Customer).map(|q| q.span))
            .collect();
        Self { doc, product, skip }
    }

    fn block(&self, block: &Block, place: &Place, out: &mut Checklist) {
        if !block.kind.is_prose() || matches!(block.kind, prfaq_doc::BlockKind::Heading(_)) {
            return;
        }
        for range in sentence_ranges(&block.text) {
            let range = if place.reading == Reading::Quote { trim_quote(&block.text, range) } else { range };
            if range.is_empty() {
                continue;
            }
            let span = block.source_span(range.clone());
            self.sentence(&block.text[range], span, place, out);
        }
    }

    fn sentence(&self, text: &str, span: Span, place: &Place, out: &mut Checklist) {
        if self.skip.iter().any(|s| s.start < span.end && span.start < s.end) {
            return;
        }
        // The dateline's date is when the release is dated, not a promise: read what follows it.
        let dateline = self.doc.press_release.dateline.as_ref().filter(|d| span.contains(d.span));
        let rest = dateline.and_then(|d| text.strip_prefix(d.text.as_str())).unwrap_or(text);
        let verdict = self.classify(rest, place);
        if verdict == Verdict::Skip {
            return;
        }
        let statement = Statement {
            text: one_line(text),
            part: place.part,
            section: place.section.clone(),
            span,
            line: self.doc.location(span.start).line,
        };
        match verdict {
            Verdict::Skip => {}
            Verdict::OutOfScope => out.out_of_scope.push(statement),
            Verdict::Requirement(kinds) => {
                let kind = kinds[0];
                out.requirements.push(Requirement { kind, kinds, statement });
            }
        }
    }

    fn classify(&self, text: &str, place: &Place) -> Verdict {
        let words = tokenize(text);
        if words.len() < 2 || question(text, &words) {
            return Verdict::Skip;
        }
        if place.reading == Reading::NonGoal {
            return Verdict::OutOfScope;
        }
        let hedge = first_hedge(&words);
        if self.out_of_scope(&words).is_some_and(|i| i < hedge) {
            return Verdict::OutOfScope;
        }
        if find_any(&words, EVIDENCE_CUES).is_some() {
            return Verdict::Skip;
        }
        let before_hedge = |i: Option<usize>| i.is_some_and(|i| i < hedge);
        let cta = place.role == Some(PrRole::CallToAction);
        let mut kinds = Vec::new();
        let mut push = |kind, found: Option<usize>| {
            if before_hedge(found) {
                kinds.push(kind);
            }
        };
        push(RequirementKind::Pricing, pricing(&words));
        push(RequirementKind::Commitment, commitment(&words));
        push(RequirementKind::Availability, availability(&words, cta));
        push(RequirementKind::Quantity, quantity(&words));
        push(RequirementKind::Capability, self.capability(&words));
        match place.reading {
            Reading::Commitment if !kinds.contains(&RequirementKind::Commitment) => return Verdict::Skip,
            Reading::Quote if kinds.iter().all(|&k| k == RequirementKind::Quantity) => return Verdict::Skip,
            Reading::Statement => {
                let plain = hedge == usize::MAX && words.len() >= 5 && !imperative(&words);
                if kinds.is_empty() && !plain {
                    return Verdict::Skip;
                }
                kinds.push(RequirementKind::Capability);
            }
            Reading::Cued(Some(topic)) if !kinds.is_empty() => kinds.push(topic),
            _ => {}
        }
        if kinds.is_empty() {
            return Verdict::Skip;
        }
        kinds.sort();
        kinds.dedup();
        Verdict::Requirement(kinds)
    }

    /// "we will not …", "version one will not …", "out of scope": the first word index.
    /// "You will not need a card" and "the price will not change" are promises, not scope.
    fn out_of_scope(&self, words: &[Word]) -> Option<usize> {
        let negated = words.iter().enumerate().find_map(|(i, w)| {
            let negation = match w.lower.as_str() {
                "won't" => true,
                "will" => words.get(i + 1).is_some_and(|n| n.lower == "not"),
                _ => false,
            };
            let subject = i
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .is_some_and(|s| SCOPE_SUBJECTS.contains(&s.lower.as_str()) || self.product.contains(&s.lower));
            (negation && subject).then_some(i)
        });
        [negated, find_any(words, OUT_OF_SCOPE_CUES)].into_iter().flatten().min()
    }

    /// An explicit capability cue, or the product as a subject followed by a verb
    /// ("Attribution then loads …", "it shows …").
    fn capability(&self, words: &[Word]) -> Option<usize> {
        let subject = (0..words.len()).find(|&i| self.product_subject(words, i));
        let yes_if = find(words, "yes if").filter(|&i| i == 0);
        [find_any(words, CAPABILITY_CUES), subject, yes_if].into_iter().flatten().min()
    }

    fn product_subject(&self, words: &[Word], i: usize) -> bool {
        let is_name = |w: &Word| self.product.contains(&w.lower) || w.lower == "it";
        if !is_name(&words[i]) || !clause_start(words, i) {
            return false;
        }
        let mut j = i + 1;
        while words.get(j).is_some_and(|w| self.product.contains(&w.lower)) {
            j += 1;
        }
        if words.get(j).is_some_and(|w| SUBJECT_ADVERBS.contains(&w.lower.as_str())) {
            j += 1;
        }
        words.get(j).is_some_and(|w| present_verb(&w.lower))
    }
}

/// True when word `i` starts the sentence or a clause (after a comma, semicolon, colon, or
/// "and", "but", "so", "then", "while", "because").
fn clause_start(words: &[Word], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| words.get(p)) else {
        return true;
    };
    ["and", "but", "so", "then", "while", "because"].contains(&prev.lower.as_str())
        || words[i].gap.contains([',', ';', ':'])
}

/// A third-person present verb: "loads", "shows", "matches" — not "is", "has" or a word that
/// merely ends in "s".
fn present_verb(w: &str) -> bool {
    w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !NOT_VERBS.contains(&w)
}

/// True for a question: it ends with `?`, or starts like one and has no full stop
/// ("Where can I find the Principles").
fn question(text: &str, words: &[Word]) -> bool {
    let end = text.trim_end_matches(['"', '”', '’', '\'', ')', '*', '_']);
    end.ends_with('?')
        || (!end.ends_with(['.', '!', ':', ';'])
            && words.first().is_some_and(|w| QUESTION_WORDS.contains(&w.lower.as_str())))
}

/// Starts of instructions to the reader ("Click Remove …", "Run both side by side …").
fn imperative(words: &[Word]) -> bool {
    words.first().is_some_and(|w| IMPERATIVES.contains(&w.lower.as_str()))
}

/// The word index of the first hedge, or `usize::MAX` without one.
fn first_hedge(words: &[Word]) -> usize {
    let may = words.iter().position(|w| w.raw == "may"); // "May 2026" is a month
    [find_any(words, HEDGE_CUES), may].into_iter().flatten().min().unwrap_or(usize::MAX)
}

fn pricing(words: &[Word]) -> Option<usize> {
    let masked = mask_labels(words);
    let priced_amount = words.iter().enumerate().find_map(|(i, w)| {
        let per = w.lower.contains("-a-")
            || w.lower.contains("-per-")
            || find(
                &words[i + 1..words.len().min(i + 5)],
                "a|per|each|every month|year|week|day|order|user|seat|store|member|household|pipeline",
            )
            .is_some();
        (money(words, i) && per).then_some(i)
    });
    [find_any(&masked, PRICING_CUES), priced_amount].into_iter().flatten().min()
}

/// The words with capitalised words inside the sentence masked: those are names and labels
/// ("Cancel plan in Billing", "the Refunds resource"), not words about paying or promising.
/// Acronyms (GDPR, SOC) stay.
fn mask_labels<'a>(words: &[Word<'a>]) -> Vec<Word<'a>> {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let label = i > 0 && w.raw.starts_with(char::is_uppercase) && w.raw.chars().any(char::is_lowercase);
            Word { lower: if label { w.raw.to_owned() } else { w.lower.clone() }, ..*w }
        })
        .collect()
}

fn commitment(words: &[Word]) -> Option<usize> {
    let masked = mask_labels(words);
    // "we will <verb>": a promise, unless it is "we will not" (scope) or "we will be" (a
    // prediction) — "we will be able to" is a capability.
    let will = words.iter().enumerate().find_map(|(i, w)| {
        let next = match w.lower.as_str() {
            "we'll" => i + 1,
            "we" if words.get(i + 1).is_some_and(|n| n.lower == "will") => i + 2,
            _ => return None,
        };
        let verb = words.get(next)?;
        (verb.lower != "not" && verb.lower != "be").then_some(i)
    });
    [find_any(&masked, COMMITMENT_CUES), will].into_iter().flatten().min()
}

fn availability(words: &[Word], call_to_action: bool) -> Option<usize> {
    let available = words.iter().enumerate().find_map(|(i, w)| {
        let after_nothing = i.checked_sub(1).is_some_and(|p| {
            ["anything", "everything", "nothing", "not", "longer", "becomes", "become"]
                .contains(&words[p].lower.as_str())
        });
        (w.lower == "available" && !after_nothing).then_some(i)
    });
    // "today" as a launch ("available today", "today launched", "start today"), not as a
    // comparison ("5.5 hours today", "as it does today").
    let today = words.iter().enumerate().find_map(|(i, w)| {
        let near = |j: usize| words.get(j).is_some_and(|n| LAUNCH_VERBS.contains(&n.lower.as_str()));
        let launched = i == 0 || (i.saturating_sub(3)..i).any(near) || near(i + 1);
        let compared =
            (i.saturating_sub(3)..i).any(|j| ["than", "anything", "everything"].contains(&words[j].lower.as_str()));
        (w.lower == "today" && launched && !compared).then_some(i)
    });
    let acronym = words.iter().position(|w| REGION_ACRONYMS.contains(&w.raw));
    // A web address: where to get it.
    let url = words.iter().position(|w| w.gap.starts_with("://"));
    let date = (0..words.len()).find(|&i| promised_date(words, i));
    let cta = if call_to_action { find_any(words, GET_IT_CUES) } else { None };
    [find_any(words, AVAILABILITY_CUES), available, today, acronym, url, date, cta].into_iter().flatten().min()
}

/// A number that is not part of a date or a name ("March 3", "2027", "SOC 2"), or a spelled
/// number with a unit ("two hours", "two-hour").
fn quantity(words: &[Word]) -> Option<usize> {
    (0..words.len()).find(|&i| {
        let w = &words[i];
        if w.lower.starts_with(|c: char| c.is_ascii_digit()) {
            return !year(w) && !date_at(words, i) && !after_name(words, i) && !w.gap.ends_with('#');
        }
        let mut parts = w.lower.split('-');
        let first = parts.next().unwrap_or_default();
        let unit = parts.next().or_else(|| words.get(i + 1).map(|n| n.lower.as_str())).unwrap_or_default();
        SPELLED_NUMBERS.contains(&first) && UNITS.contains(&unit.trim_end_matches('s'))
    })
}

/// True when the number at `i` is a day after a month ("March 3") or the word is a month
/// followed by a number.
fn date_at(words: &[Word], i: usize) -> bool {
    let month = |j: usize| words.get(j).is_some_and(|w| MONTHS.contains(&w.raw));
    let number = |j: usize| words.get(j).is_some_and(|w| w.lower.starts_with(|c: char| c.is_ascii_digit()));
    (month(i) && number(i + 1))
        || (number(i) && i.checked_sub(1).is_some_and(month))
        || (number(i) && month(i + 1))
        || year(&words[i])
        || (words[i].lower == "quarter"
            && i.checked_sub(1).is_some_and(|p| ORDINALS.contains(&words[p].lower.as_str())))
}

/// A date something happens by: "March 3", "December 2027", "the third quarter", "by 2028" —
/// not a bare year ("created in 2019").
fn promised_date(words: &[Word], i: usize) -> bool {
    let before = |set: &[&str]| i.checked_sub(1).is_some_and(|p| set.contains(&words[p].lower.as_str()));
    (year(&words[i]) && before(&["by", "until", "from", "starting", "before", "early", "late", "mid"]))
        || (date_at(words, i) && !year(&words[i]))
}

fn year(w: &Word) -> bool {
    w.lower.len() == 4 && w.lower.parse::<u16>().is_ok_and(|y| (1900..=2099).contains(&y))
}

/// "SOC 2", "Type 2", "ISO 27001", "version 1": a number that names, not counts.
fn after_name(words: &[Word], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|p| {
        ["soc", "type", "iso", "version", "v", "tier", "level", "day"].contains(&words[p].lower.as_str())
    })
}

/// True when the word at `i` is an amount of money: after a currency sign, or before a
/// currency word ("9.99 zł").
fn money(words: &[Word], i: usize) -> bool {
    let w = &words[i];
    w.lower.starts_with(|c: char| c.is_ascii_digit())
        && (w.gap.trim_end().ends_with(['$', '€', '£', '¥'])
            || words.get(i + 1).is_some_and(|n| CURRENCIES.contains(&n.lower.as_str())))
}

/// Sentence ranges of `text`, with "6 a.m. Pacific time" kept in one sentence.
fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in prfaq_doc::text::sentences(text) {
        match out.last_mut() {
            Some(prev) if text[prev.clone()].ends_with("a.m.") || text[prev.clone()].ends_with("p.m.") => {
                prev.end = r.end;
            }
            _ => out.push(r),
        }
    }
    out
}

/// A leader quote's sentence without its quotation marks and attribution:
/// `"… a decision," said Priya Raman, …` → `… a decision`.
fn trim_quote(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start_matches(['"', '“', '‘', '\'']).len();
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        if matches!(c, '"' | '”' | '’' | '\'') && i > lead {
            let after = s[i + c.len_utf8()..].trim_start().to_lowercase();
            if ATTRIBUTION.iter().any(|a| after.starts_with(a)) {
                end = i;
                break;
            }
        }
    }
    let kept = s[lead..end].trim_end_matches([',', ' ']);
    range.start + lead..range.start + lead + kept.len()
}

// ---------------------------------------------------------------------------------------------
// Cue lists. A cue is a phrase of lower-case words separated by spaces, matched against the
// sentence's words (apostrophes kept, so "we'll" is one word). In a slot, `a|b` is either
// word, `word*` is any word starting with "word", `#` is a number, `?` is an optional word.

/// Cues of a price: words about paying, free offers, plans.
const PRICING_CUES: &[&str] = &[
    "cost|costs|price|prices|priced|pricing|pay|pays|paid|charge|charges|charged|fee|fees",
    "billed|billing|invoice|invoices|trial|discount|discounts|freemium",
    "free trial|tier|plan|delivery|shipping|version",
    "is|are|for|travel|deliver|delivers|ship|ships|stays free",
    "free of charge",
    "no fee|charge|contract|card|cost",
    "plan|plans start|starts|include|includes|cover|covers",
    "every|each|annual|monthly|yearly plan|plans",
];

/// Cues of a commitment: data handling, security and compliance, support, refunds, gates.
/// "we will <verb>" is recognised separately (not "we will not", not "we will be").
const COMMITMENT_CUES: &[&str] = &[
    "we never|always|guarantee|commit|promise|honour|honor|refund|store|keep|act|share|publish|notify|hash|delete",
    "never sell*|share*|store*|keep*|use*|charge*|rent*",
    "guarantee*",
    "refund*",
    "encrypt|encrypts|encrypted",
    "delete|deletes|deleted ? your|it|data|them|logs|records",
    "deletion",
    "soc 2|2",
    "soc2|gdpr|hipaa|ccpa|pci",
    "iso 27001",
    "data processing agreement",
    "data processor",
    "data protection officer",
    "privacy policy",
    "audit log|logs",
    "comply|complies|compliant|compliance",
    "in scope",
    "gate",
    "uptime|sla",
    "support team",
    "staffed",
    "chat with our",
    "email our",
    "call or chat|email",
    "setup call|session",
    "# hours a day",
    "data stays",
    "stays yours",
    "no copy",
];

/// Cues of where and when. "available", "today" near a launch verb, dates, web addresses and
/// region acronyms (US, UK, EU) are recognised separately.
const AVAILABILITY_CUES: &[&str] = &[
    "launch|launches|launched|launching",
    "open|opens|opened ? in|to",
    "worldwide|globally|nationwide",
    "any country",
    "countries|region|regions",
    "united states|kingdom",
    "canada|australia|germany|france|spain|italy|netherlands|poland|ireland|japan|india|brazil|mexico|singapore",
    "new zealand",
    "european union",
    "europe",
    "north|latin america",
    "iphone|ipad|ios|android|macos|linux|chromebook",
    "the web",
    "web browser*|app",
    "app store|stores",
    "google play",
];

/// In the call to action, how to get it counts as availability.
const GET_IT_CUES: &[&str] = &["visit", "download", "sign up", "order at|online", "start at", "join", "waitlist"];

/// Verbs near which "today" means "from today".
const LAUNCH_VERBS: &[&str] = &[
    "available",
    "start",
    "add",
    "order",
    "get",
    "buy",
    "download",
    "launched",
    "launches",
    "opened",
    "opens",
    "released",
    "introduced",
    "delivers",
    "ships",
];

/// Cues of what the customer can do.
const CAPABILITY_CUES: &[&str] = &[
    "can",
    "able to",
    "lets|allows|enables",
    "let you|customers|users|them",
    "automatically",
    "no code",
    "without writing|code|coding",
    "needs|requires no",
    "one-click",
    "one|single click|tap|step",
    "in one step|click|tap|place",
    "in minutes|seconds",
    "works with|across|for|on|in",
    "integrates with",
    "compatible with",
    "supports",
    "connects to|with",
];

/// Negative scope besides "we/it/version one will not".
const OUT_OF_SCOPE_CUES: &[&str] =
    &["out of scope", "not in scope", "not in version one|1", "no plans to", "is|are not included|supported|offered"];

/// Subjects of "will not" that make it scope: the team, the product, the release.
const SCOPE_SUBJECTS: &[&str] = &["we", "it", "one", "1", "v1", "product", "app", "service", "release", "launch"];

/// Reports of a test, a survey or a past result: evidence, not a promise.
const EVIDENCE_CUES: &[&str] = &[
    "in our ? test|tests|survey|surveys|prototype|pilot|pilots|beta|interviews|study|trial|trials|research",
    "in a|the ? test|tests|survey|prototype|pilot|beta|trial|study",
    "our survey|interviews",
    "the prototype",
    "told|gave|asked us",
    "last year|quarter|week|month",
    "took|arrived|closed|told|showed|saw|reached|rose|fell|grew|dropped|averaged|recovered|handled|waited",
];

/// Hedges: a sentence promises only what it says before one. "may" is recognised separately
/// (only in lower case, so that "May 2026" stays a month).
const HEDGE_CUES: &[&str] = &[
    "might|maybe|could|would|possibly|probably|likely|perhaps|potentially|hopefully|eventually",
    "hope|hoping|aim|aims|aiming|consider|considering|explore|exploring|expect|expects",
    "we believe|think",
    "should",
    "yet",
    "as soon as possible",
    "whether",
    "we will review|decide|consider|evaluate|explore|revisit|finalize|finalise|assess|investigate|determine|look|try",
    "we'll review|decide|consider|evaluate|explore|revisit|finalize|finalise|assess|investigate|determine|look|try",
];

/// Words that may sit between the product and its verb ("Attribution then loads").
const SUBJECT_ADVERBS: &[&str] =
    &["then", "also", "now", "automatically", "actually", "only", "still", "just", "already", "always", "never"];

/// Words ending in "s" that are not verbs.
const NOT_VERBS: &[&str] = &[
    "this",
    "thus",
    "plus",
    "less",
    "unless",
    "across",
    "always",
    "perhaps",
    "towards",
    "besides",
    "sometimes",
    "whereas",
    "series",
    "news",
    "various",
    "previous",
    "does",
    "has",
    "was",
    "its",
    "yours",
    "ours",
    "theirs",
    "hers",
    "stores",
    "customers",
    "users",
    "teams",
    "orders",
    "sales",
    "apps",
    "tools",
    "plans",
    "costs",
    "years",
    "days",
    "hours",
    "minutes",
    "months",
    "weeks",
];

/// First words of questions.
const QUESTION_WORDS: &[&str] =
    &["what", "where", "when", "why", "who", "which", "how", "is", "are", "do", "does", "can", "will", "should"];

/// First words of instructions to the reader.
const IMPERATIVES: &[&str] = &[
    "click", "tap", "enter", "paste", "run", "rebuild", "use", "visit", "download", "sign", "go", "open", "select",
    "choose", "export", "import", "call", "chat", "email", "contact", "start", "add", "see", "read", "check", "ask",
    "join", "type", "press", "find", "follow", "install", "log", "upload", "connect", "set", "create", "pick",
];

/// What follows a quote's closing mark in an attribution.
const ATTRIBUTION: &[&str] = &["said", "says", "adds", "added", "explains", "explained", "according"];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ORDINALS: &[&str] = &["first", "second", "third", "fourth"];

const REGION_ACRONYMS: &[&str] = &["US", "USA", "UK", "EU", "EEA"];

const CURRENCIES: &[&str] =
    &["zł", "złoty", "zloty", "dollars", "dollar", "euros", "euro", "pounds", "usd", "eur", "gbp", "cents", "yen"];

const SPELLED_NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "ninety", "hundred", "thousand", "half",
];

const UNITS: &[&str] = &["second", "minute", "hour", "day", "week", "month", "year", "percent", "time"];

// ---------------------------------------------------------------------------------------------
// Words and phrase matching.

/// One word of a sentence.
#[derive(Debug)]
struct Word<'a> {
    /// As written.
    raw: &'a str,
    /// Lower case, curly apostrophes straightened.
    lower: String,
    /// The text between the previous word and this one.
    gap: &'a str,
}

fn tokenize(text: &str) -> Vec<Word<'_>> {
    let mut prev_end = 0;
    prfaq_doc::text::words(text)
        .map(|r| {
            let raw = &text[r.clone()];
            let gap = &text[prev_end..r.start];
            prev_end = r.end;
            Word { raw, lower: raw.to_lowercase().replace('’', "'"), gap }
        })
        .collect()
}

/// The first word index where any of `cues` matches.
fn find_any(words: &[Word], cues: &[&str]) -> Option<usize> {
    cues.iter().filter_map(|c| find(words, c)).min()
}

/// The first word index where `cue` matches.
fn find(words: &[Word], cue: &str) -> Option<usize> {
    let slots: Vec<&str> = cue.split(' ').collect();
    (0..words.len()).find(|&i| matches_at(words, i, &slots))
}

fn matches_at(words: &[Word], i: usize, slots: &[&str]) -> bool {
    match slots.split_first() {
        None => true,
        Some((&"?", rest)) => matches_at(words, i, rest) || (i < words.len() && matches_at(words, i + 1, rest)),
        Some((slot, rest)) => words.get(i).is_some_and(|w| slot_matches(slot, w)) && matches_at(words, i + 1, rest),
    }
}

fn slot_matches(slot: &str, w: &Word) -> bool {
    slot.split('|').any(|alt| match alt {
        "#" => w.lower.starts_with(|c: char| c.is_ascii_digit()) || SPELLED_NUMBERS.contains(&w.lower.as_str()),
        _ => match alt.strip_suffix('*') {
            Some(stem) => w.lower.starts_with(stem),
            None => w.lower == alt,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequirementKind::{Availability, Capability, Commitment, Pricing, Quantity};

    const FRONT: &str = "---\ntitle: Acme Reports\n---\n\n# Marketers Finish Weekly Reports in 10 Minutes\n\n";

    fn doc(body: &str) -> Document {
        prfaq_doc::parse(&format!("{FRONT}{body}"))
    }

    /// The requirements of `body` as (kind, text) pairs.
    fn reqs(body: &str) -> Vec<(RequirementKind, String)> {
        extract_requirements(&doc(body)).requirements.into_iter().map(|r| (r.kind, r.statement.text)).collect()
    }

    #[track_caller]
    fn assert_req(body: &str, kind: RequirementKind, text: &str) {
        let got = reqs(body);
        assert!(got.contains(&(kind, text.to_owned())), "expected {kind:?} {text:?} in {got:#?}");
    }

    #[track_caller]
    fn assert_not_req(body: &str, text: &str) {
        let got = reqs(body);
        assert!(got.iter().all(|(_, t)| !t.contains(text)), "did not expect {text:?} in {got:#?}");
    }

    const PROBLEM: &str = "Marketers spend 6 hours a week on reports. They export five files every Monday.\n\n";

    fn faq(kind: &str, question: &str, answer: &str) -> String {
        format!(
            "SEATTLE — March 3, 2027 — Acme today launched Acme Reports.\n\n## {kind} FAQ\n\n### {question}\n{answer}\n"
        )
    }

    #[test]
    fn each_kind_is_recognised() {
        let body = faq(
            "External",
            "Does it work with my shop?",
            "You can connect Shopify in one step. Reports refresh every 15 minutes. \
             It costs $20 a month per store. It is available in Canada and the United States. \
             We will answer support chats within 2 hours.",
        );
        assert_req(&body, Capability, "You can connect Shopify in one step.");
        assert_req(&body, Quantity, "Reports refresh every 15 minutes.");
        assert_req(&body, Pricing, "It costs $20 a month per store.");
        assert_req(&body, Availability, "It is available in Canada and the United States.");
        assert_req(&body, Commitment, "We will answer support chats within 2 hours.");
    }

    #[test]
    fn kinds_are_all_kept_strongest_first() {
        let list = extract_requirements(&doc(&faq(
            "External",
            "Anything else?",
            "It costs $20 a month from today in Canada.",
        )));
        let r = list.requirements.iter().find(|r| r.statement.text.starts_with("It costs")).expect("found");
        assert_eq!(r.kind, Pricing);
        assert_eq!(r.kinds, [Pricing, Availability, Quantity]);
    }

    #[test]
    fn the_problem_paragraph_is_not_a_promise() {
        let body = format!(
            "SEATTLE — March 3, 2027 — Acme today launched Acme Reports for marketers.\n\n{PROBLEM}Acme Reports \
             builds the weekly report from your shop's orders.\n"
        );
        assert_not_req(&body, "6 hours a week");
        assert_not_req(&body, "export five files");
        assert_req(&body, Capability, "Acme Reports builds the weekly report from your shop's orders.");
    }

    #[test]
    fn questions_are_not_promises() {
        let body = faq("External", "How much does it cost?", "Why pay more? It costs $20 a month.");
        assert_not_req(&body, "Why pay more");
        assert_not_req(&body, "How much does it cost");
        assert_req(&body, Pricing, "It costs $20 a month.");
    }

    #[test]
    fn lines_and_spans_point_at_the_sentence() {
        let source = format!("{FRONT}{}", faq("External", "How much does it cost?", "Yes. It costs $20 a month."));
        let d = prfaq_doc::parse(&source);
        let list = extract_requirements(&d);
        let r = list.requirements.iter().find(|r| r.kind == Pricing).expect("pricing");
        assert_eq!(r.statement.line, 12);
        assert_eq!(&source[r.statement.span.start..r.statement.span.end], "It costs $20 a month.");
        assert_eq!(r.statement.section, "How much does it cost?");
        assert_eq!(r.statement.part, Part::ExternalFaq);
        // The headline is a promise too, on its own line.
        let h = list.requirements.iter().find(|r| r.statement.section == "headline").expect("headline");
        assert_eq!((h.kind, h.statement.line), (Quantity, 5));
    }

    #[test]
    fn customer_quotes_are_testimony_and_leader_quotes_need_a_cue() {
        let body = "SEATTLE — March 3, 2027 — Acme today launched Acme Reports.\n\n\
            \"Each of our engineers serves 40 people. Every quarter, we will publish our accuracy,\" said Pat Lee, \
            Vice President of Product at Acme.\n\n\
            \"I cut reporting to 10 minutes and you can too,\" said Sam Ortiz, Growth Lead at Example Co.\n";
        assert_not_req(body, "serves 40 people");
        assert_req(body, Commitment, "Every quarter, we will publish our accuracy");
        assert_not_req(body, "I cut reporting");
    }

    #[test]
    fn evidence_and_hedges_are_not_promises() {
        let body = faq(
            "External",
            "When can I get it?",
            "In our 40-store test, setup took 12 minutes. We expect to launch in the US first. \
             The premium version will probably be free. Pricing is TBD.",
        );
        assert_not_req(&body, "setup took");
        assert_not_req(&body, "We expect");
        assert_not_req(&body, "probably");
        assert_not_req(&body, "TBD");
    }

    #[test]
    fn negative_scope_goes_to_out_of_scope() {
        let body = faq(
            "Internal",
            "What are the legal considerations?",
            "We will not sell shopper data. We delete raw logs after 90 days. We forecast 3,000 stores. \
             You will not need a card.",
        );
        let list = extract_requirements(&doc(&body));
        let oos: Vec<&str> = list.out_of_scope.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(oos, ["We will not sell shopper data."]);
        assert_req(&body, Commitment, "We delete raw logs after 90 days.");
        // Internal answers count only for their commitments.
        assert_not_req(&body, "We forecast");
        assert_not_req(&body, "You will not need a card");
    }

    #[test]
    fn non_goal_answers_are_out_of_scope() {
        let body = faq(
            "Internal",
            "What will we NOT do?",
            "Modelling stays with the data team. We will not build dashboards.",
        );
        let list = extract_requirements(&doc(&body));
        assert_eq!(list.out_of_scope.len(), 2);
        assert!(list.requirements.iter().all(|r| r.statement.part == Part::PressRelease));
    }

    #[test]
    fn how_it_works_statements_are_capabilities_but_instructions_are_not() {
        let body = "SEATTLE — March 3, 2027 — Acme today launched Acme Reports.\n\n\
            Marketers spend 6 hours a week on reports. They export five files every Monday.\n\n\
            Acme Reports builds the weekly report from your shop's orders.\n\n\
            \"We built it for marketers,\" said Pat Lee, Vice President of Product at Acme.\n\n\
            A marketer opens Acme and picks the shops to include. Getting started is easy.\n\n\
            ## External FAQ\n\n### How do I cancel?\nClick Remove in Settings. Billing stops at the end of the month.\n";
        assert_req(body, Capability, "A marketer opens Acme and picks the shops to include.");
        assert_not_req(body, "Getting started is easy");
        assert_not_req(body, "Click Remove");
        assert_req(body, Pricing, "Billing stops at the end of the month.");
    }

    #[test]
    fn dates_and_names_are_not_quantities() {
        let words = tokenize("Tallyhouse holds a SOC 2 Type 2 report since March 3, 2027.");
        assert_eq!(quantity(&words), None);
        assert!(quantity(&tokenize("Groceries arrive within two hours.")).is_some());
        assert!(quantity(&tokenize("Pick a two-hour slot.")).is_some());
    }

    #[test]
    fn a_m_and_p_m_do_not_end_a_sentence() {
        let body = faq(
            "External",
            "How do I get help?",
            "Chat with our team from 6 a.m. to 6 p.m. Pacific time, Monday to Friday.",
        );
        assert_req(&body, Commitment, "Chat with our team from 6 a.m. to 6 p.m. Pacific time, Monday to Friday.");
    }

    #[test]
    fn the_markdown_is_a_checklist_and_the_json_is_versioned() {
        let d = doc(&faq("External", "How much does it cost?", "It costs $20 a month. We will not offer refunds."));
        let md = requirements("x.md", &d, RequirementsFormat::Markdown);
        assert!(md.starts_with("# Requirements: Acme Reports\n"), "{md}");
        assert!(
            md.contains(
                "## Pricing (1)\n\n- [ ] It costs $20 a month. (line 12, external FAQ “How much does it cost?”)"
            ),
            "{md}"
        );
        assert!(md.contains("## Out of scope (1)\n\n- We will not offer refunds. (line 12,"), "{md}");
        let v: Value = serde_json::from_str(&requirements("x.md", &d, RequirementsFormat::Json)).expect("json");
        assert_eq!(v["version"], 1);
        assert_eq!(v["file"], "x.md");
        let price =
            v["requirements"].as_array().expect("array").iter().find(|r| r["kind"] == "pricing").expect("pricing");
        assert_eq!(price["kinds"], json!(["pricing", "quantity"]));
        assert_eq!(price["line"], 12);
        assert!(price["span"]["start"].as_u64() < price["span"]["end"].as_u64());
        assert_eq!(v["out_of_scope"][0]["text"], "We will not offer refunds.");
    }

    #[test]
    fn the_dateline_is_not_a_promise_but_a_launch_today_is() {
        assert_not_req("SAN FRANCISCO — June 1, 2027 — Acme today announced Acme Reports.\n", "announced");
        assert_req(
            "SAN FRANCISCO — June 1, 2027 — Acme today launched Acme Reports.\n",
            Availability,
            "SAN FRANCISCO — June 1, 2027 — Acme today launched Acme Reports.",
        );
    }

    #[test]
    fn compatibility_and_the_product_as_subject_are_capabilities() {
        let body = faq(
            "External",
            "Does it work with my tools?",
            "Yes, if your shop runs on Shopify. Acme Reports then reads orders from Stripe. \
             Where can I find the list",
        );
        assert_req(&body, Capability, "Yes, if your shop runs on Shopify.");
        assert_req(&body, Capability, "Acme Reports then reads orders from Stripe.");
        assert_not_req(&body, "Where can I find");
    }

    #[test]
    fn out_of_scope_needs_the_team_or_the_product_as_subject() {
        let body = faq(
            "External",
            "What does it cost?",
            "Your price will not change for 12 months. Acme Reports will not support Etsy. Refunds are out of scope.",
        );
        let list = extract_requirements(&doc(&body));
        let oos: Vec<&str> = list.out_of_scope.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(oos, ["Acme Reports will not support Etsy.", "Refunds are out of scope."]);
        assert_req(&body, Pricing, "Your price will not change for 12 months.");
    }

    #[test]
    fn empty_and_odd_documents_give_an_empty_checklist() {
        for source in ["", "???", "# Title\n\nJust a line.", "## External FAQ\n### ?\n"] {
            let list = extract_requirements(&prfaq_doc::parse(source));
            assert!(list.requirements.is_empty(), "{source:?}: {list:?}");
        }
    }
}
