//! Fuzz target: parsing and checking any UTF-8 text never panics, and every span the parser
//! produces lies inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = prfaq_doc::parse(text);
    let ok = |s: prfaq_doc::Span| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    for b in &doc.blocks {
        assert!(ok(b.span));
        for w in &b.words {
            assert!(ok(b.source_span(w.clone())));
        }
    }
    for f in &doc.faqs {
        assert!(ok(f.question.span) && ok(f.answer.span) && ok(f.span));
    }
    for p in &doc.placeholders {
        assert!(ok(p.span));
    }
    for q in &doc.quotes {
        assert!(ok(q.span));
    }
    let engine = prfaq_critique::Engine::new(prfaq_critique::Config::default());
    for f in engine.check(&doc).findings {
        assert!(ok(f.span), "{} {:?}", f.rule, f.span);
    }
});
