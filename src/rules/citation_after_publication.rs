//! `citation-after-publication`: a citation dated after the article was published.

use super::Rule;
use super::support::{dated, published_phrase};
use crate::Article;
use crate::config::Level;
use crate::dates::{PartialDate, entirely_after};
use crate::diagnostics::{Finding, Severity};
use jiff::ToSpan;

pub struct CitationAfterPublication;

const DOCS: &str = "\
## What it does
Flags a citation whose date lies entirely after the article's publication date: every day the
date can mean comes after it. The publication date comes from `--published`, the front matter
(`published`, `date`, `pubDate`), a dateline near the top, or `dates.published` in
`citecheck.toml`, in that order; without one the rule stays quiet.

Dates are compared at their own precision. In an article published on August 11, 2025,
`(Reuters, September 2025)` is flagged; `(Reuters, August 2025)` is not (the report may be from
the first days of August); `(Reuters, August 12, 2025)` is not either, because one day of grace
allows for time zones. A date without its year (`(AP, July 3)`, AP style for the current year)
is read as the last such day on or before publication, so it is never flagged here.

## Why it matters
A source cannot have been published after the article that cites it. The date is a typo, the
citation was copied from a later draft, or the publication date is wrong; each of them misleads
a reader who goes looking for the source.

## Example
```text
August 11, 2025

Exports rose 7% in June (Reuters, September 2025).
```

## How to fix
Correct the citation's date (often the month or the year), or, if the article's date is what is
wrong, correct the front matter or dateline.
";

impl Rule for CitationAfterPublication {
    fn code(&self) -> &'static str {
        "citation-after-publication"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "a citation is dated after the article's publication date"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let Some(published) = article.published else {
            return;
        };
        // One day of grace: a source dated the day after may be from another time zone.
        let Ok(latest) = published.date.checked_add(1.day()) else {
            return;
        };
        let Some(latest_iv) = PartialDate::from_date(latest).interval() else {
            return;
        };
        let when = published_phrase(article).unwrap_or_default();
        for c in &article.citations {
            for s in &c.sources {
                let Some((d, iv)) = dated(s) else { continue };
                if !entirely_after(iv, latest_iv) {
                    continue;
                }
                out.push(
                    Finding::new(
                        self.code(),
                        Severity::Error,
                        c.span,
                        format!(
                            "citation of {} is dated {}, after the article's publication date",
                            s.name, d.text
                        ),
                    )
                    .with_label(
                        d.span,
                        format!("{} is after publication", d.date.describe()),
                    )
                    .with_help(format!(
                        "the article is dated {when}; correct the citation's date, or the \
                         publication date if that is what is wrong"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::testing::{codes, run_real};

    #[test]
    fn flags_only_dates_entirely_after_publication() {
        let text = "August 11, 2025\n\nExports rose (Reuters, September 2025). Imports fell (Reuters, August 2025). \
             Prices held (Reuters, August 12, 2025). Wages rose (Reuters, August 13, 2025). \
             Rents rose (Reuters, 2026). Output fell (Smith, n.d.).";
        let got = run_real(&CitationAfterPublication, text);
        assert_eq!(codes(&got).len(), 3);
        let texts: Vec<&str> = got.iter().map(|f| f.labels[0].span.slice(text)).collect();
        assert_eq!(texts, ["September 2025", "August 13, 2025", "2026"]);
        assert_eq!(
            got[0].help.as_deref(),
            Some(
                "the article is dated August 11, 2025 (from the dateline on line 1); correct the \
                 citation's date, or the publication date if that is what is wrong"
            )
        );
    }

    #[test]
    fn quiet_without_a_publication_date() {
        let text = "Exports rose (Reuters, September 2025).";
        assert!(run_real(&CitationAfterPublication, text).is_empty());
    }
}
