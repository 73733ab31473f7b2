//! EXT007 missing-privacy-question.

use prfaq_doc::Topic;

use crate::context::Context;
use crate::rule::{Docs, Emitter, Family, Rule, Severity};
use crate::rules::{Audience, missing_topic};

/// See the docs below.
pub(crate) static RULE: Rule = Rule {
    id: "EXT007",
    name: "missing-privacy-question",
    family: Family::ExternalFaq,
    severity: Severity::Warning,
    summary: "the external FAQ does not say what happens to customers' data",
    docs: Docs {
        what: "Checks that some external FAQ question asks about data privacy or security (data, privacy, security, encryption, GDPR, personal information, who can see it).",
        why: "Customers hand over their data the moment they sign up, and they will ask what happens to it. Answering in the FAQ makes the team decide where data lives, who can see it and how it is protected before launch, which legal and security reviewers will check.",
        flagged: "# Acme\n\n## External FAQ\n### How much does it cost?\n$49 a month per store.\n",
        clean: "# Acme\n\n## External FAQ\n### What happens to my data?\nIt stays in our United States data centres, encrypted at rest, and we never sell it.\n",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Emitter<'_>) {
    missing_topic(cx, out, Audience::Customers, Topic::PrivacySecurity);
}
