//! RSK001 placeholder.

use crate::context::Context;
use crate::finding::Suggestion;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::risks::is_critical;

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "RSK001",
    name: "placeholder",
    family: Family::Risks,
    severity: Severity::Warning,
    summary: "an open placeholder (TBD, TBC, TODO, ??, […]) is a tracked risk",
    docs: Docs {
        what: "Flags every placeholder — TBD, TBC, TBA, TODO, `??`, `[…]`, \"to be determined\", and template guidance left from `prfaq new` (a paragraph that is one parenthetical, or `(Summary: …)`) — outside code, except those in a critical part (headline, customer, price, launch date), which `placeholder-in-critical-part` reports instead. Each appears in `prfaq risks` with the question it leaves open.",
        why: "A TBD is a decision not yet made. The method lets a draft carry open questions, but each must be visible and owned until it is settled, or the go/no-go decision rests on facts nobody has checked.",
        flagged: "# Acme\n\nAcme Pay launches for 40 stores.\n\nThe beta opens to 40 stores; the partner bank is TBD.\n",
        clean: "# Acme\n\nAcme Pay launches for 40 stores.\n\nThe beta opens to 40 stores; the partner bank is Northwind Bank.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    for p in cx.doc.placeholders.iter().filter(|p| !is_critical(cx.doc, p)) {
        out.emit_with(
            p.span,
            format!("open placeholder \"{}\" in {}", p.text, p.section),
            Suggestion::advice(format!("settle it, or name an owner and a date: {}", p.question)),
        );
    }
}
