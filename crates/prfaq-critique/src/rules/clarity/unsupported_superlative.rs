//! STY011 unsupported-superlative.

use std::ops::Range;

use prfaq_doc::Span;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY011",
    name: "unsupported-superlative",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "a superlative (\"fastest\", \"the first\", \"the only\") with no proof in its sentence",
    docs: Docs {
        what: "Flags superlatives — fastest, cheapest, easiest, leading, unmatched, number one, the first, the only — in a sentence of the press release or FAQ with no number (a digit or number word outside the superlative itself) and no source (\"according to\", \"survey\", \"study\", \"benchmark\", \"research\", a URL or an `[ev:…]` citation), outside quotes. Ordinals and limiters are not claims, so \"first\" and \"only\" count only as \"the first/only X to/that/who/which …\" (\"the first app that plans a week\", not \"the first time\" or \"in the first month\"); \"best\" only after \"the\", \"our\" or \"its\" (not \"the best way to\"); \"leading\" only as an adjective (\"a leading provider\", not \"leading to\"). Negated superlatives (\"not always the best\") and questions are not claims.",
        why: "Reviewers ask of every claim \"how do you know?\". A superlative is the strongest claim a press release can make, and the Working Backwards method asks for the evidence — a benchmark, a survey, a count — next to it; without one it reads as hype, and legal will strike it before launch.",
        flagged: "# Acme\n\nAcme Reports is the fastest way for stores to see ad spend.\n",
        clean: "# Acme\n\nAcme Reports loads a store's ad spend in 2 seconds, according to our benchmark of 40 stores.\n",
    },
    check,
};

/// Words after "the first"/"the only" that make it an ordinal or a limiter, not a claim.
const ORDINAL_NOUNS: &[&str] = &[
    "time",
    "times",
    "step",
    "steps",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "quarter",
    "phase",
    "release",
    "version",
    "stage",
    "thing",
    "things",
    "one",
    "ones",
    "few",
    "way",
    "question",
    "page",
    "report",
    "change",
    "difference",
    "cost",
    "catch",
    "requirement",
    "exception",
    "person",
    "people",
    "place",
    "order",
];

/// Words that may stand before "first"/"only" in a claim.
const CLAIM_OPENERS: &[&str] = &["the", "world's", "world’s", "industry's", "industry’s", "market's", "market’s"];

/// Words that negate a superlative within the three words before it.
const NEGATIONS: &[&str] = &["not", "never", "no", "isn't", "aren't", "wasn't", "isn’t", "aren’t", "wasn’t"];

/// Words that introduce what "the first/only X" is first or only at.
const CLAIM_LINKS: &[&str] = &["to", "that", "who", "which"];

/// Words after "the best" that make it advice, not a claim.
const BEST_ADVICE: &[&str] =
    &["way", "ways", "time", "times", "part", "practice", "practices", "fit", "case", "of", "to"];

/// Phrases that show where a claim comes from.
const SOURCES: &[&str] =
    &["according to", "[ev:", "[obs:", "http", "www.", "survey", "study", "studies", "benchmark", "research"];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    super::lexicon_hits_in_sentences(cx, &cx.lex.superlatives, is_claim, |hit| {
        let sentence = hit.sentence_text();
        let r = hit.in_sentence();
        if super::is_question(sentence)
            || super::quantified(&sentence[..r.start])
            || super::quantified(&sentence[r.end..])
            || SOURCES.iter().any(|m| super::contains_ci(sentence, m))
            || cites_evidence(cx, hit.b.source_span(hit.sentence.clone()))
        {
            return;
        }
        out.emit_with(
            hit.b.source_span(hit.range.clone()),
            format!("superlative \"{}\" without proof", &sentence[r]),
            Suggestion::advice(
                "back it with a number and its source (a benchmark, a survey) in the same sentence, or drop it",
            ),
        );
    });
}

/// True when an `[ev:…]` or `[obs:…]` citation lies in `sentence`.
fn cites_evidence(cx: &Context<'_>, sentence: Span) -> bool {
    cx.doc.evidence_refs.iter().any(|e| sentence.contains(e.span))
}

/// True when the superlative `entry` at `r` of `text` is used as a claim.
fn is_claim(text: &str, r: Range<usize>, entry: &str) -> bool {
    let before = super::word_before(text, r.start);
    let after = super::word_after(text, r.end).map(|w| &text[w]);
    // "not the best", "never the fastest", "not always the simplest": a negated superlative.
    let mut at = r.start;
    for _ in 0..3 {
        let Some(w) = super::word_before(text, at) else {
            break;
        };
        if super::is_one_of(&text[w.clone()], NEGATIONS) {
            return false;
        }
        at = w.start;
    }
    let before = before.map(|w| &text[w]);
    match entry {
        "first" | "only" => {
            before.is_some_and(|b| super::is_one_of(b, CLAIM_OPENERS)) && first_or_only_claim(text, r.end)
        }
        "best" => {
            before.is_some_and(|b| super::is_one_of(b, &["the", "our", "its"]))
                && after.is_none_or(|a| !super::is_one_of(a, BEST_ADVICE))
        }
        "leading" => {
            before.is_some_and(|b| super::is_one_of(b, &["a", "an", "the", "our", "its"]))
                && after.is_some_and(|a| !super::is_one_of(a, &["to", "up"]))
        }
        _ => true,
    }
}

/// True when "first"/"only" ending at `end` is followed by a noun phrase of up to three words
/// and then "to", "that", "who" or "which" ("the first app that …"), or directly by "to"
/// ("the first to …").
fn first_or_only_claim(text: &str, end: usize) -> bool {
    let mut at = end;
    for n in 0..4 {
        let Some(w) = super::word_after(text, at) else {
            return false;
        };
        let word = &text[w.clone()];
        if super::is_one_of(word, CLAIM_LINKS) {
            return n > 0 || word.eq_ignore_ascii_case("to");
        }
        if n == 0 && (super::is_one_of(word, ORDINAL_NOUNS) || super::quantified(word)) {
            return false;
        }
        at = w.end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_superlatives_without_proof() {
        assert_flags_at(&RULE, "# Acme\n\nIt is the fastest tool.\n", 3, "fastest");
        assert_flags_at(&RULE, "# Acme\n\nIt is the first app that plans a whole week.\n", 3, "first");
        assert_flags_at(&RULE, "# Acme\n\nWe are the only company to do this.\n", 3, "only");
        assert_flags_at(&RULE, "# Acme\n\nIt is the world's first meal planner to learn.\n", 3, "first");
        assert_flags_at(&RULE, "# Acme\n\nIt is the best meal-planning experience.\n", 3, "best");
        assert_flags_at(&RULE, "# Acme\n\nAcme is a leading provider.\n", 3, "leading");
        assert_flags_at(&RULE, "# Acme\n\nWe are #1 in reporting.\n", 3, "#1");
    }

    #[test]
    fn ordinals_limiters_and_advice_are_not_claims() {
        assert_count(
            &RULE,
            "# Acme\n\nThe first report covers last year. In the first month it helped. First, open the app.\n",
            0,
        );
        assert_count(
            &RULE,
            "# Acme\n\nIt is the first time that we tried. It only takes a minute. The only catch is that it is new.\n",
            0,
        );
        assert_count(
            &RULE,
            "# Acme\n\nThe best way to start is small. It works best for stores. It is leading to churn. It is not perfect.\n",
            0,
        );
    }

    #[test]
    fn numbers_and_sources_are_proof() {
        assert_count(&RULE, "# Acme\n\nIt is the fastest tool, at 2 seconds per report.\n", 0);
        assert_count(&RULE, "# Acme\n\nIt is the cheapest option according to Gartner.\n", 0);
        assert_count(&RULE, "# Acme\n\nIn our survey it was the easiest tool.\n", 0);
        assert_count(&RULE, "# Acme\n\nThe city's three largest chains match our prices.\n", 0);
    }

    #[test]
    fn leaves_quotes_alone() {
        assert_count(
            &RULE,
            "# Acme\n\n\"It is simply the best tool we have ever used,\" said Dana Ruiz, a customer.\n",
            0,
        );
    }
}
