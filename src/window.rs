//! Windows of a long article: where it may be cut, and each window as an article of its own.
//!
//! [`crate::check_in_parts`] checks a long article a window of blocks at a time. A window is
//! analysed as a small document of its own, with offsets from the start of its text, which
//! runs from the start of the block before its blocks to the end of the block after them:
//! those two are context (a parenthetical alone under an unpunctuated line is a header note; a
//! quotation is attributed to the speaker on the dash line after it), read but not analysed.
//! Its prose is rebuilt from the source and a [`MaskDiff`] ([`ProseStore`]), so that the run
//! holds the file once rather than the file and its prose mask. Its report's spans, lines and
//! columns are then moved back to the file's ([`Window::place`]). What is compared across
//! windows is the caller's business.

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
    /// The diff of `mask` from `source`, or `None` when it would take more room than the mask
    /// (markup-dense text such as long tables: many one-byte runs at 24 bytes each), where
    /// keeping the mask itself is cheaper.
    pub(crate) fn new(source: &str, mask: &str) -> Option<MaskDiff> {
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
            if diff.room() > len {
                return None;
            }
        }
        diff.runs.shrink_to_fit();
        diff.bytes.shrink_to_fit();
        Some(diff)
    }

    fn room(&self) -> usize {
        self.runs.capacity() * std::mem::size_of::<(usize, usize, usize)>() + self.bytes.capacity()
    }

    /// The mask's bytes of `range`, which must start and end where source and mask agree on
    /// character boundaries (a block's ends, the text's).
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
        // A block's ends are character boundaries of the mask as of the source, so this is
        // valid UTF-8; were it not, a lossy copy keeps the run going.
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Where windows read their prose: a diff of the mask from the source, or, where that would
/// not be smaller, the mask itself.
pub(crate) enum ProseStore {
    Diff(MaskDiff),
    Mask(String),
}

impl ProseStore {
    pub(crate) fn new(source: &str, mask: String) -> ProseStore {
        match MaskDiff::new(source, &mask) {
            Some(diff) => ProseStore::Diff(diff),
            None => ProseStore::Mask(mask),
        }
    }

    fn prose(&self, source: &str, range: Range<usize>) -> String {
        match self {
            ProseStore::Diff(diff) => diff.prose(source, range),
            ProseStore::Mask(mask) => mask.get(range).unwrap_or_default().to_string(),
        }
    }
}

/// One window as an article of its own.
pub(crate) struct Window {
    pub source: SourceFile,
    pub doc: Document,
    /// The window's own blocks, as indexes into `doc.blocks` (the rest is context).
    pub blocks: Range<usize>,
    /// Where the window's text starts in the file, the lines before it, and the characters
    /// before it on its first line (which a column on the window's first line leaves out).
    start: usize,
    lines_before: usize,
    columns_before: usize,
}

impl Window {
    /// The window of the blocks `range` of `doc` (whose prose may already be dropped: it is
    /// read from `store`).
    pub(crate) fn new(
        source: &SourceFile,
        doc: &Document,
        store: &ProseStore,
        range: Range<usize>,
    ) -> Window {
        let text = source.text.as_str();
        let first = range.start.saturating_sub(1);
        let last = (range.end + 1).min(doc.blocks.len());
        let blocks: &[Block] = doc.blocks.get(first..last).unwrap_or_default();
        // From the first context block's start to the last one's end: a window's text is
        // bounded by its blocks even where lines are not (a lone-CR file has one `\n` line;
        // a table row holds many cells).
        let start = match (range.start, blocks.first()) {
            (0, _) | (_, None) => 0,
            (_, Some(b)) => b.span.start,
        };
        let end = match (last == doc.blocks.len(), blocks.last()) {
            (true, _) | (_, None) => text.len(),
            (false, Some(b)) => b.span.end,
        };
        let local = |s: Span| Span::new(s.start - start, s.end - start);
        let window_doc = Document {
            format: doc.format,
            prose: store.prose(text, start..end),
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
        let (line, column) = source.line_col(start);
        Window {
            source: SourceFile::new(source.path.clone(), text.get(start..end).unwrap_or("")),
            doc: window_doc,
            blocks: range.start - first..range.end - first,
            start,
            lines_before: line - 1,
            columns_before: column - 1,
        }
    }

    /// Moves the window's report to the file's offsets, lines and columns.
    pub(crate) fn place(&self, rep: &mut FileReport) {
        let shift = |s: &mut Span| *s = Span::new(s.start + self.start, s.end + self.start);
        let moved = |line: &mut usize, column: &mut usize| {
            if *line == 1 {
                *column += self.columns_before;
            }
            *line += self.lines_before;
        };
        for c in &mut rep.citations {
            shift(&mut c.span);
            moved(&mut c.line, &mut c.column);
        }
        for c in &mut rep.claims {
            shift(&mut c.span);
        }
        for d in &mut rep.diagnostics {
            shift(&mut d.span);
            moved(&mut d.line, &mut d.column);
            for l in &mut d.labels {
                shift(&mut l.span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_larger_than_the_mask_is_not_kept() {
        let source = "|a|b|c|d|e|f|g|h|\n";
        let mask = " a b c d e f g h \n";
        assert!(MaskDiff::new(source, mask).is_none());
        assert!(matches!(
            ProseStore::new(source, mask.to_string()),
            ProseStore::Mask(_)
        ));
    }

    #[test]
    fn prose_is_rebuilt_from_the_source_and_the_runs() {
        let source = "# Title\n\nSome *text* here, and a good deal more of it.\n\
                      More &amp; more of the same, at length, to be a plain article.\n";
        let mask = "  Title\n\nSome  text  here, and a good deal more of it.\n\
                    More &     more of the same, at length, to be a plain article.\n";
        let diff = MaskDiff::new(source, mask).expect("a small diff");
        assert_eq!(diff.prose(source, 0..source.len()), mask);
        let second = source.find("More").unwrap_or(0);
        assert_eq!(diff.prose(source, 9..second), &mask[9..second]);
        assert_eq!(diff.prose(source, second..source.len()), &mask[second..]);
    }
}
