//! CUS003 missing-customer-definition.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::{anchor, has_words};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS003",
    name: "missing-customer-definition",
    family: Family::Customer,
    severity: Severity::Note,
    summary: "the front matter does not define the customer",
    docs: Docs {
        what: "Checks that the front matter has a `customer:` field. Reported at the front matter's first line, or at the headline when there is no front matter.",
        why: "\"Who is the customer?\" is the first of the five customer questions. Writing it down in one line — a role, a context, a measurable pain — gives every reviewer the same target, and lets the other customer rules check the press release against it.",
        flagged: "---\ntitle: Acme Reports\n---\n# Acme Reports Gives Marketers Their Mondays Back\n",
        clean: "---\ntitle: Acme Reports\ncustomer: Marketing managers at mid-size e-commerce brands who spend 6+ hours a week compiling reports\n---\n# Acme Reports Gives Marketers Their Mondays Back\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    if doc.meta("customer").is_some() || !has_words(doc) {
        return;
    }
    let at = doc
        .front_matter
        .as_ref()
        .map_or_else(|| anchor(doc), |fm| doc.lines.line_span(&doc.source, doc.location(fm.span.start).line));
    out.emit_with(
        at,
        "the front matter does not say who the customer is",
        Suggestion::advice(
            "add `customer: <role> at <context> who <measurable pain>` to the front matter, e.g. \"Marketing managers at mid-size e-commerce brands who spend 6+ hours a week compiling reports\"",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_front_matter_or_the_headline() {
        assert_flags_at(&RULE, RULE.docs.flagged, 1, "---");
        assert_flags_at(
            &RULE,
            "# Acme Gives Marketers Their Mondays Back\n\nText.\n",
            1,
            "Acme Gives Marketers Their Mondays Back",
        );
    }

    #[test]
    fn a_customer_field_or_an_empty_document_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "", 0);
        assert_count(&RULE, "---\ncustomer: \n---\n# Acme\n", 1);
    }
}
