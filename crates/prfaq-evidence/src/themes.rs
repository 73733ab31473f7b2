//! Themes: items that speak of the same pain, grouped.
//!
//! Each item becomes a TF-IDF vector over the content words the collection shares (stems, stop
//! words dropped; the [`FEATURES`] most widespread stems that are neither rare nor everywhere);
//! linfa's k-means (k-means++ start, a fixed seed, so the same items give the same themes) groups
//! the vectors. A theme is named by the stems that weigh most in its centre compared with the
//! whole collection, counts its items, segments and distinct customers, and quotes the sentences
//! of its most central items. An item far from its nearest centre (cosine under
//! [`MIN_SIMILARITY`]) stays out of every theme, so leftovers do not pose as one; a group
//! is split in two when both halves hold together clearly better. Large collections are fitted on an even sample and every item is
//! then assigned to its nearest centre.

use std::collections::{BTreeMap, HashMap, HashSet};

use linfa::DatasetBase;
use linfa::traits::{Fit, Predict};
use linfa_clustering::KMeans;
use ndarray::{Array1, Array2, ArrayView1, Axis};
use rand_xoshiro::Xoshiro256Plus;
use rand_xoshiro::rand_core::SeedableRng;
use serde::Serialize;

use crate::item::Item;
use crate::terms;

/// How many stems a vector has at most.
pub const FEATURES: usize = 384;

/// How many items k-means is fitted on at most; the rest are assigned to the nearest centre.
const SAMPLE: usize = 20_000;

/// How close (cosine) an item must be to its theme's centre to belong to it.
const MIN_SIMILARITY: f32 = 0.3;

/// Groups at least this large are tried in two halves, each of at least half this.
const SPLIT_FROM: usize = 8;
/// How much better (in mean cohesion) two halves must hold together to replace the whole.
const SPLIT_GAIN: f32 = 0.1;

/// Words of a quote shown at most.
const QUOTE_WORDS: usize = 40;

/// How themes are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How many themes to look for (fewer when the collection is small); a group found to hold
    /// two subjects is split, so up to twice as many may come back.
    pub max_themes: usize,
    /// Quotes per theme.
    pub quotes: usize,
    /// Stems in a theme's name.
    pub label_terms: usize,
    /// The seed of k-means' start.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self { max_themes: 12, quotes: 3, label_terms: 3, seed: 7 }
    }
}

/// A group of items that speak of the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    /// The words that name it, most telling first.
    pub label: Vec<String>,
    /// How many items it holds.
    pub count: usize,
    /// Its items' segments with their counts, largest first (`None` counts items without one).
    pub segments: Vec<(Option<String>, usize)>,
    /// How many distinct customers its items come from (items without a customer not counted).
    pub customers: usize,
    /// How many distinct sources its items come from.
    pub sources: usize,
    /// How alike its items are: the mean cosine of an item to the theme's centre, 0–1.
    pub cohesion: f32,
    /// The most representative quotes: the best sentence of each of its most central items.
    pub quotes: Vec<ThemeQuote>,
    /// Every item's id, most central first.
    pub items: Vec<i64>,
}

/// A quote that stands for a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeQuote {
    /// The item it comes from (`[ev:ID]`).
    pub id: i64,
    /// The sentence, in the customer's words (cut at [`QUOTE_WORDS`] words with "…").
    pub text: String,
    /// Who said it, when known.
    pub customer: Option<String>,
}

/// The themes of a collection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Themes {
    /// Themes, largest first.
    pub themes: Vec<Theme>,
    /// Items in no theme: they share no word with the rest, sit alone, or are far from every
    /// theme's centre.
    pub unthemed: usize,
    /// Items looked at.
    pub items: usize,
}

/// Groups `items` into themes.
#[must_use]
pub fn build(items: &[Item], options: &Options) -> Themes {
    let empty = Themes { themes: Vec::new(), unthemed: items.len(), items: items.len() };
    let docs: Vec<Vec<terms::Term>> = items.iter().map(|i| terms::terms(&i.text).collect()).collect();
    let vocab = Vocabulary::of(&docs);
    if vocab.stems.is_empty() {
        return empty;
    }
    let (rows, matrix) = vocab.vectors(&docs);
    // About √(n/2) groups, rounded: √(2n)/2.
    let k = options.max_themes.min(((rows.len() * 2).isqrt().div_ceil(2)).max(2));
    if rows.len() < k * 2 || k < 2 {
        return empty;
    }
    let Some(mut groups) = group(&matrix, None, k, options.seed) else {
        return empty;
    };
    // A group of two subjects that k-means put together is split in two when both halves hold
    // together clearly better than the whole (up to twice the themes asked for).
    let mut i = 0;
    while i < groups.len() {
        let whole = cohesion(&matrix, &groups[i]);
        if groups[i].len() >= SPLIT_FROM && groups.len() < options.max_themes * 2 {
            let halves = group(&matrix, Some(&groups[i]), 2, options.seed)
                .filter(|h| h.len() == 2 && h.iter().all(|half| half.len() >= SPLIT_FROM / 2));
            if let Some(halves) = halves {
                let n: usize = halves.iter().map(Vec::len).sum();
                let better = halves.iter().map(|h| cohesion(&matrix, h) * h.len() as f32).sum::<f32>() / n as f32;
                if better >= whole + SPLIT_GAIN {
                    groups.splice(i..=i, halves);
                    continue;
                }
            }
        }
        i += 1;
    }
    let groups: Vec<Vec<usize>> = groups.iter().map(|g| tighten(&matrix, g)).filter(|g| g.len() >= 2).collect();
    let mean = matrix.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(vocab.stems.len()));
    let themed = groups.iter().map(Vec::len).sum::<usize>();
    let mut themes: Vec<Theme> = groups
        .iter()
        .map(|g| {
            let centre = centre_of(&matrix, g);
            theme(items, &rows, &matrix, g, centre.view(), &mean, &vocab, options)
        })
        .collect();
    themes.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    Themes { themes, unthemed: items.len() - themed, items: items.len() }
}

/// Splits `within` (every row of `matrix` when `None`) into at most `k` groups of row indices,
/// each row with its nearest k-means centre; groups of fewer than two are dropped.
fn group(matrix: &Array2<f32>, within: Option<&[usize]>, k: usize, seed: u64) -> Option<Vec<Vec<usize>>> {
    let subset;
    let (data, index): (&Array2<f32>, Vec<usize>) = match within {
        Some(rows) => {
            subset = matrix.select(Axis(0), rows);
            (&subset, rows.to_vec())
        }
        None => (matrix, (0..matrix.nrows()).collect()),
    };
    let (centroids, members) = cluster(data, k, seed)?;
    let groups = (0..centroids.nrows())
        .map(|c| members.iter().enumerate().filter(|(_, m)| **m == c).map(|(r, _)| index[r]).collect::<Vec<_>>())
        .filter(|g| g.len() >= 2)
        .collect();
    Some(groups)
}

/// The rows of `group` close to its centre (cosine at least [`MIN_SIMILARITY`]): items far
/// from every centre land in the nearest anyway, and a catch-all of leftovers must not pass as
/// a theme.
fn tighten(matrix: &Array2<f32>, group: &[usize]) -> Vec<usize> {
    let centre = centre_of(matrix, group);
    let norm = centre.dot(&centre).sqrt().max(f32::EPSILON);
    group.iter().copied().filter(|&r| matrix.row(r).dot(&centre) / norm >= MIN_SIMILARITY).collect()
}

/// The mean of `rows` of `matrix`.
fn centre_of(matrix: &Array2<f32>, rows: &[usize]) -> Array1<f32> {
    matrix.select(Axis(0), rows).mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(matrix.ncols()))
}

/// How alike `rows` are: their mean cosine to their centre.
fn cohesion(matrix: &Array2<f32>, rows: &[usize]) -> f32 {
    let centre = centre_of(matrix, rows);
    let norm = centre.dot(&centre).sqrt().max(f32::EPSILON);
    rows.iter().map(|&r| matrix.row(r).dot(&centre) / norm).sum::<f32>() / rows.len().max(1) as f32
}

/// Fits k-means on (a sample of) `matrix` and assigns every row: the centres and each row's
/// nearest centre.
fn cluster(matrix: &Array2<f32>, k: usize, seed: u64) -> Option<(Array2<f32>, Vec<usize>)> {
    let n = matrix.nrows();
    let sample = if n > SAMPLE {
        let picks: Vec<usize> = (0..SAMPLE).map(|i| i * n / SAMPLE).collect();
        matrix.select(Axis(0), &picks)
    } else {
        matrix.clone()
    };
    let model = KMeans::params_with_rng(k, Xoshiro256Plus::seed_from_u64(seed))
        .max_n_iterations(100)
        .tolerance(1e-4)
        .n_runs(if n > SAMPLE { 1 } else { 3 })
        .fit(&DatasetBase::from(sample))
        .ok()?;
    let members: Array1<usize> = model.predict(matrix);
    Some((model.centroids().clone(), members.to_vec()))
}

/// One theme from its member rows.
#[allow(clippy::too_many_arguments)]
fn theme(
    items: &[Item],
    rows: &[usize],
    matrix: &Array2<f32>,
    of_c: &[usize],
    centre: ArrayView1<'_, f32>,
    mean: &Array1<f32>,
    vocab: &Vocabulary,
    options: &Options,
) -> Theme {
    let norm = centre.dot(&centre).sqrt().max(f32::EPSILON);
    let mut by_closeness: Vec<(usize, f32)> = of_c.iter().map(|&r| (r, matrix.row(r).dot(&centre) / norm)).collect();
    by_closeness.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let cohesion = by_closeness.iter().map(|(_, s)| s).sum::<f32>() / by_closeness.len() as f32;
    let mut lift: Vec<(usize, f32)> = centre.iter().zip(mean.iter()).map(|(c, m)| c - m).enumerate().collect();
    lift.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let label = lift.iter().take(options.label_terms).filter(|(_, l)| *l > 0.0).map(|(f, _)| vocab.shown(*f)).collect();
    let members: Vec<&Item> = by_closeness.iter().map(|(r, _)| &items[rows[*r]]).collect();
    let mut segments: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for m in &members {
        *segments.entry(m.segment.clone()).or_default() += 1;
    }
    let mut segments: Vec<(Option<String>, usize)> = segments.into_iter().collect();
    segments.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let customers: HashSet<&str> = members.iter().filter_map(|m| m.customer.as_deref()).collect();
    let sources: HashSet<&str> = members.iter().map(|m| m.source.as_str()).collect();
    let weights: HashMap<&str, f32> =
        vocab.stems.iter().enumerate().map(|(f, s)| (s.as_str(), centre[f].max(0.0))).collect();
    let mut seen = HashSet::new();
    let quotes = by_closeness
        .iter()
        .filter_map(|(r, _)| {
            let item = &items[rows[*r]];
            let text = best_sentence(&item.text, &weights)?;
            seen.insert(text.to_lowercase()).then(|| ThemeQuote { id: item.id, text, customer: item.customer.clone() })
        })
        .take(options.quotes)
        .collect();
    Theme {
        label,
        count: members.len(),
        segments,
        customers: customers.len(),
        sources: sources.len(),
        cohesion,
        quotes,
        items: members.iter().map(|m| m.id).collect(),
    }
}

/// The sentence of `text` whose stems weigh most in the theme's centre (per word, so a long
/// sentence does not win by length), cut at [`QUOTE_WORDS`] words.
fn best_sentence(text: &str, weights: &HashMap<&str, f32>) -> Option<String> {
    let mut best: Option<(f32, &str)> = None;
    for range in prfaq_doc::text::sentences(text) {
        let sentence = text[range].trim();
        let stems: Vec<terms::Term> = terms::terms(sentence).collect();
        if stems.is_empty() {
            continue;
        }
        let score = stems.iter().map(|t| weights.get(t.stem.as_str()).copied().unwrap_or(0.0)).sum::<f32>()
            / (stems.len() as f32).sqrt();
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, sentence));
        }
    }
    let sentence = best?.1;
    let words: Vec<std::ops::Range<usize>> = prfaq_doc::text::words(sentence).collect();
    Some(match words.get(QUOTE_WORDS) {
        Some(cut) => format!("{}…", sentence[..cut.start].trim_end()),
        None => sentence.to_string(),
    })
}

/// The stems vectors are made of, with how many items use each and the word shown for it.
struct Vocabulary {
    stems: Vec<String>,
    index: HashMap<String, usize>,
    idf: Vec<f32>,
    shown: Vec<String>,
}

impl Vocabulary {
    /// The stems of `docs` used by at least two items and at most half of them (when there
    /// are ten or more), the [`FEATURES`] most widespread.
    fn of(docs: &[Vec<terms::Term>]) -> Self {
        let mut df: HashMap<&str, usize> = HashMap::new();
        let mut forms: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
        for doc in docs {
            let mut once = HashSet::new();
            for t in doc {
                if once.insert(t.stem.as_str()) {
                    *df.entry(&t.stem).or_default() += 1;
                }
                *forms.entry(&t.stem).or_default().entry(&t.word).or_default() += 1;
            }
        }
        let n = docs.len();
        let ceiling = if n >= 10 { n / 2 } else { n };
        let mut kept: Vec<(&str, usize)> = df.into_iter().filter(|(_, d)| *d >= 2 && *d <= ceiling).collect();
        kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        kept.truncate(FEATURES);
        let stems: Vec<String> = kept.iter().map(|(s, _)| (*s).to_string()).collect();
        let idf = kept.iter().map(|(_, d)| ((n as f32 + 1.0) / (*d as f32 + 1.0)).ln() + 1.0).collect();
        let shown = kept
            .iter()
            .map(|(s, _)| {
                forms[s]
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map_or((*s).to_string(), |(w, _)| (*w).to_string())
            })
            .collect();
        let index = stems.iter().enumerate().map(|(i, s)| (s.clone(), i)).collect();
        Self { stems, index, idf, shown }
    }

    /// The word shown for feature `f`: its stem's most frequent written form.
    fn shown(&self, f: usize) -> String {
        self.shown[f].clone()
    }

    /// Unit TF-IDF vectors (sublinear term frequency) of the items that have a feature, and
    /// which item each row is.
    fn vectors(&self, docs: &[Vec<terms::Term>]) -> (Vec<usize>, Array2<f32>) {
        let mut rows = Vec::new();
        let mut data: Vec<f32> = Vec::new();
        let mut v = vec![0f32; self.stems.len()];
        for (d, doc) in docs.iter().enumerate() {
            v.iter_mut().for_each(|x| *x = 0.0);
            for t in doc {
                if let Some(&f) = self.index.get(&t.stem) {
                    v[f] += 1.0;
                }
            }
            let mut norm = 0.0;
            for (f, x) in v.iter_mut().enumerate() {
                if *x > 0.0 {
                    *x = (1.0 + x.ln()) * self.idf[f];
                    norm += *x * *x;
                }
            }
            if norm == 0.0 {
                continue;
            }
            let norm = norm.sqrt();
            rows.push(d);
            data.extend(v.iter().map(|x| x / norm));
        }
        let matrix =
            Array2::from_shape_vec((rows.len(), self.stems.len()), data).unwrap_or_else(|_| Array2::zeros((0, 0)));
        (rows, matrix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::Kind;

    fn items(texts: &[&str]) -> Vec<Item> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Item {
                id: i as i64 + 1,
                kind: Kind::Ticket,
                source: "t".into(),
                source_ref: None,
                date: None,
                segment: Some(if i % 2 == 0 { "pro" } else { "free" }.into()),
                customer: Some(format!("c{}", i % 5)),
                text: (*t).into(),
            })
            .collect()
    }

    #[test]
    fn items_about_the_same_pain_share_a_theme() {
        let texts = [
            "Exporting the monthly report to Excel takes hours.",
            "The Excel export of the report is slow and times out.",
            "I export the report to Excel every week and it breaks the formatting.",
            "Report export to Excel fails for large accounts.",
            "Excel export drops columns from my report.",
            "I cannot log in with single sign-on since Monday.",
            "Single sign-on login loops back to the login page.",
            "Our team cannot log in; the SSO login page shows an error.",
            "Login with SSO fails for new team members.",
            "The SSO login is broken on mobile.",
            "Invoices show the wrong tax rate for Germany.",
            "The invoice tax is wrong for EU customers.",
            "Tax on invoices is calculated twice.",
            "Invoice totals have the wrong tax.",
            "Our invoices list the tax rate incorrectly.",
        ];
        let themes = build(&items(&texts), &Options { max_themes: 3, ..Options::default() });
        assert_eq!(themes.themes.len(), 3, "{themes:#?}");
        let groups: Vec<Vec<i64>> = themes
            .themes
            .iter()
            .map(|t| {
                let mut ids = t.items.clone();
                ids.sort_unstable();
                ids
            })
            .collect();
        for expected in [vec![1, 2, 3, 4, 5], vec![6, 7, 8, 9, 10], vec![11, 12, 13, 14, 15]] {
            assert!(groups.contains(&expected), "{groups:?} lacks {expected:?}");
        }
        let labels: Vec<String> = themes.themes.iter().map(|t| t.label.join(" ")).collect();
        assert!(labels.iter().any(|l| l.contains("excel") || l.contains("export")), "{labels:?}");
        assert!(labels.iter().any(|l| l.contains("tax") || l.contains("invoice")), "{labels:?}");
        let first = &themes.themes[0];
        assert_eq!(first.quotes.len(), 3);
        assert!(first.segments.iter().map(|s| s.1).sum::<usize>() == first.count);
    }

    #[test]
    fn the_same_items_give_the_same_themes() {
        let texts: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "{} problem number {} with {}",
                    ["sync", "billing", "search"][i % 3],
                    i,
                    ["delays", "errors"][i % 2]
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let a = build(&items(&refs), &Options::default());
        let b = build(&items(&refs), &Options::default());
        assert_eq!(a, b);
    }

    #[test]
    fn a_group_of_two_subjects_is_split() {
        let subjects: [&[&str]; 3] = [
            &["excel", "export", "columns", "spreadsheet"],
            &["login", "password", "sso", "locked"],
            &["invoice", "tax", "refund", "charge"],
        ];
        let texts: Vec<String> = (0..90)
            .map(|i| {
                let w = subjects[i % 3];
                format!(
                    "Our team keeps fighting the {}, the {} and the {} again",
                    w[i % 4],
                    w[(i + 1) % 4],
                    w[(i + 2) % 4]
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        // Two themes asked for, three subjects: the group holding two is split, so three come back.
        let themes = build(&items(&refs), &Options { max_themes: 2, ..Options::default() });
        let labels: Vec<String> = themes.themes.iter().map(|t| t.label.join(" ")).collect();
        assert_eq!(themes.themes.len(), 3, "{labels:?}");
        assert!(themes.themes.iter().all(|t| t.cohesion >= 0.5), "{themes:#?}");
    }

    #[test]
    fn too_few_items_give_no_theme() {
        let themes = build(&items(&["one pain", "another"]), &Options::default());
        assert!(themes.themes.is_empty());
        assert_eq!(themes.unthemed, 2);
    }
}
