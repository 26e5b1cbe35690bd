//! Dates named in prose, and the tense of the clause that names them.
//!
//! [`find_dates`] finds the dates a sentence names outside its citations — "in June 2025",
//! "on August 12, 2025", "Aug. 12", "2025-08-12", "Q2 2025", "spring 2025", "in 2024", "last
//! month", "this week" — each with its byte span and its interval, the same model as citation
//! dates ([`crate::dates`]). Year-less dates ("July 3") and relative ones ("last month") are
//! resolved against the publication date and say so in [`DateKind`]; without a publication date
//! they are left out rather than guessed.
//!
//! [`clause_of`], [`is_forward_looking`] and [`has_past_tense`] tell the date rules whether a
//! date is an event the sentence reports as past ("expired on August 12") or one it looks
//! forward to ("is set to expire on August 12"). They are word-list heuristics tuned for
//! precision: when unsure, a clause is not called past. Deciding what to report is left to the
//! rules.

use crate::dates::{Interval, PartialDate, Precision, Season, month_from_name};
use crate::pattern::{Captures, Short};
use crate::source::Span;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use std::sync::LazyLock;

/// How a prose date was pinned to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// Written in full ("June 2025", "August 12, 2025", "in 2024").
    Absolute,
    /// A month or day without a year ("July 3", "in June"), given the year nearest the
    /// publication date.
    YearInferred,
    /// "last month", "this week", "yesterday": counted from the publication date.
    Relative,
}

/// A date named in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProseDate {
    /// The date's words ("June 2025", "last month"), not the preposition before them.
    pub span: Span,
    /// The calendar date, when it has a precision of its own ("this week" has none).
    pub date: Option<PartialDate>,
    /// The first and last day it can mean.
    pub interval: Interval,
    pub kind: DateKind,
}

impl ProseDate {
    /// The date for people: "June 2025", "the week of August 11, 2025".
    pub fn describe(&self) -> String {
        match self.date {
            Some(d) => d.describe(),
            None => format!(
                "the week of {}",
                crate::dates::describe_date(self.interval.0)
            ),
        }
    }
}

const MONTH: &str = "(January|February|March|April|May|June|July|August|September|October|\
November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b\\.?";
const MONTH_FULL: &str = "(January|February|March|April|May|June|July|August|September|\
October|November|December)\\b";

/// Compiles one of the module's patterns, each searched in one sentence or clause at a time
/// (see [`Short`]: no reverse automaton, whose states cost more than the searches on short
/// texts).
fn re(pattern: &str) -> Short {
    // The patterns are constants of this module; a typo is caught by the unit tests.
    Short::new(&crate::claims::ascii_word_boundaries(pattern))
        .unwrap_or_else(|e| panic!("prose date pattern {pattern:?}: {e}"))
}

/// "August 12, 2025", "Aug. 12 2025", "August 12th, 2025".
static MDY: LazyLock<Short> = LazyLock::new(|| {
    re(&format!(
        r"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
});
/// "12 August 2025".
static DMY: LazyLock<Short> = LazyLock::new(|| {
    re(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
});
static ISO_DAY: LazyLock<Short> = LazyLock::new(|| re(r"\b(\d{4})-(\d{2})-(\d{2})\b"));
/// Quarters and halves of a year: "Q2 2025", "the third quarter of 2024", "H1 2025", "the
/// second half of 2024" (one pattern: each costs start-up time).
static QUARTER: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"\b(?:([QH])([1-4])\s+(\d{4})|(?i:the\s+)?(?i:(first|second|third|fourth))\s+(?i:(quarter|half))\s+of\s+(\d{4}))\b",
    )
});
static SEASON: LazyLock<Short> =
    LazyLock::new(|| re(r"\b(?i:(spring|summer|fall|autumn|winter))\s+(?:of\s+)?(\d{4})\b"));
/// "June 2025", "June of 2025".
static MONTH_YEAR: LazyLock<Short> =
    LazyLock::new(|| re(&format!(r"\b{MONTH}\s+(?:of\s+)?(\d{{4}})\b")));
static ISO_MONTH: LazyLock<Short> = LazyLock::new(|| re(r"\b(\d{4})-(\d{2})\b"));
/// "July 3", "Aug. 12" (no year).
static MONTH_DAY: LazyLock<Short> =
    LazyLock::new(|| re(&format!(r"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")));
/// "3 July" (no year; full month names only, "3 Mar" is too often something else).
static DAY_MONTH: LazyLock<Short> =
    LazyLock::new(|| re(&format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_FULL}")));
/// "in 2024", "since early 2023": a bare number is a year only after such a word.
static YEAR: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"\b(?i:in|since|during|through|throughout|until|by|from|before|after|early|late|mid-)\s*(?i:(?:early|late|mid-)\s*)?(\d{4})\b",
    )
});
/// "in June", "last July": a month alone is a date only after such a word.
static MONTH_ALONE: LazyLock<Short> = LazyLock::new(|| {
    re(&format!(
        r"\b(?i:(in|since|during|through|until|by|from|early|late|mid-|last|this|next|on))\s+{MONTH_FULL}"
    ))
});
static RELATIVE: LazyLock<Short> = LazyLock::new(|| {
    re(r"\b(?i:(yesterday)|(last|this|next|earlier\s+this)\s+(week|month|year))\b")
});

/// The length of the longest run of numeric characters in `text` outside what `taken` marks
/// (per byte: a citation), up to 4. Numeric characters are a superset of the Unicode decimal
/// digits the patterns' `\d` matches, so a pattern needing four of them in a row cannot match
/// where this is less than 4; and no run crosses into a citation, which begins with a letter or
/// a parenthesis and ends with one, so a run inside a citation gives only matches that overlap
/// it, which are dropped anyway.
fn longest_number(text: &str, taken: &[bool]) -> usize {
    let mut run = 0;
    let mut best = 0;
    for (i, c) in text.char_indices() {
        let free = !taken.get(i).copied().unwrap_or(true);
        run = if free && c.is_numeric() { run + 1 } else { 0 };
        best = best.max(run);
        if best >= 4 {
            break;
        }
    }
    best
}

/// The first three letters of every name `MONTH` and `MONTH_FULL` match (`Sept` and `Sep`
/// included).
const MONTH_HEADS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// Whether `text` holds the first three letters of a month's name outside what `taken` marks.
/// A date found by a pattern with a month holds the month's name, and one that overlaps
/// `taken` is dropped, so without this none of those patterns can find a date.
fn names_a_month(text: &str, taken: &[bool]) -> bool {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(2)).any(|i| {
        matches!(b[i], b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D')
            && b.get(i..i + 3).is_some_and(|w| MONTH_HEADS.contains(&w))
            && taken.get(i..i + 3).is_some_and(|t| !t.contains(&true))
    })
}

/// Finds the dates named in `text[range]`, skipping anything inside `masked` (citations).
/// `published` resolves year-less and relative dates; without it they are skipped.
pub fn find_dates(
    text: &str,
    range: Span,
    masked: &[Span],
    published: Option<Date>,
) -> Vec<ProseDate> {
    find_dates_with(text, range, masked, published, true)
}

/// [`find_dates`], with the look for a month's name before the patterns that need one
/// (`month_check`) or without it (the plain search it must agree with).
fn find_dates_with(
    text: &str,
    range: Span,
    masked: &[Span],
    published: Option<Date>,
    month_check: bool,
) -> Vec<ProseDate> {
    let Some(slice) = text.get(range.start..range.end) else {
        return Vec::new();
    };
    let mut found: Vec<ProseDate> = Vec::new();
    let mut taken = Occupied::new(range, masked);
    let mut push = |span: Span, date: Option<PartialDate>, interval, kind, taken: &mut Occupied| {
        taken.take(span);
        found.push(ProseDate {
            span,
            date,
            interval,
            kind,
        });
    };
    // Every form but a month alone and a relative date holds a number, and all the absolute
    // ones a year of four digits: one look at the text spares most claims most of the searches
    // (each search has a start-up cost that, on a sentence, is much of its time).
    let digits = longest_number(slice, &taken.bytes);
    // Six patterns need a month's name; a cited claim's months are mostly in its citation.
    let months = !month_check || names_a_month(slice, &taken.bytes);
    // Longest forms first; a shorter form never claims words a longer one took. The flag: the
    // pattern needs a month's name.
    let absolute: [(&LazyLock<Short>, bool, Build); 7] = [
        (&MDY, true, |c| {
            day_date(num(c, 3)?, c.get(1)?.as_str(), num(c, 2)?)
        }),
        (&DMY, true, |c| {
            day_date(num(c, 3)?, c.get(2)?.as_str(), num(c, 1)?)
        }),
        (&ISO_DAY, false, |c| {
            Some(PartialDate::day(num(c, 1)?, num(c, 2)?, num(c, 3)?))
        }),
        (&QUARTER, false, quarter_date),
        (&SEASON, false, season_date),
        (&MONTH_YEAR, true, |c| {
            Some(PartialDate::month(
                num(c, 2)?,
                month_from_name(c.get(1)?.as_str())?.0,
            ))
        }),
        (&ISO_MONTH, false, |c| {
            Some(PartialDate::month(num(c, 1)?, num(c, 2)?))
        }),
    ];
    for (regex, needs_month, build) in absolute {
        if digits < 4 {
            break;
        }
        if needs_month && !months {
            continue;
        }
        for c in regex.captures_iter(slice) {
            let Some(m) = c.get(0) else { continue };
            let span = Span::new(m.start(), m.end()).offset(range.start);
            if !taken.free(span) || followed_by_range(slice, m.end()) {
                continue;
            }
            if let Some(d) = build(&c)
                && let Some(iv) = d.interval()
            {
                push(span, Some(d), iv, DateKind::Absolute, &mut taken);
            }
        }
    }
    let years = (digits >= 4).then(|| YEAR.captures_iter(slice));
    for c in years.into_iter().flatten() {
        let Some(y) = c.get(1) else { continue };
        let span = Span::new(y.start(), y.end()).offset(range.start);
        if !taken.free(span) || followed_by_range(slice, y.end()) {
            continue;
        }
        let Some(year) = y
            .as_str()
            .parse::<i16>()
            .ok()
            .filter(|y| (1000..3000).contains(y))
        else {
            continue;
        };
        let d = PartialDate::year(year);
        if let Some(iv) = d.interval() {
            push(span, Some(d), iv, DateKind::Absolute, &mut taken);
        }
    }
    let Some(p) = published else {
        found.sort_by_key(|d| d.span);
        return found;
    };
    let yearless: [(&LazyLock<Short>, usize, usize); 2] = [(&MONTH_DAY, 1, 2), (&DAY_MONTH, 2, 1)];
    for (regex, mi, di) in yearless {
        if digits == 0 || !months {
            break;
        }
        for c in regex.captures_iter(slice) {
            let (Some(m), Some(mon), Some(day)) = (c.get(0), c.get(mi), c.get(di)) else {
                continue;
            };
            let span = Span::new(m.start(), m.end()).offset(range.start);
            if !taken.free(span) {
                continue;
            }
            let (Some((month, _)), Ok(day)) = (month_from_name(mon.as_str()), day.as_str().parse())
            else {
                continue;
            };
            let Some(d) = nearest(p, |y| PartialDate::day(y, month, day), None) else {
                continue;
            };
            if let Some(iv) = d.interval() {
                push(span, Some(d), iv, DateKind::YearInferred, &mut taken);
            }
        }
    }
    let alone = months.then(|| MONTH_ALONE.captures_iter(slice));
    for c in alone.into_iter().flatten() {
        let (Some(word), Some(mon)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let span = Span::new(mon.start(), mon.end()).offset(range.start);
        if !taken.free(span) {
            continue;
        }
        let Some((month, _)) = month_from_name(mon.as_str()) else {
            continue;
        };
        let direction = match word.as_str().to_ascii_lowercase().as_str() {
            "last" => Some(false),
            "next" => Some(true),
            _ => None,
        };
        let Some(d) = nearest(p, |y| PartialDate::month(y, month), direction) else {
            continue;
        };
        if let Some(iv) = d.interval() {
            push(span, Some(d), iv, DateKind::YearInferred, &mut taken);
        }
    }
    for c in RELATIVE.captures_iter(slice) {
        let Some(m) = c.get(0) else { continue };
        let span = Span::new(m.start(), m.end()).offset(range.start);
        if !taken.free(span) {
            continue;
        }
        let which = c.get(2).map(|w| w.as_str().to_ascii_lowercase());
        let unit = c.get(3).map(|w| w.as_str().to_ascii_lowercase());
        if let Some((date, iv)) = relative(p, which.as_deref(), unit.as_deref()) {
            push(span, date, iv, DateKind::Relative, &mut taken);
        }
    }
    found.sort_by_key(|d| d.span);
    found
}

/// Turns a match of one of the absolute patterns into a date.
type Build = fn(&Captures) -> Option<PartialDate>;

/// Which bytes of the range a citation or an earlier date already holds: a byte map, so that
/// checking a match costs its own length, never the number of dates or citations.
struct Occupied {
    base: usize,
    bytes: Vec<bool>,
}

impl Occupied {
    fn new(range: Span, masked: &[Span]) -> Self {
        let mut o = Occupied {
            base: range.start,
            bytes: vec![false; range.len()],
        };
        for m in masked {
            o.take(*m);
        }
        o
    }

    fn local(&self, s: Span) -> std::ops::Range<usize> {
        let a = s.start.saturating_sub(self.base).min(self.bytes.len());
        let b = s.end.saturating_sub(self.base).min(self.bytes.len());
        a..b.max(a)
    }

    fn free(&self, s: Span) -> bool {
        let r = self.local(s);
        self.bytes.get(r).is_some_and(|b| !b.contains(&true))
    }

    fn take(&mut self, s: Span) {
        let r = self.local(s);
        if let Some(b) = self.bytes.get_mut(r) {
            b.fill(true);
        }
    }
}

fn num<T: std::str::FromStr>(c: &Captures, i: usize) -> Option<T> {
    c.get(i)?.as_str().parse().ok()
}

fn day_date(year: i16, month: &str, day: i8) -> Option<PartialDate> {
    Some(PartialDate::day(year, month_from_name(month)?.0, day))
}

fn quarter_date(c: &Captures) -> Option<PartialDate> {
    let (half, n, y): (bool, i8, i16) = match (c.get(1), c.get(2), c.get(3)) {
        (Some(letter), Some(n), Some(y)) => (
            letter.as_str() == "H",
            n.as_str().parse().ok()?,
            y.as_str().parse().ok()?,
        ),
        _ => {
            let n = match c.get(4)?.as_str().to_ascii_lowercase().as_str() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                _ => 4,
            };
            let half = c.get(5)?.as_str().eq_ignore_ascii_case("half");
            (half, n, num(c, 6)?)
        }
    };
    if half {
        // "H3 2025" and "the third half of 2025" are no dates.
        return (n <= 2).then(|| PartialDate {
            half: Some(n),
            precision: Precision::Half,
            ..PartialDate::year(y)
        });
    }
    Some(PartialDate {
        quarter: Some(n),
        precision: Precision::Quarter,
        ..PartialDate::year(y)
    })
}

fn season_date(c: &Captures) -> Option<PartialDate> {
    let season = match c.get(1)?.as_str().to_ascii_lowercase().as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "winter" => Season::Winter,
        _ => Season::Fall,
    };
    Some(PartialDate {
        season: Some(season),
        precision: Precision::Season,
        ..PartialDate::year(num(c, 2)?)
    })
}

/// "2024–25", "2025/26": a range, not the single date it starts with.
fn followed_by_range(slice: &str, end: usize) -> bool {
    let rest = slice.get(end..).unwrap_or("");
    let mut chars = rest.chars();
    matches!(chars.next(), Some('-' | '–' | '—' | '/'))
        && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// The year-less date in the year around `p`: the nearest one (`None`), the last one wholly
/// before `p` (`Some(false)`) or the first one wholly after it (`Some(true)`).
fn nearest(
    p: Date,
    make: impl Fn(i16) -> PartialDate,
    direction: Option<bool>,
) -> Option<PartialDate> {
    let y = p.year();
    let candidates = [y.checked_sub(1)?, y, y.checked_add(1)?];
    let dist = |iv: Interval| -> i64 {
        if iv.0 <= p && p <= iv.1 {
            0
        } else if p < iv.0 {
            (iv.0 - p).get_days().into()
        } else {
            (p - iv.1).get_days().into()
        }
    };
    let mut best: Option<(i64, PartialDate)> = None;
    for c in candidates {
        let d = make(c);
        let Some(iv) = d.interval() else { continue };
        let ok = match direction {
            Some(false) => iv.1 < p,
            Some(true) => iv.0 > p,
            None => true,
        };
        if !ok {
            continue;
        }
        // Nearest, or with a direction the closest one on that side.
        let key = dist(iv);
        if best.is_none_or(|(k, _)| key < k) {
            best = Some((key, d));
        }
    }
    best.map(|(_, d)| d)
}

fn relative(
    p: Date,
    which: Option<&str>,
    unit: Option<&str>,
) -> Option<(Option<PartialDate>, Interval)> {
    let Some(unit) = unit else {
        // "yesterday"
        let d = p.checked_sub(1.day()).ok()?;
        return Some((Some(PartialDate::from_date(d)), (d, d)));
    };
    let which = which.unwrap_or("this");
    let step: i64 = match which {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    let earlier = which.starts_with("earlier");
    match unit {
        "year" => {
            let y = p.year().checked_add(i16::try_from(step).ok()?)?;
            let d = PartialDate::year(y);
            let (start, end) = d.interval()?;
            Some((Some(d), (start, if earlier { p } else { end })))
        }
        "month" => {
            let first = p.first_of_month().checked_add(step.months()).ok()?;
            let d = PartialDate::month(first.year(), first.month());
            let (start, end) = d.interval()?;
            Some((Some(d), (start, if earlier { p } else { end })))
        }
        _ => {
            let back = i64::from(p.weekday().to_monday_zero_offset());
            let monday = p
                .checked_sub(back.days())
                .ok()?
                .checked_add((step * 7).days())
                .ok()?;
            let sunday = monday.checked_add(6.days()).ok()?;
            debug_assert_eq!(monday.weekday(), Weekday::Monday);
            Some((None, (monday, if earlier { p } else { sunday })))
        }
    }
}

/// The clause boundaries of one sentence, found once: `;`, `:`, dashes, parentheses and
/// commas, where commas inside `keep` (the dates, whose "August 12, 2025" has one) and between
/// digits ("1,000") do not count.
pub struct Clauses {
    sentence: Span,
    bounds: Vec<usize>,
}

impl Clauses {
    /// `keep` must be in document order (as [`find_dates`] returns them).
    pub fn new(text: &str, sentence: Span, keep: &[Span]) -> Self {
        let mut bounds = Vec::new();
        let slice = sentence.slice(text);
        let bytes = slice.as_bytes();
        let mut k = 0;
        for (i, ch) in slice.char_indices() {
            let at = sentence.start + i;
            let is_bound = match ch {
                ';' | ':' | '—' | '–' | '(' | ')' => true,
                ',' => {
                    while keep.get(k).is_some_and(|s| s.end <= at) {
                        k += 1;
                    }
                    let in_keep = keep.get(k).is_some_and(|s| s.contains_offset(at));
                    let next_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                    let prev_digit = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
                    !(in_keep || next_digit && prev_digit)
                }
                _ => false,
            };
            if is_bound {
                bounds.push(at);
            }
        }
        Clauses { sentence, bounds }
    }

    /// The clause around `focus`. An opening phrase with no verb of its own ("In June 2025,
    /// the surplus hit a record") is joined to the clause after it.
    pub fn around(&self, text: &str, focus: Span) -> Span {
        let before = self.bounds.partition_point(|&b| b < focus.start);
        let start = before
            .checked_sub(1)
            .and_then(|i| self.bounds.get(i))
            .map_or(self.sentence.start, |&b| b + 1);
        let after = self.bounds.partition_point(|&b| b < focus.end);
        let end = self.bounds.get(after).copied().unwrap_or(self.sentence.end);
        let clause = clamp(text, Span::new(start, end.max(start)), focus);
        let words = clause.slice(text);
        if start == self.sentence.start && starts_with_preposition(words) && !has_verb_hint(words) {
            let next_end = self
                .bounds
                .get(after + 1)
                .copied()
                .unwrap_or(self.sentence.end);
            return clamp(text, Span::new(start, next_end.max(start)), focus);
        }
        clause
    }
}

/// Words further than this from a date are not its clause: a run-on "clause" of a megabyte is
/// read only around the date, which keeps the tense checks linear.
const CLAUSE_REACH: usize = 300;

fn clamp(text: &str, clause: Span, focus: Span) -> Span {
    let mut start = clause.start.max(focus.start.saturating_sub(CLAUSE_REACH));
    let mut end = clause.end.min(focus.end.saturating_add(CLAUSE_REACH));
    while start > clause.start && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < clause.end && !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end.max(start))
}

/// The clause of `sentence` around `focus` (see [`Clauses`]; build that once per sentence
/// when asking about several dates).
pub fn clause_of(text: &str, sentence: Span, focus: Span, keep: &[Span]) -> Span {
    Clauses::new(text, sentence, keep).around(text, focus)
}

fn starts_with_preposition(s: &str) -> bool {
    let first = s
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        first.as_str(),
        "in" | "on"
            | "during"
            | "since"
            | "by"
            | "from"
            | "after"
            | "before"
            | "as"
            | "last"
            | "earlier"
            | "this"
            | "until"
            | "through"
    )
}

fn has_verb_hint(s: &str) -> bool {
    has_past_tense(s) || is_forward_looking(s)
}

static FORWARD: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:will|won't|shall|would|could|might|may|should|must|set\s+(?:to|for)|(?:is|are|was|were)\s+to|due|expected|expects?|expecting|scheduled|slated|plans?\s+to|planned|planning|intends?|intended|aims?\s+to|poised|forecasts?|forecasting|projected|projections?|anticipated|anticipates?|upcoming|next|going\s+to|ahead\s+of|likely|until|till|deadline|pending|looming|proposed|hopes?\s+to|seeks?\s+to|wants?\s+to)\b|'ll\b",
    )
});

/// Whether the clause looks forward: "will", "is set to", "is expected to", "scheduled for",
/// "plans to", "by", "until", modal verbs. Such dates are plans, not events a source reported.
pub fn is_forward_looking(clause: &str) -> bool {
    FORWARD.is_match(clause)
}

/// Whether the word just before a date makes it a deadline, a target or the end of a range
/// ("by 2030", "until August 12", "extended through December", "postponed to October 2"), or
/// makes the date describe a noun ("the September 2025 summit"): not an event the clause
/// reports as past.
pub fn is_deadline(text: &str, date: Span) -> bool {
    // Only the last word or two matter: read a short tail of the text before the date, never
    // a copy of the whole prefix (which made a file with many dates quadratic).
    let before = text.get(..date.start).unwrap_or("").trim_end();
    let mut from = before.len().saturating_sub(16);
    while from > 0 && !before.is_char_boundary(from) {
        from -= 1;
    }
    let tail = before.get(from..).unwrap_or("");
    // The last word is whole when the tail holds a space before it (or starts the text).
    let whole = from == 0 || tail.contains(char::is_whitespace);
    let word = tail.rsplit(char::is_whitespace).next().unwrap_or("");
    let ends_ahead_of = tail.len() >= 8
        && tail
            .get(tail.len() - 8..)
            .is_some_and(|t| t.eq_ignore_ascii_case("ahead of"));
    const BEFORE_NON_EVENTS: [&str; 17] = [
        "by", "until", "till", "before", "through", "thru", "to", "into", "the", "a", "an", "its",
        "their", "his", "her", "our", "this",
    ];
    (whole
        && BEFORE_NON_EVENTS
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w)))
        || ends_ahead_of
}

static PAST_IRREGULAR: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:was|were|had|did|rose|fell|grew|hit|saw|said|told|took|made|came|went|began|became|won|lost|paid|sank|spent|sold|bought|left|met|held|brought|built|caught|chose|drew|drove|fought|found|gave|got|knew|led|meant|ran|sent|shook|shrank|slid|spoke|stood|struck|swore|thought|threw|understood|wrote|broke|froze|hid|overtook|withdrew|forgot|quit|shut|swung|soared|dipped|slumped|ago)\b",
    )
});
static ED_WORD: LazyLock<Short> = LazyLock::new(|| re(r"\b[a-z]{2,}ed\b"));

/// `-ed` words that are not past tense (or are past participles of plans).
const NOT_PAST: &[&str] = &[
    "need",
    "indeed",
    "speed",
    "proceed",
    "exceed",
    "succeed",
    "breed",
    "seed",
    "feed",
    "deed",
    "greed",
    "heed",
    "shed",
    "bed",
    "red",
    "wed",
    "embed",
    "hundred",
    "kindred",
    "sacred",
    "naked",
    "wicked",
    "rugged",
    "beloved",
    "expected",
    "scheduled",
    "planned",
    "proposed",
    "projected",
    "anticipated",
    "intended",
    "slated",
    "based",
    "related",
    "limited",
    "united",
    "so-called",
    "called",
    "detailed",
    "renewed",
    "continued",
    "extended",
    "agreed",
];

/// Whether the clause reports something as past: a past-tense verb ("expired", "rose",
/// "reported", "was"). A clause with none is not called past.
pub fn has_past_tense(clause: &str) -> bool {
    PAST_IRREGULAR.is_match(clause)
        || ED_WORD
            .find_iter(clause)
            .any(|m| !NOT_PAST.contains(&m.as_str()))
}

/// The sources of this module's patterns as compiled (for tests).
#[cfg(test)]
pub(crate) fn short_sources() -> Vec<String> {
    [
        &MDY,
        &DMY,
        &ISO_DAY,
        &QUARTER,
        &SEASON,
        &MONTH_YEAR,
        &ISO_MONTH,
        &MONTH_DAY,
        &DAY_MONTH,
        &YEAR,
        &MONTH_ALONE,
        &RELATIVE,
        &FORWARD,
        &PAST_IRREGULAR,
        &ED_WORD,
    ]
    .map(|p| p.as_str().to_string())
    .to_vec()
}

/// This module's patterns, one compiling task each (see `crate::warm_up`).
pub(crate) const WARM_UP: &[fn()] = crate::warm_up_tasks![
    MDY,
    DMY,
    ISO_DAY,
    QUARTER,
    SEASON,
    MONTH_YEAR,
    ISO_MONTH,
    MONTH_DAY,
    DAY_MONTH,
    YEAR,
    MONTH_ALONE,
    RELATIVE,
    FORWARD,
    PAST_IRREGULAR,
    ED_WORD,
];

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dates(s: &str, p: Option<Date>) -> Vec<(String, String, DateKind)> {
        find_dates(s, Span::new(0, s.len()), &[], p)
            .into_iter()
            .map(|d| (d.span.slice(s).to_string(), d.describe(), d.kind))
            .collect()
    }

    const P: Option<Date> = Some(date(2025, 8, 11));

    /// The look for a month's name changes nothing: every fixture line, its parentheticals
    /// masked as citations are, and lines built so that the only month is in a parenthesis.
    #[test]
    fn the_month_check_finds_what_the_plain_search_does() {
        let mut lines: Vec<String> = crate::fixture_texts()
            .iter()
            .flat_map(|t| t.lines().map(String::from).collect::<Vec<_>>())
            .collect();
        lines.extend(
            [
                "Exports fell in 2024 (Harbour Gazette, March 2025) by 12%.",
                "Sales rose 4% on 12 (June 2025) and again in June.",
                "In May, since 3 March and on Sept. 4, 2024, prices rose; JANUARY 2024 too.",
                "Output fell in Q2 2025 and in 2025-06 (Jan. 3, 2025).",
            ]
            .map(String::from),
        );
        // Each month alone in its line, in every form the patterns read.
        for full in crate::dates::MONTH_NAMES {
            let abbr = full.get(..3).unwrap_or(full);
            lines.extend([
                format!("Prices rose in {full} and on {full} 3, 2024."),
                format!("Prices rose on {abbr}. 4, 2024, and in {abbr} 2023."),
                format!("Prices rose on 4 {full} 2024, since 5 {full}, and last {full}."),
            ]);
        }
        lines.push("Prices rose on Sept. 4 and Sept 5, 2024.".to_string());
        let masks = |t: &str| -> Vec<Span> {
            let mut out = Vec::new();
            let mut open = None;
            for (i, c) in t.char_indices() {
                match c {
                    '(' => open = Some(i),
                    ')' => {
                        if let Some(o) = open.take() {
                            out.push(Span::new(o, i + 1));
                        }
                    }
                    _ => {}
                }
            }
            out
        };
        for published in [P, None] {
            crate::assert_same_answers(
                &lines,
                |t| find_dates_with(t, Span::new(0, t.len()), &masks(t), published, true),
                |t| find_dates_with(t, Span::new(0, t.len()), &masks(t), published, false),
                Vec::len,
                100,
            );
        }
    }

    #[test]
    fn absolute_dates() {
        let s = "The surplus hit a record in June 2025 and talks end on August 12, 2025, \
                 after 12 March 2024, 2025-07-14, Q2 2025, the third quarter of 2024, spring 2025, \
                 H1 2022, the second half of 2021 and in 2023.";
        let got: Vec<String> = dates(s, None).into_iter().map(|d| d.1).collect();
        assert_eq!(
            got,
            [
                "June 2025",
                "August 12, 2025",
                "March 12, 2024",
                "July 14, 2025",
                "Q2 2025",
                "Q3 2024",
                "spring 2025",
                "H1 2022",
                "H2 2021",
                "2023"
            ]
        );
    }

    #[test]
    fn spans_cover_the_date_words() {
        let got = dates("It expired on Aug. 12, 2025.", None);
        assert_eq!(got[0].0, "Aug. 12, 2025");
        let got = dates("Exports rose in 2024.", None);
        assert_eq!(got[0].0, "2024");
    }

    #[test]
    fn numbers_are_not_years() {
        assert!(
            dates(
                "About 2025 people came, 1990s music, the 2024–25 season.",
                None
            )
            .is_empty()
        );
        assert!(dates("Exports grew in 2024-25.", None).is_empty());
        assert!(dates("Turnout may rise, she said.", P).is_empty());
    }

    #[test]
    fn masked_spans_are_skipped() {
        let s = "Exports rose (Reuters, July 2025).";
        let m = Span::new(s.find('(').unwrap(), s.len() - 1);
        assert!(find_dates(s, Span::new(0, s.len()), &[m], None).is_empty());
    }

    #[test]
    fn yearless_and_relative_need_the_publication_date() {
        let s = "Reuters reported on July 3 that it rose last month and again in June.";
        assert!(dates(s, None).is_empty());
        let got = dates(s, P);
        assert_eq!(
            got,
            [
                (
                    "July 3".into(),
                    "July 3, 2025".into(),
                    DateKind::YearInferred
                ),
                ("last month".into(), "July 2025".into(), DateKind::Relative),
                ("June".into(), "June 2025".into(), DateKind::YearInferred),
            ]
        );
        let got = dates("It ended last year, it ends this week, last December.", P);
        assert_eq!(got[0].1, "2024");
        assert_eq!(got[1].1, "the week of August 11, 2025");
        assert_eq!(got[2].1, "December 2024");
        // Around New Year the nearest reading wins.
        let got = dates("Talks began on December 30.", Some(date(2026, 1, 3)));
        assert_eq!(got[0].1, "December 30, 2025");
    }

    #[test]
    fn tense() {
        assert!(has_past_tense("the truce expired on August 12, 2025"));
        assert!(has_past_tense(
            "the nation reported a record trade surplus in June 2025"
        ));
        assert!(has_past_tense("exports rose in June"));
        assert!(!has_past_tense("which is set to expire on August 12, 2025"));
        assert!(!has_past_tense("talks start Monday"));
        assert!(is_forward_looking(
            "which is set to expire on August 12, 2025"
        ));
        assert!(is_forward_looking(
            "the bank will publish figures in September"
        ));
        assert!(is_forward_looking("a vote is expected in October"));
        assert!(is_forward_looking("talks scheduled for October 3"));
        assert!(is_forward_looking("the ministry plans to act in 2026"));
        assert!(!is_forward_looking("the truce expired on August 12, 2025"));
    }

    #[test]
    fn deadlines() {
        let s = "cut emissions by 2030 and wait until June";
        let d = Span::new(s.find("2030").unwrap(), s.find("2030").unwrap() + 4);
        assert!(is_deadline(s, d));
        let j = Span::new(s.find("June").unwrap(), s.len());
        assert!(is_deadline(s, j));
        let s = "rose in 2030";
        assert!(!is_deadline(s, Span::new(8, 12)));
        for (s, d) in [
            (
                "the ban was extended through December 2025",
                "December 2025",
            ),
            (
                "the vote was pushed back to October 2, 2025",
                "October 2, 2025",
            ),
            (
                "tickets sold out for the September 2025 concert",
                "September 2025",
            ),
        ] {
            let at = s.find(d).unwrap();
            assert!(is_deadline(s, Span::new(at, at + d.len())), "{s}");
        }
        assert!(is_forward_looking("the vote was set for October 2, 2025"));
        // Only the words just before the date count, however long the text before them.
        let long = format!("{} Ahead of   2030", "é word ".repeat(10_000));
        let at = long.len() - 4;
        assert!(is_deadline(&long, Span::new(at, long.len())));
        let glued = format!("{}by 2030", "x".repeat(40));
        let at = glued.len() - 4;
        assert!(!is_deadline(&glued, Span::new(at, glued.len())));
        assert!(is_deadline("By 2030", Span::new(3, 7)));
    }

    #[test]
    fn clauses() {
        let s =
            "He emphasized the truce, which is set to expire on August 12, 2025 (CNN, July 2025).";
        let date = Span::new(s.find("August").unwrap(), s.find(" (CNN").unwrap());
        let c = clause_of(s, Span::new(0, s.len()), date, &[date]);
        assert_eq!(c.slice(s), " which is set to expire on August 12, 2025 ");
        let s = "In June 2025, the surplus hit a record, officials said.";
        let date = Span::new(3, 12);
        let c = clause_of(s, Span::new(0, s.len()), date, &[date]);
        assert_eq!(c.slice(s), "In June 2025, the surplus hit a record");
        let s = "Sales of 1,000 units fell in May 2025.";
        let date = Span::new(s.find("May").unwrap(), s.len() - 1);
        let c = clause_of(s, Span::new(0, s.len()), date, &[date]);
        assert_eq!(c.slice(s), "Sales of 1,000 units fell in May 2025.");
    }
}
