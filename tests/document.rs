//! The document model of every fixture under `tests/fixtures/document/` and
//! `tests/fixtures/segment/`, snapshotted so a reviewer sees exactly what counts as prose:
//! front matter fields, dateline, suppressions, reference entries, then each block with its
//! kind and sentences, then the prose mask itself (`document@<path>.snap`).

mod common;

use citecheck::document::Document;
use citecheck::segment::split_sentences;
use citecheck::source::SourceFile;
use std::fmt::Write;
use std::path::Path;

fn one_line(s: &str) -> String {
    s.replace("\r\n", "⏎").replace('\n', "⏎")
}

fn render(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let src = SourceFile::from_bytes(name, bytes).expect("fixture is UTF-8 text");
    let doc = Document::build(&src);
    let at = |span: citecheck::source::Span| {
        let (l, c) = src.line_col(span.start);
        format!("{l}:{c}")
    };
    let mut out = String::new();
    let _ = writeln!(out, "format: {:?}", doc.format);
    if let Some(fm) = &doc.front_matter {
        let _ = writeln!(out, "front matter ({}):", at(fm.span));
        for f in &fm.fields {
            let _ = writeln!(out, "  {} = {:?} @ {}", f.key, f.value, at(f.value_span));
        }
    }
    if let Some(d) = &doc.dateline {
        let _ = writeln!(
            out,
            "dateline: {} {:?} @ {}",
            d.date,
            d.span.slice(&src.text),
            at(d.span)
        );
    }
    for s in &doc.suppressions {
        let _ = writeln!(
            out,
            "suppression: {:?} {:?} @ {}",
            s.kind,
            s.codes,
            at(s.span)
        );
    }
    if let Some(r) = &doc.references {
        let _ = writeln!(
            out,
            "references: {:?} @ {}",
            r.heading.slice(&src.text),
            at(r.heading)
        );
        for e in &r.entries {
            let _ = writeln!(out, "  - {}", one_line(e.slice(&src.text)));
        }
    }
    let sentences = split_sentences(&doc.prose, &doc.blocks);
    let _ = writeln!(out, "blocks:");
    for (i, b) in doc.blocks.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {:?} @ {}: {}",
            b.kind,
            at(b.span),
            one_line(doc.block_text(b))
        );
        for s in sentences.iter().filter(|s| s.block == i) {
            let mark = if s.is_parenthetical(&doc.prose) {
                "(detached) "
            } else {
                ""
            };
            let _ = writeln!(out, "    | {mark}{}", one_line(s.span.slice(&doc.prose)));
        }
    }
    let _ = writeln!(out, "prose mask:");
    for line in doc.prose.lines() {
        let _ = writeln!(out, "  |{}", line.trim_end());
    }
    assert_eq!(
        doc.prose.len(),
        src.text.len(),
        "the mask keeps the file's length"
    );
    out
}

#[test]
fn document() {
    common::settings().bind(|| {
        insta::glob!("fixtures/{document,segment}/*.{md,txt}", |path| {
            insta::assert_snapshot!(render(path));
        });
    });
}
