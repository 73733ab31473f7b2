//! CUS008 uncited-pain-claim.

use std::ops::Range;
use std::sync::LazyLock;

use prfaq_doc::{Document, QuoteKind, Span, text};

use crate::context::Context;
use crate::evidence::{citations_in, claim_blocks};
use crate::finding::Suggestion;
use crate::lexicon::Lexicon;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS008",
    name: "uncited-pain-claim",
    family: Family::Customer,
    severity: Severity::Warning,
    summary: "a customer-pain claim cites no observation or evidence",
    docs: Docs {
        what: "In a document that rests on evidence, flags each sentence of the press release's problem paragraphs and of its customer quotes that claims a pain (struggle, spend, waste or lose time, frustrated, can't, have to, forced to, hard, manual, error-prone, miss, delay, complain, churn, abandon, give up …) when neither it nor the next sentence of the same paragraph cites an observation or evidence item (`[obs:N]`, `[ev:ID]`); looking one sentence on allows \"Claim. [obs:3]\". A pain word right after a negation or a reduction (\"no longer have to\", \"don't spend\", \"never miss\", \"reduce wasted\", \"avoid delays\") is a benefit, not a claim. A customer quote found word for word in an evidence item is the customer's own words and needs no citation. The rule runs only when the document cites at least one `[obs:]` or `[ev:]` anywhere, its front matter says `basis: prototype` or `basis: evidence`, or it is checked against an evidence store that holds items (`prfaq check` finds `prfaq-evidence.db` beside the document): a document that never claimed to rest on evidence is left to the other customer rules.",
        why: "Working Backwards asks that the customer's pain be real, not imagined. When the draft comes from a prototype's observation log or from collected evidence (support tickets, interviews, survey answers), every pain it claims should point at what was seen; a pain with no citation is the author's guess dressed as a finding, and reviewers cannot tell the two apart.",
        flagged: "---\nbasis: prototype\n---\n# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketers spend six hours every Monday copying numbers from five tools.\n",
        clean: "---\nbasis: prototype\n---\n# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\nMarketers spend six hours every Monday copying numbers from five tools [obs:3]. Four of the five we watched missed an error in the totals. [obs:4]\n",
    },
    check,
};

/// Words that claim a customer pain: effort, lost time or money, blockers, errors, delays and
/// the ways customers walk away. Matched case-insensitively at word boundaries.
const PAIN_WORDS: &[&str] = &[
    "struggle",
    "struggles",
    "struggled",
    "struggling",
    "spend",
    "spends",
    "spent",
    "spending",
    "waste",
    "wastes",
    "wasted",
    "wasting",
    "lose",
    "loses",
    "lost",
    "losing",
    "frustrated",
    "frustrating",
    "frustrates",
    "frustration",
    "can't",
    "can’t",
    "cannot",
    "unable to",
    "couldn't",
    "couldn’t",
    "could not",
    "have to",
    "has to",
    "had to",
    "having to",
    "forced to",
    "must",
    "hard",
    "harder",
    "difficult",
    "difficulty",
    "pain",
    "painful",
    "tedious",
    "time-consuming",
    "cumbersome",
    "confusing",
    "manual",
    "manually",
    "by hand",
    "error-prone",
    "error",
    "errors",
    "mistake",
    "mistakes",
    "miss",
    "misses",
    "missed",
    "delay",
    "delays",
    "delayed",
    "late",
    "wait",
    "waits",
    "waiting",
    "complain",
    "complains",
    "complained",
    "complaint",
    "complaints",
    "churn",
    "churns",
    "churned",
    "abandon",
    "abandons",
    "abandoned",
    "give up",
    "gives up",
    "gave up",
    "giving up",
    "stuck",
    "wrong",
    "broken",
    "stale",
    "out of date",
    "fail",
    "fails",
    "failed",
];

/// Words that, just before a pain word, turn it into a benefit: negations ("no longer have
/// to", "never miss") and reductions ("reduce wasted packaging", "avoid delays").
const BENEFIT_TURNS: &[&str] = &[
    "no",
    "longer",
    "never",
    "not",
    "don't",
    "don’t",
    "doesn't",
    "doesn’t",
    "didn't",
    "didn’t",
    "won't",
    "won’t",
    "without",
    "stop",
    "stops",
    "stopped",
    "reduce",
    "reduces",
    "reducing",
    "avoid",
    "avoids",
    "avoiding",
    "prevent",
    "prevents",
    "preventing",
    "eliminate",
    "eliminates",
    "eliminating",
    "fewer",
    "less",
];

/// How many words before a pain word are searched for a benefit turn.
const TURN_WINDOW: usize = 2;

/// Front matter `basis:` values that say the document rests on evidence.
const EVIDENCE_BASES: &[&str] = &["prototype", "evidence"];

/// [`PAIN_WORDS`] compiled once.
static PAIN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(PAIN_WORDS.iter().copied(), &[]));

/// Words of a claim shown in a finding's message before it is cut with "…".
const EXCERPT_WORDS: usize = 12;

/// True when the document claims to rest on evidence: it cites some, or says so.
fn evidence_based(doc: &Document) -> bool {
    !doc.evidence_refs.is_empty()
        || doc.meta("basis").is_some_and(|f| EVIDENCE_BASES.iter().any(|b| f.value.trim().eq_ignore_ascii_case(b)))
}

/// True when the words just before `at` in `sentence` turn the pain that follows into a benefit.
fn turned(sentence: &str, at: usize) -> bool {
    let before: Vec<Range<usize>> = text::words(&sentence[..at]).collect();
    before[before.len().saturating_sub(TURN_WINDOW)..]
        .iter()
        .any(|w| BENEFIT_TURNS.iter().any(|n| sentence[w.clone()].eq_ignore_ascii_case(n)))
}

/// The claim as a message shows it: its first words, without opening quote marks (the message
/// quotes it) or closing punctuation.
fn excerpt(sentence: &str) -> String {
    let sentence = sentence.trim_start_matches(['"', '“', '”', '\'', '‘']);
    let words: Vec<Range<usize>> = text::words(sentence).collect();
    match words.get(EXCERPT_WORDS) {
        Some(cut) => format!("{}…", sentence[..cut.start].trim_end().trim_end_matches([',', ';', ':'])),
        None => sentence.trim().trim_end_matches(['.', '!', '?', ',', ';', ':']).to_string(),
    }
}

/// True when the document rests on evidence: it cites some, says so, or an evidence store with
/// items was consulted.
pub(crate) fn rests_on_evidence(cx: &Context<'_>) -> bool {
    evidence_based(cx.doc) || cx.evidence.is_some_and(|f| f.store_items > 0)
}

/// The indices (into [`Context::block_sentences`]) of `block`'s sentences that claim a pain.
pub(crate) fn pain_sentences(cx: &Context<'_>, block: usize) -> Vec<usize> {
    let b = &cx.doc.blocks[block];
    cx.block_sentences(block)
        .iter()
        .enumerate()
        .filter(|(_, range)| {
            let sentence = &b.text[(*range).clone()];
            PAIN.find_iter(sentence)
                .any(|(r, _)| !b.in_code(&(r.start + range.start..r.end + range.start)) && !turned(sentence, r.start))
        })
        .map(|(i, _)| i)
        .collect()
}

/// True when `span` lies in a customer quote the evidence traces to an item's words.
fn in_traced_quote(cx: &Context<'_>, span: Span) -> bool {
    let Some(facts) = cx.evidence else {
        return false;
    };
    cx.doc.quotes.iter().any(|q| {
        q.kind == QuoteKind::Customer
            && q.span.start < span.end
            && span.start < q.span.end
            && facts.source_of_quote(&q.text).is_some()
    })
}

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    if !rests_on_evidence(cx) {
        return;
    }
    let cites = |span: Span| citations_in(doc, span).next().is_some();
    for block in claim_blocks(doc) {
        let b = &doc.blocks[block];
        let sentences = cx.block_sentences(block);
        for i in pain_sentences(cx, block) {
            let range = sentences[i].clone();
            let span = b.source_span(range.clone());
            let next = sentences.get(i + 1).map(|n| b.source_span(n.clone()));
            if cites(span) || next.is_some_and(cites) || in_traced_quote(cx, span) {
                continue;
            }
            out.emit_with(
                span,
                format!("\"{}\" claims a customer pain but cites no observation or evidence", excerpt(&b.text[range])),
                Suggestion::advice(
                    "cite the observation or evidence behind it ([obs:N] from the prototype log, [ev:ID] from the evidence), or cut the claim",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule};

    const HEAD: &str = "# Acme Gives Marketers Their Mondays Back\n\n### Problem\n\n";

    fn prototype(body: &str) -> String {
        format!("---\nbasis: prototype\n---\n{HEAD}{body}\n")
    }

    #[test]
    fn flags_the_uncited_claim_with_what_it_claims() {
        assert_flags_at(
            &RULE,
            RULE.docs.flagged,
            8,
            "Marketers spend six hours every Monday copying numbers from five tools.",
        );
        let found = run_rule(&RULE, RULE.docs.flagged);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("\"Marketers spend six hours every Monday copying numbers from five tools\""),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn each_uncited_claim_is_flagged_and_cited_ones_are_not() {
        let md = prototype(
            "Marketers copy numbers from five tools. They spend six hours on it [obs:1]. The totals are often wrong [obs:2]. Reports go out late, and managers complain.",
        );
        // The first sentence claims no pain; the next two cite theirs; the last does not.
        assert_flags_at(&RULE, &md, 8, "Reports go out late, and managers complain.");
        assert_count(&RULE, &md, 1);
    }

    #[test]
    fn a_citation_in_the_next_sentence_covers_the_claim() {
        assert_count(&RULE, &prototype("Marketers spend six hours every Monday on reports. [obs:3]"), 0);
        assert_count(
            &RULE,
            &prototype("Marketers spend six hours every Monday on reports. In the prototype log, 4 of 5 did [obs:3]."),
            0,
        );
        // Two sentences on is too far.
        assert_count(
            &RULE,
            &prototype("Marketers spend six hours every Monday on reports. It is the first job of the week. [obs:3]"),
            1,
        );
    }

    #[test]
    fn runs_only_on_documents_that_rest_on_evidence() {
        let body = "Marketers spend six hours every Monday copying numbers from five tools.";
        assert_count(&RULE, &format!("{HEAD}{body}\n"), 0);
        assert_count(&RULE, &format!("---\nbasis: intuition\n---\n{HEAD}{body}\n"), 0);
        assert_count(&RULE, &format!("---\nbasis: Evidence\n---\n{HEAD}{body}\n"), 1);
        // A citation anywhere, even in the internal FAQ, makes the document evidence-based.
        assert_count(
            &RULE,
            &format!(
                "{HEAD}{body}\n\n## Internal FAQ\n### Is it feasible?\nYes: the prototype matched 78% [ev:proto].\n"
            ),
            1,
        );
    }

    #[test]
    fn customer_quotes_are_checked() {
        let md = "---\nbasis: prototype\n---\n# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today for marketing managers.\n\n\"I used to lose every Monday morning to spreadsheets,\" said Dana Whitfield, a marketing manager and Acme customer.\n";
        assert_flags_at(
            &RULE,
            md,
            8,
            "\"I used to lose every Monday morning to spreadsheets,\" said Dana Whitfield, a marketing manager and Acme customer.",
        );
        let found = run_rule(&RULE, md);
        assert!(found[0].message.starts_with("\"I used to lose every Monday"), "{}", found[0].message);
        assert_count(&RULE, &md.replace("customer.\n", "customer. [obs:7]\n"), 0);
    }

    #[test]
    fn negated_or_reduced_pain_words_are_benefits() {
        assert_count(
            &RULE,
            &prototype("With Acme, marketers no longer have to copy numbers, and they never miss a deadline."),
            0,
        );
        assert_count(&RULE, &prototype("Marketers don't spend Mondays on reports any more."), 0);
        assert_count(&RULE, &prototype("The goal is to reduce wasted packaging and avoid delays."), 0);
    }

    #[test]
    fn other_paragraphs_are_not_checked() {
        let md = "---\nbasis: prototype\n---\n# Acme Gives Marketers Their Mondays Back\n\n### Solution\n\nAcme removes the manual work marketers struggle with.\n";
        assert_count(&RULE, md, 0);
    }
}
