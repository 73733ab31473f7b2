//! STY007 passive-voice.

use std::ops::Range;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY007",
    name: "passive-voice",
    family: Family::Clarity,
    severity: Severity::Note,
    summary: "a passive verb hides who does the work",
    docs: Docs {
        what: "Flags a form of \"to be\" (is, are, was, were, be, been, being, am) followed — optionally through \"being\"/\"been\" and one adverb — by a past participle: a word ending in -ed or a common irregular one (done, made, built, sent, paid …). \"is launched\", \"can be adjusted\", \"is automatically sent\". States that read as adjectives (\"is based\", \"is interested\", \"are located\", \"is required\", \"is supported\") and \"used to\" are not flagged, nor are quotes.",
        why: "Amazon's writing rules ask for the active voice. \"Orders are matched to ads\" does not say who matches them — the product, the customer or a person on the team — and a reviewer has to ask; \"Attribution matches each order to the ads\" answers before the question is raised.",
        flagged: "# Acme\n\nEvery order is matched to the ads the shopper clicked.\n",
        clean: "# Acme\n\nAcme matches every order to the ads the shopper clicked.\n",
    },
    check,
};

const TO_BE: &[&str] =
    &["is", "are", "was", "were", "be", "been", "being", "am", "isn't", "aren't", "wasn't", "weren't"];

/// Adverbs that may sit between "to be" and the participle, besides words ending in -ly.
const ADVERBS: &[&str] =
    &["not", "also", "now", "already", "still", "then", "always", "never", "just", "often", "even", "only", "all"];

/// Irregular past participles.
const IRREGULAR: &[&str] = &[
    "done",
    "made",
    "given",
    "taken",
    "built",
    "written",
    "shown",
    "seen",
    "known",
    "sent",
    "found",
    "held",
    "kept",
    "left",
    "paid",
    "sold",
    "told",
    "brought",
    "bought",
    "chosen",
    "driven",
    "run",
    "spent",
    "won",
    "lost",
    "met",
    "led",
    "hidden",
    "broken",
    "forgotten",
    "stolen",
    "drawn",
    "grown",
    "thrown",
    "begun",
    "spoken",
    "frozen",
    "understood",
    "taught",
    "thought",
    "caught",
    "sought",
    "bound",
    "heard",
    "meant",
    "lent",
    "laid",
    "said",
    "struck",
    "hung",
    "fed",
    "overseen",
    "undertaken",
    "withdrawn",
    "rewritten",
    "rebuilt",
    "redone",
    "overwritten",
    "shipped",
    "put",
    "read",
    "got",
    "gotten",
];

/// Words ending in -ed after "to be" that describe a state, or are not participles at all.
const STATES: &[&str] = &[
    "based",
    "interested",
    "tired",
    "excited",
    "pleased",
    "thrilled",
    "delighted",
    "concerned",
    "surprised",
    "worried",
    "satisfied",
    "committed",
    "dedicated",
    "experienced",
    "advanced",
    "limited",
    "detailed",
    "skilled",
    "qualified",
    "complicated",
    "sophisticated",
    "talented",
    "balanced",
    "located",
    "supposed",
    "married",
    "involved",
    "hundred",
    "kindred",
    "sacred",
    "naked",
    "wicked",
    "rugged",
    "crowded",
    "bored",
    "frustrated",
    "overwhelmed",
    "convinced",
    "prepared",
    "determined",
    "focused",
    "aligned",
    "scared",
    "ashamed",
    "embarrassed",
    "amazed",
    "confused",
    "annoyed",
    "required",
    "needed",
    "supported",
    "associated",
    "deprecated",
    "intended",
    "included",
    "enabled",
    "disabled",
];

/// Participles ending in -eed (most -eed words are not participles: need, speed, indeed).
const EED: &[&str] = &["agreed", "guaranteed", "freed", "decreed"];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (i, b) in cx.prose_blocks() {
        if super::in_quote(cx, i) {
            continue;
        }
        let text = b.text.as_str();
        let words = &b.words;
        let word = |k: usize| &text[words[k].clone()];
        // True when words k and k + 1 are separated by spaces only, in the same sentence.
        let adjacent = |k: usize| {
            k + 1 < words.len() && text[words[k].end..words[k + 1].start].bytes().all(|c| c == b' ' || c == b'\t')
        };
        let mut k = 0;
        while k < words.len() {
            if !super::is_one_of(word(k), TO_BE) {
                k += 1;
                continue;
            }
            let start = k;
            let mut end = k;
            if adjacent(end) && super::is_one_of(word(end + 1), &["being", "been"]) {
                end += 1;
            }
            if adjacent(end) && is_adverb(word(end + 1)) {
                end += 1;
            }
            if adjacent(end) && is_participle(word(end + 1)) && !used_to(text, words, end + 1) {
                end += 1;
                let range: Range<usize> = words[start].start..words[end].end;
                super::flag_match(
                    out,
                    b,
                    range,
                    "passive voice",
                    Suggestion::advice(
                        "name who acts and make them the subject: \"Acme sends the report\", not \"the report is sent\"",
                    ),
                );
                k = end + 1;
            } else {
                k += 1;
            }
        }
    }
}

fn is_adverb(word: &str) -> bool {
    super::is_one_of(word, ADVERBS)
        || (word.len() > 4 && word.ends_with("ly") && word.bytes().all(|b| b.is_ascii_lowercase()))
}

fn is_participle(word: &str) -> bool {
    if super::is_one_of(word, IRREGULAR) {
        return true;
    }
    let ed = word.len() >= 5
        && word.bytes().all(|b| b.is_ascii_alphabetic())
        && word.get(word.len() - 2..).is_some_and(|e| e.eq_ignore_ascii_case("ed"));
    ed && !super::is_one_of(word, STATES)
        && (!word.get(word.len() - 3..).is_some_and(|e| e.eq_ignore_ascii_case("eed")) || super::is_one_of(word, EED))
}

/// "is used to": a habit ("we are used to exports") or a purpose, not a passive to flag.
fn used_to(text: &str, words: &[Range<usize>], k: usize) -> bool {
    text[words[k].clone()].eq_ignore_ascii_case("used")
        && words.get(k + 1).is_some_and(|w| text[w.clone()].eq_ignore_ascii_case("to"))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_to_be_and_a_participle() {
        assert_flags_at(&RULE, "# Acme\n\nThe report is launched today.\n", 3, "is launched");
        assert_flags_at(&RULE, "# Acme\n\nPlans can be adjusted.\n", 3, "be adjusted");
        assert_flags_at(&RULE, "# Acme\n\nThe feed is being built now.\n", 3, "is being built");
        assert_flags_at(&RULE, "# Acme\n\nAlerts are automatically sent.\n", 3, "are automatically sent");
        assert_flags_at(&RULE, "# Acme\n\nIt has been made for stores.\n", 3, "been made");
    }

    #[test]
    fn leaves_states_adjectives_and_used_to_alone() {
        assert_count(
            &RULE,
            "# Acme\n\nIt is based in Ohio. We are excited. We are used to exports. It is ready. It is indeed.\n",
            0,
        );
        assert_count(&RULE, "# Acme\n\nThe team is interested and the store is located in Ohio.\n", 0);
    }

    #[test]
    fn does_not_cross_sentences_or_enter_quotes() {
        assert_count(&RULE, "# Acme\n\nThat is. Launched today, it works.\n", 0);
        assert_count(
            &RULE,
            "# Acme\n\n\"My reports were finished by nine every Monday,\" said Dana Ruiz, a customer.\n",
            0,
        );
    }
}
