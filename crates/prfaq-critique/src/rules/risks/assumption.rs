//! RSK004 assumption.

use std::sync::LazyLock;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::lexicon::Lexicon;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "RSK004",
    name: "assumption",
    family: Family::Risks,
    severity: Severity::Note,
    summary: "a stated assumption to validate before the decision",
    docs: Docs {
        what: "Flags sentences in the press release and FAQ that rest on an assumption (\"we assume\", \"assuming\", \"our assumption\", \"presumably\") so each can be listed and validated.",
        why: "Reviewers ask which assumptions the plan rests on. Writing them down is good; leaving them untested is the risk. Each flagged assumption should be backed by evidence or tested by the prototype before go.",
        flagged: "# Acme\n\nSummary.\n\n## Internal FAQ\n### How many stores will sign up?\nAssuming a 5% conversion, 400 stores sign up in year one.\n",
        clean: "# Acme\n\nSummary.\n\n## Internal FAQ\n### How many stores will sign up?\nThe 2026 pilot converted 5% of 8,000 stores, so 400 stores sign up in year one.\n",
    },
    check,
};

static ASSUME: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::new(
        [
            "we assume",
            "assuming",
            "our assumption",
            "the assumption",
            "assumes",
            "presumably",
            "we are assuming",
            "we're assuming",
        ],
        &[],
    )
});

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for (block, range, _) in cx.lexicon_hits(&ASSUME, true) {
        let b = &cx.doc.blocks[block];
        let sentence = cx.sentence_at(block, range.start);
        out.emit_with(
            b.source_span(range),
            format!("assumption to validate: \"{sentence}\""),
            Suggestion::advice("cite the evidence for it, or plan how the prototype will test it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::assert_flags_at;

    #[test]
    fn flags_the_assumption() {
        assert_flags_at(&RULE, RULE.docs.flagged, 7, "Assuming");
    }
}
