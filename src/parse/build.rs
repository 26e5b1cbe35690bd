//! From candidates to citations: runs the scanner over each block, tries the grammar on each
//! candidate (parenthetical first, then narrative), turns the parse into [`Citation`]s with
//! file offsets, and collects the near-misses as [`ParseProblem`]s.

use super::citation::{ItemAst, paren_citation};
use super::date::{DateAst, date_problem};
use super::lex::{offset_in, ows, squash};
use super::narrative::{find_anchor, narrative_fragment, starts_with_reporting_verb};
use super::scan::{self, MAX_LEN};
use super::source_name::source;
use super::{Citation, CitationDate, CitationKind, CitedSource, ParseProblem, Parsed, ProblemKind};
use crate::document::Block;
use crate::source::Span;
use nom::Parser;
use nom::character::complete::char;
use nom::combinator::eof;
use rayon::prelude::*;

/// How many sentence ends an unclosed `(` is tried against.
const UNCLOSED_TRIES: usize = 8;

/// Parses the blocks `range` of `all`.
pub(super) fn parse_all(prose: &str, all: &[Block], range: std::ops::Range<usize>) -> Parsed {
    let first = range.start;
    let blocks = all.get(range).unwrap_or(&[]);
    // Blocks are parsed independently (a citation never crosses one), so a long document's
    // blocks are shared out over the thread pool in groups; the groups are joined in order, and
    // the sort below sees the same sequence either way.
    let mut out = if blocks.len() >= crate::PARALLEL_BLOCKS {
        let parts: Vec<Parsed> = blocks
            .par_chunks(BLOCKS_PER_TASK)
            .enumerate()
            .map(|(k, group)| parse_blocks(prose, all, first + k * BLOCKS_PER_TASK, group))
            .collect();
        let mut out = Parsed {
            citations: Vec::with_capacity(parts.iter().map(|p| p.citations.len()).sum()),
            problems: Vec::with_capacity(parts.iter().map(|p| p.problems.len()).sum()),
        };
        for p in parts {
            out.citations.extend(p.citations);
            out.problems.extend(p.problems);
        }
        out
    } else {
        parse_blocks(prose, all, first, blocks)
    };
    out.citations.sort_by_key(|c| (c.span.start, c.span.end));
    out.problems
        .sort_by_key(|p| (p.span.start, p.span.end, p.focus.start));
    out
}

const BLOCKS_PER_TASK: usize = crate::PARALLEL_BLOCKS / 4;

/// Parses `group`, the blocks of `all` from index `first` on.
fn parse_blocks(prose: &str, all: &[Block], first: usize, group: &[Block]) -> Parsed {
    let mut out = Parsed::default();
    let text_of = |b: &Block| prose.get(b.span.start..b.span.end);
    // The block before the group, as the sequential walk would have left it.
    let mut prev_block: Option<Span> = all
        .get(..first)
        .unwrap_or(&[])
        .iter()
        .rev()
        .find(|b| text_of(b).is_some())
        .map(|b| b.span);
    for block in group {
        let Some(text) = text_of(block) else {
            continue;
        };
        let base = block.span.start;
        // Candidates inside an accepted citation are part of it.
        let mut covered_until = 0usize;
        for cand in scan::scan(text) {
            let open = base + cand.open;
            if open < covered_until {
                continue;
            }
            match cand.close {
                Some(close) => {
                    let close = base + close;
                    if let Some(end) =
                        balanced(prose, block.span, prev_block, open, close, &mut out)
                    {
                        covered_until = end;
                    }
                }
                None => unclosed(prose, block.span, open, &mut out),
            }
        }
        prev_block = Some(block.span);
    }
    out
}

/// Handles one `( … )`; returns the end of the citation when one was accepted.
fn balanced(
    prose: &str,
    block: Span,
    prev_block: Option<Span>,
    open: usize,
    close: usize,
    out: &mut Parsed,
) -> Option<usize> {
    let inner = prose.get(open + 1..close)?;
    let paren = Span::new(open, close + 1);
    let parsed = paren_citation(inner).ok().map(|(_, items)| items);
    // "(1953, as cited in Agrios, 2005)" and "(as cited in Nicholson, 2003)" name no source of
    // their own first: a name right before makes them narrative.
    let nameless = parsed
        .as_ref()
        .and_then(|items| items.first())
        .is_some_and(|first| first.name.is_none());
    if let Some(items) = parsed.filter(|_| !nameless) {
        if is_header_note(prose, block, prev_block, paren) {
            return None;
        }
        // "The American Psychological Association (APA, 2017)": the abbreviation's owner is
        // named right before, so this is a narrative citation of that name.
        if let [only] = items.as_slice()
            && let Some(name) = only.name
            && is_abbrev(name)
            && let Some((a, b)) = find_anchor(prose, block.start, open, false, false)
            && initials_match(prose.get(a..b).unwrap_or(""), name)
        {
            let c = make_citation(
                prose,
                Span::new(a, paren.end),
                paren,
                CitationKind::Narrative,
                &items,
                None,
                out,
            );
            out.citations.push(c);
            return Some(paren.end);
        }
        let c = make_citation(
            prose,
            paren,
            paren,
            CitationKind::Parenthetical,
            &items,
            None,
            out,
        );
        out.citations.push(c);
        return Some(paren.end);
    }
    // "Shipments (2024): 120,000" is a label, not a citation.
    let label_like = prose.get(paren.end..).is_some_and(|r| r.starts_with(':'));
    let verb_follows = starts_with_reporting_verb(prose.get(paren.end..block.end).unwrap_or(""));
    if !label_like && let Ok((_, frag)) = narrative_fragment(inner, verb_follows) {
        match find_anchor(
            prose,
            block.start,
            open,
            frag.self_identifying,
            verb_follows,
        ) {
            Some((a, b)) => {
                let name = prose.get(a..b)?;
                let c = make_citation(
                    prose,
                    Span::new(a, paren.end),
                    paren,
                    CitationKind::Narrative,
                    &frag.items,
                    Some((name, Span::new(a, b))),
                    out,
                );
                out.citations.push(c);
                return Some(paren.end);
            }
            None if frag.self_identifying || nameless => {
                let c = make_citation(
                    prose,
                    paren,
                    paren,
                    CitationKind::Parenthetical,
                    &frag.items,
                    None,
                    out,
                );
                out.citations.push(c);
                return Some(paren.end);
            }
            None => return None,
        }
    }
    missing_date(prose, paren, inner, out);
    None
}

/// A parenthetical alone in its block right after a line with no closing punctuation is a
/// publication note in a header ("By Ben Goldacre" / "(Fourth Estate, 2012)"), not a citation.
fn is_header_note(prose: &str, block: Span, prev_block: Option<Span>, paren: Span) -> bool {
    let Some(text) = prose.get(block.start..block.end) else {
        return false;
    };
    if text.trim() != paren.slice(prose) {
        return false;
    }
    let Some(prev) = prev_block.and_then(|p| prose.get(p.start..p.end)) else {
        return false;
    };
    !prev
        .trim_end()
        .ends_with(['.', '!', '?', ':', '"', '”', '’', ')', ']'])
}

fn is_abbrev(name: &str) -> bool {
    name.len() >= 2 && name.chars().all(|c| c.is_uppercase() || c == '&')
}

fn initials_match(anchor: &str, abbrev: &str) -> bool {
    let initials: String = anchor
        .split(super::lex::is_space)
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    initials == abbrev
}

/// `(CNN Business, )`: a source and a separator, then nothing.
fn missing_date(prose: &str, paren: Span, inner: &str, out: &mut Parsed) {
    let Ok((rest, name)) = source(inner.trim_start()) else {
        return;
    };
    if (ows, char(','), ows, eof).parse(rest).is_err() {
        return;
    }
    // A single capitalised word before a comma is too weak a signal ("(Beijing, )" is rare,
    // but so is any evidence it was meant as a citation); require an outlet-like name.
    let name = squash(name);
    let focus_start = offset_in(prose, rest);
    out.problems.push(ParseProblem {
        kind: ProblemKind::Malformed,
        span: paren,
        focus: Span::new(focus_start, paren.end - 1),
        message: format!("citation of \"{name}\" has no date"),
        help: Some(format!(
            "add the date the source was published: \"({name}, Month Year)\""
        )),
    });
}

/// An `(` never closed in its block: a citation if the text up to a sentence end parses as one.
fn unclosed(prose: &str, block: Span, open: usize, out: &mut Parsed) {
    let mut limit = (open + MAX_LEN).min(block.end);
    while limit > open && !prose.is_char_boundary(limit) {
        limit -= 1;
    }
    let Some(tail) = prose.get(open + 1..limit) else {
        return;
    };
    let mut ends: Vec<usize> = tail
        .match_indices(['.', '\n'])
        .map(|(k, m)| k + m.len())
        .filter(|&k| tail[k..].chars().next().is_none_or(|c| c.is_whitespace()))
        .take(UNCLOSED_TRIES)
        .collect();
    ends.push(tail.len());
    for end in ends {
        let piece = &tail[..end];
        if piece.contains('(') {
            return;
        }
        let inner = piece.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ','));
        let Ok((_, items)) = paren_citation(inner) else {
            continue;
        };
        if !items
            .iter()
            .any(|it| it.name.is_some() && !it.dates.is_empty())
        {
            continue;
        }
        let end_abs = offset_in(prose, inner) + inner.len();
        let fixed = format!("({})", squash(inner));
        out.problems.push(ParseProblem {
            kind: ProblemKind::Malformed,
            span: Span::new(open, end_abs),
            focus: Span::new(open, open + 1),
            message: "this parenthesis is never closed".to_string(),
            help: Some(format!("close the citation: \"{fixed}\"")),
        });
        return;
    }
}

fn span_of(prose: &str, s: &str) -> Span {
    let start = offset_in(prose, s);
    Span::new(start, start + s.len())
}

fn citation_date(prose: &str, d: &DateAst<'_>) -> CitationDate {
    CitationDate {
        text: squash(d.text),
        span: span_of(prose, d.text),
        date: d.date,
        format: d.format,
        suffix: d.suffix,
    }
}

/// Builds the citation and records its date and separator problems.
fn make_citation(
    prose: &str,
    span: Span,
    paren: Span,
    kind: CitationKind,
    items: &[ItemAst<'_>],
    anchor: Option<(&str, Span)>,
    out: &mut Parsed,
) -> Citation {
    let mut sources = Vec::new();
    let mut last_name: Option<(String, Span)> = anchor.map(|(n, s)| (squash(n), s));
    for item in items {
        push_item(prose, item, &mut last_name, item.through, &mut sources);
        if let Some(cited) = &item.cited_in {
            // The primary work was read in `cited`: mark what came before as secondary.
            for s in sources.iter_mut() {
                s.secondary = true;
            }
            let mut name = None;
            push_item(prose, cited, &mut name, false, &mut sources);
        }
        for d in item.dates.iter().chain(item.extra_date.iter()) {
            if let Some((message, help)) = date_problem(d) {
                out.problems.push(ParseProblem {
                    kind: ProblemKind::InvalidDate,
                    span: paren,
                    focus: span_of(prose, d.text),
                    message,
                    help: Some(help),
                });
            }
        }
        if let Some(sep) = item.doubled_sep {
            wrong_separator(
                prose,
                paren,
                (sep, ", "),
                "doubled separator between the source and the date",
                "use one comma",
                out,
            );
        }
        if let Some(comma) = item.comma_before {
            wrong_separator(
                prose,
                paren,
                (comma, "; "),
                "a comma between two cited works",
                "separate cited works with a semicolon",
                out,
            );
        }
        if let Some(extra) = &item.extra_date {
            let extra_span = span_of(prose, extra.text);
            // Remove the second date and the separator before it.
            let before = prose.get(paren.start..extra_span.start).unwrap_or("");
            let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
            let cut = Span::new(paren.start + trimmed.len(), extra_span.end);
            let fixed = replace_in(prose, paren, cut, "");
            out.problems.push(ParseProblem {
                kind: ProblemKind::Malformed,
                span: paren,
                focus: extra_span,
                message: format!(
                    "two dates in one citation item: \"{}\" after \"{}\"",
                    squash(extra.text),
                    item.dates.last().map_or(String::new(), |d| squash(d.text))
                ),
                help: Some(format!(
                    "keep the one date of the cited work, or move the second into a locator: \"{fixed}\""
                )),
            });
        }
    }
    // Most citations name one source; without this each would keep room for four.
    sources.shrink_to_fit();
    Citation {
        span,
        paren,
        kind,
        sources,
    }
}

/// Reports the separator `wrong.0` of the citation at `paren`, which should be `wrong.1`: the
/// help gives the citation rewritten after `advice`.
fn wrong_separator(
    prose: &str,
    paren: Span,
    wrong: (&str, &str),
    message: &str,
    advice: &str,
    out: &mut Parsed,
) {
    let (sep, with) = wrong;
    let focus = span_of(prose, sep);
    let fixed = replace_in(prose, paren, focus, with);
    out.problems.push(ParseProblem {
        kind: ProblemKind::Malformed,
        span: paren,
        focus,
        message: message.to_string(),
        help: Some(format!("{advice}: \"{fixed}\"")),
    });
}

fn replace_in(prose: &str, whole: Span, part: Span, with: &str) -> String {
    let a = prose.get(whole.start..part.start).unwrap_or("");
    let b = prose.get(part.end..whole.end).unwrap_or("");
    squash(&format!("{a}{with}{b}"))
}

fn push_item(
    prose: &str,
    item: &ItemAst<'_>,
    last_name: &mut Option<(String, Span)>,
    secondary: bool,
    sources: &mut Vec<CitedSource>,
) {
    if item.name.is_none() && item.dates.is_empty() && item.locator.is_none() {
        return;
    }
    if let Some(n) = item.name {
        *last_name = Some((display_name(n), span_of(prose, n)));
    }
    let (name, name_span) = last_name.clone().unwrap_or_default();
    let prefix = item.prefix.map(str::to_string);
    let locator = item.locator.map(squash);
    if item.dates.is_empty() {
        sources.push(CitedSource {
            name,
            name_span,
            date: None,
            locator,
            prefix,
            secondary,
        });
        return;
    }
    let n = item.dates.len();
    for (k, d) in item.dates.iter().enumerate() {
        sources.push(CitedSource {
            name: name.clone(),
            name_span,
            date: Some(citation_date(prose, d)),
            locator: if k + 1 == n { locator.clone() } else { None },
            prefix: if k == 0 { prefix.clone() } else { None },
            secondary,
        });
    }
}

/// The name as reported: whitespace collapsed, and the APA comma inside a quoted title
/// ("“Understanding Sensory Memory,”") dropped, since it separates the title from the date.
fn display_name(n: &str) -> String {
    let s = squash(n);
    for (comma_q, q) in [(",”", "”"), (",\"", "\"")] {
        if let Some(head) = s.strip_suffix(comma_q) {
            return format!("{head}{q}");
        }
    }
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::dates::{PartialDate, Precision};
    use crate::document::BlockKind;

    fn parse(text: &str) -> Parsed {
        let mut blocks = Vec::new();
        let mut pos = 0;
        for para in text.split("\n\n") {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                span: Span::new(pos, pos + para.len()),
            });
            pos += para.len() + 2;
        }
        parse_all(text, &blocks, 0..blocks.len())
    }

    fn texts(text: &str) -> Vec<&str> {
        parse(text)
            .citations
            .iter()
            .map(|c| c.span.slice(text))
            .collect()
    }

    #[test]
    fn seed_like_paragraph() {
        let t = "Exports hit a record (National Bureau of Statistics of China, July 2025). \
                 A ban was lifted (CNN Business, July 2025). Fake Ad Placeholder (Ad slot: YYYYYYYYYY)";
        let p = parse(t);
        assert_eq!(
            texts(t),
            vec![
                "(National Bureau of Statistics of China, July 2025)",
                "(CNN Business, July 2025)"
            ]
        );
        let s = &p.citations[0].sources[0];
        assert_eq!(s.name, "National Bureau of Statistics of China");
        assert_eq!(
            s.name_span.slice(t),
            "National Bureau of Statistics of China"
        );
        assert_eq!(s.date.as_ref().map(|d| d.text.as_str()), Some("July 2025"));
        assert!(p.problems.is_empty());
    }

    #[test]
    fn narrative_spans_start_at_the_name() {
        let t = "As Smith et al. (2020) found, and according to Reuters (July 2025), it rose.";
        assert_eq!(texts(t), vec!["Smith et al. (2020)", "Reuters (July 2025)"]);
        let p = parse(t);
        assert_eq!(p.citations[0].kind, CitationKind::Narrative);
        assert_eq!(p.citations[0].paren.slice(t), "(2020)");
        assert_eq!(p.citations[0].sources[0].name, "Smith et al.");
    }

    #[test]
    fn look_alikes_are_skipped() {
        let t = "Wundt (1832–1920) and the year (2020) and (NBS) and (see Figure 2) and (n = 120).\n\nShipments (2024): 120,000";
        assert!(texts(t).is_empty());
    }

    /// Every cited source's name and date as written, in order.
    fn names_and_dates(p: &Parsed) -> Vec<(&str, &str)> {
        p.citations
            .iter()
            .flat_map(|c| c.sources.iter())
            .map(|s| {
                (
                    s.name.as_str(),
                    s.date.as_ref().map_or("", |d| d.text.as_str()),
                )
            })
            .collect()
    }

    #[test]
    fn groups_and_continuations_share_names() {
        let t = "x (Wong 1999, 328; 2000, 475) and (Godchaux and Leadbetter 1980, 1983).";
        let p = parse(t);
        let names = names_and_dates(&p);
        assert_eq!(
            names,
            vec![
                ("Wong", "1999"),
                ("Wong", "2000"),
                ("Godchaux and Leadbetter", "1980"),
                ("Godchaux and Leadbetter", "1983")
            ]
        );
    }

    #[test]
    fn problems() {
        let t = "a (CNN Business,, July 2025) b (Reuters, June 31, 2025) c (CNN Business, ) \
                 d (Reuters, Jully 2025) e (Reuters, July 2025 August 2025).\n\nIt rose (CNN Business, July 2025.";
        let p = parse(t);
        let got: Vec<(ProblemKind, &str, String)> = p
            .problems
            .iter()
            .map(|q| (q.kind, q.focus.slice(t), q.help.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    ProblemKind::Malformed,
                    ",, ",
                    "use one comma: \"(CNN Business, July 2025)\"".to_string()
                ),
                (
                    ProblemKind::InvalidDate,
                    "June 31, 2025",
                    "June has 30 days: did you mean \"June 30, 2025\"?".to_string()
                ),
                (
                    ProblemKind::Malformed,
                    ", ",
                    "add the date the source was published: \"(CNN Business, Month Year)\""
                        .to_string()
                ),
                (
                    ProblemKind::InvalidDate,
                    "Jully 2025",
                    "did you mean \"July 2025\"?".to_string()
                ),
                (
                    ProblemKind::Malformed,
                    "August 2025",
                    "keep the one date of the cited work, or move the second into a locator: \"(Reuters, July 2025)\"".to_string()
                ),
                (
                    ProblemKind::Malformed,
                    "(",
                    "close the citation: \"(CNN Business, July 2025)\"".to_string()
                ),
            ]
        );
        // The misspelled and impossible dates are still citations.
        assert_eq!(p.citations.len(), 4);
    }

    #[test]
    fn header_note_is_not_a_citation() {
        let t = "By Ben Goldacre\n\n(Fourth Estate, 2012)\n\nReviewed by Richard Smith";
        assert!(texts(t).is_empty());
        let t = "Exports rose.\n\n(Reuters, July 2025)";
        assert_eq!(texts(t), vec!["(Reuters, July 2025)"]);
    }

    #[test]
    fn a_weekday_alone_is_the_last_such_day_up_to_publication() {
        let t = "Wheat fell (Farm Wire, Monday). Maize rose (Gazette, Thurs.). Rice held \
                 (Courier, Friday, p. 2). Oats fell (London, Tuesday). Rye rose (Tuesday). \
                 Hay fell (Smith, Tuesday, at the hearing).";
        let mut p = parse(t);
        assert_eq!(
            texts(t),
            vec![
                "(Farm Wire, Monday)",
                "(Gazette, Thurs.)",
                "(Courier, Friday, p. 2)"
            ]
        );
        let dates = |p: &Parsed| -> Vec<PartialDate> {
            p.citations
                .iter()
                .filter_map(|c| c.sources[0].date.as_ref().map(|d| d.date))
                .collect()
        };
        // Unread, they name no day.
        assert!(dates(&p).iter().all(|d| d.precision == Precision::Weekday));
        // September 17, 2026 was a Thursday: the same day, and the Friday before.
        crate::parse::read_yearless_dates(&mut p, Some(jiff::civil::date(2026, 9, 17)));
        assert_eq!(
            dates(&p),
            [
                PartialDate::day(2026, 9, 14),
                PartialDate::day(2026, 9, 17),
                PartialDate::day(2026, 9, 11)
            ]
        );
        let shown = p.citations[0].sources[0].date.as_ref().unwrap().shown();
        assert_eq!(shown, "Monday [September 14, 2026]");
        assert!(p.problems.is_empty());
    }

    #[test]
    fn a_paper_named_by_its_kind_takes_a_weekday_alone() {
        let t = "Oats held (Mirror, Wednesday). Rye fell (Daily Express, Monday). Hay rose \
                 (Valley Sentinel, Friday). Corn fell (Smith, Tuesday).";
        assert_eq!(
            texts(t),
            [
                "(Mirror, Wednesday)",
                "(Daily Express, Monday)",
                "(Valley Sentinel, Friday)"
            ]
        );
    }

    #[test]
    fn a_weekday_before_a_month_is_read_as_the_month_and_reported() {
        let t = "Tolls rose (Shipping Wire, Monday, May 2026). Fees held (AP, Mon., 2026-05).";
        let p = parse(t);
        assert_eq!(
            texts(t),
            vec!["(Shipping Wire, Monday, May 2026)", "(AP, Mon., 2026-05)"]
        );
        let d = p.citations[0].sources[0].date.as_ref().unwrap();
        assert_eq!(p.citations[0].sources[0].name, "Shipping Wire");
        assert_eq!(d.date, PartialDate::month(2026, 5));
        let problem = p.problems.first().unwrap();
        assert_eq!(problem.kind, ProblemKind::InvalidDate);
        assert_eq!(problem.focus.slice(t), "Monday, May 2026");
        assert_eq!(
            problem.help.as_deref(),
            Some(
                "add the day (\"Monday, May 4, 2026\" is the month's first Monday), or write \
                 the month alone (\"May 2026\")"
            )
        );
        let iso = p.problems.get(1).and_then(|p| p.help.as_deref());
        assert_eq!(
            iso,
            Some(
                "add the day (\"Mon., 2026-05-04\" is the month's first Monday), or write the \
                 month alone (\"2026-05\")"
            )
        );
    }

    #[test]
    fn yearless_news_dates_take_the_year_they_fall_in() {
        let t = "Traffic rose (AP, Dec. 30). Rates fell (Reuters, 2 January). \
                 Fees held (Xinhua, Feb. 29). The board met (Monday, Jan. 12). \
                 The deadline passed (Jan. 3).";
        let mut p = parse(t);
        assert_eq!(
            texts(t),
            vec!["(AP, Dec. 30)", "(Reuters, 2 January)", "(Xinhua, Feb. 29)"]
        );
        let dates = |p: &Parsed| -> Vec<PartialDate> {
            p.citations
                .iter()
                .filter_map(|c| c.sources[0].date.as_ref().map(|d| d.date))
                .collect()
        };
        // Unread, they stay yearless.
        assert!(dates(&p).iter().all(|d| d.year.is_none()));
        crate::parse::read_yearless_dates(&mut p, Some(jiff::civil::date(2026, 1, 5)));
        assert_eq!(
            dates(&p)[..2],
            [PartialDate::day(2025, 12, 30), PartialDate::day(2026, 1, 2)]
        );
        // February 29 falls in 2025, which has none: reported, and left yearless.
        assert_eq!(dates(&p)[2], PartialDate::yearless(2, 29));
        let problem = p.problems.last().unwrap();
        assert_eq!(problem.kind, ProblemKind::InvalidDate);
        assert_eq!(problem.focus.slice(t), "Feb. 29");
        assert_eq!(
            problem.message,
            "\"Feb. 29\" does not exist in 2025, the year it falls in: 2025 is not a leap year"
        );
        assert_eq!(
            problem.help.as_deref(),
            Some(
                "did you mean \"Feb. 28\"? If the day is from an earlier leap year, write the \
                 year: \"Feb. 29, 2024\""
            )
        );
    }

    #[test]
    fn a_weekday_before_a_news_date_is_part_of_the_date() {
        let t = "Traffic rose (AP, Monday, July 3). Rates fell (Reuters, Tues., 4 July 2023). \
                 Fees held (Xinhua, Smith, Wed., Jan. 4). The board met (Monday, Jan. 12). \
                 Rents rose (Wire, Mon., 2023-07-03). Rents fell (Wire, Monday, 2023-07).";
        let p = parse(t);
        let got = names_and_dates(&p);
        assert_eq!(
            got,
            vec![
                ("AP", "Monday, July 3"),
                ("Reuters", "Tues., 4 July 2023"),
                ("Xinhua, Smith", "Wed., Jan. 4"),
                ("Wire", "Mon., 2023-07-03"),
                // A month after a weekday is read as the month, and reported.
                ("Wire", "Monday, 2023-07"),
            ]
        );
        assert_eq!(
            p.citations[1].sources[0].date.as_ref().map(|d| d.date),
            Some(PartialDate::day(2023, 7, 4))
        );
    }

    #[test]
    fn a_day_no_year_has_is_reported_without_a_publication_date() {
        let t =
            "Surges closed the quay (Coastal Herald, Feb. 30). Repairs began (Gazette, 31 April).";
        let p = parse(t);
        let got: Vec<(&str, &str)> = p
            .problems
            .iter()
            .map(|q| (q.focus.slice(t), q.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Feb. 30",
                    "\"Feb. 30\" does not exist: February never has more than 29 days"
                ),
                (
                    "31 April",
                    "\"31 April\" does not exist: April never has more than 30 days"
                ),
            ]
        );
    }

    #[test]
    fn a_name_may_hold_a_month_and_a_number() {
        let t = "Turnout rose (March 4 Justice, 2021; Smith, 2020). \
                 Rents fell (Smith, July 3 Report, 2020). Fees held (April 6 Youth Movement, 2011).";
        let p = parse(t);
        let names: Vec<&str> = p
            .citations
            .iter()
            .flat_map(|c| c.sources.iter().map(|s| s.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                "March 4 Justice",
                "Smith",
                "Smith, July 3 Report",
                "April 6 Youth Movement"
            ]
        );
    }

    #[test]
    fn asides_with_a_day_are_not_citations() {
        for aside in [
            "(Mon, July 3)",
            "(Friday and Saturday, July 3)",
            "(London, June 5)",
            "(Christmas Day, Dec. 25)",
            "(Game 6, June 16)",
            "(Week 3, Sept. 21)",
            "(Effective Jan. 1)",
            "(Due Oct. 15)",
        ] {
            let t = format!("The event is set {aside}.");
            assert!(texts(&t).is_empty(), "{aside}");
        }
    }

    #[test]
    fn a_reporting_verb_counts_only_in_the_same_block() {
        assert_eq!(
            texts("Okafor (2019–2020) found that silt fell."),
            ["Okafor (2019–2020)"]
        );
        assert!(texts("Okafor (2019–2020)\n\nfound that silt fell.").is_empty());
    }

    #[test]
    fn a_long_range_before_a_reporting_verb_is_a_term_of_office() {
        assert!(texts("Obama (2009–2017) argued that tariffs hurt farmers.").is_empty());
        assert_eq!(
            texts("Okafor (2017–2020) found that silt fell."),
            ["Okafor (2017–2020)"]
        );
        // Backwards, it stays a date for invalid-citation-date; with a short range, a work's.
        assert_eq!(
            texts("Okafor (2021–2016) found that silt fell."),
            ["Okafor (2021–2016)"]
        );
        assert_eq!(
            texts("Okafor (2010–2011, 2014–2019) found that silt fell."),
            ["Okafor (2010–2011, 2014–2019)"]
        );
    }

    #[test]
    fn a_paper_named_like_a_day_is_a_source() {
        assert_eq!(
            texts("Rents rose 4% (Sun Sentinel, July 3)."),
            ["(Sun Sentinel, July 3)"]
        );
    }

    #[test]
    fn a_february_29_written_day_first_keeps_its_order_in_the_help() {
        let t = "Fees held (Xinhua, 29 Feb).";
        let mut p = parse(t);
        crate::parse::read_yearless_dates(&mut p, Some(jiff::civil::date(2025, 3, 10)));
        assert_eq!(
            p.problems[0].help.as_deref(),
            Some(
                "did you mean \"28 Feb\"? If the day is from an earlier leap year, write the \
                 year: \"29 Feb 2024\""
            )
        );
    }
}
