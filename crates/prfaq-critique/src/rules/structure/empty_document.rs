//! PR023 empty-document.

use prfaq_doc::{ParseIssueKind, Span};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::has_words;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR023",
    name: "empty-document",
    family: Family::Structure,
    severity: Severity::Error,
    summary: "the document has no text",
    docs: Docs {
        what: "Reports a document with no text at all, or with nothing but front matter, comments or code. The other structure rules stay silent on such a document so it gets one finding, not twenty.",
        why: "There is nothing to review yet. Working Backwards starts with the press release; `prfaq new` writes a skeleton to fill in.",
        flagged: "---\ntitle: Acme Reports\n---\n",
        clean: "---\ntitle: Acme Reports\n---\n# Acme Gives Marketers Their Mondays Back\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    let advice = || {
        Suggestion::advice(
            "start from the skeleton that `prfaq new` writes: a headline, the press release, then the FAQs",
        )
    };
    if let Some(issue) = doc.issues.iter().find(|i| i.kind == ParseIssueKind::EmptyDocument) {
        out.emit_with(issue.span, issue.message.clone(), advice());
    } else if !has_words(doc) {
        let at = doc
            .front_matter
            .as_ref()
            .map_or(Span::new(0, 0), |fm| doc.lines.line_span(&doc.source, doc.location(fm.span.start).line));
        out.emit_with(at, "the document has no text besides its front matter", advice());
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_an_empty_document_once() {
        assert_flags_at(&RULE, "", 1, "");
        assert_count(&RULE, "  \n\n", 1);
    }

    #[test]
    fn flags_front_matter_alone_at_its_first_line() {
        assert_flags_at(&RULE, RULE.docs.flagged, 1, "---");
    }

    #[test]
    fn any_word_is_enough() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "Acme.\n", 0);
    }
}
