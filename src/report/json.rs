//! `--format json`: the report of `../shared/CONTRACT.md`, pretty-printed.

use super::Report;
use std::io::{self, Write};

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; say so loudly if it ever does.
        format!("{{\"error\": \"could not serialise the report: {e}\"}}")
    });
    s.push('\n');
    s
}

/// Writes the report to `out` as it serialises, so a run over a large tree or file never holds
/// the whole JSON text in memory (it is several times the size of the articles); `render`'s
/// bytes exactly.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut w, report).map_err(io::Error::from)?;
    w.write_all(b"\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_matches_render() {
        let report = Report::new(Vec::new());
        let mut buf = Vec::new();
        assert!(write(&report, &mut buf).is_ok());
        assert_eq!(String::from_utf8_lossy(&buf), render(&report));
    }
}
