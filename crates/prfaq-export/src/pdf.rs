//! The PDF: the document as a JSON block tree, laid out by a typst template, typeset in-process
//! with typst's bundled fonts. No browser, no system fonts, no files read.

use std::sync::OnceLock;

use prfaq_doc::Document;
use pulldown_cmark::Event;
use serde::Serialize;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::parts::{self, Note, Region};
use crate::tree::{Asset, Builder, Node};
use crate::{ExportError, ExportOptions};

const TEMPLATE: &str = include_str!("template.typ");

/// What the template reads from `/data.json`.
#[derive(Serialize)]
struct Data<'a> {
    title: &'a str,
    kicker: Option<&'a str>,
    meta: Vec<(&'a str, &'a str)>,
    review: Option<ReviewData>,
    parts: Vec<PartData>,
    /// The index of the last press-release part: the first page ends after it.
    press_release_end: Option<usize>,
}

#[derive(Serialize)]
struct ReviewData {
    summary: String,
    notes: Vec<NoteData>,
}

#[derive(Serialize)]
struct PartData {
    region: Region,
    first: usize,
    last: usize,
    nodes: Vec<Node>,
    notes: Vec<NoteData>,
}

#[derive(Serialize)]
struct NoteData {
    severity: &'static str,
    rule: &'static str,
    name: &'static str,
    line: usize,
    column: usize,
    message: String,
    suggestion: Option<String>,
}

impl From<&Note<'_>> for NoteData {
    fn from(note: &Note<'_>) -> Self {
        let f = note.finding;
        let suggestion = f.suggestion.as_ref().map(|s| match &s.replacement {
            Some(r) => format!("{} → “{r}”", s.message),
            None => s.message.clone(),
        });
        Self {
            severity: note.severity(),
            rule: f.rule,
            name: f.name,
            line: note.line,
            column: note.column,
            message: f.message.clone(),
            suggestion,
        }
    }
}

pub(crate) fn render(doc: &Document, options: &ExportOptions<'_>) -> Result<Vec<u8>, ExportError> {
    let result = typeset(doc, options, true);
    // An image typst cannot decode fails the whole document; its alt text will do instead.
    match result {
        Err(ExportError::Typeset(_)) if options.images.is_some() => typeset(doc, options, false),
        other => other,
    }
}

fn typeset(doc: &Document, options: &ExportOptions<'_>, with_images: bool) -> Result<Vec<u8>, ExportError> {
    let layout = parts::layout(doc, options.review);
    let mut assets: Vec<Asset> = Vec::new();
    let images = if with_images { options.images } else { None };
    let mut parts_data = Vec::with_capacity(layout.parts.len());
    for part in &layout.parts {
        let events: Vec<Event<'_>> = part.events.iter().map(|(e, _)| e.clone()).collect();
        let nodes = Builder::new(&events, images, &mut assets).blocks();
        if nodes.is_empty() && part.notes.is_empty() {
            continue;
        }
        parts_data.push(PartData {
            region: part.region,
            first: part.lines.0,
            last: part.lines.1,
            nodes,
            notes: part.notes.iter().map(NoteData::from).collect(),
        });
    }
    // The first page ends after the last press-release part that produced something.
    let press_release_end = parts_data.iter().rposition(|p| p.region == Region::PressRelease);
    let review = options.review.map(|report| {
        let mut summary = String::new();
        if let Some(name) = options.name {
            summary.push_str(" of ");
            summary.push_str(name);
        }
        summary.push_str(&format!(" · score {}/100 · {}", report.score.overall, parts::tally(report)));
        ReviewData { summary, notes: layout.loose.iter().map(NoteData::from).collect() }
    });
    let data = Data {
        title: parts::title(doc, options.name),
        kicker: parts::kicker(doc),
        meta: parts::meta_fields(doc),
        review,
        parts: parts_data,
        press_release_end,
    };
    let world = PdfWorld::new(serde_json::to_vec(&data)?, assets);
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // typst memoises across compilations; a long-running process (the web app) must not grow.
    typst::comemo::evict(10);
    let document = compiled.map_err(|errors| ExportError::Typeset(messages(&errors)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| ExportError::Pdf(messages(&errors)))
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")
}

/// Fonts and the standard library, prepared once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// The typesetter's view of the world: the template, the data, the images. Nothing else exists.
struct PdfWorld {
    main: Source,
    data: Bytes,
    assets: Vec<(FileId, Bytes)>,
    shared: &'static Shared,
}

impl PdfWorld {
    fn new(data: Vec<u8>, assets: Vec<Asset>) -> Self {
        let main = Source::new(FileId::new(None, VirtualPath::new("/main.typ")), TEMPLATE.to_string());
        let assets =
            assets.into_iter().map(|a| (FileId::new(None, VirtualPath::new(&a.path)), Bytes::new(a.bytes))).collect();
        Self { main, data: Bytes::new(data), assets, shared: shared() }
    }

    fn data_id() -> FileId {
        FileId::new(None, VirtualPath::new("/data.json"))
    }
}

impl World for PdfWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().to_path_buf()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == Self::data_id() {
            return Ok(self.data.clone());
        }
        self.assets
            .iter()
            .find(|(a, _)| *a == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| FileError::NotFound(id.vpath().as_rootless_path().to_path_buf()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        // No clock: the same document gives the same PDF.
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_document_typesets_into_a_pdf() {
        let doc = prfaq_doc::parse(
            "---\ntitle: Acme\ncustomer: Marketers\n---\n# Acme Gives Marketers Their Mondays Back\n\nSEATTLE — Today **Acme** launched [it](https://acme.example).\n\n## FAQ\n### How much?\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n```\ncode\n```\n",
        );
        let pdf = render(&doc, &ExportOptions::default()).expect("typesets");
        assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
        let report = prfaq_critique::Engine::new(prfaq_critique::Config::default()).check(&doc);
        let review = render(&doc, &ExportOptions { review: Some(&report), images: None, name: Some("a.md") })
            .expect("review copy typesets");
        assert!(review.starts_with(b"%PDF-"), "not a PDF");
    }
}
