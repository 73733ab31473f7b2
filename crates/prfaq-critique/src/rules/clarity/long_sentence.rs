//! STY006 long-sentence.

use prfaq_doc::BlockKind;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY006",
    name: "long-sentence",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "a sentence is longer than the word limit",
    docs: Docs {
        what: "Flags each sentence of the press release and FAQ with more words than `[limits] sentence_max_words` in prfaq.toml (30 by default). Each list item and heading is its own sentence; table rows are not sentences and are skipped.",
        why: "Amazon's writing rules keep sentences to about 20 words. A PR/FAQ is read in silence at the start of the review; a long sentence makes the reader hold several ideas at once, and it often hides a claim that a short sentence would have to back with data.",
        flagged: "# Acme\n\nAcme Reports, which we built over the last year with help from forty store owners in three countries who told us what they needed, shows marketers every campaign's return on ad spend in one table each morning.\n",
        clean: "# Acme\n\nAcme Reports shows marketers every campaign's return on ad spend in one table each morning. We built it with 40 store owners in three countries.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let limit = cx.config.limits.sentence_max_words;
    for (block, b) in cx.prose_blocks() {
        // A block of no more words than the limit cannot hold a sentence over it; splitting
        // sentences is the expensive part, so skip such blocks first.
        if b.kind == BlockKind::Table || b.words.len() <= limit {
            continue;
        }
        for s in cx.block_sentences(block).iter().cloned() {
            // The block's words (inline code excluded) that start inside the sentence.
            let words = b.words.partition_point(|w| w.start < s.end) - b.words.partition_point(|w| w.start < s.start);
            if words > limit {
                out.emit_with(
                    b.source_span(s),
                    format!("sentence of {words} words; the limit is {limit}"),
                    Suggestion::advice("split it into sentences of about 20 words, one idea each"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule, run_rule_with};

    const LONG: &str = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one.";

    #[test]
    fn flags_the_whole_long_sentence_with_its_count() {
        let md = format!("# Acme\n\nShort one. {LONG} Short two.\n");
        assert_flags_at(&RULE, &md, 3, LONG);
        assert_eq!(run_rule(&RULE, &md)[0].message, "sentence of 31 words; the limit is 30");
    }

    #[test]
    fn thirty_words_is_within_the_limit_and_list_items_are_sentences() {
        let thirty = LONG.replace(" thirty-one", "");
        assert_count(&RULE, &format!("# Acme\n\n{thirty}\n\n- {thirty}\n- {thirty}\n"), 0);
    }

    #[test]
    fn the_limit_comes_from_config() {
        let config = crate::Config::from_toml("[limits]\nsentence_max_words = 5").expect("valid");
        assert_eq!(run_rule_with(&RULE, "# Acme\n\nThis sentence has exactly six words.\n", &config).len(), 1);
    }
}
