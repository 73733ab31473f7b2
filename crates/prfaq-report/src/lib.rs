//! `prfaq-report` renders what the parser and the critique engine found: annotated source for
//! people, JSON for scripts, SARIF 2.1.0 for code-scanning tools, GitHub workflow annotations,
//! the risk register and the parsed model.
//!
//! Renderers return strings and do no IO; the CLI decides where they go and whether the
//! terminal gets colour.

mod checked;
mod github;
mod human;
mod inspect;
mod json;
mod requirements;
mod revise;
mod risks;
mod rules_doc;
mod sarif;

pub use checked::Checked;
pub use github::github;
pub use human::{Human, summary_line};
pub use inspect::{inspect_human, inspect_json};
pub use json::{JSON_VERSION, json};
pub use requirements::{
    Checklist, Part, Requirement, RequirementKind, RequirementsFormat, Statement, extract_requirements, requirements,
};
pub use revise::{
    CompareFormat, compare, compare_rows, diff_html, diff_human, diff_json, history_html, history_human, history_json,
};
pub use risks::{RiskFormat, risks};
pub use rules_doc::{explain, rules_json, rules_markdown, rules_table};
pub use sarif::sarif;
