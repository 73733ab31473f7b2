//! STY014 shouting-headline.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY014",
    name: "shouting-headline",
    family: Family::Clarity,
    severity: Severity::Note,
    summary: "the headline is written in capitals",
    docs: Docs {
        what: "Flags the headline when it has at least three words and 70% or more of its letters are capitals. The suggestion puts it in title case, keeping well-known acronyms.",
        why: "The headline states the customer benefit in plain words; capitals make it harder to read and read as shouting, the opposite of the calm, factual tone of a Working Backwards press release.",
        flagged: "# ACME REPORTS GIVES MARKETERS THEIR MONDAYS BACK\n\nText.\n",
        clean: "# Acme Reports Gives Marketers Their Mondays Back\n\nText.\n",
    },
    check,
};

/// Words a title-case headline keeps in lower case (unless first).
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "for", "to", "in", "on", "at", "by", "with", "from", "as", "per", "vs",
];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(headline) = &cx.doc.press_release.headline else {
        return;
    };
    if !super::mostly_capitals(&headline.text, 3) {
        return;
    }
    out.emit_with(
        headline.span,
        "the headline is in capitals",
        Suggestion::replace("write it in title case", title_case(cx, &headline.text)),
    );
}

/// `text` in title case: each word capitalised, small words lower case, known acronyms kept.
fn title_case(cx: &Context<'_>, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for (i, piece) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() || cx.lex.known_acronyms.contains(bare) {
            out.push_str(piece);
        } else if !first && super::is_one_of(bare, SMALL_WORDS) {
            out.push_str(&piece.to_lowercase());
        } else {
            let mut cap = true;
            for c in piece.chars() {
                if cap && c.is_alphabetic() {
                    out.extend(c.to_uppercase());
                    cap = false;
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
        first &= bare.is_empty();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule};

    #[test]
    fn flags_a_headline_in_capitals() {
        let md = "# ACME GIVES US STORES THEIR MONDAYS BACK\n\nText.\n";
        assert_flags_at(&RULE, md, 1, "ACME GIVES US STORES THEIR MONDAYS BACK");
        let f = &run_rule(&RULE, md)[0];
        assert_eq!(
            f.suggestion.as_ref().and_then(|s| s.replacement.as_deref()),
            Some("Acme Gives US Stores Their Mondays Back")
        );
        let f = &run_rule(&RULE, "# THE END OF THE MONDAY REPORT\n\nText.\n")[0];
        assert_eq!(f.suggestion.as_ref().and_then(|s| s.replacement.as_deref()), Some("The End of the Monday Report"));
    }

    #[test]
    fn acronyms_and_short_headlines_are_fine() {
        assert_count(&RULE, "# AWS Gives US Stores Their Mondays Back\n\nText.\n", 0);
        assert_count(&RULE, "# ACME REPORTS\n\nText.\n", 0);
    }
}
