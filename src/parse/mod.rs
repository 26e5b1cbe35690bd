//! Citations: finding candidate parentheticals and parsing them with the grammar.
//!
//! `scan` finds candidate `( … )` spans in the prose mask with bounded look-ahead; `citation`
//! parses a candidate's inside with one nom function per rule of `grammar/citation.peg`;
//! narrative citations ("Smith (2020) found") are recognised around a parenthetical that holds
//! only dates. Near-misses become [`ParseProblem`]s for the `malformed-citation` and
//! `invalid-citation-date` rules. Pairing citations with claims is left to `pairing`.

mod build;
pub(crate) mod citation;
pub(crate) mod date;
pub(crate) mod lex;
pub(crate) mod narrative;
pub mod scan;
pub(crate) mod source_name;

use crate::dates::{MonthStyle, PartialDate, Precision};
use crate::document::Block;
use crate::source::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationKind {
    /// `(CNN Business, July 2025)`
    Parenthetical,
    /// `Smith (2020) found`, `According to Reuters (July 2025)`
    Narrative,
}

/// How a citation date is written; `inconsistent-date-format` compares these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// `2020`, `2020a`
    Year,
    /// `July 2025`, `Jul. 2025`
    MonthYear(MonthStyle),
    /// `July 14, 2025`
    MonthDayYear(MonthStyle),
    /// `14 July 2025`
    DayMonthYear(MonthStyle),
    /// `July 3`: no year (AP style for the current year)
    MonthDay(MonthStyle),
    /// `3 July`: no year
    DayMonth(MonthStyle),
    /// `2025-07-14`
    IsoDay,
    /// `2025-07`
    IsoMonth,
    /// `Q2 2025`, `second quarter of 2025`
    Quarter,
    /// `H1 2025`, `first half of 2025`
    Half,
    /// `Spring 2025`
    Season,
    /// `2020, July 14` (APA reference style used in text)
    YearMonthDay,
    /// `1900/1953`
    Republished,
    /// `2019–2020`, `2019-20`: a work published over several years (the last one is its date)
    YearRange,
    /// `c. 1850`, `ca. 1850`, `circa 1850`
    Circa,
    /// `Tuesday` in `(Reuters, Tuesday)`: a day of the past week (AP style)
    Weekday,
    /// `n.d.`, `in press`, `forthcoming`
    Undated,
}

/// A date in a citation, as written and as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationDate {
    /// Exactly as written, e.g. "July 2025", "2020a", "n.d.".
    pub text: String,
    pub span: Span,
    pub date: PartialDate,
    pub format: DateFormat,
    /// The disambiguating letter of `2020a` / `n.d.-a`.
    pub suffix: Option<char>,
}

impl CitationDate {
    /// The date as written, for messages, with the year it was read as when it was written
    /// without one: `"Dec. 30 [2025]"`, and the day a day of the week alone was read as:
    /// `"Tuesday [July 8, 2025]"`.
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        match (self.format, self.date.year) {
            (DateFormat::MonthDay(_) | DateFormat::DayMonth(_), Some(y)) => {
                format!("{} [{y}]", self.text).into()
            }
            (DateFormat::Weekday, Some(_)) => {
                format!("{} [{}]", self.text, self.date.describe()).into()
            }
            _ => self.text.as_str().into(),
        }
    }
}

/// One source in a citation: `Smith & Lee, 2020, p. 4`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedSource {
    /// The author, organisation or outlet as written ("Smith & Lee", "CNN Business").
    pub name: String,
    pub name_span: Span,
    /// `None` only for the dateless forms the grammar allows.
    pub date: Option<CitationDate>,
    /// "p. 4", "pp. 13–14", "para. 2", …
    pub locator: Option<String>,
    /// A prefix such as "see also" or "e.g.,".
    pub prefix: Option<String>,
    /// Cited through another work ("as cited in").
    pub secondary: bool,
}

/// A citation found in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The parentheses, or for a narrative citation from the first word of the source to `)`.
    pub span: Span,
    /// The `( … )` part, parentheses included.
    pub paren: Span,
    pub kind: CitationKind,
    pub sources: Vec<CitedSource>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// Almost a citation, but it breaks the grammar (unbalanced, doubled separator, no date,
    /// two dates in one item).
    Malformed,
    /// A citation whose date does not exist or is misspelled (`June 31, 2025`, `Jully 2025`).
    InvalidDate,
}

/// A near-miss the parser noticed, with a suggested correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    pub kind: ProblemKind,
    /// The whole parenthetical (or what there is of it).
    pub span: Span,
    /// The exact words at fault.
    pub focus: Span,
    pub message: String,
    /// The corrected form, or the nearest valid reading.
    pub help: Option<String>,
}

pub use date::MAX_RANGE_YEARS;

/// Everything the parser found in one document.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub citations: Vec<Citation>,
    pub problems: Vec<ParseProblem>,
}

/// Finds and parses every citation in the prose blocks, in document order.
///
/// `prose` is the document's prose mask (same length as the file, non-prose bytes blanked);
/// a citation never crosses a block. Citations come back sorted by span, and so do problems.
pub fn parse_citations(prose: &str, blocks: &[Block]) -> Parsed {
    build::parse_all(prose, blocks, 0..blocks.len())
}

/// [`parse_citations`] of the blocks `range` of `blocks` only (a window of a long document).
/// The block before the range is still read, as it is for every block: a parenthetical alone
/// under an unpunctuated line is a header note, not a citation.
pub fn parse_citations_in(prose: &str, blocks: &[Block], range: std::ops::Range<usize>) -> Parsed {
    build::parse_all(prose, blocks, range)
}

/// The last day on or before `published` that falls on the day of the week `text` names: AP
/// style names the day for dates of the past week, and a source cannot postdate the piece.
fn weekday_on_or_before(text: &str, published: jiff::civil::Date) -> Option<jiff::civil::Date> {
    let named = crate::dates::weekday_from_name(text)?;
    let back = published.weekday().since(named);
    published
        .checked_sub(jiff::Span::new().days(i64::from(back)))
        .ok()
}

/// Gives every yearless citation date (`(AP, July 3)`) the year it means in a piece published
/// on `published` ([`crate::dates::PartialDate::year_before`]), and a day of the week alone
/// (`(Reuters, Tuesday)`) the last such day on or before `published`; their text and format
/// still say how they were written. A day that year does not have ("Feb. 29" read as 2026) is
/// reported as an invalid date and stays yearless. Without a publication date every such date
/// stays yearless, and the date rules have nothing to compare it with.
pub fn read_yearless_dates(parsed: &mut Parsed, published: Option<jiff::civil::Date>) {
    let Some(published) = published else {
        return;
    };
    let mut added = false;
    for c in &mut parsed.citations {
        for d in c.sources.iter_mut().filter_map(|s| s.date.as_mut()) {
            if d.date.precision == Precision::Weekday {
                if let Some(on) = weekday_on_or_before(&d.text, published) {
                    d.date = PartialDate::from_date(on);
                }
                continue;
            }
            let (Some(year), Some(month), Some(day)) =
                (d.date.year_before(published), d.date.month, d.date.day)
            else {
                continue;
            };
            if let Ok(read) = jiff::civil::Date::new(year, month, day) {
                d.date = PartialDate::day(year, month, day);
                if let Some((message, help)) = date::weekday_problem(&d.text, read, true) {
                    parsed.problems.push(ParseProblem {
                        kind: ProblemKind::InvalidDate,
                        span: c.paren,
                        focus: d.span,
                        message,
                        help: Some(help),
                    });
                    added = true;
                }
            } else if month == 2 && day == 29 {
                // Days no year has ("Feb. 30") were reported by the parser already.
                let fixed = date::with_day(&d.text, 29, 28);
                let earlier = leap_year_before(year);
                let dated = match d.format {
                    DateFormat::DayMonth(_) => format!("{} {earlier}", d.text),
                    _ => format!("{}, {earlier}", d.text),
                };
                // A weekday in the text is made the suggested date's.
                let fixed = jiff::civil::Date::new(year, 2, 28)
                    .map_or(fixed.clone(), |on| date::with_weekday(&fixed, on));
                let dated = jiff::civil::Date::new(earlier, 2, 29)
                    .map_or(dated.clone(), |on| date::with_weekday(&dated, on));
                parsed.problems.push(ParseProblem {
                    kind: ProblemKind::InvalidDate,
                    span: c.paren,
                    focus: d.span,
                    message: format!(
                        "\"{}\" does not exist in {year}, the year it falls in: {year} is not \
                         a leap year",
                        d.text
                    ),
                    help: Some(format!(
                        "did you mean \"{fixed}\"? If the day is from an earlier leap year, \
                         write the year: \"{dated}\""
                    )),
                });
                added = true;
            }
        }
    }
    if added {
        parsed
            .problems
            .sort_by_key(|p| (p.span.start, p.span.end, p.focus.start));
    }
}

/// The last leap year before `year`.
fn leap_year_before(year: i16) -> i16 {
    (1..=8)
        .filter_map(|back| year.checked_sub(back))
        .find(|y| jiff::civil::Date::new(*y, 2, 29).is_ok())
        .unwrap_or(year)
}

/// Runs the citation grammar alone (`grammar/citation.peg`'s `paren_citation`) on what lies
/// between one pair of parentheses, with no scanner in front of it, and checks what the
/// caller turns into file offsets: every name, date, prefix and locator it returns is a slice
/// of `inner`. `Ok(Some(n))`: a citation of `n` items; `Ok(None)`: not a citation;
/// `Err(what)`: a piece that is not a slice of the input. For the `grammar` fuzz target and
/// its regression tests; the scanner calls the grammar itself.
#[doc(hidden)]
pub fn grammar_items(inner: &str) -> Result<Option<usize>, String> {
    let Ok((rest, items)) = citation::paren_citation(inner) else {
        return Ok(None);
    };
    let whole = inner.as_bytes().as_ptr_range();
    let inside = |piece: &str| {
        let r = piece.as_bytes().as_ptr_range();
        whole.start <= r.start && r.end <= whole.end
    };
    if !inside(rest) {
        return Err(format!("the rest {rest:?} is not a slice of the input"));
    }
    fn pieces<'a>(item: &citation::ItemAst<'a>, out: &mut Vec<&'a str>) {
        out.extend(item.prefix);
        out.extend(item.name);
        out.extend(item.locator);
        out.extend(item.doubled_sep);
        out.extend(item.original);
        out.extend(item.comma_before);
        for d in item.dates.iter().chain(&item.extra_date) {
            out.push(d.text);
            out.extend(d.misspelled.map(|(word, _)| word));
        }
        if let Some(inner) = &item.cited_in {
            pieces(inner, out);
        }
    }
    let mut all = Vec::new();
    for item in &items {
        pieces(item, &mut all);
    }
    match all.into_iter().find(|p| !inside(p)) {
        Some(p) => Err(format!("{p:?} is not a slice of the input")),
        None => Ok(Some(items.len())),
    }
}

#[cfg(test)]
mod grammar_items_tests {
    use super::grammar_items;

    #[test]
    fn the_grammar_alone_parses_the_inside_of_a_citation() {
        assert_eq!(grammar_items("Smith & Lee, 2020, p. 4"), Ok(Some(1)));
        assert_eq!(grammar_items("Ames, 2019; Berg et al., 2021"), Ok(Some(2)));
        assert_eq!(grammar_items("CNN Business, July 2025"), Ok(Some(1)));
        assert_eq!(grammar_items("see Figure 3"), Ok(None));
        assert_eq!(grammar_items(""), Ok(None));
        // Unbalanced, nested and multibyte input parses or not, and never panics.
        for s in [
            "((((",
            "Smith, 20",
            "é, 2020;;",
            "\u{feff}Lee, 2020",
            "Lee,, 2020 2021",
        ] {
            assert!(grammar_items(s).is_ok(), "{s:?}");
        }
    }
}
