//! The press release: headline, subheadline, dateline, and the role of each paragraph.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    Block, BlockKind, Dateline, PrParagraph, PrRole, PressRelease, Quote, QuoteKind, SectionKind, TextSpan,
};
use crate::parse::quotes;

const MONTHS: &str = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

// Latin letters by explicit ranges: full Unicode classes make this regex slow to compile.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let date = format!(
        r"(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTHS},?\s+\d{{4}}|{MONTHS}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|TBD|\[[^\]]{{1,30}}\]|\([^)]{{1,30}}\))"
    );
    Regex::new(&format!(
        r"^\s*(?P<city>[A-ZÀ-ÞĀ-Ž\[(][A-Za-zÀ-ÿĀ-ž.'’ ()\[\]-]{{0,40}}?(?:,\s*[A-ZÀ-ÞĀ-Ž][A-Za-zÀ-ÿĀ-ž.]{{1,20}})?)\s*(?:—|–|--|-|,)\s*(?P<date>{date})\s*(?:—|–|--|-|:)\s*"
    ))
    .expect("valid regex")
});
static LOOSE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^[^.]{{0,60}}?(?:\b{MONTHS}\s+\d{{1,2}}\b(?:,?\s+\d{{4}})?|\b{MONTHS}\s+\d{{4}}\b|\d{{1,2}}\s+{MONTHS}(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\bTBD\b)")).expect("valid regex")
});

const PROBLEM_CUES: &[&str] = &[
    "today",
    "currently",
    "struggl",
    "difficult",
    "hard to",
    "problem",
    "pain",
    "frustrat",
    "waste",
    "manual",
    "spend",
    "spent",
    "hours",
    "can't",
    "cannot",
    "unable",
    "time-consuming",
    "time consuming",
    "costly",
    "lack",
    "no way",
    "forced",
    "have to",
    "challenge",
    "error-prone",
    "tedious",
    "slow",
    "miss",
    "lose",
    "lost",
];
const SOLUTION_CUES: &[&str] = &[
    "now ",
    "introduc",
    "launch",
    "lets ",
    "enables",
    "allows",
    "solves",
    "helps",
    "gives",
    "automatically",
    "instead",
    "makes it",
];
const CTA_CUES: &[&str] = &[
    "visit",
    "sign up",
    "signup",
    "learn more",
    "get started",
    "available today",
    "available now",
    "available at",
    "available in",
    "available from",
    "download",
    "go to",
    "head to",
    "http",
    "www.",
    "to start using",
    "try it",
    "request access",
    "join",
    "install",
    "contact",
    "to get started",
    "available on",
];

fn cue_count(text: &str, cues: &[&str]) -> usize {
    let lower = text.to_lowercase();
    cues.iter().filter(|c| lower.contains(*c)).count()
}

/// The role an explicit sub-heading inside the press release gives the paragraphs under it.
fn role_of_heading(title: &str) -> Option<PrRole> {
    let t = title.to_lowercase();
    let t = t.trim().trim_end_matches(':');
    let role = if t.contains("quote") || t.contains("testimon") {
        return None;
    } else if t.contains("summary") || t == "overview" || t == "introduction" {
        PrRole::Summary
    } else if t.contains("problem") || t.contains("pain") || t.contains("challenge") {
        PrRole::Problem
    } else if t.contains("solution") {
        PrRole::Solution
    } else if t.contains("how it works") || t.contains("how does it work") || t.contains("customer experience") {
        PrRole::HowItWorks
    } else if t.contains("call to action")
        || t.contains("get started")
        || t.contains("getting started")
        || t.contains("how to get")
        || t.contains("availability")
    {
        PrRole::CallToAction
    } else {
        return None;
    };
    Some(role)
}

/// What the press release extraction yields.
pub(crate) struct Extracted {
    pub(crate) press_release: PressRelease,
    pub(crate) quotes: Vec<Quote>,
}

/// Reads the press release from the blocks of the leading press-release region.
pub(crate) fn extract(
    blocks: &[Block],
    regions: &[SectionKind],
    company: Option<&str>,
    guess: Option<&str>,
    all_illustrative: bool,
) -> Extracted {
    let mut pr = PressRelease::default();
    // The press release is the leading run of blocks in the press-release region.
    let end = regions.iter().position(|r| *r != SectionKind::PressRelease).unwrap_or(blocks.len());
    let mut i = 0;
    // Headline: the first heading (skipping an explicit "Press Release" heading), or a bold
    // opening paragraph.
    let mut headline_level = 0u8;
    while i < end {
        let b = &blocks[i];
        match b.kind {
            BlockKind::Heading(_) if b.text.trim().is_empty() => i += 1,
            BlockKind::Heading(level) => {
                if crate::parse::sections::classify_heading(&b.text) == Some(SectionKind::PressRelease) {
                    pr.has_heading = true;
                    i += 1;
                    continue;
                }
                pr.headline = Some(strip_label(b, &["title", "headline", "heading"]));
                headline_level = level;
                i += 1;
                break;
            }
            BlockKind::Paragraph if b.all_emphasis && b.words.len() <= 30 => {
                pr.headline = Some(strip_label(b, &["title", "headline", "heading"]));
                i += 1;
                break;
            }
            BlockKind::Html | BlockKind::Rule => i += 1,
            _ if b.text.trim().is_empty() => i += 1,
            _ => break,
        }
    }
    // Subheadline: a deeper heading or an emphasised short paragraph right after the headline.
    while i < end && (matches!(blocks[i].kind, BlockKind::Html | BlockKind::Rule) || blocks[i].text.trim().is_empty()) {
        i += 1;
    }
    if pr.headline.is_some() && i < end {
        let b = &blocks[i];
        let is_sub = match b.kind {
            BlockKind::Heading(level) => {
                level > headline_level && role_of_heading(&b.text).is_none() && !b.text.trim().is_empty()
            }
            BlockKind::Paragraph => {
                (b.all_emphasis && b.words.len() <= 60)
                    || starts_with_label(&b.text, &["subheading", "sub-heading", "subheadline", "subtitle"])
            }
            _ => false,
        };
        if is_sub {
            pr.subheadline = Some(strip_label(b, &["subheading", "sub-heading", "subheadline", "subtitle"]));
            i += 1;
        }
    }

    // Body paragraphs, with roles from explicit sub-headings where there are any.
    let mut heading_role: Option<PrRole> = None;
    let mut found_quotes = Vec::new();
    let mut paras: Vec<(usize, Option<PrRole>)> = Vec::new();
    for (idx, b) in blocks.iter().enumerate().take(end).skip(i) {
        match b.kind {
            BlockKind::Heading(_) => heading_role = role_of_heading(&b.text),
            BlockKind::Paragraph | BlockKind::List | BlockKind::BlockQuote if !b.words.is_empty() => {
                if let Some(f) = quotes::find(b) {
                    found_quotes.push((idx, f));
                    paras.push((idx, Some(PrRole::Body)));
                } else {
                    paras.push((idx, inline_label_role(&b.text).or(heading_role)));
                }
            }
            _ => {}
        }
    }
    let quote_list = quotes::assign(found_quotes, blocks, company, guess, all_illustrative);
    for q in &quote_list {
        if let Some(p) = paras.iter_mut().find(|(b, _)| *b == q.block) {
            p.1 = Some(if q.kind == QuoteKind::Customer { PrRole::CustomerQuote } else { PrRole::LeaderQuote });
        }
    }
    assign_positional_roles(&mut paras, blocks);

    pr.paragraphs = paras
        .iter()
        .map(|&(block, role)| PrParagraph { block, role: role.unwrap_or(PrRole::Body), span: blocks[block].span })
        .collect();
    pr.word_count = pr.paragraphs.iter().map(|p| blocks[p.block].words.len()).sum();
    if let Some(first) = pr.paragraphs.first() {
        pr.dateline = dateline(&blocks[first.block]);
    }
    let start = pr.headline.as_ref().map(|h| h.span).or_else(|| pr.paragraphs.first().map(|p| p.span));
    let last = pr.paragraphs.last().map(|p| p.span).or_else(|| pr.subheadline.as_ref().map(|s| s.span));
    pr.span = match (start, last) {
        (Some(s), Some(l)) => Some(s.cover(l)),
        (s, l) => s.or(l),
    };
    Extracted { press_release: pr, quotes: quote_list }
}

/// Fills in the roles that no heading or quote gave: summary first, then problem and
/// solution before the first quote, how-it-works after it, and a closing call to action.
fn assign_positional_roles(paras: &mut [(usize, Option<PrRole>)], blocks: &[Block]) {
    let has = |paras: &[(usize, Option<PrRole>)], role| paras.iter().any(|p| p.1 == Some(role));
    // Call to action: the last unassigned paragraph, when it reads as one.
    if !has(paras, PrRole::CallToAction)
        && let Some(last) = paras.iter_mut().rev().find(|p| p.1.is_none() || p.1 == Some(PrRole::Body))
        && last.1.is_none()
        && cue_count(&blocks[last.0].text, CTA_CUES) > 0
    {
        last.1 = Some(PrRole::CallToAction);
    }
    let first_quote = paras.iter().position(|p| matches!(p.1, Some(PrRole::LeaderQuote | PrRole::CustomerQuote)));
    for pos in 0..paras.len() {
        if paras[pos].1.is_some() {
            continue;
        }
        let text = &blocks[paras[pos].0].text;
        let before_quote = first_quote.is_none_or(|q| pos < q);
        let no_summary = !has(paras, PrRole::Summary);
        let no_problem_or_solution = !has(paras, PrRole::Problem) && !has(paras, PrRole::Solution);
        let role = if no_summary && (pos == 0 || (no_problem_or_solution && before_quote)) {
            PrRole::Summary
        } else if before_quote && no_problem_or_solution {
            // Problem comes first unless the paragraph reads only as a solution.
            if cue_count(text, PROBLEM_CUES) == 0 && cue_count(text, SOLUTION_CUES) > 0 {
                PrRole::Solution
            } else {
                PrRole::Problem
            }
        } else if before_quote && !has(paras, PrRole::Solution) {
            PrRole::Solution
        } else if !has(paras, PrRole::HowItWorks)
            && (!before_quote || (first_quote.is_none() && has(paras, PrRole::Solution)))
        {
            PrRole::HowItWorks
        } else {
            PrRole::Body
        };
        paras[pos].1 = Some(role);
    }
}

/// A role named by a short label that opens the paragraph ("Solution: …", "Customer Problems: …").
fn inline_label_role(text: &str) -> Option<PrRole> {
    let (label, _) = text.split_once(':')?;
    if label.split_whitespace().count() > 3 || label.contains('\n') {
        return None;
    }
    let label = label.to_lowercase();
    if label.contains("intro") {
        return Some(PrRole::Summary);
    }
    role_of_heading(&label)
}

fn starts_with_label(text: &str, labels: &[&str]) -> bool {
    let lower = text.trim_start().to_lowercase();
    labels.iter().any(|l| lower.strip_prefix(l).is_some_and(|r| r.trim_start().starts_with(':')))
}

/// The block's text and span, without a leading "Title:" style label.
fn strip_label(b: &Block, labels: &[&str]) -> TextSpan {
    let text = b.text.trim_start();
    let lead = b.text.len() - text.len();
    let mut start = lead;
    if starts_with_label(text, labels)
        && let Some(colon) = text.find(':')
    {
        start = lead + colon + 1;
        start += b.text[start..].len() - b.text[start..].trim_start().len();
    }
    let end = b.text.trim_end().len().max(start);
    let span = if matches!(b.kind, BlockKind::Heading(_)) && start == lead {
        b.content_span()
    } else {
        b.source_span(start..end)
    };
    TextSpan { text: b.text[start..end].to_string(), span }
}

/// The dateline that opens the first paragraph, strict or loosely recognised.
fn dateline(b: &Block) -> Option<Dateline> {
    if let Some(c) = DATELINE.captures(&b.text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let text = b.text[whole.clone()].trim().to_string();
        return Some(Dateline {
            city: c.name("city").map(|m| m.as_str().trim().to_string()),
            date: c.name("date").map(|m| m.as_str().trim().to_string()),
            well_formed: true,
            span: b.source_span(whole.start..whole.start + b.text[whole].trim_end().len()),
            text,
        });
    }
    let m = LOOSE_DATE.find(&b.text)?;
    Some(Dateline {
        text: m.as_str().to_string(),
        city: None,
        date: None,
        well_formed: false,
        span: b.source_span(m.range()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::read_blocks;

    fn dl(text: &str) -> Option<Dateline> {
        dateline(&read_blocks(text, 0)[0])
    }

    #[test]
    fn canonical_datelines() {
        let d = dl("SEATTLE — March 3, 2027 — Acme launches.").expect("dateline");
        assert!(d.well_formed);
        assert_eq!(d.city.as_deref(), Some("SEATTLE"));
        assert_eq!(d.date.as_deref(), Some("March 3, 2027"));
        assert!(dl("Palo Alto, CA -- 3 March 2027 -- Acme launches.").expect("dateline").well_formed);
        assert!(dl("NEW YORK – TBD – Acme launches.").expect("dateline").well_formed);
    }

    #[test]
    fn loose_and_missing_datelines() {
        let d = dl("On March 3, Acme launched Reports.").expect("loose");
        assert!(!d.well_formed);
        assert!(dl("Acme launches Reports for marketers.").is_none());
    }
}
