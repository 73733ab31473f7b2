//! STY005 jargon.

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY005",
    name: "jargon",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "business jargon where a plain word would do",
    docs: Docs {
        what: "Flags business jargon — move the needle, low-hanging fruit, holistic, actionable, mission-critical, end-to-end, utilize, streamline, ecosystem — in the press release and FAQ, outside quotes. Add your house jargon with `[words] jargon` in prfaq.toml; exempt words with `[words] allow`.",
        why: "The press release is written for the customer: \"Oprah-speak, not geek-speak\". Jargon is the language of the team that builds the product, not of the person who buys it, and in the FAQ it lets an answer sound complete while saying nothing a reviewer can check.",
        flagged: "# Acme\n\nAcme offers an end-to-end solution that gives marketers actionable insights.\n",
        clean: "# Acme\n\nAcme shows marketers which campaign to stop each Monday.\n",
    },
    check,
};

/// Jargon with a plain replacement.
const PLAIN: &[(&str, &str)] = &[
    ("utilize", "use"),
    ("utilise", "use"),
    ("learnings", "lessons"),
    ("touch base", "talk"),
    ("circle back", "come back"),
];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (block, range, word) in cx.lexicon_hits(&cx.lex.jargon, true) {
        let b = &cx.doc.blocks[block];
        let suggestion = super::plain_word_or(PLAIN, word, &b.text[range.clone()], || {
            format!("say what \"{word}\" means here in words the customer would use")
        });
        super::flag_match(out, b, range, "jargon", suggestion);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule, run_rule_with};

    #[test]
    fn flags_each_jargon_phrase_at_its_place() {
        assert_flags_at(&RULE, "# Acme\n\nWe will move the needle on churn.\n", 3, "move the needle");
        assert_count(&RULE, "# Acme\n\nA holistic, mission-critical ecosystem.\n", 3);
    }

    #[test]
    fn suggests_plain_words() {
        let found = run_rule(&RULE, "# Acme\n\nUtilize the report.\n");
        assert_eq!(found[0].suggestion.as_ref().and_then(|s| s.replacement.as_deref()), Some("Use"));
    }

    #[test]
    fn reads_house_jargon_from_config() {
        let config = crate::Config::from_toml("[words]\njargon = [\"north-star metric\"]").expect("valid");
        let found = run_rule_with(&RULE, "# Acme\n\nOur north-star metric is orders.\n", &config);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn leaves_quotes_and_code_alone() {
        assert_count(&RULE, "# Acme\n\nSet `holistic = true`.\n", 0);
        assert_count(
            &RULE,
            "# Acme\n\n\"It gave my team actionable numbers every Monday,\" said Dana Ruiz, a customer.\n",
            0,
        );
    }
}
