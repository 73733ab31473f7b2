//! What a rule sees: the document, the configuration, compiled word lists, and helpers.

use std::ops::Range;

use prfaq_doc::{Block, Document, PrRole, text};

use crate::config::Config;
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
        Self {
            weasel: with(lexicon::WEASEL, &w.weasel),
            hype: with(lexicon::HYPE, &w.hype),
            jargon: with(lexicon::JARGON, &w.jargon),
            comparatives: with(lexicon::COMPARATIVES, &[]),
            superlatives: with(lexicon::SUPERLATIVES, &[]),
            hedges: with(lexicon::HEDGES, &[]),
            vague_time: with(lexicon::VAGUE_TIME, &[]),
            vague_customers: with(lexicon::VAGUE_CUSTOMERS, &[]),
            known_acronyms: with(lexicon::KNOWN_ACRONYMS, &w.acronyms),
        }
    }
}

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

/// Everything a rule needs.
pub struct Context<'a> {
    /// The parsed document.
    pub doc: &'a Document,
    /// The configuration in force.
    pub config: &'a Config,
    /// Compiled word lists.
    pub lex: &'a Lexicons,
}

impl<'a> Context<'a> {
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
    pub fn sentences(&self) -> impl Iterator<Item = Sentence<'a>> + 'a {
        self.prose_blocks().flat_map(|(i, b)| {
            text::sentences(&b.text).into_iter().map(move |range| Sentence { block: i, block_ref: b, range })
        })
    }

    /// Matches of `lexicon` in prose blocks of the PR/FAQ, outside inline code and quotes
    /// when `skip_quotes` is set.
    pub fn lexicon_hits(&self, lexicon: &'a Lexicon, skip_quotes: bool) -> Vec<(usize, Range<usize>, &'a str)> {
        let mut out = Vec::new();
        for (i, b) in self.prose_blocks() {
            if skip_quotes && self.doc.quotes.iter().any(|q| q.block == i) {
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

    /// The text of the press-release paragraph with `role`, if present.
    #[must_use]
    pub fn part_text(&self, role: PrRole) -> Option<&'a str> {
        self.doc.press_release.part(role).map(|p| self.doc.blocks[p.block].text.as_str())
    }

    /// The sentence of block `block` that contains text offset `offset`.
    #[must_use]
    pub fn sentence_at(&self, block: usize, offset: usize) -> &'a str {
        let b = &self.doc.blocks[block];
        text::sentences(&b.text)
            .into_iter()
            .find(|r| r.start <= offset && offset <= r.end)
            .map_or(b.text.as_str(), |r| &b.text[r])
    }
}
