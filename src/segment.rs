//! Sentence splitting over the prose mask.
//!
//! Sentences never cross a block. The splitter must be right about abbreviations ("U.S.",
//! "Dr.", "Jan.", "p.m."), decimals, initials, quotations and periods inside parentheses
//! ("et al.", "n.d.", "p. 4"). Deciding which sentences are claims is left to `claims`.

use crate::document::Block;
use crate::source::Span;

/// One sentence: a trimmed byte span inside one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Document::blocks`.
    pub block: usize,
}

/// Splits every block of `prose` into sentences, in order.
pub fn split_sentences(prose: &str, blocks: &[Block]) -> Vec<Sentence> {
    // Placeholder: split after ". " outside parentheses.
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let bytes = prose.as_bytes();
        let mut start = b.span.start;
        let mut depth = 0usize;
        let mut i = b.span.start;
        while i < b.span.end {
            match bytes[i] {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b'.' | b'!' | b'?'
                    if depth == 0
                        && (i + 1 >= b.span.end || bytes[i + 1].is_ascii_whitespace()) =>
                {
                    push_trimmed(prose, Span::new(start, i + 1), bi, &mut out);
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        push_trimmed(prose, Span::new(start, b.span.end), bi, &mut out);
    }
    out
}

fn push_trimmed(prose: &str, span: Span, block: usize, out: &mut Vec<Sentence>) {
    let s = span.slice(prose);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if s.trim().is_empty() {
        return;
    }
    out.push(Sentence {
        span: Span::new(span.start + lead, span.end - trail),
        block,
    });
}
