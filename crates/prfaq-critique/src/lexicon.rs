//! Word lists matched at word boundaries in one pass (Aho–Corasick), built once per config.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A compiled word list.
#[derive(Debug, Clone)]
pub struct Lexicon {
    matcher: Option<AhoCorasick>,
    entries: Vec<String>,
    /// Its place in a [`crate::Lexicons`] set, whose lists are searched in one pass per check.
    pub(crate) slot: Option<usize>,
}

impl Lexicon {
    /// Compiles `words` (case-insensitive), leaving out any in `allow`.
    #[must_use]
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>, allow: &[String]) -> Self {
        let mut entries: Vec<String> = words
            .into_iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty() && !allow.iter().any(|a| a.eq_ignore_ascii_case(w)))
            .collect();
        entries.sort();
        entries.dedup();
        let matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&entries)
            .ok();
        Self { matcher, entries, slot: None }
    }

    /// The entries, lower case and sorted.
    pub(crate) fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Matches in `text` that start and end at word boundaries, with the list entry matched.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (Range<usize>, &'t str)> + 't {
        self.matcher.iter().flat_map(move |m| m.find_iter(text)).filter_map(move |m| {
            let r = m.range();
            at_word_boundaries(text, &r).then(|| (r, self.entries[m.pattern().as_usize()].as_str()))
        })
    }

    /// True when `word` is in the list (compared without case).
    #[must_use]
    pub fn contains(&self, word: &str) -> bool {
        if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
            self.entries.binary_search(&word.to_lowercase()).is_ok()
        } else {
            self.entries.binary_search_by(|e| e.as_str().cmp(word)).is_ok()
        }
    }
}

/// True when `range` of `text` starts and ends at word boundaries (a hyphen or apostrophe
/// joins words, so "some" is not found in "handsome" or "some-thing").
pub(crate) fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’');
    boundary(before) && boundary(after)
}

/// Weasel words: vague qualifiers where data belongs (DESIGN.md §10 seed list and §3).
pub(crate) const WEASEL: &[&str] = &[
    "better",
    "generally",
    "many",
    "significantly",
    "could",
    "should",
    "maybe",
    "nearly",
    "some",
    "often",
    "various",
    "very",
    "quite",
    "relatively",
    "substantially",
    "arguably",
    "might",
    "possibly",
    "fairly",
    "several",
    "numerous",
    "a lot",
    "most",
    "much",
    "usually",
    "perhaps",
    "probably",
    "somewhat",
    "largely",
    "mostly",
    "virtually",
    "literally",
    "really",
    "extremely",
    "highly",
    "a number of",
    "a few",
    "countless",
    "lots of",
    "tons of",
    "huge",
    "massive",
];

/// Hype: adjectives that promise without proof.
pub(crate) const HYPE: &[&str] = &[
    "revolutionary",
    "revolutionize",
    "revolutionise",
    "groundbreaking",
    "game-changer",
    "game-changing",
    "game changer",
    "world-class",
    "best-in-class",
    "best of breed",
    "innovative",
    "cutting-edge",
    "cutting edge",
    "seamless",
    "seamlessly",
    "robust",
    "next-generation",
    "next-gen",
    "leverage",
    "leverages",
    "leveraging",
    "synergy",
    "synergies",
    "excited",
    "pleased",
    "thrilled",
    "delighted",
    "disruptive",
    "paradigm shift",
    "state-of-the-art",
    "unparalleled",
    "unprecedented",
    "amazing",
    "awesome",
    "incredible",
    "incredibly",
    "magical",
    "powerful",
    "blazing",
    "supercharge",
    "empower",
    "empowers",
    "empowering",
    "turnkey",
    "frictionless",
    "effortless",
    "effortlessly",
];

/// Business jargon a customer would not say ("Oprah-speak, not geek-speak").
pub(crate) const JARGON: &[&str] = &[
    "move the needle",
    "low-hanging fruit",
    "boil the ocean",
    "circle back",
    "deep dive",
    "holistic",
    "actionable",
    "value-add",
    "value add",
    "mission-critical",
    "bandwidth",
    "north star",
    "double-click",
    "learnings",
    "operationalize",
    "operationalise",
    "ideate",
    "incentivize",
    "best practices",
    "thought leadership",
    "win-win",
    "core competency",
    "drill down",
    "take offline",
    "touch base",
    "paradigm",
    "omnichannel",
    "omni-channel",
    "ecosystem",
    "end-to-end",
    "solutioning",
    "utilize",
    "utilise",
    "utilization",
    "scalable",
    "optimize",
    "optimise",
    "streamline",
    "streamlined",
    "enablement",
    "democratize",
    "democratise",
];

/// Words that compare without a number ("faster" — than what, by how much?).
pub(crate) const COMPARATIVES: &[&str] = &[
    "faster",
    "quicker",
    "cheaper",
    "easier",
    "simpler",
    "better",
    "more efficient",
    "more reliable",
    "more accurate",
    "more secure",
    "more affordable",
    "more productive",
    "less expensive",
    "less time",
    "lower cost",
    "lower costs",
    "higher quality",
    "improved",
    "increased",
    "reduced",
    "fewer errors",
    "more",
    "less",
];

/// Superlatives that need proof.
pub(crate) const SUPERLATIVES: &[&str] = &[
    "fastest",
    "best",
    "first",
    "only",
    "leading",
    "cheapest",
    "easiest",
    "simplest",
    "largest",
    "biggest",
    "most advanced",
    "most powerful",
    "most complete",
    "most popular",
    "number one",
    "#1",
    "industry-leading",
    "market-leading",
    "unmatched",
    "unrivaled",
    "unrivalled",
    "ultimate",
    "perfect",
];

/// Hedges that stand in for evidence.
pub(crate) const HEDGES: &[&str] = &[
    "we believe",
    "we think",
    "we feel",
    "we hope",
    "we expect",
    "we assume",
    "we are confident",
    "we're confident",
    "should be feasible",
    "should be possible",
    "should be easy",
    "should be straightforward",
    "it is feasible",
    "is feasible",
    "we are sure",
    "we're sure",
    "probably",
    "will likely",
    "is likely to",
    "are likely to",
    "most likely",
    "hopefully",
    "in theory",
    "we anticipate",
    "we don't anticipate",
    "we do not anticipate",
    "shouldn't be hard",
    "should not be hard",
    "not a problem",
];

/// Vague references to time.
pub(crate) const VAGUE_TIME: &[&str] = &[
    "soon",
    "shortly",
    "in the near future",
    "some time ago",
    "recently",
    "in due course",
    "at some point",
    "eventually",
    "down the road",
    "in the future",
    "sometime",
    "later this year",
    "in the coming months",
    "in the coming weeks",
];

/// Words that name no one in particular when used as the customer.
pub(crate) const VAGUE_CUSTOMERS: &[&str] = &[
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "all users",
    "users",
    "customers",
    "businesses",
    "companies",
    "people",
    "organizations",
    "organisations",
    "enterprises",
    "consumers",
    "the public",
    "the world",
    "all customers",
    "every business",
    "every company",
    "teams",
    "individuals",
    "developers",
    "everyone who",
    "all of us",
    "the market",
];

/// Acronyms readers of a press release know without expansion.
pub(crate) const KNOWN_ACRONYMS: &[&str] = &[
    "FAQ", "FAQS", "PR", "US", "USA", "UK", "EU", "CEO", "CTO", "CFO", "COO", "CMO", "CPO", "VP", "SVP", "EVP", "GM",
    "HR", "IT", "PDF", "URL", "TV", "ID", "OK", "AM", "PM", "Q1", "Q2", "Q3", "Q4", "FY", "TBD", "TBC", "TBA", "TODO",
    "USD", "EUR", "GBP", "NY", "LA", "SF", "DC", "II", "III", "IV", "FAQ:", "ASAP", "DIY", "GPS", "SMS", "PIN", "ATM",
    "CSV", "HTML", "NYC", "SEATTLE", "AWS", "A", "I", "UI", "API", "APIS", "IOS", "PC", "DNA", "FBI", "NASA", "NFL",
    "NBA", "COVID", "ZIP", "LLC", "INC", "LTD", "PLC", "GMBH", "AG", "SA", "CO", "Q", "FAQS:", "ET", "PT", "PST",
    "EST", "UTC", "GMT",
];
