//! The rules, one file each, grouped by family. Each family's `mod.rs` lists its rules in
//! `RULES`; the registry concatenates the families.

pub(crate) mod clarity;
pub(crate) mod customer;
pub(crate) mod external_faq;
pub(crate) mod internal_faq;
pub(crate) mod risks;
pub(crate) mod structure;

use prfaq_doc::{FaqKind, Topic};

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::Emitter;

/// Which FAQ a coverage rule reads.
#[derive(Clone, Copy)]
pub(crate) enum Audience {
    /// External (and combined) entries.
    Customers,
    /// Internal (and combined) entries.
    Stakeholders,
}

/// Shared check for the "missing … question" rules: fires once, at the FAQ's heading (or the
/// document start), when the FAQ exists and no entry covers `topic`.
pub(crate) fn missing_topic(cx: &Context<'_>, out: &mut Emitter<'_>, audience: Audience, topic: Topic) {
    let doc = cx.doc;
    let entries: Vec<_> = match audience {
        Audience::Customers => doc.customer_faqs().collect(),
        Audience::Stakeholders => doc.stakeholder_faqs().collect(),
    };
    let faq_present = match audience {
        Audience::Customers => !entries.is_empty(),
        Audience::Stakeholders => doc.faqs_of(FaqKind::Internal).next().is_some() || !entries.is_empty(),
    };
    if !faq_present || entries.iter().any(|e| e.topics.contains(&topic)) {
        return;
    }
    let kind = match audience {
        Audience::Customers => [prfaq_doc::SectionKind::ExternalFaq, prfaq_doc::SectionKind::CombinedFaq],
        Audience::Stakeholders => [prfaq_doc::SectionKind::InternalFaq, prfaq_doc::SectionKind::CombinedFaq],
    };
    let anchor = doc
        .sections
        .iter()
        .find(|s| kind.contains(&s.kind))
        .map_or_else(|| entries[0].question.span, |s| structure::heading_words(doc, s.heading));
    let who = match audience {
        Audience::Customers => "external",
        Audience::Stakeholders => "internal",
    };
    out.emit_with(
        anchor,
        format!("the {who} FAQ does not ask about {}", topic.label()),
        Suggestion::advice(format!("add a question such as \"{}\"", topic.question())),
    );
}
