//! The rule registry.
//!
//! A rule is a type in its own file implementing [`Rule`]; [`RULES`] lists them all. Rules read
//! the analysed [`Article`] and push [`Finding`]s at their default severity (or lower, when they
//! cannot be sure); [`run`] applies the configured levels and orders the findings. Suppressions,
//! baselines and `--select`/`--ignore` are applied later by the CLI.

use crate::Article;
use crate::config::Level;
use crate::diagnostics::Finding;
use rayon::prelude::*;

mod affiliation_as_source;
mod attribution_mismatch;
mod citation_after_publication;
mod citation_before_event;
mod conflicting_citation_dates;
mod denied_source;
mod detached_citation;
mod inconsistent_date_format;
mod invalid_citation_date;
mod malformed_citation;
mod reference_missing;
mod reference_unused;
mod reference_year_mismatch;
mod stale_citation;
pub(crate) mod support;
#[cfg(test)]
mod testing;
mod unattributed_claim;
mod unknown_source;
mod unused_suppression;

pub use affiliation_as_source::AffiliationAsSource;
pub use attribution_mismatch::AttributionMismatch;
pub use citation_after_publication::CitationAfterPublication;
pub use citation_before_event::CitationBeforeEvent;
pub use conflicting_citation_dates::ConflictingCitationDates;
pub use denied_source::DeniedSource;
pub use detached_citation::DetachedCitation;
pub use inconsistent_date_format::InconsistentDateFormat;
pub use invalid_citation_date::InvalidCitationDate;
pub use malformed_citation::MalformedCitation;
pub use reference_missing::ReferenceMissing;
pub use reference_unused::ReferenceUnused;
pub use reference_year_mismatch::ReferenceYearMismatch;
pub use stale_citation::StaleCitation;
pub use unattributed_claim::UnattributedClaim;
pub use unknown_source::UnknownSource;
pub use unused_suppression::UnusedSuppression;

/// One check.
pub trait Rule: Sync {
    /// The stable kebab-case code (`unattributed-claim`).
    fn code(&self) -> &'static str;
    /// The level when the config says nothing.
    fn default_level(&self) -> Level;
    /// One line: what it flags.
    fn summary(&self) -> &'static str;
    /// Markdown with the sections What it does / Why it matters / Example / How to fix.
    fn docs(&self) -> &'static str;
    fn check(&self, article: &Article, out: &mut Vec<Finding>);
    /// Whether `check` reads claims' prose through `support::claim_prose`: a long article's
    /// prose is then read on the pool before the rules run.
    fn reads_claim_prose(&self) -> bool {
        false
    }
}

/// Every rule, in the order `citecheck explain` lists them.
pub static RULES: &[&dyn Rule] = &[
    &UnattributedClaim,
    &InvalidCitationDate,
    &MalformedCitation,
    &CitationAfterPublication,
    &CitationBeforeEvent,
    &InconsistentDateFormat,
    &ConflictingCitationDates,
    &AttributionMismatch,
    &AffiliationAsSource,
    &DetachedCitation,
    &StaleCitation,
    &UnknownSource,
    &DeniedSource,
    &UnusedSuppression,
    &ReferenceMissing,
    &ReferenceUnused,
    &ReferenceYearMismatch,
];

/// Looks a rule up by code.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.code() == code)
}

/// A rule's level for this article: its config's, else its default.
fn level(article: &Article, rule: &dyn Rule) -> Level {
    article
        .config
        .rules
        .get(rule.code())
        .copied()
        .unwrap_or(rule.default_level())
}

/// Runs every enabled rule over the article; findings come back in span order.
pub fn run(article: &Article) -> Vec<Finding> {
    let one = |rule: &&'static dyn Rule| -> Vec<Finding> {
        let configured = article.config.rules.get(rule.code()).copied();
        if level(article, *rule) == Level::Off {
            return Vec::new();
        }
        let mut out = Vec::new();
        rule.check(article, &mut out);
        if let Some(sev) = configured.and_then(Level::severity) {
            for f in &mut out {
                f.severity = sev;
            }
        }
        out
    };
    // Rules read the article and nothing else, so a long one runs them side by side; the
    // findings are joined in rule order either way, which keeps the stable sort below
    // deterministic.
    let per_rule: Vec<Vec<Finding>> = if article.sentences.len() >= crate::PARALLEL_SENTENCES {
        // The date rules share each cited claim's prose reading (`support::claim_prose`); read
        // them all on the pool first, or the first rule to ask reads them one by one while the
        // others wait.
        if RULES
            .iter()
            .any(|r| r.reads_claim_prose() && level(article, *r) != Level::Off)
        {
            support::fill_prose_cache(article);
        }
        RULES.par_iter().map(one).collect()
    } else {
        RULES.iter().map(one).collect()
    };
    // Sized up front: findings are large, and a growing vector's spare room is most of it.
    let mut all: Vec<Finding> = Vec::with_capacity(per_rule.iter().map(Vec::len).sum());
    all.extend(per_rule.into_iter().flatten());
    all.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    all
}
