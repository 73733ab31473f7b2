//! STY013 exclamation-mark.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY013",
    name: "exclamation-mark",
    family: Family::Clarity,
    severity: Severity::Note,
    summary: "an exclamation mark where the facts should carry the excitement",
    docs: Docs {
        what: "Flags each exclamation mark (or run of them, \"!!!\") in the press release and FAQ, outside quotes and inline code.",
        why: "A press release in the Working Backwards style is plain and factual: it convinces with the customer's outcome and its numbers. An exclamation mark asks the reader to be excited instead of showing them why, and reviewers read it as marketing copy.",
        flagged: "# Acme\n\nMonday reports now take 20 minutes!\n",
        clean: "# Acme\n\nMonday reports now take 20 minutes.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (i, b) in cx.prose_blocks() {
        if super::in_quote(cx, i) {
            continue;
        }
        let text = b.text.as_str();
        let mut from = 0;
        while let Some(rel) = text[from..].find('!') {
            let start = from + rel;
            let end = start + text[start..].bytes().take_while(|&c| c == b'!').count();
            from = end;
            if b.in_code(&(start..end)) {
                continue;
            }
            // After a question mark ("?!") the "!" goes; elsewhere it becomes a period.
            let replacement = if text[..start].ends_with('?') { "" } else { "." };
            out.emit_with(
                b.source_span(start..end),
                "exclamation mark",
                Suggestion::replace("end with a period and let the facts carry the excitement", replacement),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule};

    #[test]
    fn flags_each_run_of_exclamation_marks() {
        assert_flags_at(&RULE, "# Acme\n\nIt is here!!! Try it!\n", 3, "!!!");
        assert_count(&RULE, "# Acme Is Here!\n\nIt is here!!! Try it!\n", 3);
        assert_eq!(
            run_rule(&RULE, "# Acme\n\nReady?!\n")[0].suggestion.as_ref().and_then(|s| s.replacement.as_deref()),
            Some("")
        );
    }

    #[test]
    fn leaves_code_and_quotes_alone() {
        assert_count(&RULE, "# Acme\n\nRun `make it!` now.\n", 0);
        assert_count(
            &RULE,
            "# Acme\n\n\"I got my Mondays back at last!\" said Dana Ruiz, a customer at Fernhill.\n",
            0,
        );
    }
}
