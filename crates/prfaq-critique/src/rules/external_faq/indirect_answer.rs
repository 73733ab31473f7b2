//! EXT009 indirect-answer.

use prfaq_doc::text;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::external_faq::faq_text::answer_sentences;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT009",
    name: "indirect-answer",
    family: Family::ExternalFaq,
    severity: Severity::Note,
    summary: "the answer's first sentence does not answer the question",
    docs: Docs {
        what: "Flags a customer FAQ answer whose first sentence does not answer: a yes-or-no question (opening with Can, Is, Does, Do, Will, Are, Should, Could, Would, Has, Have, Did, Was, Were or Am, and not an either-or question) whose answer does not open directly, or any answer that opens with filler (\"Great question\", \"It depends\", \"Well,\", \"As mentioned\"). Direct openings start with Yes, No, Not, None, Nothing, Never, Always, Only, Today, Absolutely, Certainly, Definitely, Sure, Partly, Partially, Both, Neither or a number; have \"yes\", \"no\" or a negated verb in their first six words (\"To an extent, yes\", \"The fee does not apply\"); or echo the question's verb (\"It does.\", \"You can.\").",
        why: "Readers skim the first sentence of each FAQ answer. Amazon's writing bar is that the first sentence answers the question; an answer that circles before it lands reads as evasive, and often is, because the team has not decided.",
        flagged: "# Acme\n\n## External FAQ\n### Does it work with Shopify?\nWe work with many platforms, and Shopify is one of them.\n",
        clean: "# Acme\n\n## External FAQ\n### Does it work with Shopify?\nYes. It connects to any Shopify store in one click.\n",
    },
    check,
};

/// Words that open a yes-or-no question.
const YES_NO_OPENERS: &[&str] =
    &["can", "is", "does", "do", "will", "are", "should", "could", "would", "has", "have", "did", "was", "were", "am"];

/// Words that answer a yes-or-no question directly when they open the answer.
const DIRECT: &[&str] = &[
    "yes",
    "no",
    "not",
    "none",
    "nothing",
    "never",
    "always",
    "only",
    "today",
    "absolutely",
    "certainly",
    "definitely",
    "sure",
    "partly",
    "partially",
    "both",
    "neither",
];

/// Openings that delay the answer, for any question. Those ending in a comma need it.
const FILLER: &[&str] = &[
    "great question",
    "good question",
    "excellent question",
    "interesting question",
    "that's a great question",
    "that's a good question",
    "that is a great question",
    "that is a good question",
    "thanks for asking",
    "thank you for asking",
    "it depends",
    "that depends",
    "well,",
    "so,",
    "basically,",
    "honestly,",
    "to be honest",
    "as mentioned",
    "as noted",
    "as stated",
    "as discussed",
    "as described",
    "as explained",
    "as we said",
];

/// Pronouns that, followed by the question's own verb, echo a direct answer ("It does.").
const PRONOUNS: &[&str] = &["i", "you", "it", "we", "they", "there", "this", "that", "he", "she"];

/// The verb family of an auxiliary, so "Is it…?" is answered by "It is" or "It isn't".
fn auxiliary(word: &str) -> Option<u8> {
    Some(match word {
        "is" | "are" | "am" | "was" | "were" | "isn't" | "aren't" | "wasn't" | "weren't" => 0,
        "do" | "does" | "did" | "don't" | "doesn't" | "didn't" => 1,
        "has" | "have" | "had" | "hasn't" | "haven't" => 2,
        "can" | "could" | "cannot" | "can't" | "couldn't" => 3,
        "will" | "would" | "won't" | "wouldn't" => 4,
        "should" | "shouldn't" => 5,
        _ => return None,
    })
}

/// Splits a contraction such as "it's" or "we'll" into its pronoun and verb family.
fn contraction(word: &str) -> Option<(&str, u8)> {
    let (pronoun, rest) = word.split_once('\'')?;
    let family = match rest {
        "s" | "re" | "m" => 0,
        "ve" => 2,
        "ll" => 4,
        _ => return None,
    };
    Some((pronoun, family))
}

/// How far into the answer a "yes", a "no" or a negated verb still answers directly
/// ("To an extent, yes"; "There is currently no way"; "The customer will not be charged").
const NEAR_START: usize = 6;

/// True when a word is a negated auxiliary ("doesn't", "won't", "cannot").
fn negated(word: &str) -> bool {
    word.ends_with("n't") || word == "cannot"
}

/// True when the first words of an answer answer a yes-or-no question asked with `asked`.
fn answers_directly(words: &[String], asked: u8) -> bool {
    let Some(first) = words.first() else {
        return true;
    };
    if DIRECT.contains(&first.as_str()) || first.starts_with(|c: char| c.is_ascii_digit() || c == '$') {
        return true;
    }
    let near = &words[..words.len().min(NEAR_START)];
    let yes_or_no = near.iter().any(|w| w == "yes" || w == "no");
    let said_not = near.iter().enumerate().any(|(i, w)| {
        (auxiliary(w).is_some() && negated(w))
            || (auxiliary(w).is_some() && near.get(i + 1).is_some_and(|n| n == "not" || n == "never"))
    });
    if yes_or_no || said_not {
        return true;
    }
    if let Some((pronoun, family)) = contraction(first) {
        return PRONOUNS.contains(&pronoun) && family == asked;
    }
    PRONOUNS.contains(&first.as_str()) && words.get(1).and_then(|w| auxiliary(w)) == Some(asked)
}

/// The filler phrase an answer opens with, if any.
fn filler(sentence: &str) -> Option<&'static str> {
    let lower = sentence.to_lowercase().replace('’', "'");
    FILLER.iter().copied().find(|f| {
        lower.starts_with(f)
            && (f.ends_with(',') || lower[f.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// The first few words of `sentence`, for quoting.
fn opening(sentence: &str) -> String {
    let ranges: Vec<_> = text::words(sentence).take(7).collect();
    match ranges.last() {
        Some(last) if last.end < sentence.trim_end().len() => format!("{}…", &sentence[..last.end]),
        _ => sentence.to_string(),
    }
}

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for entry in cx.doc.customer_faqs() {
        let sentences = answer_sentences(cx.doc, entry);
        let Some(first) = sentences.first() else {
            continue;
        };
        let sentence = first.text();
        if let Some(phrase) = filler(sentence) {
            // Count characters, not bytes: the phrase was matched on a lower-cased copy.
            let shown: String = sentence.chars().take(phrase.trim_end_matches(',').chars().count()).collect();
            out.emit_with(
                first.span(),
                format!("the answer opens with \"{shown}\" instead of the answer"),
                Suggestion::advice("start with the answer itself; the reader skims the first sentence"),
            );
            continue;
        }
        let question: Vec<String> =
            text::words(&entry.question.text).take(1).map(|r| entry.question.text[r].to_lowercase()).collect();
        // "Does it show all logs or only errors?" asks to choose, not yes or no.
        let either_or = entry.question.text.to_lowercase().contains(" or ");
        let Some(asked) =
            question.first().filter(|w| !either_or && YES_NO_OPENERS.contains(&w.as_str())).and_then(|w| auxiliary(w))
        else {
            continue;
        };
        let words: Vec<String> =
            text::words(sentence).take(NEAR_START).map(|r| sentence[r].to_lowercase().replace('’', "'")).collect();
        if !answers_directly(&words, asked) {
            out.emit_with(
                first.span(),
                format!("a yes-or-no question, but the answer opens \"{}\"", opening(sentence)),
                Suggestion::advice("open with \"Yes\" or \"No\" (or \"Not yet\", \"Only …\"), then explain"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    const HEAD: &str = "# Acme\n\n## External FAQ\n";

    #[test]
    fn flags_the_first_sentence_of_an_indirect_yes_no_answer() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "We work with many platforms, and Shopify is one of them.");
        let md = format!("{HEAD}### Will it be free?\nWe are considering a free tier. Details later.\n");
        assert_flags_at(&RULE, &md, 5, "We are considering a free tier.");
    }

    #[test]
    fn flags_filler_for_any_question() {
        let md = format!("{HEAD}### How much does it cost?\nGreat question! It costs $49.\n");
        assert_flags_at(&RULE, &md, 5, "Great question!");
        let md = format!("{HEAD}### How much does it cost?\nIt depends on your plan.\n");
        assert_flags_at(&RULE, &md, 5, "It depends on your plan.");
        let md = format!("{HEAD}### How much does it cost?\nWell, it costs $49.\n");
        assert_count(&RULE, &md, 1);
        let md = format!("{HEAD}### How much does it cost?\nThat’s a great question. It costs $49.\n");
        assert_flags_at(&RULE, &md, 5, "That’s a great question.");
    }

    #[test]
    fn direct_openings_pass() {
        for answer in [
            "Yes, on Shopify.",
            "No. You need BigCommerce.",
            "Not yet; Shopify comes in June.",
            "Only on Shopify Plus.",
            "Today, only in the United States.",
            "It does, through the Shopify app.",
            "It doesn't, yet.",
            "30 days, with no card.",
            "**Yes.** It connects in one click.",
        ] {
            assert_count(&RULE, &format!("{HEAD}### Does it work with Shopify?\n{answer}\n"), 0);
        }
        assert_count(&RULE, &format!("{HEAD}### Is it free?\nIt's free for 30 days.\n"), 0);
        assert_count(&RULE, &format!("{HEAD}### Can I export reports?\nYou can, as PDF or CSV.\n"), 0);
    }

    #[test]
    fn a_yes_a_no_or_a_negated_verb_near_the_start_is_direct() {
        for answer in [
            "To an extent, yes, but there are caveats.",
            "There is currently no self-service way.",
            "The customer will not be charged for shipping.",
            "Construct Hub doesn't audit packages.",
        ] {
            assert_count(&RULE, &format!("{HEAD}### Is it checked?\n{answer}\n"), 0);
        }
        let md = format!("{HEAD}### Is the training free?\nThe GSF will make a free version available online.\n");
        assert_flags_at(&RULE, &md, 5, "The GSF will make a free version available online.");
    }

    #[test]
    fn either_or_questions_are_not_yes_or_no() {
        let md = format!("{HEAD}### Will the logs show every line or only errors?\nUsers can read every line.\n");
        assert_count(&RULE, &md, 0);
    }

    #[test]
    fn echoing_a_different_verb_is_not_direct() {
        assert_count(&RULE, &format!("{HEAD}### Will it be free?\nWe are looking at options.\n"), 1);
    }

    #[test]
    fn open_questions_and_internal_answers_are_not_checked() {
        assert_count(&RULE, &format!("{HEAD}### How much does it cost?\nWe charge $49 a month.\n"), 0);
        assert_count(&RULE, "# Acme\n\n## Internal FAQ\n### Is it feasible?\nWe built a prototype.\n", 0);
        assert_count(&RULE, "# Acme\n\n## External FAQ\n### Well?\nWellness is our focus.\n", 0);
    }

    #[test]
    fn bold_questions_and_answer_labels_are_read() {
        let md = "# Acme\n\n## FAQ\n\n**Q: Is it free?**\nA: We have several plans.\n";
        assert_flags_at(&RULE, md, 6, "We have several plans.");
    }
}
