//! Trouble with the run itself (not with an article): a file that cannot be read, a missing
//! path, a bad flag, a broken baseline. Each has a stable code, says what was expected and
//! what was found, and is rendered by miette on standard error. Any trouble makes the exit
//! code 2, after every other file has been checked.

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use std::fmt;

/// The codes, for `--format sarif` notifications and for people searching the docs.
pub const IO_ERROR: &str = "io-error";
pub const ENCODING_ERROR: &str = "encoding-error";
pub const USAGE_ERROR: &str = "usage-error";
pub const BASELINE_ERROR: &str = "baseline-error";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trouble {
    pub code: &'static str,
    /// The file or path concerned, as shown to the user.
    pub path: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Trouble {
    pub fn new(code: &'static str, path: Option<String>, message: impl Into<String>) -> Self {
        Trouble {
            code,
            path,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Trouble {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Trouble {}

impl Diagnostic for Trouble {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}

/// Renders any diagnostic about the run for standard error.
pub fn render(diag: &dyn Diagnostic, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        // Rule codes and paths have hyphens; never break a line inside one.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    if handler.render_report(&mut out, diag).is_err() {
        out = format!("citecheck: error: {diag}\n");
    }
    out
}
