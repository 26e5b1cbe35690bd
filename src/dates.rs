//! Calendar dates at their own precision.
//!
//! A citation's date ("July 2025", "Q2 2025", "2020a", "n.d.") or a date named in prose is a
//! [`PartialDate`]: the fields it gives and the precision they imply, convertible to an
//! inclusive interval of `jiff::civil::Date`s. Parsing citation syntax is the grammar's job
//! (`parse::date`); this module owns the calendar facts (month names, validity, intervals) and
//! the plain full-date parser used for front matter, datelines and `--published`.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    Day,
    Month,
    Quarter,
    /// `H1 2025`, `first half of 2025`: January to June, or July to December.
    Half,
    Season,
    Year,
    /// `2019–2020`: every day from the first year's first to the last year's last; `year` is
    /// the last, `first_year` the first.
    Years,
    /// `c. 1850`: about that year, read as [`CIRCA_YEARS`] either side.
    Circa,
    /// `July 3`, `3 July`: a day without its year, as AP style writes dates of the current
    /// year. [`PartialDate::year_before`] reads it against the publication date; until
    /// then `year` is `None` and there is nothing to compare.
    Yearless,
    /// `Tuesday` in `(Reuters, Tuesday)`: a day of the past week, as AP style writes dates
    /// within seven days of publication. `parse::read_yearless_dates` reads it as the last such
    /// day on or before the publication date; until then no field is set and there is nothing
    /// to compare.
    Weekday,
    /// `n.d.`, `in press`, `forthcoming`: no date to compare.
    Undated,
}

/// Northern-hemisphere meteorological seasons (the convention of news outlets and IMF reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

/// A date known to some precision. Fields beyond the precision are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    pub quarter: Option<i8>,
    /// 1 or 2, for [`Precision::Half`].
    pub half: Option<i8>,
    /// The first year of a [`Precision::Years`] range.
    pub first_year: Option<i16>,
    pub season: Option<Season>,
    pub precision: Precision,
}

impl PartialDate {
    pub const UNDATED: PartialDate = PartialDate {
        year: None,
        month: None,
        day: None,
        quarter: None,
        half: None,
        first_year: None,
        season: None,
        precision: Precision::Undated,
    };

    pub fn year(year: i16) -> Self {
        PartialDate {
            year: Some(year),
            precision: Precision::Year,
            ..Self::UNDATED
        }
    }

    pub fn month(year: i16, month: i8) -> Self {
        PartialDate {
            year: Some(year),
            month: Some(month),
            precision: Precision::Month,
            ..Self::UNDATED
        }
    }

    pub fn day(year: i16, month: i8, day: i8) -> Self {
        PartialDate {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            precision: Precision::Day,
            ..Self::UNDATED
        }
    }

    pub fn from_date(d: Date) -> Self {
        Self::day(d.year(), d.month(), d.day())
    }

    /// `July 3`: a month and day without a year ([`Precision::Yearless`]).
    pub fn yearless(month: i8, day: i8) -> Self {
        PartialDate {
            month: Some(month),
            day: Some(day),
            precision: Precision::Yearless,
            ..Self::UNDATED
        }
    }

    /// The year a [`Precision::Yearless`] date means in a piece published on `published`:
    /// the publication's year, or the year before when that day is still to come ("Dec. 30"
    /// in a piece of January 5). The day after publication still counts as come, the day of
    /// grace `citation-after-publication` allows for time zones ("Jan. 1" in a piece of
    /// December 31 is the next day, not a year before). `None` when the date is not yearless.
    pub fn year_before(&self, published: Date) -> Option<i16> {
        if self.precision != Precision::Yearless {
            return None;
        }
        let limit = published.tomorrow().unwrap_or(published);
        let later = (self.month?, self.day?) > (limit.month(), limit.day());
        limit.year().checked_sub(i16::from(later))
    }

    /// The first and last day the date can mean, inclusive; `None` when undated or impossible.
    pub fn interval(&self) -> Option<(Date, Date)> {
        let y = self.year?;
        match self.precision {
            Precision::Undated | Precision::Yearless | Precision::Weekday => None,
            Precision::Day => {
                let d = Date::new(y, self.month?, self.day?).ok()?;
                Some((d, d))
            }
            Precision::Month => month_interval(y, self.month?),
            // The n-th quarter or half: months (n-1)·len+1 to n·len.
            Precision::Quarter => part_of_year(y, self.quarter?, 3),
            Precision::Half => part_of_year(y, self.half?, 6),
            Precision::Season => {
                let (m0, m1, y1) = match self.season? {
                    Season::Spring => (3, 5, y),
                    Season::Summer => (6, 8, y),
                    Season::Fall => (9, 11, y),
                    // Winter 2025 is December 2025 to February 2026.
                    Season::Winter => (12, 2, y.checked_add(1)?),
                };
                Some((month_interval(y, m0)?.0, month_interval(y1, m1)?.1))
            }
            Precision::Year => Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?)),
            Precision::Years => {
                let first = self.first_year?.min(y);
                Some((Date::new(first, 1, 1).ok()?, Date::new(y, 12, 31).ok()?))
            }
            Precision::Circa => Some((
                Date::new(y.checked_sub(CIRCA_YEARS)?, 1, 1).ok()?,
                Date::new(y.checked_add(CIRCA_YEARS)?, 12, 31).ok()?,
            )),
        }
    }
}

/// How many years either side of a `c. 1850` date it may mean: an approximate date is no
/// evidence that a claim's own date is wrong unless it is far off.
pub const CIRCA_YEARS: i16 = 5;

/// An inclusive range of days, the form every date comparison takes.
pub type Interval = (Date, Date);

/// Whether every day of `a` comes after every day of `b`: "July 2025" is after "June 2025",
/// but "July 2025" is not after "July 14, 2025" (they overlap).
pub fn entirely_after(a: Interval, b: Interval) -> bool {
    a.0 > b.1
}

/// Whether the two intervals share at least one day.
pub fn overlaps(a: Interval, b: Interval) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

impl PartialDate {
    /// The date written for people, at its own precision: "August 12, 2025", "July 2025",
    /// "Q2 2025", "spring 2025", "2025", "n.d.".
    pub fn describe(&self) -> String {
        let month = |m: Option<i8>| {
            m.and_then(|m| MONTH_NAMES.get(usize::try_from(m).ok()?.checked_sub(1)?))
                .copied()
                .unwrap_or("?")
        };
        let year = self.year.map(|y| y.to_string()).unwrap_or_default();
        match self.precision {
            Precision::Day => format!(
                "{} {}, {year}",
                month(self.month),
                self.day.unwrap_or_default()
            ),
            Precision::Month => format!("{} {year}", month(self.month)),
            Precision::Quarter => format!("Q{} {year}", self.quarter.unwrap_or_default()),
            Precision::Half => format!("H{} {year}", self.half.unwrap_or_default()),
            Precision::Season => {
                let s = match self.season {
                    Some(Season::Spring) => "spring",
                    Some(Season::Summer) => "summer",
                    Some(Season::Fall) => "fall",
                    Some(Season::Winter) => "winter",
                    None => "season",
                };
                format!("{s} {year}")
            }
            Precision::Year => year,
            Precision::Years => match self.first_year {
                Some(first) => format!("{first}–{year}"),
                None => year,
            },
            Precision::Circa => format!("c. {year}"),
            Precision::Yearless => {
                format!("{} {}", month(self.month), self.day.unwrap_or_default())
            }
            Precision::Weekday => "a day of the week".to_string(),
            Precision::Undated => "n.d.".to_string(),
        }
    }
}

/// A calendar date written for people: "August 11, 2025".
pub fn describe_date(d: Date) -> String {
    PartialDate::from_date(d).describe()
}

/// The `n`-th run of `len` months of `year` (quarters: 3, halves: 6); `None` past the year.
fn part_of_year(year: i16, n: i8, len: i8) -> Option<(Date, Date)> {
    if n < 1 || n > 12 / len {
        return None;
    }
    let (first, _) = month_interval(year, (n - 1) * len + 1)?;
    let (_, last) = month_interval(year, n * len)?;
    Some((first, last))
}

fn month_interval(year: i16, month: i8) -> Option<(Date, Date)> {
    let first = Date::new(year, month, 1).ok()?;
    Some((first, first.last_of_month()))
}

/// How a month name is written: the format rules compare these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MonthStyle {
    /// "July"
    Full,
    /// "Jul" (and "Sept")
    Abbrev,
    /// "Jul." (and "Sept.")
    AbbrevDot,
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Looks up an English month name, full or abbreviated ("Sept", "Sep."), any case.
/// Returns the month number and how it was written.
pub fn month_from_name(word: &str) -> Option<(i8, MonthStyle)> {
    // Name readers ask this of every capitalised word they meet; most are rejected here by
    // length ("September." is the longest name) or first letter, before twelve comparisons.
    let starts_a_month = word.as_bytes().first().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
        )
    });
    if word.len() > 10 || !starts_a_month {
        return None;
    }
    month_lookup(word)
}

/// [`month_from_name`] without its early rejection: the twelve comparisons.
fn month_lookup(word: &str) -> Option<(i8, MonthStyle)> {
    let (core, dot) = match word.strip_suffix('.') {
        Some(c) => (c, true),
        None => (word, false),
    };
    if core.len() < 3 {
        return None;
    }
    for (i, name) in MONTH_NAMES.iter().enumerate() {
        let n = (i + 1) as i8;
        if name.eq_ignore_ascii_case(core) {
            // "May." is a month and a full stop, not an abbreviation.
            return (!dot || core.len() == name.len()).then_some((n, MonthStyle::Full));
        }
        let is_abbrev = (core.len() == 3 && name[..3].eq_ignore_ascii_case(core))
            || (n == 9 && core.eq_ignore_ascii_case("sept"));
        if is_abbrev {
            let style = if dot {
                MonthStyle::AbbrevDot
            } else {
                MonthStyle::Abbrev
            };
            return Some((n, style));
        }
    }
    None
}

/// Parses a full calendar date as written in front matter, a dateline or a flag:
/// `2025-08-11`, `2025-08-11T09:00:00Z`, `August 11, 2025`, `Aug. 11, 2025`, `11 August 2025`,
/// optionally after a weekday ("Monday, August 11, 2025"). Returns `None` for anything else.
pub fn parse_calendar_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_matches(|c| c == '"' || c == '\'');
    if let Some(d) = parse_iso_prefix(s) {
        return Some(d);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let words: &[&str] = match words.first() {
        Some(w) if is_weekday(w) => &words[1..],
        _ => &words,
    };
    let [a, b, y] = words else {
        return None;
    };
    let year: i16 = y.parse().ok()?;
    // "August 11, 2025" or "11 August 2025".
    let (month, day) = match month_from_name(a) {
        Some((m, _)) => (m, parse_day(b)?),
        None => (month_from_name(b)?.0, parse_day(a)?),
    };
    Date::new(year, month, day).ok()
}

fn parse_day(s: &str) -> Option<i8> {
    let s = s.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 11th, 2nd
    if s.is_empty() || s.len() > 2 {
        return None;
    }
    s.parse().ok()
}

/// Whether `w` names a day of the week, in full or abbreviated, in any case, with or without a
/// full stop or comma after it ("Monday", "Mon.", "Thurs").
pub fn is_weekday(w: &str) -> bool {
    weekday_from_name(w).is_some()
}

/// The day of the week `w` names ([`is_weekday`]'s forms).
pub fn weekday_from_name(w: &str) -> Option<jiff::civil::Weekday> {
    use jiff::civil::Weekday;
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    let w = w.trim_end_matches([',', '.']).to_ascii_lowercase();
    match w.as_str() {
        "tues" => return Some(Weekday::Tuesday),
        "thur" | "thurs" => return Some(Weekday::Thursday),
        _ => {}
    }
    DAYS.iter()
        .find(|(d, _)| *d == w || (w.len() == 3 && d.starts_with(&w)))
        .map(|(_, day)| *day)
}

/// The day of the week that opens a date and the comma and spaces after it: the "Fri., " of
/// "Fri., 4 July 2025".
pub fn weekday_prefix(text: &str) -> Option<&str> {
    let comma = text.find(',')?;
    let word = text.get(..comma)?;
    if !is_weekday(word) || word.contains(' ') {
        return None;
    }
    let rest = text.get(comma + 1..)?;
    let spaces = rest.len() - rest.trim_start().len();
    text.get(..comma + 1 + spaces)
}

/// The English name of a day of the week.
pub fn weekday_name(day: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday;
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// When a date written after a day of the week ("Monday, July 3, 2025") fell on another day:
/// the day it names and the day it was. `text` is the date as written, `date` as read.
pub fn wrong_weekday(
    text: &str,
    date: jiff::civil::Date,
) -> Option<(jiff::civil::Weekday, jiff::civil::Weekday)> {
    let first = text.split([' ', ',']).next()?;
    let named = weekday_from_name(first)?;
    (named != date.weekday()).then(|| (named, date.weekday()))
}

/// `YYYY-MM-DD` at the start of `s`, followed by nothing, a `T` time or a space.
fn parse_iso_prefix(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let year: i16 = s.get(0..4)?.parse().ok()?;
    let month: i8 = s.get(5..7)?.parse().ok()?;
    let day: i8 = s.get(8..10)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_yearless_date_falls_in_the_publication_year_or_the_one_before() {
        let year = |m, d, published| PartialDate::yearless(m, d).year_before(published);
        let published = date(2026, 1, 5);
        assert_eq!(year(1, 5, published), Some(2026));
        // The day after publication is the day of grace, not a year before.
        assert_eq!(year(1, 6, published), Some(2026));
        assert_eq!(year(1, 7, published), Some(2025));
        assert_eq!(year(12, 30, published), Some(2025));
        assert_eq!(year(1, 1, date(2025, 12, 31)), Some(2026));
        assert_eq!(year(12, 31, date(2025, 12, 31)), Some(2025));
        assert_eq!(year(2, 29, date(2024, 2, 28)), Some(2024));
        assert_eq!(PartialDate::day(2025, 12, 30).year_before(published), None);
        // Until it has a year there is nothing to compare.
        assert_eq!(PartialDate::yearless(7, 3).interval(), None);
        assert_eq!(PartialDate::yearless(7, 3).describe(), "July 3");
    }

    #[test]
    fn months() {
        assert_eq!(month_from_name("July"), Some((7, MonthStyle::Full)));
        assert_eq!(month_from_name("jul."), Some((7, MonthStyle::AbbrevDot)));
        assert_eq!(month_from_name("Sept."), Some((9, MonthStyle::AbbrevDot)));
        assert_eq!(month_from_name("Jully"), None);
        assert_eq!(month_from_name("Ma"), None);
    }

    /// The early rejection by length and first letter loses no month: the lookup gives what
    /// the twelve comparisons alone give, on every word of the fixtures and on every name and
    /// abbreviation in three cases, with and without a full stop, and a letter longer.
    #[test]
    fn the_early_rejection_loses_no_month() {
        let mut words: Vec<String> = Vec::new();
        for text in crate::fixture_texts() {
            words.extend(text.split_whitespace().map(String::from));
        }
        for name in MONTH_NAMES.iter().copied().chain(["Sept"]) {
            for form in [name.to_string(), name[..3].to_string(), format!("{name}s")] {
                for cased in [form.clone(), form.to_lowercase(), form.to_uppercase()] {
                    words.push(format!("{cased}."));
                    words.push(cased);
                }
            }
        }
        crate::assert_same_answers(
            &words,
            month_from_name,
            month_lookup,
            |found| usize::from(found.is_some()),
            150,
        );
    }

    #[test]
    fn calendar_dates() {
        let d = date(2025, 8, 11);
        for s in [
            "2025-08-11",
            "2025-08-11T10:00:00Z",
            "August 11, 2025",
            "Aug. 11, 2025",
            "11 August 2025",
            "Monday, August 11, 2025",
            "\"2025-08-11\"",
        ] {
            assert_eq!(parse_calendar_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_calendar_date("June 31, 2025"), None);
        assert_eq!(parse_calendar_date("China Seeks Greater"), None);
    }

    #[test]
    fn intervals() {
        assert_eq!(
            PartialDate::month(2025, 2).interval(),
            Some((date(2025, 2, 1), date(2025, 2, 28)))
        );
        let q2 = PartialDate {
            quarter: Some(2),
            precision: Precision::Quarter,
            ..PartialDate::year(2025)
        };
        assert_eq!(q2.interval(), Some((date(2025, 4, 1), date(2025, 6, 30))));
        let winter = PartialDate {
            season: Some(Season::Winter),
            precision: Precision::Season,
            ..PartialDate::year(2025)
        };
        assert_eq!(
            winter.interval(),
            Some((date(2025, 12, 1), date(2026, 2, 28)))
        );
        let half = |h| PartialDate {
            half: Some(h),
            precision: Precision::Half,
            ..PartialDate::year(2025)
        };
        assert_eq!(
            half(1).interval(),
            Some((date(2025, 1, 1), date(2025, 6, 30)))
        );
        assert_eq!(
            half(2).interval(),
            Some((date(2025, 7, 1), date(2025, 12, 31)))
        );
        assert_eq!(half(3).interval(), None);
        assert_eq!(half(2).describe(), "H2 2025");
        let years = PartialDate {
            first_year: Some(2019),
            precision: Precision::Years,
            ..PartialDate::year(2020)
        };
        assert_eq!(
            years.interval(),
            Some((date(2019, 1, 1), date(2020, 12, 31)))
        );
        assert_eq!(years.describe(), "2019–2020");
        let circa = PartialDate {
            precision: Precision::Circa,
            ..PartialDate::year(1850)
        };
        assert_eq!(
            circa.interval(),
            Some((date(1845, 1, 1), date(1855, 12, 31)))
        );
        assert_eq!(circa.describe(), "c. 1850");
        assert_eq!(PartialDate::day(2025, 2, 29).interval(), None);
        assert_eq!(PartialDate::UNDATED.interval(), None);
    }

    #[test]
    fn comparisons_respect_precision() {
        let iv = |p: PartialDate| p.interval().unwrap();
        let june = iv(PartialDate::month(2025, 6));
        let july = iv(PartialDate::month(2025, 7));
        let july14 = iv(PartialDate::day(2025, 7, 14));
        let y2025 = iv(PartialDate::year(2025));
        assert!(entirely_after(july, june));
        assert!(!entirely_after(june, july));
        assert!(!entirely_after(july, july14));
        assert!(!entirely_after(july14, july));
        assert!(overlaps(july, july14));
        assert!(overlaps(y2025, june));
        assert!(!overlaps(june, july));
    }

    #[test]
    fn describes_dates() {
        assert_eq!(PartialDate::day(2025, 8, 12).describe(), "August 12, 2025");
        assert_eq!(PartialDate::month(2025, 7).describe(), "July 2025");
        assert_eq!(PartialDate::year(2020).describe(), "2020");
        assert_eq!(PartialDate::UNDATED.describe(), "n.d.");
        assert_eq!(
            describe_date(jiff::civil::date(2025, 8, 11)),
            "August 11, 2025"
        );
    }

    #[test]
    fn weekdays_by_name() {
        use jiff::civil::Weekday;
        assert_eq!(weekday_from_name("Monday"), Some(Weekday::Monday));
        assert_eq!(weekday_from_name("Tues."), Some(Weekday::Tuesday));
        assert_eq!(weekday_from_name("thurs,"), Some(Weekday::Thursday));
        assert_eq!(weekday_from_name("Sun"), Some(Weekday::Sunday));
        assert_eq!(weekday_from_name("Sunny"), None);
        assert_eq!(weekday_prefix("Fri., 4 July 2025"), Some("Fri., "));
        assert_eq!(weekday_prefix("July 4, 2025"), None);
        assert_eq!(weekday_prefix("Sun Sentinel, July 4"), None);
        let july3 = jiff::civil::date(2025, 7, 3);
        assert_eq!(
            wrong_weekday("Monday, July 3, 2025", july3),
            Some((Weekday::Monday, Weekday::Thursday))
        );
        assert_eq!(wrong_weekday("Thu., July 3, 2025", july3), None);
        assert_eq!(wrong_weekday("July 3, 2025", july3), None);
    }
}
