//! `--format sarif`: SARIF 2.1.0 with what GitHub code scanning requires.
//!
//! Every registered rule is listed in `tool.driver.rules` (id, short and full description,
//! help, default level), and each result carries `ruleId`, `ruleIndex`, `level`, `message`, a
//! location with a `%SRCROOT%`-relative URI and a region in UTF-16 columns (SARIF's default
//! `columnKind`), and `partialFingerprints` from [`crate::baseline::fingerprint`]. Trouble
//! that stopped a file from being checked is a `toolExecutionNotification`, and
//! `executionSuccessful` says whether there was any.

use super::FileReport;
use super::json::Nested;
use super::located::Located;
use super::spill::Spill;
use crate::config::Level;
use crate::diagnostics::Severity;
use crate::rules::RULES;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The first paragraph of a rule's "What it does" section, at most 1024 characters.
fn what_it_does(docs: &str) -> String {
    let body = docs
        .split("## What it does")
        .nth(1)
        .unwrap_or(docs)
        .split("\n## ")
        .next()
        .unwrap_or("");
    let para = body
        .trim()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    truncate(&para, 1024)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

fn rules() -> Value {
    Value::Array(
        RULES
            .iter()
            .map(|r| {
                let (lvl, enabled) = match r.default_level() {
                    Level::Error => ("error", true),
                    Level::Warning => ("warning", true),
                    Level::Info => ("note", true),
                    Level::Off => ("warning", false),
                };
                let full = what_it_does(r.docs());
                json!({
                    "id": r.code(),
                    "name": r.code(),
                    "shortDescription": { "text": truncate(r.summary(), 1024) },
                    "fullDescription": { "text": if full.is_empty() { truncate(r.summary(), 1024) } else { full } },
                    "help": {
                        "text": r.docs(),
                        "markdown": r.docs(),
                    },
                    "defaultConfiguration": { "level": lvl, "enabled": enabled },
                    "properties": { "tags": ["citations"], "precision": "high" },
                })
            })
            .collect(),
    )
}

/// Percent-encodes a path for a URI, keeping `/` and RFC 3986's unreserved characters.
pub fn uri_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The results for one file.
pub fn results(report: &FileReport, located: &[Located]) -> Vec<Value> {
    let absolute = report.path.starts_with('/');
    report
        .diagnostics
        .iter()
        .zip(located)
        .map(|(d, l)| {
            let index = RULES.iter().position(|r| r.code() == d.rule);
            let mut artifact = json!({ "uri": uri_path(&report.path) });
            if absolute {
                artifact["uri"] = Value::String(format!("file://{}", uri_path(&report.path)));
            } else {
                artifact["uriBaseId"] = Value::String("%SRCROOT%".into());
            }
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!(" (help: {h})"));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": l.start_utf16.0,
                            "startColumn": l.start_utf16.1,
                            "endLine": l.end_utf16.0,
                            "endColumn": l.end_utf16.1,
                        }
                    }
                }],
                "partialFingerprints": {
                    "citecheck/v1": l.fingerprint,
                },
            });
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect()
}

/// A problem that kept a file from being checked, as a notification.
pub fn notification(code: &str, message: &str) -> Value {
    json!({
        "level": "error",
        "message": { "text": message },
        "descriptor": { "id": code },
    })
}

/// Writes one file's results for their place in the log's `results` array, each after a
/// `,\n` (the log's first result has one too, which [`write_log`] leaves out), and returns how
/// many there were. Serialised as they come rather than held as values: a results array held
/// as `serde_json` values took about ten times the bytes it prints as.
pub fn write_results(
    report: &FileReport,
    located: &[Located],
    out: &mut dyn Write,
) -> io::Result<usize> {
    let results = results(report, located);
    for r in &results {
        out.write_all(b",\n")?;
        out.write_all(RESULT_INDENT.as_bytes())?;
        let mut ser = serde_json::Serializer::with_formatter(&mut *out, Nested::at_depth(4));
        r.serialize(&mut ser).map_err(io::Error::from)?;
    }
    Ok(results.len())
}

/// The indentation of an element of `runs[0].results` (depth 4) in the pretty-printed log.
const RESULT_INDENT: &str = "        ";

/// Stands in for the results while the rest of the log is laid out; no rule's documentation
/// or URI holds a control character, so it cannot occur elsewhere.
const RESULTS_MARK: &str = "\u{1}citecheck-results\u{1}";

/// The whole log of `reports` (each with its findings located) as one string, what
/// [`write_results`] and [`write_log`] write (for tests and small callers).
pub fn render(
    reports: &[(&FileReport, &[Located])],
    notifications: Vec<Value>,
    root_uri: &str,
) -> String {
    let mut results = Spill::in_memory();
    let mut count = 0;
    let mut out = Vec::new();
    // Writing into memory cannot fail, nor can serialising plain data.
    for (report, located) in reports {
        count += write_results(report, located, &mut results).unwrap_or(0);
    }
    let _ = write_log(&mut out, results, count, notifications, root_uri);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the whole log around `count` results that [`write_results`] wrote into `results`.
/// The bytes are `serde_json::to_string_pretty` of the whole log and a newline; the log's keys
/// are in serde_json's order, which puts `invocations` (known only at the end of a run) before
/// `results`, so the results wait in a [`Spill`]. `root_uri` is the `file://` URI of the folder
/// relative paths start from, ending in `/`.
pub fn write_log(
    out: &mut dyn Write,
    results: Spill,
    count: usize,
    notifications: Vec<Value>,
    root_uri: &str,
) -> io::Result<()> {
    let ok = notifications.is_empty();
    let placeholder = if count == 0 {
        Vec::new()
    } else {
        vec![Value::String(RESULTS_MARK.to_string())]
    };
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": env!("CARGO_PKG_NAME"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules(),
                }
            },
            "originalUriBaseIds": {
                "%SRCROOT%": { "uri": root_uri }
            },
            "invocations": [{
                "executionSuccessful": ok,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "utf16CodeUnits",
            "results": placeholder,
        }]
    });
    let text = serde_json::to_string_pretty(&log).map_err(io::Error::from)?;
    if count == 0 {
        out.write_all(text.as_bytes())?;
        return out.write_all(b"\n");
    }
    let mark = format!(
        "{RESULT_INDENT}{}",
        serde_json::to_string(RESULTS_MARK).map_err(io::Error::from)?
    );
    let (before, after) = text
        .split_once(&mark)
        .ok_or_else(|| io::Error::other("the SARIF log's layout has no place for its results"))?;
    out.write_all(before.as_bytes())?;
    results.copy_to(out, 2)?;
    out.write_all(after.as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_encoding() {
        assert_eq!(uri_path("a b/é%.md"), "a%20b/%C3%A9%25.md");
    }

    fn log_of(reports: &[(FileReport, Vec<Located>)], notifications: Vec<Value>) -> String {
        let reports: Vec<(&FileReport, &[Located])> =
            reports.iter().map(|(r, l)| (r, l.as_slice())).collect();
        render(&reports, notifications, "file:///work/")
    }

    fn report(path: &str, text: &str) -> (FileReport, Vec<Located>) {
        let src = crate::source::SourceFile::new(path, text);
        let rep = crate::check(&src, &crate::config::Config::default());
        let located = crate::report::located::locate(&src, &rep);
        (rep, located)
    }

    /// The log written around spilled results is serde_json's pretty print of the whole log,
    /// byte for byte, with every file's results in order, for none, one and several.
    #[test]
    fn the_log_is_the_pretty_print_of_the_whole_log() {
        let a = report(
            "a.md",
            "Sales rose 40% last year.\n\nExperts say it will go on.\n",
        );
        let b = report("b.md", "Nothing to see here.\n");
        let c = report("c d.md", "Prices fell 12% (Smith, 2031).\n");
        for (reports, notes) in [
            (vec![], vec![]),
            (
                vec![b.clone()],
                vec![notification("io-error", "x.md: gone")],
            ),
            (vec![a.clone()], vec![]),
            (vec![a.clone(), b.clone(), c.clone()], vec![]),
        ] {
            let text = log_of(&reports, notes.clone());
            let log: Value = serde_json::from_str(&text).expect("JSON");
            let mut pretty = serde_json::to_string_pretty(&log).expect("serialises");
            pretty.push('\n');
            assert_eq!(pretty, text);
            let expected: Vec<Value> = reports.iter().flat_map(|(r, l)| results(r, l)).collect();
            assert_eq!(log["runs"][0]["results"], Value::Array(expected));
            assert_eq!(
                log["runs"][0]["invocations"][0]["executionSuccessful"],
                Value::Bool(notes.is_empty())
            );
            assert_eq!(log["runs"][0]["tool"]["driver"]["rules"], rules());
        }
        assert!(log_of(&[a, c], vec![]).contains("\"ruleId\""));
    }

    #[test]
    fn every_rule_has_descriptions() {
        for r in rules().as_array().into_iter().flatten() {
            assert!(
                !r["shortDescription"]["text"]
                    .as_str()
                    .unwrap_or("")
                    .is_empty()
            );
            let full = r["fullDescription"]["text"].as_str().unwrap_or("");
            assert!(!full.is_empty() && full.chars().count() <= 1024, "{full}");
        }
    }
}
