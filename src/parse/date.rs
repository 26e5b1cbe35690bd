//! Citation dates: the `date` rules of `grammar/citation.peg`, and the check that a parsed date
//! exists.
//!
//! The grammar is permissive on purpose: it accepts day 1–31 for every month and ISO months
//! 00–19, so `June 31, 2025` and `2025-13` *parse* and [`date_problem`] can report them with the
//! nearest valid reading. A capitalised word one or two edits away from a month name
//! (`Jully 2025`) parses through `misspelled_date`, only where a date is expected after a
//! source, and carries the month it most likely means. Calendar facts (month names, month
//! lengths, intervals) come from `crate::dates`.

use super::lex::{R, comma_sep, dash, digits, fail, kw, ows, ws};
use crate::dates::{MONTH_NAMES, MonthStyle, PartialDate, Precision, Season, month_from_name};
use crate::parse::DateFormat;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{not, opt, peek, recognize};
use nom::sequence::preceded;

/// A parsed date, as written and as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateAst<'a> {
    pub text: &'a str,
    pub date: PartialDate,
    pub format: DateFormat,
    pub suffix: Option<char>,
    /// A misspelled month word and the month number it most likely means.
    pub misspelled: Option<(&'a str, i8)>,
}

fn ast<'a>(
    start: &'a str,
    rest: &'a str,
    date: PartialDate,
    format: DateFormat,
) -> (&'a str, DateAst<'a>) {
    let len = start.len() - rest.len();
    (
        rest,
        DateAst {
            text: &start[..len],
            date,
            format,
            suffix: None,
            misspelled: None,
        },
    )
}

/// grammar: date_list
pub(crate) fn date_list(i: &str) -> R<'_, Vec<DateAst<'_>>> {
    let (mut rest, first) = date(i)?;
    let mut out = vec![first];
    while let Ok((r, d)) = preceded(comma_sep, date_more).parse(rest) {
        // Works of one author are listed oldest first, so a range that starts before the date
        // it follows is a page range: the "1536–38" of "(Smith 2016, 1536–38)".
        if d.format == DateFormat::YearRange
            && let (Some(start), Some(before)) =
                (d.date.first_year, out.last().and_then(|p| p.date.year))
            && start < before
        {
            break;
        }
        out.push(d);
        rest = r;
    }
    Ok((rest, out))
}

/// grammar: date
pub(crate) fn date(i: &str) -> R<'_, DateAst<'_>> {
    alt((
        month_day_year,
        day_month_year,
        year_month_day,
        month_year,
        iso_date,
        season_year,
        quarter_year,
        half_year,
        date_more,
    ))
    .parse(i)
}

/// Whether `i` may begin a [`date`] or a [`yearless_date`]: it starts with a digit, or its
/// leading run of ASCII letters is a month name or a word a date form opens with (a season,
/// an ordinal of a quarter or half, `Q`, `H`, `circa`, `ca`, `c`, `n` of `n.d.`, `in` of
/// `in press`, `forthcoming`). A necessary condition only, and cheap: the name grammar asks it
/// of every word of a name before running the date grammar's alternatives on it.
pub(crate) fn may_open_date(i: &str) -> bool {
    if i.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let letters = i.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = i.get(..letters).unwrap_or("");
    matches!(
        word,
        "Spring"
            | "Summer"
            | "Fall"
            | "Autumn"
            | "Winter"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "First"
            | "Second"
            | "Third"
            | "Fourth"
            | "Q"
            | "H"
            | "circa"
            | "Circa"
            | "ca"
            | "Ca"
            | "c"
            | "n"
            | "in"
            | "forthcoming"
    ) || month_from_name(word).is_some()
}

/// grammar: date_more
pub(crate) fn date_more(i: &str) -> R<'_, DateAst<'_>> {
    alt((
        republished,
        year_range,
        circa,
        year,
        no_date,
        in_press,
        forthcoming,
    ))
    .parse(i)
}

/// grammar: month
pub(crate) fn month(i: &str) -> R<'_, (i8, MonthStyle)> {
    let (rest, word) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)?;
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return fail(i);
    }
    if let Some(after_dot) = rest.strip_prefix('.') {
        let with_dot = &i[..word.len() + 1];
        if let Some((m, MonthStyle::AbbrevDot)) = month_from_name(with_dot) {
            return Ok((after_dot, (m, MonthStyle::AbbrevDot)));
        }
    }
    match month_from_name(word) {
        Some(m) => Ok((rest, m)),
        None => fail(i),
    }
}

/// grammar: day
pub(crate) fn day(i: &str) -> R<'_, i8> {
    let (rest, d) = digits(1, 2)(i)?;
    let (rest, _) = opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(rest)?;
    super::lex::word_end(rest)?;
    match d.parse::<i8>() {
        Ok(n) if (1..=31).contains(&n) => Ok((rest, n)),
        _ => fail(i),
    }
}

/// grammar: year4
pub(crate) fn year4(i: &str) -> R<'_, i16> {
    let (rest, d) = digits(4, 4)(i)?;
    match d.parse::<i16>() {
        Ok(y) if (1400..=2100).contains(&y) => Ok((rest, y)),
        _ => fail(i),
    }
}

/// grammar: month_day_year
pub(crate) fn month_day_year(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, ((m, style), _, d, _, _, y)) =
        (month, ws, day, opt(char(',')), ws, year4).parse(i)?;
    super::lex::word_end(rest)?;
    Ok(ast(
        i,
        rest,
        PartialDate::day(y, m, d),
        DateFormat::MonthDayYear(style),
    ))
}

/// grammar: day_month_year
pub(crate) fn day_month_year(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (d, _, (m, style), _, _, y)) =
        (day, ws, month, opt(char(',')), ws, year4).parse(i)?;
    super::lex::word_end(rest)?;
    Ok(ast(
        i,
        rest,
        PartialDate::day(y, m, d),
        DateFormat::DayMonthYear(style),
    ))
}

/// grammar: yearless_date
///
/// `July 3`, `Aug. 4`, `3 July`: a day without its year, as AP style writes the current year's
/// dates. Only after a source, as the last thing in its item but for a locator; alone in
/// parentheses it is a date, not a citation, like `(July 2025)`.
pub(crate) fn yearless_date(i: &str) -> R<'_, DateAst<'_>> {
    let month_day = (month, ws, day).map(|((m, style), _, d)| (m, d, DateFormat::MonthDay(style)));
    let day_month = (day, ws, month).map(|(d, _, (m, style))| (d, m, DateFormat::DayMonth(style)));
    let (rest, (m, d, format)) = alt((month_day, day_month.map(|(d, m, f)| (m, d, f)))).parse(i)?;
    super::lex::word_end(rest)?;
    // "July 3, 2025" and "July 3 2025" are full dates; "3 July 2025" too.
    if (opt(char(',')), ws, digits(1, 4)).parse(rest).is_ok() {
        return fail(i);
    }
    Ok(ast(i, rest, PartialDate::yearless(m, d), format))
}

/// grammar: weekday_date
///
/// "Monday, July 3", "Tues., July 4, 2023", "Mon., 2023-07-03": news style's date after its
/// outlet, led by the day of the week; the date is the one after the weekday, its text the
/// whole.
pub(crate) fn weekday_date(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (_, _, _, d)) = (
        weekday,
        char(','),
        ws,
        alt((
            month_day_year,
            day_month_year,
            iso_date,
            yearless_date,
            month_year,
        )),
    )
        .parse(i)?;
    // A day of the week goes with a day. "Monday, July 2023" is read as the month it names
    // (invalid-citation-date says the day is missing), when the weekday cannot be a name:
    // "(Daily Mirror, Sun, July 2026)" is two papers.
    let month_after_weekday = d.date.precision == Precision::Month && plain_weekday(i);
    if !matches!(d.date.precision, Precision::Day | Precision::Yearless) && !month_after_weekday {
        return fail(i);
    }
    let len = i.len() - rest.len();
    Ok((
        rest,
        DateAst {
            text: &i[..len],
            ..d
        },
    ))
}

/// grammar: weekday_only
///
/// "Tuesday" in `(Reuters, Tuesday)`: AP style's date of the past week, the day of the week
/// alone. [`super::read_yearless_dates`] reads it as the last such day on or before the
/// publication date. Where it may stand (after a source and a comma, last in its citation) is
/// `std_item`'s to say.
pub(crate) fn weekday_only(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, _) = weekday(i)?;
    super::lex::word_end(rest)?;
    if !plain_weekday(i) {
        return fail(i);
    }
    let date = PartialDate {
        precision: Precision::Weekday,
        ..PartialDate::UNDATED
    };
    Ok(ast(i, rest, date, DateFormat::Weekday))
}

/// Whether the weekday `i` opens is written so that it can only be one: capitalised, and in
/// full, with its full stop (`Mon.`) or in four letters or more (`Tues`, `Thurs`). `Sun`,
/// `Wed` and `Sat` are words and papers too, and `mon` is no date.
fn plain_weekday(i: &str) -> bool {
    weekday(i).is_ok_and(|(_, w)| {
        w.starts_with(|c: char| c.is_ascii_uppercase()) && (w.ends_with('.') || w.len() > 3)
    })
}

/// grammar: weekday
pub(crate) fn weekday(i: &str) -> R<'_, &str> {
    let (rest, word) = recognize((
        take_while1(|c: char| c.is_ascii_alphabetic()),
        opt(char('.')),
    ))
    .parse(i)?;
    if !crate::dates::is_weekday(word) {
        return fail(i);
    }
    Ok((rest, word))
}

/// grammar: year_month_day
pub(crate) fn year_month_day(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (y, _, _, (m, _), day)) =
        (year4, char(','), ws, month, opt(preceded(ws, day))).parse(i)?;
    // "2020, April 2, 2020" is a year followed by a second full date, not this form.
    if (comma_sep, year4).parse(rest).is_ok() {
        return fail(i);
    }
    let date = match day {
        Some(d) => PartialDate::day(y, m, d),
        None => PartialDate::month(y, m),
    };
    Ok(ast(i, rest, date, DateFormat::YearMonthDay))
}

/// grammar: month_year
pub(crate) fn month_year(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, ((m, style), _, _, y)) = (month, opt(char(',')), ws, year4).parse(i)?;
    super::lex::word_end(rest)?;
    Ok(ast(
        i,
        rest,
        PartialDate::month(y, m),
        DateFormat::MonthYear(style),
    ))
}

/// grammar: iso_date
pub(crate) fn iso_date(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (y, _, m, d)) = (
        year4,
        char('-'),
        recognize((one_of("01"), satisfy(|c| c.is_ascii_digit()))),
        opt(preceded(char('-'), digits(2, 2))),
    )
        .parse(i)?;
    super::lex::word_end(rest)?;
    let m: i8 = m.parse().unwrap_or(0);
    // "2018-19" and "1999-00" have no month: when they read as a range of years, they are one.
    if d.is_none() && !(1..=12).contains(&m) && year_range(i).is_ok() {
        return fail(i);
    }
    let (date, format) = match d {
        Some(d) => (
            PartialDate::day(y, m, d.parse().unwrap_or(0)),
            DateFormat::IsoDay,
        ),
        None => (PartialDate::month(y, m), DateFormat::IsoMonth),
    };
    Ok(ast(i, rest, date, format))
}

/// grammar: season_year
pub(crate) fn season_year(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (s, _, y)) = (
        alt((
            kw("Spring"),
            kw("Summer"),
            kw("Fall"),
            kw("Autumn"),
            kw("Winter"),
        )),
        ws,
        year4,
    )
        .parse(i)?;
    super::lex::word_end(rest)?;
    let season = match s {
        "Spring" => Season::Spring,
        "Summer" => Season::Summer,
        "Winter" => Season::Winter,
        _ => Season::Fall,
    };
    let date = PartialDate {
        season: Some(season),
        precision: Precision::Season,
        ..PartialDate::year(y)
    };
    Ok(ast(i, rest, date, DateFormat::Season))
}

/// grammar: quarter_year
pub(crate) fn quarter_year(i: &str) -> R<'_, DateAst<'_>> {
    let q_short = preceded(char('Q'), one_of("1234"));
    let q_words = (
        alt((
            kw("first"),
            kw("second"),
            kw("third"),
            kw("fourth"),
            kw("First"),
            kw("Second"),
            kw("Third"),
            kw("Fourth"),
        )),
        ws,
        kw("quarter"),
        opt((ws, kw("of"))),
    );
    let (rest, q) = alt((
        q_short.map(|c: char| c as i8 - b'0' as i8),
        q_words.map(
            |(w, ..): (&str, _, _, _)| match w.to_ascii_lowercase().as_str() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                _ => 4,
            },
        ),
    ))
    .parse(i)?;
    let (rest, (_, y)) = (ws, year4).parse(rest)?;
    super::lex::word_end(rest)?;
    let date = PartialDate {
        quarter: Some(q),
        precision: Precision::Quarter,
        ..PartialDate::year(y)
    };
    Ok(ast(i, rest, date, DateFormat::Quarter))
}

/// grammar: half_year
pub(crate) fn half_year(i: &str) -> R<'_, DateAst<'_>> {
    let h_short = preceded(char('H'), one_of("12")).map(|c: char| c as i8 - b'0' as i8);
    let h_words = (
        alt((kw("first"), kw("First"), kw("second"), kw("Second"))),
        ws,
        kw("half"),
        opt((ws, kw("of"))),
    )
        .map(|(w, ..): (&str, _, _, _)| {
            if w.eq_ignore_ascii_case("first") {
                1
            } else {
                2
            }
        });
    let (rest, (h, _, y)) = (alt((h_short, h_words)), ws, year4).parse(i)?;
    super::lex::word_end(rest)?;
    let date = PartialDate {
        half: Some(h),
        precision: Precision::Half,
        ..PartialDate::year(y)
    };
    Ok(ast(i, rest, date, DateFormat::Half))
}

/// grammar: republished
pub(crate) fn republished(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (_, _, y)) = (year4, char('/'), year4).parse(i)?;
    super::lex::word_end(rest)?;
    Ok(ast(i, rest, PartialDate::year(y), DateFormat::Republished))
}

/// The longest span a cited work's years may cover. "2019–2020" is a work published over two
/// years; "1832–1920" is a life, a term of office or a period, never the date of a work.
pub const MAX_RANGE_YEARS: i16 = 10;

/// grammar: year_range
pub(crate) fn year_range(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (first, _, end)) = (
        year4,
        dash,
        alt((
            year4.map(Some),
            digits(2, 2).map(|d: &str| d.parse::<i16>().ok()),
        )),
    )
        .parse(i)?;
    super::lex::word_end(rest)?;
    let Some(end) = end else { return fail(i) };
    let last = if end >= 100 {
        end
    } else {
        // "2019–20" is 2020 and "1999–00" is 2000: the end in the first year's century, or
        // the next one when that would come first.
        let same_century = first - first % 100 + end;
        if same_century < first {
            same_century + 100
        } else {
            same_century
        }
    };
    // A backwards range ("2020–2019") still parses, and `date_problem` reports it; a long one,
    // either way round, is no date of a work.
    if (last - first).abs() > MAX_RANGE_YEARS {
        return fail(i);
    }
    let date = PartialDate {
        first_year: Some(first),
        precision: Precision::Years,
        ..PartialDate::year(last)
    };
    Ok(ast(i, rest, date, DateFormat::YearRange))
}

/// grammar: circa
pub(crate) fn circa(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (_, _, y)) = (
        alt((
            tag("circa"),
            tag("Circa"),
            tag("ca."),
            tag("Ca."),
            tag("c."),
        )),
        ows,
        year4,
    )
        .parse(i)?;
    super::lex::word_end(rest)?;
    let date = PartialDate {
        precision: Precision::Circa,
        ..PartialDate::year(y)
    };
    Ok(ast(i, rest, date, DateFormat::Circa))
}

/// grammar: year
pub(crate) fn year(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, y) = year4(i)?;
    // A year is not the start of a range ("1998–2004") or a decimal; "2020:45" is a year and
    // its page (`colon_sep`).
    if peek((dash, satisfy(|c: char| c.is_ascii_digit())))
        .parse(rest)
        .is_ok()
        || rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return fail(i);
    }
    let (rest, suffix) = opt(suffix_letter).parse(rest)?;
    super::lex::word_end(rest)?;
    let (rest, mut a) = ast(i, rest, PartialDate::year(y), DateFormat::Year);
    a.suffix = suffix;
    Ok((rest, a))
}

fn suffix_letter(i: &str) -> R<'_, char> {
    let (rest, c) = satisfy(|c| c.is_ascii_lowercase()).parse(i)?;
    not(satisfy(|c| c.is_alphabetic())).parse(rest)?;
    Ok((rest, c))
}

/// grammar: no_date
pub(crate) fn no_date(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, _) = alt((tag("n.d."), tag("n. d."))).parse(i)?;
    let (rest, suffix) = opt(preceded(char('-'), suffix_letter)).parse(rest)?;
    let (rest, mut a) = ast(i, rest, PartialDate::UNDATED, DateFormat::Undated);
    a.suffix = suffix;
    Ok((rest, a))
}

/// grammar: in_press
pub(crate) fn in_press(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, _) = (kw("in"), ws, kw("press")).parse(i)?;
    let (rest, suffix) = opt(preceded(char('-'), suffix_letter)).parse(rest)?;
    let (rest, mut a) = ast(i, rest, PartialDate::UNDATED, DateFormat::Undated);
    a.suffix = suffix;
    Ok((rest, a))
}

/// grammar: forthcoming
pub(crate) fn forthcoming(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, _) = kw("forthcoming")(i)?;
    Ok(ast(i, rest, PartialDate::UNDATED, DateFormat::Undated))
}

/// grammar: misspelled_date
pub(crate) fn misspelled_date(i: &str) -> R<'_, DateAst<'_>> {
    let (rest, (word, m)) = near_month(i)?;
    let (rest, (d, _, y)) =
        (opt((ws, day, opt(char(','))).map(|(_, d, _)| d)), ws, year4).parse(rest)?;
    super::lex::word_end(rest)?;
    let (date, format) = match d {
        Some(d) => (
            PartialDate::day(y, m, d),
            DateFormat::MonthDayYear(MonthStyle::Full),
        ),
        None => (
            PartialDate::month(y, m),
            DateFormat::MonthYear(MonthStyle::Full),
        ),
    };
    let (rest, mut a) = ast(i, rest, date, format);
    a.misspelled = Some((word, m));
    Ok((rest, a))
}

/// grammar: near_month
pub(crate) fn near_month(i: &str) -> R<'_, (&str, i8)> {
    let (rest, word) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)?;
    super::lex::word_end(rest)?;
    match nearest_month(word) {
        Some(m) => Ok((rest, (word, m))),
        None => fail(i),
    }
}

/// The month a capitalised word that is not a month name most likely misspells: one edit for
/// words of up to five letters, two for longer ones.
pub(crate) fn nearest_month(word: &str) -> Option<i8> {
    if !(4..=10).contains(&word.len())
        || !word.starts_with(|c: char| c.is_ascii_uppercase())
        || month_from_name(word).is_some()
    {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let limit = if word.len() <= 5 { 1 } else { 2 };
    let mut best: Option<(usize, i8)> = None;
    for (k, name) in MONTH_NAMES.iter().enumerate() {
        let d = edit_distance(&lower, &name.to_ascii_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k as i8 + 1));
        }
    }
    best.map(|(_, m)| m)
}

/// Levenshtein distance over bytes; both words are short ASCII.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (x, ca) in a.iter().enumerate() {
        cur[0] = x + 1;
        for (y, cb) in b.iter().enumerate() {
            let sub = prev[y] + usize::from(ca != cb);
            cur[y + 1] = sub.min(prev[y + 1] + 1).min(cur[y] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// What is wrong with a parsed date, if anything: `(message, help)`.
pub(crate) fn date_problem(d: &DateAst<'_>) -> Option<(String, String)> {
    if let Some((word, m)) = d.misspelled {
        let name = month_name(m);
        let fixed = d.text.replacen(word, name, 1);
        let fixed = super::lex::squash(&fixed);
        return Some((
            format!("\"{word}\" is not a month name"),
            format!("did you mean \"{fixed}\"?"),
        ));
    }
    if d.format == DateFormat::YearRange
        && let (Some(first), Some(last)) = (d.date.first_year, d.date.year)
        && last < first
    {
        let text = super::lex::squash(d.text);
        return Some((
            format!("\"{text}\" ends before it starts: {last} comes before {first}"),
            format!("write the earlier year first: \"{last}–{first}\""),
        ));
    }
    if d.date.precision == Precision::Yearless {
        return yearless_problem(d);
    }
    let (y, m) = (d.date.year?, d.date.month?);
    if !(1..=12).contains(&m) {
        let fixed = format!("{y}-12");
        return Some((
            format!("\"{}\" has no month {m}: months run from 01 to 12", d.text),
            format!("did you mean \"{fixed}\"?"),
        ));
    }
    if d.date.precision == Precision::Month
        && let Some(prefix) = crate::dates::weekday_prefix(d.text)
    {
        let month = super::lex::squash(d.text.get(prefix.len()..).unwrap_or(d.text));
        let word = prefix.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
        let named = crate::dates::weekday_from_name(word)?;
        let first = jiff::civil::Date::new(y, m, 1)
            .ok()?
            .nth_weekday_of_month(1, named)
            .ok()?;
        let example = if d.format == DateFormat::IsoMonth {
            format!("{word}, {y:04}-{m:02}-{:02}", first.day())
        } else {
            format!("{word}, {} {}, {y}", month_name(m), first.day())
        };
        return Some((
            format!(
                "\"{}\" names a day of the week but not the day of the month",
                super::lex::squash(d.text)
            ),
            format!(
                "add the day (\"{example}\" is the month's first {}), or write the month \
                 alone (\"{month}\")",
                crate::dates::weekday_name(named)
            ),
        ));
    }
    if d.date.precision != Precision::Day {
        return None;
    }
    let day = d.date.day?;
    let first = jiff::civil::Date::new(y, m, 1).ok()?;
    let last = first.last_of_month().day();
    if day <= last {
        return weekday_problem(d.text, jiff::civil::Date::new(y, m, day).ok()?, false);
    }
    let name = month_name(m);
    let fixed = with_day(d.text, day, last);
    let fixed =
        jiff::civil::Date::new(y, m, last).map_or(fixed.clone(), |date| with_weekday(&fixed, date));
    let fixed = super::lex::squash(&fixed);
    let why = if m == 2 && last == 28 {
        format!("{y} is not a leap year, so February has 28 days")
    } else {
        format!("{name} has {last} days")
    };
    Some((
        format!("\"{}\" does not exist: {why}", super::lex::squash(d.text)),
        format!("{name} has {last} days: did you mean \"{fixed}\"?"),
    ))
}

/// "Monday, July 3, 2025" when July 3, 2025 was a Thursday: `text` as written, `date` as read;
/// `inferred_year` when the text has no year and `date`'s is the one it falls in.
pub(crate) fn weekday_problem(
    text: &str,
    date: jiff::civil::Date,
    inferred_year: bool,
) -> Option<(String, String)> {
    let (named, was) = crate::dates::wrong_weekday(text, date)?;
    let when = format!(
        "{} {}, {}",
        month_name(date.month()),
        date.day(),
        date.year()
    );
    let year_note = if inferred_year {
        ", the year it falls in,"
    } else {
        ""
    };
    let help = if inferred_year {
        "check which is wrong, the day of the week or the date; a date from another year needs \
         its year written out"
    } else {
        "check which is wrong, the day of the week or the date"
    };
    Some((
        format!(
            "\"{}\" names the wrong day of the week: {when}{year_note} was a {}, not a {}",
            super::lex::squash(text),
            crate::dates::weekday_name(was),
            crate::dates::weekday_name(named),
        ),
        help.to_string(),
    ))
}

/// `text` with the day of the week that opens it (if one does) made `date`'s, written the way
/// the original was (in full, or abbreviated with or without a full stop): a suggested date
/// must not come with a weekday it did not fall on.
pub(crate) fn with_weekday(text: &str, date: jiff::civil::Date) -> String {
    let Some(prefix) = crate::dates::weekday_prefix(text) else {
        return text.to_string();
    };
    let word = prefix.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    let bare = word.trim_end_matches('.');
    let full = crate::dates::weekday_name(date.weekday());
    let mut day = if bare.len() > 5 {
        full.to_string()
    } else {
        full.get(..3).unwrap_or(full).to_string()
    };
    if word.ends_with('.') {
        day.push('.');
    }
    format!("{day}{}", &text[word.len()..])
}

/// `February 30`, `April 31`: a day that no year has.
fn yearless_problem(d: &DateAst<'_>) -> Option<(String, String)> {
    let (m, day) = (d.date.month?, d.date.day?);
    // 2024 is a leap year: its months are as long as any year's.
    let last = jiff::civil::Date::new(2024, m, 1)
        .ok()?
        .last_of_month()
        .day();
    if day <= last {
        return None;
    }
    let name = month_name(m);
    let fixed = super::lex::squash(&with_day(d.text, day, last));
    Some((
        format!(
            "\"{}\" does not exist: {name} never has more than {last} days",
            super::lex::squash(d.text)
        ),
        format!("did you mean \"{fixed}\"?"),
    ))
}

/// `text` with its day `day` (and any ordinal ending: "31st") written as `new`: the day is the
/// first run of digits that reads as `day`, so the year's digits are never touched.
pub(crate) fn with_day(text: &str, day: i8, new: i8) -> String {
    let mut from = 0;
    while let Some(k) = text[from..].find(|c: char| c.is_ascii_digit()) {
        let start = from + k;
        let len = text[start..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len() - start);
        let end = start + len;
        if text[start..end].parse::<i8>().ok() == Some(day) {
            let suffix = text[end..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(text.len() - end);
            return format!("{}{new}{}", &text[..start], &text[end + suffix..]);
        }
        from = end;
    }
    text.to_string()
}

fn month_name(m: i8) -> &'static str {
    MONTH_NAMES
        .get(usize::try_from(m - 1).unwrap_or(0))
        .copied()
        .unwrap_or("January")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_date_comes_with_its_own_weekday() {
        let cases = [
            (
                "Friday, June 30, 2025",
                (2025, 6, 30),
                "Monday, June 30, 2025",
            ),
            ("Fri., Feb. 28", (2025, 2, 28), "Fri., Feb. 28"),
            ("Tues., Feb. 29, 2024", (2024, 2, 29), "Thu., Feb. 29, 2024"),
            ("Mon, June 30, 2025", (2025, 6, 30), "Mon, June 30, 2025"),
            ("June 30, 2025", (2025, 6, 30), "June 30, 2025"),
        ];
        for (text, (y, m, day), expected) in cases {
            assert_eq!(with_weekday(text, jiff::civil::date(y, m, day)), expected);
        }
        let ast = weekday_date("Friday, June 31, 2025").map(|(_, a)| a);
        let (message, help) = date_problem(&ast.expect("parses")).expect("a problem");
        assert!(message.contains("June has 30 days"), "{message}");
        assert!(help.contains("\"Monday, June 30, 2025\""), "{help}");
    }

    /// `may_open_date` holds wherever a date or a yearless date parses: at the start of every
    /// word of the fixtures and of every form the date grammar reads.
    #[test]
    fn every_date_is_opened_as_may_open_date_says() {
        let parses = |x: &str| date(x).is_ok() || yearless_date(x).is_ok();
        let mut inputs: Vec<String> = [
            "Q1 2020",
            "H2 2021",
            "first quarter of 2020",
            "Fourth quarter 2019",
            "Second half 2019",
            "second half of 2018",
            "circa 1990",
            "Circa 1990",
            "ca. 1990",
            "Ca. 1990",
            "c. 1990",
            "n.d.",
            "n. d.-b",
            "in press",
            "in press-a",
            "forthcoming",
            "Spring 2020",
            "Fall 2019",
            "Autumn 2019",
            "Winter 2021",
            "Summer 2022",
            "2020-05",
            "2020-05-04",
            "2020/2021",
            "2019–20",
            "2019-2020",
            "2020a",
            "July 3",
            "3 July",
            "3rd July",
            "Sept. 4",
            "Sept 4, 2020",
            "May 2020",
            "May. 2020",
            "Jul. 2020",
            "2020, May 4",
            "4 May 2020",
            "December 31, 1999",
            "JULY 2020",
            "july 2020",
        ]
        .map(String::from)
        .to_vec();
        for text in crate::fixture_texts() {
            for line in text.lines() {
                let mut at_start = true;
                for (k, c) in line.char_indices() {
                    if at_start && !c.is_whitespace() {
                        inputs.push(line[k..].to_string());
                    }
                    at_start = c.is_whitespace() || c == '(';
                }
            }
        }
        crate::assert_same_answers(
            &inputs,
            |x| may_open_date(x) && parses(x),
            parses,
            |found| usize::from(*found),
            500,
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        /// The same on strings made of the date grammar's own pieces in any order: every one
        /// that parses as a date is one `may_open_date` lets through.
        #[test]
        fn no_generated_date_is_refused_by_may_open_date(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "July 3", "3 July", "3rd July", "July", "jul", "Sept.", "Sept 4", "May.",
                    "Dec", "2020", "2019–20", "2019-2020", "2020-05", "2020-05-04", "2020/2021",
                    "Q1", "H2", "first quarter", "Second half", "quarter", "Fall", "Spring",
                    "Winter", "circa", "ca.", "Ca.", "c.", "n.d.", "n. d.", "in press",
                    "forthcoming", " ", ", ", " of ", "-b", "a", "X", "é", "\u{212a}",
                    "Monday, ", "(", ")",
                ]),
                1..6,
            )
        ) {
            let x: String = pieces.concat();
            if date(&x).is_ok() || yearless_date(&x).is_ok() {
                proptest::prop_assert!(may_open_date(&x), "{x:?}");
            }
        }
    }

    #[test]
    fn a_suggested_day_replaces_the_day_and_its_ending() {
        assert_eq!(with_day("Sept. 31st", 31, 30), "Sept. 30");
        assert_eq!(with_day("June 31, 2031", 31, 30), "June 30, 2031");
        assert_eq!(with_day("31 April", 31, 30), "30 April");
        assert_eq!(with_day("2025-06-31", 31, 30), "2025-06-30");
    }

    #[test]
    fn yearless_dates() {
        fn got(s: &str) -> Result<(&str, PartialDate, DateFormat), ()> {
            yearless_date(s)
                .map(|(rest, d)| (rest, d.date, d.format))
                .map_err(|_| ())
        }
        assert_eq!(
            got("July 3"),
            Ok((
                "",
                PartialDate::yearless(7, 3),
                DateFormat::MonthDay(MonthStyle::Full)
            ))
        );
        assert_eq!(
            got("3 Sept."),
            Ok((
                "",
                PartialDate::yearless(9, 3),
                DateFormat::DayMonth(MonthStyle::AbbrevDot)
            ))
        );
        assert_eq!(got("Aug. 4, p. 2").map(|(rest, ..)| rest), Ok(", p. 2"));
        // With a year they are full dates, which `date` reads.
        for full in [
            "July 3, 2025",
            "July 3 2025",
            "3 July 2025",
            "July 2025",
            "July",
        ] {
            assert!(got(full).is_err(), "{full}");
        }
    }

    fn one(s: &str) -> DateAst<'_> {
        match date(s) {
            Ok(("", d)) => d,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn forms_and_formats() {
        assert_eq!(
            one("July 2025").format,
            DateFormat::MonthYear(MonthStyle::Full)
        );
        assert_eq!(
            one("Jul. 14, 2025").format,
            DateFormat::MonthDayYear(MonthStyle::AbbrevDot)
        );
        assert_eq!(one("14 July 2025").date, PartialDate::day(2025, 7, 14));
        assert_eq!(one("2025-07-14").format, DateFormat::IsoDay);
        assert_eq!(one("2025-07").date, PartialDate::month(2025, 7));
        assert_eq!(one("Spring 2025").date.precision, Precision::Season);
        assert_eq!(one("Q2 2025").date.quarter, Some(2));
        assert_eq!(one("second quarter of 2025").date.quarter, Some(2));
        assert_eq!(one("1900/1953").date, PartialDate::year(1953));
        assert_eq!(one("2020a").suffix, Some('a'));
        assert_eq!(one("n.d.-b").suffix, Some('b'));
        assert_eq!(one("in press").format, DateFormat::Undated);
        assert_eq!(one("2020, July 14").format, DateFormat::YearMonthDay);
    }

    #[test]
    fn look_alikes_are_not_dates() {
        // A range of more than ten years is a life or a period ("1832–1920"), "2019–2118" a
        // typo for "2019–18" read in the next century.
        for s in [
            "1832–1920",
            "2019–18",
            "1920–1832",
            "Mayo 2020",
            "may 2020",
            "12345",
            "3.5",
            "2252",
            "H3 2025",
            "third half of 2025",
            "c.1850s",
        ] {
            assert!(!matches!(date(s), Ok(("", _))), "{s}");
        }
    }

    #[test]
    fn ranges_circa_and_halves() {
        let years = |first: i16, last: i16| PartialDate {
            first_year: Some(first),
            precision: Precision::Years,
            ..PartialDate::year(last)
        };
        let r = one("2019–2020");
        assert_eq!(
            (r.format, r.date),
            (DateFormat::YearRange, years(2019, 2020))
        );
        assert_eq!(one("2019-20").date, years(2019, 2020));
        assert_eq!(one("1999–00").date, years(1999, 2000));
        assert_eq!(one("2015—2025").date, years(2015, 2025));
        // A hyphenated pair with no month in it is a range; with one, ISO wins, as it always has.
        assert_eq!(one("2018-19").date, years(2018, 2019));
        assert_eq!(one("1999-00").date, years(1999, 2000));
        assert_eq!(one("2019-11").format, DateFormat::IsoMonth);
        assert_eq!(one("2025-13").format, DateFormat::IsoMonth);
        for c in [
            "c. 1850",
            "ca. 1850",
            "circa 1850",
            "c.1850",
            "Circa 1850",
            "Ca. 1850",
        ] {
            let d = one(c);
            assert_eq!(
                (d.format, d.date.year, d.date.precision),
                (DateFormat::Circa, Some(1850), Precision::Circa),
                "{c}"
            );
        }
        for (h, n, y) in [
            ("H1 2025", 1, 2025),
            ("second half of 2024", 2, 2024),
            ("First half 2023", 1, 2023),
        ] {
            let d = one(h);
            assert_eq!(d.format, DateFormat::Half, "{h}");
            assert_eq!(
                (d.date.half, d.date.year, d.date.precision),
                (Some(n), Some(y), Precision::Half),
                "{h}"
            );
        }
        // A list takes a range after a year: "(Lee, 2017, 2019–2020)", but not one that starts
        // before it, which is a page range ("(Smith 2016, 1536–38)").
        let (rest, ds) = date_list("2017, 2019–2020").unwrap();
        assert_eq!((rest, ds.len()), ("", 2));
        let (rest, ds) = date_list("2016, 1536–38").unwrap();
        assert_eq!((rest, ds.len()), (", 1536–38", 1));
    }

    #[test]
    fn a_backwards_range_parses_and_is_reported() {
        let d = one("2021–2019");
        assert_eq!((d.date.first_year, d.date.year), (Some(2021), Some(2019)));
        let (msg, help) = date_problem(&d).unwrap();
        assert_eq!(
            msg,
            "\"2021–2019\" ends before it starts: 2019 comes before 2021"
        );
        assert_eq!(help, "write the earlier year first: \"2019–2021\"");
        assert!(date_problem(&one("2019–2021")).is_none());
        assert!(date_problem(&one("2020–2020")).is_none());
    }

    #[test]
    fn lists_stop_before_pages() {
        let (rest, ds) = date_list("2009, 2252").unwrap();
        assert_eq!(ds.len(), 1);
        assert_eq!(rest, ", 2252");
        let (rest, ds) = date_list("n.d., 2017a, 2017b, in press").unwrap();
        assert_eq!((rest, ds.len()), ("", 4));
    }

    #[test]
    fn impossible_dates_parse_and_are_reported() {
        let (msg, help) = date_problem(&one("June 31, 2025")).unwrap();
        assert!(msg.contains("June has 30 days"), "{msg}");
        assert_eq!(help, "June has 30 days: did you mean \"June 30, 2025\"?");
        let (msg, _) = date_problem(&one("February 29, 2025")).unwrap();
        assert!(msg.contains("not a leap year"), "{msg}");
        assert!(date_problem(&one("February 29, 2024")).is_none());
        let (msg, _) = date_problem(&one("2025-13")).unwrap();
        assert!(msg.contains("no month 13"), "{msg}");
        assert!(date_problem(&one("July 2025")).is_none());
    }

    #[test]
    fn misspelled_months() {
        assert_eq!(nearest_month("Jully"), Some(7));
        assert_eq!(nearest_month("Agust"), Some(8));
        assert_eq!(nearest_month("Febuary"), Some(2));
        assert_eq!(nearest_month("July"), None);
        assert_eq!(nearest_month("Smith"), None);
        let (_, d) = misspelled_date("Jully 2025").unwrap();
        let (msg, help) = date_problem(&d).unwrap();
        assert_eq!(msg, "\"Jully\" is not a month name");
        assert_eq!(help, "did you mean \"July 2025\"?");
    }
}
