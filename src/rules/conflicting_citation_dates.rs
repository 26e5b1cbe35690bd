//! `conflicting-citation-dates`: one source, one claim, two dates that cannot both be right.

use super::Rule;
use super::support::{citation_masks, cited_names, claim_prose, claim_sources, comparable, dated};
use crate::Article;
use crate::config::Level;
use crate::dates::{Precision, overlaps};
use crate::diagnostics::{Finding, Severity};
use crate::source_names::same_source;

pub struct ConflictingCitationDates;

/// Sources compared per claim at most: a claim with more is a list, not a conflict.
const MAX_SOURCES_PER_CLAIM: usize = 32;

const DOCS: &str = "\
## What it does
Flags a claim backed twice by the same source with dates that do not overlap, such as
`(Reuters, June 2025)` and `(Reuters, July 2025)` on one sentence, and a claim that names its
source with a date in prose that its citation contradicts: \"Reuters reported on July 3 that …
(Reuters, June 2025)\".

Only month- and day-precise dates are compared between citations: in author–date styles
`(Smith, 2019, 2020)` is two works by one author, not a conflict. Overlapping dates are not a
conflict (`July 2025` and `July 14, 2025`). Names are matched as `attribution-mismatch`
matches them, including aliases from `[[sources.registry]]`. A year-less date in prose (\"July
3\") takes the year nearest the publication date.

## Why it matters
A reader who looks for the source will find one of the two dates wrong, and cannot tell which
report the claim rests on.

## Example
```text
Reuters reported on July 3 that exports fell 4% (Reuters, June 2025).
```

## How to fix
Keep the date of the report the claim rests on and correct the other.
";

impl Rule for ConflictingCitationDates {
    fn code(&self) -> &'static str {
        "conflicting-citation-dates"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "the same source backs one claim with dates that do not overlap"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn reads_claim_prose(&self) -> bool {
        true
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let masks = citation_masks(article);
        let known = cited_names(article);
        let cfg = &article.config.sources;
        for (claim_index, claim) in article.claims.iter().enumerate() {
            let cited: Vec<_> = claim_sources(article, claim)
                .into_iter()
                .filter_map(|(ci, s)| dated(s).map(|(d, iv)| (ci, s, d, iv)))
                .take(MAX_SOURCES_PER_CLAIM)
                .collect();
            if cited.is_empty() {
                continue;
            }
            // Two citations of one source.
            let fine = |p: Precision| matches!(p, Precision::Day | Precision::Month);
            let mut flagged = vec![false; cited.len()];
            for j in 0..cited.len() {
                let (cj, sj, dj, ivj) = cited[j];
                if !fine(dj.date.precision) {
                    continue;
                }
                let earlier = cited[..j].iter().find(|(_, si, di, ivi)| {
                    fine(di.date.precision)
                        && !overlaps(*ivi, ivj)
                        && same_source(&si.name, &sj.name, cfg)
                });
                let Some(&(_, si, di, _)) = earlier else {
                    continue;
                };
                flagged[j] = true;
                let span = article.citations.get(cj).map_or(dj.span, |c| c.span);
                out.push(
                    Finding::new(
                        self.code(),
                        Severity::Warning,
                        span,
                        format!(
                            "{} is cited for this claim with two dates that do not overlap: {} and {}",
                            sj.name,
                            di.shown(),
                            dj.shown()
                        ),
                    )
                    .with_label(di.span, "first date")
                    .with_label(dj.span, "conflicting date")
                    .with_help(format!(
                        "keep the date of the {} report the claim rests on and correct the other",
                        si.name
                    )),
                );
            }
            // A source named with a date in prose.
            let prose = claim_prose(article, claim_index, &masks, known);
            for p in &prose.sources {
                let Some(pd) = p.date else { continue };
                for (k, &(cj, s, d, iv)) in cited.iter().enumerate() {
                    if flagged[k]
                        || overlaps(pd.interval, iv)
                        || !comparable(article, &pd, d, iv)
                        || !same_source(&p.name, &s.name, cfg)
                    {
                        continue;
                    }
                    let text = &article.doc.prose;
                    let span = article.citations.get(cj).map_or(d.span, |c| c.span);
                    out.push(
                        Finding::new(
                            self.code(),
                            Severity::Warning,
                            span,
                            format!(
                                "the sentence says {} reported {} {} (\"{}\"), but cites it dated {}",
                                p.name,
                                on_or_in(&pd),
                                pd.describe(),
                                pd.span.slice(text),
                                d.shown()
                            ),
                        )
                        .with_label(pd.span, "date in prose")
                        .with_label(d.span, "conflicting citation date")
                        .with_help(format!(
                            "make the citation and the sentence agree on when {} reported it",
                            p.name
                        )),
                    );
                    break;
                }
            }
        }
    }
}

/// "on July 3, 2025", "in July 2025".
fn on_or_in(d: &crate::prose_dates::ProseDate) -> &'static str {
    match d.date.map(|d| d.precision) {
        Some(Precision::Day) => "on",
        _ => "in",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::testing::{dated, run_real};

    fn run(text: &str) -> Vec<Finding> {
        run_real(&ConflictingCitationDates, &dated(text))
    }

    #[test]
    fn a_yearless_date_on_the_day_of_grace_agrees_with_its_full_form() {
        let got = run("Exports fell 4% (Reuters, Aug. 12; Reuters, Aug. 12, 2025).");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn same_source_two_disjoint_dates() {
        let got = run("Exports fell 4% (Reuters, June 2025; Reuters, July 2025).");
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].message,
            "Reuters is cited for this claim with two dates that do not overlap: June 2025 and July 2025"
        );
        assert_eq!(
            run("Exports fell (Reuters, June 2025) and rose (Reuters, July 2025).").len(),
            1
        );
    }

    #[test]
    fn overlapping_or_other_sources_or_years_are_fine() {
        assert!(run("Exports fell (Reuters, July 2025; Reuters, July 14, 2025).").is_empty());
        assert!(run("Exports fell (Reuters, June 2025; Bloomberg, July 2025).").is_empty());
        assert!(run("Exports fell (Smith, 2019; Smith, 2020).").is_empty());
        assert!(
            run("Exports fell (Reuters, July 2025). Imports fell (Reuters, June 2025).").is_empty()
        );
    }

    #[test]
    fn prose_date_against_citation() {
        let got = run("Reuters reported on July 3 that exports fell (Reuters, June 2025).");
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].message,
            "the sentence says Reuters reported on July 3, 2025 (\"July 3\"), but cites it dated June 2025"
        );
        assert!(
            run("Reuters reported on July 3 that exports fell (Reuters, July 2025).").is_empty()
        );
        assert_eq!(
            run("According to a July 3 report by Reuters, exports fell (Reuters, June 2025).")
                .len(),
            1
        );
        // Another outlet's date is not this citation's.
        assert!(
            run("Reuters reported on July 3 that exports fell (Bloomberg, June 2025).").is_empty()
        );
    }
}
