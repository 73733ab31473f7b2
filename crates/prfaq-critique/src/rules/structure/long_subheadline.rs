//! PR024 long-subheadline.

use prfaq_doc::text;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR024",
    name: "long-subheadline",
    family: Family::Structure,
    severity: Severity::Note,
    summary: "the subheadline is longer than one short sentence",
    docs: Docs {
        what: "Flags a subheadline with more words than `limits.subheadline_max_words` (35 by default).",
        why: "The subheadline is one sentence: who the customer is and the benefit they get. When it grows into a paragraph it competes with the summary, and the reader skims both.",
        flagged: "# Acme Reports Gives Marketers Their Monday Mornings Back\n## One dashboard that connects to your ad accounts, your email tool, your store and your analytics suite, pulls every number into one place each night, and cuts weekly reporting for marketing managers at mid-size e-commerce brands from six hours to ten minutes\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n",
        clean: "# Acme Reports Gives Marketers Their Monday Mornings Back\n## One dashboard replaces five analytics tools and cuts weekly reporting from six hours to ten minutes\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(s) = &cx.doc.press_release.subheadline else {
        return;
    };
    let words = text::word_count(&s.text);
    let max = cx.config.limits.subheadline_max_words;
    if words > max {
        out.emit_with(
            s.span,
            format!("the subheadline has {words} words; keep it to one sentence of {max} or fewer"),
            Suggestion::advice("keep the customer and the benefit; move the details to the summary paragraph"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_a_long_subheadline() {
        let sub = (1..=36).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        assert_flags_at(&RULE, &format!("# Acme Gives Marketers Their Mondays Back\n## {sub}\n\nText.\n"), 2, &sub);
    }

    #[test]
    fn a_short_subheadline_is_fine() {
        assert_count(
            &RULE,
            "# Acme Gives Marketers Their Mondays Back\n## One dashboard instead of five\n\nText.\n",
            0,
        );
    }
}
