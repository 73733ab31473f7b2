//! Scans of the plain text: placeholders, evidence citations, suppression comments.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    Block, BlockKind, EvidenceRef, FaqEntry, FrontMatter, Placeholder, PlaceholderKind, PrRole, PressRelease,
    Suppression,
};
use crate::span::Span;
use crate::text;

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:TBD|TBC|TBA|TODO)\b|\?\?+|\[(?:…|\.\.\.)\]|(?i:\bto be (?:determined|confirmed|decided|announced)\b)",
    )
    .expect("valid regex")
});
static GUIDANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:Headline|Subheadline|Summary|Problem|Solution|Leader quote|How it works|Customer quote|Call to action|Name|Title|Role|Company)\b[^()]*\)").expect("valid regex")
});
static EVIDENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(ev|obs):\s*([A-Za-z0-9_.\-]+)\]").expect("valid regex"));
static SUPPRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--\s*prfaq-disable(-file)?\b([^>]*?)-->").expect("valid regex"));

fn placeholder_kind(m: &str) -> PlaceholderKind {
    let lower = m.to_lowercase();
    if m.starts_with("??") {
        PlaceholderKind::QuestionMarks
    } else if m.starts_with('[') {
        PlaceholderKind::Elision
    } else if lower == "todo" {
        PlaceholderKind::Todo
    } else if lower == "tbc" || lower.ends_with("confirmed") {
        PlaceholderKind::Tbc
    } else {
        PlaceholderKind::Tbd
    }
}

/// Where a block sits, for naming a placeholder's section and open question.
pub(crate) struct Places<'a> {
    pub(crate) press_release: &'a PressRelease,
    pub(crate) faqs: &'a [FaqEntry],
    pub(crate) section_titles: Vec<Option<&'a str>>,
}

impl Places<'_> {
    fn role(&self, block: usize) -> Option<PrRole> {
        self.press_release.paragraphs.iter().find(|p| p.block == block).map(|p| p.role)
    }

    fn faq(&self, span: Span) -> Option<usize> {
        self.faqs.iter().position(|f| f.span.contains(span))
    }
}

/// Every placeholder in the blocks and the front matter.
pub(crate) fn placeholders(
    blocks: &[Block],
    front_matter: Option<&FrontMatter>,
    places: &Places<'_>,
) -> Vec<Placeholder> {
    let mut out = Vec::new();
    if let Some(fm) = front_matter {
        for f in &fm.fields {
            for m in PLACEHOLDER.find_iter(&f.value) {
                let span = if f.span.len() == f.value.len() {
                    Span::new(f.span.start + m.start(), f.span.start + m.end())
                } else {
                    f.span
                };
                out.push(Placeholder {
                    kind: placeholder_kind(m.as_str()),
                    text: m.as_str().to_string(),
                    span,
                    section: "front matter".into(),
                    context: format!("{}: {}", f.key, f.value),
                    question: format!("What is the {}?", f.key),
                    faq: None,
                    role: None,
                });
            }
        }
    }
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Code | BlockKind::Html) {
            continue;
        }
        let guidance = guidance(b).unwrap_or_default().into_iter().map(|r| (r, PlaceholderKind::Guidance));
        let others = PLACEHOLDER.find_iter(&b.text).map(|m| (m.range(), placeholder_kind(m.as_str())));
        for (range, kind) in guidance.chain(others) {
            if b.in_code(&range) {
                continue;
            }
            let span = b.source_span(range.clone());
            let context = sentence_around(&b.text, range.start);
            let faq = places.faq(span);
            let role = places.role(i);
            let headline = places.press_release.headline.as_ref().is_some_and(|h| h.span.contains(span));
            let (section, question) = if let Some(f) = faq.map(|f| &places.faqs[f]) {
                (format!("{} FAQ", f.kind.label()), f.question.text.clone())
            } else if headline {
                ("headline".to_string(), "What is the headline's customer benefit?".to_string())
            } else if let Some(role) = role {
                (format!("press release: {}", role.label()), format!("Open in the {}: {context}", role.label()))
            } else {
                let title = places.section_titles.get(i).copied().flatten().unwrap_or("document");
                (title.to_string(), format!("Open in \"{title}\": {context}"))
            };
            out.push(Placeholder { kind, text: short(&b.text[range]), span, section, context, question, faq, role });
        }
    }
    out
}

/// Unreplaced template guidance in a block: the whole block when it is one parenthetical,
/// otherwise each labelled `(Summary: …)` part.
fn guidance(b: &Block) -> Option<Vec<std::ops::Range<usize>>> {
    let trimmed = b.text.trim();
    let lead = b.text.len() - b.text.trim_start().len();
    let whole = trimmed.starts_with('(')
        && (trimmed.ends_with(')') || trimmed.ends_with(").") || trimmed.ends_with(")?"))
        && trimmed.find(')').is_some_and(|i| i + 2 >= trimmed.len())
        && trimmed.len() > 2;
    if whole && !matches!(b.kind, BlockKind::List | BlockKind::Table) {
        return Some(std::iter::once(lead..lead + trimmed.len()).collect());
    }
    let found: Vec<_> = GUIDANCE.find_iter(&b.text).map(|m| m.range()).collect();
    (!found.is_empty()).then_some(found)
}

/// A placeholder's text, cut to 60 characters for registers and messages.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let cut: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() { format!("{cut}…") } else { cut }
}

fn sentence_around(text: &str, offset: usize) -> String {
    text::sentences(text)
        .into_iter()
        .find(|r| r.start <= offset && offset < r.end.max(r.start + 1))
        .map_or_else(|| text.trim().to_string(), |r| text[r].to_string())
}

/// Every `[ev:ID]` and `[obs:ID]` citation.
pub(crate) fn evidence(blocks: &[Block]) -> Vec<EvidenceRef> {
    let mut out = Vec::new();
    for b in blocks.iter().filter(|b| b.kind.is_prose()) {
        for c in EVIDENCE.captures_iter(&b.text) {
            let whole = c.get(0).map_or(0..0, |m| m.range());
            out.push(EvidenceRef { scheme: c[1].to_string(), id: c[2].to_string(), span: b.source_span(whole) });
        }
    }
    out
}

/// Every `<!-- prfaq-disable RULE … -->` comment and what it covers.
pub(crate) fn suppressions(blocks: &[Block], source_len: usize) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.html.is_empty() {
            continue;
        }
        for c in SUPPRESS.captures_iter(&b.html) {
            let rules: Vec<String> = c[2]
                .split([',', ' ', '\t', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let covers = if c.get(1).is_some() {
                Span::new(0, source_len)
            } else if b.kind == BlockKind::Html {
                blocks[i + 1..]
                    .iter()
                    .find(|n| n.kind != BlockKind::Html)
                    .map_or(Span::new(b.span.end, b.span.end), |n| n.span)
            } else {
                b.span
            };
            out.push(Suppression { rules, comment: b.span, covers });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::PlaceholderKind;

    fn kinds(text: &str) -> Vec<(PlaceholderKind, String)> {
        crate::parse(text).placeholders.into_iter().map(|p| (p.kind, p.text)).collect()
    }

    #[test]
    fn template_guidance_is_a_placeholder() {
        let found = kinds("# Acme\n\nSEATTLE — March 3, 2027 — (Summary: who, what, why.)\n\n(Problem paragraph.)\n");
        assert_eq!(
            found,
            [
                (PlaceholderKind::Guidance, "(Summary: who, what, why.)".to_string()),
                (PlaceholderKind::Guidance, "(Problem paragraph.)".to_string())
            ]
        );
    }

    #[test]
    fn ordinary_parentheses_are_not() {
        assert!(kinds("# Acme\n\nIt costs $5 (about €4.60) a month. (Prices vary) by region.\n").is_empty());
    }

    #[test]
    fn placeholders_in_code_are_not() {
        assert!(kinds("# Acme\n\nRun `TODO` now.\n\n```\nTBD\n```\n").is_empty());
    }
}
