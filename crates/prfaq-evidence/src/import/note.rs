//! A plain-text or Markdown note: the whole file is one item. YAML front matter between `---`
//! lines may give its kind, source, id, date, segment and customer.

use yaml_rust2::{Yaml, YamlLoader};

use super::fields::{Field, item};
use super::{Defaults, ImportError, Location, Parsed};

/// Reads `text` as one item.
pub(super) fn parse(text: &str, defaults: &Defaults) -> Result<Parsed, ImportError> {
    let (front, body, body_line) = split_front_matter(text)?;
    let get = |field: Field| -> Result<Option<String>, ImportError> {
        if field == Field::Text {
            return Ok(Some(body.to_string()));
        }
        let Some(value) = front.as_ref().map(|f| &f[field.as_str()]) else {
            return Ok(None);
        };
        match value {
            Yaml::BadValue | Yaml::Null => Ok(None),
            Yaml::String(s) => Ok(Some(s.clone())),
            Yaml::Integer(i) => Ok(Some(i.to_string())),
            Yaml::Real(r) => Ok(Some(r.clone())),
            _ => Err(ImportError::Value {
                at: Location::Line(1, None),
                field,
                message: "expected a single value in the front matter".into(),
            }),
        }
    };
    let mut parsed = Parsed::default();
    match item(Location::Line(body_line, None), body_line, defaults, get)? {
        Some(i) => parsed.items.push(i),
        None => parsed.skipped.push(body_line),
    }
    Ok(parsed)
}

/// The front matter (when the file opens with `---`), the body, and the body's first line.
fn split_front_matter(text: &str) -> Result<(Option<Yaml>, &str, usize), ImportError> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Ok((None, text, 1));
    };
    let close = rest.match_indices("\n---").find(|(i, _)| {
        let after = &rest[i + 4..];
        after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n")
    });
    let Some((end, _)) = close else {
        return Err(ImportError::Value {
            at: Location::Line(1, None),
            field: Field::Text,
            message: "the front matter opened by `---` never closes".into(),
        });
    };
    let yaml = &rest[..end];
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| ImportError::Value {
        at: Location::Line(e.marker().line() + 1, None),
        field: Field::Text,
        message: format!("the front matter is not valid YAML: {}", e.info()),
    })?;
    let front = docs.into_iter().next().filter(|d| matches!(d, Yaml::Hash(_)));
    let body_start = (end + 4 + 1).min(rest.len());
    let body = &rest[body_start..];
    let body_line = text[..text.len() - body.len()].matches('\n').count() + 1;
    Ok((front, body, body_line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item::Kind;

    fn defaults() -> Defaults {
        Defaults { kind: Kind::Call, source: "acme-call.md".into(), segment: None, customer: None }
    }

    #[test]
    fn the_file_is_one_item_and_front_matter_fills_its_fields() {
        let parsed = parse(
            "---\ndate: 2024-05-01\ncustomer: Acme Corp\nsegment: enterprise\n---\nThey re-key every order by hand.\n",
            &defaults(),
        )
        .expect("valid");
        let item = &parsed.items[0];
        assert_eq!(item.text, "They re-key every order by hand.");
        assert_eq!(
            (item.date.as_deref(), item.customer.as_deref(), item.segment.as_deref(), item.line),
            (Some("2024-05-01"), Some("Acme Corp"), Some("enterprise"), 6)
        );
    }

    #[test]
    fn a_note_without_front_matter_is_its_text() {
        let parsed = parse("# Call with Bob\n\nHe exports to Excel daily.\n", &defaults()).expect("valid");
        assert_eq!(parsed.items[0].text, "# Call with Bob\n\nHe exports to Excel daily.");
        assert_eq!(parsed.items[0].kind, Kind::Call);
    }

    #[test]
    fn unclosed_or_invalid_front_matter_is_an_error() {
        assert!(parse("---\ndate: 2024-05-01\nno end\n", &defaults()).is_err());
        let err = parse("---\ndate: [1,\n---\nbody\n", &defaults()).expect_err("yaml");
        assert!(err.to_string().contains("not valid YAML"), "{err}");
    }
}
