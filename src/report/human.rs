//! `--format human`: miette's graphical report, one diagnostic per finding.
//!
//! Colour is the caller's decision (a terminal without `NO_COLOR`); snapshots use
//! [`Style::plain`] at a fixed width so they do not depend on the terminal.

use super::FileReport;
use crate::diagnostics::FindingDiagnostic;
use miette::{GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents};
use miette::{SourceCode, SourceSpan, SpanContents};

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    pub fn plain() -> Style {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// Renders every finding of one file. `text` must be the file's text as read.
pub fn render_file(report: &FileReport, text: &str, style: Style) -> String {
    Renderer::new(report.path.clone(), text, style).render(report)
}

/// The renderer of one file's findings, made once for the file: a long file's report comes a
/// window at a time, and each window's findings are drawn from the same line index.
pub struct Renderer<'t> {
    handler: GraphicalReportHandler,
    source: Indexed<'t>,
}

impl<'t> Renderer<'t> {
    /// `text` must be the file's text as read.
    pub fn new(path: String, text: &'t str, style: Style) -> Renderer<'t> {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false)
            .with_context_lines(0)
            // Rule codes and quoted words have hyphens; never break a line inside one.
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
        Renderer {
            handler,
            source: Indexed::new(path, text),
        }
    }

    /// Every finding of `report` (the whole file's, or one window's), in order.
    pub fn render(&self, report: &FileReport) -> String {
        let mut out = String::new();
        for f in report.findings() {
            let diag = FindingDiagnostic {
                finding: &f,
                source: &self.source,
            };
            if self.handler.render_report(&mut out, &diag).is_err() {
                out.push_str(&format!("{}: {}\n", f.rule, f.message));
            }
            out.push('\n');
        }
        out
    }
}

/// The file as miette reads it. miette's own reader counts lines from the start of the text for
/// every snippet, so a 50 MB file with 100,000 findings took hours; this one finds the
/// snippet's lines in an index of line starts and has miette read only those lines, with their
/// line numbers moved back to the file's.
struct Indexed<'t> {
    name: String,
    text: &'t str,
    /// Where each line starts, as miette counts lines (after `\n`, `\r\n` or a lone `\r`).
    starts: Vec<usize>,
}

impl<'t> Indexed<'t> {
    fn new(name: String, text: &'t str) -> Indexed<'t> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one line break, counted at its `\n`.
            if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        Indexed { name, text, starts }
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }
}

impl SourceCode for Indexed<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let len = self.text.len();
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > len {
            return Err(MietteError::OutOfBounds);
        }
        // A line more on each side than miette keeps: what it reads at a span's edges depends
        // on the line break before it (an empty span at a line's start ends there).
        let first = self.line_of(start).saturating_sub(context_lines_before + 1);
        let last = self.line_of(end) + context_lines_after + 2;
        let lo = self.starts.get(first).copied().unwrap_or(0);
        let hi = self.starts.get(last).copied().unwrap_or(len);
        let local = self.text.as_bytes().get(lo..hi).unwrap_or_default();
        let inner = local.read_span(
            &SourceSpan::new((start - lo).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + lo).into(), inner.span().len()),
            inner.line() + first,
            inner.column(),
            // miette counts the line breaks it read from the start of its input.
            inner.line_count() + first,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette's own reader and [`Indexed`] make of `span`, side by side.
    fn both(text: &str, start: usize, len: usize, before: usize, after: usize) -> (String, String) {
        let show = |c: Box<dyn SpanContents<'_> + '_>| {
            format!(
                "{:?} {:?} line {} col {} lines {}",
                String::from_utf8_lossy(c.data()),
                c.span(),
                c.line(),
                c.column(),
                c.line_count()
            )
        };
        let span = SourceSpan::new(start.into(), len);
        let indexed = Indexed::new("x".into(), text);
        let a = text.as_bytes().read_span(&span, before, after).map(show);
        let b = indexed.read_span(&span, before, after).map(show);
        (format!("{a:?}"), format!("{b:?}"))
    }

    #[test]
    fn indexed_reads_every_span_as_miette_does() {
        let texts = [
            "one\ntwo words\n\nthree (x) four\nfive",
            "a\r\nb c\r\n\r\nd e f\r\n",
            "a\rb c\r\rd e f\r",
            "Regulators approved it on Friday after a review, clearing the way\nfor work to \
             begin. It is done (Desk, 2025).\n",
        ];
        for text in texts {
            for start in 0..=text.len() {
                for len in 0..=(text.len() - start).min(24) {
                    if !text.is_char_boundary(start) || !text.is_char_boundary(start + len) {
                        continue;
                    }
                    for (before, after) in [(0, 0), (1, 1), (2, 0)] {
                        let (a, b) = both(text, start, len, before, after);
                        assert_eq!(a, b, "{text:?} at {start}+{len} ({before}, {after})");
                    }
                }
            }
        }
    }
}
