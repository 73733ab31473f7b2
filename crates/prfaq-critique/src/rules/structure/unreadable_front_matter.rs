//! PR021 unreadable-front-matter.

use prfaq_doc::ParseIssueKind;

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::structure::trim_end;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "PR021",
    name: "unreadable-front-matter",
    family: Family::Structure,
    severity: Severity::Warning,
    summary: "the front matter cannot be read",
    docs: Docs {
        what: "Reports front matter that opens with `---` but never closes, or that is not valid YAML `key: value` lines. Reported where the parser stopped, with its message.",
        why: "The front matter names the customer, the owner and the status that reviews and decisions are tracked by. When it cannot be read, the customer rules have nothing to check and the document drops out of the portfolio.",
        flagged: "---\ntitle: [Acme Reports\n---\n# Acme Gives Marketers Their Mondays Back\n",
        clean: "---\ntitle: Acme Reports\n---\n# Acme Gives Marketers Their Mondays Back\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for issue in &cx.doc.issues {
        let advice = match issue.kind {
            ParseIssueKind::UnclosedFrontMatter => "close the front matter with a `---` line after the last field",
            ParseIssueKind::MalformedFrontMatter => {
                "write one `key: value` per line; quote values that contain `:`, `#` or brackets"
            }
            _ => continue,
        };
        out.emit_with(trim_end(cx.doc, issue.span), issue.message.clone(), Suggestion::advice(advice));
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::{assert_count, assert_flags_at};

    #[test]
    fn flags_unclosed_front_matter_at_its_first_line() {
        assert_flags_at(&RULE, "---\ntitle: Acme\n# Acme\n", 1, "---");
    }

    #[test]
    fn flags_malformed_yaml() {
        assert_count(&RULE, RULE.docs.flagged, 1);
    }

    #[test]
    fn valid_or_absent_front_matter_is_fine() {
        assert_count(&RULE, RULE.docs.clean, 0);
        assert_count(&RULE, "# Acme\n", 0);
    }
}
