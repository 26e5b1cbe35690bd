//! Reference-list entries, and matching in-text citations against them.
//!
//! The document stage finds the "References" section and splits it into entry spans
//! (`Document::references`); this module reads each entry's authors (people or an
//! organisation, with a group abbreviation such as `[WHO]`) and date (a year, `2020a`, a full
//! date, `n.d.`, `in press`) in APA, Harvard, Chicago author–date, the journal style
//! `Surname AB. 2012.` and news-style entries. [`ReferenceIndex`] then tells, for one cited
//! source, which entries it points to, or that its author has entries only for other years, or
//! none at all. The three `reference-*` rules and the ledger read those answers; deciding what
//! is a finding is theirs.
//!
//! Matching is on normalised names (case, punctuation and apostrophes ignored): the cited lead
//! author must open the entry's author list and every other cited surname must appear in it;
//! `et al.` only needs the lead. An organisation matches on its whole name, and an abbreviation
//! introduced as `American Psychiatric Association [APA]` (in a citation or an entry) matches
//! the full name afterwards.

use crate::Article;
use crate::dates::month_from_name;
use crate::parse::{Citation, CitationKind, CitedSource};
use crate::source::Span;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// An entry's date as written in the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDate {
    /// As written, without parentheses: "2020a", "2020, November 3", "n.d.", "July 14, 2025".
    pub text: String,
    pub span: Span,
    /// `None` for `n.d.`, `in press`, `forthcoming`.
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    /// The disambiguating letter of `2020a` or `n.d.-a`.
    pub suffix: Option<char>,
    /// The other year a citation may give: the original year of a republished work
    /// (`2012/1891` has 2012 and 1891), or the last year of a range (`2019–2020`, `2019-20`,
    /// which a citation dates by its last year, as written in the list or not).
    pub other_year: Option<i16>,
}

impl EntryDate {
    /// Whether a citation of `year` may mean this date (either year of `2012/1891` or of
    /// `2019–2020`).
    pub fn has_year(&self, year: Option<i16>) -> bool {
        self.year == year || (year.is_some() && self.other_year == year)
    }
}

/// One entry of a reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceEntry {
    /// The whole entry (list marker excluded).
    pub span: Span,
    /// The author part as written ("Smith, J., & Lee, K.", "World Health Organization").
    pub authors: String,
    pub authors_span: Span,
    /// A group abbreviation given in brackets: `American Psychiatric Association [APA]`.
    pub abbreviation: Option<String>,
    /// `None` when the entry carries no date at all (a legal case such as `Buck v. Bell, 274 U.S. 200`).
    pub date: Option<EntryDate>,
    /// The start of the title after the date, up to its first full stop, for comparing
    /// (lower case, straight apostrophes, no emphasis marks or quotation marks): what a
    /// narrative citation of the work by its title names (`Language and Woman’s Place
    /// (1975)`). Empty when the entry has no date to find it after.
    pub title: String,
}

impl ReferenceEntry {
    /// How the text would cite it: `Okafor`, `Halvorsen & Brandt`, `Brandt et al.`, or the
    /// organisation. Best effort, for help messages.
    pub fn short_name(&self) -> String {
        let plain = ABBREV.replace_all(&self.authors, " ");
        let plain = ET_AL.replace_all(&plain, " ");
        let segments: Vec<&str> = NAME_SEP
            .split(plain.trim())
            .map(str::trim)
            .filter(|s| {
                !s.is_empty()
                    && !is_initials(s)
                    && !s.eq_ignore_ascii_case("eds.")
                    && !s.eq_ignore_ascii_case("(eds.)")
            })
            .collect();
        let surname = |s: &str| -> String {
            let words: Vec<&str> = s.split_whitespace().collect();
            match words.as_slice() {
                // `Carr M`, `James-Clark H`: journal style, initials after the surname.
                [init @ .., last] if !init.is_empty() && is_initials(last) => init.join(" "),
                _ => s.to_string(),
            }
        };
        let mut names: Vec<String> = segments.iter().map(|s| surname(s)).collect();
        // Chicago: `Parsons, Talcott, and Robert Bales`: the lead's given name follows it,
        // and later authors are written given name first.
        if names.len() >= 2
            && !self.authors.contains('.')
            && names.get(1).is_some_and(|n| !n.contains(' '))
        {
            names.remove(1);
            for n in names.iter_mut().skip(1) {
                if let Some(last) = n.rsplit(' ').next() {
                    *n = last.to_string();
                }
            }
        }
        let et_al = ET_AL.is_match(&self.authors);
        match names.as_slice() {
            [] => self.authors.clone(),
            [one] if et_al => format!("{one} et al."),
            [one] => one.clone(),
            [a, b] if !et_al => format!("{a} & {b}"),
            [a, ..] => format!("{a} et al."),
        }
    }

    /// A short label for people: `Smith, J., & Lee, K. (2020)`.
    pub fn label(&self) -> String {
        match &self.date {
            Some(d) => format!("{} ({})", self.authors, d.text),
            None => self.authors.clone(),
        }
    }
}

/// `- `, `* `, `+ `, `1. `, `1) `, `[1] ` opening a list entry.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*+]\s+|\d{1,4}[.)]\s+|\[\d{1,4}\]\s*)").expect("static regex")
});

/// A year (1500–2099) with an optional suffix letter, or `n.d.`, or `in press` / `forthcoming`.
static DATE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\b(1[5-9]\d\d|20\d\d)([a-z])?\b|\bn\.\s?d\.(?:-([a-z])\b)?|\bin press\b|\bforthcoming\b)")
        .expect("static regex")
});

/// `[APA]` (or in an entry `(NIDA)`) after an organisation's name; two capitals at least,
/// since `[Ochs]` is a name.
static ABBREV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\[(]\s*([A-Z][a-z0-9&.\-]*[A-Z][A-Za-z0-9&.\-]{0,14})\s*[\])]")
        .expect("static regex")
});

/// `et al.` (with or without the full stop, with or without a comma before it).
static ET_AL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i),?\s*\bet\.?\s+al\b\.?").expect("static regex"));

/// Splits a list of names: `,`, `&`, `and`.
static NAME_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,\s*(?:&|and)\s+|,|\s&\s|\s+and\s+)\s*").expect("static regex")
});

/// The longest range of years read as one work's date (as in the citation grammar).
const MAX_RANGE_YEARS: i16 = crate::parse::MAX_RANGE_YEARS;

/// How far into an entry the date is looked for. Consortium author lists run past a thousand
/// characters; beyond this bound the search stops, so a pathological line costs little.
const MAX_HEAD: usize = 2000;

/// Parses one entry. `text` is the entry's text as it stands in the file and `span` where;
/// spans in the result point into the file.
pub fn parse_entry(text: &str, span: Span) -> ReferenceEntry {
    let lead = MARKER.find(text).map_or(0, |m| m.end());
    let body = text.get(lead..).unwrap_or("");
    let base = span.start + lead;
    let head_end = floor_char_boundary(body, MAX_HEAD);
    let head = body.get(..head_end).unwrap_or(body);
    let found = DATE_TOKEN.captures(head).and_then(|c| {
        let m = c.get(0)?;
        Some((m.start(), m.end(), c))
    });
    let (authors_end, date) = match found {
        Some((start, end, caps)) => {
            let (authors_end, date) = entry_date(body, start, end, &caps);
            (authors_end, Some(date))
        }
        None => (body.len(), None),
    };
    let title = date
        .as_ref()
        .and_then(|d| body.get(d.span.end..))
        .map(title_key)
        .unwrap_or_default();
    let date = date.map(|d| d.offset_by(base));
    let raw_authors = body.get(..authors_end).unwrap_or("");
    let authors_trimmed = trim_authors(raw_authors);
    let lead_ws = raw_authors.len() - raw_authors.trim_start().len();
    let abbreviation = ABBREV
        .captures(authors_trimmed)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string());
    ReferenceEntry {
        span: Span::new(base, span.end.max(base)),
        authors: authors_trimmed.trim().to_string(),
        authors_span: Span::new(
            base + lead_ws,
            base + lead_ws + authors_trimmed.trim_start().len(),
        ),
        abbreviation,
        date,
        title,
    }
}

/// The comparable start of the title in `after_date` (an entry's text after its date): past
/// the date's closing marks, up to the first full stop, question or exclamation mark that
/// ends a word (at most 200 bytes), normalised as [`normalise_title`] does.
fn title_key(after_date: &str) -> String {
    let marks = |t: &str| -> usize {
        t.len()
            - t.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ')' | '[' | ']' | '.' | ',' | ':')
            })
            .len()
    };
    let mut t = after_date.get(marks(after_date)..).unwrap_or("");
    // The other year of a reissue, `1978 [1951].` or `[1922] 1990.`.
    let year = t.bytes().take_while(u8::is_ascii_digit).count();
    if year == 4
        && t.as_bytes()
            .get(4)
            .is_some_and(|b| !b.is_ascii_alphanumeric())
    {
        let rest = t.get(4..).unwrap_or("");
        t = rest.get(marks(rest)..).unwrap_or("");
    }
    let t = t.get(..floor_char_boundary(t, 200)).unwrap_or(t);
    // A mark that ends the title stands before a space, a closing quotation mark or the end.
    let end = t
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '?' | '!')
                && t.get(i + 1..)
                    .and_then(|r| r.chars().next())
                    .is_none_or(|n| n.is_whitespace() || matches!(n, '”' | '"' | '’'))
        })
        .map_or(t.len(), |(i, _)| i);
    normalise_title(t.get(..end).unwrap_or(t))
}

/// A title for comparing: lower case, curly apostrophes straight, emphasis marks (`*`, `_`)
/// and quotation marks dropped, whitespace runs as one space.
fn normalise_title(t: &str) -> String {
    let kept: String = t
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '“' | '”' | '"'))
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl EntryDate {
    fn offset_by(mut self, base: usize) -> EntryDate {
        self.span = self.span.offset(base);
        self
    }
}

/// `CDC` for `Centers for Disease Control` (the capitals of its words, short words of
/// grammar skipped); `None` for people and one-word names.
fn organisation_initials(authors: &str) -> Option<String> {
    let plain = ABBREV.replace_all(authors, " ");
    let mut segments = plain.split(',');
    let first = segments.next()?.trim().trim_end_matches('.');
    // `Smith, J.` or `Carr M`: a person.
    if segments.next().is_some_and(is_initials)
        || first.split_whitespace().last().is_some_and(is_initials)
    {
        return None;
    }
    let words: Vec<&str> = first
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .filter(|w| !["of", "and", "the", "for", "on", "in", "to", "&"].contains(w))
        .collect();
    if words.len() < 2 || words.len() > 8 {
        return None;
    }
    words
        .iter()
        .map(|w| w.chars().next().filter(char::is_ascii_uppercase))
        .collect()
}

/// `J.`, `M. F.`, `K.-H.`, `AB`, `BSC`: initials rather than a name.
fn is_initials(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() {
        return false;
    }
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let dotted = s.contains('.')
        && s.split(['.', ' ', '-'])
            .filter(|w| !w.is_empty())
            .all(|w| w.chars().count() == 1);
    let packed = !s.contains(' ') && letters.len() <= 3 && letters.iter().all(|c| c.is_uppercase());
    dotted || packed
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Reads the date around the token at `start..end` of `body`; returns where the authors end
/// and the date (span relative to `body`).
fn entry_date(
    body: &str,
    start: usize,
    end: usize,
    caps: &regex::Captures<'_>,
) -> (usize, EntryDate) {
    let token = body.get(start..end).unwrap_or("");
    let year: Option<i16> = caps.get(1).and_then(|m| m.as_str().parse().ok());
    let suffix = caps
        .get(2)
        .or_else(|| caps.get(3))
        .and_then(|m| m.as_str().chars().next())
        .map(|c| c.to_ascii_lowercase());
    let before = body.get(..start).unwrap_or("");
    let before_trim = before.trim_end();
    let mut date = EntryDate {
        text: token.to_string(),
        span: Span::new(start, end),
        year,
        month: None,
        day: None,
        suffix,
        other_year: None,
    };
    // The four-digit year that opens `r`.
    let year_in = |r: &str| {
        r.get(..4)
            .and_then(|y| y.parse::<i16>().ok())
            .filter(|_| r.as_bytes().get(4).is_none_or(|b| !b.is_ascii_digit()))
    };
    let after = body.get(end..).unwrap_or("");
    // `2012/1891`: a republished work, cited by either year.
    if let Some(y) = after.strip_prefix('/').and_then(year_in) {
        date.other_year = Some(y);
    }
    // `1967 [1934]` and `[1934] 1967`: a reissue with its first publication's year in
    // brackets (Chicago), cited by either.
    if let Some(inside) = after.trim_start().strip_prefix('[')
        && let Some(y) = year_in(inside.trim_start())
        && inside
            .trim_start()
            .get(4..)
            .is_some_and(|r| r.trim_start().starts_with(']'))
    {
        date.other_year = Some(y);
    } else if before.ends_with('[')
        && let Some(rest) = after.strip_prefix(']')
        && let Some(y) = year_in(rest.trim_start())
    {
        date.other_year = Some(y);
    }
    // `2019–2020`, `2019-20`: a work published over several years, cited by its last year.
    if let Some(first) = year
        && let Some(after) = body.get(end..)
        && let Some(rest) = after.strip_prefix(['-', '–', '—', '‐', '‑'])
    {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        // As in the citation grammar, "2008-10" with a hyphen and a month is a month
        // ("2008-10-14" a day), not a range; "2018-19" is a range.
        let iso = after.starts_with('-')
            && digits == 2
            && (rest.as_bytes().get(2) == Some(&b'-')
                || rest
                    .get(..2)
                    .and_then(|m| m.parse::<u8>().ok())
                    .is_some_and(|m| (1..=12).contains(&m)));
        let last = match (
            digits,
            rest.get(..digits).and_then(|d| d.parse::<i16>().ok()),
        ) {
            (4, Some(y)) => Some(y),
            (2, Some(yy)) => {
                let same = first - first % 100 + yy;
                Some(if same < first { same + 100 } else { same })
            }
            _ => None,
        };
        date.other_year = last.filter(|&l| !iso && l > first && l - first <= MAX_RANGE_YEARS);
    }
    // `(2020, November 3)`, `(2002 )`, `(n.d.)`, `(July 14, 2025)`.
    if let Some(open) = before_trim.rfind('(')
        && before_trim.len() - open <= 24
        && let Some(close_rel) = body.get(start..).and_then(|r| r.find(')'))
        && close_rel <= 40
    {
        let inner_start = open + 1;
        let inner_end = start + close_rel;
        let inner = body.get(inner_start..inner_end).unwrap_or("");
        let lead_ws = inner.len() - inner.trim_start().len();
        let inner_t = inner.trim();
        date.text = inner_t.to_string();
        date.span = Span::new(inner_start + lead_ws, inner_start + lead_ws + inner_t.len());
        read_month_day(inner_t, &mut date);
        return (open, date);
    }
    // `Reuters. July 14, 2025.` or `14 July 2025`: a month (and day) just before the year.
    if year.is_some() {
        let words: Vec<(usize, &str)> = word_starts(before_trim);
        let n = words.len();
        let month_at = |i: usize| {
            words
                .get(i)
                .and_then(|(_, w)| month_from_name(w.trim_end_matches(',')))
        };
        let day_at = |i: usize| {
            words.get(i).and_then(|(_, w)| {
                let w = w.trim_end_matches(',');
                (w.len() <= 2).then(|| w.parse::<i8>().ok()).flatten()
            })
        };
        let mut from = None;
        if n >= 2
            && let (Some((m, _)), Some(d)) = (month_at(n - 2), day_at(n - 1))
        {
            date.month = Some(m);
            date.day = Some(d);
            from = Some(words[n - 2].0);
        } else if n >= 2
            && let (Some(d), Some((m, _))) = (day_at(n - 2), month_at(n - 1))
        {
            date.month = Some(m);
            date.day = Some(d);
            from = Some(words[n - 2].0);
        } else if n >= 1
            && let Some((m, _)) = month_at(n - 1)
        {
            date.month = Some(m);
            from = Some(words[n - 1].0);
        }
        if let Some(f) = from {
            date.text = body.get(f..end).unwrap_or(token).to_string();
            date.span = Span::new(f, end);
            return (f, date);
        }
    }
    (start, date)
}

/// `(2020, November 3)` / `(July 14, 2025)` / `(2025, Jul. 14)`: the month and day besides the year.
fn read_month_day(inner: &str, date: &mut EntryDate) {
    for w in inner.split(|c: char| c.is_whitespace() || c == ',') {
        if w.is_empty() {
            continue;
        }
        if let Some((m, _)) = month_from_name(w) {
            date.month = Some(m);
        } else if w.len() <= 2
            && let Ok(d) = w.parse::<i8>()
        {
            date.day = Some(d);
        }
    }
    if date.month.is_none() {
        date.day = None;
    }
}

fn word_starts(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    // Only the last few words can be a date; keep the vector short.
    let skip = out.len().saturating_sub(3);
    out.split_off(skip)
}

/// Drops the punctuation that separates the authors from the date: `Smith, J. (` → `Smith, J.`,
/// `Popenoe, David. ` → `Popenoe, David`.
fn trim_authors(s: &str) -> &str {
    // `(` of `(2020)`, `[` of `[1934] 1967`.
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '[' | ';'));
    // A full stop after a word of two or more lower-case letters ends the name; after an
    // initial ("J.") it belongs to it.
    if let Some(stripped) = t.strip_suffix('.') {
        let last = stripped
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if last.chars().count() >= 2 && last.chars().skip(1).all(|c| c.is_lowercase()) {
            return stripped;
        }
    }
    t
}

/// Parses every entry of a reference section. `text` is the file's text.
pub fn parse_entries(text: &str, entries: &[Span]) -> Vec<ReferenceEntry> {
    entries
        .iter()
        .map(|s| parse_entry(s.slice(text), *s))
        .filter(|e| !e.authors.is_empty() || e.date.is_some())
        .collect()
}

/// Lower case, full stops and apostrophes dropped, `&` read as `and`, every other
/// non-alphanumeric a single space, a leading "the" dropped.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if matches!(c, '.' | '\'' | '’' | '‘' | 'ʼ') {
            continue;
        }
        if c == '&' {
            if !space {
                out.push(' ');
            }
            out.push_str("and ");
            space = true;
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

fn starts_with_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && (hay == needle
            || (hay.starts_with(needle) && hay.as_bytes().get(needle.len()) == Some(&b' ')))
}

fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|h| h.find(needle)) {
        let at = from + i;
        let before_ok = at == 0 || hay.as_bytes().get(at - 1) == Some(&b' ');
        let after = at + needle.len();
        let after_ok = after == hay.len() || hay.as_bytes().get(after) == Some(&b' ');
        if before_ok && after_ok {
            return true;
        }
        from = at + 1;
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

fn first_word(s: &str) -> &str {
    s.split(' ').next().unwrap_or("")
}

/// A cited source's name taken apart: `Smith, Lee, & Park`, `Carr et al.`,
/// `World Health Organization [WHO]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedAuthors {
    /// The whole name, normalised, without `et al.` and the bracketed abbreviation.
    pub whole: String,
    /// Each author, normalised, in order.
    pub names: Vec<String>,
    pub et_al: bool,
    /// `[WHO]` as written.
    pub abbreviation: Option<String>,
    /// The name itself when it is an acronym (`CDC`, `APA`), upper case.
    pub acronym: Option<String>,
}

impl CitedAuthors {
    pub fn parse(name: &str) -> CitedAuthors {
        let abbreviation = ABBREV
            .captures(name)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string());
        let without_abbr = ABBREV.replace_all(name, " ");
        let et_al = ET_AL.is_match(&without_abbr);
        let plain = ET_AL.replace_all(&without_abbr, " ");
        let plain = plain
            .trim()
            .trim_matches(|c: char| c == ',' || c.is_whitespace());
        let names = NAME_SEP
            .split(plain)
            .map(normalise)
            .filter(|n| !n.is_empty())
            .collect();
        let letters: String = plain.chars().filter(|c| *c != '.').collect();
        let acronym = (letters.chars().count() >= 2
            && letters.chars().count() <= 8
            && letters.chars().all(|c| c.is_ascii_uppercase()))
        .then_some(letters);
        CitedAuthors {
            whole: normalise(plain),
            names,
            et_al,
            abbreviation,
            acronym,
        }
    }
}

/// The words of one cited source: its name and date (`Smith & Lee, 2020`; a narrative
/// citation's up to its closing parenthesis, `Lakoff (1975)`), or the whole citation when the
/// parser gave the name no position.
pub fn source_span(c: &Citation, s: &CitedSource) -> Span {
    if s.name_span.is_empty() || !c.span.contains(s.name_span) {
        return c.span;
    }
    match &s.date {
        Some(d) if c.span.contains(d.span) && !d.span.is_empty() => {
            let both = s.name_span.cover(d.span);
            // A narrative citation's name stands outside its parentheses: "Lakoff (1975)"
            // takes the closing one too, not "Lakoff (1975".
            if both.start < c.paren.start && c.paren.start < both.end && both.end < c.paren.end {
                both.cover(c.paren)
            } else {
                both
            }
        }
        _ => s.name_span,
    }
}

/// What one cited source points to in the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The entries it cites (one, normally).
    Found(Vec<usize>),
    /// The year matches several entries that only a suffix (`1980a`, `1980b`) tells apart, and
    /// the citation gives none (or the entries have none either).
    Ambiguous {
        entries: Vec<usize>,
        /// Whether the entries themselves carry suffixes (the citation should add one) or not
        /// (the list should add them).
        entries_have_suffixes: bool,
    },
    /// The author has entries, but none for the cited year (or suffix).
    YearMismatch(Vec<usize>),
    /// No entry has the cited author.
    Missing,
}

/// The reference list of one article, ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct ReferenceIndex {
    pub entries: Vec<ReferenceEntry>,
    /// Normalised author part of each entry.
    norm: Vec<String>,
    /// First normalised word of the author part → entries.
    by_first_word: HashMap<String, Vec<usize>>,
    /// Normalised abbreviation given in an entry (`apa`) → entries.
    by_abbreviation: HashMap<String, Vec<usize>>,
    /// Initials of organisation names (`CDC` for Centers for Disease Control) → entries.
    by_initials: HashMap<String, Vec<usize>>,
    /// Normalised abbreviation (`apa`) → normalised full name, from citations and entries.
    abbreviations: HashMap<String, String>,
}

impl ReferenceIndex {
    /// Builds the index from parsed entries and every cited name of the article (for the
    /// abbreviations they introduce).
    pub fn new<'a>(
        entries: Vec<ReferenceEntry>,
        cited_names: impl IntoIterator<Item = &'a str>,
    ) -> ReferenceIndex {
        let mut norm = Vec::with_capacity(entries.len());
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut abbreviations = HashMap::new();
        let mut by_abbreviation: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let n = normalise(&ABBREV.replace_all(&e.authors, " "));
            by_first_word
                .entry(first_word(&n).to_string())
                .or_default()
                .push(i);
            if let Some(a) = &e.abbreviation {
                abbreviations.insert(normalise(a), n.clone());
                by_abbreviation.entry(normalise(a)).or_default().push(i);
            }
            if let Some(init) = organisation_initials(&e.authors) {
                by_initials.entry(init).or_default().push(i);
            }
            norm.push(n);
        }
        for name in cited_names {
            let a = CitedAuthors::parse(name);
            if let Some(abbr) = &a.abbreviation
                && !a.whole.is_empty()
            {
                abbreviations
                    .entry(normalise(abbr))
                    .or_insert(a.whole.clone());
            }
        }
        ReferenceIndex {
            entries,
            norm,
            by_first_word,
            by_abbreviation,
            by_initials,
            abbreviations,
        }
    }

    /// The index of an article's reference list; `None` when the article has no reference
    /// section or no entry in it could be read (the `reference-*` rules then stay quiet).
    pub fn for_article(article: &Article) -> Option<ReferenceIndex> {
        let section = article.doc.references.as_ref()?;
        let entries = parse_entries(&article.source.text, &section.entries);
        if entries.is_empty() {
            return None;
        }
        let names = article
            .citations
            .iter()
            .flat_map(|c| c.sources.iter().map(|s| s.name.as_str()));
        Some(ReferenceIndex::new(entries, names))
    }

    /// Normalised words of an entry's author part (`["popenoe", "david"]`).
    pub fn entry_words(&self, i: usize) -> impl Iterator<Item = &str> {
        self.norm
            .get(i)
            .map(String::as_str)
            .unwrap_or("")
            .split(' ')
            .filter(|w| !w.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries whose authors are the cited ones, whatever their year.
    pub fn author_matches(&self, cited: &CitedAuthors, narrative: bool) -> Vec<usize> {
        let mut leads: Vec<String> = Vec::new();
        if !cited.whole.is_empty() {
            leads.push(cited.whole.clone());
        }
        if let Some(full) = self.abbreviations.get(&cited.whole) {
            leads.push(full.clone());
        }
        if let Some(first) = cited.names.first() {
            leads.push(first.clone());
            if let Some(full) = self.abbreviations.get(first) {
                leads.push(full.clone());
            }
            // "Drew Westen (1998)": a narrative citation may give the first name.
            if narrative && let Some(last) = first.rsplit(' ').next().filter(|l| *l != first) {
                leads.push(last.to_string());
            }
        }
        let mut out: Vec<usize> = Vec::new();
        for lead in &leads {
            let Some(candidates) = self.by_first_word.get(first_word(lead)) else {
                continue;
            };
            for &i in candidates {
                if out.contains(&i) {
                    continue;
                }
                let Some(n) = self.norm.get(i) else { continue };
                let whole_match =
                    *lead == cited.whole || Some(lead) == self.abbreviations.get(&cited.whole);
                let ok = if whole_match {
                    starts_with_words(n, lead)
                } else {
                    self.names_match(n, lead, cited)
                };
                if ok {
                    out.push(i);
                }
            }
        }
        // Entries that carry the abbreviation itself: `(APA, 2013)` and `American Psychiatric Association [APA]`.
        for &i in self.by_abbreviation.get(&cited.whole).into_iter().flatten() {
            if !out.contains(&i) {
                out.push(i);
            }
        }
        // An acronym never introduced (`CDC` for an entry `Centers for Disease Control`), only
        // when nothing else matched.
        if out.is_empty()
            && let Some(a) = &cited.acronym
        {
            out.extend(self.by_initials.get(a).into_iter().flatten());
        }
        out.sort_unstable();
        out
    }

    fn names_match(&self, entry_norm: &str, lead: &str, cited: &CitedAuthors) -> bool {
        starts_with_words(entry_norm, lead)
            && cited
                .names
                .iter()
                .skip(1)
                .all(|n| contains_words(entry_norm, n))
    }

    /// For a source that resolves to nothing: an entry with the same lead author and year,
    /// whose other authors differ (a misspelled or dropped co-author).
    pub fn near_miss(&self, source: &CitedSource) -> Option<usize> {
        let cited = CitedAuthors::parse(&source.name);
        let lead = cited.names.first()?;
        let year = source.date.as_ref()?.date.year;
        self.by_first_word
            .get(first_word(lead))?
            .iter()
            .copied()
            .find(|&i| {
                self.norm.get(i).is_some_and(|n| starts_with_words(n, lead))
                    && self
                        .entries
                        .get(i)
                        .and_then(|e| e.date.as_ref())
                        .is_some_and(|d| d.has_year(year))
            })
    }

    /// Resolves one cited source.
    /// The entries a narrative citation names by their title and year ("In her book Language
    /// and Woman’s Place (1975), Robin Lakoff argues"): the name, two words or more, is the
    /// start of the title of an entry of the cited year. `None` for other citations, and when
    /// no entry's title fits.
    fn by_title(&self, source: &CitedSource, kind: CitationKind) -> Option<Vec<usize>> {
        let year = source.date.as_ref()?.date.year;
        let name = normalise_title(&source.name);
        if kind != CitationKind::Narrative || year.is_none() || !name.contains(' ') {
            return None;
        }
        let found: Vec<usize> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                // The anchor leaves out a leading article: "The Speech of the Quays (1975)"
                // names "Speech of the Quays".
                let bare = ["the ", "a ", "an "]
                    .iter()
                    .find_map(|a| e.title.strip_prefix(a))
                    .unwrap_or(&e.title);
                let names = |t: &str| {
                    t.strip_prefix(name.as_str())
                        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
                };
                e.date.as_ref().is_some_and(|d| d.has_year(year))
                    && (names(&e.title) || names(bare))
            })
            .map(|(i, _)| i)
            .collect();
        (!found.is_empty()).then_some(found)
    }

    pub fn resolve(&self, source: &CitedSource, kind: CitationKind) -> Resolution {
        let cited = CitedAuthors::parse(&source.name);
        let by_author = self.author_matches(&cited, kind == CitationKind::Narrative);
        if by_author.is_empty() {
            return match self.by_title(source, kind) {
                Some(found) => Resolution::Found(found),
                None => Resolution::Missing,
            };
        }
        let Some(cd) = &source.date else {
            return Resolution::Found(by_author);
        };
        // "(Okafor, July 3)", "(Farm Wire, Monday)" with no publication date to give them a
        // year: nothing to compare.
        if matches!(
            cd.date.precision,
            crate::dates::Precision::Yearless | crate::dates::Precision::Weekday
        ) {
            return Resolution::Found(by_author);
        }
        let cited_year = cd.date.year;
        let cited_suffix = cd.suffix;
        // Entries with no date at all (legal cases) cannot disagree.
        let same_year: Vec<usize> = by_author
            .iter()
            .copied()
            .filter(
                |&i| match self.entries.get(i).and_then(|e| e.date.as_ref()) {
                    None => true,
                    Some(d) => d.has_year(cited_year),
                },
            )
            .collect();
        if same_year.is_empty() {
            return Resolution::YearMismatch(by_author);
        }
        let suffix_of = |i: usize| {
            self.entries
                .get(i)
                .and_then(|e| e.date.as_ref())
                .and_then(|d| d.suffix)
        };
        if let Some(s) = cited_suffix {
            let exact: Vec<usize> = same_year
                .iter()
                .copied()
                .filter(|&i| suffix_of(i) == Some(s))
                .collect();
            if !exact.is_empty() {
                return Resolution::Found(exact);
            }
            // `2011b` cited, entries with suffixes but not this one: the year is wrong.
            if same_year.iter().any(|&i| suffix_of(i).is_some()) {
                return Resolution::YearMismatch(by_author);
            }
            return Resolution::Found(same_year);
        }
        let plain: Vec<usize> = same_year
            .iter()
            .copied()
            .filter(|&i| suffix_of(i).is_none())
            .collect();
        match (plain.len(), same_year.len()) {
            (1, _) => Resolution::Found(plain),
            (_, 1) => Resolution::Found(same_year),
            (0, _) => Resolution::Ambiguous {
                entries: same_year,
                entries_have_suffixes: true,
            },
            _ => {
                // Several same-year entries without suffixes: same work listed twice, or two
                // works the list fails to tell apart. Only the second is a problem.
                let texts: Vec<&str> = plain
                    .iter()
                    .filter_map(|&i| self.entries.get(i).map(|e| e.authors.as_str()))
                    .collect();
                let same_authors = texts.windows(2).all(|w| w[0] == w[1]);
                if same_authors {
                    Resolution::Ambiguous {
                        entries: plain,
                        entries_have_suffixes: false,
                    }
                } else {
                    Resolution::Found(plain)
                }
            }
        }
    }
}

/// Builds analysed articles for the rules' unit tests without depending on the document and
/// parser stages: the reference section is everything after a `## References` line (one entry
/// per non-empty line) and citations are given by hand.
#[cfg(test)]
pub(crate) mod testing {
    use crate::Article;
    use crate::config::Config;
    use crate::dates::PartialDate;
    use crate::document::ReferenceSection;
    use crate::parse::{Citation, CitationDate, CitationKind, CitedSource, DateFormat};
    use crate::source::{SourceFile, Span};

    /// One cited source: name, year (`None` for n.d.), suffix.
    pub type Cite<'a> = (&'a str, Option<i16>, Option<char>);

    fn find(text: &str, needle: &str, from: usize) -> Span {
        let start = text
            .get(from..)
            .and_then(|t| t.find(needle))
            .map_or(0, |i| i + from);
        Span::new(start, start + needle.len())
    }

    /// `cites`: each citation's exact text (found in order) and its sources, whose names and
    /// years must appear inside that text.
    pub fn article<'a>(
        src: &'a SourceFile,
        config: &'a Config,
        cites: &[(&str, &[Cite<'_>])],
    ) -> Article<'a> {
        let mut article = crate::analyse(src, config);
        let text = &src.text;
        if let Some(h) = text.find("## References") {
            let heading = Span::new(h, h + "## References".len());
            let mut entries = Vec::new();
            let mut pos = heading.end;
            for line in text.get(heading.end..).unwrap_or("").split_inclusive('\n') {
                let t = line.trim();
                if !t.is_empty() {
                    let lead = line.len() - line.trim_start().len();
                    entries.push(Span::new(pos + lead, pos + lead + t.len()));
                }
                pos += line.len();
            }
            article.doc.to_mut().references = Some(ReferenceSection {
                heading,
                body: Span::new(heading.end, text.len()),
                entries,
            });
        }
        let mut from = 0;
        article.citations = cites
            .iter()
            .map(|(written, sources)| {
                let span = find(text, written, from);
                from = span.end;
                let sources = sources
                    .iter()
                    .map(|(name, year, suffix)| {
                        let name_span = find(text, name, span.start);
                        let year_text = match (year, suffix) {
                            (Some(y), Some(c)) => format!("{y}{c}"),
                            (Some(y), None) => y.to_string(),
                            (None, _) => "n.d.".to_string(),
                        };
                        CitedSource {
                            name: name.to_string(),
                            name_span,
                            date: Some(CitationDate {
                                span: find(text, &year_text, name_span.end),
                                text: year_text,
                                date: year.map_or(PartialDate::UNDATED, PartialDate::year),
                                format: DateFormat::Year,
                                suffix: *suffix,
                            }),
                            locator: None,
                            prefix: None,
                            secondary: false,
                        }
                    })
                    .collect();
                Citation {
                    span,
                    paren: span,
                    kind: CitationKind::Parenthetical,
                    sources,
                }
            })
            .collect();
        article.claim_of_citation = vec![None; article.citations.len()];
        article
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::dates::PartialDate;
    use crate::parse::{CitationDate, DateFormat};

    fn entry(s: &str) -> ReferenceEntry {
        parse_entry(s, Span::new(0, s.len()))
    }

    fn year_of(s: &str) -> Option<i16> {
        entry(s).date.and_then(|d| d.year)
    }

    #[test]
    fn ranges_of_years_are_cited_by_either_end() {
        for (text, last) in [
            (
                "Okafor, A. (2019–2020). The long harbour. Baltic Press.",
                2020,
            ),
            ("Brandt, K. (2019-20). Trade notes. Harbour Press.", 2020),
            ("Reyes, T. (1999–00). Port ledgers. Tide Books.", 2000),
        ] {
            let d = entry(text).date.unwrap();
            assert!(d.has_year(Some(last)), "{text}");
            assert!(d.has_year(d.year), "{text}");
            assert!(!d.has_year(Some(2018)), "{text}");
        }
        // An ISO month or day is no range.
        for text in [
            "Smith, J. (2008-10-14). Notes.",
            "Jones, J. (2005-11). Notes.",
        ] {
            let d = entry(text).date.unwrap();
            assert_eq!(d.other_year, None, "{text}");
        }
        // A non-breaking hyphen is a dash as in the grammar.
        let d = entry("Lee, J. (2019\u{2011}2020). Notes.").date.unwrap();
        assert!(d.has_year(Some(2020)));
        // A life or a period is no range of publication.
        let d = entry("Wundt, W. (1874–1920). Collected papers.")
            .date
            .unwrap();
        assert_eq!((d.year, d.other_year), (Some(1874), None));
    }

    #[test]
    fn an_entry_keeps_the_start_of_its_title() {
        for (text, title) in [
            (
                "Lakoff, Robin. 1975. Language and Woman’s Place. New York: Harper.",
                "language and woman's place",
            ),
            (
                "Lakoff, R. (1975). *Language and woman's place*. Harper & Row.",
                "language and woman's place",
            ),
            (
                "Okafor, Bello. [1922] 1990. *The Debt of the Gift*. Baltic Press.",
                "the debt of the gift",
            ),
            (
                "Lindqvist, Maja. 1978 [1951]. Festivals of the U.S. Harbour Towns. Tide Books.",
                "festivals of the u.s",
            ),
            (
                "Ruiz, A. (2020, July 3). “Why fares rose?” Gazette.",
                "why fares rose",
            ),
        ] {
            assert_eq!(entry(text).title, title, "{text}");
        }
        assert_eq!(entry("World Bank. Annual report.").title, "");
    }

    #[test]
    fn a_reissue_is_cited_by_either_year() {
        for text in [
            "Halvorsen, Ingrid. 1967 [1934]. Mind and Harbour. Tide Books.",
            "Halvorsen, Ingrid. [1934] 1967. Mind and Harbour. Tide Books.",
            "Halvorsen, Ingrid (1967 [ 1934 ]). Mind and Harbour. Tide Books.",
        ] {
            let d = entry(text).date.unwrap();
            assert!(d.has_year(Some(1934)), "{text}");
            assert!(d.has_year(Some(1967)), "{text}");
            assert!(!d.has_year(Some(1950)), "{text}");
            assert_eq!(entry(text).authors, "Halvorsen, Ingrid", "{text}");
        }
        // Brackets after the date that hold no year.
        let d = entry("Lee, J. 2001 [trans.]. Notes.").date.unwrap();
        assert_eq!((d.year, d.other_year), (Some(2001), None));
    }

    #[test]
    fn apa_entries() {
        let e = entry(
            "Flynn, J., Shaughnessy, M. F., & Fulgham, S. W. (2012) Interview with Jim Flynn.",
        );
        assert_eq!(e.authors, "Flynn, J., Shaughnessy, M. F., & Fulgham, S. W.");
        assert_eq!(e.date.as_ref().map(|d| d.text.as_str()), Some("2012"));
        let e = entry("Wechsler, D. (2002 ). WPPSI-R manual. Psychological Corporation.");
        assert_eq!(e.authors, "Wechsler, D.");
        assert_eq!(
            e.date.as_ref().map(|d| (d.year, d.text.as_str())),
            Some((Some(2002), "2002"))
        );
        let e = entry("Boake, C. (2002, May 24). From the Binet-Simon to the Wechsler-Bellevue.");
        let d = e.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2002), Some(5), Some(24)));
        assert_eq!(d.text, "2002, May 24");
        assert_eq!(
            d.span.slice("Boake, C. (2002, May 24). From"),
            "2002, May 24"
        );
        let e = entry("O’Hara, M. (n.d.). Historic review of humanistic psychology.");
        let d = e.date.unwrap();
        assert_eq!((d.year, d.text.as_str()), (None, "n.d."));
        assert_eq!(e.authors, "O’Hara, M.");
    }

    #[test]
    fn parenthesised_abbreviation_in_an_entry() {
        let e = entry("National Institute on Drug Abuse (NIDA). (2007, October). Cocaine.");
        assert_eq!(e.abbreviation.as_deref(), Some("NIDA"));
        assert_eq!(e.date.as_ref().map(|d| d.year), Some(Some(2007)));
        let idx = index(
            &["National Institute on Drug Abuse (NIDA). (2007, October). Cocaine."],
            &[],
        );
        assert_eq!(
            idx.resolve(&src("NIDA", Some(2007), None), PAR),
            Resolution::Found(vec![0])
        );
        assert_eq!(
            idx.resolve(
                &src("National Institute on Drug Abuse", Some(2007), None),
                PAR
            ),
            Resolution::Found(vec![0])
        );
    }

    #[test]
    fn group_authors_and_suffixes() {
        let e = entry("American Psychiatric Association [APA]. (2013). Diagnostic manual.");
        assert_eq!(e.abbreviation.as_deref(), Some("APA"));
        assert_eq!(
            year_of("U.S. Census Bureau. 2011b. “Living Arrangements of Children.”"),
            Some(2011)
        );
        let e = entry("U.S. Census Bureau. 2011b. “Living Arrangements of Children.”");
        assert_eq!(e.date.unwrap().suffix, Some('b'));
        assert_eq!(e.authors, "U.S. Census Bureau");
        let e = entry(
            "Kamiyama T, Umino T, Yokose K. 1995a. Sulfobacins A and B. J Antibiot 48:929–936.",
        );
        assert_eq!(e.authors, "Kamiyama T, Umino T, Yokose K.");
        assert_eq!(e.date.unwrap().suffix, Some('a'));
    }

    #[test]
    fn chicago_harvard_and_news_entries() {
        let e = entry("McLanahan, Sara, and Gary Sandefur. 1997. Growing Up With a Single Parent.");
        assert_eq!(e.authors, "McLanahan, Sara, and Gary Sandefur");
        assert_eq!(e.date.unwrap().year, Some(1997));
        let e =
            entry("Smith, J. and Lee, K. (2020) Harbour freight in decline. London: Port Press.");
        assert_eq!(e.authors, "Smith, J. and Lee, K.");
        let e = entry("- Reuters. July 14, 2025. Grain exports rise again.");
        assert_eq!(e.authors, "Reuters");
        let d = e.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2025), Some(7), Some(14)));
        assert_eq!(d.text, "July 14, 2025");
        let e = entry("The Harbour Gazette (14 March 2024) Cranes idle for a week.");
        let d = e.date.unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2024), Some(3), Some(14)));
        let e = entry("Buck v. Bell, 274 U.S. 200");
        assert_eq!(e.date, None);
        assert_eq!(e.authors, "Buck v. Bell, 274 U.S. 200");
        let e = entry("1. Atkins v. Virginia, 00-8452 (2002).");
        assert_eq!(e.date.unwrap().year, Some(2002));
        assert_eq!(e.span, Span::new(3, 38));
    }

    #[test]
    fn short_names() {
        let n = |s: &str| entry(s).short_name();
        assert_eq!(n("Okafor, N. (2021). Harbour traffic."), "Okafor");
        assert_eq!(
            n("Halvorsen, M., & Brandt, K. (2024). Night trains."),
            "Halvorsen & Brandt"
        );
        assert_eq!(
            n("Brandt, K., Osei, A., & Lund, P. (2021). Why."),
            "Brandt et al."
        );
        assert_eq!(
            n("Carr M, Leadbeater BSC, Hassan R. 2008. Molecular."),
            "Carr et al."
        );
        assert_eq!(n("James-Clark H. 1867. On the spongiae."), "James-Clark");
        assert_eq!(
            n("Parsons, Talcott, and Robert Bales. 1955. Family."),
            "Parsons & Bales"
        );
        assert_eq!(n("Popenoe, David. 2007. The Future."), "Popenoe");
        assert_eq!(
            n("U.S. Census Bureau. 2011b. Living."),
            "U.S. Census Bureau"
        );
        assert_eq!(n("Haak, Wolfgang et al. 2008. Ancient DNA."), "Haak et al.");
    }

    #[test]
    fn cited_authors() {
        let a = CitedAuthors::parse("Smith, Lee, & Park");
        assert_eq!(a.names, vec!["smith", "lee", "park"]);
        let a = CitedAuthors::parse("Carr et al.");
        assert!(a.et_al);
        assert_eq!(a.names, vec!["carr"]);
        let a = CitedAuthors::parse("Haak et al");
        assert!(a.et_al);
        let a = CitedAuthors::parse("World Health Organization [WHO]");
        assert_eq!(a.abbreviation.as_deref(), Some("WHO"));
        assert_eq!(a.whole, "world health organization");
        assert_eq!(normalise("O’Hara"), normalise("O'hara"));
        assert_eq!(normalise("U.S. Census Bureau"), "us census bureau");
    }

    fn src(name: &str, year: Option<i16>, suffix: Option<char>) -> CitedSource {
        CitedSource {
            name: name.to_string(),
            name_span: Span::default(),
            date: Some(CitationDate {
                text: String::new(),
                span: Span::default(),
                date: year.map_or(PartialDate::UNDATED, PartialDate::year),
                format: DateFormat::Year,
                suffix,
            }),
            locator: None,
            prefix: None,
            secondary: false,
        }
    }

    fn index(list: &[&str], cited: &[&str]) -> ReferenceIndex {
        ReferenceIndex::new(
            list.iter().map(|s| entry(s)).collect(),
            cited.iter().copied(),
        )
    }

    const PAR: CitationKind = CitationKind::Parenthetical;

    #[test]
    fn resolves_authors_and_years() {
        let idx = index(
            &[
                "Popenoe, David. 2007. The Future of Marriage.",
                "Popenoe, David and Barbara D. Whitehead. 2001. Top Ten Myths.",
                "Popenoe, David, and Barbara D. Whitehead. 2004. Ten Findings.",
                "Wechsler, D. (1958). The measurement of adult intelligence.",
                "Wechsler, D. (2002 ). WPPSI-R manual.",
                "Anderson, Lydia and Scherer, Zachary. 2020. See How Marriage Rates Stack Up.",
                "Carr M, Leadbeater BSC, Hassan R. 2008. Molecular phylogeny.",
            ],
            &[],
        );
        assert_eq!(
            idx.resolve(&src("Popenoe", Some(2007), None), PAR),
            Resolution::Found(vec![0])
        );
        assert_eq!(
            idx.resolve(&src("Popenoe and Whitehead", Some(2007), None), PAR),
            Resolution::YearMismatch(vec![1, 2])
        );
        assert_eq!(
            idx.resolve(&src("Popenoe & Whitehead", Some(2004), None), PAR),
            Resolution::Found(vec![2])
        );
        assert_eq!(
            idx.resolve(&src("Wechsler", Some(2012), None), PAR),
            Resolution::YearMismatch(vec![3, 4])
        );
        assert_eq!(
            idx.resolve(&src("Anderson", Some(2020), None), PAR),
            Resolution::Found(vec![5])
        );
        assert_eq!(
            idx.resolve(&src("Carr et al.", Some(2008), None), PAR),
            Resolution::Found(vec![6])
        );
        assert_eq!(
            idx.resolve(&src("Aamodt and McCoy", Some(2010), None), PAR),
            Resolution::Missing
        );
        assert_eq!(
            idx.resolve(&src("Smith", Some(2020), None), PAR),
            Resolution::Missing
        );
        // A lead author that merely starts like another does not match.
        assert_eq!(
            idx.resolve(&src("Pope", Some(2007), None), PAR),
            Resolution::Missing
        );
    }

    #[test]
    fn resolves_organisations_and_abbreviations() {
        let idx = index(
            &[
                "U.S. Census Bureau. 2006. Remarriage in the United States.",
                "U.S. Census Bureau. 2011. Divorce Rates Highest in the South.",
                "U.S. Census Bureau. 2011b. Living Arrangements of Children.",
                "American Psychiatric Association. (2013). Diagnostic and statistical manual.",
                "World Health Organization. (2020). Report.",
            ],
            &[
                "American Psychiatric Association [APA]",
                "World Health Organization [WHO]",
            ],
        );
        assert_eq!(
            idx.resolve(&src("U.S. Census Bureau", Some(2015), None), PAR),
            Resolution::YearMismatch(vec![0, 1, 2])
        );
        assert_eq!(
            idx.resolve(&src("U.S. Census Bureau", Some(2011), None), PAR),
            Resolution::Found(vec![1])
        );
        assert_eq!(
            idx.resolve(&src("U.S. Census Bureau", Some(2011), Some('b')), PAR),
            Resolution::Found(vec![2])
        );
        assert_eq!(
            idx.resolve(&src("APA", Some(2013), None), PAR),
            Resolution::Found(vec![3])
        );
        assert_eq!(
            idx.resolve(
                &src("American Psychiatric Association [APA]", Some(2013), None),
                PAR
            ),
            Resolution::Found(vec![3])
        );
        assert_eq!(
            idx.resolve(&src("WHO", Some(2020), None), PAR),
            Resolution::Found(vec![4])
        );
        assert_eq!(
            idx.resolve(&src("CDC", Some(2020), None), PAR),
            Resolution::Missing
        );
    }

    #[test]
    fn resolves_suffixes() {
        let idx = index(
            &[
                "Harlow, A. (1980a). First paper.",
                "Harlow, A. (1980b). Second paper.",
                "Danziger, K. (1980). The history of introspection reconsidered.",
                "Danziger, K. (1980). Wundt's psychological experiment.",
            ],
            &[],
        );
        assert_eq!(
            idx.resolve(&src("Harlow", Some(1980), None), PAR),
            Resolution::Ambiguous {
                entries: vec![0, 1],
                entries_have_suffixes: true
            }
        );
        assert_eq!(
            idx.resolve(&src("Harlow", Some(1980), Some('b')), PAR),
            Resolution::Found(vec![1])
        );
        assert_eq!(
            idx.resolve(&src("Harlow", Some(1980), Some('c')), PAR),
            Resolution::YearMismatch(vec![0, 1])
        );
        assert_eq!(
            idx.resolve(&src("Danziger", Some(1980), None), PAR),
            Resolution::Ambiguous {
                entries: vec![2, 3],
                entries_have_suffixes: false
            }
        );
    }

    #[test]
    fn republished_and_bracketed_names() {
        let idx = index(
            &[
                "Tiffany, F. (2012/1891). Life of Dorothea Lynde Dix (7th ed.). Houghton, Mifflin.",
                "Keenan [Ochs], Elinor. 1974. Norm-makers, norm-breakers.",
            ],
            &[],
        );
        assert_eq!(
            idx.resolve(&src("Tiffany", Some(1891), None), PAR),
            Resolution::Found(vec![0])
        );
        assert_eq!(
            idx.resolve(&src("Tiffany", Some(2012), None), PAR),
            Resolution::Found(vec![0])
        );
        assert_eq!(
            idx.resolve(&src("Keenan [Ochs]", Some(1974), None), PAR),
            Resolution::Found(vec![1])
        );
        assert_eq!(idx.entries[1].abbreviation, None);
    }

    #[test]
    fn narrative_with_first_name() {
        let idx = index(&["Westen, D. (1998). The scientific legacy."], &[]);
        assert_eq!(
            idx.resolve(
                &src("Drew Westen", Some(1998), None),
                CitationKind::Narrative
            ),
            Resolution::Found(vec![0])
        );
        assert_eq!(
            idx.resolve(&src("Drew Westen", Some(1998), None), PAR),
            Resolution::Missing
        );
    }

    #[test]
    fn hostile_entries_do_not_panic() {
        for s in [
            "",
            "(",
            "((((",
            "2020",
            "é(2020",
            "n.d.",
            "[",
            "[A]",
            &"(".repeat(1000),
            "Smith, J. (2020",
        ] {
            let _ = entry(s);
        }
    }
}
