//! Source files, byte spans and line/column conversion.
//!
//! A [`SourceFile`] holds the exact text read (BOM, CRLF and front matter included), so a
//! [`Span`] is a byte range into it everywhere in the pipeline. Lines and columns are computed
//! here, at the edge, and only for output. Reading from disk and walking folders are left to
//! the CLI; decoding bytes (UTF-8 validation, binary detection) happens here.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a [`SourceFile`]'s text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside `self`.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn contains_offset(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text under the span, or `""` when the span is out of bounds or not on char
    /// boundaries (which would be a bug upstream, never a reason to panic).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Shifts a span found in a slice that starts at `base`.
    pub const fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        miette::SourceSpan::new(s.start.into(), s.len())
    }
}

/// Why a file's bytes could not be checked as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not UTF-8; `offset` is the first invalid byte.
    InvalidUtf8 { offset: usize },
    /// A NUL byte near the start: this is not a text file.
    Binary { offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::InvalidUtf8 { offset } => {
                write!(
                    f,
                    "expected UTF-8 text, found an invalid byte at offset {offset}"
                )
            }
            DecodeError::Binary { offset } => write!(
                f,
                "expected a text file, found a NUL byte at offset {offset} (binary file)"
            ),
        }
    }
}

/// How far into a file we look for a NUL byte before calling it binary (as git and ripgrep do).
const BINARY_SNIFF_LEN: usize = 8192;

/// The text of one article, as read, with its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    /// Decodes bytes read from disk or stdin. Binary files and invalid UTF-8 are errors
    /// that name the byte offset, so the caller can report them and go on.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, DecodeError> {
        let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
        if let Some(offset) = memchr::memchr(0, sniff) {
            return Err(DecodeError::Binary { offset });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(path, text)),
            Err(e) => Err(DecodeError::InvalidUtf8 {
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    /// 1-based line and column in UTF-16 code units (SARIF, LSP).
    pub fn line_col_utf16(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col_utf16(&self.text, offset)
    }
}

/// Byte offsets of line starts; lines end at `\n` (a `\r` before it stays in the line).
///
/// Columns are counted from checkpoints (chars and UTF-16 units before every
/// [`CHECKPOINT`]-byte block), so a column costs at most one block of counting however long
/// the line is: a 3 MB single-line paragraph with 40,000 findings stays linear.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Per block: (chars, UTF-16 units) in the text before the block's first byte.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes per column checkpoint.
const CHECKPOINT: usize = 1024;

/// Chars and UTF-16 units that start in `bytes`: every byte that is not a UTF-8 continuation
/// byte starts a char, and a 4-byte lead starts a surrogate pair.
fn count_units(bytes: &[u8]) -> (usize, usize) {
    let mut chars = 0;
    let mut wide = 0;
    for &b in bytes {
        chars += usize::from(b & 0xC0 != 0x80);
        wide += usize::from(b >= 0xF0);
    }
    (chars, chars + wide)
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let mut acc = (0, 0);
        for block in text.as_bytes().chunks(CHECKPOINT) {
            checkpoints.push(acc);
            let (c, u) = count_units(block);
            acc = (acc.0 + c, acc.1 + u);
        }
        checkpoints.push(acc);
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// (chars, UTF-16 units) in `text[..offset]`.
    fn units_before(&self, text: &str, offset: usize) -> (usize, usize) {
        let block = offset / CHECKPOINT;
        let base = self.checkpoints.get(block).copied().unwrap_or_default();
        let from = block * CHECKPOINT;
        let (c, u) = count_units(text.as_bytes().get(from..offset).unwrap_or(&[]));
        (base.0 + c, base.1 + u)
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    fn clamp(text: &str, offset: usize) -> usize {
        let mut o = offset.min(text.len());
        while o > 0 && !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = self.units_before(text, offset).0 - self.units_before(text, start).0;
        (line + 1, col + 1)
    }

    pub fn line_col_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = self.units_before(text, offset).1 - self.units_before(text, start).1;
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_and_utf16() {
        let f = SourceFile::new("a", "ab\n“x” 𝄞y\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let y = f.text.find('y').unwrap_or(0);
        assert_eq!(f.line_col(y), (2, 6));
        assert_eq!(f.line_col_utf16(y), (2, 7));
    }

    #[test]
    fn columns_across_checkpoints_match_counting() {
        // A long line of mixed widths: columns from checkpoints equal a plain count.
        let line: String = "aé“𝄞 ".repeat(700);
        let text = format!("x\n{line}\nz");
        let f = SourceFile::new("a", text.clone());
        for (offset, _) in text.char_indices().step_by(97) {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let chars = text[start..offset].chars().count();
            let units: usize = text[start..offset].chars().map(char::len_utf16).sum();
            let line_no = text[..offset].matches('\n').count() + 1;
            assert_eq!(f.line_col(offset), (line_no, chars + 1));
            assert_eq!(f.line_col_utf16(offset), (line_no, units + 1));
        }
    }

    #[test]
    fn decode_reports_offsets() {
        assert_eq!(
            SourceFile::from_bytes("a", b"ok\xffno".to_vec()).err(),
            Some(DecodeError::InvalidUtf8 { offset: 2 })
        );
        assert_eq!(
            SourceFile::from_bytes("a", b"ab\0".to_vec()).err(),
            Some(DecodeError::Binary { offset: 2 })
        );
        assert!(SourceFile::from_bytes("a", Vec::new()).is_ok());
    }

    #[test]
    fn slice_never_panics() {
        assert_eq!(Span::new(5, 2).slice("abc"), "");
        assert_eq!(Span::new(0, 10).slice("abc"), "");
        assert_eq!(Span::new(1, 2).slice("é"), "");
    }
}
