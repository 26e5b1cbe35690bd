//! `--format sarif`: SARIF 2.1.0 with what GitHub code scanning requires.
//!
//! Every registered rule is listed in `tool.driver.rules` (id, short and full description,
//! help, default level), and each result carries `ruleId`, `ruleIndex`, `level`, `message`, a
//! location with a `%SRCROOT%`-relative URI and a region in UTF-16 columns (SARIF's default
//! `columnKind`), and `partialFingerprints` from [`crate::baseline::fingerprint`]. Trouble
//! that stopped a file from being checked is a `toolExecutionNotification`, and
//! `executionSuccessful` says whether there was any.

use super::FileReport;
use super::located::Located;
use crate::config::Level;
use crate::diagnostics::Severity;
use crate::rules::RULES;
use serde_json::{Value, json};

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

/// The whole log. `root_uri` is the `file://` URI of the folder relative paths start from,
/// ending in `/`.
pub fn render(results: Vec<Value>, notifications: Vec<Value>, root_uri: &str) -> String {
    let ok = notifications.is_empty();
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
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_encoding() {
        assert_eq!(uri_path("a b/é%.md"), "a%20b/%C3%A9%25.md");
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
