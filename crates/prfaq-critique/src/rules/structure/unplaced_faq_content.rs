//! PR022 unplaced-faq-content.

use prfaq_doc::ParseIssueKind;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::trim_end;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR022",
    name: "unplaced-faq-content",
    family: Family::Structure,
    severity: Severity::Note,
    summary: "text in an FAQ belongs to no question",
    docs: Docs {
        what: "Reports text in an FAQ section before its first question, which the parser cannot attach to any question and answer.",
        why: "Every line of an FAQ should answer a question a customer or stakeholder asks. Free text at the top is usually an answer that lost its question, or an introduction reviewers will skip; either way no FAQ rule checks it.",
        flagged: "# Acme Gives Marketers Their Mondays Back\n\n## External FAQ\n\nThe price is $20 a month per store.\n\n### Where can I get it?\nIn the Acme app.\n",
        clean: "# Acme Gives Marketers Their Mondays Back\n\n## External FAQ\n\n### How much does it cost?\nThe price is $20 a month per store.\n\n### Where can I get it?\nIn the Acme app.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for issue in cx.doc.issues.iter().filter(|i| i.kind == ParseIssueKind::UnplacedFaqContent) {
        out.emit_with(
            trim_end(cx.doc, issue.span),
            issue.message.clone(),
            Suggestion::advice("put a question before this text, or move it out of the FAQ"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_text_before_the_first_question() {
        assert_flags_at(&RULE, RULE.docs.flagged, 5, "The price is $20 a month per store.");
    }

    #[test]
    fn text_under_questions_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
    }
}
