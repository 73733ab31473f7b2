//! PR002 long-headline.

use prfaq_doc::text;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR002",
    name: "long-headline",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the headline is too long to read at a glance",
    docs: Docs {
        what: "Flags a headline with more words than `limits.headline_max_words` (15 by default).",
        why: "The headline is the one line every reader sees. Working Backwards asks for the customer benefit in a few plain words; a long headline usually hides two ideas, and the reader keeps neither.",
        flagged: "# Acme Reports Gives E-commerce Marketers at Mid-size Brands Their Monday Mornings Back by Replacing Five Analytics Tools With One Dashboard\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n",
        clean: "# Acme Reports Gives E-commerce Marketers Their Monday Mornings Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(h) = &cx.doc.press_release.headline else {
        return;
    };
    let words = text::word_count(&h.text);
    let max = cx.config.limits.headline_max_words;
    if words > max {
        out.emit_with(
            h.span,
            format!("the headline has {words} words; keep it to {max} or fewer"),
            Suggestion::advice("keep only the customer and the benefit; move the rest to the subheadline"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_headline_over_the_limit() {
        let md = "# One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen\n\nText.\n";
        assert_flags_at(
            &RULE,
            md,
            1,
            "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen",
        );
    }

    #[test]
    fn a_headline_at_the_limit_is_fine() {
        assert_count(
            &RULE,
            "# One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen\n\nText.\n",
            0,
        );
        assert_count(&RULE, "Text without a headline.\n", 0);
    }
}
