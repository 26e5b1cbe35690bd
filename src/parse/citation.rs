//! The parenthetical citation grammar: one nom function per rule of `grammar/citation.peg`
//! (the rules for dates live in `date.rs`, for names in `source_name.rs`, for the narrative
//! fragment in `narrative.rs`).
//!
//! Parsers return slices of their input, which is always a slice of the prose mask, so the
//! caller turns them into file offsets with a pointer difference. The lenient forms a writer
//! gets slightly wrong (a doubled comma, a second date in one item) parse with a flag so the
//! citation is still reported and `malformed-citation` can say what to fix.

use super::date::{
    DateAst, date, date_list, misspelled_date, weekday_date, weekday_only, yearless_date,
};
use super::lex::{R, comma_sep, dash, digits, fail, is_space, kw, kw_any_case, ows, word_end, ws};
use super::source_name::{author_list, cap_word, source};
use crate::dates::Precision;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{eof, opt, peek, recognize};
use nom::multi::{many0, many1};
use nom::sequence::preceded;

/// Whether `name`, before a day without a year, can be a source. A yearless date is short
/// evidence, and asides carry one too: a weekday (`(Mon, July 3)`), a holiday (`(Christmas Day,
/// Dec. 25)`), a numbered event (`(Game 6, June 16)`), a place (`(London, June 5)`) or a
/// word with no comma after it (`(Effective Jan. 1)`, `(Due Oct. 15)`); news style always puts
/// a comma between the outlet and the date.
fn yearless_source(name: &str, sep: &str) -> bool {
    let name = name.trim();
    let first = name.split(super::lex::is_space).next().unwrap_or("");
    let last = name.rsplit(super::lex::is_space).next().unwrap_or("");
    // A day in full, or abbreviated alone or with its full stop; "Sun Sentinel" is a paper.
    let weekday = crate::dates::is_weekday(first)
        && (first == name || first.ends_with('.') || first.len() > 5);
    sep.contains(',')
        && !weekday
        && !matches!(last, "Day" | "Eve")
        && !name.contains(|c: char| c.is_ascii_digit())
        && !super::narrative::is_place_name(name)
}

/// Whether `name`, before a day of the week alone, can be its source. A bare weekday is
/// short evidence, and asides carry one more often than a source does: `(Smith, Friday)`,
/// `(Arsenal, Saturday)`, `(Easter, Sunday)`, `(ET, Monday)`, `(WASHINGTON, Sunday)`. AP style
/// writes it after a news outlet, so the source must read as one (a wire service, or a name
/// with an outlet word: "Farm Wire", "Harbour Gazette"), and no word of it may be a weekday
/// (`(Reuters, Tuesday, Wednesday)` is no source named "Reuters, Tuesday").
fn weekday_source(name: &str) -> bool {
    crate::source_names::is_outlet_like(name)
        && !name
            .split(|c: char| c == ',' || super::lex::is_space(c))
            .any(crate::dates::is_weekday)
}

/// One source item of a citation, before spans are computed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ItemAst<'a> {
    pub prefix: Option<&'a str>,
    /// `None` for a date-only continuation (`; 2000, 475`) and `ibid.`.
    pub name: Option<&'a str>,
    pub dates: Vec<DateAst<'a>>,
    pub locator: Option<&'a str>,
    /// The work this one was read in ("as cited in X").
    pub cited_in: Option<Box<ItemAst<'a>>>,
    /// `,,` between the source and the date.
    pub doubled_sep: Option<&'a str>,
    /// A second date after the first (`July 2025 August 2025`).
    pub extra_date: Option<DateAst<'a>>,
    /// The date of first publication in brackets before the edition's (`[1867]` of `Marx
    /// [1867] 1976`); the edition's is the date read.
    pub original: Option<&'a str>,
    /// The comma that joins this item to the one before it where a semicolon belongs
    /// (`(Zimmerman and West 1975, West 1998)`).
    pub comma_before: Option<&'a str>,
    /// Cited through the work before it, named after "quoting" or "citing" (`(Smith, 2020,
    /// quoting Lund, 1992)`): read in that work, as a secondary source.
    pub through: bool,
}

/// grammar: paren_citation
pub(crate) fn paren_citation(i: &str) -> R<'_, Vec<ItemAst<'_>>> {
    // Cross-references may come first ("(see Figure 3; Smith, 2022)"), not alone.
    let (rest, (_, _, first, more, post, _, _)) = (
        ows,
        many0((cross_ref, semi)),
        cite_segment,
        many0((item_sep, segment)),
        opt(postfix),
        ows,
        eof,
    )
        .parse(i)?;
    let more = more.into_iter().map(|(sep, item)| {
        item.map(|mut item| {
            item.comma_before = sep.contains(',').then_some(sep);
            item
        })
    });
    if first.name.is_none() && first.cited_in.is_none() {
        return fail(i);
    }
    let more: Vec<Option<ItemAst<'_>>> = more.collect();
    if more.is_empty() && is_term_of_office(&first) {
        return fail(i);
    }
    let mut items = vec![first];
    items.extend(more.into_iter().flatten());
    items.extend(post.flatten());
    if items.iter().any(|item| item.comma_before.is_some()) && !comma_joins_works(&items) {
        return fail(i);
    }
    Ok((rest, items))
}

/// Whether items joined by commas can be cited works rather than an aside listing named years:
/// not when every one is a term of office (`(Ben Bernanke, 2006–2014, Janet Yellen,
/// 2014–2018)`), when one names a place (`(London 2012, Rio 2016)`, the games of a city) or
/// when they all share one name (`(Windows 2000, Windows 2003)`, `(Euro 2016, Euro 2020)`: an
/// author cited for two years is written once, `(Idowu 1998, 2001)`).
fn comma_joins_works(items: &[ItemAst<'_>]) -> bool {
    let names: Vec<&str> = items.iter().filter_map(|item| item.name).collect();
    let one_name = names.len() > 1 && names.iter().all(|n| n.trim() == names[0].trim());
    !items.iter().all(is_term_of_office)
        && !one_name
        && !names
            .iter()
            .any(|n| super::narrative::is_place_name(n.trim()))
}

/// Whether `item` is a person named in full with a range of years longer than a work's and
/// nothing else: `(Paul Volcker, 1979–1987)`, `(President Obama, 2009–2017)`, a term of office
/// or a life. Author–date citations name authors by surname, and a work published over years
/// spans a few at most (`(Okafor, 2019–2020)`), so only the two together are refused; an
/// organisation's data series (`(World Bank, 2010–2018)`) and a surname alone
/// (`(Volcker, 1979–1987)`) still read as citations.
fn is_term_of_office(item: &ItemAst<'_>) -> bool {
    item.prefix.is_none()
        && item.locator.is_none()
        && item.cited_in.is_none()
        && item.extra_date.is_none()
        && !item.dates.is_empty()
        && item.dates.iter().all(super::narrative::is_long_range)
        && item.name.is_some_and(crate::source_names::is_person_like)
}

/// grammar: postfix
///
/// A note on the quotation after the works: "(Smith, 2020, p. 4, emphasis added)", "(Lee,
/// 2019; my translation)", "(Smith, 2020, quoting Lee)". It names no work of its own, but for
/// a dated one after "quoting" or "citing" (`(Smith, 2020, quoting Lund, 1992)`), read
/// through the work before it and returned as a secondary item.
pub(crate) fn postfix(i: &str) -> R<'_, Option<ItemAst<'_>>> {
    let (rest, _) = alt((semi, comma_sep)).parse(i)?;
    if let Ok((after, (_, _, name, (_, dates)))) = (
        alt((kw("quoting"), kw("citing"))),
        ws,
        source,
        (author_date_sep, date_list),
    )
        .parse(rest)
    {
        let item = ItemAst {
            name: Some(name),
            dates,
            through: true,
            ..ItemAst::default()
        };
        return Ok((after, Some(item)));
    }
    note(rest).map(|(after, _)| (after, None))
}

/// [`postfix`]'s notes.
fn note(i: &str) -> R<'_, &str> {
    alt((
        kw("emphasis added"),
        kw("emphasis in original"),
        kw("emphasis original"),
        kw("emphasis mine"),
        kw("my emphasis"),
        kw("original emphasis"),
        kw("italics added"),
        kw("italics in original"),
        kw("my italics"),
        kw("my translation"),
        kw("translation mine"),
        kw("author's translation"),
        kw("author’s translation"),
        kw("for a review"),
        recognize((alt((kw("quoting"), kw("citing"))), ws, source)),
    ))
    .parse(i)
}

/// grammar: semi
pub(crate) fn semi(i: &str) -> R<'_, &str> {
    recognize((ows, char(';'), ws)).parse(i)
}

/// grammar: item_sep
pub(crate) fn item_sep(i: &str) -> R<'_, &str> {
    alt((semi, comma_item_sep)).parse(i)
}

/// grammar: comma_item_sep
///
/// Lenient: a comma where a semicolon belongs, taken only before a whole item with its own
/// source and date, so that a locator (`(Fung 1952, 71)`) or a second date stays what it is.
pub(crate) fn comma_item_sep(i: &str) -> R<'_, &str> {
    let (rest, sep) = comma_sep(i)?;
    peek(std_item).parse(rest)?;
    Ok((rest, sep))
}

/// grammar: segment
pub(crate) fn segment(i: &str) -> R<'_, Option<ItemAst<'_>>> {
    alt((cite_segment.map(Some), cross_ref.map(|_| None))).parse(i)
}

/// grammar: cite_segment
pub(crate) fn cite_segment(i: &str) -> R<'_, ItemAst<'_>> {
    let (rest, (p, mut item)) = (opt(prefix), cite_item).parse(i)?;
    item.prefix = p.map(str::trim_end);
    Ok((rest, item))
}

/// The first words of [`prefix`]'s phrases, in any case.
const PREFIX_OPENERS: &[&str] = &[
    "see",
    "see,",
    "but",
    "e.g.,",
    "e.g.",
    "cf.",
    "for",
    "reviewed",
    "source:",
    "sources:",
    "data:",
    "via",
    "per",
    "also",
    "adapted",
    "data",
    "figures",
    "reprinted",
    "reproduced",
    "modified",
    "based",
    "as",
    "reported",
    "discussed",
    "summarized",
    "summarised",
    "table",
    "figure",
    "fig.",
    "appendix",
    "chapter",
];

/// grammar: prefix
pub(crate) fn prefix(i: &str) -> R<'_, &str> {
    // Most items open with a name: one look at the first word spares them thirty-odd
    // alternatives, each tried at every item of every citation.
    let first = i.split(is_space).next().unwrap_or("");
    if !PREFIX_OPENERS.iter().any(|w| w.eq_ignore_ascii_case(first)) {
        return fail(i);
    }
    recognize((
        alt((
            kw_any_case("see also"),
            kw_any_case("see, e.g.,"),
            kw_any_case("see e.g.,"),
            kw_any_case("but see"),
            kw_any_case("see"),
            kw_any_case("e.g.,"),
            kw_any_case("e.g."),
            kw_any_case("cf."),
            kw_any_case("for example,"),
            kw_any_case("for a review, see"),
            kw_any_case("reviewed in"),
            kw_any_case("source:"),
            kw_any_case("sources:"),
            kw_any_case("data:"),
            kw("via"),
            kw("per"),
            kw("also"),
            source_prefix,
        )),
        ws,
    ))
    .parse(i)
}

/// The part of [`prefix`] that says what was taken from the work ("adapted from", "quoted
/// in") or which part of it holds what is cited ("Table 1 in"): the same grammar rule, split
/// only because nom's choices take at most 21 alternatives.
fn source_prefix(i: &str) -> R<'_, &str> {
    alt((
        kw_any_case("adapted from"),
        kw_any_case("data from"),
        kw_any_case("figures from"),
        kw_any_case("reprinted from"),
        kw_any_case("reproduced from"),
        kw_any_case("modified from"),
        kw_any_case("based on"),
        kw_any_case("as reported in"),
        kw_any_case("reported in"),
        kw_any_case("discussed in"),
        kw_any_case("summarized in"),
        kw_any_case("summarised in"),
        recognize((
            alt((
                kw("Table"),
                kw("Figure"),
                kw("Fig."),
                kw("Appendix"),
                kw("Chapter"),
            )),
            opt(preceded(ws, page)),
            ws,
            kw("in"),
        )),
    ))
    .parse(i)
}

/// grammar: cite_item
pub(crate) fn cite_item(i: &str) -> R<'_, ItemAst<'_>> {
    // The first three alternatives each need a word of their own, and each reads the source
    // name again before it fails without it: a look for the word first spares three readings
    // of the name in almost every citation, and changes nothing the grammar accepts.
    let words = |w: &[&str]| {
        w.iter()
            .any(|w| memchr::memmem::find(i.as_bytes(), w.as_bytes()).is_some())
    };
    if words(&["cited", "quoted"])
        && let Ok(ok) = secondary_item(i)
    {
        return Ok(ok);
    }
    if words(&["personal"])
        && let Ok(ok) = personal_comm(i)
    {
        return Ok(ok);
    }
    if words(&[" v. ", " vs. "])
        && let Ok(ok) = legal_item(i)
    {
        return Ok(ok);
    }
    alt((ibid_item, std_item, date_only_cont)).parse(i)
}

/// grammar: std_item
pub(crate) fn std_item(i: &str) -> R<'_, ItemAst<'_>> {
    let (rest, (name, original, sep, dates)) =
        (source, opt(original_date), author_date_sep, item_dates).parse(i)?;
    if let [d] = dates.as_slice()
        && matches!(d.date.precision, Precision::Yearless | Precision::Weekday)
        && !yearless_source(name, sep)
    {
        return fail(i);
    }
    let (rest, locator) = opt(locators).parse(rest)?;
    // A day of the week alone ends its source (but for a locator): in "(Reuters, Tuesday, at
    // the hearing)" it is part of an aside.
    if let [d] = dates.as_slice()
        && d.date.precision == Precision::Weekday
        && (!ends_item(rest) || locator.is_some_and(bare_number) || !weekday_source(name))
    {
        return fail(i);
    }
    let (rest, extra_date) = opt(extra_date).parse(rest)?;
    let doubled_sep = doubled_sep(sep).ok().map(|_| sep);
    Ok((
        rest,
        ItemAst {
            name: Some(name),
            dates,
            locator,
            doubled_sep,
            extra_date,
            original,
            ..ItemAst::default()
        },
    ))
}

/// grammar: original_date
pub(crate) fn original_date(i: &str) -> R<'_, &str> {
    let (rest, (_, _, _, date, _, _)) = (
        ows,
        char('['),
        ows,
        alt((
            recognize((digits(1, 4), ws, era, peek((ows, char(']'))))),
            recognize((digits(3, 4), word_end, peek((ows, char(']'))))),
        )),
        ows,
        char(']'),
    )
        .parse(i)?;
    Ok((rest, date))
}

/// grammar: era
pub(crate) fn era(i: &str) -> R<'_, &str> {
    let (rest, e) = alt((
        tag("B.C.E."),
        tag("BCE"),
        tag("B.C."),
        tag("BC"),
        tag("C.E."),
        tag("CE"),
        tag("A.D."),
        tag("AD"),
    ))
    .parse(i)?;
    word_end(rest)?;
    Ok((rest, e))
}

/// grammar: author_date_sep
pub(crate) fn author_date_sep(i: &str) -> R<'_, &str> {
    alt((doubled_sep, comma_sep, ws)).parse(i)
}

/// grammar: doubled_sep
pub(crate) fn doubled_sep(i: &str) -> R<'_, &str> {
    recognize((ows, char(','), ows, char(','), ws)).parse(i)
}

/// grammar: item_dates
pub(crate) fn item_dates(i: &str) -> R<'_, Vec<DateAst<'_>>> {
    alt((
        date_list,
        misspelled_date.map(|d| vec![d]),
        weekday_date.map(|d| vec![d]),
        yearless_date.map(|d| vec![d]),
        weekday_only.map(|d| vec![d]),
    ))
    .parse(i)
}

/// Whether `i` opens a day of the week alone that ends its source (`weekday_only`, a locator
/// perhaps, then the end of the citation or a `;`).
pub(crate) fn weekday_ends_item(i: &str) -> bool {
    let Ok((rest, _)) = weekday_only(i) else {
        return false;
    };
    match opt(locators).parse(rest) {
        Ok((rest, locator)) => ends_item(rest) && !locator.is_some_and(bare_number),
        Err(_) => ends_item(rest),
    }
}

/// A locator that is a number (`71`, `2023-07`): after a day of the week it is more likely a
/// date than a page.
fn bare_number(locator: &str) -> bool {
    locator
        .trim_start_matches([',', ' '])
        .starts_with(|c: char| c.is_ascii_digit())
}

/// Whether `rest` is what may follow the last date of a source: the end of the citation or
/// the `;` before the next source.
pub(crate) fn ends_item(rest: &str) -> bool {
    let rest = rest.trim_start_matches(super::lex::is_space);
    rest.is_empty() || rest.starts_with(';')
}

/// grammar: extra_date
pub(crate) fn extra_date(i: &str) -> R<'_, DateAst<'_>> {
    preceded(alt((comma_sep, ws)), date).parse(i)
}

/// grammar: date_only_cont
pub(crate) fn date_only_cont(i: &str) -> R<'_, ItemAst<'_>> {
    let (rest, (dates, locator)) = (date_list, opt(locators)).parse(i)?;
    Ok((
        rest,
        ItemAst {
            dates,
            locator,
            ..ItemAst::default()
        },
    ))
}

/// grammar: secondary_item
pub(crate) fn secondary_item(i: &str) -> R<'_, ItemAst<'_>> {
    // A primary work whose date is not known is named alone: "(Lee, as cited in Smith, 2020)".
    // A comma must follow it, and one word ending in "-ly" is how, not whom: "(Often quoted in
    // Moreau, 2017)".
    let name_only = |i| {
        let (rest, name) = source(i)?;
        if !rest.starts_with(',') || !name.contains(char::is_whitespace) && name.ends_with("ly") {
            return fail(i);
        }
        let item = ItemAst {
            name: Some(name),
            ..ItemAst::default()
        };
        Ok((rest, item))
    };
    let (rest, primary) = opt((
        alt((std_item, date_only_cont, name_only)),
        opt(char(',')),
        ws,
    ))
    .parse(i)?;
    let (rest, (_, _, _, _, _, cited_in)) = (
        opt((kw("as"), ws)),
        opt((alt((kw("both"), kw("all"))), ws)),
        alt((kw("cited"), kw("quoted"))),
        ws,
        kw("in"),
        preceded(ws, std_item),
    )
        .parse(rest)?;
    let mut item = primary.map(|(p, _, _)| p).unwrap_or_default();
    item.cited_in = Some(Box::new(cited_in));
    Ok((rest, item))
}

/// grammar: personal_comm
pub(crate) fn personal_comm(i: &str) -> R<'_, ItemAst<'_>> {
    let (rest, (name, _, _, _, _, d)) = (
        opt((author_list, char(','), ws).map(|(n, _, _)| n)),
        kw("personal"),
        ws,
        kw("communication"),
        comma_sep,
        date,
    )
        .parse(i)?;
    Ok((
        rest,
        ItemAst {
            name,
            dates: vec![d],
            ..ItemAst::default()
        },
    ))
}

/// grammar: legal_item
pub(crate) fn legal_item(i: &str) -> R<'_, ItemAst<'_>> {
    let (rest, (name, _, reporter)) = (case_name, comma_sep, reporter).parse(i)?;
    let (rest, d) = opt(preceded(
        alt((comma_sep, ws)),
        alt((
            super::date::year,
            recognize((char('('), super::date::year, char(')'))).map(|_| DateAst {
                text: "",
                date: crate::dates::PartialDate::UNDATED,
                format: crate::parse::DateFormat::Year,
                suffix: None,
                misspelled: None,
            }),
        )),
    ))
    .parse(rest)?;
    Ok((
        rest,
        ItemAst {
            name: Some(name),
            dates: d.filter(|d| !d.text.is_empty()).into_iter().collect(),
            locator: Some(reporter),
            ..ItemAst::default()
        },
    ))
}

/// grammar: case_name
pub(crate) fn case_name(i: &str) -> R<'_, &str> {
    let (rest, name) = author_list(i)?;
    if name.contains(" v. ") || name.contains(" vs. ") {
        Ok((rest, name))
    } else {
        fail(i)
    }
}

/// grammar: reporter
pub(crate) fn reporter(i: &str) -> R<'_, &str> {
    // "274 U.S. 200": volume, reporter abbreviation, first page.
    recognize((
        digits(1, 4),
        ws,
        cap_word_dotted,
        ws,
        digits(1, 5),
        word_end,
    ))
    .parse(i)
}

fn cap_word_dotted(i: &str) -> R<'_, &str> {
    recognize((
        satisfy(|c| c.is_uppercase()),
        take_while1(|c: char| c.is_alphanumeric() || c == '.'),
    ))
    .parse(i)
}

/// grammar: ibid_item
pub(crate) fn ibid_item(i: &str) -> R<'_, ItemAst<'_>> {
    let (rest, (name, locator)) = (alt((tag("ibid."), tag("Ibid."))), opt(locators)).parse(i)?;
    Ok((
        rest,
        ItemAst {
            name: Some(name),
            locator,
            ..ItemAst::default()
        },
    ))
}

/// grammar: cross_ref
pub(crate) fn cross_ref(i: &str) -> R<'_, &str> {
    recognize((
        opt((kw_any_case("see"), ws)),
        alt((
            kw("Figure"),
            kw("Fig."),
            kw("Table"),
            kw("Appendix"),
            kw("Section"),
            kw("Chapter"),
            kw("Eq."),
            kw("Equation"),
        )),
        opt(preceded(ws, page)),
    ))
    .parse(i)
}

/// grammar: locators
pub(crate) fn locators(i: &str) -> R<'_, &str> {
    let (rest, parts) = alt((
        (colon_sep, colon_page, many0((loc_sep, recognize(locator)))).map(|(sep, first, more)| {
            let mut all = vec![(sep, first)];
            all.extend(more);
            all
        }),
        many1((loc_sep, recognize(locator))),
    ))
    .parse(i)?;
    let (Some((_, first)), Some((_, last))) = (parts.first(), parts.last()) else {
        return fail(i);
    };
    let start = super::lex::offset_in(i, first);
    let end = super::lex::offset_in(i, last) + last.len();
    Ok((rest, i.get(start..end).unwrap_or("")))
}

/// grammar: colon_sep
///
/// The colon between a year and its page (American Sociological Association style and some
/// Harvard guides): "(Smith 2020: 45)", "(Smith 2020:45–47)".
pub(crate) fn colon_sep(i: &str) -> R<'_, &str> {
    recognize((ows, char(':'), ows)).parse(i)
}

/// The page after [`colon_sep`]: a page range, but not one that runs backwards with its ends
/// of one length, which after a colon is a score or a ratio ("(Qatar 2022: 4–2)", "(2019:
/// 3–1)"); "(Smith 2020: 45–7)" abbreviates 45–47.
fn colon_page(i: &str) -> R<'_, &str> {
    let (rest, range) = page_range(i)?;
    let ends: Vec<&str> = range.split(['-', '–', '—', '‐', '‑']).collect();
    if let [from, to] = ends.as_slice()
        && from.len() == to.len()
        && from.chars().all(|c| c.is_ascii_digit())
        && to.chars().all(|c| c.is_ascii_digit())
        && to < from
    {
        return fail(i);
    }
    Ok((rest, range))
}

/// grammar: loc_sep
pub(crate) fn loc_sep(i: &str) -> R<'_, &str> {
    alt((
        comma_sep,
        recognize((ws, peek(alt((tag("p."), tag("pp.")))))),
    ))
    .parse(i)
}

/// grammar: locator
pub(crate) fn locator(i: &str) -> R<'_, &str> {
    alt((
        page_loc,
        para_loc,
        chap_loc,
        part_loc,
        section_loc,
        time_stamp,
        line_loc,
        bare_loc,
    ))
    .parse(i)
}

/// grammar: page_loc
pub(crate) fn page_loc(i: &str) -> R<'_, &str> {
    recognize((
        alt((tag("pp."), tag("p."), tag("pg."))),
        ows,
        page_range,
        many0((
            comma_sep,
            page_range,
            peek(alt((eof, tag(","), tag(";"), tag(")")))),
        )),
    ))
    .parse(i)
}

/// grammar: page_range
pub(crate) fn page_range(i: &str) -> R<'_, &str> {
    recognize((page, opt((dash, page)))).parse(i)
}

/// grammar: page
pub(crate) fn page(i: &str) -> R<'_, &str> {
    let (rest, p) = alt((
        recognize((
            opt(satisfy(|c| c.is_ascii_uppercase() || c == 'e')),
            digits(1, 6),
            many0((char('.'), digits(1, 4))),
            opt(one_of("abcde")),
        )),
        recognize(many1(one_of("ivxlc"))),
    ))
    .parse(i)?;
    word_end(rest)?;
    Ok((rest, p))
}

/// grammar: para_loc
pub(crate) fn para_loc(i: &str) -> R<'_, &str> {
    recognize((
        opt((take_while1(|c: char| c.is_lowercase()), ws)),
        alt((
            kw("paragraphs"),
            kw("paragraph"),
            tag("paras."),
            tag("para."),
            tag("par."),
            tag("¶"),
        )),
        opt((ows, page_range)),
    ))
    .parse(i)
}

/// grammar: chap_loc
pub(crate) fn chap_loc(i: &str) -> R<'_, &str> {
    recognize((
        alt((kw("Chapter"), kw("chapter"), tag("chap."), tag("ch."))),
        ws,
        alt((
            digits(1, 3),
            take_while1(|c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')),
        )),
        word_end,
    ))
    .parse(i)
}

/// grammar: part_loc
pub(crate) fn part_loc(i: &str) -> R<'_, &str> {
    recognize((
        alt((
            kw("Table"),
            kw("Figure"),
            kw("Fig."),
            kw("Appendix"),
            kw("Slide"),
            kw("slide"),
            kw("Section"),
            tag("sec."),
            tag("§"),
            kw("Book"),
            kw("Part"),
            kw("Vol."),
        )),
        opt((ows, page)),
        opt((comma_sep, kw("row"), ws, digits(1, 4))),
    ))
    .parse(i)
}

/// grammar: section_loc
pub(crate) fn section_loc(i: &str) -> R<'_, &str> {
    recognize((many1((cap_word, ws)), kw("section"))).parse(i)
}

/// grammar: time_stamp
pub(crate) fn time_stamp(i: &str) -> R<'_, &str> {
    recognize((
        digits(1, 2),
        char(':'),
        digits(2, 2),
        opt((char(':'), digits(2, 2))),
        word_end,
    ))
    .parse(i)
}

/// grammar: line_loc
pub(crate) fn line_loc(i: &str) -> R<'_, &str> {
    recognize((
        alt((kw("lines"), kw("line"), tag("ll."), tag("l."))),
        ws,
        page_range,
    ))
    .parse(i)
}

/// grammar: bare_loc
pub(crate) fn bare_loc(i: &str) -> R<'_, &str> {
    // A bare number is a page only when nothing word-like follows it ("71", "43–45", "3.3").
    let (rest, p) = page_range(i)?;
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '%' || c == '$') {
        return fail(i);
    }
    Ok((rest, p))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// `cite_item` looks for a word before trying the alternatives that need one; it must
    /// read every input as the plain ordered choice does, at every offset of every grammar
    /// example and of inputs built to hold the words without the forms.
    #[test]
    fn cite_item_reads_as_the_plain_choice() {
        fn plain(i: &str) -> R<'_, ItemAst<'_>> {
            alt((
                secondary_item,
                personal_comm,
                legal_item,
                ibid_item,
                std_item,
                date_only_cont,
            ))
            .parse(i)
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar/examples");
        let mut inputs: Vec<String> = [
            "Smith, 2019, as cited in Jones, 2020",
            "as cited in Jones, 2020",
            "Smith 2019 cited in Jones 2020",
            "J. Smith, personal communication, May 3, 2021",
            "personal communication, 2021",
            "Smith, personal 2021",
            "Brown v. Board of Education, 347 U.S. 483, 1954",
            "Atkins vs. Virginia, 536 U.S. 304 (2002)",
            "Smith v. Jones, 2020",
            "Ibid., p. 4",
            "ibid.",
            "2000, 475",
            "Reuters, cited 2021",
        ]
        .map(String::from)
        .to_vec();
        for dir in ["valid", "invalid"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                inputs.push(
                    text.trim()
                        .trim_start_matches('(')
                        .trim_end_matches(')')
                        .to_string(),
                );
            }
        }
        assert!(inputs.len() > 100);
        let (mut secondary, mut legal) = (0, 0);
        for input in &inputs {
            for (at, _) in input.char_indices() {
                let i = &input[at..];
                match (cite_item(i), plain(i)) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(a, b, "{i:?}");
                        secondary += usize::from(a.1.cited_in.is_some());
                        legal += usize::from(a.1.name.is_some_and(|n| n.contains(" v")));
                    }
                    (Err(_), Err(_)) => {}
                    (a, b) => panic!("{i:?}: {a:?} against {b:?}"),
                }
            }
        }
        assert!(
            secondary > 2 && legal > 2,
            "{secondary} secondary, {legal} legal"
        );
    }

    fn items(s: &str) -> Vec<ItemAst<'_>> {
        match paren_citation(s) {
            Ok((_, v)) => v,
            Err(e) => panic!("{s}: {e:?}"),
        }
    }

    #[test]
    fn news_and_apa_forms() {
        let v = items("National Bureau of Statistics of China, July 2025");
        assert_eq!(v[0].name, Some("National Bureau of Statistics of China"));
        assert_eq!(v[0].dates[0].text, "July 2025");
        let v = items("Smith & Lee, 2020, p. 4");
        assert_eq!(v[0].name, Some("Smith & Lee"));
        assert_eq!(v[0].locator, Some("p. 4"));
        let v = items("Confucius 2015, p. 9, 3.3");
        assert_eq!(v[0].locator, Some("p. 9, 3.3"));
        let v = items("Wong 1999, 328; 2000, 475");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].name, None);
        assert_eq!(v[1].locator, Some("475"));
    }

    #[test]
    fn secondary_legal_personal() {
        let v = items("Rabbitt, 1982, as cited in Lyon et al., 2014");
        assert_eq!(v[0].name, Some("Rabbitt"));
        assert_eq!(
            v[0].cited_in.as_ref().and_then(|c| c.name),
            Some("Lyon et al.")
        );
        let v = items("Buck v. Bell, 274 U.S. 200; Ko, 2016");
        assert_eq!(v[0].name, Some("Buck v. Bell"));
        assert_eq!(v[0].locator, Some("274 U.S. 200"));
        assert!(v[0].dates.is_empty());
        let v = items("M. Flynn, personal communication, September 20, 1999");
        assert_eq!(v[0].name, Some("M. Flynn"));
    }

    #[test]
    fn lenient_forms_are_flagged() {
        let v = items("CNN Business,, July 2025");
        assert!(v[0].doubled_sep.is_some());
        let v = items("Reuters, July 2025 August 2025");
        assert_eq!(
            v[0].extra_date.as_ref().map(|d| d.text),
            Some("August 2025")
        );
        let v = items("Goodman & Schulkin, 2020, April 2, 2020");
        assert_eq!(
            v[0].extra_date.as_ref().map(|d| d.text),
            Some("April 2, 2020")
        );
    }

    #[test]
    fn look_alikes_fail() {
        for s in [
            "NBS",
            "2020",
            "see Figure 2",
            "Ad slot: YYYYYYYYYY",
            "n = 120",
            "R-Texas",
            "Updated July 14, 2025",
            "Reporting by Joe Cash; Editing by Sam Holmes",
            "May 2019",
            "1998–2004",
            "Hall v. Florida",
            "Fourth Estate",
            "around 2003 and 1987, respectively",
            "Table 2; Figure 4",
            "see Figure 3;",
        ] {
            assert!(paren_citation(s).is_err(), "{s}");
        }
    }

    #[test]
    fn a_person_named_in_full_with_a_long_range_is_a_term_of_office() {
        for s in [
            "Paul Volcker, 1979–1987",
            "President Obama, 2009–2017",
            "Ana María Ruiz, 2001–2006",
        ] {
            assert!(paren_citation(s).is_err(), "{s}");
        }
        // A surname, an organisation, a short range, a locator, a group: a work's date.
        for s in [
            "Volcker, 1979–1987",
            "World Bank, 2010–2018",
            "Paul Volcker, 2019–2020",
            "Paul Volcker, 1979–1987, p. 4",
            "Paul Volcker, 1979–1987; Lee, 2019",
            "Smith & Lee, 2010–2018",
        ] {
            assert!(paren_citation(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn a_page_range_after_the_date_is_a_locator() {
        // Chicago's shortened page range reads like a range of years, but starts before the
        // work's date.
        let v = items("Smith 2016, 1536–38");
        assert_eq!((v[0].dates.len(), v[0].locator), (1, Some("1536–38")));
        let v = items("Jones et al. 2018, 2015–2017");
        assert_eq!((v[0].dates.len(), v[0].locator), (1, Some("2015–2017")));
    }

    #[test]
    fn cross_references_may_come_first() {
        // The "(Figure 3; Name 2022)" form authors ask for: the cross-reference is not a source.
        let v = items("Figure 3; Smith, 2019");
        assert_eq!((v.len(), v[0].name), (1, Some("Smith")));
        let v = items("see Table 2; see also Moreau, 2022; Figure 4");
        assert_eq!((v.len(), v[0].prefix), (1, Some("see also")));
    }
}
