//! `citation-before-event`: a past-tense claim reports an event dated after the citation that
//! backs it.

use super::Rule;
use super::support::{
    ClaimProse, citation_masks, cited_names, claim_prose, claim_sources, comparable, dated,
};
use crate::Article;
use crate::config::Level;
use crate::dates::entirely_after;
use crate::diagnostics::{Finding, Severity};
use crate::prose_dates::{Clauses, DateKind, has_past_tense, is_deadline, is_forward_looking};
use crate::source::Span;
use crate::source_names::same_source;

pub struct CitationBeforeEvent;

const DOCS: &str = "\
## What it does
Flags a claim that reports, in the past tense, an event dated after every day of the citation
backing it: a May 2025 source cannot report June 2025 figures. Dates named in the claim (\"in
June 2025\", \"on August 12, 2025\", \"July 3\", \"last month\") are read as intervals, like
citation dates, so \"in July 2025\" backed by `(Reuters, July 14, 2025)` is not flagged.

Forward-looking clauses are exempt: \"is set to expire on August 12\", \"will\", \"is expected
to\", \"scheduled for\", \"plans to\", \"by 2030\", \"until June\". So is a clause with no
past-tense verb, and a date that describes a noun (\"the September 2025 summit\"). A date
without a year (\"July 3\") takes the year nearest the publication date and a relative date
(\"last month\") is counted from it; both are compared only with month- or day-precise citations
from the half year before publication, and a relative date is reported as info, since the writer
may have copied it from the source.

The date of a report by the cited source itself (\"Reuters reported on July 3\") is left to
`conflicting-citation-dates`.

## Why it matters
Either the citation's date is wrong, the event's date is wrong, or the claim rests on a source
that cannot support it. A reader checking the source will not find the event in it.

## Example
```text
August 11, 2025

The truce expired on August 12, 2025 (Reuters, July 2025).
```

## How to fix
Cite the report that covers the event, correct whichever date is wrong, or, if the event is
still to come, say so (\"is set to expire on August 12\").
";

impl Rule for CitationBeforeEvent {
    fn code(&self) -> &'static str {
        "citation-before-event"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "a past-tense claim reports an event dated after the citation backing it"
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
        let text = &article.doc.prose;
        for (claim_index, claim) in article.claims.iter().enumerate() {
            let cited = claim_sources(article, claim);
            if cited.iter().all(|(_, s)| dated(s).is_none()) {
                continue;
            }
            let prose = claim_prose(article, claim_index, &masks, known);
            let ClaimProse { dates, sources } = &*prose;
            if dates.is_empty() {
                continue;
            }
            let keep: Vec<Span> = dates.iter().map(|d| d.span).collect();
            // The claim's own span: clause claims of one sentence never rescan the sentence.
            let clauses = Clauses::new(text, claim.span, &keep);
            for d in dates {
                // "Reuters reported on July 3": the report's own date, not an event.
                let report_date = sources.iter().any(|p| {
                    p.date.is_some_and(|pd| pd.span == d.span)
                        && cited
                            .iter()
                            .any(|(_, s)| same_source(&p.name, &s.name, &article.config.sources))
                });
                if report_date || is_deadline(text, d.span) {
                    continue;
                }
                let clause = clauses.around(text, d.span);
                let words = clause.slice(text);
                if is_forward_looking(words) || !has_past_tense(words) {
                    continue;
                }
                // The citation that ends earliest and still ends before the event starts.
                let Some((s, cd)) = cited
                    .iter()
                    .filter_map(|(_, s)| dated(s).map(|(cd, iv)| (s, cd, iv)))
                    .filter(|(_, cd, iv)| {
                        entirely_after(d.interval, *iv) && comparable(article, d, cd, *iv)
                    })
                    .min_by_key(|(_, _, iv)| iv.1)
                    .map(|(s, cd, _)| (s, cd))
                else {
                    continue;
                };
                let relative = d.kind == DateKind::Relative;
                let event = d.describe();
                let what = if relative {
                    format!(
                        "\"{}\" ({event}, counted from the publication date)",
                        d.span.slice(text)
                    )
                } else {
                    let on = matches!(
                        d.date.map(|x| x.precision),
                        Some(crate::dates::Precision::Day)
                    );
                    format!("{} {event}", if on { "on" } else { "in" })
                };
                let severity = if relative {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                let help = if relative {
                    format!(
                        "a source dated {} cannot report an event {what}; if \"{}\" was copied \
                         from the source, write the date out",
                        cd.shown(),
                        d.span.slice(text)
                    )
                } else {
                    format!(
                        "cite a report from {event} or later, correct the date, or, if the event is \
                         still to come, say so (\"is set to\", \"will\")"
                    )
                };
                out.push(
                    Finding::new(
                        self.code(),
                        severity,
                        claim.span,
                        format!(
                            "claim reports an event {what}, after its source {} dated {}",
                            s.name,
                            cd.shown()
                        ),
                    )
                    .with_label(d.span, "event date")
                    .with_label(cd.span, "source dated before the event")
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
    use crate::rules::testing::{dated, run_real};

    fn run(text: &str) -> Vec<Finding> {
        run_real(&CitationBeforeEvent, &dated(text))
    }

    #[test]
    fn past_event_after_the_source() {
        let got = run(
            "The nation posted a record trade surplus in June 2025 (Statistics Bureau, May 2025).",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].message,
            "claim reports an event in June 2025, after its source Statistics Bureau dated May 2025"
        );
        let got = run("He said the truce expired on August 12, 2025 (CNN Business, July 2025).");
        assert_eq!(got.len(), 1);
        let got = run("The truce expired on Aug. 12 (CNN Business, July 2025).");
        assert_eq!(got.len(), 1, "year-less dates take the publication year");
    }

    #[test]
    fn seed_sentences_stay_quiet() {
        assert!(run("According to the bureau, exporters shipped a record volume in June 2025, lifting the port's income (National Bureau of Statistics of Chile, July 2025).").is_empty());
        assert!(run("She said the interim deal, which is set to expire on August 12, 2025, could be extended (CNN Business, July 2025).").is_empty());
    }

    #[test]
    fn forward_looking_and_deadlines_are_exempt() {
        for s in [
            "The bank will publish figures in September 2025 (Reuters, July 2025).",
            "A vote is expected in October 2025 (Reuters, July 2025).",
            "Talks were scheduled for September 3, 2025 (Reuters, July 2025).",
            "The ministry planned to act by 2026 (Reuters, July 2025).",
            "The truce was extended until August 12, 2025 (Reuters, July 2025).",
            "The truce expires on August 12, 2025 (Reuters, July 2025).",
            "She said the vote was set for October 2, 2025 (Reuters, August 2025).",
            "The vote was pushed back to October 2, 2025 (Reuters, August 2025).",
            "The ban was extended through December 2025 (Reuters, July 2025).",
            "Tickets sold out for the September 2025 concert (Reuters, July 2025).",
            "The rule, adopted in 2024, takes effect in January 2026 (Reuters, July 2025).",
            "The agency said it would release the figures on July 15, 2025 (Reuters, June 2025).",
        ] {
            assert!(run(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn precision_is_respected() {
        // The event overlaps the source's month: not flagged.
        assert!(run("Exports fell on July 20, 2025 (Reuters, July 2025).").is_empty());
        assert!(run("Exports fell in July 2025 (Reuters, July 14, 2025).").is_empty());
        assert!(run("Exports fell in 2025 (Reuters, July 2025).").is_empty());
        assert_eq!(
            run("Exports fell in August 2025 (Reuters, July 14, 2025).").len(),
            1
        );
    }

    #[test]
    fn report_dates_of_the_cited_source_are_left_to_conflicting_dates() {
        assert!(
            run("Reuters reported on July 3 that exports fell (Reuters, June 2025).").is_empty()
        );
    }

    #[test]
    fn yearless_dates_only_against_current_news_sources() {
        assert!(run("Security was tightened after Sept. 11 (Smith, 2005).").is_empty());
        assert!(run("Security was tightened on Sept. 11 (Reuters, September 2019).").is_empty());
        assert_eq!(
            run("The truce expired on Aug. 12 (Reuters, July 2025).").len(),
            1
        );
    }

    #[test]
    fn relative_dates_are_info() {
        let got = run("Exports fell last month (Reuters, June 2025).");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].severity, Severity::Info);
        assert!(
            got[0].message.contains("\"last month\" (July 2025"),
            "{}",
            got[0].message
        );
    }
}
