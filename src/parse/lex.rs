//! Lexical rules shared by the grammar: whitespace, word boundaries, dashes, digits.
//!
//! Every parser in `parse/` works on `&str` slices of the prose mask itself, so a parsed
//! piece's byte offset in the file is a pointer difference (`nom::Offset`) and no offset map
//! is needed. Whitespace inside a citation may be a soft line break or a no-break space, so
//! [`ws`] accepts any run of Unicode whitespace rather than one ASCII space.

use nom::bytes::complete::{take_while_m_n, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{not, peek, recognize};
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};

pub(crate) type R<'a, T> = IResult<&'a str, T>;

/// Fails a parser at `i` (used after a semantic check).
pub(crate) fn fail<T>(i: &str) -> R<'_, T> {
    Err(nom::Err::Error(Error::new(i, ErrorKind::Verify)))
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00AD}'
}

/// grammar: ws
pub(crate) fn ws(i: &str) -> R<'_, &str> {
    take_while1(is_space).parse(i)
}

/// Optional whitespace.
pub(crate) fn ows(i: &str) -> R<'_, &str> {
    nom::bytes::complete::take_while(is_space).parse(i)
}

/// grammar: word_end
pub(crate) fn word_end(i: &str) -> R<'_, ()> {
    not(peek(satisfy(|c| c.is_alphanumeric()))).parse(i)
}

/// grammar: dash
pub(crate) fn dash(i: &str) -> R<'_, char> {
    satisfy(|c| matches!(c, '-' | '–' | '—' | '‐' | '‑')).parse(i)
}

/// grammar: comma_sep
pub(crate) fn comma_sep(i: &str) -> R<'_, &str> {
    recognize((ows, char(','), ws)).parse(i)
}

/// A run of ASCII digits of length `min..=max`, not followed by another digit.
pub(crate) fn digits(min: usize, max: usize) -> impl Fn(&str) -> R<'_, &str> {
    move |i| {
        let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(i)?;
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        Ok((rest, d))
    }
}

/// A keyword matched case-sensitively, ending at a word boundary when it ends in a letter. A
/// space in `word` takes any run of whitespace, so "adapted from" is read across a line break.
pub(crate) fn kw<'k>(word: &'k str) -> impl Fn(&str) -> R<'_, &str> + 'k {
    move |i| phrase(i, word, false)
}

/// Like [`kw`] but the first letter may be either case ("See also", "see also").
pub(crate) fn kw_any_case<'k>(word: &'k str) -> impl Fn(&str) -> R<'_, &str> + 'k {
    move |i| phrase(i, word, true)
}

/// [`kw`] and [`kw_any_case`]: `word` at the start of `i`, its spaces matching whitespace runs.
/// Keywords are tried at every item of every citation, most of them failing on the first
/// byte: that byte is compared first, and a word without a space as one slice.
fn phrase<'a>(i: &'a str, word: &str, first_any_case: bool) -> R<'a, &'a str> {
    let (ib, wb) = (i.as_bytes(), word.as_bytes());
    match (ib.first(), wb.first()) {
        (Some(a), Some(b)) if a == b || first_any_case && a.eq_ignore_ascii_case(b) => {}
        _ => return fail(i),
    }
    let at = if wb.contains(&b' ') {
        let mut at = 0;
        for (k, part) in word.split(' ').enumerate() {
            if k > 0 {
                let (rest, _) = ws(&i[at..])?;
                at = i.len() - rest.len();
            }
            // The first byte was compared above, in either case when asked.
            let from = usize::from(k == 0);
            let Some(head) = ib.get(at + from..at + part.len()) else {
                return fail(i);
            };
            if head != &part.as_bytes()[from..] {
                return fail(i);
            }
            at += part.len();
        }
        at
    } else {
        // Equal bytes end where the word's last character ends, on a boundary of `i` too.
        if ib.get(1..wb.len()) != wb.get(1..) {
            return fail(i);
        }
        wb.len()
    };
    let rest = &i[at..];
    if word.ends_with(|c: char| c.is_alphanumeric()) {
        word_end(rest)?;
    }
    Ok((rest, &i[..at]))
}

/// Byte offset of `part` inside `base` (both slices of the same string).
pub(crate) fn offset_in(base: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(base.as_ptr() as usize)
}

/// Collapses whitespace runs to single spaces and trims.
pub(crate) fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn keywords_respect_word_ends() {
        assert!(kw("May")("May 2020").is_ok());
        assert!(kw("May")("Mayo 2020").is_err());
        assert!(kw_any_case("see also")("See also X").is_ok());
        assert!(kw_any_case("see also")("seen").is_err());
    }

    #[test]
    fn digits_are_bounded() {
        assert_eq!(digits(4, 4)("2020a").map(|r| r.1), Ok("2020"));
        assert!(digits(4, 4)("20201").is_err());
        assert!(digits(4, 4)("202").is_err());
    }

    #[test]
    fn squash_collapses_runs() {
        assert_eq!(squash(" a \n\u{a0} b "), "a b");
    }
}
