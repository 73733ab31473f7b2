//! Reading evidence files: CSV with a column mapping, JSON lines (or a JSON array), and plain
//! text or Markdown notes (one item per file).
//!
//! A file is read whole before anything is stored: the first problem (bad encoding, bad
//! quoting, a missing column, a bad date) is an [`ImportError`] naming the line, and the caller
//! stores nothing. Pure: the caller reads the bytes.

mod csv;
mod fields;
mod json;
mod note;

use std::fmt;
use std::path::Path;

pub use fields::{Field, Mapping, MappingError};

use crate::item::{Kind, NewItem};

/// The shape of an evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row; one item per row.
    Csv,
    /// One JSON object per line (or a JSON array of objects); one item per object.
    Json,
    /// Plain text or Markdown (optionally with YAML front matter); the file is one item.
    Note,
}

impl Format {
    /// The format a file's extension implies: `.csv`; `.jsonl`, `.ndjson`, `.json`; `.txt`,
    /// `.md`, `.markdown`. `None` for anything else.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" | "json" => Some(Format::Json),
            "txt" | "md" | "markdown" | "text" => Some(Format::Note),
            _ => None,
        }
    }
}

/// What an item gets when its file does not say: the kind, the source (by default the file's
/// name), a segment and a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defaults {
    /// The kind of every item without a kind column.
    pub kind: Kind,
    /// The source of every item without a source column.
    pub source: String,
    /// The segment of every item without a segment column.
    pub segment: Option<String>,
    /// The customer of every item without a customer column.
    pub customer: Option<String>,
}

/// Items read from one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The items, in file order.
    pub items: Vec<NewItem>,
    /// Lines of rows or objects skipped because their text was empty.
    pub skipped: Vec<usize>,
}

/// Where in a file a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A line (1-based), and a column when known (1-based, in characters).
    Line(usize, Option<usize>),
    /// The n-th object of a JSON array (1-based).
    Object(usize),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(line, Some(col)) => write!(f, "line {line}, column {col}"),
            Location::Line(line, None) => write!(f, "line {line}"),
            Location::Object(n) => write!(f, "object {n} of the array"),
        }
    }
}

/// Why a file could not be imported. Nothing of the file is stored when one occurs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The bytes are not UTF-8.
    #[error("{at}: the file is not UTF-8 ({hint}); save it as UTF-8 and import it again")]
    NotUtf8 {
        /// Where the first bad byte is.
        at: Location,
        /// What the encoding looks like.
        hint: &'static str,
    },
    /// A CSV row that cannot be read.
    #[error("{at}: {message}")]
    Csv {
        /// Where the row starts.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A JSON line or document that is not valid JSON or not an object.
    #[error("{at}: {message}")]
    Json {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// The mapping names a column the header does not have.
    #[error("line 1: no column `{column}` for {field} (the header has: {header})")]
    MissingColumn {
        /// The field mapped.
        field: Field,
        /// The column named.
        column: String,
        /// The header's columns, comma-separated.
        header: String,
    },
    /// No column holds the text, and none was named.
    #[error("line 1: no column holds the text (the header has: {header}); name it with --map text=COLUMN")]
    NoTextColumn {
        /// The header's columns, comma-separated.
        header: String,
    },
    /// A value that cannot be read: a bad date, an unknown kind, text that is not a string.
    #[error("{at}: {field}: {message}")]
    Value {
        /// Where.
        at: Location,
        /// Which field.
        field: Field,
        /// What is wrong.
        message: String,
    },
    /// The file holds no item with text.
    #[error("the file holds no evidence: every row or object has empty text, or there is none")]
    Empty,
}

/// Reads every item of a file of `format`.
///
/// # Errors
/// The first problem found, naming its line; see [`ImportError`].
pub fn parse(bytes: &[u8], format: Format, mapping: &Mapping, defaults: &Defaults) -> Result<Parsed, ImportError> {
    let text = decode(bytes)?;
    let parsed = match format {
        Format::Csv => csv::parse(text, mapping, defaults)?,
        Format::Json => json::parse(text, mapping, defaults)?,
        Format::Note => note::parse(text, defaults)?,
    };
    if parsed.items.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(parsed)
}

/// The file as UTF-8 text without a byte-order mark, or where and why it is not.
fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::NotUtf8 { at: Location::Line(1, Some(1)), hint: "it starts like UTF-16" });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        let hint = if bytes.iter().take(4096).filter(|&&b| b == 0).count() > 8 {
            "it looks like UTF-16"
        } else {
            "it looks like Latin-1 or Windows-1252"
        };
        ImportError::NotUtf8 { at: Location::Line(line, Some(column)), hint }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin1_byte_is_reported_at_its_line_and_column() {
        let err = decode(b"id,text\n1,caf\xe9 au lait\n").expect_err("latin-1");
        assert_eq!(
            err,
            ImportError::NotUtf8 { at: Location::Line(2, Some(6)), hint: "it looks like Latin-1 or Windows-1252" }
        );
        assert!(err.to_string().starts_with("line 2, column 6: the file is not UTF-8"));
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_utf16_refused() {
        assert_eq!(decode(b"\xEF\xBB\xBFtext").ok(), Some("text"));
        assert!(matches!(decode(b"\xFF\xFEt\0e\0"), Err(ImportError::NotUtf8 { hint: "it starts like UTF-16", .. })));
    }

    #[test]
    fn formats_follow_extensions() {
        assert_eq!(Format::from_path(Path::new("a/tickets.CSV")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("posts.jsonl")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("call.md")), Some(Format::Note));
        assert_eq!(Format::from_path(Path::new("data.xlsx")), None);
    }
}
