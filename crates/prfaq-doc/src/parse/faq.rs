//! FAQ entries: questions as headings, as bold lines (`**Q: …**`, `**Question 1: …**`,
//! `**C1. …**`), as `Q:` lines, or as list items; answers are what follows.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Block, BlockKind, FaqEntry, FaqKind, ParseIssue, ParseIssueKind, Section, SectionKind, TextSpan};
use crate::span::Span;
use crate::text;
use crate::topics::topics_of;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?P<q>q(?:uestion)?)\s*(?P<qn>\d+)?|(?P<ci>[cie])(?P<cin>\d+))\s*[:.)\-–—]\s*")
        .expect("valid regex")
});
static ANSWER_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:a|ans|answer)\s*\d*\s*[:.\-–—]\s*").expect("valid regex"));

/// A question label ("Q:", "Question 3:", "C1.") at the start of `text`: its text, the
/// FAQ kind it implies (C → external, I → internal), and where the question itself begins.
pub(crate) fn question_label(text: &str) -> Option<(String, Option<FaqKind>, usize)> {
    let c = LABEL.captures(text)?;
    let end = c.get(0).map_or(0, |m| m.end());
    let (label, kind) = if let Some(q) = c.name("q") {
        let n = c.name("qn").map_or(String::new(), |n| format!(" {}", n.as_str()));
        (format!("{}{n}", q.as_str()), None)
    } else {
        let letter = c.name("ci").map_or("", |m| m.as_str());
        let kind = match letter.to_ascii_lowercase().as_str() {
            "i" => Some(FaqKind::Internal),
            _ => Some(FaqKind::External),
        };
        (format!("{letter}{}", c.name("cin").map_or("", |m| m.as_str())), kind)
    };
    Some((label, kind, end))
}

fn kind_of_region(region: SectionKind) -> Option<FaqKind> {
    match region {
        SectionKind::ExternalFaq => Some(FaqKind::External),
        SectionKind::InternalFaq => Some(FaqKind::Internal),
        SectionKind::CombinedFaq => Some(FaqKind::Combined),
        _ => None,
    }
}

/// An entry being read.
struct Open {
    kind: FaqKind,
    label: Option<String>,
    question: TextSpan,
    start: Span,
    answer_text: String,
    answer_span: Option<Span>,
    answer_blocks: Range<usize>,
}

impl Open {
    fn add_answer(&mut self, text: &str, span: Span, block: usize) {
        if text.trim().is_empty() {
            return;
        }
        let first = self.answer_text.is_empty();
        let (text, span) = if first { strip_answer_label(text, span) } else { (text, span) };
        if !first {
            self.answer_text.push('\n');
        }
        self.answer_text.push_str(text.trim());
        self.answer_span = Some(self.answer_span.map_or(span, |s| s.cover(span)));
        if self.answer_blocks.is_empty() {
            self.answer_blocks = block..block + 1;
        } else {
            self.answer_blocks.end = block + 1;
        }
    }

    fn finish(self) -> FaqEntry {
        let label_text = self.label.clone().unwrap_or_default();
        let topics = topics_of(&format!("{label_text} {}", self.question.text));
        let answer_span = self.answer_span.unwrap_or(Span::new(self.question.span.end, self.question.span.end));
        FaqEntry {
            kind: self.kind,
            label: self.label,
            answer_words: text::word_count(&self.answer_text),
            question: self.question,
            answer: TextSpan { text: self.answer_text, span: answer_span },
            answer_blocks: self.answer_blocks,
            topics,
            span: self.start.cover(answer_span),
        }
    }
}

fn strip_answer_label(text: &str, span: Span) -> (&str, Span) {
    match ANSWER_LABEL.find(text) {
        // The label sits at the start of the source too; move the span's start past it when the
        // lengths agree (no markup before it).
        Some(m) => (&text[m.end()..], span),
        None => (text, span),
    }
}

/// Reads every FAQ entry in the FAQ regions.
pub(crate) fn extract(
    blocks: &[Block],
    regions: &[SectionKind],
    sections: &[Section],
    issues: &mut Vec<ParseIssue>,
) -> Vec<FaqEntry> {
    let mut entries = Vec::new();
    let mut open: Option<Open> = None;
    let mut heading_kind = vec![None; blocks.len()];
    for s in sections {
        heading_kind[s.heading] = Some(s.kind);
    }
    let mut reported_unplaced = false;
    for (i, b) in blocks.iter().enumerate() {
        let Some(region_kind) = kind_of_region(regions[i]) else {
            if let Some(o) = open.take() {
                entries.push(o.finish());
            }
            continue;
        };
        match b.kind {
            BlockKind::Heading(_) => match heading_kind[i] {
                Some(SectionKind::Question) => {
                    if let Some(o) = open.take() {
                        entries.push(o.finish());
                    }
                    open = Some(question_from(b, 0..b.text.len(), region_kind, i));
                }
                Some(SectionKind::Other) => {
                    if let Some(o) = open.as_mut() {
                        o.add_answer(&b.text, b.span, i);
                    }
                }
                _ => {
                    if let Some(o) = open.take() {
                        entries.push(o.finish());
                    }
                    reported_unplaced = false;
                }
            },
            BlockKind::Paragraph => {
                if let Some((q_range, rest)) = bold_question(b).or_else(|| plain_question(b)) {
                    if let Some(o) = open.take() {
                        entries.push(o.finish());
                    }
                    let mut o = question_from(b, q_range, region_kind, i);
                    if !b.text[rest.clone()].trim().is_empty() {
                        let span = b.source_span(rest.clone());
                        o.add_answer(&b.text[rest], span, i);
                    }
                    open = Some(o);
                } else if let Some(o) = open.as_mut() {
                    o.add_answer(&b.text, b.span, i);
                } else if !b.text.trim().is_empty() && !reported_unplaced {
                    reported_unplaced = true;
                    issues.push(ParseIssue {
                        kind: ParseIssueKind::UnplacedFaqContent,
                        message: "text in an FAQ section before its first question; is a question missing?".into(),
                        span: b.span,
                    });
                }
            }
            BlockKind::List if list_of_questions(b) => {
                if let Some(o) = open.take() {
                    entries.push(o.finish());
                }
                for item in &b.items {
                    let item_text = &b.text[item.clone()];
                    let q_end = item_text.find('\n').map_or(item.end, |n| item.start + n);
                    let mut o = question_from(b, item.start..q_end, region_kind, i);
                    if q_end < item.end {
                        let rest = q_end + 1..item.end;
                        let span = b.source_span(rest.clone());
                        o.add_answer(&b.text[rest], span, i);
                    }
                    entries.push(o.finish());
                }
            }
            BlockKind::Html | BlockKind::Rule => {}
            _ => {
                if let Some(o) = open.as_mut() {
                    o.add_answer(&b.text, b.span, i);
                }
            }
        }
    }
    if let Some(o) = open.take() {
        entries.push(o.finish());
    }
    entries
}

/// An opening bold run that reads as a question; returns its range and the rest of the text.
fn bold_question(b: &Block) -> Option<(Range<usize>, Range<usize>)> {
    let lead = b.lead_strong.clone()?;
    let strong = &b.text[lead.clone()];
    let labelled = question_label(strong).is_some();
    if !(labelled || strong.trim_end().ends_with('?') || strong.trim_end().ends_with("?:")) {
        return None;
    }
    // A bold label alone ("**Q:** How much?") takes the rest of the first line as the question.
    let label_only = question_label(strong).is_some_and(|(_, _, end)| strong[end..].trim().is_empty());
    if label_only {
        let line_end = b.text[lead.end..].find('\n').map_or(b.text.len(), |n| lead.end + n);
        let q_end = b.text[lead.end..line_end].find('?').map_or(line_end, |n| lead.end + n + 1);
        return Some((lead.start..q_end, q_end..b.text.len()));
    }
    Some((lead.clone(), lead.end..b.text.len()))
}

/// A paragraph opening with a plain `Q:` label.
fn plain_question(b: &Block) -> Option<(Range<usize>, Range<usize>)> {
    question_label(&b.text)?;
    let line_end = b.text.find('\n').unwrap_or(b.text.len());
    let q_end = b.text[..line_end].find('?').map_or(line_end, |n| n + 1);
    Some((0..q_end, q_end..b.text.len()))
}

/// A list whose items mostly open with a question.
fn list_of_questions(b: &Block) -> bool {
    let questions = b
        .items
        .iter()
        .filter(|r| {
            let first_line = b.text[(*r).clone()].lines().next().unwrap_or("");
            first_line.trim_end().ends_with('?') || question_label(first_line).is_some()
        })
        .count();
    !b.items.is_empty() && questions * 2 > b.items.len() && b.items.iter().any(|r| b.text[r.clone()].contains('\n'))
}

fn question_from(b: &Block, range: Range<usize>, region_kind: FaqKind, block: usize) -> Open {
    let raw = &b.text[range.clone()];
    let (label, label_kind, skip) = match question_label(raw) {
        Some((l, k, end)) => (Some(l), k, end),
        None => (None, None, 0),
    };
    let q_start = range.start + skip;
    let trimmed = b.text[q_start..range.end].trim();
    let lead = b.text[q_start..range.end].len() - b.text[q_start..range.end].trim_start().len();
    let q_range = q_start + lead..q_start + lead + trimmed.len();
    let text = trimmed.trim_end_matches(':').trim().to_string();
    let span = b.source_span(q_range);
    let kind = match (region_kind, label_kind) {
        (FaqKind::Combined, Some(k)) => k,
        (k, _) => k,
    };
    Open {
        kind,
        label,
        question: TextSpan { text, span },
        start: span,
        answer_text: String::new(),
        answer_span: None,
        answer_blocks: block + 1..block + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_recognised() {
        assert_eq!(question_label("Question 1: How?").map(|l| l.0), Some("Question 1".into()));
        assert_eq!(question_label("Q: How?").map(|l| l.0), Some("Q".into()));
        assert_eq!(question_label("C2. Price?").map(|l| l.1), Some(Some(FaqKind::External)));
        assert_eq!(question_label("I1. Cost?").map(|l| l.1), Some(Some(FaqKind::Internal)));
        assert!(question_label("Quality matters").is_none());
        assert!(question_label("Is it free?").is_none());
    }
}
