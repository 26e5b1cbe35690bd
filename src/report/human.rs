//! `--format human`: miette's graphical report, one diagnostic per finding.
//!
//! Colour is the caller's decision (a terminal without `NO_COLOR`); snapshots use
//! [`Style::plain`] at a fixed width so they do not depend on the terminal.

use super::FileReport;
use crate::diagnostics::FindingDiagnostic;
use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource};

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
    let source = NamedSource::new(report.path.clone(), text.to_string());
    let mut out = String::new();
    for f in report.findings() {
        let diag = FindingDiagnostic {
            finding: &f,
            source: &source,
        };
        if handler.render_report(&mut out, &diag).is_err() {
            out.push_str(&format!("{}: {}\n", f.rule, f.message));
        }
        out.push('\n');
    }
    out
}
