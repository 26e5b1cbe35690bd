//! `--format concise`: one line per finding, `path:line:col: severity[code] message`, the
//! shape editors' "quickfix" lists and `grep` users expect.

use super::FileReport;

pub fn render(report: &FileReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            report.path,
            d.line,
            d.column,
            d.severity,
            d.rule,
            one_line(&d.message)
        ));
    }
    out
}

/// Messages are one line already; make sure, so one finding is always one line.
pub(crate) fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Finding, Severity};
    use crate::source::{SourceFile, Span};

    #[test]
    fn one_line_per_finding() {
        let src = SourceFile::new("a/b.md", "x\nSales rose.\n");
        let config = crate::config::Config::default();
        let article = crate::analyse(&src, &config);
        let f = Finding::new(
            "unattributed-claim",
            Severity::Warning,
            Span::new(2, 13),
            "two\nlines",
        );
        let rep = FileReport::new(&article, vec![f]);
        assert_eq!(
            render(&rep),
            "a/b.md:2:1: warning[unattributed-claim] two lines\n"
        );
    }
}
