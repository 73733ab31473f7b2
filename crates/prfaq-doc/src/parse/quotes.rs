//! Quotes in the press release: quoted speech with an attribution, block quotes, and
//! labelled quotes (`*Customer quote*: …`).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Block, BlockKind, Quote, QuoteKind};

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(internal|leader(?:'s|’s)?|leadership|executive|company|customer(?:'s|’s)?|client|user|partner|academic)\s+quote\s*[:\-–—.]?\s*").expect("valid regex")
});
static SAID_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[,.]?\s*(?:[-–—]+\s*)?(?:said|says|explained|explains|added|adds|noted|notes|according to)\s+(.+)$",
    )
    .expect("valid regex")
});
static DASH_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[,.]?\s*[-–—]+\s*(.+)$").expect("valid regex"));
static SAID_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?]\s+)([^.!?]{2,120}?)\s+(?:said|says|explained|added|noted)\s*[,:]?\s*$")
        .expect("valid regex")
});

/// A quote found in one block, before kinds are assigned across the document.
pub(crate) struct Found {
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) speaker: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) labelled: Option<QuoteKind>,
}

/// Finds a quote in a press-release block.
pub(crate) fn find(block: &Block) -> Option<Found> {
    let text = block.text.as_str();
    if let Some(m) = LABEL.captures(text) {
        let kind = match m[1].to_lowercase().chars().next() {
            Some('c' | 'u') => QuoteKind::Customer,
            Some('p' | 'a') => QuoteKind::Unknown,
            _ => QuoteKind::Leader,
        };
        let rest = m.get(0).map_or(0, |g| g.end());
        let body = text[rest..].trim();
        if body.split_whitespace().count() < 3 {
            return None;
        }
        let (range, attribution) = match quoted(text, rest) {
            Some((r, after)) => (r, after),
            None => (rest..text.trim_end().len(), None),
        };
        let (speaker, title) = attribution.map(|a| split_attribution(&a)).unwrap_or_default();
        return Some(Found { range, speaker, title, labelled: Some(kind) });
    }
    if block.kind == BlockKind::BlockQuote {
        return block_quote(text);
    }
    let (range, attribution) = quoted(text, 0)?;
    let attribution = attribution.or_else(|| {
        let before = text[..range.start].trim_end_matches(['"', '“']);
        SAID_BEFORE.captures(before).map(|c| c[1].trim().to_string())
    });
    let words = crate::text::word_count(&text[range.clone()]);
    if attribution.is_none() && words < 8 {
        return None;
    }
    let (speaker, title) = attribution.map(|a| split_attribution(&a)).unwrap_or_default();
    Some(Found { range, speaker, title, labelled: None })
}

/// A block quote: the whole text, attributed by a final `— Name, Title` line if there is one.
/// Notes and alerts (`> [!NOTE]`, `> **Note**`, `> Please note…`) quote no one.
fn block_quote(text: &str) -> Option<Found> {
    let lead = text.trim_start().to_lowercase();
    const NOT_SPEECH: &[&str] = &[
        "[!",
        "note",
        "warning",
        "important",
        "tip",
        "caution",
        "please",
        "todo",
        "tbd",
        "info",
        "this section",
        "this document",
        "this rfc",
        "template",
    ];
    if NOT_SPEECH.iter().any(|p| lead.starts_with(p)) {
        return None;
    }
    let trimmed_end = text.trim_end().len();
    if let Some(nl) = text[..trimmed_end].rfind('\n') {
        let last = &text[nl + 1..trimmed_end];
        if let Some(c) = DASH_AFTER.captures(last).filter(|_| last.trim_start().starts_with(['-', '–', '—'])) {
            let (speaker, title) = split_attribution(&c[1]);
            return Some(Found { range: 0..nl, speaker, title, labelled: None });
        }
    }
    Some(Found { range: 0..trimmed_end, speaker: None, title: None, labelled: None })
}

/// The first quoted passage of at least four words at or after `from`, with the attribution
/// that follows it ("said …" or "— …"), if any.
fn quoted(text: &str, from: usize) -> Option<(std::ops::Range<usize>, Option<String>)> {
    let mut search = from;
    while let Some(rel) = text[search..].find(['"', '“']) {
        let open = search + rel;
        let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
        let inner_start = open + open_len;
        let close_rel = text[inner_start..].find(['"', '”'])?;
        let inner = inner_start..inner_start + close_rel;
        let close_len = text[inner.end..].chars().next().map_or(1, char::len_utf8);
        if crate::text::word_count(&text[inner.clone()]) >= 4 {
            let after = &text[inner.end + close_len..];
            let first_line = after.split('\n').next().unwrap_or("");
            let attribution = SAID_AFTER
                .captures(first_line)
                .or_else(|| DASH_AFTER.captures(first_line))
                .map(|c| c[1].trim().to_string())
                .filter(|a| !a.is_empty());
            return Some((inner, attribution));
        }
        search = inner.end + close_len;
    }
    None
}

/// "Pat Lee, VP of Analytics at Acme." → ("Pat Lee", "VP of Analytics at Acme").
fn split_attribution(attribution: &str) -> (Option<String>, Option<String>) {
    // Cut at the end of the attribution's sentence.
    let end = attribution.find(". ").unwrap_or(attribution.len());
    let a = attribution[..end].trim().trim_end_matches(['.', ',', ';']).trim();
    if a.is_empty() {
        return (None, None);
    }
    match a.split_once(',') {
        Some((name, title)) => {
            (Some(name.trim().to_string()), Some(title.trim().to_string()).filter(|t| !t.is_empty()))
        }
        None => (Some(a.to_string()), None),
    }
}

const LEADER_CUES: &[&str] = &[
    "ceo",
    "cto",
    "cfo",
    "coo",
    "cmo",
    "cpo",
    "ciso",
    "founder",
    "co-founder",
    "cofounder",
    "president",
    "vp",
    "svp",
    "evp",
    "vice president",
    "director",
    "head of",
    "general manager",
    "gm",
    "chair",
    "chairperson",
    "chairman",
    "chief",
    "leader",
    "executive",
    "managing director",
    "partner at",
];
const CUSTOMER_CUES: &[&str] =
    &["customer", "user", "shopper", "parent", "merchant", "buyer", "subscriber", "client", "owner of", "member"];

fn has_cue(title: &str, cues: &[&str]) -> bool {
    let t = format!(" {} ", title.to_lowercase().replace([',', '.', '(', ')'], " "));
    cues.iter().any(|c| t.contains(&format!(" {c} ")))
}

fn organisation(title: &str) -> Option<String> {
    let lower = title.to_lowercase();
    let at = lower.rfind(" at ").map(|i| i + 4).or_else(|| lower.rfind(" of ").map(|i| i + 4))?;
    Some(lower[at..].trim().trim_end_matches('.').to_string()).filter(|o| !o.is_empty())
}

/// Turns per-block finds into quotes and decides who each quote is from.
///
/// Labels win, then a customer title ("… customer", "… user"). Otherwise the organisation in
/// the title decides: the company's people are leaders, others are customers. The company is
/// the front matter's `company`, else the organisation of the first quote whose title is a
/// leader's ("VP … at Acme"), else `guess` (the title's first word). Without an organisation, a
/// leader's title makes a leader; what is left goes by order: the first is the leader's.
pub(crate) fn assign(
    found: Vec<(usize, Found)>,
    blocks: &[Block],
    company: Option<&str>,
    guess: Option<&str>,
    all_illustrative: bool,
) -> Vec<Quote> {
    let leader_org = found
        .iter()
        .filter_map(|(_, f)| f.title.as_deref())
        .find(|t| has_cue(t, LEADER_CUES) && !has_cue(t, CUSTOMER_CUES))
        .and_then(organisation);
    let company = company.map(str::to_lowercase).or(leader_org).or_else(|| guess.map(str::to_lowercase));
    let mut kinds: Vec<QuoteKind> = found
        .iter()
        .map(|(_, f)| {
            if let Some(k) = f.labelled {
                return k;
            }
            let Some(title) = f.title.as_deref() else {
                return QuoteKind::Unknown;
            };
            if has_cue(title, CUSTOMER_CUES) {
                return QuoteKind::Customer;
            }
            match (&company, organisation(title)) {
                (Some(c), Some(o)) if o.contains(c.as_str()) || c.contains(o.as_str()) => QuoteKind::Leader,
                (Some(_), Some(_)) => QuoteKind::Customer,
                _ if has_cue(title, LEADER_CUES) => QuoteKind::Leader,
                _ => QuoteKind::Unknown,
            }
        })
        .collect();
    // Order decides what is still unknown: the first is the leader's, later ones the customers'.
    let mut leader_seen = kinds.contains(&QuoteKind::Leader);
    for kind in &mut kinds {
        if *kind == QuoteKind::Unknown {
            *kind = if leader_seen { QuoteKind::Customer } else { QuoteKind::Leader };
        }
        leader_seen |= *kind == QuoteKind::Leader;
    }
    found
        .into_iter()
        .zip(kinds)
        .map(|((block, f), kind)| {
            let b = &blocks[block];
            let previous_html = block.checked_sub(1).map(|p| &blocks[p]).filter(|p| p.kind == BlockKind::Html);
            let illustrative = all_illustrative
                || b.html.contains("illustrative")
                || previous_html.is_some_and(|p| p.html.contains("illustrative"));
            Quote {
                text: b.text[f.range.clone()].to_string(),
                span: b.source_span(f.range),
                block,
                speaker: f.speaker,
                title: f.title,
                kind,
                illustrative,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::read_blocks;

    fn find_in(src: &str) -> Option<Found> {
        find(&read_blocks(src, 0)[0])
    }

    #[test]
    fn said_attribution_after_the_quote() {
        let f =
            find_in("\"We built this for the people who compile reports,\" said Pat Lee, VP of Analytics at Acme.\n")
                .expect("quote");
        assert_eq!(f.speaker.as_deref(), Some("Pat Lee"));
        assert_eq!(f.title.as_deref(), Some("VP of Analytics at Acme"));
    }

    #[test]
    fn curly_quotes_and_dash_attribution() {
        let f = find_in("“Carbon awareness is one of the hottest topics right now” - Asim Hussain, chairperson GSF\n")
            .expect("quote");
        assert_eq!(f.speaker.as_deref(), Some("Asim Hussain"));
    }

    #[test]
    fn labelled_quotes() {
        let f =
            find_in("*Customer quote*: We need an order routing engine that we manage ourselves.\n").expect("quote");
        assert_eq!(f.labelled, Some(QuoteKind::Customer));
        assert!(find_in("*Internal quote*\n").is_none());
    }

    #[test]
    fn a_short_quoted_name_is_not_a_quote() {
        assert!(find_in("The \"Acme Reports\" dashboard ships today.\n").is_none());
    }
}
