//! The rule registry is complete and every rule is exercised:
//!
//! - codes are unique and kebab-case, and every rule has a summary and docs with the sections
//!   What it does / Why it matters / Example / How to fix, in that order;
//! - every rule in `RULES` has a folder `tests/fixtures/<code>/` with a fixture that makes it
//!   fire and one where it stays quiet, checked by running `citecheck::check` on them (with the
//!   fixture's `<name>.citecheck.toml` sidecar config when there is one);
//! - the date and attribution fixtures are single-change variants of a base article, and each
//!   adds findings of its own rule and of no other date or attribution rule;
//! - on the seed article in `../shared/seeds` (skipped when absent) no date rule fires and
//!   `affiliation-as-source` notes exactly the Fudan University and Atlantic Council citations.

mod common;

use citecheck::config::{Config, Level};
use citecheck::diagnostics::Finding;
use citecheck::report::FileReport;
use citecheck::rules::RULES;
use citecheck::source::SourceFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SECTIONS: [&str; 4] = [
    "## What it does",
    "## Why it matters",
    "## Example",
    "## How to fix",
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn config_for(path: &Path) -> Config {
    let sidecar = path.with_extension("citecheck.toml");
    match std::fs::read_to_string(&sidecar) {
        Ok(text) => toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: invalid sidecar config: {e}", sidecar.display())),
        Err(_) => Config::default(),
    }
}

fn check_file(path: &Path) -> (SourceFile, FileReport) {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let src = SourceFile::from_bytes(name, bytes)
        .unwrap_or_else(|e| panic!("{}: not a text fixture: {e}", path.display()));
    let rep = citecheck::check(&src, &config_for(path));
    (src, rep)
}

fn articles_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn is_kebab_case(code: &str) -> bool {
    !code.is_empty()
        && !code.starts_with('-')
        && !code.ends_with('-')
        && !code.contains("--")
        && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

#[test]
fn codes_are_unique_kebab_case_and_documented() {
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in RULES {
        let code = r.code();
        if !seen.insert(code) {
            problems.push(format!("`{code}`: registered twice in RULES"));
        }
        if !is_kebab_case(code) {
            problems.push(format!(
                "`{code}`: expected a kebab-case code (lowercase words joined by single dashes)"
            ));
        }
        if r.summary().trim().is_empty() {
            problems.push(format!("`{code}`: summary() is empty"));
        }
        let docs = r.docs();
        let mut last = 0;
        for s in SECTIONS {
            match docs.find(s) {
                None => problems.push(format!("`{code}`: docs lack the section `{s}`")),
                Some(at) if at < last => problems.push(format!(
                    "`{code}`: docs section `{s}` is out of order (expected {SECTIONS:?})"
                )),
                Some(at) => last = at,
            }
        }
        if !docs.contains("```") {
            problems.push(format!("`{code}`: docs have no example in a fenced block"));
        }
    }
    assert!(
        problems.is_empty(),
        "rule registry problems:\n  {}",
        problems.join("\n  ")
    );
}

/// Which fixtures of a rule's folder make it fire.
fn exercise(code: &str) -> Result<(), String> {
    let dir = fixtures_dir().join(code);
    if !dir.is_dir() {
        return Err(format!(
            "`{code}`: no fixture folder tests/fixtures/{code}/ (add one article that makes it \
             fire and one where it stays quiet)"
        ));
    }
    let files = articles_in(&dir);
    if files.is_empty() {
        return Err(format!(
            "`{code}`: tests/fixtures/{code}/ holds no .md or .txt article"
        ));
    }
    let default_off = RULES
        .iter()
        .find(|r| r.code() == code)
        .is_some_and(|r| r.default_level() == Level::Off);
    let mut firing = Vec::new();
    let mut quiet = Vec::new();
    for f in &files {
        let (_, rep) = check_file(f);
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if rep.diagnostics.iter().any(|d| d.rule == code) {
            firing.push(name);
        } else {
            quiet.push(name);
        }
    }
    match (firing.is_empty(), quiet.is_empty()) {
        (true, _) => Err(format!(
            "`{code}`: no fixture in tests/fixtures/{code}/ makes it fire (checked {}){}",
            quiet.join(", "),
            if default_off {
                "; it is off by default, so the fixture needs a sidecar <name>.citecheck.toml \
                 that switches it on"
            } else {
                ""
            }
        )),
        (false, true) => Err(format!(
            "`{code}`: every fixture in tests/fixtures/{code}/ makes it fire ({}); add one \
             where it stays quiet",
            firing.join(", ")
        )),
        (false, false) => Ok(()),
    }
}

#[test]
fn every_rule_fires_and_stays_quiet_in_its_own_fixtures() {
    let mut problems = Vec::new();
    for r in RULES {
        let code = r.code();
        if let Err(e) = exercise(code) {
            problems.push(e);
        }
    }
    assert!(
        problems.is_empty(),
        "rules without fixtures that exercise them:\n  {}",
        problems.join("\n  ")
    );
}

/// The date and attribution rules, and the parser's date rules: a single-change variant must
/// change the counts of exactly the rule it is about.
const DATE_AND_ATTRIBUTION_RULES: &[&str] = &[
    "citation-after-publication",
    "citation-before-event",
    "inconsistent-date-format",
    "conflicting-citation-dates",
    "attribution-mismatch",
    "affiliation-as-source",
    "stale-citation",
    "invalid-citation-date",
    "malformed-citation",
];

fn counts(path: &Path) -> BTreeMap<String, i64> {
    let (_, rep) = check_file(path);
    let mut m = BTreeMap::new();
    for d in &rep.diagnostics {
        if DATE_AND_ATTRIBUTION_RULES.contains(&d.rule.as_str()) {
            *m.entry(d.rule.clone()).or_insert(0) += 1;
        }
    }
    m
}

#[test]
fn single_change_variants_fire_only_their_rule() {
    const FISH: &str = "citation-after-publication/quiet.txt";
    const TRANSIT: &str = "citation-before-event/quiet.md";
    // (variant, the article it changes, the rule whose count changes, by how much)
    let cases: &[(&str, &str, &str, i64)] = &[
        (
            "citation-after-publication/fires-october.txt",
            FISH,
            "citation-after-publication",
            1,
        ),
        (
            "citation-after-publication/fires-year-typo.md",
            TRANSIT,
            "citation-after-publication",
            1,
        ),
        (
            "citation-after-publication/quiet-same-month.txt",
            FISH,
            "",
            0,
        ),
        (
            "citation-before-event/fires-expired.txt",
            FISH,
            "citation-before-event",
            1,
        ),
        (
            "citation-before-event/fires-record-month.md",
            TRANSIT,
            "citation-before-event",
            1,
        ),
        (
            "inconsistent-date-format/fires-abbreviated.txt",
            FISH,
            "inconsistent-date-format",
            1,
        ),
        (
            "inconsistent-date-format/fires-iso.md",
            TRANSIT,
            "inconsistent-date-format",
            1,
        ),
        (
            "conflicting-citation-dates/fires-prose-date.txt",
            FISH,
            "conflicting-citation-dates",
            1,
        ),
        (
            "conflicting-citation-dates/quiet-prose-date.txt",
            FISH,
            "",
            0,
        ),
        (
            "conflicting-citation-dates/fires-two-dates.md",
            TRANSIT,
            "conflicting-citation-dates",
            1,
        ),
        (
            "attribution-mismatch/fires-outlet.txt",
            FISH,
            "attribution-mismatch",
            1,
        ),
        (
            "attribution-mismatch/fires-subject.md",
            TRANSIT,
            "attribution-mismatch",
            1,
        ),
        (
            "attribution-mismatch/fires-without-alias.md",
            TRANSIT,
            "attribution-mismatch",
            1,
        ),
        ("attribution-mismatch/quiet-alias.md", TRANSIT, "", 0),
        ("attribution-mismatch/quiet-acronym.md", TRANSIT, "", 0),
        (
            "affiliation-as-source/quiet.md",
            TRANSIT,
            "affiliation-as-source",
            -1,
        ),
        (
            "affiliation-as-source/fires-possessive.md",
            "affiliation-as-source/quiet.md",
            "affiliation-as-source",
            1,
        ),
        ("stale-citation/quiet-default-off.txt", FISH, "", 0),
        (
            "stale-citation/fires.txt",
            "stale-citation/quiet.txt",
            "stale-citation",
            1,
        ),
    ];
    let dir = fixtures_dir();
    let mut problems = Vec::new();
    for &(variant, base, rule, delta) in cases {
        let mut want = counts(&dir.join(base));
        if !rule.is_empty() {
            *want.entry(rule.to_string()).or_insert(0) += delta;
            want.retain(|_, n| *n != 0);
        }
        let got = counts(&dir.join(variant));
        if got != want {
            problems.push(format!(
                "{variant}: expected {want:?} (the counts of {base}, with {rule} {delta:+}), \
                 found {got:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn seed_findings() -> Option<Vec<Finding>> {
    let dir = common::shared_dir()?.join("seeds");
    let mut out = Vec::new();
    for f in articles_in(&dir) {
        let (src, rep) = check_file(&f);
        out.extend(rep.diagnostics.into_iter().map(|d| {
            // Keep the cited text in the message's place, so a failure names the citation.
            let text = src
                .text
                .get(d.span.start..d.span.end)
                .unwrap_or("")
                .to_string();
            Finding::new(&d.rule, d.severity, d.span, text)
        }));
    }
    (!out.is_empty() || dir.is_dir()).then_some(out)
}

#[test]
fn seed_article_has_no_date_findings_and_two_affiliation_notes() {
    let Some(findings) = seed_findings() else {
        eprintln!("skipped: ../shared/seeds is absent");
        return;
    };
    let dated: Vec<String> = findings
        .iter()
        .filter(|f| {
            DATE_AND_ATTRIBUTION_RULES.contains(&f.rule.as_str())
                && f.rule != "affiliation-as-source"
        })
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(
        dated.is_empty(),
        "expected no date or attribution findings on the seed, found:\n  {}",
        dated.join("\n  ")
    );
    let notes: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == "affiliation-as-source")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "(Fudan University, July 2025)",
            "(Atlantic Council, July 2025)"
        ],
        "affiliation-as-source on the seed"
    );
}

#[test]
fn rules_that_read_claim_prose_say_so() {
    // `rules::run` reads a long article's claim prose on the pool first for the rules that
    // declare it; a rule that calls `claim_prose` without declaring it would still be right,
    // but would read on one thread while the others wait for it.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    for rule in RULES {
        let file = src.join(format!("{}.rs", rule.code().replace('-', "_")));
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
            panic!("expected {} for rule {}: {e}", file.display(), rule.code())
        });
        let calls =
            text.matches("claim_prose(").count() - text.matches("reads_claim_prose(").count();
        assert_eq!(
            calls > 0,
            rule.reads_claim_prose(),
            "{}: calls claim_prose but reads_claim_prose() says otherwise (or the reverse)",
            rule.code()
        );
    }
}
