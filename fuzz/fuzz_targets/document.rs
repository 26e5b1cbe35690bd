//! The document model (Markdown and plain text) on arbitrary text.
#![no_main]

use citecheck::document::{Document, Format};
use citecheck::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let src = SourceFile::new("fuzz.md", text);
    for format in [Format::Markdown, Format::Plain] {
        let doc = Document::build_as(&src, format);
        assert_eq!(doc.prose.len(), text.len(), "the prose mask keeps offsets");
        for b in &doc.blocks {
            assert!(doc.prose.get(b.span.start..b.span.end).is_some(), "block {b:?}");
        }
        for s in &doc.suppressions {
            assert!(text.get(s.span.start..s.span.end).is_some(), "{s:?}");
        }
    }
});
