//! STY001 weasel-word.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY001",
    name: "weasel-word",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "a weasel word stands where data belongs",
    docs: Docs {
        what: "Flags vague qualifiers — nearly, significantly, many, some, often, should, might, very, various — in the press release and FAQ, outside quotes (\"how much\" and \"how many\" ask for the number and are not flagged). Extend the list with `[words] weasel` in prfaq.toml; exempt words with `[words] allow`.",
        why: "Amazon's writing rules replace weasel words with data: \"nearly all customers\" becomes \"86% of customers\". A weasel word hides that the author does not know the number, and reviewers will ask for it.",
        flagged: "# Acme\n\nReports load significantly faster for many customers.\n",
        clean: "# Acme\n\nReports load in 2 seconds instead of 40 for 86% of customers.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (block, range, word) in cx.lexicon_hits(&cx.lex.weasel, true) {
        let b = &cx.doc.blocks[block];
        // "How much does it cost?" and "how many stores" ask for the number; they do not hide it.
        let asks = super::word_before(&b.text, range.start).is_some_and(|w| b.text[w].eq_ignore_ascii_case("how"));
        if asks && matches!(word, "much" | "many") {
            continue;
        }
        let advice = Suggestion::advice(format!("replace \"{word}\" with the number or fact it stands for"));
        super::flag_match(out, b, range, "weasel word", advice);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_each_weasel_word_at_its_place() {
        assert_flags_at(&RULE, "# Acme\n\nIt is significantly faster.\n", 3, "significantly");
        assert_count(&RULE, "# Acme\n\nMany teams often wait.\n", 2);
    }

    #[test]
    fn how_much_and_how_many_ask_for_the_number() {
        assert_count(&RULE, "# Acme\n\n## FAQ\n\n### How much does it cost? How many stores use it?\n$99.\n", 0);
    }

    #[test]
    fn ignores_words_inside_other_words_code_and_quotes() {
        assert_count(&RULE, "# Acme\n\nThe handsome `some` value.\n", 0);
        assert_count(
            &RULE,
            "# Acme\n\n\"It is very good for us and our whole team,\" said Sam Ortiz, Growth Lead at Example Co.\n",
            0,
        );
    }
}
