//! The rules, one file each, grouped by family. Each family's `mod.rs` lists its rules in
//! `RULES`; the registry concatenates the families.

pub(crate) mod clarity;
pub(crate) mod customer;
pub(crate) mod external_faq;
pub(crate) mod internal_faq;
pub(crate) mod risks;
pub(crate) mod structure;

use prfaq_doc::{Document, FaqEntry, FaqKind, SectionKind, Topic};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::Emitter;
use crate::rules::external_faq::faq_text::faq_heading;

/// The number words every rule that looks for a figure counts: two to twelve, the tens to
/// fifty, hundreds, thousands, millions, half and a dozen. Each rule adds its own to these
/// (see [`is_number_word`]), because they differ: "one" is a figure in a customer definition
/// but not in an FAQ answer ("no one").
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "half",
    "dozen",
];

/// The shared [`NUMBER_WORDS`] followed by a rule's own `extra` ones (lower-case ASCII), for
/// building a word list.
pub(crate) fn number_words<'a>(extra: &'a [&'a str]) -> impl Iterator<Item = &'a str> {
    NUMBER_WORDS.iter().chain(extra).copied()
}

/// True when `word` is a number word: one of the shared [`NUMBER_WORDS`] or of a rule's own
/// `extra` ones (lower-case ASCII), ignoring ASCII case.
pub(crate) fn is_number_word(word: &str, extra: &[&str]) -> bool {
    number_words(extra).any(|w| w.eq_ignore_ascii_case(word))
}

/// Which FAQ a coverage rule reads.
#[derive(Clone, Copy)]
pub(crate) enum Audience {
    /// External (and combined) entries.
    Customers,
    /// Internal (and combined) entries.
    Stakeholders,
}

impl Audience {
    /// The entries this audience reads, in document order.
    fn entries(self, doc: &Document) -> Vec<&FaqEntry> {
        match self {
            Self::Customers => doc.customer_faqs().collect(),
            Self::Stakeholders => doc.stakeholder_faqs().collect(),
        }
    }

    /// The kinds of section that hold this audience's FAQ.
    fn faq_sections(self) -> [SectionKind; 2] {
        match self {
            Self::Customers => [SectionKind::ExternalFaq, SectionKind::CombinedFaq],
            Self::Stakeholders => [SectionKind::InternalFaq, SectionKind::CombinedFaq],
        }
    }

    /// How messages name this audience's FAQ: "external" or "internal".
    fn faq_name(self) -> &'static str {
        match self {
            Self::Customers => "external",
            Self::Stakeholders => "internal",
        }
    }
}

/// Shared check for the "missing … question" rules: fires once, at the FAQ's heading (or the
/// document start), when the FAQ exists and no entry covers `topic`.
pub(crate) fn missing_topic(cx: &Context<'_>, out: &mut Emitter<'_>, audience: Audience, topic: Topic) {
    let doc = cx.doc;
    let entries = audience.entries(doc);
    let faq_present = match audience {
        Audience::Customers => !entries.is_empty(),
        Audience::Stakeholders => doc.faqs_of(FaqKind::Internal).next().is_some() || !entries.is_empty(),
    };
    if !faq_present || entries.iter().any(|e| e.topics.contains(&topic)) {
        return;
    }
    let kind = audience.faq_sections();
    let anchor = doc
        .sections
        .iter()
        .find(|s| kind.contains(&s.kind))
        .map_or_else(|| entries[0].question.span, |s| doc.blocks[s.heading].content_span());
    let who = audience.faq_name();
    out.emit_with(
        anchor,
        format!("the {who} FAQ does not ask about {}", topic.label()),
        Suggestion::advice(format!("add a question such as \"{}\"", topic.question())),
    );
}

/// Shared check for the "too few … questions" rules: fires once, at the heading of the FAQ
/// that holds the first of `audience`'s entries, when there are some but fewer than `min`. No
/// entries at all is left to the missing-FAQ rules.
///
/// The advice names up to three of `topics` that no entry covers yet (`"{ask}, such as …"`),
/// or, when every one is covered, asks for more (`"{ask_more}, up to at least {min}"`).
pub(crate) fn too_few_questions(
    cx: &Context<'_>,
    out: &mut Emitter<'_>,
    audience: Audience,
    min: usize,
    topics: &[Topic],
    ask: &str,
    ask_more: &str,
) {
    let entries = audience.entries(cx.doc);
    let Some(first) = entries.first() else { return };
    if entries.len() >= min {
        return;
    }
    let unasked: Vec<&str> =
        topics.iter().filter(|t| !entries.iter().any(|e| e.topics.contains(t))).take(3).map(|t| t.question()).collect();
    let advice = if unasked.is_empty() {
        format!("{ask_more}, up to at least {min}")
    } else {
        format!("{ask}, such as \"{}\"", unasked.join("\", \""))
    };
    let n = entries.len();
    out.emit_with(
        faq_heading(cx.doc, first, &audience.faq_sections()),
        format!(
            "the {} FAQ has {n} question{}; reviewers expect at least {min}",
            audience.faq_name(),
            if n == 1 { "" } else { "s" }
        ),
        Suggestion::advice(advice),
    );
}
