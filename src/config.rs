//! `citecheck.toml`: the settings of a check.
//!
//! Layered defaults < file < flags: [`Config::default`] is the built-in layer, [`load`] reads
//! the file (found by [`discover`] walking up from the working folder, or named by
//! `--config`), and the CLI lays its flags over the result. A broken file becomes a
//! [`ConfigError`], a miette diagnostic that points at the offending key or value and lists
//! what would have been valid. Applying per-glob ignores and flags to a file is the CLI's job;
//! suppression comments are `suppress`'s.

use crate::diagnostics::Severity;
use jiff::civil::Date;
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for in the working folder and its parents.
pub const FILE_NAME: &str = "citecheck.toml";

/// Extensions walked by default (explicitly named files are checked whatever their extension).
pub const DEFAULT_EXTENSIONS: [&str; 4] = ["md", "markdown", "mdx", "txt"];

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
    /// The canonical name for `name` (case-insensitive, spacing ignored), or `name` itself.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        for e in &self.registry {
            if same_name(&e.name, name) || e.aliases.iter().any(|a| same_name(a, name)) {
                return &e.name;
            }
        }
        name
    }

    /// Whether `name` (or an alias of the same source) is on the allow list; `None` when there
    /// is no allow list.
    pub fn is_allowed(&self, name: &str) -> Option<bool> {
        if self.allow.is_empty() {
            return None;
        }
        let c = self.canonical(name);
        Some(self.allow.iter().any(|a| same_name(self.canonical(a), c)))
    }

    /// The deny-list entry that `name` (or an alias of the same source) matches.
    pub fn denied(&self, name: &str) -> Option<&str> {
        let c = self.canonical(name);
        self.deny
            .iter()
            .find(|d| same_name(self.canonical(d), c))
            .map(String::as_str)
    }
}

/// Source names compare case-insensitively, with runs of whitespace counting as one space.
fn same_name(a: &str, b: &str) -> bool {
    let mut x = a.split_whitespace();
    let mut y = b.split_whitespace();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.to_lowercase() == q.to_lowercase() => {}
            _ => return false,
        }
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
    /// Publication date for articles that name none (`2025-08-11`, quoted or not).
    #[serde(default, deserialize_with = "de_date")]
    pub published: Option<Date>,
    /// `stale-citation`: the maximum age of a citation at publication, in days.
    #[serde(default)]
    pub max_age_days: Option<u32>,
}

/// Which files a folder walk picks up.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FilesConfig {
    /// File extensions to check, without the dot.
    #[serde(default = "default_extensions")]
    pub extensions: Vec<String>,
    /// When non-empty, only files matching one of these globs are checked.
    #[serde(default)]
    pub include: Vec<String>,
    /// Files matching one of these globs are never checked.
    #[serde(default)]
    pub exclude: Vec<String>,
}

fn default_extensions() -> Vec<String> {
    DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect()
}

impl Default for FilesConfig {
    fn default() -> Self {
        FilesConfig {
            extensions: default_extensions(),
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

/// Everything a check needs to know besides the article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Per-rule level: `"error" | "warning" | "info" | "off"`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Glob → rule codes switched off for the files it matches (plain text has no comments).
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub files: FilesConfig,
    #[serde(default)]
    pub sources: SourcesConfig,
    #[serde(default)]
    pub claims: ClaimsConfig,
    #[serde(default)]
    pub dates: DatesConfig,
    /// `--published`: overrides every other source of the publication date.
    #[serde(skip)]
    pub published_flag: Option<Date>,
    /// `--today`: the date the rules take for today, in place of the clock's.
    #[serde(skip)]
    pub today_flag: Option<Date>,
}

impl Config {
    /// Today: `--today`, or the clock's date. Only rules that have no publication date to go
    /// by read it (`citation-after-publication`, `stale-citation`).
    pub fn today(&self) -> Date {
        self.today_flag
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }

    /// The level a rule runs at: configured, or its default.
    pub fn level(&self, code: &str) -> Level {
        if let Some(l) = self.rules.get(code) {
            return *l;
        }
        crate::rules::find(code).map_or(Level::Off, |r| r.default_level())
    }

    /// Whether a rule runs at all.
    pub fn enabled(&self, code: &str) -> bool {
        self.level(code) != Level::Off
    }
}

/// Accepts a TOML date (`2025-08-11`) or a string holding one.
fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Raw::deserialize(d)? {
        Raw::Toml(dt) => dt.to_string(),
        Raw::Text(s) => s,
    };
    match crate::dates::parse_calendar_date(&text) {
        Some(date) => Ok(Some(date)),
        None => Err(serde::de::Error::custom(format!(
            "expected a date such as 2025-08-11, found `{text}`"
        ))),
    }
}

/// A `citecheck.toml` that cannot be used, pointing into the file.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
    pub help: Option<String>,
    pub span: Option<SourceSpan>,
    pub source_code: Option<NamedSource<String>>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("config-error"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source_code
            .as_ref()
            .map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some("here".to_string()), span),
        )))
    }
}

/// Looks for `citecheck.toml` in `start` and each of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// The config a run in `cwd` uses, and the folder its globs are relative to: the file named
/// by `--config` (relative to `cwd`), else the nearest `citecheck.toml` found by walking up,
/// else the defaults (rooted at `cwd`). Messages name the file relative to `cwd`.
pub fn resolve(cwd: &Path, explicit: Option<&Path>) -> Result<(Config, PathBuf), Box<ConfigError>> {
    let path = match explicit {
        Some(p) => cwd.join(p),
        None => match discover(cwd) {
            Some(p) => p,
            None => return Ok((Config::default(), cwd.to_path_buf())),
        },
    };
    let config = load_as(&path, &shown_from(&path, cwd))?;
    let root = path.parent().map_or(cwd.to_path_buf(), Path::to_path_buf);
    Ok((config, root))
}

/// `path` as seen from `cwd`: relative when it is inside `cwd` or beside one of its parents
/// (a config file found by walking up), as given otherwise.
pub fn shown_from(path: &Path, cwd: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix(cwd) {
        return rest.to_path_buf();
    }
    if let (Some(dir), Some(name)) = (path.parent(), path.file_name())
        && let Ok(below) = cwd.strip_prefix(dir)
    {
        let mut p: PathBuf = below.components().map(|_| "..").collect();
        p.push(name);
        return p;
    }
    path.to_path_buf()
}

/// Reads and validates a config file.
pub fn load(path: &Path) -> Result<Config, Box<ConfigError>> {
    load_as(path, path)
}

/// [`load`], naming the file `shown` in messages (a path relative to the working folder).
pub fn load_as(path: &Path, shown: &Path) -> Result<Config, Box<ConfigError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Box::new(ConfigError {
            path: shown.to_path_buf(),
            message: format!("could not read the config file: {e}"),
            help: None,
            span: None,
            source_code: None,
        })
    })?;
    parse(shown, &text)
}

/// Parses and validates config text; `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Config, Box<ConfigError>> {
    let fail = |message: String, help: Option<String>, span: Option<std::ops::Range<usize>>| {
        Box::new(ConfigError {
            path: path.to_path_buf(),
            message,
            help,
            span: span.map(|r| SourceSpan::new(r.start.into(), r.end.saturating_sub(r.start))),
            source_code: Some(NamedSource::new(
                path.display().to_string(),
                text.to_string(),
            )),
        })
    };
    let config: Config = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let help = help_for(&message);
        fail(message, help, e.span())
    })?;
    let spans: RawSpans =
        toml::from_str(text).map_err(|e| fail(e.message().to_string(), None, e.span()))?;
    let codes = || {
        crate::rules::RULES
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for key in spans.rules.keys() {
        if crate::rules::find(key.get_ref()).is_none() {
            return Err(fail(
                format!("expected a rule code, found `{}`", key.get_ref()),
                Some(format!("valid rule codes: {}", codes())),
                Some(key.span()),
            ));
        }
    }
    for (glob, list) in &spans.per_file_ignores {
        check_glob(glob).map_err(|m| fail(m, None, Some(glob.span())))?;
        for code in list.get_ref() {
            if crate::rules::find(code.get_ref()).is_none() {
                return Err(fail(
                    format!("expected a rule code, found `{}`", code.get_ref()),
                    Some(format!("valid rule codes: {}", codes())),
                    Some(code.span()),
                ));
            }
        }
    }
    for glob in spans.files.include.iter().chain(&spans.files.exclude) {
        check_glob(glob).map_err(|m| fail(m, None, Some(glob.span())))?;
    }
    Ok(config)
}

fn check_glob(glob: &Spanned<String>) -> Result<(), String> {
    globset::Glob::new(glob.get_ref()).map(|_| ()).map_err(|e| {
        format!(
            "expected a glob such as \"drafts/**\", found `{}` ({})",
            glob.get_ref(),
            e.kind()
        )
    })
}

/// serde's messages name the valid variants and fields already; add the table they belong to.
fn help_for(message: &str) -> Option<String> {
    if message.contains("unknown variant") {
        Some("a rule's level is one of \"error\", \"warning\", \"info\", \"off\"".to_string())
    } else if message.contains("unknown field") {
        Some(
            "top-level tables: [rules], [per-file-ignores], [files], [sources], [claims], [dates]; \
             run `citecheck init` for a commented example"
                .to_string(),
        )
    } else {
        None
    }
}

/// The same file read again, for the spans of keys and values that serde alone cannot check
/// (rule codes and globs are only known to be wrong after parsing).
#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawSpans {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, toml::Value>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    files: RawFiles,
}

#[derive(Deserialize, Default)]
struct RawFiles {
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

/// The commented starter file `citecheck init` writes. Its first line is the ownership marker.
pub const STARTER: &str = r#"# citecheck configuration (written by `citecheck init`).
# Every setting is optional; the values shown commented out are the defaults.
# Docs for each rule: `citecheck explain CODE`.

[files]
# extensions = ["md", "markdown", "mdx", "txt"]
# Globs are matched against paths relative to this file's folder.
# include = ["articles/**"]
exclude = ["drafts/**"]

[rules]
# Per-rule level: "error", "warning", "info" or "off".
# unattributed-claim = "warning"
# stale-citation = "off"

[per-file-ignores]
# Rules switched off for files matching a glob (plain text has no suppression comments).
# "archive/**" = ["unattributed-claim"]

[dates]
# Publication date for articles whose front matter and dateline name none.
# published = 2025-08-11
# stale-citation: the oldest a citation may be at publication, in days.
# max-age-days = 730

[sources]
# Canonical names and the other names they go by.
# registry = [
#   { name = "CNN", aliases = ["CNN Business", "CNN Politics"] },
# ]
# When set, citing any other source is an `unknown-source` finding.
# allow = ["CNN", "Reuters"]
# Citing one of these is a `denied-source` finding.
# deny = ["Wikipedia"]

[claims]
# Extra words that make a sentence a claim (whole words, case-insensitive).
# extra-signals = ["exclusive"]
# Also flag claims that name their source only in prose.
# require-citation = false
"#;

/// The marker that says a `citecheck.toml` was written by `citecheck init`.
pub const STARTER_MARKER: &str = "# citecheck configuration (written by `citecheck init`)";

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConfigError {
        match parse(Path::new("citecheck.toml"), text) {
            Ok(c) => panic!("expected an error, parsed {c:?}"),
            Err(e) => *e,
        }
    }

    fn span_text<'a>(text: &'a str, e: &ConfigError) -> &'a str {
        let s = e.span.expect("error has a span");
        &text[s.offset()..s.offset() + s.len()]
    }

    #[test]
    fn starter_parses_and_carries_marker() {
        let c = parse(Path::new("citecheck.toml"), STARTER).expect("starter parses");
        assert_eq!(c.files.exclude, vec!["drafts/**".to_string()]);
        assert!(STARTER.starts_with(STARTER_MARKER));
    }

    #[test]
    fn full_config_parses() {
        let text = r#"
[rules]
unattributed-claim = "error"
[per-file-ignores]
"archive/**" = ["unattributed-claim"]
[dates]
published = 2025-08-11
max-age-days = 30
[sources]
registry = [{ name = "CNN", aliases = ["CNN Business"] }]
allow = ["CNN"]
deny = ["Wikipedia"]
[claims]
extra-signals = ["exclusive"]
require-citation = true
"#;
        let c = parse(Path::new("c.toml"), text).expect("parses");
        assert_eq!(c.rules.get("unattributed-claim"), Some(&Level::Error));
        assert_eq!(
            c.dates.published.map(|d| d.to_string()).as_deref(),
            Some("2025-08-11")
        );
        assert_eq!(c.dates.max_age_days, Some(30));
        assert_eq!(c.sources.canonical("cnn  business"), "CNN");
        assert_eq!(c.sources.is_allowed("CNN Business"), Some(true));
        assert_eq!(c.sources.is_allowed("Reuters"), Some(false));
        assert_eq!(c.sources.denied("wikipedia"), Some("Wikipedia"));
        assert!(c.claims.require_citation);
    }

    #[test]
    fn quoted_date_is_accepted() {
        let c = parse(Path::new("c"), "[dates]\npublished = \"2025-08-11\"\n").expect("parses");
        assert!(c.dates.published.is_some());
        let e = err("[dates]\npublished = \"soon\"\n");
        assert!(e.message.contains("expected a date"), "{}", e.message);
    }

    #[test]
    fn bad_level_points_at_value_and_lists_levels() {
        let text = "[rules]\nunattributed-claim = \"loud\"\n";
        let e = err(text);
        assert_eq!(span_text(text, &e), "\"loud\"");
        assert!(
            e.message.contains("`error`") && e.message.contains("`off`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn unknown_rule_points_at_key_and_lists_codes() {
        let text = "[rules]\nunatributed-claim = \"off\"\n";
        let e = err(text);
        assert_eq!(span_text(text, &e), "unatributed-claim");
        assert!(
            e.help
                .as_deref()
                .unwrap_or("")
                .contains("unattributed-claim")
        );
    }

    #[test]
    fn unknown_field_points_at_key() {
        let text = "[files]\nexclud = [\"a\"]\n";
        let e = err(text);
        assert_eq!(span_text(text, &e), "exclud");
        assert!(e.message.contains("exclude"), "{}", e.message);
    }

    #[test]
    fn bad_glob_and_code_in_per_file_ignores() {
        let text = "[per-file-ignores]\n\"a/[\" = [\"unattributed-claim\"]\n";
        assert_eq!(span_text(text, &err(text)), "\"a/[\"");
        let text = "[per-file-ignores]\n\"a/**\" = [\"nope\"]\n";
        assert_eq!(span_text(text, &err(text)), "\"nope\"");
    }

    #[test]
    fn discover_walks_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).expect("mkdir");
        assert_eq!(discover(&sub), None);
        std::fs::write(dir.path().join(FILE_NAME), "").expect("write");
        assert_eq!(discover(&sub), Some(dir.path().join(FILE_NAME)));
    }
}
