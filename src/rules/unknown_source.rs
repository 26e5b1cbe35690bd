//! `unknown-source`: a citation names a source that is not on the configured allow list.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};

pub struct UnknownSource;

const DOCS: &str = "\
## What it does
When `[sources] allow` is set in `citecheck.toml`, flags a citation whose source is not on the
list. Names are compared case-insensitively, and an alias from `[sources] registry` counts as
its canonical name. Without an allow list the rule never fires.

## Why it matters
A desk that works from a list of vetted outlets wants to know when an article leans on one
that nobody has vetted, or on a misspelling of one that has been.

## Example
```toml
[sources]
registry = [{ name = \"CNN\", aliases = [\"CNN Business\"] }]
allow = [\"CNN\", \"Reuters\"]
```
```text
Freight costs rose 12% in June (Harbour Gazette, July 2025).
```

## How to fix
Cite a vetted source, add the source to `allow`, or add the spelling used as an alias in the
registry.
";

impl Rule for UnknownSource {
    fn code(&self) -> &'static str {
        "unknown-source"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "a cited source is not on the configured allow list"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let sources = &article.config.sources;
        for c in &article.citations {
            for s in &c.sources {
                // A denied source is `denied-source`'s to report, not ours as well.
                if sources.is_allowed(&s.name) != Some(false) || sources.denied(&s.name).is_some() {
                    continue;
                }
                let canonical = sources.canonical(&s.name);
                let shown = if canonical == s.name {
                    String::new()
                } else {
                    format!(" (registered as \"{canonical}\")")
                };
                out.push(
                    Finding::new(
                        self.code(),
                        Severity::Warning,
                        s.name_span,
                        format!(
                            "\"{}\"{shown} is not on the list of allowed sources",
                            s.name
                        ),
                    )
                    .with_label(s.name_span, "not in [sources] allow")
                    .with_help(format!(
                        "cite one of: {}; or add it to [sources] allow in citecheck.toml",
                        sources.allow.join(", ")
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::{Config, SourceEntry};
    use crate::parse::{Citation, CitationKind, CitedSource};
    use crate::source::{SourceFile, Span};

    pub(crate) fn cite(text: &str, name: &str) -> Citation {
        let start = text.find(name).unwrap_or(0);
        let span = Span::new(start, start + name.len());
        Citation {
            span,
            paren: span,
            kind: CitationKind::Parenthetical,
            sources: vec![CitedSource {
                name: name.to_string(),
                name_span: span,
                date: None,
                locator: None,
                prefix: None,
                secondary: false,
            }],
        }
    }

    fn run(names: &[&str], config: &Config) -> Vec<Finding> {
        let text = "(CNN Business, 2025) (Harbour Gazette, 2025) (Wikipedia, 2025)";
        let src = SourceFile::new("a.md", text);
        let mut article = crate::analyse(&src, config);
        article.citations = names.iter().map(|n| cite(text, n)).collect();
        let mut out = Vec::new();
        UnknownSource.check(&article, &mut out);
        out
    }

    #[test]
    fn flags_only_sources_off_the_allow_list() {
        let mut config = Config::default();
        let all = ["CNN Business", "Harbour Gazette", "Wikipedia"];
        assert!(run(&all, &config).is_empty(), "no allow list, no findings");
        config.sources.registry = vec![SourceEntry {
            name: "CNN".into(),
            aliases: vec!["CNN Business".into()],
        }];
        config.sources.allow = vec!["cnn".into()];
        config.sources.deny = vec!["Wikipedia".into()];
        let found = run(&all, &config);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "\"Harbour Gazette\" is not on the list of allowed sources"
        );
    }
}
