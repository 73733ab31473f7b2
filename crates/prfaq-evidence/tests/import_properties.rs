//! Importing never panics: any bytes in any format give items or an error that names a place.

use prfaq_evidence::Kind;
use prfaq_evidence::import::{self, Defaults, Format, ImportError, Mapping};
use proptest::prelude::*;

fn defaults() -> Defaults {
    Defaults { kind: Kind::Note, source: "fuzz".into(), segment: None, customer: None }
}

/// Every error but "no evidence" says where: a line, a column or an object.
fn names_a_place(e: &ImportError) -> bool {
    let text = e.to_string();
    matches!(e, ImportError::Empty) || text.starts_with("line ") || text.starts_with("object ")
}

fn check(bytes: &[u8]) {
    for format in [Format::Csv, Format::Json, Format::Note] {
        match import::parse(bytes, format, &Mapping::default(), &defaults()) {
            Ok(parsed) => {
                assert!(!parsed.items.is_empty());
                assert!(parsed.items.iter().all(|i| !i.text.trim().is_empty()));
            }
            Err(e) => assert!(names_a_place(&e), "{format:?}: {e}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes);
    }

    #[test]
    fn csv_like_text_never_panics(
        rows in proptest::collection::vec("[a-z\",\\n\\r é]{0,40}", 0..12),
    ) {
        let text = format!("id,text,date\n{}", rows.join("\n"));
        check(text.as_bytes());
    }

    #[test]
    fn json_like_text_never_panics(lines in proptest::collection::vec("[{}\\[\\]\":,a-z0-9 ]{0,40}", 0..8)) {
        let text = lines.join("\n");
        check(text.as_bytes());
    }
}
