//! The drafter's input: a brief (customer, problem, evidence, solution idea) or an observation
//! log from using a prototype (what was tried, what happened, what surprised).
//!
//! A brief is Markdown. Sections are recognised by their heading's words ("Customer", "Problem",
//! "Evidence", "Solution" or "Idea", "Observations"); each list item under an observations
//! heading is one observation, numbered from 1 in order, which the draft cites as `[obs:N]`.
//! Text under any other heading, or before the first, is kept as notes.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a brief says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Brief {
    /// Who the customer is.
    pub customer: String,
    /// Their problem.
    pub problem: String,
    /// Evidence notes.
    pub evidence: String,
    /// The solution idea.
    pub solution: String,
    /// Prototype observations, numbered from 1.
    pub observations: Vec<String>,
    /// Everything else.
    pub notes: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Customer,
    Problem,
    Evidence,
    Solution,
    Observations,
    Notes,
}

fn part_of(heading: &str) -> Part {
    let h = heading.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["observation", "prototype session", "what we saw", "usability"]) {
        Part::Observations
    } else if has(&["customer", "who", "user"]) {
        Part::Customer
    } else if has(&["problem", "pain"]) {
        Part::Problem
    } else if has(&["evidence", "research", "data", "quotes"]) {
        Part::Evidence
    } else if has(&["solution", "idea", "proposal", "product"]) {
        Part::Solution
    } else {
        Part::Notes
    }
}

impl Brief {
    /// Reads a brief. Never fails: a brief with no recognised heading is all notes.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let mut brief = Brief::default();
        let mut part = Part::Notes;
        let mut heading: Option<String> = None;
        let mut item_depth = 0usize;
        let mut item = String::new();
        let mut line = String::new();
        for event in Parser::new_ext(text, Options::empty()) {
            match event {
                Event::Start(Tag::Heading { .. }) => {
                    heading = Some(String::new());
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(h) = heading.take() {
                        part = part_of(&h);
                    }
                }
                Event::Start(Tag::Item) if part == Part::Observations => {
                    item_depth += 1;
                    if item_depth == 1 {
                        item.clear();
                    }
                }
                Event::End(TagEnd::Item) if part == Part::Observations => {
                    item_depth = item_depth.saturating_sub(1);
                    if item_depth == 0 && !item.trim().is_empty() {
                        brief.observations.push(item.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(h) = heading.as_mut() {
                        h.push_str(&t);
                    } else if item_depth > 0 {
                        item.push_str(&t);
                    } else {
                        line.push_str(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if item_depth > 0 {
                        item.push(' ');
                    } else {
                        line.push(' ');
                    }
                }
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                    if item_depth > 0 {
                        item.push(' ');
                    } else if !line.trim().is_empty() {
                        let target = match part {
                            Part::Customer => &mut brief.customer,
                            Part::Problem => &mut brief.problem,
                            Part::Evidence => &mut brief.evidence,
                            Part::Solution => &mut brief.solution,
                            Part::Observations | Part::Notes => &mut brief.notes,
                        };
                        if !target.is_empty() {
                            target.push('\n');
                        }
                        target.push_str(line.trim());
                        line.clear();
                    }
                }
                _ => {}
            }
        }
        brief
    }

    /// True when the brief is an observation log: the draft must cite what was observed.
    #[must_use]
    pub fn is_prototype_first(&self) -> bool {
        !self.observations.is_empty()
    }

    /// True when the brief says nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
            && self.problem.is_empty()
            && self.evidence.is_empty()
            && self.solution.is_empty()
            && self.observations.is_empty()
            && self.notes.is_empty()
    }

    /// The brief as the model reads it.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (title, body) in [
            ("Customer", &self.customer),
            ("Problem", &self.problem),
            ("Evidence", &self.evidence),
            ("Solution idea", &self.solution),
            ("Notes", &self.notes),
        ] {
            if !body.is_empty() {
                out.push_str(&format!("{title}:\n{body}\n\n"));
            }
        }
        if !self.observations.is_empty() {
            out.push_str("Observations from a prototype session:\n");
            for (n, o) in self.observations.iter().enumerate() {
                out.push_str(&format!("[obs:{}] {o}\n", n + 1));
            }
        }
        out.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brief_is_read_by_its_headings() {
        let b = Brief::parse(
            "# Brief\n\n## Customer\nIndependent bakeries with one shop.\n\n## Problem\nThey throw away 15% of bread.\n\n## Solution idea\nA daily bake forecast.\n\n## Other\nLaunch in spring.\n",
        );
        assert_eq!(b.customer, "Independent bakeries with one shop.");
        assert_eq!(b.problem, "They throw away 15% of bread.");
        assert_eq!(b.solution, "A daily bake forecast.");
        assert_eq!(b.notes, "Launch in spring.");
        assert!(!b.is_prototype_first());
    }

    #[test]
    fn observations_are_numbered_list_items() {
        let b = Brief::parse(
            "# Prototype session, 12 May\n\n## Observations\n- Tried: the baker entered yesterday's sales.\n  Happened: it took 9 minutes.\n- Surprise: she ignored the forecast and baked as usual.\n\n## Customer\nBakers.\n",
        );
        assert_eq!(b.observations.len(), 2);
        assert_eq!(b.observations[0], "Tried: the baker entered yesterday's sales. Happened: it took 9 minutes.");
        assert!(b.render().contains("[obs:2] Surprise"));
        assert_eq!(b.customer, "Bakers.");
    }

    #[test]
    fn plain_text_is_notes() {
        let b = Brief::parse("Dog owners cannot find a vet at night.");
        assert_eq!(b.notes, "Dog owners cannot find a vet at night.");
        assert!(Brief::parse("  \n").is_empty());
    }
}
