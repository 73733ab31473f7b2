//! EXT012 internal-question-in-external-faq.

use std::sync::LazyLock;

use prfaq_doc::FaqKind;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::lexicon::Lexicon;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT012",
    name: "internal-question-in-external-faq",
    family: Family::ExternalFaq,
    severity: Severity::Note,
    summary: "an external FAQ question is the company's concern, not the customer's",
    docs: Docs {
        what: "Flags an external FAQ question about the company's own concerns (cost to build, headcount, margin, payback, how we will build it, competitive response, cannibalisation, success metrics), which belongs in the internal FAQ. Plain \"our team\" is not flagged, because business customers say it of themselves.",
        why: "The external FAQ is written for customers and published with the press release, so every question in it should be one a customer would ask. Internal questions there confuse the reader, and their answers are often confidential.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month.\n\n### What is our gross margin?\n93%, after cloud and support costs.\n",
        clean: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month.\n\n## Internal FAQ\n### What is our gross margin?\n93%, after cloud and support costs.\n",
    },
    check,
};

/// Phrases that mark a question as the company's own concern.
const INTERNAL_CUES: &[&str] = &[
    "cost to build",
    "cost us",
    "costs us",
    "cost of building",
    "build cost",
    "cost to run",
    "running cost",
    "running costs",
    "headcount",
    "margin",
    "margins",
    "gross margin",
    "payback",
    "pay back",
    "break even",
    "break-even",
    "unit economics",
    "p&l",
    "how will we build",
    "how do we build",
    "how should we build",
    "can we build",
    "should we build",
    "will we build",
    "who will build",
    "our engineering team",
    "our team build",
    "our team have the",
    "how many engineers",
    "cannibalise",
    "cannibalize",
    "cannibalisation",
    "cannibalization",
    "cannibalising",
    "cannibalizing",
    "competitive response",
    "competitors respond",
    "competitors react",
    "addressable market",
    "market size",
    "tam",
    "success metrics",
    "kpi",
    "kpis",
    "okr",
    "okrs",
    "how will we measure",
    "why should we not",
    "why would we not",
];

static INTERNAL: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(INTERNAL_CUES.iter().copied(), &[]));

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for entry in cx.doc.faqs_of(FaqKind::External) {
        let q = &entry.question.text;
        let Some((range, _)) = INTERNAL.find_iter(q).next() else {
            continue;
        };
        out.emit_with(
            entry.question.span,
            format!("\"{}\" is the company's question, not the customer's", &q[range]),
            Suggestion::advice(
                "move this entry to the internal FAQ, and ask what the customer would want to know instead",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_question() {
        assert_flags_at(&RULE, RULE.docs.flagged, 7, "What is our gross margin?");
        let md = "# Acme\n\n## External FAQ\n### How will we build it?\nWith 9 people.\n\n### Will it cannibalise Growth?\nA little.\n";
        assert_count(&RULE, md, 2);
    }

    #[test]
    fn customer_questions_pass() {
        let md = "# Acme\n\n## External FAQ\n### Can our team share dashboards?\nYes.\n\n### How much does it cost?\n$49.\n\n### What ROI can I expect?\nStores save 5 hours a week.\n";
        assert_count(&RULE, md, 0);
    }

    #[test]
    fn an_faq_with_no_split_is_not_checked() {
        assert_count(&RULE, "# Acme\n\n## FAQ\n### What is our gross margin?\n93%.\n", 0);
    }
}
