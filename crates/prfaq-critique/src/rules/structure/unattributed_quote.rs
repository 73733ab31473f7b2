//! PR012 unattributed-quote.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR012",
    name: "unattributed-quote",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "a quote does not say who said it",
    docs: Docs {
        what: "Flags each press-release quote with no speaker: no \"said Name, Title\" or \"— Name\" after it and no \"Name said:\" before it. Reported at the quoted words.",
        why: "A quote is only worth its speaker: a named leader commits to the reason for building, a named customer (even an illustrative one) makes the benefit concrete. An anonymous quote reads as the author's own claim in quotation marks.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n*Customer quote*: I got my Monday mornings back.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n\"I got my Monday mornings back,\" said Sam Ortiz, Growth Lead at Example Co.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for q in cx.doc.quotes.iter().filter(|q| q.speaker.as_deref().is_none_or(|s| s.trim().is_empty())) {
        out.emit_with(
            q.span,
            "this quote is not attributed to anyone",
            Suggestion::advice("end it with who said it: \"…,\" said Name, Title at Company."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_quoted_words() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "I got my Monday mornings back.");
        assert_flags_at(
            &RULE,
            "# Acme\n\nAcme launches.\n\n> Reports used to eat my whole Monday morning.\n",
            5,
            "Reports used to eat my whole Monday morning.",
        );
    }

    #[test]
    fn attributed_quotes_are_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(
            &RULE,
            "# Acme\n\nAcme launches.\n\n> Reports used to eat my whole Monday morning.\n>\n> — Sam Ortiz, Growth Lead\n",
            0,
        );
    }
}
