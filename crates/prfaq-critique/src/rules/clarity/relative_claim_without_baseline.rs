//! STY012 relative-claim-without-baseline.

use std::sync::LazyLock;

use regex::Regex;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY012",
    name: "relative-claim-without-baseline",
    family: Family::Clarity,
    severity: Severity::Note,
    summary: "a relative number (\"30% faster\", \"2x more\") with no baseline",
    docs: Docs {
        what: "Flags relative claims — \"30% faster\", \"2x more\", \"40% less\", \"3 times cheaper\", \"a 20% increase\", \"by 15%\", \"twice as fast\", \"half the time\", \"in half\" — in a sentence of the press release or FAQ that names no baseline: no \"than\", \"compared\", \"versus\"/\"vs\", \"instead of\", \"down from\", \"up from\", \"relative to\", \"against\", \"baseline\" and no \"from … to\", outside quotes and questions.",
        why: "Amazon's writing rules give a baseline for every relative claim: \"30% faster\" — than what? Faster than the customer's spreadsheet and faster than last release are different promises, and a reviewer cannot judge the benefit until the document says which one it makes.",
        flagged: "# Acme\n\nAcme Reports builds the Monday report 80% faster.\n",
        clean: "# Acme\n\nAcme Reports builds the Monday report in 20 minutes instead of 5.5 hours.\n",
    },
    check,
};

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // ASCII word boundaries (`-u`) let the regex run as a DFA over text with dashes and
        // accents; Unicode ones would fall back to a much slower engine.
        r"(?ix-u)
        \b\d+(?:[.,]\d+)?\s*(?:%|percent\b|per\ cent\b|x\b|(?u:×)|times\b)\s*
            (?:faster|slower|quicker|more|less|fewer|cheaper|better|higher|lower|shorter|longer|smaller|bigger
              |larger|greater|easier|sooner|improvement|increase|reduction|decrease|boost|gain|drop|uplift|lift)\b
        | \bby\s+\d+(?:[.,]\d+)?\s*(?:%|percent\b|per\ cent\b|x\b|times\b)
        | \b(?:twice|half|double|triple|two\ times|three\ times)\s+as\s+\w+
        | \bhalf\s+the\s+(?:time|cost|price|effort|work|steps|clicks)\b
        | \bin\s+half\b",
    )
    .expect("valid regex")
});

static BASELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(?:than|compared|comparison|versus|vs|instead\s+of|down\s+from|up\s+from|relative\s+to|against|baseline)\b|\bfrom\b(?u:.)+\bto\b",
    )
    .expect("valid regex")
});

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (i, b) in cx.prose_blocks() {
        if super::in_quote(cx, i) {
            continue;
        }
        // Sentences are split only in blocks with a relative claim, which few blocks have.
        let mut sentences = None;
        for m in RELATIVE.find_iter(&b.text) {
            if b.in_code(&m.range()) {
                continue;
            }
            let sentences = sentences.get_or_insert_with(|| cx.block_sentences(i));
            let sentence = super::sentence_of(sentences, &m.range(), b.text.len());
            let sentence = &b.text[sentence];
            if BASELINE.is_match(sentence) || super::is_question(sentence) {
                continue;
            }
            out.emit_with(
                b.source_span(m.range()),
                format!("relative claim \"{}\" gives no baseline: compared with what?", m.as_str()),
                Suggestion::advice("name the baseline, e.g. \"80% faster than exporting by hand\", or give both numbers: \"from 5 hours to 1\""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_relative_numbers() {
        assert_flags_at(&RULE, "# Acme\n\nReports load 30% faster.\n", 3, "30% faster");
        assert_flags_at(&RULE, "# Acme\n\nYou get 2x more leads.\n", 3, "2x more");
        assert_flags_at(&RULE, "# Acme\n\nIt costs 40 percent less.\n", 3, "40 percent less");
        assert_flags_at(&RULE, "# Acme\n\nIt cuts costs by 15%.\n", 3, "by 15%");
        assert_flags_at(&RULE, "# Acme\n\nIt is twice as fast.\n", 3, "twice as fast");
        assert_flags_at(&RULE, "# Acme\n\nIt takes half the time.\n", 3, "half the time");
        assert_flags_at(&RULE, "# Acme\n\nIt cuts the work in half.\n", 3, "in half");
    }

    #[test]
    fn a_baseline_satisfies_it() {
        assert_count(&RULE, "# Acme\n\nReports load 30% faster than exports by hand.\n", 0);
        assert_count(&RULE, "# Acme\n\nIt costs 40% less compared with Brand X.\n", 0);
        assert_count(&RULE, "# Acme\n\nReporting drops by 90%, from 5 hours to 30 minutes.\n", 0);
        assert_count(&RULE, "# Acme\n\nIt is 2x faster vs. exports.\n", 0);
    }

    #[test]
    fn plain_numbers_quotes_and_code_are_fine() {
        assert_count(&RULE, "# Acme\n\nIt costs $99 a month, a 15% discount. 61% of stores agree.\n", 0);
        assert_count(
            &RULE,
            "# Acme\n\n\"It cut my Monday work in half,\" said Dana Ruiz, a customer at Fernhill.\n",
            0,
        );
        assert_count(&RULE, "# Acme\n\nSet `speed = 2x faster` there.\n", 0);
    }
}
