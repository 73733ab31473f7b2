//! PR004 missing-subheadline.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR004",
    name: "missing-subheadline",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the headline has no subheadline under it",
    docs: Docs {
        what: "Checks that a subheadline follows the headline: a deeper heading (`##` under `#`) or a short emphasised line. Reported at the headline.",
        why: "In a Working Backwards press release the subheadline is one sentence that says who the market is and what benefit they get. It carries what the short headline cannot, and reviewers read it as the pitch.",
        flagged: "# Acme Reports Gives Marketers Their Monday Mornings Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n",
        clean: "# Acme Reports Gives Marketers Their Monday Mornings Back\n## One dashboard replaces five analytics tools and cuts weekly reporting from six hours to ten minutes\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let pr = &cx.doc.press_release;
    let Some(h) = &pr.headline else {
        return;
    };
    if pr.subheadline.is_some() {
        return;
    }
    out.emit_with(
        h.span,
        "the headline has no subheadline",
        Suggestion::advice(
            "add a `##` line under the headline: one sentence naming the customer and the benefit they get",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_headline() {
        assert_flags_at(
            &RULE,
            "# Acme Gives Marketers Their Mondays Back\n\nText.\n",
            1,
            "Acme Gives Marketers Their Mondays Back",
        );
    }

    #[test]
    fn heading_or_emphasised_subheadline_is_fine() {
        assert_count(
            &RULE,
            "# Acme Gives Marketers Their Mondays Back\n## One dashboard instead of five\n\nText.\n",
            0,
        );
        assert_count(
            &RULE,
            "# Acme Gives Marketers Their Mondays Back\n\n*One dashboard instead of five*\n\nText.\n",
            0,
        );
    }

    #[test]
    fn no_headline_is_left_to_missing_headline() {
        assert_count(&RULE, "Text.\n", 0);
    }
}
