//! The dateline: a line near the top of an article that is only a date.
//!
//! "August 11, 2025", "Monday, August 11, 2025", "Aug. 11, 2025", "2025-08-11", with an
//! optional "Updated:" / "Published" prefix, or a byline such as "By Jane Doe | August 11,
//! 2025". Only the first few blocks before the first real paragraph are looked at, and only
//! each block's first line, so a date inside the story is never taken for a dateline. The
//! dateline is not prose: its line is blanked. It gives the publication date when front
//! matter and flags do not (resolved in `lib.rs`).

use super::mask::Mask;
use super::plain::ends_terminal;
use super::{BlockKind, Dateline, RawBlock};
use crate::dates::parse_calendar_date;
use crate::pattern::{Captures, Short};
use crate::source::Span;
use std::sync::LazyLock;

/// How many blocks from the top may hold the dateline.
const MAX_BLOCKS: usize = 6;
/// A paragraph with at least this many words and a full stop is "the story has started".
const REAL_PARAGRAPH_WORDS: usize = 8;

static PREFIX: LazyLock<Short> = LazyLock::new(|| {
    Short::new(
        r"(?i)^(?:(?:last\s+)?updated|published|posted|first published|date|dated|modified|last modified)(?:\s+on)?\s*[:\-–—]?\s*",
    )
    .unwrap_or_else(|e| unreachable!("dateline prefix regex: {e}"))
});

static TIME: LazyLock<Short> = LazyLock::new(|| {
    Short::new(r"(?i)^(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:[a-z]{2,4})?\.?$")
        .unwrap_or_else(|e| unreachable!("dateline time regex: {e}"))
});

/// A wire-style dateline opening the first paragraph: "WASHINGTON, August 11, 2025 — …",
/// "SÃO PAULO, Brazil, Aug. 11, 2025 -- …". The place is in capitals, at most 41 characters
/// (checked in [`city_prefix`]: a bounded `{1,40}` repetition of these Unicode classes made this
/// the costliest pattern in the program to compile, a third of a one-file run); the date is
/// checked by `parse_calendar_date`.
static CITY_PREFIX: LazyLock<Short> = LazyLock::new(|| {
    Short::new(
        r"^(?P<place>\p{Lu}[\p{Lu}\p{M}.'’ -]+)(?:,\s*\p{Lu}[\p{L}.]+(?:\s\p{Lu}[\p{L}.]+)?)?,\s+(?P<date>(?:\p{L}+,?\s+)?\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\s+\d{4})\s*(?:—|–|--|-)\s*",
    )
    .unwrap_or_else(|e| unreachable!("dateline city regex: {e}"))
});

/// Longest place [`CITY_PREFIX`] accepts, in characters.
const MAX_PLACE_CHARS: usize = 41;

/// The captures of [`CITY_PREFIX`] on `block`, when its place is short enough. The place class
/// has no comma and a comma must follow it, so the place always runs to the first comma: its
/// length is the same whatever the bound, and checking it here is the bounded pattern.
fn city_prefix(block: &str) -> Option<Captures<'_>> {
    // Cheap necessary conditions first: a capital, then no lowercase ASCII letter or digit.
    let mut chars = block.chars();
    let (first, second) = (chars.next()?, chars.next()?);
    if !first.is_uppercase() || second.is_ascii_lowercase() || second.is_ascii_digit() {
        return None;
    }
    let cap = CITY_PREFIX.captures(block)?;
    (cap.name("place")?.as_str().chars().count() <= MAX_PLACE_CHARS).then_some(cap)
}

static SEPARATOR: LazyLock<Short> = LazyLock::new(|| {
    Short::new(r"\s*[|·•]\s*|\s+[-–—]\s+")
        .unwrap_or_else(|e| unreachable!("dateline separator regex: {e}"))
});

/// Looks for the dateline in the first blocks, blanks it and shrinks (or drops) its block.
pub(crate) fn find(text: &str, mask: &mut Mask, blocks: &mut Vec<RawBlock>) -> Option<Dateline> {
    for i in 0..blocks.len().min(MAX_BLOCKS) {
        let span = blocks.get(i)?.span;
        let block = mask.slice(span);
        let first_len = block.find('\n').unwrap_or(block.len());
        let line = Span::new(span.start, span.start + first_len);
        if let Some((date_span, date)) = parse_line(mask.slice(line)) {
            let date_span = date_span.offset(line.start);
            mask.clear(text, line);
            let rest = mask.trim(Span::new(line.end, span.end));
            if rest.is_empty() {
                blocks.remove(i);
            } else if let Some(b) = blocks.get_mut(i) {
                b.span = rest;
            }
            return Some(Dateline {
                span: date_span,
                date,
            });
        }
        if let Some(cap) = city_prefix(block)
            && let (Some(whole), Some(d)) = (cap.get(0), cap.name("date"))
            && let Some(date) = parse_calendar_date(d.as_str())
        {
            // Only the "PLACE, date —" prefix goes; the paragraph stays.
            let prefix_end = span.start + whole.end();
            let date_span = Span::new(span.start + d.start(), span.start + d.end());
            mask.clear(text, Span::new(span.start, prefix_end));
            if let Some(b) = blocks.get_mut(i) {
                b.span = mask.trim(Span::new(prefix_end, span.end));
            }
            return Some(Dateline {
                span: date_span,
                date,
            });
        }
        let kind = blocks.get(i).map(|b| b.kind);
        // A Title Case headline that asks ("Lenders Are Unconvinced About Telecom Gear. Should
        // They Be?") ends like a sentence but is no paragraph of the story.
        let real = kind != Some(BlockKind::Heading)
            && ends_terminal(block)
            && !super::plain::is_title_case(block)
            && block.split_whitespace().count() >= REAL_PARAGRAPH_WORDS;
        if real {
            return None;
        }
    }
    None
}

/// A dateline's date and its span within `line`, when the line is nothing but a date, a
/// byline and times, separated by `|`, `·`, `•` or a spaced dash.
fn parse_line(line: &str) -> Option<(Span, jiff::civil::Date)> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > 120 {
        return None;
    }
    let base = line.len() - line.trim_start().len();
    let mut found: Option<(Span, jiff::civil::Date)> = None;
    let mut found_is_update = false;
    let mut pos = 0;
    let mut segments: Vec<(usize, &str)> = Vec::new();
    for sep in SEPARATOR.find_iter(trimmed) {
        segments.push((pos, &trimmed[pos..sep.start()]));
        pos = sep.end();
    }
    segments.push((pos, &trimmed[pos..]));
    for (off, seg) in segments {
        let seg_lead = seg.len() - seg.trim_start().len();
        let seg = seg.trim();
        if seg.is_empty() {
            continue;
        }
        let prefix_len = PREFIX.find(seg).map_or(0, |m| m.end());
        let body = seg[prefix_len..].trim_end_matches('.');
        if let Some((len, date)) = date_with_time(body) {
            // The first date wins, except that a publication date beats an update date.
            let update = seg[..prefix_len].to_ascii_lowercase().contains("updated")
                || seg[..prefix_len].to_ascii_lowercase().contains("modified");
            if found.is_none() || (found_is_update && !update) {
                let start = base + off + seg_lead + prefix_len;
                found = Some((Span::new(start, start + len), date));
                found_is_update = update;
            }
            continue;
        }
        let byline = (seg.starts_with("By ") || seg.starts_with("by "))
            && seg.split_whitespace().count() <= 8
            && !seg.ends_with('.');
        if !(byline || TIME.is_match(seg)) {
            return None;
        }
    }
    found
}

/// A date, possibly followed by a time ("August 11, 2025, 9:30 a.m. ET" or "… at 9:30"):
/// the length of the date part and the date.
fn date_with_time(s: &str) -> Option<(usize, jiff::civil::Date)> {
    if let Some(d) = parse_calendar_date(s) {
        return Some((s.trim_end().len(), d));
    }
    // Cut before a trailing time: at " at ", or at the last comma.
    for cut in [s.find(" at "), s.rfind(',')].into_iter().flatten() {
        let (date, time) = s.split_at(cut);
        let time = time.trim_start_matches([',', ' ']);
        if TIME.is_match(time)
            && let Some(d) = parse_calendar_date(date)
        {
            return Some((date.trim_end().len(), d));
        }
    }
    None
}

/// The sources of this module's patterns (for tests).
#[cfg(test)]
pub(crate) fn short_sources() -> Vec<String> {
    [&PREFIX, &TIME, &CITY_PREFIX, &SEPARATOR]
        .map(|p| p.as_str().to_string())
        .to_vec()
}

/// The patterns every dateline search needs, one compiling task each (see `crate::warm_up`); the city
/// pattern, which only a capitalised opening needs, stays lazy.
pub(crate) const WARM_UP: &[fn()] = crate::warm_up_tasks![PREFIX, TIME, SEPARATOR];

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn parsed(s: &str) -> Option<(&str, jiff::civil::Date)> {
        parse_line(s).map(|(sp, d)| (sp.slice(s), d))
    }

    #[test]
    fn dateline_forms() {
        let d = date(2025, 8, 11);
        for (line, at) in [
            ("August 11, 2025", "August 11, 2025"),
            ("Monday, August 11, 2025", "Monday, August 11, 2025"),
            ("Aug. 11, 2025", "Aug. 11, 2025"),
            ("2025-08-11", "2025-08-11"),
            ("Updated: August 11, 2025", "August 11, 2025"),
            ("Published August 11, 2025", "August 11, 2025"),
            ("By Jane Doe | August 11, 2025", "August 11, 2025"),
            ("By Jane Doe - Aug. 11, 2025", "Aug. 11, 2025"),
            ("August 11, 2025, 9:30 a.m. ET", "August 11, 2025"),
            ("  August 11, 2025  ", "August 11, 2025"),
            (
                "Updated Aug. 14, 2025 | Published Aug. 11, 2025",
                "Aug. 11, 2025",
            ),
            (
                "Published: 2025-08-11 · Last updated: 2025-08-14",
                "2025-08-11",
            ),
        ] {
            assert_eq!(parsed(line), Some((at, d)), "{line}");
        }
    }

    #[test]
    fn wire_datelines_open_the_first_paragraph() {
        let text = "Title\n\nSÃO PAULO, Brazil, Aug. 11, 2025 -- Prices rose 3% in July.\n";
        let mut mask = Mask::blank(text);
        mask.keep(text, Span::new(0, text.len()));
        let sp = |a: &str| {
            let s = text.find(a).unwrap_or(0);
            Span::new(s, s + a.len())
        };
        let mut blocks = vec![
            RawBlock {
                kind: BlockKind::Heading,
                span: sp("Title"),
                level: 0,
            },
            RawBlock {
                kind: BlockKind::Paragraph,
                span: sp("SÃO PAULO, Brazil, Aug. 11, 2025 -- Prices rose 3% in July."),
                level: 0,
            },
        ];
        let d = find(text, &mut mask, &mut blocks).expect("dateline");
        assert_eq!(d.date, date(2025, 8, 11));
        assert_eq!(d.span.slice(text), "Aug. 11, 2025");
        assert_eq!(mask.slice(blocks[1].span), "Prices rose 3% in July.");
        assert!(city_prefix("WASHINGTON, August 11, 2025 — The").is_some());
        assert!(city_prefix("Washington, August 11, 2025 — The").is_none());
        assert!(city_prefix("THE END, in 2025 — x").is_none());
        // The place is at most 41 characters.
        let place = |n: usize| format!("{}, August 11, 2025 — The", "A".repeat(n));
        assert!(city_prefix(&place(41)).is_some());
        assert!(city_prefix(&place(42)).is_none());
        assert!(city_prefix("É").is_none());
    }

    #[test]
    fn a_headline_that_asks_does_not_hide_the_dateline() {
        let text = "Lenders Are Unconvinced About Telecom Gear. Should They Be?\n\nBy Ana Ruiz\n\n\
                    BERLIN, July 26, 2022 -- Exports of tin fell 4% in May.\n";
        let mut mask = Mask::blank(text);
        mask.keep(text, Span::new(0, text.len()));
        let para = |a: &str| {
            let s = text.find(a).unwrap_or(0);
            RawBlock {
                kind: BlockKind::Paragraph,
                span: Span::new(s, s + a.len()),
                level: 0,
            }
        };
        let mut blocks = vec![
            para("Lenders Are Unconvinced About Telecom Gear. Should They Be?"),
            para("By Ana Ruiz"),
            para("BERLIN, July 26, 2022 -- Exports of tin fell 4% in May."),
        ];
        let d = find(text, &mut mask, &mut blocks).expect("dateline");
        assert_eq!(d.date, date(2022, 7, 26));
        // A story's opening sentence still ends the search.
        let text = "The port raised tolls by four percent on Monday, officials said.\n\nBERLIN, July 26, 2022 -- Tin fell.\n";
        let mut mask = Mask::blank(text);
        mask.keep(text, Span::new(0, text.len()));
        let first = text.find('\n').unwrap_or(0);
        let second = text.rfind("BERLIN").unwrap_or(0);
        let mut blocks = vec![
            RawBlock {
                kind: BlockKind::Paragraph,
                span: Span::new(0, first),
                level: 0,
            },
            RawBlock {
                kind: BlockKind::Paragraph,
                span: Span::new(second, text.len() - 1),
                level: 0,
            },
        ];
        assert!(find(text, &mut mask, &mut blocks).is_none());
    }

    #[test]
    fn not_datelines() {
        for line in [
            "On August 11, 2025, the talks began.",
            "August 11, 2025 was a Monday",
            "By Jane Doe",
            "China Seeks Greater Trade Concessions",
            "June 31, 2025",
            "",
        ] {
            assert_eq!(parsed(line), None, "{line}");
        }
    }
}
