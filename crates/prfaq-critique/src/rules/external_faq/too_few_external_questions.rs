//! EXT001 too-few-external-questions.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, too_few_questions};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT001",
    name: "too-few-external-questions",
    family: Family::ExternalFaq,
    severity: Severity::Warning,
    summary: "the external FAQ has too few questions",
    docs: Docs {
        what: "Counts the questions customers would read (the external FAQ, or an FAQ with no external/internal split) and flags fewer than `limits.external_questions_min` (default 5). A document with no customer questions at all is left to `missing-external-faq`.",
        why: "Customers ask more than two or three things before they buy: price, availability, compatibility, moving from what they use today, their data, support, cancelling. A short external FAQ usually means the team has not yet imagined the customer's doubts, and those are the reviewers' doubts too.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n\n### Where can I get it?\nFrom the Add-ons page, today.\n",
        clean: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n\n### Where can I get it?\nFrom the Add-ons page, today.\n\n### Does it work with Shopify?\nYes, and with BigCommerce.\n\n### What happens to my data?\nIt stays in our United States data centres, encrypted.\n\n### How do I cancel?\nClick Cancel in Settings.\n",
    },
    check,
};

/// The topics customers ask about, in the order a suggestion lists them.
const CUSTOMER_TOPICS: &[Topic] = &[
    Topic::Pricing,
    Topic::Availability,
    Topic::Compatibility,
    Topic::Migration,
    Topic::PrivacySecurity,
    Topic::Support,
    Topic::Cancellation,
];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    too_few_questions(
        cx,
        out,
        Audience::Customers,
        cx.config.limits.external_questions_min,
        CUSTOMER_TOPICS,
        "add the questions customers will ask before they buy",
        "add the questions customers will ask before they buy",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_faq_heading() {
        assert_flags_at(&RULE, RULE.docs.flagged, 3, "External FAQ");
    }

    #[test]
    fn no_customer_questions_is_left_to_missing_external_faq() {
        assert_count(&RULE, "# Acme\n\nText.\n", 0);
        assert_count(&RULE, "# Acme\n\n## Internal FAQ\n### What is the timeline?\nMarch 3, 2027.\n", 0);
    }

    #[test]
    fn an_faq_with_no_split_counts_as_customer_questions() {
        assert_flags_at(&RULE, "# Acme\n\n## FAQ\n### How much does it cost?\n$49 a month.\n", 3, "FAQ");
    }

    #[test]
    fn internal_questions_do_not_count() {
        let md = "# Acme\n\n## External FAQ\n### How much does it cost?\n$49.\n\n## Internal FAQ\n### A?\n1.\n\n### B?\n2.\n\n### C?\n3.\n\n### D?\n4.\n";
        assert_count(&RULE, md, 1);
    }
}
