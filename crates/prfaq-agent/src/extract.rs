//! Reading structured replies tolerantly: a small model may wrap its JSON in a code fence, put
//! prose around it, return a bare array, or use its own words for a severity. What can be read
//! is read; what cannot is reported with the reason, so the machine can ask again.

use serde_json::Value;

/// The first JSON value in `text`: inside a ```json fence if there is one, else from the
/// first `{` or `[`. Trailing prose after the value is ignored.
pub fn first_json(text: &str) -> Result<Value, String> {
    let body = fenced(text).unwrap_or(text);
    let start = body.find(['{', '[']).ok_or_else(|| "the reply has no JSON in it".to_string())?;
    let mut values = serde_json::Deserializer::from_str(&body[start..]).into_iter::<Value>();
    match values.next() {
        Some(Ok(value)) => Ok(value),
        Some(Err(e)) if e.is_eof() => Err("the JSON is cut off before its end".into()),
        Some(Err(e)) => Err(format!("the JSON is not valid: {e}")),
        None => Err("the reply has no JSON in it".into()),
    }
}

/// The inside of the first ``` fence, if the text has one.
#[must_use]
pub fn fenced(text: &str) -> Option<&str> {
    let open = text.find("```")?;
    let after = &text[open + 3..];
    let body_start = after.find('\n').map_or(0, |n| n + 1);
    let body = &after[body_start..];
    let close = body.find("```").unwrap_or(body.len());
    Some(&body[..close])
}

/// The list of items in a reply that should be `{ "<key>": [ … ] }`: also accepts a bare array,
/// a single item object, or the list under another key.
pub fn items(value: Value, key: &str) -> Result<Vec<Value>, String> {
    match value {
        Value::Array(items) => Ok(items),
        Value::Object(mut map) => {
            if let Some(Value::Array(items)) = map.remove(key) {
                return Ok(items);
            }
            if let Some(Value::Array(items)) = map.values().find(|v| v.is_array()).cloned() {
                return Ok(items);
            }
            if map.is_empty() { Ok(Vec::new()) } else { Ok(vec![Value::Object(map)]) }
        }
        other => Err(format!("expected an object with \"{key}\", got {}", kind_of(&other))),
    }
}

/// A string field of an item, trimmed; `None` when missing, not a string, or empty.
#[must_use]
pub fn text_field<'a>(item: &'a Value, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| item.get(*n)?.as_str()).map(str::trim).filter(|s| !s.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_found_in_fences_and_prose() {
        assert_eq!(first_json("Sure!\n```json\n{\"a\": 1}\n```\nHope it helps").expect("fenced")["a"], 1);
        assert_eq!(first_json("Here: {\"a\": [1, 2]} and more words {").expect("prose")["a"][1], 2);
        assert!(first_json("[1, 2]").expect("array").is_array());
    }

    #[test]
    fn unreadable_replies_say_why() {
        assert!(first_json("I cannot help with that.").expect_err("none").contains("no JSON"));
        assert!(first_json("{\"comments\": [{\"quote\": \"six h").expect_err("cut").contains("cut off"));
        assert!(first_json("{\"a\": tru}").expect_err("bad").contains("not valid"));
    }

    #[test]
    fn items_accept_the_shapes_small_models_produce() {
        let wrapped = first_json("{\"comments\": [{\"q\": 1}]}").expect("json");
        assert_eq!(items(wrapped, "comments").expect("items").len(), 1);
        let other_key = first_json("{\"review\": [{\"q\": 1}, {\"q\": 2}]}").expect("json");
        assert_eq!(items(other_key, "comments").expect("items").len(), 2);
        let single = first_json("{\"quote\": \"x\", \"text\": \"y\"}").expect("json");
        assert_eq!(items(single, "comments").expect("items").len(), 1);
        assert!(items(Value::from(3), "comments").is_err());
    }
}
