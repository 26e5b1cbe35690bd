//! Positions of findings beyond the report's start line and column: where each ends, UTF-16
//! columns for SARIF, and the content fingerprint that baselines and SARIF use. Computed
//! while the file's text is still at hand, so renderers that run later do not need it.

use super::FileReport;
use crate::source::SourceFile;

/// Where one diagnostic of a [`FileReport`] starts and ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based line and column (Unicode scalar values) of the end (exclusive).
    pub end_line: usize,
    pub end_column: usize,
    /// 1-based line and column in UTF-16 code units, start and end (exclusive).
    pub start_utf16: (usize, usize),
    pub end_utf16: (usize, usize),
    /// [`crate::baseline::fingerprint`] of the rule and the text under the span.
    pub fingerprint: String,
}

/// One [`Located`] per diagnostic of `report`, in the same order.
pub fn locate(src: &SourceFile, report: &FileReport) -> Vec<Located> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (end_line, end_column) = src.line_col(d.span.end);
            Located {
                end_line,
                end_column,
                start_utf16: src.line_col_utf16(d.span.start),
                end_utf16: src.line_col_utf16(d.span.end),
                fingerprint: crate::baseline::fingerprint(&d.rule, d.span.slice(&src.text)),
            }
        })
        .collect()
}
