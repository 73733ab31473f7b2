//! FAQ topics: which of the questions seasoned reviewers expect an FAQ entry covers.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use serde::Serialize;

/// A topic an FAQ entry can cover (DESIGN.md §10, the questions customers and stakeholders ask).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// How much does it cost?
    Pricing,
    /// How does it work?
    HowItWorks,
    /// Where and when can I get it?
    Availability,
    /// Do I need to talk to a salesperson?
    Sales,
    /// Does it work with what I have?
    Compatibility,
    /// How do I move from what I use today?
    Migration,
    /// What happens to my data?
    PrivacySecurity,
    /// How do I get help?
    Support,
    /// How do I cancel?
    Cancellation,
    /// Who exactly is the customer, and how many are there?
    MarketSize,
    /// Cost to build and run, price, payback.
    Economics,
    /// Is it feasible; what is the hardest technical problem?
    Feasibility,
    /// When will it ship?
    Timeline,
    /// What does it depend on?
    Dependencies,
    /// Legal, compliance and privacy.
    Legal,
    /// How will competitors respond?
    Competition,
    /// Will it eat into our existing products?
    Cannibalisation,
    /// Which skills or teams are we missing?
    CapabilityGaps,
    /// How will we measure success?
    SuccessMetrics,
    /// What will we NOT do?
    NonGoals,
    /// Why should we not do this: drawbacks, alternatives considered.
    Drawbacks,
}

impl Topic {
    /// Every topic, in the order reviewers ask about them.
    pub const ALL: &'static [Topic] = &[
        Topic::Pricing,
        Topic::HowItWorks,
        Topic::Availability,
        Topic::Sales,
        Topic::Compatibility,
        Topic::Migration,
        Topic::PrivacySecurity,
        Topic::Support,
        Topic::Cancellation,
        Topic::MarketSize,
        Topic::Economics,
        Topic::Feasibility,
        Topic::Timeline,
        Topic::Dependencies,
        Topic::Legal,
        Topic::Competition,
        Topic::Cannibalisation,
        Topic::CapabilityGaps,
        Topic::SuccessMetrics,
        Topic::NonGoals,
        Topic::Drawbacks,
    ];

    /// The questions customers ask (DESIGN.md §10): the external FAQ's topics.
    pub const CUSTOMER: &'static [Topic] = Topic::ALL.split_at(9).0;

    /// The questions stakeholders ask (DESIGN.md §10): the internal FAQ's topics.
    pub const STAKEHOLDER: &'static [Topic] = Topic::ALL.split_at(9).1;

    /// A short human name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Topic::Pricing => "pricing",
            Topic::HowItWorks => "how it works",
            Topic::Availability => "availability",
            Topic::Sales => "sales contact",
            Topic::Compatibility => "compatibility",
            Topic::Migration => "migration",
            Topic::PrivacySecurity => "data privacy and security",
            Topic::Support => "support",
            Topic::Cancellation => "cancellation",
            Topic::MarketSize => "market size",
            Topic::Economics => "economics",
            Topic::Feasibility => "feasibility",
            Topic::Timeline => "timeline",
            Topic::Dependencies => "dependencies",
            Topic::Legal => "legal and compliance",
            Topic::Competition => "competitive response",
            Topic::Cannibalisation => "cannibalisation",
            Topic::CapabilityGaps => "capability gaps",
            Topic::SuccessMetrics => "success metrics",
            Topic::NonGoals => "what we will not do",
            Topic::Drawbacks => "why we should not do this",
        }
    }

    /// The question a reviewer would ask for this topic.
    #[must_use]
    pub fn question(self) -> &'static str {
        match self {
            Topic::Pricing => "How much does it cost?",
            Topic::HowItWorks => "How does it work?",
            Topic::Availability => "Where and when can I get it?",
            Topic::Sales => "Do I need to talk to a salesperson?",
            Topic::Compatibility => "Does it work with what I already use?",
            Topic::Migration => "How do I move from what I use today?",
            Topic::PrivacySecurity => "What happens to my data?",
            Topic::Support => "How do I get help?",
            Topic::Cancellation => "How do I cancel?",
            Topic::MarketSize => "Who exactly is the customer, and how many are there?",
            Topic::Economics => "What does it cost to build and run, and what is the payback?",
            Topic::Feasibility => "What is the hardest technical problem, and is it feasible?",
            Topic::Timeline => "What is the timeline?",
            Topic::Dependencies => "What does it depend on?",
            Topic::Legal => "What are the legal, compliance and privacy considerations?",
            Topic::Competition => "How will competitors respond?",
            Topic::Cannibalisation => "Will it cannibalise our existing products?",
            Topic::CapabilityGaps => "Which capabilities are we missing?",
            Topic::SuccessMetrics => "How will we measure success?",
            Topic::NonGoals => "What will we NOT do?",
            Topic::Drawbacks => "Why should we not do this?",
        }
    }

    /// Cues that signal the topic in a question, lower case. A cue matches whole words (a
    /// plural `s` allowed); a cue ending in `*` is a stem and matches any word it starts.
    fn cues(self) -> &'static [&'static str] {
        match self {
            Topic::Pricing => &[
                "cost",
                "price*",
                "pricing",
                "how much",
                "charge",
                "fee",
                "free",
                "pay",
                "paid",
                "subscription",
                "billing",
                "discount",
                "trial",
            ],
            Topic::HowItWorks => &[
                "how does it work",
                "how do i use",
                "how it works",
                "set up",
                "setup",
                "get started",
                "how do i start",
                "how will i",
                "what do i do",
            ],
            Topic::Availability => &[
                "available",
                "availability",
                "when can i",
                "where can i",
                "when will it",
                "when does it",
                "get it",
                "launch*",
                "region",
                "countr*",
                "release",
                "sign up",
                "access",
                "where is",
                "which countries",
                "in my country",
            ],
            Topic::Sales => &["salesperson", "sales", "sales team", "contract", "talk to", "account manager", "sign a"],
            Topic::Compatibility => &[
                "compatib*",
                "work with",
                "works with",
                "integrat*",
                "support for",
                "supported",
                "requirement*",
                "platform",
                "device",
                "browser",
                "already use",
                "connect",
                "existing tool",
                "run on",
                "runs on",
                "hardware",
                "what do i need",
                "need to install",
            ],
            Topic::Migration => &[
                "migrat*",
                "move from",
                "moving from",
                "move my",
                "switch",
                "import",
                "transition",
                "existing data",
                "use today",
                "upgrade",
                "replace",
                "onboard*",
                "bring my",
                "existing report",
                "my old",
            ],
            Topic::PrivacySecurity => &[
                "privacy",
                "private",
                "data",
                "my data",
                "secure",
                "security",
                "encrypt*",
                "gdpr",
                "personal",
                "who can see",
                "store my",
                "safe",
            ],
            Topic::Support => &[
                "help",
                "support",
                "contact",
                "documentation",
                "docs",
                "trouble",
                "training",
                "learn more",
                "problem with",
                "who do i call",
                "something breaks",
                "have a problem",
                "goes wrong",
                "customer service",
            ],
            Topic::Cancellation => &[
                "cancel*",
                "stop using",
                "refund",
                "unsubscribe",
                "opt out",
                "delete my",
                "leave",
                "money back",
                "stop paying",
                "close my account",
            ],
            Topic::MarketSize => &[
                "how many customers",
                "how many users",
                "how many people",
                "how many stores",
                "how many businesses",
                "market",
                "tam",
                "addressable",
                "who exactly",
                "who is the customer",
                "who are the customer",
                "segment",
                "demand",
                "target customer",
                "how big",
                "opportunity",
                "how large",
            ],
            Topic::Economics => &[
                "cost",
                "economic*",
                "payback",
                "margin",
                "revenue",
                "p&l",
                "invest*",
                "roi",
                "profit*",
                "business case",
                "budget",
                "headcount",
                "price",
                "pricing",
                "pay for",
                "funding",
                "money",
                "business model",
                "make money",
            ],
            Topic::Feasibility => &[
                "feasib*",
                "hardest",
                "technical",
                "technically",
                "challeng*",
                "build it",
                "implement*",
                "architecture",
                "design",
                "scale",
                "how will we build",
                "possible",
                "take to build",
                "hard to build",
                "hard is it",
                "can we build",
                "build this",
            ],
            Topic::Timeline => &[
                "timeline",
                "when will",
                "when can",
                "when do",
                "schedule",
                "milestone",
                "launch date",
                "how long",
                "deliver",
                "ship",
                "roadmap",
                "phase",
                "plan",
                "by when",
                "go live",
            ],
            Topic::Dependencies => &[
                "depend*",
                "third part*",
                "third-part*",
                "partner",
                "rely",
                "relies",
                "other team",
                "prerequisite",
                "vendor",
                "supplier",
            ],
            Topic::Legal => &[
                "legal*",
                "complian*",
                "compliant",
                "regulat*",
                "gdpr",
                "privacy",
                "law",
                "laws",
                "licens*",
                "licenc*",
                "liabilit*",
                "terms",
                "patent*",
                "trademark*",
                "policy",
                "policies",
            ],
            Topic::Competition => &[
                "compet*",
                "rival",
                "incumbent",
                "respond",
                "copy us",
                "differentiat*",
                "alternative product",
                "amazon do",
                "others do",
            ],
            Topic::Cannibalisation => &[
                "cannibal*",
                "existing product",
                "our own product",
                "existing business",
                "current product",
                "impact on our",
                "eat into",
            ],
            Topic::CapabilityGaps => &[
                "capabilit*",
                "skill",
                "hire",
                "hiring",
                "expertise",
                "gap",
                "staff*",
                "resource",
                "people do we",
                "team do we",
                "who will build",
                "right people",
                "right team",
            ],
            Topic::SuccessMetrics => {
                &["metric", "measure*", "success*", "successful", "kpi", "goal", "target", "how will we know", "okr"]
            }
            Topic::NonGoals => &[
                "what will we not do",
                "what we will not do",
                "what won't we",
                "won't we",
                "will not do",
                "will we not do",
                "out of scope",
                "non-goal",
                "nongoal",
                "not build",
                "not include",
                "exclude*",
                "scope",
            ],
            Topic::Drawbacks => &[
                "why should we not",
                "why would we not",
                "why not",
                "drawback",
                "downside",
                "alternative*",
                "risk",
                "shouldn't we",
                "should we not",
                "what could go wrong",
                "why are we doing",
            ],
        }
    }
}

/// The topics a question (with its label) covers.
///
/// Matching is on the question only: answers mention many things in passing, and a reviewer
/// asks whether the question was asked.
#[must_use]
pub fn topics_of(question: &str) -> Vec<Topic> {
    let normalized = normalize(question);
    let mut found: Vec<Topic> = Vec::new();
    for m in CUES.matcher.find_overlapping_iter(&normalized) {
        let (topic, stem) = CUES.patterns[m.pattern().as_usize()];
        if !found.contains(&topic) && cue_fits(&normalized, m.start(), m.end(), stem) {
            found.push(topic);
        }
    }
    if !found.contains(&Topic::HowItWorks) && how_does_x_work(&normalized) {
        found.push(Topic::HowItWorks);
    }
    found.sort();
    found
}

/// Every cue of every topic in one automaton, so a question is scanned once.
struct Cues {
    matcher: AhoCorasick,
    /// For each pattern: its topic, and whether it is a stem (matches any word it starts).
    patterns: Vec<(Topic, bool)>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut words = Vec::new();
    let mut patterns = Vec::new();
    for &topic in Topic::ALL {
        for cue in topic.cues().iter().filter(|c| !c.contains(" * ")) {
            let (word, stem) = cue.strip_suffix('*').map_or((*cue, false), |c| (c, true));
            words.push(word);
            patterns.push((topic, stem));
        }
    }
    let matcher = AhoCorasick::new(&words).expect("cue automaton builds");
    Cues { matcher, patterns }
});

/// A cue starts at a word start, and ends at a word end (a plural allowed) unless it is a stem.
fn cue_fits(haystack: &str, start: usize, end: usize, stem: bool) -> bool {
    let after = &haystack[end..];
    haystack.as_bytes().get(start.wrapping_sub(1)) == Some(&b' ')
        && (stem || after.starts_with(' ') || after.starts_with("s ") || after.starts_with("es "))
}

/// "how does the export work": up to three words between "how does" and "work".
fn how_does_x_work(haystack: &str) -> bool {
    haystack
        .match_indices(" how does ")
        .any(|(i, m)| haystack[i + m.len()..].split_whitespace().take(4).any(|w| w == "work"))
}

/// Lower case, with every character that is not a letter, digit, `&` or `'` turned into a
/// space, and a leading and trailing space so cues can match at word starts.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_alphanumeric() || c == '&' || c == '\'' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c == '’' {
            out.push('\'');
        } else {
            out.push(' ');
        }
    }
    out.push(' ');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typical_questions_map_to_topics() {
        assert!(topics_of("How much does it cost?").contains(&Topic::Pricing));
        assert!(topics_of("Does it work with Shopify and BigCommerce?").contains(&Topic::Compatibility));
        assert!(topics_of("What happens to my data?").contains(&Topic::PrivacySecurity));
        assert!(topics_of("How will we measure success?").contains(&Topic::SuccessMetrics));
        assert!(topics_of("What will we NOT do?").contains(&Topic::NonGoals));
        assert!(topics_of("Will it cannibalise our existing products?").contains(&Topic::Cannibalisation));
        assert!(!topics_of("Can I export to PDF?").contains(&Topic::Pricing));
        assert!(topics_of("What does it take to build?").contains(&Topic::Feasibility));
        assert!(topics_of("Can I get my money back?").contains(&Topic::Cancellation));
        assert!(topics_of("Does it run on Windows?").contains(&Topic::Compatibility));
        assert!(topics_of("How does the export work?").contains(&Topic::HowItWorks));
    }

    #[test]
    fn customer_and_stakeholder_topics_split_all() {
        assert_eq!(Topic::CUSTOMER.last(), Some(&Topic::Cancellation));
        assert_eq!(Topic::STAKEHOLDER.first(), Some(&Topic::MarketSize));
        assert_eq!(Topic::CUSTOMER.len() + Topic::STAKEHOLDER.len(), Topic::ALL.len());
    }

    #[test]
    fn whole_words_unless_a_stem() {
        // "planning" is not "plan"; "delivery" is not "deliver"; "database" is not "data".
        assert!(!topics_of("Is meal planning included?").contains(&Topic::Timeline));
        assert!(!topics_of("Is delivery tracked?").contains(&Topic::Timeline));
        assert!(!topics_of("Which database do you use?").contains(&Topic::PrivacySecurity));
        assert!(!topics_of("Why would we not do this?").contains(&Topic::NonGoals));
        assert!(topics_of("Is it compatible with Shopify?").contains(&Topic::Compatibility));
    }

    #[test]
    fn cues_match_only_at_word_starts() {
        // "free" must not match inside "carefree"; "data" must not match "metadata".
        assert!(!topics_of("Is the carefree mode on?").contains(&Topic::Pricing));
        assert!(!topics_of("Can I edit the metadata?").contains(&Topic::PrivacySecurity));
    }
}
