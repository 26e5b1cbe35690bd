//! `--format jsonl`: one JSON object per finding per line, each with its path, for tools that
//! stream (reviewdog-style pipelines, `jq -c`, log shippers). The fields are the contract's
//! diagnostic fields plus `path`, `end_line`, `end_column` and `fingerprint`.

use super::located::Located;
use super::{DiagnosticOut, FileReport};
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: &'a DiagnosticOut,
    end_line: usize,
    end_column: usize,
    fingerprint: &'a str,
}

pub fn render(report: &FileReport, located: &[Located]) -> String {
    let mut out = String::new();
    for (d, l) in report.diagnostics.iter().zip(located) {
        let line = Line {
            path: &report.path,
            diagnostic: d,
            end_line: l.end_line,
            end_column: l.end_column,
            fingerprint: &l.fingerprint,
        };
        // Plain data always serialises; a failure would drop one line, never panic.
        if let Ok(s) = serde_json::to_string(&line) {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}
