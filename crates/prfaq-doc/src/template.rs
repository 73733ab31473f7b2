//! The canonical PR/FAQ skeleton that `prfaq new` and the web app start documents from.

const TEMPLATE: &str = include_str!("template.md");

/// A YAML double-quoted scalar.
fn yaml_string(s: &str) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' | '\r' | '\t' => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// The skeleton with its title, customer, owner and launch date filled in; what is not given
/// stays a visible TBD.
#[must_use]
pub fn render(title: Option<&str>, customer: Option<&str>, owner: &str, date: &str) -> String {
    let title_text = title.unwrap_or("TBD product name");
    TEMPLATE
        .replace("title: {{title}}", &format!("title: {}", yaml_string(title_text)))
        .replace(
            "customer: {{customer}}",
            &format!(
                "customer: {}",
                yaml_string(customer.unwrap_or("TBD: who, in what context, with what measurable pain"))
            ),
        )
        .replace("owner: {{owner}}", &format!("owner: {}", yaml_string(owner)))
        .replace("{{title}}", title_text)
        .replace("{{customer}}", customer.unwrap_or("the customer"))
        .replace("{{date}}", date)
        .replace("{{owner}}", owner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_for_yaml() {
        assert_eq!(yaml_string("Acme: \"Reports\""), "\"Acme: \\\"Reports\\\"\"");
    }

    #[test]
    fn skeleton_parses_into_every_part() {
        let text = render(
            Some("Acme Reports"),
            Some("Marketing managers who spend 6 hours a week on reports"),
            "jane@example.com",
            "March 3, 2027",
        );
        let doc = crate::parse(&text);
        assert!(doc.issues.is_empty(), "{:?}", doc.issues);
        assert_eq!(doc.meta("title").map(|f| f.value.as_str()), Some("Acme Reports"));
        assert!(doc.press_release.headline.is_some() && doc.press_release.subheadline.is_some());
        assert!(doc.press_release.dateline.as_ref().is_some_and(|d| d.well_formed));
        assert_eq!(doc.quotes.len(), 2);
        assert!(doc.faqs_of(crate::FaqKind::External).count() >= 8);
        assert!(doc.faqs_of(crate::FaqKind::Internal).count() >= 12);
        // Every unfilled guidance paragraph is an open placeholder, so a fresh skeleton fails
        // `prfaq check` until it is written.
        let guidance = doc.placeholders.iter().filter(|p| p.kind == crate::PlaceholderKind::Guidance).count();
        assert!(guidance >= 25, "{guidance} guidance placeholders");
    }
}
