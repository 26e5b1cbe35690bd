//! `citecheck.toml`: the settings of a check.
//!
//! Layered defaults < file < flags. Finding and loading the file, and turning a broken one into
//! a diagnostic, live here too; applying per-glob ignores and suppressions is the CLI's job.

use crate::diagnostics::Severity;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// A canonical source name and the other names it goes by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourcesConfig {
    /// Canonical names with aliases ("CNN" and "CNN Business").
    #[serde(default)]
    pub registry: Vec<SourceEntry>,
    /// When non-empty, citing any other source is an `unknown-source` finding.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Citing one of these is a `denied-source` finding.
    #[serde(default)]
    pub deny: Vec<String>,
}

impl SourcesConfig {
    /// The canonical name for `name` (case-insensitive), or `name` itself.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        for e in &self.registry {
            if e.name.eq_ignore_ascii_case(name)
                || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
            {
                return &e.name;
            }
        }
        name
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClaimsConfig {
    /// Extra words that make a sentence a claim (matched as whole words, case-insensitive).
    #[serde(default)]
    pub extra_signals: Vec<String>,
    /// Treat claims that name their source only in prose as unattributed (news desks that
    /// require both).
    #[serde(default)]
    pub require_citation: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DatesConfig {
    /// Publication date for articles that name none.
    #[serde(default)]
    pub published: Option<Date>,
    /// `stale-citation`: the maximum age of a citation at publication, in days.
    #[serde(default)]
    pub max_age_days: Option<u32>,
}

/// Everything a check needs to know besides the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Per-rule level: `"error" | "warning" | "info" | "off"`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    #[serde(default)]
    pub sources: SourcesConfig,
    #[serde(default)]
    pub claims: ClaimsConfig,
    #[serde(default)]
    pub dates: DatesConfig,
    /// `--published`: overrides every other source of the publication date.
    #[serde(skip)]
    pub published_flag: Option<Date>,
}
