//! `denied-source`: a citation names a source on the configured deny list.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};

pub struct DeniedSource;

const DOCS: &str = "\
## What it does
Flags a citation whose source is on `[sources] deny` in `citecheck.toml`. Names are compared
case-insensitively, and an alias from `[sources] registry` counts as its canonical name, so
denying \"CNN\" also catches \"CNN Business\" when the registry says they are one source.
Without a deny list the rule never fires.

## Why it matters
Some sources are not acceptable on their own: a tertiary encyclopaedia, a site that has
published fabrications, a press release cited as if it were reporting. A desk can write
that policy down once and have every article checked against it.

## Example
```toml
[sources]
deny = [\"Wikipedia\"]
```
```text
The bridge opened in 1932 (Wikipedia, 2024).
```

## How to fix
Cite the primary source the denied one relies on.
";

impl Rule for DeniedSource {
    fn code(&self) -> &'static str {
        "denied-source"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "a cited source is on the configured deny list"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let sources = &article.config.sources;
        if sources.deny.is_empty() {
            return;
        }
        for c in &article.citations {
            for s in &c.sources {
                let Some(entry) = sources.denied(&s.name) else {
                    continue;
                };
                let via = if entry.eq_ignore_ascii_case(&s.name) {
                    String::new()
                } else {
                    format!(" (as \"{entry}\")")
                };
                out.push(
                    Finding::new(
                        self.code(),
                        Severity::Error,
                        s.name_span,
                        format!("\"{}\"{via} is on the list of denied sources", s.name),
                    )
                    .with_label(s.name_span, "in [sources] deny")
                    .with_help("cite the primary source instead"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, SourceEntry};
    use crate::source::SourceFile;

    #[test]
    fn flags_denied_sources_and_their_aliases() {
        let text = "(CNN Business, 2025) (Reuters, 2025) (wikipedia, 2025)";
        let src = SourceFile::new("a.md", text);
        let mut config = Config::default();
        let run = |config: &Config| {
            let mut article = crate::analyse(&src, config);
            article.citations = ["CNN Business", "Reuters", "wikipedia"]
                .iter()
                .map(|n| super::super::unknown_source::tests::cite(text, n))
                .collect();
            let mut out = Vec::new();
            DeniedSource.check(&article, &mut out);
            out.into_iter().map(|f| f.message).collect::<Vec<_>>()
        };
        assert!(run(&config).is_empty());
        config.sources.registry = vec![SourceEntry {
            name: "CNN".into(),
            aliases: vec!["CNN Business".into()],
        }];
        config.sources.deny = vec!["CNN".into(), "Wikipedia".into()];
        assert_eq!(
            run(&config),
            [
                "\"CNN Business\" (as \"CNN\") is on the list of denied sources",
                "\"wikipedia\" is on the list of denied sources"
            ]
        );
    }
}
