//! PR006 malformed-dateline.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR006",
    name: "malformed-dateline",
    family: Family::Structure,
    severity: Severity::Note,
    summary: "the dateline is not in `CITY — DATE —` form",
    docs: Docs {
        what: "Flags a dateline that was recognised (a date near the start of the first paragraph) but is not in the canonical `CITY — DATE —` form.",
        why: "The canonical dateline names the city and the launch date before the first word of news, as real press releases do. A loose date buried in a sentence is easy to miss, and reviewers cannot tell at a glance when and where the launch happens.",
        flagged: "# Acme Reports Gives Marketers Their Monday Mornings Back\n\nOn March 3, Acme launched Reports for e-commerce marketers.\n",
        clean: "# Acme Reports Gives Marketers Their Monday Mornings Back\n\nSEATTLE — March 3, 2027 — Acme launched Reports for e-commerce marketers.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(d) = &cx.doc.press_release.dateline else {
        return;
    };
    if d.well_formed {
        return;
    }
    out.emit_with(
        d.span,
        format!("the dateline \"{}\" is not in `CITY — DATE —` form", d.text.trim()),
        Suggestion::advice(
            "open the first paragraph with the city in capitals and the full date: `SEATTLE — March 3, 2027 — `",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_a_loose_dateline() {
        assert_flags_at(&RULE, "# Acme\n\nOn March 3, Acme launched Reports.\n", 3, "On March 3");
    }

    #[test]
    fn canonical_or_missing_datelines_are_left_alone() {
        assert_count(&RULE, "# Acme\n\nSEATTLE — March 3, 2027 — Acme launched Reports.\n", 0);
        assert_count(&RULE, "# Acme\n\nAcme launched Reports.\n", 0);
    }
}
