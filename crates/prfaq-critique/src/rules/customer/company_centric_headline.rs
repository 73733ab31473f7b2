//! CUS006 company-centric-headline.

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::block_of;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "CUS006",
    name: "company-centric-headline",
    family: Family::Customer,
    severity: Severity::Warning,
    summary: "the headline is about the company, not the customer",
    docs: Docs {
        what: "Flags a headline of the form \"<Company> announces / launches / releases / introduces / unveils / debuts …\" or \"<Company> is excited (thrilled, proud, pleased) to …\", and one that opens with \"Introducing\" or \"Announcing\". Reported at the company and its verb.",
        why: "Working Backwards writes the headline from the customer's side: who gains what. \"Acme announces X\" is news for Acme; the customer reading it learns only that a company did something. Lead with the customer and the outcome instead.",
        flagged: "# Acme Announces Acme Reports for E-commerce Marketers\n",
        clean: "# E-commerce Marketers Get Their Monday Mornings Back With Acme Reports\n",
    },
    check,
};

/// "<Company> [today] announces", up to six capitalised-or-not words before the verb, or a
/// headline that opens with "Introducing" / "Announcing".
static COMPANY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:introducing|announcing)\b|[A-Z0-9]\S*(?:\s+\S+){0,5}?\s+(?:today\s+)?(?:announces|announced|launches|launched|releases|released|introduces|introduced|unveils|unveiled|debuts|debuted|rolls\s+out|(?:is|are)\s+(?:excited|thrilled|proud|pleased|delighted|happy)\s+to)\b)",
    )
    .expect("valid regex")
});

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    let Some(h) = &doc.press_release.headline else {
        return;
    };
    let lead = h.text.len() - h.text.trim_start().len();
    let Some(m) = COMPANY_VERB.find(&h.text[lead..]) else {
        return;
    };
    let span = match block_of(doc, h) {
        Some((block, offset)) => doc.blocks[block].source_span(offset + lead..offset + lead + m.end()),
        None => h.span,
    };
    out.emit_with(
        span,
        format!("the headline opens with \"{}\": news for the company, not for the customer", m.as_str()),
        Suggestion::advice(
            "lead with the customer and what they get, e.g. \"E-commerce Marketers Get Their Monday Mornings Back\"",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_company_and_its_verb() {
        assert_flags_at(&RULE, RULE.docs.flagged, 1, "Acme Announces");
        assert_flags_at(&RULE, "# Hearthside Labs Today Launched MealMind\n", 1, "Hearthside Labs Today Launched");
        assert_flags_at(&RULE, "# Acme Is Excited to Bring You Reports\n", 1, "Acme Is Excited to");
        assert_flags_at(&RULE, "# Introducing Acme Reports\n", 1, "Introducing");
    }

    #[test]
    fn customer_first_headlines_are_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "# Store Marketers Cut Weekly Ad Reporting From 5.5 Hours to 20 Minutes\n", 0);
        assert_count(&RULE, "# Parents Plan a Week of Dinners in Ten Minutes, Then Launch the Shopping List\n", 0);
    }
}
