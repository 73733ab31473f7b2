//! CUS005 pain-not-measurable.

use prfaq_doc::text;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::is_number_word;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS005",
    name: "pain-not-measurable",
    family: Family::Customer,
    severity: Severity::Note,
    summary: "the customer definition has no measurable pain",
    docs: Docs {
        what: "Flags a front matter `customer:` with no number (in digits or words) and no word of time, cost or frequency (hours, weeks, daily, cost, spend, pay, per, every, $ …). \"Marketing managers … who spend 6+ hours a week compiling reports\" passes.",
        why: "A pain you can measure is a pain you can check: in interviews, in the beta, and after launch. \"6 hours a week\" tells reviewers how big the problem is and gives the press release a baseline for its benefit; \"struggle with reporting\" does neither.",
        flagged: "---\ncustomer: Marketing managers at e-commerce brands who struggle with reporting\n---\n# Acme Reports Gives Marketers Their Mondays Back\n",
        clean: "---\ncustomer: Marketing managers at e-commerce brands who spend 6+ hours a week compiling reports\n---\n# Acme Reports Gives Marketers Their Mondays Back\n",
    },
    check,
};

/// Words that measure a pain in time, money or frequency.
const MEASURES: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "hourly",
    "day",
    "days",
    "daily",
    "week",
    "weeks",
    "weekly",
    "weekend",
    "weekends",
    "month",
    "months",
    "monthly",
    "quarter",
    "quarterly",
    "year",
    "years",
    "yearly",
    "annual",
    "annually",
    "nightly",
    "overnight",
    "every",
    "each",
    "per",
    "times",
    "twice",
    "always",
    "cost",
    "costs",
    "spend",
    "spends",
    "spending",
    "spent",
    "pay",
    "pays",
    "paying",
    "paid",
    "dollar",
    "dollars",
    "euro",
    "euros",
    "money",
    "budget",
    "price",
    "prices",
    "fee",
    "fees",
    "expense",
    "expenses",
    "overtime",
    "wait",
    "waits",
    "waiting",
    "late",
    "delay",
    "delays",
    "deadline",
    "deadlines",
];

/// Numbers in words, beside the shared ones of [`crate::rules::is_number_word`].
const MORE_NUMBER_WORDS: &[&str] = &["one", "dozens"];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(field) = cx.doc.meta("customer") else {
        return;
    };
    let value = field.value.as_str();
    if text::has_number(value) || value.contains(['$', '€', '£', '¥', '₹', '%']) {
        return;
    }
    let measured = text::words(value).any(|w| {
        let w = value[w].to_lowercase();
        MEASURES.contains(&w.as_str()) || is_number_word(&w, MORE_NUMBER_WORDS)
    });
    if measured {
        return;
    }
    out.emit_with(
        field.span,
        format!("the customer \"{}\" has no measurable pain", value.trim()),
        Suggestion::advice("add the pain with a number: hours lost, money spent, how often, e.g. \"who spend 6+ hours a week compiling reports\""),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    fn customer(value: &str) -> String {
        format!("---\ncustomer: {value}\n---\n# Acme\n")
    }

    #[test]
    fn flags_the_customer_value() {
        assert_flags_at(&RULE, &customer("Everyone who eats"), 2, "Everyone who eats");
        assert_count(&RULE, RULE.docs.flagged, 1);
    }

    #[test]
    fn numbers_and_measures_pass() {
        for measured in [
            "Marketing managers who spend 6+ hours a week compiling reports",
            "Analysts who wait two weeks for each data feed",
            "Store owners who pay for five tools",
            "Parents who plan meals every evening",
        ] {
            assert_count(&RULE, &customer(measured), 0);
        }
        assert_count(&RULE, "# Acme\n", 0);
    }
}
