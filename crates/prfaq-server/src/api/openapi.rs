//! `GET /api/v1/openapi.json`: the API described in OpenAPI 3.1, kept by hand next to the
//! routes; a test checks that every route in [`crate::api::routes`] is documented and every
//! documented route exists.

use axum::http::header;
use axum::response::IntoResponse;

/// The OpenAPI document.
pub const OPENAPI_JSON: &str = include_str!("../../assets/openapi.json");

/// `GET /api/v1/openapi.json` (public: it describes, it does not reveal).
pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::OPENAPI_JSON;

    const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

    /// `(method, path)` of every `.route(…)` in the API's router source.
    fn routed() -> BTreeSet<(String, String)> {
        let source = include_str!("mod.rs");
        let mut found = BTreeSet::new();
        for line in source.lines().map(str::trim).filter(|l| l.starts_with(".route(\"")) {
            let rest = &line[8..];
            let Some(end) = rest.find('"') else { continue };
            let path = &rest[..end];
            let handlers = &rest[end..];
            for method in METHODS {
                let call = format!("{method}(");
                let mut from = 0;
                while let Some(at) = handlers[from..].find(&call) {
                    let at = from + at;
                    let before = handlers[..at].chars().last().unwrap_or(' ');
                    if !before.is_alphanumeric() && before != '_' {
                        found.insert((method.to_owned(), path.to_owned()));
                    }
                    from = at + call.len();
                }
            }
        }
        found
    }

    /// `(method, path)` of every operation in the OpenAPI document.
    fn documented() -> BTreeSet<(String, String)> {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap_or_default();
        let mut found = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for method in METHODS {
                if item.get(method).is_some() {
                    found.insert((method.to_owned(), path.clone()));
                }
            }
        }
        found
    }

    #[test]
    fn every_route_is_documented_and_every_documented_route_exists() {
        let routed = routed();
        let documented = documented();
        assert!(routed.len() > 20, "the route scan found too few routes: {routed:?}");
        let undocumented: Vec<_> = routed.difference(&documented).collect();
        let stale: Vec<_> = documented.difference(&routed).collect();
        assert!(undocumented.is_empty(), "routes missing from assets/openapi.json: {undocumented:?}");
        assert!(stale.is_empty(), "documented routes that do not exist: {stale:?}");
    }

    #[test]
    fn the_document_is_openapi_3_1_with_resolvable_references() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap_or_default();
        assert_eq!(doc["openapi"], "3.1.0");
        let mut refs = Vec::new();
        collect_refs(&doc, &mut refs);
        assert!(!refs.is_empty());
        for reference in refs {
            let pointer = reference.trim_start_matches('#');
            assert!(doc.pointer(pointer).is_some(), "unresolved $ref {reference}");
        }
    }

    fn collect_refs(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    match (key.as_str(), item.as_str()) {
                        ("$ref", Some(target)) => out.push(target.to_owned()),
                        _ => collect_refs(item, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect_refs(item, out)),
            _ => {}
        }
    }
}
