//! STY010 feature-list.

use prfaq_doc::{BlockKind, text};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY010",
    name: "feature-list",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "a bullet list of features in the press release instead of customer outcomes",
    docs: Docs {
        what: "Flags a bullet list in the press release when at least three of its items, and more than half, are bare noun phrases: six words or fewer, with no verb from a list of common verbs and auxiliaries (saves, cuts, get, is, can, will …), no word ending in -ed, and no \"to\", \"you\", \"your\", \"we\" or \"I\"; labelled items (\"Owner: Pat Lee\") are facts, not features. \"Smart shopping lists\" is a feature; \"You get a shopping list by 5 p.m.\" is an outcome. Numbered lists (steps) are not checked.",
        why: "A Working Backwards press release describes what changes for the customer, not what the team will build. A list of features passes the reviewer's \"so what?\" test to the reader: each bullet should say what the customer can now do, or how much time or money they get back.",
        flagged: "# Acme\n\nAcme Reports includes:\n\n- Smart dashboards\n- Campaign insights\n- Budget alerts\n",
        clean: "# Acme\n\nWith Acme Reports:\n\n- You see every campaign's return on ad spend by 7 a.m.\n- You get an alert when a campaign loses money for three days.\n- You stop rebuilding the Monday spreadsheet.\n",
    },
    check,
};

/// Words that make an item a clause rather than a noun phrase: common verbs, auxiliaries and
/// the pronouns an outcome is written with.
const CLAUSE_WORDS: &[&str] = &[
    "to", "you", "your", "we", "i", "they", "can", "will", "is", "are", "was", "were", "be", "has", "have", "had",
    "do", "does", "did", "could", "would", "should", "may", "might", "must", "get", "gets", "save", "saves", "cut",
    "cuts", "see", "sees", "find", "finds", "know", "knows", "stop", "stops", "spend", "spends", "take", "takes",
    "keep", "keeps", "make", "makes", "help", "helps", "let", "lets", "show", "shows", "tell", "tells", "send",
    "sends", "pay", "pays", "give", "gives", "use", "uses", "need", "needs", "want", "wants", "lose", "loses", "learn",
    "learns", "move", "moves", "reduce", "reduces", "avoid", "avoids", "skip", "skips", "start", "starts", "choose",
    "chooses", "open", "opens", "connect", "connects", "pick", "picks", "click", "clicks", "tap", "taps", "add",
    "adds", "import", "imports", "upload", "uploads", "review", "reviews", "answer", "answers", "select", "selects",
    "visit", "visits", "no", "never", "without", "instead",
];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (_, b, _) in cx.press_release_blocks() {
        let source = cx.doc.text(b.span);
        if b.kind != BlockKind::List || !is_bulleted(source) {
            continue;
        }
        let features = b.items.iter().filter(|r| is_feature(&b.text[(*r).clone()])).count();
        let items = b.items.len();
        if features >= 3 && features * 2 > items {
            out.emit_with(
                super::trim_end(cx, b.span),
                format!("{features} of {items} bullets name features, not what the customer gets"),
                Suggestion::advice("rewrite each bullet as an outcome (\"You get a shopping list by 5 p.m.\"), or fold the list into a sentence about the two that matter most"),
            );
        }
    }
}

/// True for a list written with `-`, `*` or `+` markers rather than numbers.
fn is_bulleted(source: &str) -> bool {
    source.trim_start().starts_with(['-', '*', '+'])
}

/// True when a list item is a short noun phrase. A labelled item ("Owner: Pat Lee") states a
/// fact, not a feature.
fn is_feature(item: &str) -> bool {
    if item.contains(':') {
        return false;
    }
    let mut count = 0;
    for w in text::words(item) {
        let word = &item[w];
        count += 1;
        let ed = word.len() > 4 && word.get(word.len() - 2..).is_some_and(|e| e.eq_ignore_ascii_case("ed"));
        if count > 6 || ed || super::is_one_of(word, CLAUSE_WORDS) {
            return false;
        }
    }
    count > 0
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule};

    #[test]
    fn flags_a_list_of_noun_phrases() {
        let md = "# Acme\n\nAcme Reports includes:\n\n- Smart dashboards\n- Campaign insights\n- Budget alerts\n- You get a report by 7 a.m.\n";
        assert_flags_at(
            &RULE,
            md,
            5,
            "- Smart dashboards\n- Campaign insights\n- Budget alerts\n- You get a report by 7 a.m.",
        );
        assert_eq!(run_rule(&RULE, md)[0].message, "3 of 4 bullets name features, not what the customer gets");
    }

    #[test]
    fn outcomes_steps_and_short_lists_are_fine() {
        assert_count(
            &RULE,
            "# Acme\n\nWith Acme:\n\n- You see spend by 7 a.m.\n- Alerts arrive when a campaign loses money.\n- Smart dashboards\n- Budget alerts\n",
            0,
        );
        assert_count(
            &RULE,
            "# Acme\n\nTo start:\n\n1. Open Acme\n2. Connect Google Ads\n3. Campaign table\n4. Budget alerts\n5. Daily email\n",
            0,
        );
        assert_count(&RULE, "# Acme\n\nIt has:\n\n- Smart dashboards\n- Budget alerts\n", 0);
    }

    #[test]
    fn lists_outside_the_press_release_are_fine() {
        assert_count(
            &RULE,
            "# Acme\n\nAcme launches today.\n\n## FAQ\n\n### What is in it?\n- Smart dashboards\n- Campaign insights\n- Budget alerts\n",
            0,
        );
    }
}
