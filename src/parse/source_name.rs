//! Source names: authors, groups, outlets and quoted titles (the `source` rules of
//! `grammar/citation.peg`).
//!
//! The grammar does not try to tell a person from an organisation: `Smith & Lee`, `CNN
//! Business` and `Center for China and Globalization` are all an `author_list`, and the name is
//! reported as written. What matters is where a name stops: every word is guarded so that a
//! date ("July 2025") never becomes part of a name, and a closed list of reserved words
//! (`Updated`, `Figure`, `Photo`, …) may not open one, which rejects most look-alikes.

use super::date::{date, may_open_date, misspelled_date, yearless_date};
use super::lex::{R, fail, kw, ows, ws};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, peek, recognize};
use nom::multi::{many0, many1};

/// Words that never open a source name: update stamps, credits, cross-references, bio notes,
/// prepositions that start asides ("In 2019", "Since 2020").
const RESERVED: &[&str] = &[
    "Updated",
    "Published",
    "Posted",
    "Accessed",
    "Retrieved",
    "Revised",
    "Photo",
    "Photograph",
    "Image",
    "Video",
    "Reporting",
    "Editing",
    "Writing",
    "File",
    "Since",
    "Until",
    "From",
    "Born",
    "Died",
    "Formerly",
    "Figure",
    "Fig",
    "Table",
    "Appendix",
    "Section",
    "Chapter",
    "Ad",
    "Credit",
    "Credits",
    "Courtesy",
    "In",
    "On",
    "At",
    "By",
    "For",
    "To",
    "As",
    "After",
    "Before",
    "During",
    "Around",
    "About",
    "Between",
    "Circa",
    "Ca",
    "Est",
    "Founded",
    "Established",
    "Copyright",
    "Note",
    "Notes",
    "See",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "Also",
    "And",
    "Or",
    "But",
    "Not",
    "Both",
    "Each",
    "All",
    "Some",
    "Most",
    "Many",
    "Only",
    "Up",
    "Down",
    "Over",
    "Under",
    "Early",
    "Late",
    "Mid",
    "Ages",
    "Age",
    "Year",
    "Years",
];

/// Lowercase words that may join the words of one name ("Bureau of Statistics", "Atkins v.
/// Virginia") or stand before a surname ("de Beauvoir").
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "&", "on", "the", "in", "at", "de", "du", "des", "y", "v.", "vs.", "van",
    "von", "der", "den", "da", "di", "le", "la", "del", "della", "bin", "ibn", "und", "et",
];

const PARTICLES: &[&str] = &[
    "de", "du", "des", "van", "von", "der", "den", "da", "di", "le", "la", "del", "della", "bin",
    "ibn", "al", "el", "ten", "ter",
];

/// grammar: source
pub(crate) fn source(i: &str) -> R<'_, &str> {
    alt((quoted_title, author_list)).parse(i)
}

/// grammar: quoted_title
pub(crate) fn quoted_title(i: &str) -> R<'_, &str> {
    alt((
        recognize((char('“'), take_while1(|c| c != '”' && c != '“'), char('”'))),
        recognize((char('"'), take_while1(|c| c != '"'), char('"'))),
    ))
    .parse(i)
}

/// grammar: author_list
pub(crate) fn author_list(i: &str) -> R<'_, &str> {
    recognize((
        author,
        many0((list_sep, author_next)),
        opt(et_al),
        opt(group_abbrev),
    ))
    .parse(i)
}

/// grammar: list_sep
pub(crate) fn list_sep(i: &str) -> R<'_, &str> {
    alt((
        recognize((opt(char(',')), ws, alt((tag("&"), kw("and"))), ws)),
        recognize((char(','), ws)),
    ))
    .parse(i)
}

/// grammar: author_next
///
/// Not the day of the week that opens a date: the "Monday" of "(AP, Monday, July 3)".
fn author_next(i: &str) -> R<'_, &str> {
    if super::date::weekday_date(i).is_ok() {
        return fail(i);
    }
    if super::citation::weekday_ends_item(i) {
        return fail(i);
    }
    author_with(i, false)
}

/// grammar: author
///
/// The first author of a list; later ones (`author_next`) may not be a misspelled month.
pub(crate) fn author(i: &str) -> R<'_, &str> {
    author_with(i, true)
}

fn author_with(i: &str, first: bool) -> R<'_, &str> {
    let (mut rest, _) = name_part(i, first, !first)?;
    loop {
        // Up to two words of grammar between names: "Bank of the Philippine Islands".
        let step = (ws, opt((connector, ws, opt((connector, ws))))).parse(rest);
        let Ok((r, (_, joined))) = step else { break };
        match name_part(r, false, !first) {
            Ok((r2, _)) => rest = r2,
            Err(_) => match name_number(r) {
                Ok((r2, _)) if joined.is_none() => rest = r2,
                _ => break,
            },
        }
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// grammar: name_number
///
/// "France 24", "Channel 4": a short number inside a name, after one of its words.
fn name_number(i: &str) -> R<'_, &str> {
    let (rest, n) = recognize((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        super::lex::word_end,
    ))
    .parse(i)?;
    if date(i).is_ok() {
        return fail(i);
    }
    Ok((rest, n))
}

/// grammar: name_part
///
/// `opening`: the first word of a source (reserved words refused); `guard_misspelled`: a
/// misspelled month followed by a year ends the name.
fn name_part(i: &str, opening: bool, guard_misspelled: bool) -> R<'_, &str> {
    let (rest, _) = opt((particle, ws)).parse(i)?;
    let (rest, w) = name_word(rest)?;
    let at = rest_from(i, w);
    if (may_open_date(at) && (date(at).is_ok() || ends_with_yearless_date(at)))
        || (guard_misspelled && misspelled_date(at).is_ok())
    {
        return fail(i);
    }
    let core = w.trim_end_matches('.');
    let reserved = RESERVED.contains(&w) || (core.chars().count() > 1 && RESERVED.contains(&core));
    // "An et al. 2011": a reserved word followed by "et al." is a surname; "The New York Times",
    // "The Economist": a leading "The" before a name belongs to a publication's title.
    if opening
        && reserved
        && et_al(rest).is_err()
        && !(w == "The"
            && (ws, |j| name_part(j, true, guard_misspelled))
                .parse(rest)
                .is_ok())
    {
        return fail(i);
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// Whether `i` is a day without a year that ends the citation item (`July 3)`, `July 3, p. 4`,
/// `July 3; …`): then it is the item's date, not part of a name such as "March 4 Justice".
fn ends_with_yearless_date(i: &str) -> bool {
    let Ok((rest, _)) = yearless_date(i) else {
        return false;
    };
    let rest = match super::citation::locators(rest) {
        Ok((r, _)) => r,
        Err(_) => rest,
    };
    let rest = rest.trim_start_matches(super::lex::is_space);
    rest.is_empty() || rest.starts_with([';', ')'])
}

/// The tail of `whole` starting at `part` (which lies inside it).
fn rest_from<'a>(whole: &'a str, part: &'a str) -> &'a str {
    let off = super::lex::offset_in(whole, part);
    whole.get(off..).unwrap_or("")
}

/// grammar: particle
pub(crate) fn particle(i: &str) -> R<'_, &str> {
    let (rest, w) = take_while1(|c: char| c.is_lowercase()).parse(i)?;
    if PARTICLES.contains(&w) {
        Ok((rest, w))
    } else {
        fail(i)
    }
}

/// grammar: connector
pub(crate) fn connector(i: &str) -> R<'_, &str> {
    let (rest, w) = take_while1(|c: char| c.is_lowercase() || c == '.' || c == '&').parse(i)?;
    if CONNECTORS.contains(&w) && w != "et" {
        Ok((rest, w))
    } else {
        fail(i)
    }
}

/// grammar: name_word
pub(crate) fn name_word(i: &str) -> R<'_, &str> {
    alt((acronym, cap_word)).parse(i)
}

/// grammar: acronym
pub(crate) fn acronym(i: &str) -> R<'_, &str> {
    let (rest, a) = recognize((
        many1((satisfy(|c| c.is_uppercase()), char('.'))),
        opt(satisfy(|c| c.is_uppercase())),
    ))
    .parse(i)?;
    super::lex::word_end(rest)?;
    Ok((rest, a))
}

/// grammar: cap_word
pub(crate) fn cap_word(i: &str) -> R<'_, &str> {
    let word =
        || take_while(|c: char| c.is_alphanumeric() || matches!(c, '’' | '\'' | '-' | '&' | '/'));
    let (rest, w) = recognize((
        opt(alt((tag("d’"), tag("d'")))),
        satisfy(|c| c.is_uppercase()),
        word(),
        // "Oilprice.com", "Folha de S.Paulo": a dot inside a word before a domain ending or a
        // capital.
        many0(alt((
            recognize((
                char('.'),
                take_while_m_n(2, 6, |c: char| c.is_ascii_lowercase()),
            )),
            recognize((char('.'), satisfy(|c| c.is_uppercase()), word())),
        ))),
    ))
    .parse(i)?;
    if w.ends_with(['-', '/', '&']) {
        return fail(i);
    }
    Ok((rest, w))
}

/// grammar: et_al
pub(crate) fn et_al(i: &str) -> R<'_, &str> {
    recognize((
        opt(char(',')),
        ws,
        kw("et"),
        opt(char('.')),
        ows,
        tag("al"),
        opt(char('.')),
        super::lex::word_end,
    ))
    .parse(i)
}

/// grammar: group_abbrev
pub(crate) fn group_abbrev(i: &str) -> R<'_, &str> {
    let (rest, whole) = recognize((
        ws,
        char('['),
        alt((
            recognize((
                satisfy(|c| c.is_uppercase() || c.is_ascii_digit()),
                take_while(|c: char| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '&' | '-' | '.')
                }),
                peek(char(']')),
            )),
            // A name the author also went by: "Keenan [Ochs]".
            recognize((cap_word, many0((ws, cap_word)), peek(char(']')))),
        )),
        char(']'),
    ))
    .parse(i)?;
    // A year in brackets is a first publication's date (`original_date`): "Marx [1867] 1976".
    let inside = whole
        .trim_start()
        .trim_start_matches('[')
        .trim_end_matches(']');
    if inside.chars().all(|c| c.is_ascii_digit()) {
        return fail(i);
    }
    Ok((rest, whole))
}

/// grammar: abbrev
pub(crate) fn abbrev(i: &str) -> R<'_, &str> {
    let (rest, a) = recognize((
        satisfy(|c| c.is_uppercase()),
        take_while1(|c: char| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '&' | '-')),
    ))
    .parse(i)?;
    super::lex::word_end(rest)?;
    Ok((rest, a))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn full(s: &str) -> bool {
        matches!(source(s), Ok(("", _)))
    }

    #[test]
    fn names_as_written() {
        for s in [
            "National Bureau of Statistics of China",
            "Smith & Lee",
            "Beshears et al.",
            "Haak et al",
            "Danaher, Schoepp, Ater Kranov, et al.",
            "American Psychological Association [APA]",
            "de Beauvoir",
            "O’Neil",
            "U.S. Census Bureau",
            "S&P Global",
            "Reuters/Ipsos",
            "Atkins v. Virginia",
            "Flynn, Shaughnessy, & Fulgham",
            "M. J. Smith",
            "“Understanding Sensory Memory,”",
            "McFall-Ngai",
            "Møller et al.",
        ] {
            assert!(full(s), "{s}");
        }
    }

    #[test]
    fn names_stop_before_dates() {
        assert_eq!(source("Smith July 2025").map(|r| r.1), Ok("Smith"));
        assert_eq!(
            source("CNN Business, Jully 2025").map(|r| r.1),
            Ok("CNN Business")
        );
        assert_eq!(source("June Smith, 2020").map(|r| r.1), Ok("June Smith"));
        assert!(source("May 2019").is_err());
    }

    #[test]
    fn reserved_words_do_not_open_names() {
        for s in ["Updated July", "Figure 3", "Photo", "In 2019"] {
            assert!(source(s).is_err(), "{s}");
        }
        assert!(source("bell hooks").is_err());
        // A leading "The" opens a title only before a name.
        for s in ["The", "The rest", "The 2024 Census", "The Figure"] {
            assert!(source(s).map_or(true, |(_, n)| n != s), "{s}");
        }
        assert_eq!(
            source("The New York Times").map(|(_, n)| n),
            Ok("The New York Times")
        );
    }
}
