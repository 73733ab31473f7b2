//! PR005 missing-dateline.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::lead_sentence;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR005",
    name: "missing-dateline",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the first paragraph does not open with a city and launch date",
    docs: Docs {
        what: "Checks that the first press-release paragraph opens with a dateline, `CITY — DATE —`. Reported at the paragraph's first sentence.",
        why: "A Working Backwards press release is written as if on launch day: the summary opens with the city and the launch date. Writing the date commits the team to a launch it can be held to, and makes the document read as a real announcement.",
        flagged: "# Acme Reports Gives Marketers Their Monday Mornings Back\n\nAcme Reports launches today for e-commerce marketers.\n",
        clean: "# Acme Reports Gives Marketers Their Monday Mornings Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today for e-commerce marketers.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let pr = &cx.doc.press_release;
    let Some(first) = pr.paragraphs.first() else {
        return;
    };
    if pr.dateline.is_some() {
        return;
    }
    out.emit_with(
        lead_sentence(cx.doc, first.block),
        "the press release has no dateline",
        Suggestion::advice("open the first paragraph with the city and launch date: `SEATTLE — March 3, 2027 — `"),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_first_sentence_of_the_summary() {
        assert_flags_at(
            &RULE,
            "# Acme Gives Marketers Their Mondays Back\n\nAcme launches today. It is new.\n",
            3,
            "Acme launches today.",
        );
    }

    #[test]
    fn strict_and_loose_datelines_are_left_alone() {
        assert_count(&RULE, "# Acme\n\nSEATTLE — March 3, 2027 — Acme launches today.\n", 0);
        assert_count(&RULE, "# Acme\n\nOn March 3, Acme launched Reports.\n", 0);
    }

    #[test]
    fn no_press_release_is_left_to_missing_press_release() {
        assert_count(&RULE, "# Acme\n", 0);
    }
}
