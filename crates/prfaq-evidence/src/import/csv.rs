//! CSV: a header row, then one item per row.

use csv::{ErrorKind, ReaderBuilder, StringRecord};

use super::fields::{Field, item};
use super::{Defaults, ImportError, Location, Mapping, Parsed};

/// Reads every row of `text` as an item.
pub(super) fn parse(text: &str, mapping: &Mapping, defaults: &Defaults) -> Result<Parsed, ImportError> {
    let mut reader = ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| error(&e, 1))?.clone();
    let header_fields: Vec<&str> = header.iter().collect();
    let columns = mapping.resolve(&header_fields)?;
    let mut rows: Vec<(usize, usize, StringRecord)> = Vec::new();
    let mut record = StringRecord::new();
    loop {
        let line = usize::try_from(reader.position().line()).unwrap_or(usize::MAX);
        match reader.read_record(&mut record) {
            Ok(true) => {
                let pos = record.position().map_or((0, line), |p| {
                    (usize::try_from(p.byte()).unwrap_or(0), usize::try_from(p.line()).unwrap_or(line))
                });
                rows.push((pos.0, pos.1, record.clone()));
            }
            Ok(false) => break,
            Err(e) => return Err(error(&e, line)),
        }
    }
    check_quotes(text, &rows)?;
    let mut parsed = Parsed::default();
    for (_, line, row) in &rows {
        let at = Location::Line(*line, None);
        let got = item(at, *line, defaults, |field: Field| {
            Ok(columns.of(field).and_then(|c| row.get(c)).map(str::to_string))
        })?;
        match got {
            Some(i) => parsed.items.push(i),
            None => parsed.skipped.push(*line),
        }
    }
    Ok(parsed)
}

/// Every row's raw text holds an even number of `"`: a quoted field closes, and a quote never
/// sits alone inside an unquoted field. The csv reader accepts both leniently (an unclosed quote
/// swallows the rest of the file into one field), so they are checked here, on the raw bytes.
fn check_quotes(text: &str, rows: &[(usize, usize, StringRecord)]) -> Result<(), ImportError> {
    for (i, (start, line, _)) in rows.iter().enumerate() {
        let end = rows.get(i + 1).map_or(text.len(), |r| r.0);
        let raw = text.get(*start..end).unwrap_or("");
        if raw.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
            let last = line + raw.trim_end().matches('\n').count();
            let message = if last > *line {
                format!(
                    "a quote opened in this row never closes (the row runs on to line {last}); close it, or double a quote inside a field (\"\")"
                )
            } else {
                "a stray quote: a quote inside a field must be doubled (\"\") and the field quoted".to_string()
            };
            return Err(ImportError::Csv { at: Location::Line(*line, None), message });
        }
    }
    Ok(())
}

/// A csv error as an import error at its line.
fn error(e: &csv::Error, fallback_line: usize) -> ImportError {
    let line_of =
        |p: Option<&csv::Position>| p.map_or(fallback_line, |p| usize::try_from(p.line()).unwrap_or(fallback_line));
    match e.kind() {
        ErrorKind::UnequalLengths { pos, expected_len, len } => ImportError::Csv {
            at: Location::Line(line_of(pos.as_ref()), None),
            message: format!(
                "this row has {len} field{}, the header has {expected_len} (a missing field, or a comma in a field that is not in quotes?)",
                if *len == 1 { "" } else { "s" }
            ),
        },
        ErrorKind::Utf8 { pos, .. } => ImportError::NotUtf8 {
            at: Location::Line(line_of(pos.as_ref()), None),
            hint: "it looks like Latin-1 or Windows-1252",
        },
        _ => ImportError::Csv { at: Location::Line(fallback_line, None), message: e.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::Kind;

    fn defaults() -> Defaults {
        Defaults { kind: Kind::Ticket, source: "tickets.csv".into(), segment: None, customer: None }
    }

    fn read(text: &str) -> Result<Parsed, ImportError> {
        parse(text, &Mapping::default(), &defaults())
    }

    #[test]
    fn rows_become_items_with_their_lines() {
        let parsed =
            read("id,date,plan,body\n7,2024-03-05,enterprise,\"Export is slow, again\"\n8,,,\"Two\nlines\"\n9,,,\n")
                .expect("valid");
        assert_eq!(parsed.items.len(), 2);
        let first = &parsed.items[0];
        assert_eq!(
            (first.line, first.source_ref.as_deref(), first.date.as_deref(), first.segment.as_deref()),
            (2, Some("7"), Some("2024-03-05"), Some("enterprise"))
        );
        assert_eq!(first.text, "Export is slow, again");
        assert_eq!((parsed.items[1].line, parsed.items[1].text.as_str()), (3, "Two\nlines"));
        assert_eq!(parsed.skipped, vec![5]);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_its_row() {
        let err = read("id,text\n1,fine\n2,\"never closed\n3,more\n4,rows\n").expect_err("unclosed");
        assert_eq!(
            err.to_string(),
            "line 3: a quote opened in this row never closes (the row runs on to line 5); close it, or double a quote inside a field (\"\")"
        );
    }

    #[test]
    fn a_stray_quote_is_an_error() {
        let err = read("id,text\n1,she said \"no\" twice\"\n").expect_err("stray");
        assert!(err.to_string().starts_with("line 2: a stray quote"), "{err}");
    }

    #[test]
    fn a_short_row_is_an_error_naming_its_line() {
        let err = read("id,text,plan\n1,fine,pro\n2,short\n").expect_err("short");
        assert_eq!(
            err.to_string(),
            "line 3: this row has 2 fields, the header has 3 (a missing field, or a comma in a field that is not in quotes?)"
        );
    }

    #[test]
    fn a_bad_date_names_its_line_and_field() {
        let err = read("date,text\n2024-01-02,ok\nlast week,bad\n").expect_err("date");
        assert_eq!(
            err.to_string(),
            "line 3: date: `last week` is not a date (expected YYYY-MM-DD, or a timestamp that starts with one)"
        );
    }
}
