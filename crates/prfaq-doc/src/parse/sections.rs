//! Headings → sections, and which region (press release, external FAQ, …) each block is in.

use crate::model::{Block, BlockKind, Section, SectionKind};
use crate::span::Span;

/// Sections and, for every block, the kind of region it lies in.
pub(crate) struct Layout {
    pub(crate) sections: Vec<Section>,
    /// For each block: the region kind (`PressRelease`, an FAQ kind, `Appendix`, …).
    pub(crate) regions: Vec<SectionKind>,
    /// For each block: the index of the innermost section containing it.
    pub(crate) section_of: Vec<Option<usize>>,
}

/// Recognises the headings that open a region: FAQs, press release, appendix and so on.
pub(crate) fn classify_heading(title: &str) -> Option<SectionKind> {
    let t = normalize(title);
    let words: Vec<&str> = t.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    let faqish = has("faq") || has("faqs") || t.contains("frequently asked") || (has("questions") && words.len() <= 4);
    if faqish {
        if has("internal") || has("stakeholder") || has("stakeholders") || has("technical") || has("business") {
            return Some(SectionKind::InternalFaq);
        }
        if has("external") || has("customer") || has("customers") || has("public") || has("user") || has("client") {
            return Some(SectionKind::ExternalFaq);
        }
        return Some(SectionKind::CombinedFaq);
    }
    if t == "press release"
        || t == "pr"
        || t.starts_with("press release")
        || t == "working backwards"
        || t == "the press release"
    {
        return Some(SectionKind::PressRelease);
    }
    if has("tenets") || t == "tenet" {
        return Some(SectionKind::Tenets);
    }
    if t.starts_with("appendix") || t.starts_with("appendices") || t == "references" {
        return Some(SectionKind::Appendix);
    }
    const DESIGN: &[&str] = &[
        "technical design",
        "design",
        "detailed design",
        "high level design",
        "high-level design",
        "implementation",
        "implementation plan",
        "implementation details",
        "architecture",
        "technical solution",
        "api design",
        "design details",
        "technical details",
    ];
    if DESIGN.contains(&t.as_str()) {
        return Some(SectionKind::TechnicalDesign);
    }
    None
}

/// True when a heading or bold line reads as a question.
pub(crate) fn is_question_like(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['*', '_', ' ']);
    if t.ends_with('?') {
        return true;
    }
    let first = t.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    const ASKING: &[&str] = &[
        "what", "how", "why", "when", "where", "who", "which", "whom", "whose", "can", "could", "do", "does", "did",
        "is", "are", "was", "were", "will", "would", "should", "shall", "may", "might", "have", "has", "q:", "q.",
    ];
    ASKING.contains(&first.as_str()) || crate::parse::faq::question_label(t).is_some()
}

fn normalize(title: &str) -> String {
    let lower = title.to_lowercase();
    let cleaned: String = lower.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { ' ' }).collect();
    // Drop a leading section number ("3", "3.1", "part 2").
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while words.first().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()) || *w == "part") {
        words.remove(0);
    }
    words.join(" ")
}

/// Builds sections and regions from the blocks.
pub(crate) fn layout(blocks: &[Block]) -> Layout {
    let mut sections: Vec<Section> = Vec::new();
    let mut regions = Vec::with_capacity(blocks.len());
    let mut section_of = Vec::with_capacity(blocks.len());
    // Open regions: (heading level, kind).
    let mut region_stack: Vec<(u8, SectionKind)> = Vec::new();
    // Open sections: indices into `sections`.
    let mut open: Vec<usize> = Vec::new();
    let mut seen_faq = false;
    let mut question_level: Option<u8> = None;

    for (i, block) in blocks.iter().enumerate() {
        if let BlockKind::Heading(level) = block.kind {
            while region_stack.last().is_some_and(|&(l, _)| l >= level) {
                region_stack.pop();
            }
            while let Some(&top) = open.last() {
                if sections[top].level >= level {
                    close(&mut sections[top], i, blocks);
                    open.pop();
                } else {
                    break;
                }
            }
            let in_faq = region_stack
                .iter()
                .rev()
                .find(|(_, k)| *k != SectionKind::PressRelease)
                .is_some_and(|(_, k)| k.is_faq());
            let kind = match classify_heading(&block.text) {
                Some(kind) if !(in_faq && kind == SectionKind::TechnicalDesign) => {
                    region_stack.push((level, kind));
                    question_level = None;
                    seen_faq |= kind.is_faq();
                    kind
                }
                _ if in_faq => {
                    if is_question_like(&block.text) {
                        question_level = Some(level);
                        SectionKind::Question
                    } else if question_level.is_some_and(|q| level > q) {
                        SectionKind::Other
                    } else {
                        question_level = None;
                        SectionKind::FaqGroup
                    }
                }
                _ if region_stack.is_empty() && !seen_faq => SectionKind::PressRelease,
                _ => SectionKind::Other,
            };
            sections.push(Section {
                kind,
                title: block.text.trim().to_string(),
                level,
                heading: i,
                blocks: i..i + 1,
                span: block.span,
            });
            open.push(sections.len() - 1);
        }
        let region = region_stack
            .last()
            .map_or(if seen_faq { SectionKind::Other } else { SectionKind::PressRelease }, |&(_, k)| k);
        regions.push(region);
        section_of.push(open.last().copied());
    }
    for idx in open {
        close(&mut sections[idx], blocks.len(), blocks);
    }
    resolve_combined(&mut sections, &mut regions);
    Layout { sections, regions, section_of }
}

fn close(section: &mut Section, end_block: usize, blocks: &[Block]) {
    section.blocks = section.heading..end_block.max(section.heading + 1);
    let last = &blocks[section.blocks.end - 1];
    section.span = Span::new(section.span.start, last.span.end);
}

/// "FAQ" beside an "Internal FAQ" is the customers' FAQ.
fn resolve_combined(sections: &mut [Section], regions: &mut [SectionKind]) {
    if regions.contains(&SectionKind::InternalFaq) {
        for r in regions.iter_mut().filter(|r| **r == SectionKind::CombinedFaq) {
            *r = SectionKind::ExternalFaq;
        }
        for s in sections.iter_mut().filter(|s| s.kind == SectionKind::CombinedFaq) {
            s.kind = SectionKind::ExternalFaq;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_people_write_are_classified() {
        use SectionKind::*;
        let cases = [
            ("FAQs", Some(CombinedFaq)),
            ("Customer FAQ", Some(ExternalFaq)),
            ("External FAQ", Some(ExternalFaq)),
            ("Public FAQ", Some(ExternalFaq)),
            ("Internal FAQs", Some(InternalFaq)),
            ("Internal/Technical FAQ", Some(InternalFaq)),
            ("Stakeholder FAQ", Some(InternalFaq)),
            ("Frequently Asked Questions", Some(CombinedFaq)),
            ("Press Release", Some(PressRelease)),
            ("Appendix A: Data", Some(Appendix)),
            ("Tenets", Some(Tenets)),
            ("2. Technical Design", Some(TechnicalDesign)),
            ("How it works", None),
        ];
        for (title, want) in cases {
            assert_eq!(classify_heading(title), want, "{title}");
        }
    }

    #[test]
    fn questions_are_recognised() {
        assert!(is_question_like("How much does it cost?"));
        assert!(is_question_like("What we will not do"));
        assert!(is_question_like("Question 1: Pricing"));
        assert!(!is_question_like("Pricing"));
    }
}
