//! Plain text (`.txt`, stdin): blocks from blank lines and line shapes.
//!
//! Paragraphs are separated by blank lines, and the soft-wrapped lines of a paragraph form one
//! block. Inside a run of lines, a short line without terminal punctuation is a `Heading`
//! block of its own when it is the file's first line, stands alone, or is written in Title
//! Case (or is a date) right after a finished sentence: that is how a title, a dateline and a
//! repeated title sit on consecutive lines above a news story. Lines starting with `-`, `*`,
//! `•` or `1.` are list items. A "References" line starts a reference section that runs to
//! the end of the file. Front matter, if a plain file has any, is read as in Markdown.

use super::mask::Mask;
use super::references::{is_reference_title, paragraph_entries, push_trimmed};
use super::{BlockKind, Built, RawBlock, ReferenceSection, front_matter};
use crate::source::Span;

/// Longest heading line in words (the first line of a file may be a longer title).
const HEADING_WORDS: usize = 12;
const TITLE_WORDS: usize = 30;
const HEADING_CHARS: usize = 120;
const TITLE_CHARS: usize = 250;

#[derive(Debug, Clone, Copy)]
struct Line {
    /// The line without its line ending and surrounding whitespace.
    span: Span,
    indented: bool,
}

pub(crate) fn build(text: &str) -> Built {
    let mut built = Built {
        mask: Mask::blank(text),
        ..Built::default()
    };
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if let Some(fm) = front_matter::find(text) {
        start = fm.span.end;
        built.front_matter = Some(fm);
    }
    let chunks = chunks(text, start);
    let mut first = true;
    for (ci, chunk) in chunks.iter().enumerate() {
        // A references title opens a section that takes the rest of the file.
        if let Some(head) = chunk.first()
            && is_reference_title(head.span.slice(text))
        {
            built.references = Some(reference_section(
                text,
                *head,
                &chunk[1..],
                &chunks[ci + 1..],
            ));
            break;
        }
        blocks_of_chunk(text, chunk, first, &mut built);
        first = false;
    }
    for b in &built.blocks {
        keep_lines(text, b.span, &mut built.mask);
    }
    built
}

/// Runs of non-blank lines.
fn chunks(text: &str, start: usize) -> Vec<Vec<Line>> {
    let mut out: Vec<Vec<Line>> = Vec::new();
    let mut cur = Vec::new();
    let mut pos = start;
    for raw in text.get(start..).unwrap_or("").split_inclusive('\n') {
        let at = pos;
        pos += raw.len();
        let content = raw.trim_end();
        let lead = content.len() - content.trim_start().len();
        if content.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.push(Line {
            span: Span::new(at + lead, at + content.len()),
            indented: lead > 0,
        });
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn blocks_of_chunk(text: &str, chunk: &[Line], first_chunk: bool, built: &mut Built) {
    let mut i = 0;
    let mut prev_terminal = true;
    while let Some(line) = chunk.get(i) {
        let s = line.span.slice(text);
        if let Some(marker) = list_marker(s) {
            let mut span = Span::new(line.span.start + marker, line.span.end);
            let mut j = i + 1;
            while let Some(next) = chunk.get(j)
                && next.indented
                && list_marker(next.span.slice(text)).is_none()
            {
                span = span.cover(next.span);
                j += 1;
            }
            push(built, BlockKind::ListItem, span);
            prev_terminal = true;
            i = j;
            continue;
        }
        let title = first_chunk && i == 0;
        let next = chunk.get(i + 1).map(|n| n.span.slice(text));
        if is_heading_line(s, chunk.len() == 1, title, prev_terminal, next) {
            push(built, BlockKind::Heading, line.span);
            prev_terminal = true;
            i += 1;
            continue;
        }
        let mut span = line.span;
        prev_terminal = ends_terminal(s);
        let mut j = i + 1;
        while let Some(next) = chunk.get(j) {
            let ns = next.span.slice(text);
            let after = chunk.get(j + 1).map(|n| n.span.slice(text));
            if list_marker(ns).is_some() || is_heading_line(ns, false, false, prev_terminal, after)
            {
                break;
            }
            span = span.cover(next.span);
            prev_terminal = ends_terminal(ns);
            j += 1;
        }
        push(built, BlockKind::Paragraph, span);
        i = j;
    }
}

fn push(built: &mut Built, kind: BlockKind, span: Span) {
    built.blocks.push(RawBlock {
        kind,
        span,
        level: 0,
    });
}

/// Copies the content of every line under `span` into the mask (line ends stay blank).
fn keep_lines(text: &str, span: Span, mask: &mut Mask) {
    let mut pos = span.start;
    for raw in span.slice(text).split_inclusive('\n') {
        let content = raw.trim_end();
        let lead = content.len() - content.trim_start().len();
        mask.keep(text, Span::new(pos + lead, pos + content.len()));
        pos += raw.len();
    }
}

/// The byte length of a list marker with its following space ("- ", "* ", "• ", "12. ", "3) ").
fn list_marker(s: &str) -> Option<usize> {
    for m in ["- ", "* ", "• ", "– "] {
        if s.starts_with(m) {
            return Some(m.len());
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = s.get(digits..)?;
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(digits + 2);
        }
    }
    None
}

/// Whether the line ends a sentence: `.`, `!`, `?`, `:`, `;` or `…`, possibly followed by
/// closing quotes or brackets.
pub(crate) fn ends_terminal(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '_']);
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

const SMALL_WORDS: [&str; 22] = [
    "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "from", "with", "at", "by", "as",
    "vs", "via", "nor", "but", "per", "into", "over",
];

/// Every word but short function words starts with a capital letter or a digit.
pub(crate) fn is_title_case(s: &str) -> bool {
    let mut words = 0;
    for (i, w) in s.split_whitespace().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(c) = w.chars().next() else {
            continue;
        };
        if i > 0 && SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)) {
            continue;
        }
        if !(c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        words += 1;
    }
    words > 0
}

/// Whether line `s` of a chunk is a heading of its own. `alone`: the chunk's only line;
/// `title`: the file's first line; `prev_terminal`: the line before ended a sentence (a
/// soft-wrapped line never starts a heading); `next`: the line after, if any.
fn is_heading_line(
    s: &str,
    alone: bool,
    title: bool,
    prev_terminal: bool,
    next: Option<&str>,
) -> bool {
    if ends_terminal(s) || !prev_terminal || s.trim_end().ends_with(CONTINUING) {
        return false;
    }
    if is_date(s) {
        return true;
    }
    let words = s.split_whitespace().count();
    let title_case = is_title_case(s);
    let short = words <= HEADING_WORDS && s.len() <= HEADING_CHARS;
    // Only a Title Case first line may be longer than an ordinary heading.
    let long_title = title && title_case && words <= TITLE_WORDS && s.len() <= TITLE_CHARS;
    if !(short || long_title) {
        return false;
    }
    // A line holding a sentence end ("… as well. As described by …") is prose.
    if crate::segment::split_span(s, Span::new(0, s.len())).len() > 1 {
        return false;
    }
    if alone {
        return true;
    }
    if !title_case {
        return false;
    }
    // A Title Case line followed by text could be a wrapped line ending before a name
    // ("…the National\nBureau of Statistics…"): only the first line of the file, the last
    // line of a chunk, or one above another heading-like line is a heading.
    title
        || next.is_none_or(|n| {
            is_date(n)
                || (!ends_terminal(n)
                    && is_title_case(n)
                    && n.split_whitespace().count() <= HEADING_WORDS)
        })
}

/// A line ending in one of these continues on the next line: never a heading.
const CONTINUING: &[char] = &[',', '-', '–', '—', '(', '&', '/'];

fn is_date(s: &str) -> bool {
    crate::dates::parse_calendar_date(s).is_some()
}

fn reference_section(
    text: &str,
    head: Line,
    rest_of_chunk: &[Line],
    later: &[Vec<Line>],
) -> ReferenceSection {
    let mut entries = Vec::new();
    let groups = std::iter::once(rest_of_chunk).chain(later.iter().map(Vec::as_slice));
    let mut body: Option<Span> = None;
    for group in groups {
        let (Some(a), Some(b)) = (group.first(), group.last()) else {
            continue;
        };
        let span = a.span.cover(b.span);
        body = Some(body.map_or(span, |x| x.cover(span)));
        let before = entries.len();
        paragraph_entries(text, span, &mut entries);
        if entries.len() == before {
            push_trimmed(text, span, &mut entries);
        }
    }
    ReferenceSection {
        heading: head.span,
        body: body.unwrap_or(Span::new(head.span.end, head.span.end)),
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, String)> {
        let b = build(text);
        b.blocks
            .iter()
            .map(|x| (x.kind, b.mask.slice(x.span).to_string()))
            .collect()
    }

    use BlockKind::{Heading as H, ListItem as L, Paragraph as P};

    #[test]
    fn title_dateline_repeated_title_and_wrapped_paragraphs() {
        let t = "Harbour Tolls Rise Again\n\nMarch 3, 2025\nHarbour Tolls Rise Again\n\nThe port raised tolls by 4% on\nMonday, officials said.\nA second sentence.\n";
        assert_eq!(
            blocks(t),
            vec![
                (H, "Harbour Tolls Rise Again".into()),
                (H, "March 3, 2025".into()),
                (H, "Harbour Tolls Rise Again".into()),
                (
                    P,
                    "The port raised tolls by 4% on\nMonday, officials said.\nA second sentence."
                        .into()
                ),
            ]
        );
    }

    #[test]
    fn wrapped_line_before_a_capitalised_word_is_not_a_heading() {
        let t = "Intro.\n\nFigures from the National\nBureau Of Statistics showed growth.\n";
        assert_eq!(blocks(t).len(), 2);
        let t = "Intro.\n\nStill Going\nBy Jane Doe\nMarch 3, 2025\n";
        assert_eq!(blocks(t).iter().filter(|b| b.0 == H).count(), 3);
    }

    #[test]
    fn statements_without_a_full_stop_are_paragraphs() {
        for t in [
            "President Ronald Reagan sent his condolences to the family, in writing,\n",
            "Critics praised the style. As described by one reviewer, his\n",
            "the results were mixed across all twelve regional offices in the survey sample\n",
        ] {
            assert_eq!(blocks(t)[0].0, P, "{t}");
        }
        assert_eq!(blocks("Media related to harbours\n")[0].0, H);
    }

    #[test]
    fn long_unpunctuated_line_is_a_paragraph() {
        let t =
            "Intro.\n\none two three four five six seven eight nine ten eleven twelve thirteen\n";
        assert_eq!(blocks(t)[1].0, P);
    }

    #[test]
    fn list_items_and_crlf() {
        let t = "Steps:\r\n- first step\r\n  continues\r\n2. second\r\n";
        let b = build(t);
        assert_eq!(b.mask.as_bytes().len(), t.len());
        assert_eq!(
            blocks(t),
            vec![
                (P, "Steps:".into()),
                (L, "first step\r\n  continues".into()),
                (L, "second".into())
            ]
        );
    }

    #[test]
    fn references_take_the_rest() {
        let t = "Body text.\n\nReferences:\nSmith, J. (2020). A.\nLee, K. (2019). B.\n\nKim, L. (2018). A long\ntitle.\n";
        let b = build(t);
        let r = b.references.expect("refs");
        assert_eq!(r.heading.slice(t), "References:");
        let e: Vec<&str> = r.entries.iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            e,
            vec![
                "Smith, J. (2020). A.",
                "Lee, K. (2019). B.",
                "Kim, L. (2018). A long\ntitle."
            ]
        );
        assert_eq!(b.mask.into_string().trim(), "Body text.");
    }

    #[test]
    fn terminal_and_title_case() {
        assert!(ends_terminal("He said “yes.”"));
        assert!(!ends_terminal("Fake Ad (slot: Y)"));
        assert!(is_title_case(
            "China Seeks Greater Trade Concessions from US in Stockholm Talks"
        ));
        assert!(!is_title_case("economic performance which"));
    }
}
