//! Evidence made of real text nobody here wrote: the customer FAQ questions and problem
//! paragraphs of the PR/FAQs in `../shared/corpus/real`, imported into a real SQLite store,
//! searched and grouped into themes.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};

use prfaq_doc::PrRole;
use prfaq_evidence::store::Filter;
use prfaq_evidence::themes::{self, Options};
use prfaq_evidence::{EvidenceStore, Kind, NewItem};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real")
}

/// Every customer FAQ question (a forum post) and problem paragraph (a call note) of the corpus,
/// with the project as the segment and the document as the customer.
fn items() -> Vec<NewItem> {
    let mut files: Vec<PathBuf> = walkdir(&corpus());
    files.sort();
    assert!(files.len() >= 40, "the corpus has {} documents", files.len());
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("corpus file");
        let doc = prfaq_doc::parse(&text);
        let project = file.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned());
        let name = file.file_stem().map(|n| n.to_string_lossy().into_owned());
        let mut push = |kind, text: &str| {
            out.push(NewItem {
                kind,
                source: format!("{}/{}", project.clone().unwrap_or_default(), name.clone().unwrap_or_default()),
                source_ref: None,
                date: None,
                segment: project.clone(),
                customer: name.clone(),
                text: text.to_string(),
                line: 0,
            });
        };
        for faq in doc.customer_faqs() {
            push(Kind::Forum, &faq.question.text);
        }
        for p in doc.press_release.paragraphs.iter().filter(|p| p.role == PrRole::Problem) {
            push(Kind::Call, &doc.blocks[p.block].text);
        }
    }
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("corpus directory").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn the_corpus_is_imported_once_searched_and_grouped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = EvidenceStore::open(&dir.path().join("evidence.db"), true).await.expect("store");
    let items = items();
    let first = store.import("corpus", &items).await.expect("import");
    let distinct = store.count().await.expect("count");
    assert!(distinct >= 150, "{distinct} items");
    assert_eq!(first.added, distinct);
    assert_eq!(first.unchanged, items.len() - distinct, "repeated questions are one item");

    // Importing the same items again adds nothing.
    let again = store.import("corpus", &items).await.expect("re-import");
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, items.len()));
    assert_eq!(store.count().await.expect("count"), distinct);

    // Search: stemmed ("orders" finds "order"), ranked, with the matched words marked.
    let found = store.search("orders shipped", &Filter::default(), 5).await.expect("search");
    assert!(found.all_words && !found.hits.is_empty(), "{found:#?}");
    for hit in &found.hits {
        let text = hit.item.text.to_lowercase();
        assert!(text.contains("order") && text.contains("ship"), "{}", hit.item.text);
        assert!(hit.snippet.iter().any(|p| p.hit));
    }
    assert!(found.hits.windows(2).all(|w| w[0].score >= w[1].score), "best first");
    let cdk = Filter { segment: Some("cdk-rfcs".into()), ..Filter::default() };
    let construct = store.search("construct", &cdk, 50).await.expect("search");
    assert!(!construct.hits.is_empty());
    assert!(construct.hits.iter().all(|h| h.item.segment.as_deref() == Some("cdk-rfcs")));

    // Themes: each groups items of one subject; printed for a reader (--no-capture).
    let all = store.items(&Filter::default()).await.expect("items");
    let built = themes::build(&all, &Options::default());
    assert!(built.themes.len() >= 6, "{} themes", built.themes.len());
    for t in &built.themes {
        println!(
            "{} — {} items, {} customers, segments {:?}, cohesion {:.2}",
            t.label.join(" · "),
            t.count,
            t.customers,
            t.segments,
            t.cohesion
        );
        for q in &t.quotes {
            println!("    “{}” [ev:{}]", q.text, q.id);
        }
    }
    println!("unthemed {}", built.unthemed);
    for t in &built.themes {
        assert!(!t.label.is_empty() && t.count >= 2 && !t.quotes.is_empty());
        // A theme's quotes speak its words: each has one of the words that name it (or their stem).
        let stems: Vec<&str> = t.label.iter().map(|w| &w[..w.len().min(5)]).collect();
        for q in &t.quotes {
            let text = q.text.to_lowercase();
            assert!(stems.iter().any(|s| text.contains(s)), "theme {:?}: quote {:?}", t.label, q.text);
        }
    }
    // The projects write about different things: most themes draw mostly on one of them.
    let focused =
        built.themes.iter().filter(|t| t.segments.first().is_some_and(|(_, n)| n * 10 >= t.count * 7)).count();
    assert!(focused * 2 >= built.themes.len(), "{focused} of {} themes draw 70% on one project", built.themes.len());
}

#[tokio::test]
async fn a_quote_from_the_corpus_is_found_and_an_invented_one_is_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = EvidenceStore::open(&dir.path().join("evidence.db"), true).await.expect("store");
    let items = items();
    store.import("corpus", &items).await.expect("import");
    let problem = items
        .iter()
        .find(|i| i.kind == Kind::Call && i.text.split_whitespace().count() > 30)
        .expect("a problem paragraph");
    let words: Vec<&str> = problem.text.split_whitespace().skip(3).take(14).collect();
    let quote = format!("“{}…”", words.join(" "));
    let md = format!("# Acme\n\n{quote} said Dana Whitfield, an operations manager and Acme customer.\n");
    let doc = prfaq_doc::parse(&md);
    let facts = prfaq_evidence::facts::facts(&store, &doc).await.expect("facts");
    assert!(facts.store_items >= 150);
    let source = facts.source_of_quote(&doc.quotes[0].text).expect("the quote is found");
    assert!(source.text.contains(words[0]));

    let invented = prfaq_doc::parse(
        "# Acme\n\n“I wish this tool could read my mind and file my taxes,” said Dana Whitfield, an operations manager and Acme customer.\n",
    );
    let facts = prfaq_evidence::facts::facts(&store, &invented).await.expect("facts");
    assert!(facts.source_of_quote(&invented.quotes[0].text).is_none());
}
