//! GitHub Actions workflow commands: one `::error file=…::message` line per finding.

use std::fmt::Write as _;

use prfaq_critique::Severity;

use crate::checked::Checked;

/// Renders workflow-command annotations for several files.
#[must_use]
pub fn github(files: &[Checked]) -> String {
    let mut out = String::new();
    for file in files {
        for f in &file.report.findings {
            let (start, end) = file.range(f.span);
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&file.path),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&format!("{} {}", f.rule, f.name)),
                data(&f.message),
            );
        }
    }
    out
}

/// Escapes a workflow-command message.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_github_requires() {
        assert_eq!(data("50% off\nnow"), "50%25 off%0Anow");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
