//! PR003 headline-without-benefit.

use prfaq_doc::text;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR003",
    name: "headline-without-benefit",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the headline names a product, not an outcome for the customer",
    docs: Docs {
        what: "Flags a headline that shows no sign of a customer outcome. A headline passes when it has any of: a benefit verb (gives, lets, helps, saves, cuts, makes, turns, brings, ends, stops, gets, keeps, finds, frees, removes, reduces, doubles, halves, and their base forms); a number, in digits or words; an outcome phrase (in minutes, without, instead of, faster than, no more, no longer, never); or \"for\" followed by who it is for. \"Acme Announces Acme Reports\" and a bare product noun such as \"Configurable routing\" are flagged; \"Acme Reports Gives Marketers Their Monday Mornings Back\" is not.",
        why: "Working Backwards starts from the customer: the headline states the most important customer benefit, so a reader who sees only that line knows who gains what. A product name alone tells them what the team built, not why anyone would care.",
        flagged: "# Acme Announces Acme Reports\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n",
        clean: "# Acme Reports Gives Marketers Their Monday Mornings Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today.\n",
    },
    check,
};

/// Verbs that say what the customer gains, in the third person and the base form
/// ("Analysts Get …", "Acme Gives …").
const BENEFIT_VERBS: &[&str] = &[
    "give",
    "gives",
    "let",
    "lets",
    "help",
    "helps",
    "save",
    "saves",
    "cut",
    "cuts",
    "make",
    "makes",
    "turn",
    "turns",
    "bring",
    "brings",
    "end",
    "ends",
    "stop",
    "stops",
    "get",
    "gets",
    "keep",
    "keeps",
    "find",
    "finds",
    "free",
    "frees",
    "remove",
    "removes",
    "reduce",
    "reduces",
    "double",
    "doubles",
    "halve",
    "halves",
    "skip",
    "skips",
    "avoid",
    "avoids",
    "eliminate",
    "eliminates",
    "replace",
    "replaces",
    "finish",
    "finishes",
    "win",
    "wins",
    "earn",
    "earns",
    "grow",
    "grows",
    "protect",
    "protects",
    "enable",
    "enables",
    "spend",
    "spends",
    "pay",
    "pays",
    "know",
    "knows",
    "see",
    "sees",
    "catch",
    "catches",
    "fix",
    "fixes",
    "simplify",
    "simplifies",
    "shorten",
    "shortens",
    "lower",
    "lowers",
    "boost",
    "boosts",
    "increase",
    "increases",
];

/// Numbers in words: "Two Hours", "Half the Time", "One Click".
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "thirty", "fifty", "hundred", "thousand", "million", "billion", "half", "twice", "dozen", "zero",
];

/// Phrases that state an outcome without a verb from the list.
const OUTCOME_PHRASES: &[&str] = &[
    " in minutes",
    " in seconds",
    " in hours",
    " in days",
    " in one ",
    " without ",
    " instead of ",
    " faster than ",
    " cheaper than ",
    " no more ",
    " no longer ",
    " never ",
    " at last",
    " anywhere",
    " from anywhere",
];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some(h) = &cx.doc.press_release.headline else {
        return;
    };
    if h.text.trim().is_empty() || names_a_benefit(cx, &h.text) {
        return;
    }
    out.emit_with(
        h.span,
        format!("the headline \"{}\" names no customer outcome", h.text.trim()),
        Suggestion::advice(
            "state who gains what, e.g. \"Acme Reports Gives Marketers Their Monday Mornings Back\": the customer, a benefit verb, the result",
        ),
    );
}

/// True when `headline` shows any sign of an outcome for the customer.
fn names_a_benefit(cx: &Context<'_>, headline: &str) -> bool {
    if text::has_number(headline) {
        return true;
    }
    let words: Vec<String> = text::words(headline).map(|r| headline[r].to_lowercase()).collect();
    if words.iter().any(|w| BENEFIT_VERBS.contains(&w.as_str()) || NUMBER_WORDS.contains(&w.as_str())) {
        return true;
    }
    let padded = format!(" {} ", words.join(" "));
    if OUTCOME_PHRASES.iter().any(|p| padded.contains(p)) {
        return true;
    }
    // "… for Busy Parents": who it is for, unless that is no one in particular.
    words.windows(2).any(|w| {
        w[0] == "for" && !cx.lex.vague_customers.contains(&w[1]) && !matches!(w[1].as_str(), "the" | "a" | "an" | "all")
    })
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_an_announcement_and_a_bare_product_noun() {
        assert_flags_at(&RULE, "# Acme Announces Acme Reports\n\nText.\n", 1, "Acme Announces Acme Reports");
        assert_flags_at(&RULE, "# Configurable routing\n\nMerchants route orders.\n", 1, "Configurable routing");
        assert_count(&RULE, "# Acme Reports for Everyone\n\nText.\n", 1);
    }

    #[test]
    fn benefit_verbs_numbers_and_outcomes_pass() {
        for headline in [
            "Acme Reports Gives Marketers Their Monday Mornings Back",
            "Analysts Get New Data Feeds in Hours",
            "Store Marketers Cut Weekly Ad Reporting From 5.5 Hours to 20 Minutes",
            "Weekly Groceries Within Two Hours",
            "Monthly Close Without Spreadsheets",
            "Payroll for Restaurant Owners",
        ] {
            assert_count(&RULE, &format!("# {headline}\n\nText.\n"), 0);
        }
    }
}
