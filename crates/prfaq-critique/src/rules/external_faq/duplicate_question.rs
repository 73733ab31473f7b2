//! EXT011 duplicate-question.

use std::collections::BTreeSet;

use prfaq_doc::{FaqEntry, FaqKind, text};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::external_faq::faq_text::normalize;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT011",
    name: "duplicate-question",
    family: Family::ExternalFaq,
    severity: Severity::Warning,
    summary: "an FAQ asks the same question twice",
    docs: Docs {
        what: "Flags a question that repeats an earlier one for the same readers: the same words once case and punctuation are ignored, or at least 80% of the same words of three letters or more (Jaccard overlap). External and internal questions are not compared with each other, since the two FAQs serve different readers and may fairly ask the same thing.",
        why: "A repeated question costs the reader time and usually carries two answers that drift apart. Reviewers read every word; merging the entries leaves one answer to defend.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month.\n\n### How much does Acme cost?\n$49 a month per store.\n",
        clean: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n\n### How do I cancel?\nClick Cancel in Settings.\n",
    },
    check,
};

/// Word-set overlap at or above which two questions are the same question.
const SAME: f64 = 0.8;

/// A question prepared for comparison.
struct Key {
    normalized: String,
    words: BTreeSet<String>,
}

impl Key {
    fn new(question: &str) -> Self {
        let normalized = normalize(question);
        let words = text::words(&normalized)
            .map(|r| &normalized[r])
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .map(str::to_string)
            .collect();
        Self { normalized, words }
    }

    fn same_as(&self, other: &Key) -> bool {
        if self.normalized == other.normalized {
            return !self.normalized.is_empty();
        }
        let shared = self.words.intersection(&other.words).count();
        let union = self.words.union(&other.words).count();
        union > 0 && shared as f64 / union as f64 >= SAME
    }
}

/// True when the two entries are read by the same audience.
fn same_readers(a: &FaqEntry, b: &FaqEntry) -> bool {
    a.kind == b.kind || a.kind == FaqKind::Combined || b.kind == FaqKind::Combined
}

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let faqs = &cx.doc.faqs;
    let keys: Vec<Key> = faqs.iter().map(|e| Key::new(&e.question.text)).collect();
    for (i, later) in faqs.iter().enumerate() {
        let Some(earlier) = (0..i).find(|&j| same_readers(&faqs[j], later) && keys[j].same_as(&keys[i])) else {
            continue;
        };
        let line = cx.doc.location(faqs[earlier].question.span.start).line;
        out.emit_with(
            later.question.span,
            format!("repeats the question on line {line} (\"{}\")", faqs[earlier].question.text),
            Suggestion::advice(format!("merge this entry into the one on line {line}, keeping one answer")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_the_later_question_and_names_the_first() {
        assert_flags_at(&RULE, RULE.docs.flagged, 7, "How much does Acme cost?");
        let found = crate::testing::run_rule(&RULE, RULE.docs.flagged);
        assert!(found[0].message.contains("line 4"), "{}", found[0].message);
    }

    #[test]
    fn same_words_in_another_case_and_punctuation_are_duplicates() {
        let md = "# Acme\n\n## FAQ\n### How much does it cost?\n$49.\n\n### how much does it cost\n$49.\n\n### HOW MUCH DOES IT COST!\n$49.\n";
        assert_count(&RULE, md, 2);
    }

    #[test]
    fn related_questions_are_not_duplicates() {
        let md = "# Acme\n\n## FAQ\n### How does it work?\nIt reads orders.\n\n### How does it work with Slack?\nIt posts reports.\n\n### What will we NOT do?\nNo audiences.\n\n### Why would we not do this?\nCost.\n";
        assert_count(&RULE, md, 0);
    }

    #[test]
    fn external_and_internal_faqs_are_not_compared() {
        let md = "# Acme\n\n## External FAQ\n### What happens to my data?\nEncrypted.\n\n## Internal FAQ\n### What happens to my data?\nReviewed by counsel.\n";
        assert_count(&RULE, md, 0);
    }
}
