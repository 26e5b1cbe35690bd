//! The whole check of one file, from raw bytes: decoding, every stage, every rule, the report
//! (human, and JSON held to serde's pretty printing of it).
#![no_main]

use citecheck::config::Config;
use citecheck::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, so both the Markdown and the plain-text paths run.
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => ("fuzz.md", rest),
        Some((_, rest)) => ("fuzz.txt", rest),
        None => ("fuzz.md", data),
    };
    let Ok(src) = SourceFile::from_bytes(name, bytes.to_vec()) else {
        return;
    };
    let rep = citecheck::check(&src, &Config::default());
    let text = &src.text;
    for c in &rep.citations {
        assert_eq!(text.get(c.span.start..c.span.end), Some(c.text.as_str()));
    }
    for c in &rep.claims {
        assert_eq!(text.get(c.span.start..c.span.end), Some(c.text.as_str()));
    }
    for d in &rep.diagnostics {
        assert!(text.get(d.span.start..d.span.end).is_some(), "{d:?}");
        for l in &d.labels {
            assert!(text.get(l.span.start..l.span.end).is_some(), "{l:?}");
        }
    }
    // The human renderer reads every finding's lines through its own line index.
    let _ = citecheck::report::human::render_file(
        &rep,
        text,
        citecheck::report::human::Style::plain(),
    );
    // The JSON report is written by hand (`report::pretty`); serde's pretty printing of the
    // same report is the reference it must equal byte for byte.
    let report = citecheck::report::Report::new(vec![rep]);
    let mut reference = serde_json::to_string_pretty(&report).unwrap_or_default();
    reference.push('\n');
    assert_eq!(citecheck::report::json::render(&report), reference);
});
