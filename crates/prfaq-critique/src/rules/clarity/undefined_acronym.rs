//! STY004 undefined-acronym.

use std::ops::Range;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "STY004",
    name: "undefined-acronym",
    family: Family::Clarity,
    severity: Severity::Note,
    summary: "an acronym is used before it is spelled out",
    docs: Docs {
        what: "Flags the first use of an acronym — a capitalised token of 2–6 characters with at least two letters, digits allowed after the first (\"ROAS\", \"B2B\", \"APIs\") — in the press release and FAQ, headline included, unless that first use defines it: \"return on ad spend (ROAS)\", where the words before the parenthesis spell the acronym, or an explanation right after it, \"ROAS (return on ad spend)\" or \"BLIK, the phone payment system run by Polish banks\". Only the first use is flagged. Well-known acronyms (CEO, FAQ, PDF, US …) and those in `[words] acronyms` in prfaq.toml are skipped, as are inline code, URLs, quoted values (\"RETAIN\"), capitalised identifiers (`MUTATING-IN-PLACE`, `.NET`), the dateline's city, capitalised emphasis (\"NOT\") and shouted lines (see `shouting-headline`).",
        why: "Amazon's writing rules spell out every acronym on first use. A press release is written for the customer (\"Oprah-speak, not geek-speak\"), and an FAQ is read by finance, legal and leaders outside the team; an acronym they have to guess slows the silent reading and hides what is meant.",
        flagged: "# Acme\n\nAcme Reports shows ROAS for every campaign.\n",
        clean: "# Acme\n\nAcme Reports shows return on ad spend (ROAS) for every campaign.\n",
    },
    check,
};

/// Capitalised words that are emphasis or plain English, not acronyms.
const NOT_ACRONYMS: &[&str] = &[
    "NOT", "NO", "NEVER", "ALL", "ANY", "NOW", "NEW", "FREE", "ONLY", "MUST", "YES", "AND", "OR", "BUT", "THE", "OFF",
    "ON", "OUT", "UP", "TO", "DO", "WE", "YOU", "OUR", "IS", "ARE", "BE", "WHY", "HOW", "WHAT", "WHO", "AT", "OF",
    "IN", "FOR", "BY", "IF", "SO", "ONE", "TWO", "NOTE", "STOP", "WAIT", "VERY", "MUCH", "MORE", "LESS", "BEFORE",
    "AFTER", "WILL", "CAN", "DONT", "WONT", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "README",
];

/// One use of an acronym: the block, its range in the block's text, and its key (the
/// acronym without a plural "s").
struct Use<'a> {
    block: usize,
    range: Range<usize>,
    key: &'a str,
}

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    let uses = uses(cx);
    let mut seen: Vec<&str> = Vec::new();
    for (i, u) in uses.iter().enumerate() {
        if seen.contains(&u.key) {
            continue;
        }
        seen.push(u.key);
        let text = &cx.doc.blocks[u.block].text;
        if definition(text, u.range.clone(), u.key).is_some() {
            continue;
        }
        let b = &cx.doc.blocks[u.block];
        let message = format!("acronym \"{}\" is not spelled out on first use", u.key);
        // A later use may spell it out; then the fix is to move that definition here.
        let later = uses[i + 1..].iter().filter(|l| l.key == u.key).find_map(|l| {
            let t = &cx.doc.blocks[l.block].text;
            definition(t, l.range.clone(), l.key).map(|long| (l, long))
        });
        let suggestion = match later {
            Some((l, long)) => {
                let at = cx.doc.blocks[l.block].source_span(l.range.clone()).start;
                Suggestion::replace(
                    format!("spell it out here, where it is first used, as line {} does", cx.doc.location(at).line),
                    format!("{long} ({})", u.key),
                )
            }
            None => Suggestion::advice(format!(
                "write the full name first, as in \"Full Name ({key})\", or add \"{key}\" to \
                 `[words] acronyms` in prfaq.toml if every reader knows it",
                key = u.key
            )),
        };
        out.emit_with(b.source_span(u.range.clone()), message, suggestion);
    }
}

/// Every use of an unknown acronym in the PR/FAQ, in document order.
fn uses<'a>(cx: &Context<'a>) -> Vec<Use<'a>> {
    let dateline = cx.doc.press_release.dateline.as_ref().map(|d| d.span);
    let mut out = Vec::new();
    for (i, b) in cx.prose_blocks() {
        // True when word `k` of the block is in capitals, as the words of a shouted line are.
        let caps =
            |k: usize| b.words.get(k).is_some_and(|w| b.text[w.clone()].bytes().all(|c| !c.is_ascii_lowercase()));
        for (k, w) in b.words.iter().enumerate() {
            let word = &b.text[w.clone()];
            if !word.bytes().any(|c| c.is_ascii_uppercase()) || is_identifier(&b.text, w.clone()) {
                continue;
            }
            // "AI-driven" holds "AI": look at each hyphenated part.
            let mut offset = w.start;
            for part in word.split('-') {
                let start = offset;
                offset += part.len() + 1;
                let Some(key) = acronym(part) else {
                    continue;
                };
                let range = start..start + key.len();
                if cx.lex.known_acronyms.contains(key)
                    || super::is_one_of(key, NOT_ACRONYMS)
                    || in_url(&b.text, range.start)
                    || dateline.is_some_and(|d| d.contains(b.source_span(range.clone())))
                    || ((caps(k.wrapping_sub(1)) || caps(k + 1))
                        && super::mostly_capitals(line_of(&b.text, range.start), 2))
                {
                    continue;
                }
                out.push(Use { block: i, range, key });
            }
        }
    }
    out
}

/// True when the word at `w` of `text` is a name or a value rather than prose: all-capital
/// parts joined by hyphens (`MUTATING-IN-PLACE`), a quoted value (`"RETAIN"`), or a word glued
/// to a dot, slash or sigil (`.NET`, `/API`, `$HOME`).
fn is_identifier(text: &str, w: Range<usize>) -> bool {
    let word = &text[w.clone()];
    let before = text[..w.start].chars().next_back();
    let after = text[w.end..].chars().next();
    let quote = |c: Option<char>| matches!(c, Some('"' | '“' | '”' | '\'' | '‘' | '’'));
    (word.contains('-') && !word.bytes().any(|c| c.is_ascii_lowercase()))
        || (quote(before) && quote(after))
        || matches!(before, Some('.' | '/' | '_' | '$' | '#' | '@' | '\\'))
}

/// The acronym `part` spells, without a plural "s" or possessive "'s", if it is one.
fn acronym(part: &str) -> Option<&str> {
    if !part.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let key = part.strip_suffix("'s").or_else(|| part.strip_suffix("’s")).unwrap_or(part);
    let key = key.strip_suffix('s').filter(|k| k.len() >= 2).unwrap_or(key);
    let bytes = key.as_bytes();
    let letters = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    let ok = (2..=6).contains(&bytes.len())
        && bytes[0].is_ascii_uppercase()
        && bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && letters >= 2;
    ok.then_some(key)
}

/// True when the white-space-delimited token around `at` is a URL or an email address.
fn in_url(text: &str, at: usize) -> bool {
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
    let token = &text[start..end];
    token.contains("://") || token.contains('@') || super::contains_ci(token, "www.")
}

/// The line of `text` (list items are lines) that holds `at`.
fn line_of(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// The spelled-out name when the use of `key` at `range` defines it: "Full Name (KEY)", where
/// the words spell the acronym, or an explanation right after it: "KEY (full name)" or
/// "KEY, the …".
fn definition<'t>(text: &'t str, range: Range<usize>, key: &str) -> Option<&'t str> {
    // "Full Name (KEY)": the words before the parenthesis spell the acronym.
    if text[..range.start].ends_with('(') {
        let before = text[..range.start - 1].trim_end();
        let max_words = (key.len() + 5).min(key.len() * 2);
        let start = before
            .char_indices()
            .rev()
            .filter(|&(_, c)| c.is_whitespace())
            .nth(max_words - 1)
            .map_or(0, |(i, _)| i + 1);
        let window = &before[start..];
        // Do not reach back over the end of a sentence or clause.
        let window = window
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, '.' | ';' | ':' | '—' | '(' | ')'))
            .map_or(window, |(i, c)| &window[i + c.len_utf8()..]);
        return spells(window, key).map(|s| window[s..].trim());
    }
    // "KEY (full name)", or any explanation in the parenthesis ("BLIK (a phone payment
    // system)"), or an appositive: "BLIK, the phone payment system run by Polish banks".
    let after = &text[range.end..];
    if let Some(inner) = after.strip_prefix(" (").or_else(|| after.strip_prefix('(')) {
        let inner = inner[..inner.find(')')?].trim();
        return (inner.split_whitespace().count() >= 2).then_some(inner);
    }
    let appositive = after.strip_prefix(", ")?;
    ["the ", "a ", "an "].iter().any(|a| appositive.starts_with(a)).then(|| {
        let end = appositive.find([',', '.', ';', ')']).unwrap_or(appositive.len());
        appositive[..end].trim()
    })
}

/// Schwartz and Hearst's test: the letters of `short` appear in order in `long`, the first
/// at the start of a word; returns where the spelled-out name starts in `long`.
fn spells(long: &str, short: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = long.char_indices().collect();
    let mut li = chars.len();
    let mut start = None;
    let letters = short.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase());
    let count = letters.clone().count();
    for (si, c) in letters.rev().enumerate() {
        let first = si + 1 == count;
        loop {
            li = li.checked_sub(1)?;
            let word_start = li == 0 || !chars[li - 1].1.is_alphanumeric();
            if chars[li].1.to_ascii_lowercase() == c && (!first || word_start) {
                break;
            }
        }
        start = Some(chars[li].0);
    }
    // The name must be more than the acronym itself.
    start.filter(|&s| long[s..].split_whitespace().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at, run_rule};

    #[test]
    fn flags_only_the_first_use() {
        assert_flags_at(&RULE, "# Acme\n\nIt shows ROAS daily. ROAS is key.\n", 3, "ROAS");
        assert_count(&RULE, "# Acme\n\nIt shows ROAS daily. ROAS is key. So is MPE.\n", 2);
    }

    #[test]
    fn a_definition_on_first_use_satisfies_it() {
        assert_count(&RULE, "# Acme\n\nIt shows return on ad spend (ROAS). ROAS is key.\n", 0);
        assert_count(&RULE, "# Acme\n\nIt shows ROAS (return on ad spend). ROAS is key.\n", 0);
        assert_count(&RULE, "# Acme\n\nIt holds a System and Organization Controls 2 (SOC 2) report.\n", 0);
        assert_count(&RULE, "# Acme\n\nUpload a comma-separated values (CSV) file and your lifetime value (LTV).\n", 0);
        assert_count(&RULE, "# Acme\n\nPay by card or BLIK, the phone payment system run by Polish banks.\n", 0);
        assert_count(&RULE, "# Acme\n\nPay by BLIK (a phone payment system).\n", 0);
        assert_count(&RULE, "# Acme\n\nIt launches today — return on ad spend (ROAS) included.\n", 0);
        assert_flags_at(&RULE, "# Acme\n\nReturn — on ad spend (ROAS).\n", 3, "ROAS");
    }

    #[test]
    fn the_headline_counts_and_a_later_definition_is_suggested() {
        let md = "# Acme Shows ROAS\n\nAcme shows return on ad spend (ROAS) daily.\n";
        assert_flags_at(&RULE, md, 1, "ROAS");
        let f = &run_rule(&RULE, md)[0];
        assert_eq!(f.suggestion.as_ref().and_then(|s| s.replacement.as_deref()), Some("return on ad spend (ROAS)"));
    }

    #[test]
    fn plurals_and_parts_of_words_count() {
        assert_flags_at(&RULE, "# Acme\n\nIt uses an AI-driven engine.\n", 3, "AI");
        assert_flags_at(&RULE, "# Acme\n\nIt maps SKUs to orders.\n", 3, "SKU");
        assert_flags_at(&RULE, "# Acme\n\nAsk the ops team (SRE) first.\n", 3, "SRE");
    }

    #[test]
    fn skips_known_words_code_urls_emphasis_and_the_dateline() {
        assert_count(&RULE, "# Acme\n\nThe CEO reads the FAQ and the PDF in the US.\n", 0);
        assert_count(&RULE, "# Acme\n\nRun `SELECT` or visit https://acme.example/ABC today. We will NOT do it.\n", 0);
        assert_count(&RULE, "# Acme\n\nSAN FRANCISCO — June 1, 2027 — Acme launches today.\n", 0);
        assert_count(&RULE, "# ACME LAUNCHES NEW TOOL\n\n### PRESS RELEASE\n\nText.\n", 0);
        assert_count(&RULE, "# Acme\n\nSet it to \"RETAIN\" or MUTATING-IN-PLACE, in .NET or /SRC.\n", 0);
    }

    #[test]
    fn house_acronyms_from_config_are_known() {
        let config = crate::Config::from_toml("[words]\nacronyms = [\"ROAS\"]").expect("valid");
        assert!(crate::testing::run_rule_with(&RULE, "# Acme\n\nIt shows ROAS.\n", &config).is_empty());
    }
}
