//! Adding a question to a document's FAQ: what "answered in the FAQ" writes into the text.

use prfaq_doc::{Document, SectionKind};
use serde::{Deserialize, Serialize};

/// Which FAQ a new entry goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FaqPart {
    /// Questions customers ask.
    #[default]
    External,
    /// Questions stakeholders ask.
    Internal,
}

impl FaqPart {
    /// The heading used when the document has no such FAQ yet.
    fn heading(self) -> &'static str {
        match self {
            FaqPart::External => "External FAQ",
            FaqPart::Internal => "Internal FAQ",
        }
    }

    fn matches(self, kind: SectionKind) -> bool {
        match self {
            FaqPart::External => matches!(kind, SectionKind::ExternalFaq | SectionKind::CombinedFaq),
            FaqPart::Internal => kind == SectionKind::InternalFaq,
        }
    }
}

/// `markdown` (parsed as `doc`) with the question and its answer added as the last entry of
/// the chosen FAQ, at the heading level its other questions use. A document without that FAQ
/// gets one at its end.
pub fn add_entry(doc: &Document, part: FaqPart, question: &str, answer: &str) -> String {
    let markdown = doc.source.as_str();
    let question = one_line(question);
    let answer = answer.trim();
    let faq = doc.sections.iter().find(|s| part.matches(s.kind));
    let Some(faq) = faq else {
        let mut text = markdown.trim_end().to_owned();
        text.push_str(&format!("\n\n## {}\n\n### {question}\n\n{answer}\n", part.heading()));
        return text;
    };
    let level = doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Question && faq.span.start < s.span.start && s.span.end <= faq.span.end)
        .map(|s| s.level)
        .next()
        .unwrap_or(faq.level + 1);
    let end = faq.span.end.min(markdown.len());
    let (before, after) = markdown.split_at(end);
    let hashes = "#".repeat(usize::from(level.min(6)));
    let mut text = before.trim_end().to_owned();
    text.push_str(&format!("\n\n{hashes} {question}\n\n{answer}\n"));
    if !after.trim().is_empty() {
        text.push('\n');
        text.push_str(after.trim_start_matches('\n'));
    }
    text
}

/// A heading must be one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Acme Reports\n\nMarketers save six hours.\n\n## External FAQ\n\n### What does it cost?\n\n$10 a month.\n\n## Internal FAQ\n\n### Why now?\n\nBecause.\n";

    #[test]
    fn an_entry_goes_last_in_its_faq_at_the_questions_level() {
        let text = add_entry(&prfaq_doc::parse(DOC), FaqPart::External, "Does it work\noffline?", "Yes.");
        assert!(text.contains("$10 a month.\n\n### Does it work offline?\n\nYes.\n\n## Internal FAQ"), "{text}");
        let doc = prfaq_doc::parse(&text);
        assert_eq!(doc.faqs.len(), 3);
        let internal = add_entry(&prfaq_doc::parse(DOC), FaqPart::Internal, "Who builds it?", "TBD");
        assert!(internal.ends_with("Because.\n\n### Who builds it?\n\nTBD\n"), "{internal}");
    }

    #[test]
    fn a_missing_faq_is_added_at_the_end() {
        let text = add_entry(&prfaq_doc::parse("# Acme\n\nText.\n"), FaqPart::Internal, "Why?", "Because.");
        assert_eq!(text, "# Acme\n\nText.\n\n## Internal FAQ\n\n### Why?\n\nBecause.\n");
    }
}
