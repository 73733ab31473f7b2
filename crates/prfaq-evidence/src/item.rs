//! One piece of evidence: what a customer said or what a prototype session showed.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What kind of evidence an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A support ticket.
    Ticket,
    /// A forum or community post.
    Forum,
    /// Notes from a sales or customer call.
    Call,
    /// A survey answer.
    Survey,
    /// A product review.
    Review,
    /// Notes from a customer interview.
    Interview,
    /// What was seen while someone used a prototype.
    Observation,
    /// Anything else: a note.
    Note,
}

impl Kind {
    /// Every kind, in the order help text lists them.
    pub const ALL: [Kind; 8] = [
        Kind::Ticket,
        Kind::Forum,
        Kind::Call,
        Kind::Survey,
        Kind::Review,
        Kind::Interview,
        Kind::Observation,
        Kind::Note,
    ];

    /// The lower-case name used in files, the database and output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ticket => "ticket",
            Kind::Forum => "forum",
            Kind::Call => "call",
            Kind::Survey => "survey",
            Kind::Review => "review",
            Kind::Interview => "interview",
            Kind::Observation => "observation",
            Kind::Note => "note",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind name that is not one of [`Kind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown evidence kind `{0}` (expected one of: ticket, forum, call, survey, review, interview, observation, note)"
)]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let kind = match t.as_str() {
            "ticket" | "tickets" | "support" | "support ticket" => Kind::Ticket,
            "forum" | "post" | "forum post" | "community" => Kind::Forum,
            "call" | "sales call" | "call notes" => Kind::Call,
            "survey" | "survey answer" | "nps" => Kind::Survey,
            "review" | "app review" => Kind::Review,
            "interview" => Kind::Interview,
            "observation" | "obs" | "prototype" => Kind::Observation,
            "note" | "notes" => Kind::Note,
            _ => return Err(UnknownKind(s.trim().to_string())),
        };
        Ok(kind)
    }
}

/// An item read from a file or typed in, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewItem {
    /// Its kind.
    pub kind: Kind,
    /// Where it came from: a system ("zendesk"), a file name, or a prototype session.
    pub source: String,
    /// Its id in that source (a ticket number), when it has one.
    pub source_ref: Option<String>,
    /// When it was said or seen, as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The customer segment ("enterprise", "self-serve").
    pub segment: Option<String>,
    /// Who said it or who was watched: a person or an account.
    pub customer: Option<String>,
    /// The words, as the customer wrote or said them.
    pub text: String,
    /// The line of the file it starts on (1-based), for messages; 0 when typed in.
    pub line: usize,
}

impl NewItem {
    /// The identity that makes re-importing the same file add nothing twice: its kind and
    /// source with its id in the source when it has one (so an edited ticket updates the item),
    /// or with its text (white space and case folded) when it has none.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.kind.as_str());
        h.update([0]);
        h.update(self.source.trim().to_lowercase());
        h.update([0]);
        match &self.source_ref {
            Some(r) => {
                h.update(b"ref\0");
                h.update(r.trim());
            }
            None => {
                h.update(b"text\0");
                for word in self.text.split_whitespace() {
                    h.update(word.to_lowercase());
                    h.update(b" ");
                }
            }
        }
        h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
    }
}

/// A stored item, with the id documents cite as `[ev:ID]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The id cited as `[ev:ID]`.
    pub id: i64,
    /// Its kind.
    pub kind: Kind,
    /// Where it came from.
    pub source: String,
    /// Its id in that source.
    pub source_ref: Option<String>,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// The customer segment.
    pub segment: Option<String>,
    /// Who said it or who was watched.
    pub customer: Option<String>,
    /// The words.
    pub text: String,
}

/// Reads a date given in a file: `YYYY-MM-DD`, or a timestamp that starts with one
/// (`2024-03-05T10:00:00Z`, `2024-03-05 10:00`), or `YYYY/MM/DD`. Returns `YYYY-MM-DD`.
///
/// # Errors
/// A sentence saying what was expected, when `value` is none of those.
pub fn parse_date(value: &str) -> Result<String, String> {
    let v = value.trim();
    let head: String = v.chars().take(10).map(|c| if c == '/' { '-' } else { c }).collect();
    match head.parse::<jiff::civil::Date>() {
        Ok(d) if v.len() == 10 || v[10..].starts_with(['T', 't', ' ']) => Ok(d.to_string()),
        _ => Err(format!("`{v}` is not a date (expected YYYY-MM-DD, or a timestamp that starts with one)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(source_ref: Option<&str>, text: &str) -> NewItem {
        NewItem {
            kind: Kind::Ticket,
            source: "zendesk".into(),
            source_ref: source_ref.map(str::to_string),
            date: None,
            segment: None,
            customer: None,
            text: text.into(),
            line: 1,
        }
    }

    #[test]
    fn the_same_words_have_the_same_fingerprint_whatever_the_spacing() {
        assert_eq!(item(None, "Export  is slow\n").fingerprint(), item(None, "export is SLOW").fingerprint());
        assert_ne!(item(None, "Export is slow").fingerprint(), item(None, "Export is fast").fingerprint());
    }

    #[test]
    fn an_item_with_an_id_keeps_its_fingerprint_when_its_text_changes() {
        assert_eq!(item(Some("42"), "old words").fingerprint(), item(Some("42"), "new words").fingerprint());
        assert_ne!(item(Some("42"), "same").fingerprint(), item(Some("43"), "same").fingerprint());
    }

    #[test]
    fn kinds_read_their_names_and_common_synonyms() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
        }
        assert_eq!("Support Ticket".parse::<Kind>(), Ok(Kind::Ticket));
        assert!("tweet".parse::<Kind>().is_err());
    }

    #[test]
    fn dates_are_read_from_dates_and_timestamps() {
        assert_eq!(parse_date("2024-03-05").as_deref(), Ok("2024-03-05"));
        assert_eq!(parse_date("2024-03-05T10:00:00Z").as_deref(), Ok("2024-03-05"));
        assert_eq!(parse_date("2024/03/05").as_deref(), Ok("2024-03-05"));
        assert!(parse_date("2024-13-05").is_err());
        assert!(parse_date("yesterday").is_err());
        assert!(parse_date("2024-03-05x").is_err());
    }
}
