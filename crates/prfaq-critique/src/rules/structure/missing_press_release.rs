//! PR007 missing-press-release.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::{anchor, has_words};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR007",
    name: "missing-press-release",
    family: Family::Structure,
    severity: Severity::Error,
    summary: "the document has no press release text",
    docs: Docs {
        what: "Checks that the document has press-release paragraphs before its FAQ. Fires when a document with text has no press-release body at all; reported at the headline, or at the first line.",
        why: "Working Backwards starts with the press release: it forces the team to describe the launch from the customer's side before any FAQ, design or plan. An FAQ without it answers questions about a product nobody has described.",
        flagged: "# Acme Reports\n\n## External FAQ\n### How much does it cost?\n$20 a month per store.\n",
        clean: "# Acme Reports\n\nSEATTLE — March 3, 2027 — Acme Reports launches today for e-commerce marketers.\n\n## External FAQ\n### How much does it cost?\n$20 a month per store.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    if !doc.press_release.paragraphs.is_empty() || !has_words(doc) {
        return;
    }
    out.emit_with(
        anchor(doc),
        "the document has no press release text",
        Suggestion::advice(
            "before the FAQ, write the press release: a dated summary, the problem, the solution, two quotes and a call to action",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_headline_or_the_first_line() {
        assert_flags_at(&RULE, "# Acme\n\n## FAQ\n### How much?\n$1.\n", 1, "Acme");
        assert_flags_at(&RULE, "## FAQ\n### How much?\n$1.\n", 1, "## FAQ");
    }

    #[test]
    fn a_press_release_or_an_empty_document_is_left_alone() {
        assert_count(&RULE, "# Acme\n\nAcme launches.\n", 0);
        assert_count(&RULE, "", 0);
        assert_count(&RULE, "---\ntitle: Acme\n---\n", 0);
    }
}
