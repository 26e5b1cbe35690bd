//! `stale-citation` (off by default): a citation older than the configured maximum age.

use super::Rule;
use super::support::dated;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};

pub struct StaleCitation;

/// The maximum age when the rule is switched on without `dates.max-age-days`: a year, the
/// usual shelf life of a news source.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 365;

const DOCS: &str = "\
## What it does
Flags a citation that was already older than `dates.max-age-days` (default 365) when the article
was published. Age is counted generously, from the last day the date can mean: on August 11,
2025, `(Reuters, July 2024)` counts as 376 days old (from July 31, 2024).
Undated citations (`n.d.`, `in press`) are never stale. Without a publication date the age is
counted to today (the clock's, or `--today`); pass `--published` or `--today` for stable results.

Off by default: whether an old source is a problem depends on the desk. Switch it on in
`citecheck.toml`:

```toml
[rules]
stale-citation = \"warning\"

[dates]
max-age-days = 365
```

## Why it matters
News moves: a figure, a ruling or a position from two years ago may have been revised or
reversed. An old source presented as current misleads the reader.

## Example
```text
August 11, 2025

The bank holds 40% of deposits (Reuters, March 2023).
```

## How to fix
Cite a current source for the claim, or say in the sentence that the fact is from that time
(\"In March 2023, the bank held …\").
";

impl Rule for StaleCitation {
    fn code(&self) -> &'static str {
        "stale-citation"
    }

    fn default_level(&self) -> Level {
        Level::Off
    }

    fn summary(&self) -> &'static str {
        "a citation is older than the configured maximum age at publication (off by default)"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let max = article
            .config
            .dates
            .max_age_days
            .unwrap_or(DEFAULT_MAX_AGE_DAYS);
        let (reference, what) = match article.published {
            Some(p) => (p.date, "at publication"),
            None => (article.config.today(), "today"),
        };
        for c in &article.citations {
            for s in &c.sources {
                let Some((d, iv)) = dated(s) else { continue };
                let Ok(span) = iv.1.until(reference) else {
                    continue;
                };
                let age = i64::from(span.get_days());
                if age <= i64::from(max) {
                    continue;
                }
                out.push(
                    Finding::new(
                        self.code(),
                        Severity::Warning,
                        c.span,
                        format!(
                            "citation of {} dated {} is {age} days old {what}, more than the \
                             maximum of {max}",
                            s.name,
                            d.shown()
                        ),
                    )
                    .with_label(d.span, format!("{age} days old"))
                    .with_help(
                        "cite a current source, or say in the sentence when the fact was true",
                    ),
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
    use crate::rules::testing::{dated, run_real, run_real_with};

    #[test]
    fn counts_age_from_the_end_of_the_interval() {
        let text = dated(
            "Exports rose (Reuters, July 2024). Imports fell (Reuters, August 2024). \
             Prices held (Smith, n.d.). Wages rose (Smith, 2023).",
        );
        let got = run_real(&StaleCitation, &text);
        let labels: Vec<&str> = got.iter().map(|f| f.labels[0].text.as_str()).collect();
        // July 2024 ends on July 31: 376 days; August 2024 ends on August 31: 345 days.
        assert_eq!(labels, ["376 days old", "589 days old"]);
    }

    #[test]
    fn honours_the_configured_maximum() {
        let mut config = Config::default();
        config.dates.max_age_days = Some(30);
        let text = dated("Exports rose (Reuters, June 2025).");
        let got = run_real_with(&StaleCitation, "a.txt", &text, &config);
        assert_eq!(got.len(), 1);
        assert!(
            got[0].message.contains("42 days old at publication"),
            "{}",
            got[0].message
        );
    }
}
