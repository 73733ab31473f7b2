//! Reviewer personas: who reads the document and what each one looks for.
//!
//! The six built-in personas are the readers a PR/FAQ meets in a Working Backwards review;
//! `[[agent.personas]]` in `prfaq.toml` adds more (see `docs/agents.md`).

use crate::config::PersonaConfig;

/// A reviewer the model plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Persona {
    /// Short id (`engineering`), used on the command line and in JSON.
    pub id: String,
    /// Display name (`Engineering lead`).
    pub name: String,
    /// The reviewer function (engineering, finance, legal, marketing, design, support,
    /// leadership, customer), as review rounds record it.
    pub function: String,
    /// What this reviewer looks for.
    pub focus: String,
}

/// The built-in personas: id, name, function, focus.
const BUILT_IN: &[(&str, &str, &str, &str)] = &[
    (
        "engineering",
        "Engineering lead",
        "engineering",
        "Can we build this, with what, and by when? Look for feasibility claims without evidence, hidden dependencies, scale and reliability risks, and estimates without numbers.",
    ),
    (
        "finance",
        "Finance partner",
        "finance",
        "Does it pay? Look for missing pricing, unit economics, cost to build and run, market size, and revenue claims without numbers or sources.",
    ),
    (
        "legal",
        "Legal counsel",
        "legal",
        "What could go wrong legally? Look for privacy and data handling, regulatory exposure, promises the company cannot keep, and unsupported superlatives.",
    ),
    (
        "marketing",
        "Marketing lead",
        "marketing",
        "Would a customer care? Look for a headline without a customer benefit, vague customers, jargon, and claims a reader would not believe.",
    ),
    (
        "customer",
        "Skeptical customer",
        "customer",
        "You are the customer named in the document and you are not convinced. Look for the problem as you would describe it, what it costs you, why you would switch, and what the FAQ does not answer.",
    ),
    (
        "bar-raiser",
        "Bar raiser",
        "leadership",
        "Hold the document to the Working Backwards bar: a specific customer, a real problem before the solution, data instead of adjectives, every hard question answered, no weasel words.",
    ),
];

/// The built-in personas, in review order.
#[must_use]
pub fn built_in() -> Vec<Persona> {
    BUILT_IN
        .iter()
        .map(|&(id, name, function, focus)| Persona {
            id: id.into(),
            name: name.into(),
            function: function.into(),
            focus: focus.into(),
        })
        .collect()
}

/// The built-in personas followed by the configured ones (a configured persona with a built-in
/// id replaces it).
#[must_use]
pub fn all(custom: &[PersonaConfig]) -> Vec<Persona> {
    let mut out: Vec<Persona> = built_in().into_iter().filter(|p| !custom.iter().any(|c| c.id == p.id)).collect();
    out.extend(custom.iter().map(|c| Persona {
        id: c.id.clone(),
        name: c.name.clone(),
        function: c.function.clone(),
        focus: c.focus.clone(),
    }));
    out
}

/// The personas named by `ids` (all of them when `ids` is empty); an unknown id is an error
/// naming the ones there are.
pub fn select(available: &[Persona], ids: &[String]) -> Result<Vec<Persona>, String> {
    if ids.is_empty() {
        return Ok(available.to_vec());
    }
    ids.iter()
        .map(|id| {
            available.iter().find(|p| p.id == *id).cloned().ok_or_else(|| {
                let known: Vec<&str> = available.iter().map(|p| p.id.as_str()).collect();
                format!("no persona {id:?}; there are: {}", known.join(", "))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_built_in_personas_and_custom_ones_after_them() {
        assert_eq!(built_in().len(), 6);
        let custom = PersonaConfig {
            id: "support".into(),
            name: "Support lead".into(),
            function: "support".into(),
            focus: "week-one calls".into(),
        };
        let all = all(std::slice::from_ref(&custom));
        assert_eq!(all.len(), 7);
        assert_eq!(all[6].name, "Support lead");
        let replaced = PersonaConfig { id: "legal".into(), ..custom };
        assert_eq!(super::all(&[replaced]).len(), 6);
    }

    #[test]
    fn unknown_personas_are_named() {
        let e = select(&built_in(), &["lawyer".into()]).expect_err("unknown");
        assert!(e.contains("lawyer") && e.contains("legal"), "{e}");
        assert_eq!(select(&built_in(), &["finance".into()]).expect("known")[0].id, "finance");
    }
}
