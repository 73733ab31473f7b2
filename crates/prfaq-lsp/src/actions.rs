//! Code actions: a quick fix for each finding whose suggestion carries replacement text.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit};
use prfaq_critique::Applicability;

use crate::analysis::Analysis;

impl Analysis {
    /// Quick fixes for the findings that touch `range` (the selection or the cursor). Findings
    /// with advice but no replacement text get no action: there is nothing to apply.
    #[must_use]
    pub fn code_actions(&self, uri: &Uri, range: Range) -> Vec<CodeActionOrCommand> {
        let wanted = self.span(range);
        self.report
            .findings
            .iter()
            .filter(|f| f.span.start <= wanted.end && wanted.start <= f.span.end)
            .filter_map(|f| {
                let suggestion = f.suggestion.as_ref()?;
                let replacement = suggestion.replacement.as_ref()?;
                let edit = TextEdit { range: self.range(f.span), new_text: replacement.clone() };
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{} ({})", capitalise(&suggestion.message), f.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![self.diagnostic(f)]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                        ..WorkspaceEdit::default()
                    }),
                    // Editors apply a preferred fix with one key ("fix all"): only safe ones.
                    is_preferred: Some(suggestion.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }))
            })
            .collect()
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use lsp_types::Position;
    use prfaq_critique::{Config, Engine};

    use super::*;
    use crate::position::Encoding;

    fn analyse(text: &str) -> Analysis {
        Analysis::new(text, &Engine::new(Config::default()), Encoding::Utf16)
    }

    fn uri() -> Uri {
        "file:///tmp/launch.md".parse().expect("uri")
    }

    fn at(line: u32, character: u32) -> Range {
        Range { start: Position { line, character }, end: Position { line, character } }
    }

    #[test]
    fn a_repeated_word_gets_a_preferred_quick_fix() {
        let a = analyse("# Acme Reports\n\nAcme shows the the numbers.\n");
        let actions = a.code_actions(&uri(), at(2, 12));
        let [CodeActionOrCommand::CodeAction(action)] = actions.as_slice() else {
            panic!("one action expected: {actions:#?}");
        };
        assert_eq!(action.title, "Remove the second \"the\" (STY016)");
        assert_eq!(action.is_preferred, Some(true));
        let edits = &action.edit.as_ref().and_then(|e| e.changes.as_ref()).expect("changes")[&uri()];
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].new_text, "the");
        assert_eq!(
            edits[0].range,
            Range { start: Position { line: 2, character: 11 }, end: Position { line: 2, character: 18 } }
        );
    }

    #[test]
    fn findings_without_replacement_text_get_no_action() {
        let a = analyse("# Acme Reports\n\nIt is significantly faster.\n");
        assert!(a.report.findings.iter().any(|f| f.rule == "STY001"));
        assert!(a.code_actions(&uri(), at(2, 8)).is_empty());
    }

    #[test]
    fn only_findings_touching_the_range_are_offered() {
        let a = analyse("# Acme Reports\n\nAcme shows the the numbers.\n\nIt is is fast.\n");
        assert_eq!(a.code_actions(&uri(), at(2, 1)).len(), 0);
        let all = Range { start: Position { line: 0, character: 0 }, end: Position { line: 5, character: 0 } };
        assert_eq!(a.code_actions(&uri(), all).len(), 2);
    }

    #[test]
    fn capitalise_handles_empty_and_non_ascii() {
        assert_eq!(capitalise(""), "");
        assert_eq!(capitalise("élan"), "Élan");
    }
}
