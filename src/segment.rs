//! Sentence and clause splitting over the prose mask.
//!
//! Sentences never cross a block. A full stop, `!`, `?` or an ellipsis ends a sentence only
//! when whitespace (or the block's end) follows it, possibly after closing quotes, and the
//! next word does not continue it: a lower-case word always continues; after an abbreviation
//! that always precedes something ("Dr.", "vs.", "e.g.") nothing ends the sentence; after one
//! that may also end a sentence ("U.S.", "p.m.", "Inc.", "et al.", an initial) only a word
//! that typically opens a sentence ("The", "He", "In", …) does; "No. 5", "p. 4", "Jan. 5"
//! never split. Decimals ("3.5", "5.8%") have no whitespace after the point.
//!
//! Nothing splits inside balanced parentheses, brackets or curly (or paired straight) double
//! quotation marks, so "(Smith et al., 2020, p. 4)" and a quotation of several sentences stay
//! whole; a quotation ending in `.”` ends the sentence after the closing mark, while `?”`
//! followed by a lower-case word ("“What is music?” he asked.") or by a citation continues it.
//!
//! **Detached citations.** A parenthetical after a full stop ("Exports rose. (Reuters, July
//! 2025) Next.") becomes a sentence of its own — the *fragment* "(Reuters, July 2025)", with a
//! following full stop if there is one. [`Sentence::is_parenthetical`] recognises such
//! fragments; pairing ties a citation in one to the sentence before it.
//!
//! Everything is one pass per block plus a pass to match brackets: linear in the block's
//! length. Deciding which sentences are claims is left to `claims`.

use crate::document::Block;
use crate::source::Span;
use rayon::prelude::*;

/// One sentence: a trimmed byte span inside one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Document::blocks`.
    pub block: usize,
}

impl Sentence {
    /// Whether the sentence is a parenthetical standing alone, such as the detached citation
    /// "(Reuters, July 2025)" or "(Smith, 2020)." after a full stop: it opens with `(` and
    /// its matching `)` is followed by nothing but sentence punctuation.
    pub fn is_parenthetical(&self, prose: &str) -> bool {
        let s = self.span.slice(prose);
        if !s.starts_with('(') {
            return false;
        }
        let body = s.trim_end_matches(['.', '!', '?', ' ']);
        if !body.ends_with(')') {
            return false;
        }
        // The first "(" must close at the end, not earlier: "(a) x (b)" is not one.
        let mut depth = 0usize;
        for (i, c) in body.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1 == body.len();
                    }
                }
                _ => {}
            }
        }
        false
    }
}

/// Splits every block of `prose` into sentences, in order.
pub fn split_sentences(prose: &str, blocks: &[Block]) -> Vec<Sentence> {
    let one = |(bi, b): (usize, &Block)| {
        let end = b.span.end.min(prose.len());
        let start = b.span.start.min(end);
        split_span(prose, Span::new(start, end))
            .into_iter()
            .map(move |span| Sentence { span, block: bi })
    };
    // Blocks split independently; a long document's are shared out over the thread pool, and
    // `collect` keeps their order.
    if blocks.len() >= crate::PARALLEL_BLOCKS {
        blocks
            .par_iter()
            .enumerate()
            .with_min_len(crate::PARALLEL_BLOCKS / 4)
            .flat_map_iter(one)
            .collect()
    } else {
        blocks.iter().enumerate().flat_map(one).collect()
    }
}

/// The sentences of one span of prose, trimmed.
pub fn split_span(prose: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    if span.slice(prose).is_empty() {
        return out;
    }
    let mut sp = Splitter::new(prose.as_bytes(), span);
    sp.run(&mut out);
    out
}

/// Longest bracket or quotation that still counts as balanced; beyond it a stray mark must
/// not swallow the rest of a paragraph.
const MAX_GROUP: usize = 2000;
/// How far back to look for the word before a full stop.
const MAX_WORD: usize = 40;

const OPEN_DQ: &[u8] = "“".as_bytes();
const CLOSE_DQ: &[u8] = "”".as_bytes();
const CLOSE_SQ: &[u8] = "’".as_bytes();
const OPEN_SQ: &[u8] = "‘".as_bytes();
const ELLIPSIS: &[u8] = "…".as_bytes();

/// Positions of the matched brackets and double quotes in `b[span]`, sorted: (position,
/// +1 for an opener or -1 for a closer, byte length of the mark).
fn matched_marks(b: &[u8], span: Span) -> Vec<(usize, i8, usize)> {
    let mut stacks: [Vec<usize>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut marks = Vec::new();
    let mut i = span.start;
    while i < span.end {
        i = skip_to(b, i, span.end, &MARK_BYTES);
        let Some(&c) = b.get(i).filter(|_| i < span.end) else {
            break;
        };
        let (kind, open, len) = match c {
            b'(' => (0, true, 1),
            b')' => (0, false, 1),
            b'[' => (1, true, 1),
            b']' => (1, false, 1),
            b'"' => {
                let prev = if i > span.start { b[i - 1] } else { b' ' };
                let opener = prev.is_ascii_whitespace() || b"([{-/".contains(&prev);
                (2, opener, 1)
            }
            0xE2 if b[i..].starts_with(OPEN_DQ) => (2, true, 3),
            0xE2 if b[i..].starts_with(CLOSE_DQ) => (2, false, 3),
            _ => {
                i += 1;
                continue;
            }
        };
        if open {
            stacks[kind].push(i);
        } else if let Some(o) = stacks[kind].pop()
            && i - o <= MAX_GROUP
        {
            let olen = if b[o] == 0xE2 { 3 } else { 1 };
            marks.push((o, 1, olen));
            marks.push((i, -1, len));
        }
        i += len;
    }
    marks.sort_unstable();
    marks
}

/// A set of bytes, for [`skip_to`].
type ByteSet = [bool; 256];

const fn byte_set(bytes: &[u8]) -> ByteSet {
    let mut set = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        set[bytes[k] as usize] = true;
        k += 1;
    }
    set
}

/// The bytes that may open a bracket or quotation mark ([`matched_marks`]).
const MARK_BYTES: ByteSet = byte_set(b"()[]\"\xE2");
/// The bytes that may open a sentence terminator (`.`, `!`, `?`, `…`).
const TERMINATOR_BYTES: ByteSet = byte_set(b".!?\xE2");

/// The first position in `from..end` whose byte is in `set`, or `end`. Prose is mostly bytes
/// that neither scan stops at, and a table lookup per byte is the cheapest way past them.
fn skip_to(b: &[u8], from: usize, end: usize, set: &ByteSet) -> usize {
    b.get(from..end)
        .and_then(|s| s.iter().position(|&c| set[usize::from(c)]))
        .map_or(end.max(from), |p| from + p)
}

struct Splitter<'a> {
    b: &'a [u8],
    span: Span,
    marks: Vec<(usize, i8, usize)>,
    /// Start of the current sentence (before trimming).
    start: usize,
    /// `(start, first non-whitespace position)` of the current sentence.
    first_cache: (usize, usize),
}

fn is_ws(c: u8) -> bool {
    c.is_ascii_whitespace()
}

impl<'a> Splitter<'a> {
    fn new(b: &'a [u8], span: Span) -> Self {
        Splitter {
            b,
            span,
            marks: matched_marks(b, span),
            start: span.start,
            first_cache: (usize::MAX, 0),
        }
    }

    fn at(&self, i: usize) -> u8 {
        if i < self.span.end { self.b[i] } else { b' ' }
    }

    fn starts(&self, i: usize, pat: &[u8]) -> bool {
        i < self.span.end && self.b[..self.span.end][i..].starts_with(pat)
    }

    fn push(&mut self, end: usize, out: &mut Vec<Span>) {
        let mut s = self.start;
        let mut e = end.min(self.span.end);
        while s < e && is_ws(self.b[s]) {
            s += 1;
        }
        while e > s && is_ws(self.b[e - 1]) {
            e -= 1;
        }
        if s < e {
            out.push(Span::new(s, e));
        }
        self.start = end;
    }

    /// First non-whitespace position of the current sentence (cached: a sentence may open
    /// with a long blanked run, and this is asked at every closing bracket).
    fn sentence_first(&mut self) -> usize {
        if self.first_cache.0 == self.start {
            return self.first_cache.1;
        }
        let mut s = self.start;
        while s < self.span.end && is_ws(self.b[s]) {
            s += 1;
        }
        self.first_cache = (self.start, s);
        s
    }

    fn run(&mut self, out: &mut Vec<Span>) {
        let mut mark = 0; // next entry of self.marks
        let mut depth = 0usize;
        let mut opens: Vec<usize> = Vec::new();
        let mut i = self.span.start;
        while i < self.span.end {
            // Only a mark, or a terminator outside brackets, can change anything: go straight
            // to the next one.
            let next_mark = self.marks.get(mark).map_or(self.span.end, |m| m.0);
            i = if depth > 0 {
                next_mark.max(i)
            } else {
                skip_to(self.b, i, next_mark, &TERMINATOR_BYTES)
            };
            if i >= self.span.end {
                break;
            }
            if let Some(&(pos, dir, len)) = self.marks.get(mark)
                && pos == i
            {
                mark += 1;
                if dir > 0 {
                    depth += 1;
                    opens.push(i);
                    i += len;
                    continue;
                }
                depth = depth.saturating_sub(1);
                let open = opens.pop().unwrap_or(i);
                let after = i + len;
                if depth == 0 {
                    // A quotation or parenthetical that ends with its own terminator: “…rose.”
                    if let Some(term) = self.terminator_before(i)
                        && let Some(end) = self.decide(term, after)
                    {
                        self.push(end, out);
                        i = end;
                        continue;
                    }
                    // A parenthetical opening the sentence: a detached citation "(X, 2025)".
                    if open == self.sentence_first()
                        && self.b[open] == b'('
                        && let Some(end) = self.detached_end(open, i)
                    {
                        self.push(end, out);
                        i = end;
                        continue;
                    }
                }
                i = after;
                continue;
            }
            let c = self.b[i];
            let term_len = match c {
                b'.' | b'!' | b'?' => 1,
                0xE2 if self.starts(i, ELLIPSIS) => 3,
                _ => 0,
            };
            if term_len == 0 || depth > 0 {
                i += 1;
                continue;
            }
            // Runs of terminators ("...", "?!") are decided at their last mark.
            let next = self.at(i + term_len);
            if matches!(next, b'.' | b'!' | b'?') || self.starts(i + term_len, ELLIPSIS) {
                i += term_len;
                continue;
            }
            let mut after = i + term_len;
            // Unpaired closing quotes right after the terminator belong to the sentence.
            loop {
                if matches!(self.at(after), b'"' | b'\'') && !self.is_mark(after) {
                    after += 1;
                } else if (self.starts(after, CLOSE_DQ) || self.starts(after, CLOSE_SQ))
                    && !self.is_mark(after)
                {
                    after += 3;
                } else {
                    break;
                }
            }
            if let Some(end) = self.decide(i, after) {
                self.push(end, out);
                i = end;
            } else {
                i += term_len;
            }
        }
        self.push(self.span.end, out);
    }

    fn is_mark(&self, i: usize) -> bool {
        self.marks.binary_search_by(|m| m.0.cmp(&i)).is_ok()
    }

    /// The terminator right before a closing mark at `close`, skipping closing single quotes
    /// and other closers ("rose.’”").
    fn terminator_before(&self, close: usize) -> Option<usize> {
        let mut j = close;
        for _ in 0..4 {
            if j <= self.span.start {
                return None;
            }
            let c = self.b[j - 1];
            match c {
                b'.' | b'!' | b'?' => return Some(j - 1),
                b'\'' | b'"' | b')' | b']' => j -= 1,
                _ if j >= self.span.start + 3 && self.b[j - 3..j] == *ELLIPSIS => {
                    return Some(j - 3);
                }
                _ if j >= self.span.start + 3
                    && (self.b[j - 3..j] == *CLOSE_SQ || self.b[j - 3..j] == *CLOSE_DQ) =>
                {
                    j -= 3
                }
                _ => return None,
            }
        }
        None
    }

    /// Where the sentence ends when a paragraph-initial parenthetical `open..=close` stands
    /// alone: it names a date or is itself a sentence, and what follows does not continue it.
    fn detached_end(&self, open: usize, close: usize) -> Option<usize> {
        let inner = self.b.get(open + 1..close)?;
        // A year, "n.d." or "in press": "(1)" and "(2)" of an enumeration stay put.
        let dated = has_year(inner) || contains(inner, b"n.d") || contains(inner, b"in press");
        if !dated {
            return None;
        }
        let mut end = close + 1;
        while matches!(self.at(end), b'.' | b'!' | b'?') && end < self.span.end {
            end += 1;
        }
        let (ws_end, next) = self.next_word(end)?;
        if ws_end == end && end < self.span.end {
            return None; // "(2020)-era": no space after
        }
        match next {
            Next::End | Next::Upper | Next::Digit | Next::Other | Next::Paren => Some(end),
            Next::Lower => None,
        }
    }

    /// Decides whether a terminator at `term` (its closers end at `after`) ends the
    /// sentence; returns the end of the sentence.
    fn decide(&self, term: usize, after: usize) -> Option<usize> {
        let (ws_end, next) = self.next_word(after)?;
        if ws_end == after && after < self.span.end {
            return None; // no whitespace: "3.5", "U.S.-China", "e.g.,"
        }
        if next == Next::End {
            return Some(after);
        }
        if next == Next::Lower {
            return None;
        }
        let c = self.b[term];
        if c != b'.' {
            // "?" and "!" (and "…"): a following citation continues the sentence.
            return (next != Next::Paren).then_some(after);
        }
        // An ellipsis written as dots.
        if term > self.span.start && self.b[term - 1] == b'.' {
            return matches!(next, Next::Upper | Next::Digit).then_some(after);
        }
        let word = self.word_before(term);
        let class = classify(word);
        let next_word = self.word_at(ws_end);
        match class {
            Word::Title | Word::Never => None,
            Word::NumberPrefix | Word::Month if next == Next::Digit => None,
            _ if next == Next::Paren => {
                // "et al. (2020)", "U.S. (Census, 2021)": the citation continues it; after an
                // ordinary word the parenthetical is a detached citation and starts anew.
                if class == Word::Plain {
                    Some(after)
                } else {
                    None
                }
            }
            Word::Plain | Word::NumberPrefix => Some(after),
            Word::Month | Word::Maybe => is_sentence_starter(next_word).then_some(after),
        }
    }

    /// Skips whitespace from `from`; returns where it ends and what comes next.
    fn next_word(&self, from: usize) -> Option<(usize, Next)> {
        let mut k = from;
        while k < self.span.end && is_ws(self.b[k]) {
            k += 1;
        }
        if k >= self.span.end {
            return Some((k, Next::End));
        }
        if self.b[k] == b'(' || self.b[k] == b'[' {
            return Some((k, Next::Paren));
        }
        // Skip opening quotes and emphasis to the first letter or digit.
        let mut j = k;
        for _ in 0..4 {
            if matches!(self.at(j), b'"' | b'\'' | b'*' | b'_') {
                j += 1;
            } else if self.starts(j, OPEN_DQ) || self.starts(j, OPEN_SQ) {
                j += 3;
            } else {
                break;
            }
        }
        let rest = &self.b[j.min(self.span.end)..self.span.end];
        let ch = std::str::from_utf8(&rest[..rest.len().min(4)])
            .ok()
            .or_else(|| {
                (1..4)
                    .rev()
                    .find_map(|n| std::str::from_utf8(rest.get(..n)?).ok())
            })
            .and_then(|s| s.chars().next());
        let next = match ch {
            Some(c) if c.is_lowercase() => Next::Lower,
            Some(c) if c.is_uppercase() => Next::Upper,
            Some(c) if c.is_ascii_digit() => Next::Digit,
            _ => Next::Other,
        };
        Some((k, next))
    }

    /// The word before a full stop at `term`, without leading punctuation.
    fn word_before(&self, term: usize) -> &'a str {
        let lo = term.saturating_sub(MAX_WORD).max(self.span.start);
        let mut s = term;
        while s > lo {
            let c = self.b[s - 1];
            if is_ws(c) || b"([{\"'/".contains(&c) || c >= 0x80 {
                break;
            }
            s -= 1;
        }
        std::str::from_utf8(&self.b[s..term]).unwrap_or("")
    }

    /// The word starting at `at` (after opening quotes), letters only.
    fn word_at(&self, at: usize) -> &'a str {
        let mut s = at;
        while s < self.span.end && matches!(self.b[s], b'"' | b'\'' | b'*' | b'_') {
            s += 1;
        }
        let mut e = s;
        while e < self.span.end && (self.b[e].is_ascii_alphabetic() || self.b[e] == b'\'') {
            e += 1;
        }
        std::str::from_utf8(&self.b[s..e]).unwrap_or("")
    }
}

/// Four digits starting with 1 or 2, not part of a longer number.
fn has_year(b: &[u8]) -> bool {
    b.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && (w[0] == b'1' || w[0] == b'2')
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    End,
    Lower,
    Upper,
    Digit,
    Paren,
    Other,
}

/// What a word before a full stop says about the full stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// An ordinary word or number: the full stop ends the sentence.
    Plain,
    /// A title before a name ("Dr.", "Sen."): never ends a sentence.
    Title,
    /// Always followed by more ("vs.", "e.g.", "cf."): never ends a sentence.
    Never,
    /// Before a number ("No. 5", "p. 4", "Fig. 2"); otherwise ordinary.
    NumberPrefix,
    /// A month abbreviation: before a day it continues; otherwise like `Maybe`.
    Month,
    /// May end a sentence ("U.S.", "p.m.", "Inc.", "et al.", an initial): ends it only
    /// before a word that usually opens a sentence.
    Maybe,
}

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "cpl",
    "pvt", "maj", "brig", "adm", "cmdr", "rev", "hon", "pres", "st", "mt", "ft", "messrs", "fr",
    "supt", "insp", "det", "amb", "atty", "mme", "mlle", "rt",
];
const NEVER: &[&str] = &[
    "vs", "v", "e.g", "i.e", "cf", "viz", "approx", "ca", "c", "et", "incl",
];
const NUMBER_PREFIX: &[&str] = &[
    "no", "nos", "p", "pp", "para", "paras", "par", "fig", "figs", "vol", "vols", "ch", "chap",
    "sec", "secs", "eq", "eqs", "art", "pt", "pts", "op", "ref", "refs", "tab", "nr", "ed", "ver",
    "ex", "col", "ps", "ss",
];
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
const MAYBE: &[&str] = &[
    "inc", "corp", "ltd", "co", "llc", "plc", "jr", "sr", "etc", "al", "bros", "dept", "univ",
    "assn", "est", "govt", "ave", "blvd", "rd", "hwy", "mfg", "intl", "natl", "jan", "eds",
    "trans", "min", "max", "sq", "ft", "mi", "km", "oz", "lb", "lbs", "yr", "yrs", "hr", "hrs",
    "spp", "sp", "ssp", "subsp", "var", "cv", "gen", "sen",
];

/// Room for the longest word of `classify`'s lists.
const WORD_BUF: usize = 16;

fn classify(word: &str) -> Word {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() {
        return Word::Plain;
    }
    // Lower-cased on the stack: this runs at every full stop. No entry of the lists is longer
    // than the buffer.
    let mut buf = [0u8; WORD_BUF];
    let lower = crate::source::ascii_lowercase_in(w, &mut buf);
    let is = |list: &[&str]| lower.is_some_and(|l| list.contains(&l));
    if is(NEVER) {
        return Word::Never;
    }
    // Single letters: an initial ("J. D. Vance") or "p." / "v.".
    if w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase() {
        return Word::Maybe;
    }
    if is(NUMBER_PREFIX) {
        return Word::NumberPrefix;
    }
    if is(TITLES) && w.as_bytes()[0].is_ascii_uppercase() {
        return Word::Title;
    }
    if is(MONTHS) {
        return Word::Month;
    }
    if is(MAYBE) {
        return Word::Maybe;
    }
    // Dotted abbreviations: "U.S", "p.m", "Ph.D", "n.d", "U.N": short letter groups.
    if w.contains('.')
        && w.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_alphabetic()))
    {
        return Word::Maybe;
    }
    Word::Plain
}

/// Closed-class words that usually open a sentence: after an ambiguous abbreviation
/// ("… in the U.S. The …") they mean a new sentence has begun.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "It's",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "There",
    "Here",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "However",
    "In",
    "On",
    "At",
    "For",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "Meanwhile",
    "Still",
    "Also",
    "Then",
    "Some",
    "Many",
    "Most",
    "Both",
    "All",
    "Each",
    "One",
    "Such",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Our",
    "Their",
    "His",
    "Her",
    "My",
    "Your",
    "Despite",
    "According",
    "Under",
    "With",
    "By",
    "From",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Today",
    "Yesterday",
    "Now",
    "Other",
    "Another",
    "Further",
    "Moreover",
    "Instead",
    "Thus",
    "Therefore",
    "Overall",
    "Because",
    "Only",
    "Even",
    "Not",
    "More",
    "Few",
    "Several",
    "To",
    "During",
    "Over",
    "Among",
    "Between",
    "Unlike",
    "Like",
    "Similarly",
    "Additionally",
    "Furthermore",
    "Nevertheless",
    "Nonetheless",
    "Indeed",
    "Finally",
    "First",
    "Second",
    "Third",
    "Recent",
    "Experts",
    "Officials",
    "Critics",
    "Researchers",
    "Analysts",
    "Studies",
];

fn is_sentence_starter(word: &str) -> bool {
    STARTERS.contains(&word)
}

/// Splits a sentence into clauses at `;` and at ", but", ", while", ", whereas", ", although",
/// ", and", ", yet", ", so" when a new subject follows (a pronoun, a determiner, a capitalised
/// name or a number). Nothing splits inside brackets or quotations. Spans are trimmed; the
/// `;` and `,` are left out, the conjunction opens the next clause. Returns the whole span
/// when there is nothing to split.
pub fn clauses(prose: &str, span: Span) -> Vec<Span> {
    let b = prose.as_bytes();
    let span = Span::new(span.start.min(b.len()), span.end.min(b.len()));
    let marks = matched_marks(b, span);
    let mut out = Vec::new();
    let mut start = span.start;
    let mut depth = 0usize;
    let mut mark = 0;
    let mut i = span.start;
    let push = |s: usize, e: usize, out: &mut Vec<Span>| {
        let mut s = s;
        let mut e = e;
        while s < e && is_ws(b[s]) {
            s += 1;
        }
        while e > s && is_ws(b[e - 1]) {
            e -= 1;
        }
        if s < e {
            out.push(Span::new(s, e));
        }
    };
    while i < span.end {
        if let Some(&(pos, dir, len)) = marks.get(mark)
            && pos == i
        {
            mark += 1;
            if dir > 0 {
                depth += 1;
            } else {
                depth = depth.saturating_sub(1);
            }
            i += len;
            continue;
        }
        let boundary = b[i] == b';' || (b[i] == b',' && new_clause_after_comma(b, i + 1, span.end));
        if depth == 0 && boundary {
            push(start, i, &mut out);
            start = i + 1;
        }
        i += 1;
    }
    push(start, span.end, &mut out);
    if out.is_empty() {
        out.push(span);
    }
    out
}

const CONJUNCTIONS: &[&str] = &["but", "while", "whereas", "although", "and", "yet", "so"];
const SUBJECTS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we",
    "i", "you", "there", "his", "her", "their", "our", "my", "many", "most", "some", "few",
    "several", "each", "both", "all", "one", "other", "others", "no",
];

fn new_clause_after_comma(b: &[u8], from: usize, end: usize) -> bool {
    let word = |at: usize| -> (usize, &[u8]) {
        let mut s = at;
        while s < end && b[s] == b' ' {
            s += 1;
        }
        let mut e = s;
        while e < end && (b[e].is_ascii_alphanumeric() || b[e] == b'\'') {
            e += 1;
        }
        (e, &b[s..e])
    };
    let (after_conj, conj) = word(from);
    let Ok(conj) = std::str::from_utf8(conj) else {
        return false;
    };
    if !CONJUNCTIONS.contains(&conj) {
        return false;
    }
    if conj == "whereas" {
        return true;
    }
    let (_, subj) = word(after_conj);
    let Some(&first) = subj.first() else {
        return false;
    };
    let lower = subj.to_ascii_lowercase();
    let named = first.is_ascii_uppercase() || first.is_ascii_digit();
    named || SUBJECTS.iter().any(|s| s.as_bytes() == lower.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `classify` lower-cases a word into a buffer of `WORD_BUF` bytes and compares it with
    /// its lists: an entry must fit the buffer, and be lower-case ASCII, or it could never
    /// match.
    #[test]
    fn the_word_lists_fit_the_buffer_in_lower_case() {
        for list in [NEVER, NUMBER_PREFIX, TITLES, MONTHS, MAYBE] {
            for w in list {
                assert!(w.len() <= WORD_BUF, "{w}");
                assert!(
                    w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()),
                    "{w}"
                );
            }
        }
    }

    fn split(text: &str) -> Vec<&str> {
        split_span(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn sentence_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "Trade with the U.S. rose. The U.K. fell.",
                &["Trade with the U.S. rose.", "The U.K. fell."],
            ),
            (
                "Officials in the U.S. Treasury agreed.",
                &["Officials in the U.S. Treasury agreed."],
            ),
            (
                "It grew in the U.S. The rest shrank.",
                &["It grew in the U.S.", "The rest shrank."],
            ),
            (
                "Dr. Lee and Mr. Kim met St. Paul.",
                &["Dr. Lee and Mr. Kim met St. Paul."],
            ),
            (
                "Talks began Jan. 5 and ended Sept. 12. Then came more.",
                &["Talks began Jan. 5 and ended Sept. 12.", "Then came more."],
            ),
            (
                "They met at 3 p.m. Monday. It rained at 9 a.m. The end.",
                &[
                    "They met at 3 p.m. Monday.",
                    "It rained at 9 a.m.",
                    "The end.",
                ],
            ),
            (
                "Acme Inc. said so. Big Corp. Shares fell.",
                &["Acme Inc. said so.", "Big Corp. Shares fell."],
            ),
            (
                "See No. 5 in the list. Next.",
                &["See No. 5 in the list.", "Next."],
            ),
            (
                "It was Acme vs. Beta. Next.",
                &["It was Acme vs. Beta.", "Next."],
            ),
            (
                "Some fruits, e.g. apples, i.e. Fuji, grow. Next.",
                &["Some fruits, e.g. apples, i.e. Fuji, grow.", "Next."],
            ),
            (
                "Growth was 5.8% in 2025. Costs hit $3.5 billion.",
                &["Growth was 5.8% in 2025.", "Costs hit $3.5 billion."],
            ),
            (
                "J. D. Vance met M. J. Smith. They spoke.",
                &["J. D. Vance met M. J. Smith.", "They spoke."],
            ),
            (
                "Prices rose... and fell. Then... The end.",
                &["Prices rose... and fell.", "Then...", "The end."],
            ),
            ("Wait… Nothing came.", &["Wait…", "Nothing came."]),
            (
                "He said, “Prices rose.” Then he left.",
                &["He said, “Prices rose.”", "Then he left."],
            ),
            (
                "He said, \"Prices rose.\" Then he left.",
                &["He said, \"Prices rose.\"", "Then he left."],
            ),
            (
                "“What is music?” he asked. Nobody knew.",
                &["“What is music?” he asked.", "Nobody knew."],
            ),
            (
                "She asked: “Is it ready? I fear not” (Sun, 2018). Next.",
                &["She asked: “Is it ready? I fear not” (Sun, 2018).", "Next."],
            ),
            (
                "Rates fell (Smith et al., 2020, p. 4). Next one.",
                &["Rates fell (Smith et al., 2020, p. 4).", "Next one."],
            ),
            (
                "Rates fell (U.S. Census Bureau, 2021). Next (n.d.). Last.",
                &[
                    "Rates fell (U.S. Census Bureau, 2021).",
                    "Next (n.d.).",
                    "Last.",
                ],
            ),
            (
                "Smith et al. (2020) found it. Next.",
                &["Smith et al. (2020) found it.", "Next."],
            ),
            (
                "It rose in the U.S. (Census, 2021). Next.",
                &["It rose in the U.S. (Census, 2021).", "Next."],
            ),
            (
                "Exports rose. (Reuters, July 2025) Next sentence.",
                &["Exports rose.", "(Reuters, July 2025)", "Next sentence."],
            ),
            (
                "A quote ends.” (Confucius 2015, p. 47, 10.6). Next.",
                &["A quote ends.”", "(Confucius 2015, p. 47, 10.6).", "Next."],
            ),
            (
                "Is music good?” (Confucius 2015, p. 9, 3.3). Next.",
                &["Is music good?” (Confucius 2015, p. 9, 3.3).", "Next."],
            ),
            (
                "Soft wrapped line\ncontinues here. And\nends.",
                &["Soft wrapped line\ncontinues here.", "And\nends."],
            ),
            (
                "Wundt (1832–1920) was first. (a) Panel label here.",
                &["Wundt (1832–1920) was first.", "(a) Panel label here."],
            ),
            (
                "Two themes recur. (1) Growth is slow. (2) Costs rise.",
                &[
                    "Two themes recur.",
                    "(1) Growth is slow.",
                    "(2) Costs rise.",
                ],
            ),
            (
                "Eggs are eaten by Geocoris spp. (big-eyed bugs) which hunt. Next.",
                &[
                    "Eggs are eaten by Geocoris spp. (big-eyed bugs) which hunt.",
                    "Next.",
                ],
            ),
            (
                "Results held. (Smith, in press) More.",
                &["Results held.", "(Smith, in press)", "More."],
            ),
            (
                "Atkins v. Virginia (2002) held it. Next.",
                &["Atkins v. Virginia (2002) held it.", "Next."],
            ),
            (
                "It cited H. naledi remains. See p. 4 for more.",
                &["It cited H. naledi remains.", "See p. 4 for more."],
            ),
            (
                "Who knows? Nobody. Really!",
                &["Who knows?", "Nobody.", "Really!"],
            ),
            (
                "The Master said, “Rise. Sit. Go.” Then it ended.",
                &["The Master said, “Rise. Sit. Go.”", "Then it ended."],
            ),
            (
                "Visit example.com today. Done.",
                &["Visit example.com today.", "Done."],
            ),
            ("   ", &[]),
            ("No terminal punctuation", &["No terminal punctuation"]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text}");
        }
    }

    #[test]
    fn unbalanced_marks_do_not_swallow_the_block() {
        assert_eq!(
            split("A (stray one. Two. “Three."),
            vec!["A (stray one.", "Two.", "“Three."]
        );
        assert_eq!(split("A) one. Two."), vec!["A) one.", "Two."]);
    }

    #[test]
    fn sentences_stay_in_blocks() {
        use crate::document::{Block, BlockKind};
        let prose = "Title\n\nOne. Two";
        let blocks = [
            Block {
                kind: BlockKind::Heading,
                span: Span::new(0, 5),
            },
            Block {
                kind: BlockKind::Paragraph,
                span: Span::new(7, prose.len()),
            },
        ];
        let s = split_sentences(prose, &blocks);
        let got: Vec<(&str, usize)> = s.iter().map(|s| (s.span.slice(prose), s.block)).collect();
        assert_eq!(got, vec![("Title", 0), ("One.", 1), ("Two", 1)]);
    }

    #[test]
    fn parenthetical_fragments() {
        let prose = "Exports rose. (Reuters, July 2025) Next. (a) b (c).";
        let all = split_span(prose, Span::new(0, prose.len()));
        let flags: Vec<bool> = all
            .iter()
            .map(|&span| Sentence { span, block: 0 }.is_parenthetical(prose))
            .collect();
        assert_eq!(flags, vec![false, true, false, false]);
    }

    #[test]
    fn clause_boundaries() {
        let s = "Exports rose 5% (A, 2020; B, 2021); imports fell, but the officials were calm, and prices, and wages, held.";
        let got: Vec<&str> = clauses(s, Span::new(0, s.len()))
            .into_iter()
            .map(|c| c.slice(s))
            .collect();
        assert_eq!(
            got,
            vec![
                "Exports rose 5% (A, 2020; B, 2021)",
                "imports fell",
                "but the officials were calm, and prices, and wages, held."
            ]
        );
        let s = "Sales rose, whereas costs fell.";
        assert_eq!(clauses(s, Span::new(0, s.len())).len(), 2);
        let s = "No split here.";
        assert_eq!(
            clauses(s, Span::new(0, s.len())),
            vec![Span::new(0, s.len())]
        );
    }

    proptest::proptest! {
        /// Sentences are trimmed, ordered, disjoint, inside their span and on char boundaries;
        /// clauses are inside their sentence.
        #[test]
        fn sentence_spans_are_sound(text in "[a-zA-Z .!?()“”\"'’…;,0-9\n é]{0,200}") {
            let all = Span::new(0, text.len());
            let mut last = 0;
            for s in split_span(&text, all) {
                proptest::prop_assert!(s.start >= last && s.start < s.end && s.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                let t = s.slice(&text);
                proptest::prop_assert_eq!(t, t.trim());
                last = s.end;
                for c in clauses(&text, s) {
                    proptest::prop_assert!(s.contains(c) && text.get(c.start..c.end).is_some());
                }
            }
        }
    }

    #[test]
    fn long_inputs_are_linear_and_safe() {
        let s = "(".repeat(100_000) + &". a".repeat(10_000) + &"”".repeat(1000);
        let _ = split(&s);
        let _ = clauses(&s, Span::new(0, s.len()));
        assert!(split_span("é. É.", Span::new(1, 5)).len() <= 2);
    }
}
