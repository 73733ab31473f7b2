//! What a rule sees: the document, the configuration, compiled word lists, and helpers.

use std::cell::OnceCell;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use prfaq_doc::{Block, Document, PrRole, text};

use crate::config::Config;
use crate::evidence::EvidenceFacts;
use crate::lexicon::{self, Lexicon};

/// Word lists compiled from the built-in lists and the configuration.
#[derive(Debug, Clone)]
pub struct Lexicons {
    /// Weasel words.
    pub weasel: Lexicon,
    /// Hype words.
    pub hype: Lexicon,
    /// Jargon (built-in and house).
    pub jargon: Lexicon,
    /// Comparatives that need a number.
    pub comparatives: Lexicon,
    /// Superlatives that need proof.
    pub superlatives: Lexicon,
    /// Hedges that stand in for evidence.
    pub hedges: Lexicon,
    /// Vague time references.
    pub vague_time: Lexicon,
    /// Vague customer words.
    pub vague_customers: Lexicon,
    /// Acronyms never flagged.
    pub known_acronyms: Lexicon,
    /// Every entry of the lists above in one automaton: (slot, entry index) per pattern.
    combined: Option<AhoCorasick>,
    combined_patterns: Vec<(usize, usize)>,
}

impl Lexicons {
    /// Compiles the lists for `config`.
    #[must_use]
    pub fn new(config: &Config) -> Self {
        let w = &config.words;
        let allow = &w.allow;
        let with = |base: &'static [&'static str], extra: &[String]| -> Lexicon {
            Lexicon::new(base.iter().copied().chain(extra.iter().map(String::as_str)), allow)
        };
        let mut lex = Self {
            weasel: with(lexicon::WEASEL, &w.weasel),
            hype: with(lexicon::HYPE, &w.hype),
            jargon: with(lexicon::JARGON, &w.jargon),
            comparatives: with(lexicon::COMPARATIVES, &[]),
            superlatives: with(lexicon::SUPERLATIVES, &[]),
            hedges: with(lexicon::HEDGES, &[]),
            vague_time: with(lexicon::VAGUE_TIME, &[]),
            vague_customers: with(lexicon::VAGUE_CUSTOMERS, &[]),
            known_acronyms: with(lexicon::KNOWN_ACRONYMS, &w.acronyms),
            combined: None,
            combined_patterns: Vec::new(),
        };
        let mut words: Vec<&str> = Vec::new();
        let mut patterns = Vec::new();
        for (slot, l) in lex.scanned_mut().into_iter().enumerate() {
            l.slot = Some(slot);
            for (i, e) in l.entries().iter().enumerate() {
                patterns.push((slot, i));
                words.push(e);
            }
        }
        let words: Vec<String> = words.into_iter().map(str::to_string).collect();
        lex.combined = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .ok();
        lex.combined_patterns = patterns;
        lex
    }

    /// The lists searched in the one combined pass, in slot order.
    fn scanned_mut(&mut self) -> [&mut Lexicon; 8] {
        [
            &mut self.weasel,
            &mut self.hype,
            &mut self.jargon,
            &mut self.comparatives,
            &mut self.superlatives,
            &mut self.hedges,
            &mut self.vague_time,
            &mut self.vague_customers,
        ]
    }

    fn by_slot(&self, slot: usize) -> &Lexicon {
        [
            &self.weasel,
            &self.hype,
            &self.jargon,
            &self.comparatives,
            &self.superlatives,
            &self.hedges,
            &self.vague_time,
            &self.vague_customers,
        ][slot]
    }
}

/// One word-list match: the block, the range in its text, and the entry matched.
type Hit<'a> = (usize, Range<usize>, &'a str);

/// A sentence of a block: its range in the block's text.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// The block index.
    pub block: usize,
    /// The block.
    pub block_ref: &'a Block,
    /// The range in `block_ref.text`.
    pub range: Range<usize>,
}

impl Sentence<'_> {
    /// The sentence's text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.block_ref.text[self.range.clone()]
    }

    /// Its source span.
    #[must_use]
    pub fn span(&self) -> prfaq_doc::Span {
        self.block_ref.source_span(self.range.clone())
    }
}

/// Everything a rule needs, with per-check caches of work several rules share.
pub struct Context<'a> {
    /// The parsed document.
    pub doc: &'a Document,
    /// The configuration in force.
    pub config: &'a Config,
    /// Compiled word lists.
    pub lex: &'a Lexicons,
    /// What the evidence store says about the document, when one was consulted.
    pub evidence: Option<&'a EvidenceFacts>,
    sentences: Vec<OnceCell<Vec<Range<usize>>>>,
    hits: OnceCell<Vec<Vec<Hit<'a>>>>,
    readability: OnceCell<Option<(f64, f64)>>,
}

impl<'a> Context<'a> {
    /// A context for checking `doc`.
    #[must_use]
    pub fn new(doc: &'a Document, config: &'a Config, lex: &'a Lexicons) -> Self {
        Self {
            doc,
            config,
            lex,
            evidence: None,
            sentences: (0..doc.blocks.len()).map(|_| OnceCell::new()).collect(),
            hits: OnceCell::new(),
            readability: OnceCell::new(),
        }
    }

    /// The same context with `facts` from an evidence store.
    #[must_use]
    pub fn with_evidence(mut self, facts: Option<&'a EvidenceFacts>) -> Self {
        self.evidence = facts;
        self
    }

    /// The sentence ranges of block `block`'s text, split once per check.
    #[must_use]
    pub fn block_sentences(&self, block: usize) -> &[Range<usize>] {
        match self.sentences.get(block) {
            Some(cell) => cell.get_or_init(|| text::sentences(&self.doc.blocks[block].text)),
            None => &[],
        }
    }

    /// Flesch reading ease and Flesch–Kincaid grade of the press release body (its paragraphs,
    /// lists and quotes joined by line breaks), computed once per check.
    #[must_use]
    pub fn press_release_readability(&self) -> Option<(f64, f64)> {
        *self.readability.get_or_init(|| {
            let body: Vec<&str> = self.press_release_blocks().map(|(_, b, _)| b.text.as_str()).collect();
            text::readability(&body.join("\n"))
        })
    }
    /// Prose blocks of the PR/FAQ proper (not appendices or design sections), with indices.
    pub fn prose_blocks(&self) -> impl Iterator<Item = (usize, &'a Block)> + 'a {
        let doc = self.doc;
        doc.blocks.iter().enumerate().filter(move |(i, b)| b.kind.is_prose() && doc.in_prfaq(*i))
    }

    /// Prose blocks of the press release body (paragraphs with roles), with their roles.
    pub fn press_release_blocks(&self) -> impl Iterator<Item = (usize, &'a Block, PrRole)> + 'a {
        let doc = self.doc;
        doc.press_release.paragraphs.iter().map(move |p| (p.block, &doc.blocks[p.block], p.role))
    }

    /// The sentences of every prose block of the PR/FAQ proper.
    pub fn sentences(&self) -> impl Iterator<Item = Sentence<'a>> + '_ {
        self.prose_blocks().flat_map(move |(i, b)| {
            self.block_sentences(i).iter().map(move |range| Sentence { block: i, block_ref: b, range: range.clone() })
        })
    }

    /// Matches of `lexicon` in prose blocks of the PR/FAQ, outside inline code and quotes
    /// when `skip_quotes` is set.
    pub fn lexicon_hits(&self, lexicon: &'a Lexicon, skip_quotes: bool) -> Vec<Hit<'a>> {
        let quoted = |i: usize| skip_quotes && self.doc.quotes.iter().any(|q| q.block == i);
        if let Some(slot) = lexicon.slot.filter(|&s| std::ptr::eq(self.lex.by_slot(s), lexicon)) {
            return self.all_hits()[slot].iter().filter(|(i, _, _)| !quoted(*i)).cloned().collect();
        }
        let mut out = Vec::new();
        for (i, b) in self.prose_blocks() {
            if quoted(i) {
                continue;
            }
            for (r, entry) in lexicon.find_iter(&b.text) {
                if !b.in_code(&r) {
                    out.push((i, r, entry));
                }
            }
        }
        out
    }

    /// Matches of every list of the set, found in one pass over the prose and kept per list
    /// with each list's own leftmost-longest choice among overlapping matches.
    fn all_hits(&self) -> &Vec<Vec<Hit<'a>>> {
        self.hits.get_or_init(|| {
            let lex: &'a Lexicons = self.lex;
            let mut per_slot: Vec<Vec<Hit<'a>>> = vec![Vec::new(); 8];
            let Some(matcher) = &lex.combined else {
                return per_slot;
            };
            for (i, b) in self.prose_blocks() {
                let start = per_slot.iter().map(Vec::len).collect::<Vec<_>>();
                for m in matcher.find_overlapping_iter(&b.text) {
                    let r = m.range();
                    if !crate::lexicon::at_word_boundaries(&b.text, &r) || b.in_code(&r) {
                        continue;
                    }
                    let (slot, entry) = lex.combined_patterns[m.pattern().as_usize()];
                    per_slot[slot].push((i, r, lex.by_slot(slot).entries()[entry].as_str()));
                }
                for (slot, hits) in per_slot.iter_mut().enumerate() {
                    leftmost_longest(hits, start[slot]);
                }
            }
            per_slot
        })
    }

    /// The text of the press-release paragraph with `role`, if present.
    #[must_use]
    pub fn part_text(&self, role: PrRole) -> Option<&'a str> {
        self.doc.press_release.part(role).map(|p| self.doc.blocks[p.block].text.as_str())
    }

    /// The sentence of block `block` that contains text offset `offset`.
    #[must_use]
    pub fn sentence_at(&self, block: usize, offset: usize) -> &'a str {
        let b = &self.doc.blocks[block];
        self.block_sentences(block)
            .iter()
            .find(|r| r.start <= offset && offset <= r.end)
            .map_or(b.text.as_str(), |r| &b.text[r.clone()])
    }
}

/// Keeps, among `hits[from..]` (one block's matches of one list), the leftmost-longest ones:
/// sorted by start, the longest at each start, none overlapping one already kept.
fn leftmost_longest(hits: &mut Vec<Hit<'_>>, from: usize) {
    let mut block: Vec<Hit<'_>> = hits.drain(from..).collect();
    block.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(b.1.end.cmp(&a.1.end)));
    let mut end = 0;
    for h in block {
        if h.1.start >= end {
            end = h.1.end;
            hits.push(h);
        }
    }
}
