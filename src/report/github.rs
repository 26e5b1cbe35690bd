//! `--format github`: GitHub Actions workflow commands, one annotation per finding, and a
//! Markdown summary for `$GITHUB_STEP_SUMMARY`.
//!
//! GitHub shows at most ten annotations of each level per step and drops the rest silently, so
//! the step summary lists every finding. Escaping follows the Actions toolkit: `%`, CR and LF
//! in the message; those and `:` and `,` in property values.

use super::FileReport;
use super::located::Located;
use crate::diagnostics::Severity;

/// Escapes a workflow command's data (the message).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (file, title).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(report: &FileReport, located: &[Located]) -> String {
    let mut out = String::new();
    for (d, l) in report.diagnostics.iter().zip(located) {
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            command(d.severity),
            escape_property(&report.path),
            d.line,
            d.column,
            l.end_line,
            l.end_column,
            escape_property(&format!("citecheck {}", d.rule)),
            escape_data(&message),
        ));
    }
    out
}

/// One row of the step summary.
#[derive(Debug, Clone)]
pub struct Row {
    pub path: String,
    pub line: usize,
    pub severity: Severity,
    pub rule: String,
    pub message: String,
}

pub fn rows(report: &FileReport) -> Vec<Row> {
    report
        .diagnostics
        .iter()
        .map(|d| Row {
            path: report.path.clone(),
            line: d.line,
            severity: d.severity,
            rule: d.rule.clone(),
            message: d.message.clone(),
        })
        .collect()
}

/// The most rows written to the step summary (GitHub caps its size; the rest are counted).
pub const MAX_ROWS: usize = 1000;

/// A Markdown report for `$GITHUB_STEP_SUMMARY`; `headline` is the run's one-line summary,
/// `troubles` the paths that could not be checked (code and message).
/// `rows` may stop at [`MAX_ROWS`]; `total` says how many there were.
pub fn step_summary(
    headline: &str,
    rows: &[Row],
    total: usize,
    troubles: &[(String, String)],
) -> String {
    let mut out = format!("## citecheck\n\n{headline}\n");
    if !troubles.is_empty() {
        out.push_str("\nCould not check:\n\n");
        for (code, message) in troubles {
            out.push_str(&format!("- `{code}`: {}\n", cell(message)));
        }
    }
    if rows.is_empty() {
        return out;
    }
    out.push_str("\n| File | Line | Severity | Rule | Message |\n|---|---:|---|---|---|\n");
    for r in rows.iter().take(MAX_ROWS) {
        out.push_str(&format!(
            "| `{}` | {} | {} | `{}` | {} |\n",
            cell(&r.path).replace('`', "'"),
            r.line,
            r.severity,
            r.rule,
            cell(&r.message)
        ));
    }
    let shown = rows.len().min(MAX_ROWS);
    let total = total.max(rows.len());
    if total > shown {
        out.push_str(&format!(
            "\n…and {} more; run citecheck locally for the full list.\n",
            total - shown
        ));
    }
    out
}

/// A table cell: no pipes or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(escape_data("50%\r\nof: a,b"), "50%25%0D%0Aof: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_command_per_finding_with_escaped_properties() {
        use crate::diagnostics::Finding;
        use crate::source::{SourceFile, Span};
        let src = SourceFile::new("a,b:c.md", "One.\nTwo, 50%.\n");
        let config = crate::config::Config::default();
        let article = crate::analyse(&src, &config);
        let findings = vec![
            Finding::new("unknown-source", Severity::Info, Span::new(0, 4), "note"),
            Finding::new(
                "denied-source",
                Severity::Error,
                Span::new(5, 14),
                "50% bad",
            )
            .with_help("fix it"),
        ];
        let rep = FileReport::new(&article, findings);
        let loc = crate::report::located::locate(&src, &rep);
        assert_eq!(
            render(&rep, &loc),
            "::notice file=a%2Cb%3Ac.md,line=1,col=1,endLine=1,endColumn=5,title=citecheck unknown-source::note\n\
             ::error file=a%2Cb%3Ac.md,line=2,col=1,endLine=2,endColumn=10,title=citecheck denied-source::50%25 bad%0Ahelp: fix it\n"
        );
    }

    #[test]
    fn summary_counts_the_rows_it_leaves_out() {
        let row = Row {
            path: "a.md".into(),
            line: 1,
            severity: Severity::Warning,
            rule: "unattributed-claim".into(),
            message: "m".into(),
        };
        let rows = vec![row; MAX_ROWS];
        let s = step_summary("many", &rows, MAX_ROWS + 5, &[]);
        assert!(s.contains("…and 5 more;"), "{s}");
        let s = step_summary("many", &rows, MAX_ROWS, &[]);
        assert!(!s.contains("more;"), "{s}");
    }

    #[test]
    fn summary_escapes_cells() {
        let rows = [Row {
            path: "a.md".into(),
            line: 3,
            severity: Severity::Warning,
            rule: "unattributed-claim".into(),
            message: "a | b\nc".into(),
        }];
        let troubles = [("io-error".to_string(), "a.md: gone".to_string())];
        let s = step_summary("1 warning", &rows, rows.len(), &troubles);
        assert!(
            s.contains("Could not check:\n\n- `io-error`: a.md: gone\n"),
            "{s}"
        );
        assert!(
            s.contains("| `a.md` | 3 | warning | `unattributed-claim` | a \\| b c |"),
            "{s}"
        );
    }
}
