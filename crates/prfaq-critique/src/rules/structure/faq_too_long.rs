//! PR018 faq-too-long.

use prfaq_doc::SectionKind;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::{anchor, section_heading};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR018",
    name: "faq-too-long",
    family: Family::Structure,
    severity: Severity::Note,
    summary: "the FAQ is longer than about five pages",
    docs: Docs {
        what: "Flags an FAQ whose external and internal questions and answers together have more words than `limits.faq_max_words` (2,500 by default, about five pages). Reported at the first FAQ heading.",
        why: "Working Backwards keeps the FAQ to \"five pages or less\" so the whole document can be read in silence at the start of the review meeting. A longer FAQ usually carries design detail that belongs in an appendix.",
        flagged: concat!(
            "# Acme Gives Marketers Their Mondays Back\n\n## External FAQ\n### How does it work?\n",
            ten_times!(ten_times!(ten_times!("It reads your tools. "))),
            "\n"
        ),
        clean: concat!(
            "# Acme Gives Marketers Their Mondays Back\n\n## External FAQ\n### How does it work?\n",
            ten_times!("It reads your tools. "),
            "\n"
        ),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    let counts = doc.word_counts();
    let words = counts.external_faq + counts.internal_faq;
    let max = cx.config.limits.faq_max_words;
    if words <= max {
        return;
    }
    let at = section_heading(doc, &[SectionKind::ExternalFaq, SectionKind::InternalFaq, SectionKind::CombinedFaq])
        .or_else(|| doc.faqs.first().map(|f| f.question.span))
        .unwrap_or_else(|| anchor(doc));
    out.emit_with(
        at,
        format!("the FAQ has {words} words; keep it under {max}, about five pages"),
        Suggestion::advice("shorten answers to their first sentences and move design detail to an appendix"),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_first_faq_heading() {
        assert_flags_at(&RULE, RULE.docs.flagged, 3, "External FAQ");
    }

    #[test]
    fn a_short_faq_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
    }
}
