//! Two versions of a PR/FAQ aligned part by part, each change classified.
//!
//! Classification (thresholds from `[revise]` in prfaq.toml):
//! - **structural**: the customer, headline, problem or solution changed by at least
//!   `structural_ratio` of their words; a pricing answer changed that much; a press-release
//!   part added or removed; an FAQ question added or removed.
//! - **refinement**: any other change — rewording, detail, typo fixes, questions reworded,
//!   reordered or moved between the external and internal FAQ.
//!
//! A revision is structural when any of its changes is, a refinement when it has changes but
//! none is structural, and unchanged otherwise.

use prfaq_critique::Revise;
use prfaq_doc::{Document, FaqKind, PrRole, Topic};
use serde::Serialize;

use crate::align::{Part, faq_parts, fixed_parts, other_sections};
use crate::words::{QuestionKey, change_ratio, question_similarity, redline};

/// What part of the document an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "part", content = "role")]
pub enum ItemKind {
    /// The front matter's `customer`.
    Customer,
    /// The headline.
    Headline,
    /// The subheadline.
    Subheadline,
    /// The press-release paragraphs of one role.
    PressRelease(PrRole),
    /// One FAQ entry.
    Faq,
    /// A section outside the press release and FAQ (technical design, appendix, tenets).
    Section,
}

/// Whether a part changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// The same text in both.
    Unchanged,
    /// In both, with different text.
    Changed,
}

/// The kind of a change, or of a whole revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeClass {
    /// Nothing changed.
    Unchanged,
    /// Wording, detail, order.
    Refinement,
    /// What is built, or for whom, changed.
    Structural,
}

impl ChangeClass {
    /// A human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Unchanged => "unchanged",
            Self::Refinement => "refinement",
            Self::Structural => "structural",
        }
    }
}

/// Equal, inserted or deleted words in a redline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChunkTag {
    /// In both versions.
    Equal,
    /// Only in the new version.
    Insert,
    /// Only in the old version.
    Delete,
}

/// A run of words of one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chunk {
    /// Equal, insert or delete.
    pub tag: ChunkTag,
    /// The words, with their spacing.
    pub text: String,
}

/// The change of one part.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Added, removed, unchanged or changed.
    pub status: Status,
    /// Share of words changed, 0–1 (1 for added and removed parts).
    pub ratio: f64,
    /// Structural, refinement or unchanged.
    pub class: ChangeClass,
    /// Why it was classified so.
    pub reason: String,
}

/// One aligned part.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// What part.
    pub kind: ItemKind,
    /// Its label in the new version (the old one when removed): "headline", the question…
    pub label: String,
    /// The old label when it differs (a reworded question).
    pub old_label: Option<String>,
    /// Line in the old version.
    pub old_line: Option<usize>,
    /// Line in the new version.
    pub new_line: Option<usize>,
    /// For FAQ entries: the FAQ in the old and the new version.
    pub faq: Option<(Option<FaqKind>, Option<FaqKind>)>,
    /// The change.
    pub change: Change,
    /// The word redline of the text (the answer, for FAQ entries): one inserted chunk for an
    /// added part, one deleted chunk for a removed one, nothing for an unchanged one.
    pub redline: Vec<Chunk>,
}

/// Two versions compared.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// Every part of either version, in the new version's order, removed parts last.
    pub items: Vec<Item>,
    /// The revision's class.
    pub class: ChangeClass,
    /// Share of all words changed, 0–1.
    pub ratio: f64,
}

impl Diff {
    /// Items that changed (added, removed or changed).
    pub fn changed(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.change.status != Status::Unchanged)
    }
}

/// Compares `old` with `new`.
#[must_use]
pub fn diff(old: &Document, new: &Document, config: &Revise) -> Diff {
    let mut items = Vec::new();
    let mut weights = Vec::new();
    let words = |p: Option<&Part>| {
        p.map_or(0, |p| prfaq_doc::text::word_count(&p.text) + prfaq_doc::text::word_count(&p.label))
    };
    let mut push = |o: Option<&Part>, n: Option<&Part>| {
        weights.push(words(o).max(words(n)).max(1));
        items.push(compare_parts(o, n, config));
    };
    // Parts identified by kind (fixed) or title (sections): matched by identity.
    for (old_parts, new_parts) in [(fixed_parts(old), fixed_parts(new)), (other_sections(old), other_sections(new))] {
        let same = |a: &Part, b: &Part| a.kind == b.kind && (a.kind != ItemKind::Section || a.label == b.label);
        for n in &new_parts {
            push(old_parts.iter().find(|o| same(o, n)), Some(n));
        }
        for o in old_parts.iter().filter(|o| !new_parts.iter().any(|n| same(o, n))) {
            push(Some(o), None);
        }
    }
    // FAQ entries: matched by question similarity.
    let (old_faq, new_faq) = (faq_parts(old), faq_parts(new));
    let pairs = match_questions(&old_faq, &new_faq, config.question_similarity);
    for (ni, n) in new_faq.iter().enumerate() {
        push(pairs.iter().find(|&&(_, b)| b == ni).map(|&(a, _)| &old_faq[a]), Some(n));
    }
    for (oi, o) in old_faq.iter().enumerate() {
        if !pairs.iter().any(|&(a, _)| a == oi) {
            push(Some(o), None);
        }
    }
    let class = items.iter().map(|i| i.change.class).max().unwrap_or(ChangeClass::Unchanged);
    // The revision's ratio: each part's ratio weighted by its words.
    let total: usize = weights.iter().sum();
    let ratio = items.iter().zip(&weights).map(|(i, &w)| i.change.ratio * w as f64).sum::<f64>() / total.max(1) as f64;
    Diff { items, class, ratio }
}

/// Pairs old and new FAQ questions: the most similar pairs first, each question used once,
/// pairs below `threshold` left unmatched.
fn match_questions(old: &[Part], new: &[Part], threshold: f64) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    let old_keys: Vec<QuestionKey> = old.iter().map(|p| QuestionKey::new(&p.label)).collect();
    let new_keys: Vec<QuestionKey> = new.iter().map(|p| QuestionKey::new(&p.label)).collect();
    for (i, o) in old.iter().enumerate() {
        for (j, n) in new.iter().enumerate() {
            let s = if o.label == n.label { 1.0 } else { question_similarity(&old_keys[i], &new_keys[j]) };
            if s >= threshold {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (_, i, j) in candidates {
        if !pairs.iter().any(|&(a, b)| a == i || b == j) {
            pairs.push((i, j));
        }
    }
    pairs
}

fn compare_parts(old: Option<&Part>, new: Option<&Part>, config: &Revise) -> Item {
    let faq_kind = |p: Option<&Part>| p.and_then(|p| p.question.as_ref().map(|q| q.1));
    let (status, ratio) = match (old, new) {
        (Some(o), Some(n)) if o.text == n.text && o.label == n.label => (Status::Unchanged, 0.0),
        (Some(o), Some(n)) => (Status::Changed, change_ratio(&o.text, &n.text)),
        (None, _) => (Status::Added, 1.0),
        (_, None) => (Status::Removed, 1.0),
    };
    let Some(part) = new.or(old) else {
        unreachable!("compare_parts is called with at least one part");
    };
    let class_reason = classify(part, old, new, status, ratio, config);
    Item {
        kind: part.kind,
        label: part.label.clone(),
        old_label: old.filter(|o| new.is_some_and(|n| n.label != o.label)).map(|o| o.label.clone()),
        old_line: old.map(|o| o.line),
        new_line: new.map(|n| n.line),
        faq: (part.kind == ItemKind::Faq).then(|| (faq_kind(old), faq_kind(new))),
        change: Change { status, ratio, class: class_reason.0, reason: class_reason.1 },
        redline: match (status, old, new) {
            (Status::Changed, Some(o), Some(n)) => redline(&o.text, &n.text),
            // An added or removed part is all inserted or all deleted words: readers see what it said.
            (Status::Added, _, Some(n)) if !n.text.is_empty() => {
                vec![Chunk { tag: ChunkTag::Insert, text: n.text.clone() }]
            }
            (Status::Removed, Some(o), _) if !o.text.is_empty() => {
                vec![Chunk { tag: ChunkTag::Delete, text: o.text.clone() }]
            }
            _ => Vec::new(),
        },
    }
}

fn classify(
    part: &Part,
    old: Option<&Part>,
    new: Option<&Part>,
    status: Status,
    ratio: f64,
    config: &Revise,
) -> (ChangeClass, String) {
    let percent = (ratio * 100.0).round();
    let what = match part.kind {
        ItemKind::Faq => format!("question \"{}\"", part.label),
        ItemKind::Section => format!("section \"{}\"", part.label),
        _ => part.label.clone(),
    };
    match status {
        Status::Unchanged => (ChangeClass::Unchanged, String::new()),
        Status::Added | Status::Removed => {
            let verb = if status == Status::Added { "added" } else { "removed" };
            if part.kind == ItemKind::PressRelease(PrRole::Body) || part.kind == ItemKind::Subheadline {
                (ChangeClass::Refinement, format!("{what} {verb}"))
            } else {
                (ChangeClass::Structural, format!("{what} {verb}"))
            }
        }
        Status::Changed => {
            let core = matches!(
                part.kind,
                ItemKind::Customer | ItemKind::Headline | ItemKind::PressRelease(PrRole::Problem | PrRole::Solution)
            );
            let pricing = part.question.as_ref().is_some_and(|q| q.2.contains(&Topic::Pricing));
            let moved = match (old.and_then(|o| o.question.as_ref()), new.and_then(|n| n.question.as_ref())) {
                (Some(a), Some(b)) if a.1 != b.1 => {
                    format!(" (moved from the {} to the {} FAQ)", a.1.label(), b.1.label())
                }
                _ => String::new(),
            };
            if (core || pricing) && ratio >= config.structural_ratio {
                (ChangeClass::Structural, format!("{what} rewritten ({percent}% of words changed)"))
            } else {
                (ChangeClass::Refinement, format!("{what} reworded ({percent}% of words changed){moved}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "---\ncustomer: Marketing managers at mid-size e-commerce brands who spend 6 hours a week on reports\n---\n# Acme Reports Gives Marketers Their Monday Mornings Back\n\nSEATTLE — March 3, 2027 — Acme Reports launches today for marketing managers.\n\nToday marketers spend six hours a week copying numbers from five tools into a spreadsheet.\n\nAcme Reports pulls the numbers from all five tools into one dashboard every morning.\n\n## External FAQ\n### How much does it cost?\nIt costs $49 a month per store.\n### What happens to my data?\nIt stays in your account and is deleted when you leave.\n";

    fn run(old: &str, new: &str) -> Diff {
        diff(&prfaq_doc::parse(old), &prfaq_doc::parse(new), &Revise::default())
    }

    #[test]
    fn identical_documents_are_unchanged() {
        let d = run(BASE, BASE);
        assert_eq!(d.class, ChangeClass::Unchanged);
        assert_eq!(d.changed().count(), 0);
    }

    #[test]
    fn a_typo_fix_is_a_refinement() {
        let d = run(BASE, &BASE.replace("copying numbers", "copying the numbers"));
        assert_eq!(d.class, ChangeClass::Refinement, "{:#?}", d.changed().collect::<Vec<_>>());
    }

    #[test]
    fn a_changed_customer_is_structural() {
        let d = run(
            BASE,
            &BASE.replace(
                "Marketing managers at mid-size e-commerce brands who spend 6 hours a week on reports",
                "Store owners who run one shop alone",
            ),
        );
        assert_eq!(d.class, ChangeClass::Structural);
        let item = d.changed().find(|i| i.kind == ItemKind::Customer).expect("customer item");
        assert!(item.change.reason.contains("customer rewritten"), "{}", item.change.reason);
    }

    #[test]
    fn added_and_removed_parts_carry_their_words() {
        let added = "### Where can I get it?\nAt acme.example from March 3.\n";
        let d = run(BASE, &format!("{BASE}{added}"));
        let item = d.changed().find(|i| i.change.status == Status::Added).expect("an added part");
        assert_eq!(item.redline.len(), 1);
        assert_eq!(item.redline[0].tag, ChunkTag::Insert);
        assert!(item.redline[0].text.contains("acme.example"), "{:?}", item.redline);
        let d = run(&format!("{BASE}{added}"), BASE);
        let item = d.changed().find(|i| i.change.status == Status::Removed).expect("a removed part");
        assert_eq!(item.redline[0].tag, ChunkTag::Delete);
        assert!(item.redline[0].text.contains("acme.example"), "{:?}", item.redline);
    }

    #[test]
    fn a_reworded_question_is_matched_not_removed_and_added() {
        let d = run(BASE, &BASE.replace("### How much does it cost?", "### What does it cost?"));
        let faq: Vec<_> = d.items.iter().filter(|i| i.kind == ItemKind::Faq).collect();
        assert_eq!(faq.len(), 2, "{faq:#?}");
        let cost = faq.iter().find(|i| i.label == "What does it cost?").expect("matched");
        assert_eq!(cost.old_label.as_deref(), Some("How much does it cost?"));
        assert_eq!(cost.change.status, Status::Changed);
        assert_eq!(d.class, ChangeClass::Refinement);
    }

    #[test]
    fn reordered_questions_are_unchanged_and_an_added_question_is_structural() {
        let reordered = BASE.replace(
            "### How much does it cost?\nIt costs $49 a month per store.\n### What happens to my data?\nIt stays in your account and is deleted when you leave.\n",
            "### What happens to my data?\nIt stays in your account and is deleted when you leave.\n### How much does it cost?\nIt costs $49 a month per store.\n",
        );
        assert_eq!(run(BASE, &reordered).class, ChangeClass::Unchanged);
        let added = format!("{BASE}### How do I cancel?\nClick Cancel in Settings.\n");
        let d = run(BASE, &added);
        assert_eq!(d.class, ChangeClass::Structural);
        assert!(d.changed().any(|i| i.change.status == Status::Added && i.label == "How do I cancel?"));
    }

    #[test]
    fn a_question_moved_to_the_internal_faq_is_matched() {
        let moved = BASE
            .replace("### What happens to my data?\nIt stays in your account and is deleted when you leave.\n", "")
            + "## Internal FAQ\n### What happens to my data?\nIt stays in your account and is deleted when you leave.\n";
        let d = run(BASE, &moved);
        let item = d.items.iter().find(|i| i.label == "What happens to my data?").expect("matched");
        assert_eq!(item.faq, Some((Some(FaqKind::External), Some(FaqKind::Internal))));
        assert_ne!(item.change.status, Status::Added);
    }

    #[test]
    fn a_rewritten_pricing_answer_is_structural() {
        let d = run(
            BASE,
            &BASE.replace("It costs $49 a month per store.", "It is free for the first year, then billed per seat."),
        );
        assert_eq!(d.class, ChangeClass::Structural);
    }
}
