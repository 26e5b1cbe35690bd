//! The candidate scanner: finds `( … )` spans in one prose block with `memchr`.
//!
//! One pass over the block's `(` and `)` bytes with a bounded stack: nesting deeper than
//! [`MAX_DEPTH`] is counted, not stored, and a pair longer than [`MAX_LEN`] bytes is dropped,
//! so a million `(` or ten thousand nested pairs cost time linear in the text and memory
//! bounded by the depth cap. Opening parentheses never closed in the block come back with
//! `close: None` (at most [`MAX_DEPTH`] of them) so the parser can look for an unbalanced
//! citation. Deciding what a candidate is belongs to the grammar.

/// The longest `( … )` taken as a candidate, parentheses included.
pub const MAX_LEN: usize = 400;
/// The deepest nesting whose pairs are recorded.
pub const MAX_DEPTH: usize = 16;

/// A parenthesis pair (offsets relative to the scanned text) or an unclosed `(`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub open: usize,
    /// The offset of the matching `)`, or `None` when the block ends first.
    pub close: Option<usize>,
}

/// Every candidate in `text`, ordered by the position of its `(` (outer before inner).
pub fn scan(text: &str) -> Vec<Candidate> {
    let bytes = text.as_bytes();
    let mut stack: Vec<usize> = Vec::with_capacity(MAX_DEPTH);
    let mut overflow = 0usize;
    let mut out = Vec::new();
    for pos in memchr::memchr2_iter(b'(', b')', bytes) {
        if bytes.get(pos) == Some(&b'(') {
            if stack.len() < MAX_DEPTH {
                stack.push(pos);
            } else {
                overflow += 1;
            }
        } else if overflow > 0 {
            overflow -= 1;
        } else if let Some(open) = stack.pop()
            && pos - open < MAX_LEN
        {
            out.push(Candidate {
                open,
                close: Some(pos),
            });
        }
    }
    out.extend(
        stack
            .into_iter()
            .map(|open| Candidate { open, close: None }),
    );
    out.sort_by_key(|c| c.open);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn pairs_nested_and_unclosed() {
        let c = scan("a (b (c) d) e (f");
        assert_eq!(
            c,
            vec![
                Candidate {
                    open: 2,
                    close: Some(10)
                },
                Candidate {
                    open: 5,
                    close: Some(7)
                },
                Candidate {
                    open: 14,
                    close: None
                },
            ]
        );
        assert!(scan("a ) b").is_empty());
    }

    #[test]
    fn long_pairs_are_dropped() {
        let text = format!("({})", "x".repeat(MAX_LEN));
        assert!(scan(&text).is_empty());
    }

    #[test]
    fn hostile_input_stays_bounded() {
        let opens = "(".repeat(1_000_000);
        let c = scan(&opens);
        assert_eq!(c.len(), MAX_DEPTH);
        assert!(c.iter().all(|c| c.close.is_none()));

        let nested = format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000));
        let c = scan(&nested);
        // Only pairs within the depth cap and the length cap survive.
        assert!(c.len() <= MAX_DEPTH);

        let many = "(a) ".repeat(100_000);
        assert_eq!(scan(&many).len(), 100_000);
    }
}
