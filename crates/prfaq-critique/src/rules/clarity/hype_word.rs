//! STY002 hype-word.

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY002",
    name: "hype-word",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "a hype word promises what the document should show",
    docs: Docs {
        what: "Flags hype — revolutionary, groundbreaking, game-changer, world-class, cutting-edge, seamless, robust, leverage, thrilled, delighted — in the press release and FAQ. Customer quotes are left alone; a company leader's quote is not, because \"we are thrilled to announce\" is the company talking. Extend the list with `[words] hype` in prfaq.toml; exempt words with `[words] allow`.",
        why: "A Working Backwards press release earns belief with the customer's outcome, not with adjectives. Reviewers read hype as a sign the author has no number to show, and a leader who is \"thrilled\" tells the customer nothing about what they get.",
        flagged: "# Acme\n\nAcme Reports is a revolutionary, seamless way to see ad spend.\n",
        clean: "# Acme\n\nAcme Reports shows ad spend for every campaign in one table, updated at 7 a.m.\n",
    },
    check,
};

/// Hype with a plain replacement.
const PLAIN: &[(&str, &str)] = &[("leverage", "use"), ("leverages", "uses"), ("leveraging", "using")];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (block, range, word) in cx.lexicon_hits(&cx.lex.hype, false) {
        if super::in_customer_quote(cx, block) {
            continue;
        }
        let b = &cx.doc.blocks[block];
        let suggestion = super::plain_word_or(PLAIN, word, &b.text[range.clone()], || {
            format!("replace \"{word}\" with what the customer gets, in numbers if you have them")
        });
        super::flag_match(out, b, range, "hype word", suggestion);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_each_hype_word_at_its_place() {
        assert_flags_at(&RULE, "# Acme\n\nIt is a groundbreaking tool.\n", 3, "groundbreaking");
        assert_count(&RULE, "# Acme\n\nA cutting-edge, world-class, robust tool.\n", 3);
    }

    #[test]
    fn flags_the_leader_but_not_the_customer() {
        let md = "# Acme\n\nAcme Reports launches today for 40 stores.\n\n\"We are thrilled to bring this to every store we serve,\" said Pat Lee, CEO of Acme.\n\n\"It is an amazing tool for my small team,\" said Dana Ruiz, a customer at Fernhill.\n";
        assert_flags_at(&RULE, md, 5, "thrilled");
        assert_count(&RULE, md, 1);
    }

    #[test]
    fn suggests_a_plain_word_for_leverage() {
        let found = crate::testing::run_rule(&RULE, "# Acme\n\nLeverage your data.\n");
        assert_eq!(found[0].suggestion.as_ref().and_then(|s| s.replacement.as_deref()), Some("Use"));
    }

    #[test]
    fn ignores_words_inside_other_words_and_code() {
        assert_count(&RULE, "# Acme\n\nThe `robust` flag and robustness tests.\n", 0);
    }
}
