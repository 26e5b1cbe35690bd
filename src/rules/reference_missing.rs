//! `reference-missing`: an in-text citation whose author has no entry in the reference list.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::parse::CitationKind;
use crate::references::{ReferenceIndex, Resolution, source_span};

pub struct ReferenceMissing;

const DOCS: &str = "\
## What it does
In an article with a reference list, flags an in-text citation whose author (the surnames, or
the organisation, or an abbreviation introduced as `World Health Organization [WHO]`) matches
no entry at all. Articles without a references section are never checked.

## Why it matters
A reader who wants to follow the citation finds nothing to follow: the source was dropped from
the list, or the name in the text is misspelled.

## Example
```text
Freight fell by a third (Okafor & Lindqvist, 2021).

## References
Okafor, N. (2021). Harbour traffic after the strike. Port Studies, 4(2), 10–19.
```

## How to fix
Add the missing entry to the reference list, or correct the name in the citation so that it
matches the entry (`Okafor, 2021`). A citation through another work (`as cited in`) needs an
entry only for the work you read.
";

impl Rule for ReferenceMissing {
    fn code(&self) -> &'static str {
        "reference-missing"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "an in-text citation has no entry in the reference list"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let Some(index) = ReferenceIndex::for_article(article) else {
            return;
        };
        let text = &article.source.text;
        for c in &article.citations {
            for s in &c.sources {
                // The original of an "as cited in" citation, and personal communications, are
                // not in reference lists by design.
                if s.secondary
                    || s.name
                        .to_ascii_lowercase()
                        .contains("personal communication")
                {
                    continue;
                }
                if index.resolve(s, c.kind) != Resolution::Missing {
                    continue;
                }
                let span = source_span(c, s);
                let cited = span.slice(text);
                let date = s.date.as_ref().map_or("n.d.", |d| d.text.as_str());
                // A narrative citation's name is read from the prose before "(year)" and may
                // hold more than the author; legal cases are often cited without an entry.
                // Both are reported, at a lower level.
                let unsure = c.kind == CitationKind::Narrative || s.name.contains(" v. ");
                let severity = if unsure {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                let help = match index.near_miss(s).and_then(|i| index.entries.get(i)) {
                    Some(e) => format!(
                        "the entry {} has the same first author and year: correct the names in the citation or the entry",
                        e.label()
                    ),
                    None => format!(
                        "add an entry for {} ({date}) to the references, or correct the name to match an existing entry",
                        s.name
                    ),
                };
                out.push(
                    Finding::new(
                        self.code(),
                        severity,
                        span,
                        format!("\"{cited}\" has no entry in the reference list"),
                    )
                    .with_label(s.name_span, "no entry with these authors")
                    .with_help(help),
                );
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::SourceFile;

    /// The rule's findings on `text`, read as a Markdown file with the default config.
    fn findings(text: &str) -> Vec<Finding> {
        crate::rules::testing::run_real_with(&ReferenceMissing, "a.md", text, &Config::default())
    }

    #[test]
    fn quiet_without_a_reference_section() {
        assert!(findings("Freight fell by a third (Okafor, 2021).\n").is_empty());
    }

    const LIST: &str = "Freight fell by a third (Okafor & Lindqvist, 2021). Berths stood empty \
(Okafor, 2021). The port authority agreed (Harbour Board [HB], 2020); later it wavered (HB, 2022).\n\n\
## References\n\n\
Okafor, N. (2021). Harbour traffic after the strike. Port Studies, 4(2), 10–19.\n\n\
Harbour Board. (2020). Annual report.\n\n\
Harbour Board. (2022). Annual report.\n";

    #[test]
    fn fires_on_a_citation_with_no_entry_only() {
        let src = SourceFile::new("a.md", LIST);
        let config = Config::default();
        let article = crate::references::testing::article(
            &src,
            &config,
            &[
                (
                    "(Okafor & Lindqvist, 2021)",
                    &[("Okafor & Lindqvist", Some(2021), None)],
                ),
                ("(Okafor, 2021)", &[("Okafor", Some(2021), None)]),
                (
                    "(Harbour Board [HB], 2020)",
                    &[("Harbour Board [HB]", Some(2020), None)],
                ),
                ("(HB, 2022)", &[("HB", Some(2022), None)]),
            ],
        );
        let mut out = Vec::new();
        ReferenceMissing.check(&article, &mut out);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].span.slice(LIST), "Okafor & Lindqvist, 2021");
        assert_eq!(
            out[0].message,
            "\"Okafor & Lindqvist, 2021\" has no entry in the reference list"
        );
    }

    #[test]
    fn a_narrative_citation_is_quoted_with_its_parentheses() {
        let text = "As Lindqvist (2019) found, freight fell by a third.\n\n## References\n\n\
Okafor, N. (2021). Harbour traffic after the strike. Port Studies, 4(2), 10–19.\n";
        let out = findings(text);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].span.slice(text), "Lindqvist (2019)");
        assert_eq!(
            out[0].message,
            "\"Lindqvist (2019)\" has no entry in the reference list"
        );
    }
}
