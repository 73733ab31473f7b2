//! EXT002 too-many-external-questions.

use prfaq_doc::{FaqKind, SectionKind};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::external_faq::faq_text::faq_heading;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT002",
    name: "too-many-external-questions",
    family: Family::ExternalFaq,
    severity: Severity::Note,
    summary: "the external FAQ has more questions than customers need",
    docs: Docs {
        what: "Counts the external FAQ's questions and flags more than `limits.external_questions_max` (default 10). An FAQ with no external/internal split is not counted, since it serves stakeholders as well as customers.",
        why: "The external FAQ answers the questions customers will really ask, not every question the team can think of. Past about ten, the important answers get buried; reviewers ask the author to keep what customers need before they buy and move the rest to the product's documentation.",
        flagged: concat!(
            "# Acme\n\n## External FAQ\n",
            "### How much does it cost?\n$49 a month.\n\n",
            "### Where can I get it?\nOn the Add-ons page.\n\n",
            "### When can I get it?\nToday.\n\n",
            "### Does it work with Shopify?\nYes.\n\n",
            "### Does it work on my phone?\nYes, on iPhone and Android.\n\n",
            "### How do I move my reports?\nUpload them as CSV files.\n\n",
            "### What happens to my data?\nIt stays encrypted in our data centres.\n\n",
            "### How do I get help?\nChat with us on weekdays.\n\n",
            "### How do I cancel?\nClick Cancel in Settings.\n\n",
            "### Can I export reports?\nYes, as PDF or CSV.\n\n",
            "### Can I change the colours?\nYes, in Settings.\n",
        ),
        clean: concat!(
            "# Acme\n\n## External FAQ\n",
            "### How much does it cost?\n$49 a month.\n\n",
            "### Where and when can I get it?\nToday, on the Add-ons page.\n\n",
            "### Does it work with what I use?\nYes, with Shopify, on iPhone and Android.\n\n",
            "### How do I move my reports?\nUpload them as CSV files.\n\n",
            "### What happens to my data?\nIt stays encrypted in our data centres.\n\n",
            "### How do I get help?\nChat with us on weekdays.\n\n",
            "### How do I cancel?\nClick Cancel in Settings.\n",
        ),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let max = cx.config.limits.external_questions_max;
    let n = cx.doc.faqs_of(FaqKind::External).count();
    let Some(first) = cx.doc.faqs_of(FaqKind::External).next() else {
        return;
    };
    if n <= max {
        return;
    }
    out.emit_with(
        faq_heading(cx.doc, first, &[SectionKind::ExternalFaq]),
        format!("the external FAQ has {n} questions; reviewers expect at most {max}"),
        Suggestion::advice(format!(
            "keep the {max} questions customers most need answered before they buy, merge overlapping ones, and move the rest to the documentation"
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_faq_heading() {
        assert_flags_at(&RULE, RULE.docs.flagged, 3, "External FAQ");
        assert_count(&RULE, RULE.docs.flagged, 1);
    }

    #[test]
    fn an_faq_with_no_split_is_not_counted() {
        let md = RULE.docs.flagged.replace("## External FAQ", "## FAQ");
        assert_count(&RULE, &md, 0);
    }
}
