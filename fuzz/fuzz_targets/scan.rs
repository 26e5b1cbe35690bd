//! The candidate scanner and the citation grammar on arbitrary text in one block.
#![no_main]

use citecheck::document::{Block, BlockKind};
use citecheck::source::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let blocks = [Block {
        kind: BlockKind::Paragraph,
        span: Span::new(0, text.len()),
    }];
    let parsed = citecheck::parse::parse_citations(text, &blocks);
    for c in &parsed.citations {
        assert!(text.get(c.span.start..c.span.end).is_some(), "citation {c:?}");
        assert!(c.span.contains(c.paren), "citation {c:?}");
        for s in &c.sources {
            assert!(text.get(s.name_span.start..s.name_span.end).is_some(), "{s:?}");
        }
    }
    for p in &parsed.problems {
        assert!(text.get(p.span.start..p.span.end).is_some(), "problem {p:?}");
        assert!(text.get(p.focus.start..p.focus.end).is_some(), "problem {p:?}");
    }
});
