//! CUS001 vague-customer.

use std::ops::Range;

use prfaq_doc::{PrRole, text};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::block_of;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS001",
    name: "vague-customer",
    family: Family::Customer,
    severity: Severity::Warning,
    summary: "the customer is not specific: no role, no context",
    docs: Docs {
        what: "Flags a customer who is no one in particular: the front matter `customer:` value, or a \"for …\" phrase in the headline, subheadline or summary, headed by a vague word — everyone, anyone, users, customers, businesses, companies, people, teams, developers and the like. A vague word is fine when a modifier before it narrows it (\"e-commerce businesses\", \"Shopify developers\") or a clause after it does (\"users who export reports weekly\", \"teams of 5–50 engineers\"). Universal words — everyone, anyone, all users, every business, the public — are vague even with a clause: \"Everyone who eats\" is still everyone. Exempt a word with `[words] allow`.",
        why: "The first of the five customer questions is \"who is the customer?\". A product for everyone is designed for no one: the team cannot size the market, find the pain, or check the benefit with real people. Name a role, a context and a measurable pain.",
        flagged: "---\ncustomer: Everyone who eats\n---\n# MealMind Plans Your Week of Dinners\n",
        clean: "---\ncustomer: Working parents of two or more children who spend 4+ hours a week planning meals and shopping\n---\n# MealMind Plans Your Week of Dinners\n",
    },
    check,
};

/// Vague words that stay vague whatever clause follows them.
const UNIVERSAL: &[&str] = &[
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "everyone who",
    "all of us",
    "the public",
    "the world",
    "the market",
    "all users",
    "all customers",
    "every business",
    "every company",
];

/// Words that may come before the head of the customer phrase without narrowing it.
const DETERMINERS: &[&str] =
    &["the", "all", "every", "any", "each", "our", "your", "their", "its", "most", "many", "more"];

/// Quantifiers that make whatever follows universal ("all developers who …").
const QUANTIFIERS: &[&str] = &["all", "every", "any", "each"];

/// Words that open a qualifying clause or phrase after the head ("users who …", "teams of …").
const QUALIFIERS: &[&str] = &[
    "who", "whose", "that", "which", "with", "at", "in", "of", "on", "from", "across", "inside", "within", "under",
    "over", "between", "aged", "running", "using", "managing", "selling", "building",
];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    let advice = || {
        Suggestion::advice(
            "name a role, a context and a measurable pain, e.g. \"Marketing managers at mid-size e-commerce brands who spend 6+ hours a week compiling reports\"",
        )
    };
    if let Some(field) = doc.meta("customer")
        && vague_head(cx, &field.value, 0).is_some()
    {
        out.emit_with(field.span, format!("the customer \"{}\" is not specific", field.value.trim()), advice());
    }
    let pr = &doc.press_release;
    let mut blocks: Vec<usize> = [&pr.headline, &pr.subheadline]
        .into_iter()
        .flatten()
        .filter_map(|p| block_of(doc, p))
        .map(|(b, _)| b)
        .collect();
    blocks.extend(pr.part(PrRole::Summary).map(|p| p.block));
    for block in blocks {
        let b = &doc.blocks[block];
        for w in text::words(&b.text).filter(|w| b.text[w.clone()].eq_ignore_ascii_case("for")) {
            if let Some(range) = vague_head(cx, &b.text, w.end) {
                let phrase = &b.text[range.clone()];
                out.emit_with(
                    b.source_span(range.clone()),
                    format!("\"for {phrase}\" names no one in particular"),
                    advice(),
                );
            }
        }
    }
}

/// When the phrase that starts at `start` in `text` is headed by a vague customer word without
/// anything narrowing it, the range of that head (with its determiners).
fn vague_head(cx: &Context<'_>, text: &str, start: usize) -> Option<Range<usize>> {
    // The phrase runs to the first punctuation mark: "for everyone, at last" stops at the comma.
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut prev_end = start;
    for w in text::words(&text[start..]).map(|r| r.start + start..r.end + start) {
        if !text[prev_end..w.start].chars().all(char::is_whitespace) {
            break;
        }
        prev_end = w.end;
        words.push(w);
    }
    let lower = |r: &Range<usize>| text[r.clone()].to_lowercase();
    let leading = words.iter().take_while(|w| DETERMINERS.contains(&lower(w).as_str())).count();
    let phrase = words.first()?.start..words.last()?.end;
    // The vague word must be the head: right after the determiners, not after a modifier.
    let head_start = words.get(leading).map_or(phrase.end, |w| w.start);
    let (hit, entry) = cx.lex.vague_customers.find_iter(&text[phrase.clone()]).find_map(|(r, e)| {
        let r = r.start + phrase.start..r.end + phrase.start;
        (r.start == head_start || words[..leading].iter().any(|w| w.start == r.start)).then_some((r, e))
    })?;
    let first_word = words.iter().position(|w| w.start == hit.start)?;
    let universal =
        UNIVERSAL.contains(&entry) || words[..first_word].iter().any(|w| QUANTIFIERS.contains(&lower(w).as_str()));
    let head = words[0].start..hit.end;
    if universal {
        return Some(head);
    }
    let rest: Vec<&Range<usize>> = words.iter().filter(|w| w.start >= hit.end).collect();
    let qualified = match rest.as_slice() {
        [next, _, ..] => {
            let next = lower(next);
            QUALIFIERS.contains(&next.as_str()) || (next.ends_with("ing") && next.len() > 5)
        }
        _ => false,
    };
    (!qualified).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    fn customer(value: &str) -> String {
        format!("---\ncustomer: {value}\n---\n# Acme Gives Marketers Their Mondays Back\n")
    }

    #[test]
    fn flags_a_vague_front_matter_customer() {
        assert_flags_at(&RULE, &customer("Everyone who eats"), 2, "Everyone who eats");
        for vague in [
            "users",
            "All customers",
            "businesses everywhere",
            "people",
            "Developers",
            "all developers who write code",
            "the public",
        ] {
            assert_count(&RULE, &customer(vague), 1);
        }
    }

    #[test]
    fn a_qualified_or_narrowed_customer_is_specific() {
        for specific in [
            "Marketing managers at mid-size e-commerce brands who spend 6+ hours a week compiling reports",
            "Users who export more than 20 reports a week",
            "Teams of 5–50 engineers running on-call rotations",
            "Shopify developers",
            "Developers building serverless apps on AWS",
        ] {
            assert_count(&RULE, &customer(specific), 0);
        }
    }

    #[test]
    fn flags_for_phrases_in_the_subheadline_and_summary() {
        let md = "# MealMind Plans Your Week\n## Meal planning made simple for everyone\n\nSEATTLE — June 1, 2027 — MealMind launches today for busy parents, and for users.\n";
        assert_flags_at(&RULE, md, 2, "everyone");
        assert_count(&RULE, md, 2);
    }

    #[test]
    fn for_phrases_with_a_specific_customer_are_fine() {
        assert_count(
            &RULE,
            "# Acme\n\nSEATTLE — March 3, 2027 — Acme launches Pipelines for business analysts at companies with 200 to 2,000 employees, for the first time.\n",
            0,
        );
    }
}
