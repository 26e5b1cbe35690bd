//! Reference sections: "References", "Bibliography", "Works Cited", "Sources",
//! "Reference List", "Literature Cited".
//!
//! A heading (any level) or a line on its own with one of those titles, optionally with a
//! trailing colon, starts a section that runs to the next heading of the same or a higher
//! level (Markdown) or to the end of the file (plain text). The section is not prose; this
//! module finds the section and one span per entry. Parsing the entries is the ledger's job.

use crate::source::Span;

const TITLES: [&str; 8] = [
    "references",
    "reference list",
    "bibliography",
    "works cited",
    "sources",
    "literature cited",
    "references cited",
    "sources cited",
];

/// Whether a heading's or line's text is a reference-section title.
pub(crate) fn is_reference_title(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '#')
        .trim()
        .trim_end_matches(':')
        .trim_end();
    // Collapse inner whitespace ("Works  Cited") without allocating for the common case.
    if t.len() > 20 {
        return false;
    }
    let norm: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    TITLES.iter().any(|title| norm.eq_ignore_ascii_case(title))
}

/// Splits one paragraph of a reference list into entries. With hanging indents (some lines
/// indented, some not) every unindented line starts an entry; otherwise there is one entry
/// per line when every line looks like the start of an entry (it names a year or "n.d."),
/// else the paragraph is one entry (a long reference soft-wrapped over several lines).
pub(crate) fn paragraph_entries(text: &str, span: Span, out: &mut Vec<Span>) {
    let body = span.slice(text);
    let lines: Vec<(usize, &str)> = line_spans(body)
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let indented = |l: &str| l.starts_with([' ', '\t']);
    let hanging = lines.iter().skip(1).any(|(_, l)| indented(l))
        && lines.iter().skip(1).any(|(_, l)| !indented(l));
    let per_line = lines.len() > 1 && lines.iter().all(|(_, l)| has_year(l));
    if !(hanging || per_line) {
        push_trimmed(text, span, out);
        return;
    }
    let mut cur: Option<Span> = None;
    for (off, l) in lines {
        let line = Span::new(span.start + off, span.start + off + l.len());
        match cur {
            Some(c) if hanging && indented(l) => cur = Some(c.cover(line)),
            _ => {
                if let Some(c) = cur.take() {
                    push_trimmed(text, c, out);
                }
                cur = Some(line);
            }
        }
    }
    if let Some(c) = cur {
        push_trimmed(text, c, out);
    }
}

fn line_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    s.split_inclusive('\n').map(move |l| {
        let at = pos;
        pos += l.len();
        (at, l.trim_end_matches(['\n', '\r']))
    })
}

fn has_year(line: &str) -> bool {
    if line.contains("n.d.") {
        return true;
    }
    let b = line.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && (w[0] == b'1' || w[0] == b'2')
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// Pushes `span` with surrounding whitespace removed, if anything is left.
pub(crate) fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Span::new(span.start + lead, span.start + lead + t.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        for t in [
            "References",
            "REFERENCES",
            "Bibliography:",
            "Works Cited",
            "**Sources**",
            "Reference list",
            "Literature Cited",
        ] {
            assert!(is_reference_title(t), "{t}");
        }
        for t in ["Reference", "References to the past", "Sourcesx", ""] {
            assert!(!is_reference_title(t), "{t}");
        }
    }

    #[test]
    fn paragraph_entries_split_lines_only_when_each_has_a_year() {
        let t = "Smith, J. (2020). A.\nLee, K. (n.d.). B.\n";
        let mut out = Vec::new();
        paragraph_entries(t, Span::new(0, t.len()), &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].slice(t), "Lee, K. (n.d.). B.");
        let t = "Smith, J. (2020). A very long title\nthat wraps onto a second line.\n";
        let mut out = Vec::new();
        paragraph_entries(t, Span::new(0, t.len()), &mut out);
        assert_eq!(out.len(), 1);
        let t = "Board. (2023). A.\nOrtiz, R. (2021). A long\n    title, 18(4).\nLee, K. B.\n";
        let mut out = Vec::new();
        paragraph_entries(t, Span::new(0, t.len()), &mut out);
        let got: Vec<&str> = out.iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            got,
            vec![
                "Board. (2023). A.",
                "Ortiz, R. (2021). A long\n    title, 18(4).",
                "Lee, K. B."
            ]
        );
        assert!(has_year("x 1999."));
        assert!(!has_year("x 19999"));
    }
}
