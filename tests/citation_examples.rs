//! Runs every labelled example of `../shared/reference/citation-examples.tsv` through the
//! pipeline and checks that citecheck agrees with the label often enough (≥ 97%).
//!
//! Agreement: `CITATION` → some citation's parentheses cover `target_span`; `NARRATIVE` → a
//! narrative citation whose parentheses are exactly `target_span`; every other label (`NOT`,
//! `DATE-ONLY`, `FOOTNOTE`, `UNATTRIBUTED-MARK`, and `LOCATOR`, since a locator-only
//! parenthetical such as `(p. 23)` is not a citation of its own) → no citation overlaps
//! `target_span`. Skips cleanly when `../shared` is absent.

mod common;

use citecheck::config::Config;
use citecheck::parse::CitationKind;
use citecheck::source::{SourceFile, Span};

const TARGET: f64 = 0.97;

struct Row {
    line: usize,
    expected: String,
    text: String,
    target: String,
}

/// Rows are tab-separated with five fields; a `target_span` that holds a real line break
/// continues on the next line, and `\n` in `text` is an escaped line break.
fn rows(tsv: &str) -> Vec<Row> {
    let mut out = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (k, line) in tsv.lines().enumerate().skip(1) {
        let (start, joined) = match pending.take() {
            Some((s, prev)) => (s, format!("{prev}\n{line}")),
            None => (k + 1, line.to_string()),
        };
        let fields: Vec<&str> = joined.split('\t').collect();
        if fields.len() < 5 {
            pending = Some((start, joined));
            continue;
        }
        out.push(Row {
            line: start,
            expected: fields[0].to_string(),
            text: fields[1].replace("\\n", "\n"),
            target: fields[2].replace("\\n", "\n"),
        });
    }
    out
}

/// The target's span in the text, comparing whitespace runs loosely (the TSV writes a
/// no-break space in `text` as a plain space in `target_span`).
fn locate(text: &str, target: &str) -> Option<Span> {
    if let Some(p) = text.find(target) {
        return Some(Span::new(p, p + target.len()));
    }
    let want: Vec<&str> = target.split_whitespace().collect();
    let first = *want.first()?;
    for (p, _) in text.match_indices(first) {
        let mut end = p;
        let mut rest = &text[p..];
        let mut ok = true;
        for w in &want {
            let trimmed = rest.trim_start();
            end += rest.len() - trimmed.len();
            if !trimmed.starts_with(w) {
                ok = false;
                break;
            }
            end += w.len();
            rest = &trimmed[w.len()..];
        }
        if ok {
            return Some(Span::new(p, end));
        }
    }
    None
}

fn agrees(row: &Row, config: &Config) -> Result<(), String> {
    let src = SourceFile::new("example.txt", row.text.clone());
    let article = citecheck::analyse(&src, config);
    let Some(t) = locate(&row.text, &row.target) else {
        return Err(format!("target {:?} not found in text", row.target));
    };
    let found: Vec<String> = article
        .citations
        .iter()
        .map(|c| format!("{:?} {:?}", c.kind, c.span.slice(&row.text)))
        .collect();
    let ok = match row.expected.as_str() {
        "CITATION" => article.citations.iter().any(|c| c.paren.contains(t)),
        "NARRATIVE" => article
            .citations
            .iter()
            .any(|c| c.kind == CitationKind::Narrative && c.paren == t),
        _ => !article.citations.iter().any(|c| c.paren.overlaps(t)),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("found {found:?}"))
    }
}

#[test]
fn citation_examples_agree() {
    let Some(shared) = common::shared_dir() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let Ok(tsv) = std::fs::read_to_string(shared.join("reference/citation-examples.tsv")) else {
        eprintln!("skipped: citation-examples.tsv is absent");
        return;
    };
    let rows = rows(&tsv);
    assert!(
        rows.len() > 100,
        "expected the 149 labelled rows, read {}",
        rows.len()
    );
    let config = Config::default();
    let mut bad = Vec::new();
    for row in &rows {
        if let Err(why) = agrees(row, &config) {
            bad.push(format!(
                "line {}: {} {:?} (target {:?}): {why}",
                row.line, row.expected, row.text, row.target
            ));
        }
    }
    let agreement = 1.0 - bad.len() as f64 / rows.len() as f64;
    eprintln!(
        "agreement {:.3} ({} of {} rows disagree)",
        agreement,
        bad.len(),
        rows.len()
    );
    for b in &bad {
        eprintln!("  {b}");
    }
    assert!(
        agreement >= TARGET,
        "agreement {agreement:.3} is below {TARGET}"
    );
}
