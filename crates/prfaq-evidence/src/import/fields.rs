//! The fields of an item and which column (or JSON key) holds each: named in a [`Mapping`],
//! or found by the usual names.

use std::fmt;
use std::str::FromStr;

use super::{Defaults, ImportError, Location};
use crate::item::{Kind, NewItem, parse_date};

/// A field of an evidence item that a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The words.
    Text,
    /// When.
    Date,
    /// The customer segment.
    Segment,
    /// Who said it.
    Customer,
    /// The item's id in its source.
    Id,
    /// The kind of evidence.
    Kind,
    /// Where it came from.
    Source,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 7] =
        [Field::Text, Field::Date, Field::Segment, Field::Customer, Field::Id, Field::Kind, Field::Source];

    /// The name used in `--map NAME=COLUMN`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Date => "date",
            Field::Segment => "segment",
            Field::Customer => "customer",
            Field::Id => "id",
            Field::Kind => "kind",
            Field::Source => "source",
        }
    }

    /// Column names (compared without case) that hold this field when no mapping names one.
    fn usual_names(self) -> &'static [&'static str] {
        match self {
            Field::Text => &[
                "text",
                "body",
                "comment",
                "comments",
                "message",
                "feedback",
                "description",
                "content",
                "quote",
                "answer",
                "response",
                "review",
                "note",
                "notes",
                "verbatim",
            ],
            Field::Date => &["date", "created", "created_at", "createdat", "timestamp", "submitted", "submitted_at"],
            Field::Segment => &["segment", "plan", "tier", "persona", "customer_segment"],
            Field::Customer => &["customer", "account", "company", "user", "author", "requester", "email", "name"],
            Field::Id => &["id", "ticket", "ticket_id", "number", "ref", "reference"],
            Field::Kind => &["kind", "type"],
            Field::Source => &["source", "channel", "origin"],
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which column holds which field, as the user named them (`text=Body`, `date=Created`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    named: Vec<(Field, String)>,
}

/// A `--map` argument that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// Not `FIELD=COLUMN`.
    #[error("`{0}` is not FIELD=COLUMN (for example text=Body)")]
    Shape(String),
    /// An unknown field name.
    #[error("unknown field `{0}` (expected one of: text, date, segment, customer, id, kind, source)")]
    Field(String),
    /// The same field named twice.
    #[error("{0} is mapped twice")]
    Twice(Field),
}

impl FromStr for Field {
    type Err = MappingError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Field::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| MappingError::Field(s.trim().to_string()))
    }
}

impl Mapping {
    /// A mapping from `FIELD=COLUMN` pairs.
    ///
    /// # Errors
    /// A pair that is not `FIELD=COLUMN`, an unknown field, or a field named twice.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = &'a str>) -> Result<Self, MappingError> {
        let mut named: Vec<(Field, String)> = Vec::new();
        for pair in pairs {
            let (field, column) = pair.split_once('=').ok_or_else(|| MappingError::Shape(pair.to_string()))?;
            let field: Field = field.parse()?;
            if column.trim().is_empty() {
                return Err(MappingError::Shape(pair.to_string()));
            }
            if named.iter().any(|(f, _)| *f == field) {
                return Err(MappingError::Twice(field));
            }
            named.push((field, column.trim().to_string()));
        }
        Ok(Self { named })
    }

    /// The column named for `field`, if any.
    #[must_use]
    pub fn column(&self, field: Field) -> Option<&str> {
        self.named.iter().find(|(f, _)| *f == field).map(|(_, c)| c.as_str())
    }

    /// Finds each field's column in `header`: the named one (an error when absent), else the
    /// first column with one of the field's usual names. The text column is required.
    pub(super) fn resolve(&self, header: &[&str]) -> Result<Columns, ImportError> {
        let find = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name.trim()));
        let listed = || header.iter().map(|h| h.trim()).collect::<Vec<_>>().join(", ");
        let mut slots = [None; 7];
        for (i, field) in Field::ALL.into_iter().enumerate() {
            slots[i] = match self.column(field) {
                Some(column) => Some(find(column).ok_or_else(|| ImportError::MissingColumn {
                    field,
                    column: column.to_string(),
                    header: listed(),
                })?),
                None => field.usual_names().iter().find_map(|n| find(n)),
            };
        }
        let Some(text) = slots[0] else {
            return Err(ImportError::NoTextColumn { header: listed() });
        };
        Ok(Columns { text, others: slots })
    }
}

/// Where each field is in a row.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    text: usize,
    others: [Option<usize>; 7],
}

impl Columns {
    /// The position of `field`'s column.
    pub(super) fn of(&self, field: Field) -> Option<usize> {
        if field == Field::Text {
            return Some(self.text);
        }
        let i = Field::ALL.iter().position(|f| *f == field)?;
        self.others[i]
    }
}

/// Builds an item from a row's values (`get` returns a field's value, `None` when absent),
/// or `None` when its text is empty.
pub(super) fn item(
    at: Location,
    line: usize,
    defaults: &Defaults,
    get: impl Fn(Field) -> Result<Option<String>, ImportError>,
) -> Result<Option<NewItem>, ImportError> {
    let value = |field| -> Result<Option<String>, ImportError> {
        Ok(get(field)?.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()))
    };
    let Some(text) = value(Field::Text)? else {
        return Ok(None);
    };
    let bad = |field, message: String| ImportError::Value { at, field, message };
    let date = value(Field::Date)?.map(|d| parse_date(&d).map_err(|m| bad(Field::Date, m))).transpose()?;
    let kind = match value(Field::Kind)? {
        Some(k) => k.parse::<Kind>().map_err(|e| bad(Field::Kind, e.to_string()))?,
        None => defaults.kind,
    };
    Ok(Some(NewItem {
        kind,
        source: value(Field::Source)?.unwrap_or_else(|| defaults.source.clone()),
        source_ref: value(Field::Id)?,
        date,
        segment: value(Field::Segment)?.or_else(|| defaults.segment.clone()),
        customer: value(Field::Customer)?.or_else(|| defaults.customer.clone()),
        text,
        line,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_names_are_found_without_a_mapping() {
        let cols = Mapping::default().resolve(&["Ticket ID", "Created", "Body", "Plan"]).expect("text found");
        assert_eq!(cols.of(Field::Text), Some(2));
        assert_eq!(cols.of(Field::Date), Some(1));
        assert_eq!(cols.of(Field::Segment), Some(3));
        assert_eq!(cols.of(Field::Id), None, "\"Ticket ID\" is not a usual name");
    }

    #[test]
    fn a_named_column_wins_and_must_exist() {
        let mapping = Mapping::from_pairs(["text=Summary", "id=Ticket ID"]).expect("pairs");
        let cols = mapping.resolve(&["Ticket ID", "Body", "summary"]).expect("found");
        assert_eq!((cols.of(Field::Text), cols.of(Field::Id)), (Some(2), Some(0)));
        let err = Mapping::from_pairs(["text=Words"]).expect("pair").resolve(&["a", "b"]).expect_err("absent");
        assert_eq!(err.to_string(), "line 1: no column `Words` for text (the header has: a, b)");
    }

    #[test]
    fn without_a_text_column_the_error_lists_the_header() {
        let err = Mapping::default().resolve(&["when", "who"]).expect_err("no text");
        assert!(err.to_string().contains("the header has: when, who"), "{err}");
    }

    #[test]
    fn bad_pairs_are_refused() {
        assert_eq!(Mapping::from_pairs(["text"]), Err(MappingError::Shape("text".into())));
        assert_eq!(Mapping::from_pairs(["words=Body"]), Err(MappingError::Field("words".into())));
        assert_eq!(Mapping::from_pairs(["text=A", "TEXT=B"]), Err(MappingError::Twice(Field::Text)));
    }
}
