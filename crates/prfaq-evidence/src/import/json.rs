//! JSON lines (one object per line), or one JSON array of objects.

use serde_json::{Map, Value};

use super::fields::{Field, item};
use super::{Defaults, ImportError, Location, Mapping, Parsed};

/// Reads every object of `text` as an item.
pub(super) fn parse(text: &str, mapping: &Mapping, defaults: &Defaults) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::default();
    if text.trim_start().starts_with('[') {
        let values: Vec<Value> = serde_json::from_str(text).map_err(|e| ImportError::Json {
            at: Location::Line(e.line(), Some(e.column())),
            message: format!("not a JSON array of objects: {}", strip_position(&e)),
        })?;
        for (i, value) in values.into_iter().enumerate() {
            let at = Location::Object(i + 1);
            let object = as_object(value, at)?;
            push(&mut parsed, &object, at, 0, mapping, defaults)?;
        }
        return Ok(parsed);
    }
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line).map_err(|e| ImportError::Json {
            at: Location::Line(i + 1, Some(e.column())),
            message: format!("not a JSON object: {}", strip_position(&e)),
        })?;
        let at = Location::Line(i + 1, None);
        let object = as_object(value, at)?;
        push(&mut parsed, &object, at, i + 1, mapping, defaults)?;
    }
    Ok(parsed)
}

fn as_object(value: Value, at: Location) -> Result<Map<String, Value>, ImportError> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(ImportError::Json { at, message: format!("expected an object, found {}", kind_of(&other)) }),
    }
}

/// Adds the item `object` holds, or notes it skipped when its text is empty.
fn push(
    parsed: &mut Parsed,
    object: &Map<String, Value>,
    at: Location,
    line: usize,
    mapping: &Mapping,
    defaults: &Defaults,
) -> Result<(), ImportError> {
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    let columns = mapping.resolve(&keys).map_err(|e| match e {
        ImportError::NoTextColumn { header } => ImportError::Json {
            at,
            message: format!("no key holds the text (the object has: {header}); name it with --map text=KEY"),
        },
        ImportError::MissingColumn { field, column, header } => {
            ImportError::Json { at, message: format!("no key `{column}` for {field} (the object has: {header})") }
        }
        other => other,
    })?;
    let get = |field: Field| -> Result<Option<String>, ImportError> {
        let Some(value) = columns.of(field).and_then(|c| keys.get(c)).and_then(|k| object.get(*k)) else {
            return Ok(None);
        };
        match value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            Value::Number(n) if field != Field::Text => Ok(Some(n.to_string())),
            other => {
                Err(ImportError::Value { at, field, message: format!("expected a string, found {}", kind_of(other)) })
            }
        }
    };
    match item(at, line, defaults, get)? {
        Some(i) => parsed.items.push(i),
        None => parsed.skipped.push(line),
    }
    Ok(())
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its " at line L column C" (the location says it).
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::Kind;

    fn defaults() -> Defaults {
        Defaults { kind: Kind::Forum, source: "forum.jsonl".into(), segment: Some("community".into()), customer: None }
    }

    #[test]
    fn each_line_is_an_item() {
        let text = "{\"id\": 12, \"body\": \"Sync drops my edits\", \"author\": \"ana\"}\n\n{\"text\": \"Where is dark mode?\", \"kind\": \"review\"}\n";
        let parsed = parse(text, &Mapping::default(), &defaults()).expect("valid");
        assert_eq!(parsed.items.len(), 2);
        assert_eq!(parsed.items[0].source_ref.as_deref(), Some("12"));
        assert_eq!(parsed.items[0].customer.as_deref(), Some("ana"));
        assert_eq!(parsed.items[0].segment.as_deref(), Some("community"));
        assert_eq!((parsed.items[1].kind, parsed.items[1].line), (Kind::Review, 3));
    }

    #[test]
    fn a_broken_line_is_named() {
        let err =
            parse("{\"text\": \"ok\"}\n{\"text\": \"cut\n", &Mapping::default(), &defaults()).expect_err("broken");
        assert!(err.to_string().starts_with("line 2, column "), "{err}");
    }

    #[test]
    fn text_must_be_a_string_and_objects_objects() {
        let err = parse("{\"text\": 5}\n", &Mapping::default(), &defaults()).expect_err("number");
        assert_eq!(err.to_string(), "line 1: text: expected a string, found a number");
        let err = parse("[{\"text\": \"a\"}, 3]", &Mapping::default(), &defaults()).expect_err("array");
        assert_eq!(err.to_string(), "object 2 of the array: expected an object, found a number");
    }
}
