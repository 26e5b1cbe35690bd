//! Windows of a long article: where it may be cut, and each window as an article of its own.
//!
//! [`crate::check_in_parts`] checks a long article a window of blocks at a time. A window is
//! analysed as a small document of its own, with offsets from the start of its text: the
//! lines that hold its blocks, plus the block before and the block after as context (a
//! parenthetical alone under an unpunctuated line is a header note; a quotation is attributed
//! to the speaker on the dash line after it), which the window reads but does not analyse. Its
//! prose is rebuilt from the source and a [`MaskDiff`], so that the run holds the file once
//! rather than the file and its prose mask. Its report's spans and lines are then moved back
//! to the file's ([`Window::place`]). What is compared across windows is the caller's business.

use crate::document::{Block, Document};
use crate::report::FileReport;
use crate::source::{SourceFile, Span};
use std::ops::Range;

/// Where a long document may be cut into windows of about `window_bytes` of source, as ranges
/// of block indexes: before any block that does not open with `(`. Nothing the analysis reads
/// crosses such a cut but the context blocks each window carries: a sentence, citation or
/// claim never crosses a block, and only a parenthetical opening a block backs the sentence
/// before it. Articles with suppression comments or a reference list, whose rules read across
/// all of the text, come back as one window.
pub(crate) fn cuts(doc: &Document, window_bytes: usize) -> Vec<Range<usize>> {
    if !doc.suppressions.is_empty() || doc.references.is_some() {
        return std::iter::once(0..doc.blocks.len()).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = doc.blocks.first().map_or(0, |b| b.span.start);
    for (i, b) in doc.blocks.iter().enumerate().skip(1) {
        if b.span.start.saturating_sub(from) < window_bytes {
            continue;
        }
        if doc.block_text(b).trim_start().starts_with('(') {
            continue;
        }
        out.push(start..i);
        start = i;
        from = b.span.start;
    }
    out.push(start..doc.blocks.len());
    out
}

/// Where the prose mask differs from the source: runs of bytes and what the mask holds there
/// (spaces for markup, a decoded entity). A window's prose is its source with these applied.
#[derive(Debug, Default)]
pub(crate) struct MaskDiff {
    /// `(start, end, at)` of each run, in order, not overlapping; `at` is where its bytes
    /// start in `bytes`.
    runs: Vec<(usize, usize, usize)>,
    /// The mask's bytes of every run, one after the other.
    bytes: Vec<u8>,
}

impl MaskDiff {
    pub(crate) fn new(source: &str, mask: &str) -> MaskDiff {
        let (s, m) = (source.as_bytes(), mask.as_bytes());
        let mut diff = MaskDiff::default();
        let mut i = 0;
        let len = s.len().min(m.len());
        while i < len {
            // Equal stretches are skipped a block of bytes at a time.
            if let (Some(a), Some(b)) = (s.get(i..i + 64), m.get(i..i + 64))
                && a == b
            {
                i += 64;
                continue;
            }
            if s.get(i) == m.get(i) {
                i += 1;
                continue;
            }
            let start = i;
            while i < len && s.get(i) != m.get(i) {
                i += 1;
            }
            diff.runs.push((start, i, diff.bytes.len()));
            diff.bytes
                .extend_from_slice(m.get(start..i).unwrap_or_default());
        }
        diff
    }

    /// The mask's bytes of `range`, which must start and end on line starts (or the ends of
    /// the text), where source and mask agree on character boundaries.
    fn prose(&self, source: &str, range: Range<usize>) -> String {
        let mut out = source
            .as_bytes()
            .get(range.clone())
            .unwrap_or_default()
            .to_vec();
        let first = self.runs.partition_point(|&(_, end, _)| end <= range.start);
        for &(start, end, at) in self.runs.get(first..).unwrap_or_default() {
            if start >= range.end {
                break;
            }
            let (from, to) = (start.max(range.start), end.min(range.end));
            if let (Some(dst), Some(src)) = (
                out.get_mut(from - range.start..to - range.start),
                self.bytes.get(at + (from - start)..at + (to - start)),
            ) {
                dst.copy_from_slice(src);
            }
        }
        // Line starts are character boundaries of the mask too (`\n` is kept in it), so this
        // is valid UTF-8; were it not, a lossy copy keeps the run going.
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// One window as an article of its own.
pub(crate) struct Window {
    pub source: SourceFile,
    pub doc: Document,
    /// The window's own blocks, as indexes into `doc.blocks` (the rest is context).
    pub blocks: Range<usize>,
    /// Where the window's text starts in the file, and the lines before it.
    start: usize,
    lines_before: usize,
}

impl Window {
    /// The window of the blocks `range` of `doc` (whose prose may already be dropped: it is
    /// rebuilt from `source` and `diff`).
    pub(crate) fn new(
        source: &SourceFile,
        doc: &Document,
        diff: &MaskDiff,
        range: Range<usize>,
    ) -> Window {
        let text = source.text.as_str();
        let first = range.start.saturating_sub(1);
        let last = (range.end + 1).min(doc.blocks.len());
        let blocks: &[Block] = doc.blocks.get(first..last).unwrap_or_default();
        let start = match (range.start, blocks.first()) {
            (0, _) | (_, None) => 0,
            (_, Some(b)) => line_start(text, b.span.start),
        };
        let end = match (last == doc.blocks.len(), blocks.last()) {
            (true, _) | (_, None) => text.len(),
            (false, Some(b)) => line_end(text, b.span.end),
        };
        let local = |s: Span| Span::new(s.start - start, s.end - start);
        let window_doc = Document {
            format: doc.format,
            prose: diff.prose(text, start..end),
            blocks: blocks
                .iter()
                .map(|b| Block {
                    kind: b.kind,
                    span: local(b.span),
                })
                .collect(),
            front_matter: None,
            dateline: None,
            references: None,
            suppressions: Vec::new(),
        };
        Window {
            source: SourceFile::new(source.path.clone(), text.get(start..end).unwrap_or("")),
            doc: window_doc,
            blocks: range.start - first..range.end - first,
            start,
            lines_before: source.line_col(start).0 - 1,
        }
    }

    /// Moves the window's report to the file's offsets and lines.
    pub(crate) fn place(&self, rep: &mut FileReport) {
        let shift = |s: &mut Span| *s = Span::new(s.start + self.start, s.end + self.start);
        for c in &mut rep.citations {
            shift(&mut c.span);
            c.line += self.lines_before;
        }
        for c in &mut rep.claims {
            shift(&mut c.span);
        }
        for d in &mut rep.diagnostics {
            shift(&mut d.span);
            d.line += self.lines_before;
            for l in &mut d.labels {
                shift(&mut l.span);
            }
        }
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(..at)
        .and_then(|b| memchr::memrchr(b'\n', b))
        .map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(at..)
        .and_then(|b| memchr::memchr(b'\n', b))
        .map_or(text.len(), |i| at + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_rebuilt_from_the_source_and_the_runs() {
        let source = "# Title\n\nSome *text* here.\nMore &amp; more.\n";
        let mask = "  Title\n\nSome  text  here.\nMore &     more.\n";
        let diff = MaskDiff::new(source, mask);
        assert_eq!(diff.prose(source, 0..source.len()), mask);
        let second = source.find("More").unwrap_or(0);
        assert_eq!(diff.prose(source, 9..second), &mask[9..second]);
        assert_eq!(diff.prose(source, second..source.len()), &mask[second..]);
    }
}
