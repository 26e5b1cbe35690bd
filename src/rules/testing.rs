//! Helpers for the rules' unit tests: run one rule on an article through the real pipeline
//! (`crate::analyse`: document, segmenter, parser, claims and pairing), so that a rule is
//! tested on what the stages before it really produce. A publication date comes from the text
//! itself, as in a real article: [`dated`] puts a dateline on top.
//!
//! What the helpers leave to others: configured severities and the order of findings
//! (`rules::run`), suppressions (`suppress`) and the stages' own behaviour, each tested in its
//! module.

use super::Rule;
use crate::PublishedFrom;
use crate::config::Config;
use crate::diagnostics::Finding;
use crate::source::SourceFile;

/// Runs one rule on `text` through the real pipeline, as a `.txt` file with the default config.
pub fn run_real(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    run_real_with(rule, "a.txt", text, &Config::default())
}

/// Runs one rule on `text` through the real pipeline, read as the file `path` (its extension
/// picks Markdown or plain text) with `config`.
pub fn run_real_with(rule: &dyn Rule, path: &str, text: &str, config: &Config) -> Vec<Finding> {
    let src = SourceFile::new(path, text);
    let article = crate::analyse(&src, config);
    let mut out = Vec::new();
    rule.check(&article, &mut out);
    out
}

/// `text` under a dateline, so that the real pipeline publishes it on August 11, 2025.
pub fn dated(text: &str) -> String {
    format!("August 11, 2025\n\n{text}")
}

pub fn codes(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
#[allow(clippy::unwrap_used)]
fn dated_articles_are_published_by_their_dateline() {
    let text = dated("Exports rose (Reuters, July 2025).");
    let src = SourceFile::new("a.txt", text.as_str());
    let config = Config::default();
    let article = crate::analyse(&src, &config);
    let published = article.published.unwrap();
    assert_eq!(published.date, jiff::civil::date(2025, 8, 11));
    assert_eq!(published.from, PublishedFrom::Dateline);
    assert_eq!(article.citations.len(), 1);
    assert_eq!(article.claims.len(), 1, "the dateline is not a claim");
}
