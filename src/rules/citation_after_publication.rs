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
`citecheck.toml`, in that order. An article without one (a draft) will be published today at
the earliest, so a citation dated after today is flagged: today is the clock's, or `--today`
for a run that must not depend on the day (the message leaves today's date out, so a ledger
does not go stale overnight).

Dates are compared at their own precision. In an article published on August 11, 2025,
`(Reuters, September 2025)` is flagged; `(Reuters, August 2025)` is not (the report may be from
the first days of August); `(Reuters, August 12, 2025)` is not either, because one day of grace
allows for time zones. A date without its year (`(AP, July 3)`, AP style for the current year)
is read in the publication's year, or the year before when that day (after the day of grace) is
still to come, so it is never flagged here.

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
        // An article with no publication date is published today at the earliest.
        let reference = article
            .published
            .map_or_else(|| article.config.today(), |p| p.date);
        // One day of grace: a source dated the day after may be from another time zone.
        let Ok(latest) = reference.checked_add(1.day()) else {
            return;
        };
        let Some(latest_iv) = PartialDate::from_date(latest).interval() else {
            return;
        };
        let when = published_phrase(article).unwrap_or_default();
        let today = crate::dates::describe_date(reference);
        for c in &article.citations {
            for s in &c.sources {
                let Some((d, iv)) = dated(s) else { continue };
                if !entirely_after(iv, latest_iv) {
                    continue;
                }
                let finding = if article.published.is_some() {
                    Finding::new(
                        self.code(),
                        Severity::Error,
                        c.span,
                        format!(
                            "citation of {} is dated {}, after the article's publication date",
                            s.name,
                            d.shown()
                        ),
                    )
                    .with_label(
                        d.span,
                        format!("{} is after publication", d.date.describe()),
                    )
                    .with_help(format!(
                        "the article is dated {when}; correct the citation's date, or the \
                         publication date if that is what is wrong"
                    ))
                } else {
                    Finding::new(
                        self.code(),
                        Severity::Error,
                        c.span,
                        // Today's date stays out of the message, which the ledger records:
                        // the ledger would go stale every day.
                        format!(
                            "citation of {} is dated {}, which has not come yet (the article has \
                             no publication date)",
                            s.name,
                            d.shown()
                        ),
                    )
                    .with_label(d.span, format!("{} is after today", d.date.describe()))
                    .with_help(format!(
                        "today is {today}: correct the citation's date, or if the article is to \
                         be published later, give it that date (front matter `published:` or \
                         `--published`)"
                    ))
                };
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::testing::{codes, run_real, run_real_with};

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
    fn without_a_publication_date_today_is_the_limit() {
        let text = "Exports rose (Reuters, September 2020). Imports fell (Reuters, 2099).";
        let labels = |got: &[Finding]| -> Vec<String> {
            got.iter()
                .map(|f| f.labels[0].span.slice(text).to_string())
                .collect()
        };
        // The clock's today: 2020 is past, 2099 is not.
        assert_eq!(labels(&run_real(&CitationAfterPublication, text)), ["2099"]);
        let mut config = crate::config::Config {
            today_flag: Some(jiff::civil::date(2020, 8, 11)),
            ..Default::default()
        };
        let got = run_real_with(&CitationAfterPublication, "a.txt", text, &config);
        assert_eq!(labels(&got), ["September 2020", "2099"]);
        assert_eq!(
            got[0].message,
            "citation of Reuters is dated September 2020, which has not come yet (the article \
             has no publication date)"
        );
        assert_eq!(
            got[0].help.as_deref(),
            Some(
                "today is August 11, 2020: correct the citation's date, or if the article is to \
                 be published later, give it that date (front matter `published:` or \
                 `--published`)"
            )
        );
        // A publication date, when there is one, is what counts.
        config.published_flag = Some(jiff::civil::date(2100, 1, 1));
        assert!(run_real_with(&CitationAfterPublication, "a.txt", text, &config).is_empty());
    }
}
