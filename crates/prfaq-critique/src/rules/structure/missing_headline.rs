//! PR001 missing-headline.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR001",
    name: "missing-headline",
    family: Family::Structure,
    severity: Severity::Error,
    summary: "the press release has no headline",
    docs: Docs {
        what: "Checks that the document opens with a headline: a `#` heading (or a bold first line) before the press release text.",
        why: "The headline is the one line every reader sees. In Working Backwards it states the customer benefit; without it reviewers cannot tell what is launching or for whom.",
        flagged: "SEATTLE — March 3, 2027 — Acme Reports launches today for marketers.\n",
        clean: "# Acme Reports Gives E-commerce Marketers Their Monday Mornings Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today for marketers.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    if doc.press_release.headline.is_some() || doc.source.trim().is_empty() {
        return;
    }
    let at = doc
        .blocks
        .first()
        .map_or(prfaq_doc::Span::new(0, 0), |b| doc.lines.line_span(&doc.source, doc.location(b.span.start).line));
    out.emit_with(
        at,
        "the press release has no headline",
        Suggestion::advice("open with a `# ` heading that names the customer and the benefit they get"),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_first_line() {
        assert_flags_at(&RULE, "Text first.\n\n## External FAQ\n", 1, "Text first.");
    }

    #[test]
    fn press_release_heading_then_headline_is_fine() {
        assert_count(&RULE, "# Press Release\n\n## Acme Gives Marketers Their Mondays Back\n\nText.\n", 0);
    }

    #[test]
    fn empty_document_is_left_to_empty_document() {
        assert_count(&RULE, "", 0);
    }
}
