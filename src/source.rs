//! Source files, byte spans and line/column conversion.
//!
//! A [`SourceFile`] holds the exact text read (BOM, CRLF and front matter included), so a
//! [`Span`] is a byte range into it everywhere in the pipeline. Lines and columns are computed
//! here, at the edge, and only for output. Reading from disk and walking folders are left to
//! the CLI; decoding bytes (UTF-8 validation, binary detection) happens here.

use serde::{Deserialize, Serialize};

/// `word` with its ASCII letters lower-cased, written into `buf` rather than a new string (for
/// comparing a word with a list of lower-case words on a hot path); `None` when it is longer
/// than `buf`.
pub fn ascii_lowercase_in<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let out = buf.get_mut(..word.len())?;
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    // Changing ASCII letters only keeps UTF-8 valid.
    std::str::from_utf8(out).ok()
}

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
/// Columns count characters from the line start. On long lines (minified text, a paragraph
/// with no newline) counting from the start for every position would be quadratic, so long
/// lines carry a checkpoint every `MARK_STRIDE` bytes and a lookup counts from the nearest one.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    marks: Vec<Mark>,
}

/// Column counts at a char boundary inside a long line.
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: usize,
    chars: usize,
    utf16: usize,
}

/// Lines longer than this get checkpoints; shorter ones are counted directly.
const MARK_STRIDE: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // Sized exactly: grown by doubling, a 50 MB file's index held twice the room it needs
        // for as long as the file is checked.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let mut starts = Vec::with_capacity(lines + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut marks = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            if end - start > MARK_STRIDE {
                Self::mark_line(text, start, end, &mut marks);
            }
        }
        LineIndex { starts, marks }
    }

    fn mark_line(text: &str, start: usize, end: usize, marks: &mut Vec<Mark>) {
        let (mut chars, mut utf16) = (0, 0);
        let mut next = start + MARK_STRIDE;
        for (i, c) in text.get(start..end).unwrap_or("").char_indices() {
            let at = start + i;
            if at >= next {
                marks.push(Mark {
                    offset: at,
                    chars,
                    utf16,
                });
                next = at + MARK_STRIDE;
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
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

    /// 0-based line, and the (chars, UTF-16 units) before `offset` on that line.
    fn position(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let line_start = self.line_start(line);
        let (from, mut chars, mut utf16) = match self.marks.partition_point(|m| m.offset <= offset)
        {
            0 => (line_start, 0, 0),
            i => match self.marks.get(i - 1) {
                Some(m) if m.offset >= line_start => (m.offset, m.chars, m.utf16),
                _ => (line_start, 0, 0),
            },
        };
        for c in text.get(from..offset).unwrap_or("").chars() {
            chars += 1;
            utf16 += c.len_utf16();
        }
        (line, chars, utf16)
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, chars, _) = self.position(text, offset);
        (line + 1, chars + 1)
    }

    pub fn line_col_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, _, utf16) = self.position(text, offset);
        (line + 1, utf16 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lowercase_in_is_to_ascii_lowercase_on_the_stack() {
        let mut words: Vec<String> = vec!["".into(), "MAYBE".into(), "Çafé".into(), "İs".into()];
        for text in crate::fixture_texts() {
            words.extend(text.split_whitespace().map(String::from));
        }
        for w in &words {
            let mut buf = [0u8; 16];
            let got = ascii_lowercase_in(w, &mut buf);
            if w.len() <= 16 {
                assert_eq!(got, Some(w.to_ascii_lowercase().as_str()), "{w:?}");
            } else {
                assert_eq!(got, None, "{w:?}");
            }
        }
    }

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
    fn long_lines_use_checkpoints_and_agree_with_counting() {
        let line = "a€𝄞 ".repeat(2000);
        let text = format!("short\n{line}\nend");
        let f = SourceFile::new("a", text.clone());
        for (off, _) in text.char_indices().step_by(97) {
            let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..off];
            let line_no = text[..off].matches('\n').count() + 1;
            assert_eq!(f.line_col(off), (line_no, before.chars().count() + 1));
            let u16: usize = before.chars().map(char::len_utf16).sum();
            assert_eq!(f.line_col_utf16(off), (line_no, u16 + 1));
        }
    }

    #[test]
    fn columns_on_a_long_mixed_width_line_match_counting() {
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
