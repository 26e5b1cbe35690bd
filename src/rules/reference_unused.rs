//! `reference-unused`: a reference-list entry that no in-text citation points to.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::references::{ReferenceIndex, Resolution, normalise};
use std::collections::HashSet;

pub struct ReferenceUnused;

const DOCS: &str = "\
## What it does
In an article with a reference list, flags an entry that no in-text citation points to (by
author, whatever the year: a citation with the wrong year is `reference-year-mismatch`, not
this). An entry whose author is named in the prose but never cited is reported as info.

## Why it matters
APA, Harvard and Chicago all ask that every entry be cited in the text and every citation be
listed. An orphan entry is often the trace of a claim that was cut, or of a citation that lost
its author in an edit.

## Example
```text
Freight fell by a third (Okafor, 2021).

## References
Okafor, N. (2021). Harbour traffic after the strike. Port Studies, 4(2), 10–19.
Brandt, L. (2019). Cranes and contracts. Dock Press.
```

## How to fix
Cite the entry where its work supports a claim, or remove it from the list.
";

impl Rule for ReferenceUnused {
    fn code(&self) -> &'static str {
        "reference-unused"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "a reference-list entry is never cited in the text"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let Some(index) = ReferenceIndex::for_article(article) else {
            return;
        };
        let mut used = vec![false; index.entries.len()];
        for c in &article.citations {
            for s in &c.sources {
                let hits = match index.resolve(s, c.kind) {
                    Resolution::Found(e) | Resolution::YearMismatch(e) => e,
                    Resolution::Ambiguous { entries, .. } => entries,
                    Resolution::Missing => continue,
                };
                for i in hits {
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                }
            }
        }
        // Words of the prose outside the reference section, to tell an entry named in a
        // sentence from one nobody mentions.
        let prose = &article.doc.prose;
        let section = article
            .doc
            .references
            .as_ref()
            .map_or(prose.len()..prose.len(), |r| {
                r.heading.start.min(r.body.start)..r.body.end.max(r.heading.end)
            });
        let mut prose_words: HashSet<String> = HashSet::new();
        for part in [prose.get(..section.start), prose.get(section.end..)]
            .into_iter()
            .flatten()
        {
            prose_words.extend(normalise(part).split(' ').map(str::to_string));
        }
        for (i, entry) in index.entries.iter().enumerate() {
            if used.get(i).copied().unwrap_or(true) || entry.authors.is_empty() {
                continue;
            }
            let lead = index.entry_words(i).next().unwrap_or("");
            let named = !lead.is_empty() && prose_words.contains(lead);
            let (severity, tail) = if named {
                (Severity::Info, "is named in the prose but never cited")
            } else {
                (Severity::Warning, "is never cited in the text")
            };
            out.push(
                Finding::new(
                    self.code(),
                    severity,
                    entry.span,
                    format!("reference entry \"{}\" {tail}", entry.label()),
                )
                .with_label(entry.authors_span, "no citation names this author")
                .with_help(format!(
                    "cite it as ({}, {}) where its work supports a claim, or remove the entry",
                    entry.short_name(),
                    entry.date.as_ref().map_or("n.d.", |d| d.text.as_str())
                )),
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::SourceFile;

    #[test]
    fn quiet_without_a_reference_section() {
        let src = SourceFile::new("a.md", "Okafor, N. (2021). Harbour traffic.\n");
        let config = Config::default();
        let article = crate::analyse(&src, &config);
        let mut out = Vec::new();
        ReferenceUnused.check(&article, &mut out);
        assert!(out.is_empty());
    }

    const LIST: &str = "Freight fell by a third (Okafor, 2021). Brandt has written on cranes.\n\n\
## References\n\n\
Okafor, N. (2021). Harbour traffic after the strike. Port Studies, 4(2), 10–19.\n\n\
Brandt, L. (2019). Cranes and contracts. Dock Press.\n\n\
Ivers, P. (2018). Tides and timetables. Dock Press.\n";

    #[test]
    fn fires_on_entries_nothing_cites() {
        let src = SourceFile::new("a.md", LIST);
        let config = Config::default();
        let article = crate::references::testing::article(
            &src,
            &config,
            &[("(Okafor, 2021)", &[("Okafor", Some(2021), None)])],
        );
        let mut out = Vec::new();
        ReferenceUnused.check(&article, &mut out);
        assert_eq!(out.len(), 2, "{out:#?}");
        assert!(out[0].span.slice(LIST).starts_with("Brandt, L. (2019)"));
        // Named in the prose: reported, but only as info.
        assert_eq!(out[0].severity, Severity::Info);
        assert!(out[1].span.slice(LIST).starts_with("Ivers, P. (2018)"));
        assert_eq!(out[1].severity, Severity::Warning);
        assert_eq!(
            out[1].message,
            "reference entry \"Ivers, P. (2018)\" is never cited in the text"
        );
    }
}
