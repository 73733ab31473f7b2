//! STY015 vague-time.

use std::ops::Range;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY015",
    name: "vague-time",
    family: Family::Clarity,
    severity: Severity::Warning,
    summary: "a vague time (\"soon\", \"recently\") where a date belongs",
    docs: Docs {
        what: "Flags vague references to time — soon, shortly, in the near future, recently, some time ago, eventually, at some point, in the coming months — in the press release and FAQ, outside quotes. \"As soon as\" an event (\"as soon as they are published\") is a precise time and is not flagged; \"as soon as possible\" is.",
        why: "Amazon's writing rules replace vague time with data: \"some time ago\" becomes \"three months ago\". A press release is dated, and customers and stakeholders plan around when something happens; \"soon\" tells them nothing and hides that the date is not decided.",
        flagged: "# Acme\n\nAcme Reports will be available soon.\n",
        clean: "# Acme\n\nAcme Reports is available on March 3, 2027.\n",
    },
    check,
};

/// Entries that look back in time; the rest look ahead.
const PAST: &[&str] = &["recently", "some time ago"];

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (block, range, entry) in cx.lexicon_hits(&cx.lex.vague_time, true) {
        let b = &cx.doc.blocks[block];
        if entry == "soon" && as_soon_as_event(&b.text, range.clone()) {
            continue;
        }
        let advice = if PAST.contains(&entry) {
            "give the date or how long ago: \"in May 2026\", \"three months ago\""
        } else {
            "give the date (\"on March 3, 2027\") or the time it takes (\"within 2 weeks\")"
        };
        super::flag_match(out, b, range, "vague time", Suggestion::advice(advice));
    }
}

/// True for "as soon as <an event>" ("as soon as they are published"), which dates something
/// by what happens; "as soon as possible" dates nothing and stays flagged.
fn as_soon_as_event(text: &str, soon: Range<usize>) -> bool {
    let word = |w: Option<Range<usize>>| w.map_or("", |w| &text[w]);
    let Some(next) = super::word_after(text, soon.end) else {
        return false;
    };
    word(super::word_before(text, soon.start)).eq_ignore_ascii_case("as")
        && text[next.clone()].eq_ignore_ascii_case("as")
        && !word(super::word_after(text, next.end)).eq_ignore_ascii_case("possible")
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_vague_time_at_its_place() {
        assert_flags_at(&RULE, "# Acme\n\nIt ships in the near future.\n", 3, "in the near future");
        assert_count(&RULE, "# Acme\n\nWe recently asked stores. It ships soon.\n", 2);
    }

    #[test]
    fn leaves_other_words_quotes_and_code_alone() {
        assert_count(&RULE, "# Acme\n\nSoonest delivery and `soon` flags.\n", 0);
        assert_count(
            &RULE,
            "# Acme\n\n\"I hope they add it soon for our team,\" said Dana Ruiz, a customer at Fernhill.\n",
            0,
        );
    }
}
