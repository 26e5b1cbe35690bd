//! `reference-year-mismatch`: a citation whose author is in the reference list, but not for
//! the cited year, or whose year matches several entries that only a suffix tells apart.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::references::{ReferenceIndex, Resolution, source_span};

pub struct ReferenceYearMismatch;

const DOCS: &str = "\
## What it does
In an article with a reference list, flags a citation whose author has entries, but none for
the cited year (`Wechsler, 2012` when the list has Wechsler 1958 and 2002), or whose year is
shared by entries told apart by a suffix (`1980a`, `1980b`) that the citation leaves out. When
the list itself has two same-year entries for the author without suffixes, it is reported as
info. An entry may be cited by either of two years where it gives both: a republished work
(`2012/1891`), a reissue with its first publication's year in brackets (`1978 [1951]`, `[1922]
1990`) and a work published over a few years (`2019–2020`).

## Why it matters
The year is half of an author–date citation: with the wrong one the reader finds another work,
or none. It is also the commonest slip when a draft is updated to a newer edition.

## Example
```text
Scores rose by 3 points per decade (Wechsler, 2012).

## References
Wechsler, D. (2002). WPPSI-R manual. Psychological Corporation.
```

## How to fix
Correct the year in the citation (or in the entry, if the entry is wrong); for a shared year,
add the entry's letter to the citation (`1980a`).
";

impl Rule for ReferenceYearMismatch {
    fn code(&self) -> &'static str {
        "reference-year-mismatch"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "a citation's year differs from its reference entry's"
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
                let Some(date) = &s.date else { continue };
                let span = source_span(c, s);
                let cited = span.slice(text);
                match index.resolve(s, c.kind) {
                    Resolution::YearMismatch(entries) => {
                        let years = entry_dates(&index, &entries);
                        // The entry nearest in year is most likely the one meant.
                        let nearest = entries
                            .iter()
                            .filter_map(|&i| index.entries.get(i))
                            .filter_map(|e| Some((e, e.date.as_ref()?.year?)))
                            .min_by_key(|(_, y)| {
                                (i32::from(*y) - i32::from(date.date.year.unwrap_or(*y))).abs()
                            });
                        let help = match nearest {
                            Some((e, _)) => format!(
                                "the closest entry is {}: if that is the work meant, cite its year ({})",
                                e.label(),
                                e.date.as_ref().map_or("", |d| d.text.as_str())
                            ),
                            None => format!("the entries for this author are dated {years}"),
                        };
                        out.push(
                            Finding::new(
                                self.code(),
                                Severity::Warning,
                                span,
                                format!(
                                    "\"{cited}\" cites {}, but the reference list has this author only for {years}",
                                    date.shown()
                                ),
                            )
                            .with_label(date.span, "no entry for this year")
                            .with_help(help),
                        );
                    }
                    Resolution::Ambiguous {
                        entries,
                        entries_have_suffixes,
                    } => {
                        let years = entry_dates(&index, &entries);
                        let (severity, message, help) = if entries_have_suffixes {
                            (
                                Severity::Warning,
                                format!(
                                    "\"{cited}\" matches {} entries ({years}) and does not say which",
                                    entries.len()
                                ),
                                "add the entry's letter to the citation's year".to_string(),
                            )
                        } else {
                            (
                                Severity::Info,
                                format!(
                                    "\"{cited}\" matches {} entries from {} that the reference list does not tell apart",
                                    entries.len(),
                                    date.text
                                ),
                                format!(
                                    "give the entries suffixes ({0}a, {0}b) and use them in the citations",
                                    date.text
                                ),
                            )
                        };
                        out.push(
                            Finding::new(self.code(), severity, span, message)
                                .with_label(date.span, "ambiguous year")
                                .with_help(help),
                        );
                    }
                    Resolution::Found(_) | Resolution::Missing => {}
                }
            }
        }
    }
}

/// "1958, 1981 and 2002" (as written in the entries, in list order, without repeats).
fn entry_dates(index: &ReferenceIndex, entries: &[usize]) -> String {
    let mut dates: Vec<&str> = Vec::new();
    for &i in entries {
        let d = index
            .entries
            .get(i)
            .and_then(|e| e.date.as_ref())
            .map_or("n.d.", |d| d.text.as_str());
        if !dates.contains(&d) {
            dates.push(d);
        }
    }
    match dates.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::SourceFile;

    #[test]
    fn a_date_without_a_year_matches_by_author() {
        // With no publication date to read them in, "July 3" and "Monday" name no year.
        for text in [
            "# Notes\n\nFreight fell by a third (Okafor, July 3).\n\n## References\n\n\
             Okafor, N. (2025, July 3). *Silt and seasons*. Baltic Press.\n",
            "# Notes\n\nWheat fell 6% (Farm Wire, Monday).\n\n## References\n\n\
             Farm Wire. (2025). *Wheat report*. Farm Wire.\n",
        ] {
            let src = SourceFile::new("a.md", text);
            let config = Config::default();
            let article = crate::analyse(&src, &config);
            assert_eq!(article.citations.len(), 1, "{text}");
            let mut out = Vec::new();
            ReferenceYearMismatch.check(&article, &mut out);
            assert!(out.is_empty(), "{out:?}");
        }
    }

    #[test]
    fn quiet_without_a_reference_section() {
        let src = SourceFile::new("a.md", "Scores rose (Wechsler, 2012).\n");
        let config = Config::default();
        let article = crate::analyse(&src, &config);
        let mut out = Vec::new();
        ReferenceYearMismatch.check(&article, &mut out);
        assert!(out.is_empty());
    }

    const LIST: &str = "Scores rose by 3 points (Wechsler, 2012). Sleep improved (Harlow, 1980) \
and again (Harlow, 1980b). Older tests agree (Wechsler, 1958).\n\n\
## References\n\n\
Harlow, A. (1980a). First paper.\n\n\
Harlow, A. (1980b). Second paper.\n\n\
Wechsler, D. (1958). The measurement of adult intelligence.\n\n\
Wechsler, D. (2002 ). WPPSI-R manual. Psychological Corporation.\n";

    #[test]
    fn fires_on_wrong_and_ambiguous_years() {
        let src = SourceFile::new("a.md", LIST);
        let config = Config::default();
        let article = crate::references::testing::article(
            &src,
            &config,
            &[
                ("(Wechsler, 2012)", &[("Wechsler", Some(2012), None)]),
                ("(Harlow, 1980)", &[("Harlow", Some(1980), None)]),
                ("(Harlow, 1980b)", &[("Harlow", Some(1980), Some('b'))]),
                ("(Wechsler, 1958)", &[("Wechsler", Some(1958), None)]),
            ],
        );
        let mut out = Vec::new();
        ReferenceYearMismatch.check(&article, &mut out);
        assert_eq!(out.len(), 2, "{out:#?}");
        assert_eq!(out[0].span.slice(LIST), "Wechsler, 2012");
        assert_eq!(
            out[0].message,
            "\"Wechsler, 2012\" cites 2012, but the reference list has this author only for 1958 and 2002"
        );
        assert_eq!(
            out[0].help.as_deref(),
            Some(
                "the closest entry is Wechsler, D. (2002): if that is the work meant, cite its year (2002)"
            )
        );
        assert_eq!(out[1].span.slice(LIST), "Harlow, 1980");
        assert!(
            out[1].message.contains("1980a and 1980b"),
            "{}",
            out[1].message
        );
    }
}
