//! `check --statistics`: how many findings each rule made, as ruff's `--statistics` prints
//! them. Takes the counts the CLI gathered after baselines and suppressions, so the table adds
//! up to the run's headline; choosing the output stream is the caller's.

use crate::diagnostics::Severity;
use serde::Serialize;
use std::collections::BTreeMap;

/// How the counts are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Aligned columns: count, code, severity.
    Table,
    /// One JSON array of rows (`--format json`).
    Array,
    /// One compact JSON row per line (`--format jsonl`).
    Lines,
}

#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    count: usize,
    /// Serialised in lower case, as in the JSON report.
    severity: Severity,
}

/// A row for each rule and severity with at least one finding (a rule such as
/// `reference-unused` reports at more than one), most findings first, then by code and the
/// graver severity, in `shape`: a table of count, code and severity, or JSON rows
/// `{"code", "count", "severity"}`. No rows is an empty table, `[]` or no lines.
pub fn render(stats: &BTreeMap<(String, Severity), usize>, shape: Shape) -> String {
    let mut rows: Vec<Row> = stats
        .iter()
        .map(|((code, severity), count)| Row {
            code,
            count: *count,
            severity: *severity,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.code.cmp(b.code))
            .then(b.severity.cmp(&a.severity))
    });
    match shape {
        Shape::Array => {
            let mut s = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
            s.push('\n');
            return s;
        }
        Shape::Lines => {
            let mut s = String::new();
            for r in &rows {
                // Serialising a struct of strings and a number cannot fail.
                if let Ok(line) = serde_json::to_string(r) {
                    s.push_str(&line);
                    s.push('\n');
                }
            }
            return s;
        }
        Shape::Table => {}
    }
    let count_width = rows.iter().map(|r| r.count.to_string().len()).max();
    let code_width = rows.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &rows {
        out.push_str(&format!(
            "{:>cw$}  {:<kw$}  {}\n",
            r.count,
            r.code,
            r.severity.as_str(),
            cw = count_width.unwrap_or(1),
            kw = code_width
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats() -> BTreeMap<(String, Severity), usize> {
        BTreeMap::from([
            (("reference-unused".to_string(), Severity::Info), 3),
            (("reference-unused".to_string(), Severity::Warning), 3),
            (("unattributed-claim".to_string(), Severity::Warning), 12),
            (("reference-missing".to_string(), Severity::Error), 3),
        ])
    }

    #[test]
    fn most_findings_first_then_by_code_and_severity() {
        assert_eq!(
            render(&stats(), Shape::Table),
            "12  unattributed-claim  warning\n 3  reference-missing   error\n 3  reference-unused    warning\n 3  reference-unused    info\n"
        );
    }

    #[test]
    fn json_is_an_array_of_rows() {
        let v: serde_json::Value =
            serde_json::from_str(&render(&stats(), Shape::Array)).unwrap_or_default();
        assert_eq!(v[0]["code"], "unattributed-claim");
        assert_eq!(v[0]["count"], 12);
        assert_eq!(v[1]["severity"], "error");
        assert_eq!(v.as_array().map(Vec::len), Some(4));
        let lines = render(&stats(), Shape::Lines);
        assert_eq!(lines.lines().count(), 4);
        assert_eq!(
            lines.lines().next(),
            Some(r#"{"code":"unattributed-claim","count":12,"severity":"warning"}"#)
        );
    }

    #[test]
    fn no_findings_is_nothing_or_an_empty_array() {
        assert_eq!(render(&BTreeMap::new(), Shape::Table), "");
        assert_eq!(render(&BTreeMap::new(), Shape::Array).trim(), "[]");
        assert_eq!(render(&BTreeMap::new(), Shape::Lines), "");
    }
}
