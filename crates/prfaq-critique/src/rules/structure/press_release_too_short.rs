//! PR015 press-release-too-short.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::anchor;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR015",
    name: "press-release-too-short",
    family: Family::Structure,
    severity: Severity::Note,
    summary: "the press release is too short to cover its parts",
    docs: Docs {
        what: "Flags a press release whose body has fewer words than `limits.press_release_min_words` (250 by default). Only runs when there is a press release; `missing-press-release` reports its absence. Reported at the headline.",
        why: "A Working Backwards press release has about nine parts — summary, problem, solution, two quotes, how it works, call to action — and runs 300 to 600 words. Much shorter, and some parts are missing or stated without the detail reviewers need to judge them.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today. It is one dashboard for marketers.\n",
        clean: concat!(
            "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today. It is one dashboard for marketers.\n\n",
            ten_times!(ten_times!("It reads five tools. ")),
            "\n"
        ),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let pr = &cx.doc.press_release;
    let min = cx.config.limits.press_release_min_words;
    if pr.paragraphs.is_empty() || pr.word_count >= min {
        return;
    }
    out.emit_with(
        anchor(cx.doc),
        format!(
            "the press release has {} words; a full one runs {min} to {}",
            pr.word_count, cx.config.limits.press_release_max_words
        ),
        Suggestion::advice(
            "cover each part: summary, problem, solution, leader quote, how it works, customer quote, call to action",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_headline_of_a_short_press_release() {
        assert_flags_at(&RULE, RULE.docs.flagged, 1, "Acme Gives Marketers Their Mondays Back");
        assert_flags_at(&RULE, "Acme launches today. It helps.\n", 1, "Acme launches today.");
    }

    #[test]
    fn no_press_release_is_left_to_missing_press_release() {
        assert_count(&RULE, "# Acme\n\n## FAQ\n### How much?\n$1.\n", 0);
        assert_count(&RULE, RULE.docs.clean, 0);
    }
}
