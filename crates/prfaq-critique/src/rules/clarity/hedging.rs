//! STY017 hedging.

use prfaq_doc::SectionKind;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY017",
    name: "hedging",
    family: Family::Clarity,
    severity: Severity::Note,
    summary: "a hedge (\"we believe\", \"hopefully\") in the press release or external FAQ",
    docs: Docs {
        what: "Flags hedges — we believe, we think, we expect, hopefully, will likely, in theory, should be easy — in the press release and the external FAQ, outside quotes. The internal FAQ is left to `internal-faq` rules, which ask for evidence there; hedges that are also weasel words (\"probably\") are left to `weasel-word`.",
        why: "The press release is written as if on launch day, and the external FAQ answers customers directly: both state what is true. A hedge tells the customer the team is not sure, and tells the reviewer that a fact is missing — state it, or move the doubt to the internal FAQ with its evidence.",
        flagged: "# Acme\n\nWe believe stores will save hours every week.\n",
        clean: "# Acme\n\nStores in our 40-store test saved 5 hours a week.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (block, range, entry) in cx.lexicon_hits(&cx.lex.hedges, true) {
        let region = cx.doc.regions.get(block).copied();
        if !matches!(region, Some(SectionKind::PressRelease | SectionKind::ExternalFaq))
            || cx.lex.weasel.contains(entry)
        {
            continue;
        }
        let b = &cx.doc.blocks[block];
        out.emit_with(
            b.source_span(range.clone()),
            format!("hedge \"{}\" where a fact belongs", &b.text[range]),
            Suggestion::advice("state the fact and how you know it (a test, a count, a date), or drop the hedge"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_hedges_in_the_press_release_and_external_faq() {
        assert_flags_at(&RULE, "# Acme\n\nWe think it saves time.\n", 3, "We think");
        assert_flags_at(
            &RULE,
            "# Acme\n\nIt ships.\n\n## External FAQ\n\n### When?\nWe expect to ship in May.\n",
            8,
            "We expect",
        );
    }

    #[test]
    fn leaves_the_internal_faq_weasel_words_and_quotes_alone() {
        assert_count(
            &RULE,
            "# Acme\n\nIt ships.\n\n## Internal FAQ\n\n### Is it feasible?\nWe believe it is feasible.\n",
            0,
        );
        assert_count(&RULE, "# Acme\n\nIt will probably ship.\n", 0);
        assert_count(
            &RULE,
            "# Acme\n\n\"We think every store will want this report,\" said Pat Lee, CEO of Acme.\n",
            0,
        );
    }
}
