//! `prfaq-export` turns a parsed PR/FAQ into something to hand out: a self-contained HTML page,
//! a PDF typeset in-process, or a clean Markdown copy.
//!
//! Every format comes in two flavours. A **clean copy** is what readers get: no review comments
//! (`<!-- prfaq-disable … -->`, `<!-- illustrative -->`, any HTML comment). A **review copy**
//! ([`ExportOptions::review`]) adds the critique engine's findings as notes beside the block
//! they point at, and numbers each block with its source lines, so reviewers can say "line 14".
//!
//! The crate does no IO: local images are read through an [`ImageSource`] the caller supplies,
//! and nothing is ever fetched. HTML from the document (raw HTML in the Markdown) is sanitised
//! with `ammonia`, so it can never execute; the page carries a Content-Security-Policy that
//! forbids every request besides the `data:` images embedded in it.
//!
//! ```
//! let doc = prfaq_doc::parse("# Acme Reports Gives Marketers Their Mondays Back\n\nSEATTLE — Today…\n\n<script>alert(1)</script>\n");
//! let html = prfaq_export::render_html(&doc, &prfaq_export::ExportOptions::default());
//! assert!(html.contains("<h1>Acme Reports Gives Marketers Their Mondays Back</h1>"));
//! assert!(!html.contains("<script"));
//! ```

mod html;
mod images;
mod markdown;
mod parts;
mod pdf;
mod tree;

use std::fmt;

use prfaq_critique::Report;
use prfaq_doc::Document;

pub use images::ImageSource;

/// How to export: a clean copy or a review copy, and where local images come from.
#[derive(Clone, Copy, Default)]
pub struct ExportOptions<'a> {
    /// The findings of the document, which make the export a review copy: each finding becomes
    /// a note beside its block, and blocks are numbered with their source lines. `None` gives
    /// a clean copy.
    pub review: Option<&'a Report>,
    /// Reads images the document refers to by a relative path. `None` (or an image it cannot
    /// read) leaves the image's alt text in its place. Remote images are never fetched: they
    /// become their alt text and a link.
    pub images: Option<&'a dyn ImageSource>,
    /// A name for the document (its file name), shown in a review copy's header and used as
    /// the title when the document has neither a headline nor a `title` field.
    pub name: Option<&'a str>,
}

impl fmt::Debug for ExportOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExportOptions")
            .field("review", &self.review.map(|r| r.findings.len()))
            .field("images", &self.images.is_some())
            .field("name", &self.name)
            .finish()
    }
}

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The typesetter rejected the document (a bug in the template, or an image it cannot
    /// decode); the messages are typst's.
    #[error("typesetting the PDF failed: {0}")]
    Typeset(String),
    /// Writing the typeset pages as PDF failed.
    #[error("writing the PDF failed: {0}")]
    Pdf(String),
    /// The document could not be handed to the typesetter as JSON.
    #[error("preparing the document for typesetting failed: {0}")]
    Data(#[from] serde_json::Error),
}

/// A self-contained HTML page: inline CSS, a print stylesheet that ends the first printed page
/// after the press release, embedded images, no scripts and no external requests.
#[must_use]
pub fn render_html(doc: &Document, options: &ExportOptions<'_>) -> String {
    html::page(doc, options)
}

/// A PDF of the document, typeset in-process with typst and its bundled fonts: the press
/// release on page one, the FAQ from page two.
///
/// # Errors
///
/// [`ExportError`] when typst cannot typeset the document or write the PDF.
pub fn render_pdf(doc: &Document, options: &ExportOptions<'_>) -> Result<Vec<u8>, ExportError> {
    pdf::render(doc, options)
}

/// A Markdown copy: the source with every HTML comment removed, front matter kept as it is
/// (so the copy is still a PR/FAQ that `prfaq` reads). A review copy adds a summary after the
/// front matter and, after each block with findings, a block quote of notes with line numbers.
#[must_use]
pub fn render_markdown(doc: &Document, options: &ExportOptions<'_>) -> String {
    markdown::render(doc, options)
}

/// Renders Markdown (a stored comment, an answer) to an HTML fragment that is safe to put in a
/// page: raw HTML is sanitised, links get `rel="noopener noreferrer"`, and images that are not
/// `data:` images become their alt text and a link, so the fragment makes no request.
#[must_use]
pub fn render_fragment(markdown: &str) -> String {
    html::fragment(markdown)
}

/// Escapes text for HTML element content and attribute values (`&`, `<`, `>`, `"`, `'`).
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
