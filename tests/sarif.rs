//! `--format sarif` validates against the official SARIF 2.1.0 schema (vendored in
//! `tests/data/`, see its README), both as rendered by the library with findings built here
//! (so the test does not depend on which rules fire) and as printed by the binary.

#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failed test

use citecheck::config::Config;
use citecheck::diagnostics::{Finding, Severity};
use citecheck::report::{FileReport, located, sarif};
use citecheck::source::{SourceFile, Span};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let text = include_str!("data/sarif-schema-2.1.0.json");
    let mut schema: Value = serde_json::from_str(text).expect("the schema is JSON");
    // The official schema's `language` pattern (on `run` and `toolComponent`),
    // `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, has a stray `]` that the meta-schema's strict
    // "regex" format check rejects, so the schema would not compile. We never write
    // `language`; drop those two patterns, in memory only, and keep every other check,
    // formats (URIs) included.
    for owner in ["run", "toolComponent"] {
        let language = schema
            .pointer_mut(&format!("/definitions/{owner}/properties/language"))
            .and_then(Value::as_object_mut)
            .expect("the schema describes language");
        assert!(
            language.remove("pattern").is_some(),
            "the known-bad pattern is there"
        );
    }
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn assert_valid(log: &Value) {
    let v = validator();
    let errors: Vec<String> = v
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

/// A file with non-ASCII text before the finding, so UTF-16 columns differ from chars.
fn report() -> (SourceFile, FileReport) {
    let text = "# “Quoted” 𝄞 title\n\nSales rose 20% in 2024, officials said.\nNext.\n";
    let src = SourceFile::new("articles/a b.md", text);
    let config = Config::default();
    let article = citecheck::analyse(&src, &config);
    let start = text.find("Sales").unwrap();
    let end = text.find("Next").unwrap() - 1;
    let twenty = text.find("20%").unwrap();
    let title = text.find("title").unwrap();
    let findings = vec![
        Finding::new(
            "unattributed-claim",
            Severity::Warning,
            Span::new(start, end),
            "claim states a statistic (\"20%\") and cites no source",
        )
        .with_label(Span::new(twenty, twenty + 3), "statistic")
        .with_help("add a citation"),
        Finding::new(
            "denied-source",
            Severity::Error,
            Span::new(title, title + 5),
            "denied",
        ),
        Finding::new(
            "unused-suppression",
            Severity::Info,
            Span::new(0, 1),
            "note",
        ),
    ];
    let rep = FileReport::new(&article, findings);
    (src, rep)
}

#[test]
fn library_sarif_with_results_is_valid_and_complete() {
    let (src, rep) = report();
    let loc = located::locate(&src, &rep);
    let notes = vec![sarif::notification("io-error", "gone.md: could not read")];
    let text = sarif::render(&[(&rep, &loc)], notes, "file:///work/repo/");
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_valid(&log);
    // The validator does reject what GitHub would: a level SARIF does not know, no version.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator().is_valid(&broken));
    let mut broken = log.clone();
    broken.as_object_mut().unwrap().remove("version");
    assert!(!validator().is_valid(&broken));

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), citecheck::rules::RULES.len());
    for r in rules {
        for key in [
            "id",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
        ] {
            assert!(!r[key].is_null(), "rule {} lacks {key}", r["id"]);
        }
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let first = &results[0];
    assert_eq!(first["ruleId"], "unattributed-claim");
    let idx = first["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "unattributed-claim");
    assert_eq!(first["level"], "warning");
    assert_eq!(results[1]["level"], "error");
    assert_eq!(results[2]["level"], "note");
    let loc = &first["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "articles/a%20b.md");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 3);
    assert_eq!(loc["region"]["startColumn"], 1);
    assert_eq!(loc["region"]["endLine"], 3);
    assert_eq!(loc["region"]["endColumn"], 40);
    assert_eq!(
        first["partialFingerprints"]["citecheck/v1"]
            .as_str()
            .unwrap()
            .len(),
        16
    );
    // UTF-16: "𝄞" before "title" is two code units (the curly quotes one each), so SARIF's
    // column is one more than the report's column in characters.
    let region = &results[1]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 15);
    assert_eq!(rep.diagnostics[1].column, 14);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert_eq!(run["columnKind"], "utf16CodeUnits");
}

#[test]
fn utf16_columns_count_surrogate_pairs() {
    let text = "𝄞 x\n";
    let src = SourceFile::new("a.md", text);
    let config = Config::default();
    let article = citecheck::analyse(&src, &config);
    let x = text.find('x').unwrap();
    let rep = FileReport::new(
        &article,
        vec![Finding::new(
            "unattributed-claim",
            Severity::Warning,
            Span::new(x, x + 1),
            "m",
        )],
    );
    let loc = located::locate(&src, &rep);
    assert_eq!(loc[0].start_utf16, (1, 4));
    assert_eq!(loc[0].end_utf16, (1, 5));
    assert_eq!((rep.diagnostics[0].line, rep.diagnostics[0].column), (1, 3));
}

#[test]
fn binary_sarif_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "Sales rose 20% last year, the minister said.\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_citecheck"))
        .args(["check", "--format", "sarif", ".", "missing.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "missing.md is trouble");
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&log);
    let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["descriptor"]["id"], "io-error");
}
