//! Findings: what a rule reports, as plain data, and how miette renders it.
//!
//! Rules produce [`Finding`]s; the report stage converts them to the JSON contract or hands
//! them to miette through [`FindingDiagnostic`]. Nothing here prints.

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A label on the exact words that made a rule fire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// The sentence or citation at fault.
    pub span: Span,
    pub help: Option<String>,
    pub labels: Vec<Label>,
}

impl Finding {
    pub fn new(rule: &str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            message: message.into(),
            span,
            help: None,
            labels: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }
}

/// A finding with the file it points into, ready for miette's renderers.
pub struct FindingDiagnostic<'a> {
    pub finding: &'a Finding,
    pub source: &'a dyn miette::SourceCode,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("finding", self.finding)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl miette::Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let f = self.finding;
        // The sentence itself is underlined unlabelled when no label lies inside it: miette
        // cannot draw labels nested inside another span of the same line, and stacks them all
        // at the end of the outer one, so the labels on the exact words win.
        let mut labels: Vec<miette::LabeledSpan> = Vec::new();
        if !f.labels.iter().any(|l| f.span.overlaps(l.span)) {
            labels.push(miette::LabeledSpan::new_with_span(None, f.span));
        } else {
            // Empty marks at the sentence's ends keep the whole sentence in the snippet.
            for at in [f.span.start, f.span.end] {
                if !f.labels.iter().any(|l| l.span.contains_offset(at)) {
                    labels.push(miette::LabeledSpan::new_with_span(
                        None,
                        miette::SourceSpan::new(at.into(), 0),
                    ));
                }
            }
        }
        labels.extend(
            f.labels
                .iter()
                .map(|l| miette::LabeledSpan::new_with_span(Some(l.text.clone()), l.span)),
        );
        Some(Box::new(labels.into_iter()))
    }
}
