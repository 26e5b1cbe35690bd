//! Reports: the plain data of the JSON contract, and the renderers that print it.
//!
//! [`FileReport`] is one file's part of `../shared/CONTRACT.md`, built from an analysed
//! [`Article`] and its findings; [`Report`] is the whole document. Renderers (`json`, `human`,
//! …) turn reports into text; writing it anywhere is the CLI's job.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod ledger;
pub mod located;
pub mod pretty;
pub mod sarif;
pub mod spill;
pub mod statistics;

use crate::Article;
use crate::PublishedFrom;
use crate::claims::{ClaimStatus, SignalKind};
use crate::diagnostics::{Finding, Label, Severity};
use crate::parse::CitationKind;
use crate::source::{SourceFile, Span};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The contract's version: bump on a rename or removal, never for an addition.
pub const CONTRACT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateOut {
    pub text: String,
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceOut {
    pub name: String,
    pub date: Option<DateOut>,
    pub locator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitationOut {
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub kind: CitationKind,
    pub sources: Vec<SourceOut>,
    pub claim: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimOut {
    pub span: Span,
    pub text: String,
    pub status: ClaimStatus,
    pub citations: Vec<usize>,
    pub signals: Vec<SignalKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticOut {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub help: Option<String>,
    pub labels: Vec<Label>,
}

/// One checked file, as the contract lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub path: String,
    pub published: Option<String>,
    pub published_from: Option<PublishedFrom>,
    pub citations: Vec<CitationOut>,
    pub claims: Vec<ClaimOut>,
    pub diagnostics: Vec<DiagnosticOut>,
}

/// What a [`FileReport`] is built from: the parts of an [`Article`] that the contract reports.
pub struct ReportParts<'a> {
    pub source: &'a SourceFile,
    pub published: Option<crate::Published>,
    pub citations: &'a [crate::parse::Citation],
    pub claims: &'a [crate::claims::Claim],
    pub claim_of_citation: &'a [Option<usize>],
}

impl FileReport {
    pub fn new(article: &Article, findings: Vec<Finding>) -> FileReport {
        FileReport::from_parts(
            ReportParts {
                source: article.source,
                published: article.published,
                citations: &article.citations,
                claims: &article.claims,
                claim_of_citation: &article.claim_of_citation,
            },
            findings,
        )
    }

    /// [`FileReport::new`] from the parts alone, so that a caller can let go of the rest of
    /// the article (prose mask, sentences, analyses, pairs) before the report copies text.
    pub fn from_parts(article: ReportParts<'_>, findings: Vec<Finding>) -> FileReport {
        let src = article.source;
        let text = &src.text;
        let citations = map_in_order(article.citations, |i, c| {
            let (line, column) = src.line_col(c.span.start);
            CitationOut {
                span: c.span,
                line,
                column,
                text: c.span.slice(text).to_string(),
                kind: c.kind,
                sources: c
                    .sources
                    .iter()
                    .map(|s| SourceOut {
                        name: s.name.clone(),
                        date: s.date.as_ref().and_then(|d| {
                            (d.date.precision != crate::dates::Precision::Undated).then(|| {
                                DateOut {
                                    text: d.text.clone(),
                                    year: d.date.year,
                                    month: d.date.month,
                                    day: d.date.day,
                                }
                            })
                        }),
                        locator: s.locator.clone(),
                    })
                    .collect(),
                claim: article.claim_of_citation.get(i).copied().flatten(),
            }
        });
        let claims = map_in_order(article.claims, |_, c| {
            let mut signals: Vec<SignalKind> = Vec::new();
            for s in &c.signals {
                if !signals.contains(&s.kind) {
                    signals.push(s.kind);
                }
            }
            ClaimOut {
                span: c.span,
                text: c.span.slice(text).to_string(),
                status: c.status,
                citations: c.citations.clone(),
                signals,
            }
        });
        FileReport {
            path: src.path.clone(),
            published: article.published.map(|p| p.date.to_string()),
            published_from: article.published.map(|p| p.from),
            citations,
            claims,
            diagnostics: if findings.len() >= PARALLEL_ITEMS {
                findings
                    .into_par_iter()
                    .map(|f| diagnostic_out(src, f))
                    .collect()
            } else {
                findings
                    .into_iter()
                    .map(|f| diagnostic_out(src, f))
                    .collect()
            },
        }
    }

    /// The findings back as plain [`Finding`]s (for the human renderer, baselines, …).
    pub fn findings(&self) -> impl Iterator<Item = Finding> + '_ {
        self.diagnostics.iter().map(|d| Finding {
            rule: d.rule.clone(),
            severity: d.severity,
            message: d.message.clone(),
            span: d.span,
            help: d.help.clone(),
            labels: d.labels.clone(),
        })
    }
}

/// Items of a report part from which it is built on the thread pool: copying the quoted text
/// of a 50 MB article's claims and findings was a tenth of a second on one thread.
const PARALLEL_ITEMS: usize = 4096;

/// `items` mapped by `f` (with their index) in order, on the pool when they are many.
fn map_in_order<T: Sync, U: Send>(items: &[T], f: impl Fn(usize, &T) -> U + Sync) -> Vec<U> {
    if items.len() >= PARALLEL_ITEMS {
        items.par_iter().enumerate().map(|(i, t)| f(i, t)).collect()
    } else {
        items.iter().enumerate().map(|(i, t)| f(i, t)).collect()
    }
}

fn diagnostic_out(src: &SourceFile, f: Finding) -> DiagnosticOut {
    let (line, column) = src.line_col(f.span.start);
    DiagnosticOut {
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        span: f.span,
        line,
        column,
        help: f.help,
        labels: f.labels,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub files: usize,
    pub citations: usize,
    pub claims: usize,
    pub unattributed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    /// The counts of one file (`files` stays 0: the whole report sets it).
    pub fn of(f: &FileReport) -> Summary {
        let mut s = Summary {
            citations: f.citations.len(),
            claims: f.claims.len(),
            unattributed: f
                .claims
                .iter()
                .filter(|c| c.status == ClaimStatus::Unattributed)
                .count(),
            ..Summary::default()
        };
        for d in &f.diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    pub fn add(&mut self, other: &Summary) {
        self.files += other.files;
        self.citations += other.citations;
        self.claims += other.claims;
        self.unattributed += other.unattributed;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// The whole JSON document of the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub tool: ToolInfo,
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

impl Report {
    /// Files must already be in path order.
    pub fn new(files: Vec<FileReport>) -> Report {
        let mut summary = Summary::default();
        for f in &files {
            summary.add(&Summary::of(f));
        }
        summary.files = files.len();
        Report {
            version: CONTRACT_VERSION,
            tool: ToolInfo {
                name: env!("CARGO_PKG_NAME").to_string(),
                version: env!("CARGO_PKG_VERSION").to_string(),
            },
            files,
            summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn a_report_built_on_the_pool_keeps_the_articles_order() {
        // Every other sentence cited: enough citations, claims and findings for the pool.
        let n = 2 * PARALLEL_ITEMS + 200;
        let text: String = (0..n)
            .map(|i| match i % 2 {
                0 => format!("Freight rose {i}% (Port Authority, May 2025). "),
                _ => format!("Freight rose {i}% in May. "),
            })
            .collect();
        let src = SourceFile::new("a.txt", text.as_str());
        let rep = crate::check(&src, &Config::default());
        assert!(rep.citations.len() >= PARALLEL_ITEMS && rep.diagnostics.len() >= PARALLEL_ITEMS);
        assert_eq!(rep.claims.len(), n);
        for pair in rep.claims.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
        for c in &rep.claims {
            assert_eq!(c.text, c.span.slice(&text));
        }
        for (i, c) in rep.citations.iter().enumerate() {
            assert_eq!(c.text, c.span.slice(&text));
            assert_eq!((c.line, c.column), src.line_col(c.span.start));
            let claim = c.claim.and_then(|k| rep.claims.get(k));
            assert!(
                claim.is_some_and(|k| k.citations.contains(&i)),
                "citation {i}"
            );
        }
        for pair in rep.diagnostics.windows(2) {
            assert!(pair[0].span.start <= pair[1].span.start);
        }
        for d in &rep.diagnostics {
            assert_eq!((d.line, d.column), src.line_col(d.span.start));
        }
    }
}
