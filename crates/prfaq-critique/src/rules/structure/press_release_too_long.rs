//! PR014 press-release-too-long.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::anchor;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR014",
    name: "press-release-too-long",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the press release is longer than one page",
    docs: Docs {
        what: "Flags a press release whose body (headline and FAQ excluded) has more words than `limits.press_release_max_words` (600 by default, about one page). Reported at the headline.",
        why: "The press release is \"always less than one page\" (Bryar and Carr, Working Backwards). The limit forces the team to choose the one benefit that matters; a long press release is usually several products, or a feature list, and readers lose the thread.",
        flagged: concat!(
            "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n",
            ten_times!(ten_times!("Acme Reports adds one more chart. ")),
            "\n"
        ),
        clean: concat!(
            "# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n\n",
            ten_times!("Acme Reports adds one more chart. "),
            "\n"
        ),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let words = cx.doc.press_release.word_count;
    let max = cx.config.limits.press_release_max_words;
    if words > max {
        out.emit_with(
            anchor(cx.doc),
            format!("the press release has {words} words; keep it under {max}, about one page"),
            Suggestion::advice("keep the one benefit that matters; move details to the FAQ and cut feature lists"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::config::Config;
    use crate::testing::{assert_count, assert_flags_at, run_rule_with};

    #[test]
    fn flags_the_headline_of_a_long_press_release() {
        assert_flags_at(&RULE, RULE.docs.flagged, 1, "Acme Gives Marketers Their Mondays Back");
    }

    #[test]
    fn the_limit_is_configurable() {
        assert_count(&RULE, RULE.docs.clean, 0);
        let config =
            Config::from_toml("[limits]\npress_release_max_words = 20\npress_release_min_words = 10").expect("valid");
        assert_eq!(run_rule_with(&RULE, RULE.docs.clean, &config).len(), 1);
    }
}
