//! `invalid-citation-date`: a citation's date does not exist or is misspelled.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::parse::ProblemKind;

pub struct InvalidCitationDate;

const DOCS: &str = "\
## What it does
Flags a citation whose date cannot be right: a day the month does not have (`June 31, 2025`,
`February 29, 2025`), an ISO month outside 01–12 (`2025-13`), a range of years that runs
backwards (`2021–2019`), or a month name that is misspelled (`Jully 2025`, `Agust 2025`).
A date written without its year, as AP style writes the current year's (`(AP, July 3)`), is
flagged when no year has that day (`Feb. 30`, `April 31`), and when it is February 29 and the
year it falls in, the publication's or the one before, is not a leap year. A date written
after its day of the week (`(AP, Monday, July 3)`, `(Reuters, Tues., Nov. 14, 2025)`) is
flagged when the date fell on another day, in the year written or the year it falls in, and
when it comes before a month without the day (`(Reuters, Monday, July 2023)`, read as July
2023).
The citation itself is still recognised, so the claim it backs counts as cited; the help line
gives the nearest valid reading.

## Why it matters
An impossible date is a sign the citation was typed from memory or garbled in editing. Readers
who try to find the source will not, and date checks (after publication, before the event)
cannot compare a date that does not exist.

## Example
```text
Exports rose 7% (Reuters, June 31, 2025).
Imports fell (CNN Business, Jully 2025).
Silt fell by a third (Okafor, 2021–2019).
Storms closed the quay (Coastal Herald, Feb. 30).
Repairs began (Harbour Gazette, Tues., Nov. 14, 2025).
Tolls rose (Shipping Wire, Monday, May 2026).
```

## How to fix
Check the source and correct the date; the help line suggests the nearest valid reading, such
as `June 30, 2025`, `July 2025` or `2019–2021`. For a day of the week the date did not fall on,
the message names the day it did; check which of the two is wrong. For a day of the week
before a month, add the day (the help names the month's first such day) or drop the weekday.
";

impl Rule for InvalidCitationDate {
    fn code(&self) -> &'static str {
        "invalid-citation-date"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "a citation's date does not exist or does not parse as a date"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        for p in &article.problems {
            if p.kind != ProblemKind::InvalidDate {
                continue;
            }
            let mut f = Finding::new(self.code(), Severity::Error, p.span, p.message.clone())
                .with_label(p.focus, "this date");
            if let Some(h) = &p.help {
                f = f.with_help(h.clone());
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<Finding> {
        crate::rules::testing::run_real(&InvalidCitationDate, text)
    }

    #[test]
    fn fires_on_impossible_and_misspelled_dates() {
        let text = "A (Reuters, February 29, 2025). B (Reuters, 2025-13). C (Xinhua, Agust 2025).";
        let f = findings(text);
        let got: Vec<(&str, Option<&str>)> = f
            .iter()
            .map(|f| (f.labels[0].span.slice(text), f.help.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "February 29, 2025",
                    Some("February has 28 days: did you mean \"February 28, 2025\"?")
                ),
                ("2025-13", Some("did you mean \"2025-12\"?")),
                ("Agust 2025", Some("did you mean \"August 2025\"?")),
            ]
        );
    }

    #[test]
    fn quiet_on_valid_dates_and_month_like_names() {
        let text = "A (Reuters, February 29, 2024). B (Marsh 2019). C (Juno, 2020). \
                    D (Reuters, 2025-07-14).";
        assert!(findings(text).is_empty());
    }
}
