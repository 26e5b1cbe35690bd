//! The prose mask under construction: the file's bytes with non-prose blanked.
//!
//! The mask starts fully blank (every byte a space, `\n` and `\r` kept) and format readers
//! copy prose back in with [`Mask::keep`]; later passes (boilerplate, dateline, URLs) blank
//! regions again with [`Mask::clear`]. Both only act on spans that fall on char boundaries of
//! the source, so the mask stays valid UTF-8 whatever the input.

use crate::source::Span;

#[derive(Debug, Clone, Default)]
pub(crate) struct Mask {
    bytes: Vec<u8>,
}

fn blank_byte(b: u8) -> u8 {
    if b == b'\n' || b == b'\r' { b } else { b' ' }
}

impl Mask {
    /// A mask of `text` with nothing kept.
    pub(crate) fn blank(text: &str) -> Mask {
        Mask {
            bytes: text.bytes().map(blank_byte).collect(),
        }
    }

    /// On char boundaries of both the source and the mask (a decoded entity can make them
    /// differ), so a write can never split a character.
    fn aligned(&self, text: &str, span: Span) -> bool {
        let mask_boundary = |i: usize| self.bytes.get(i).is_none_or(|b| (b & 0xC0) != 0x80);
        span.start <= span.end
            && span.end <= text.len()
            && span.end <= self.bytes.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
            && mask_boundary(span.start)
            && mask_boundary(span.end)
    }

    /// Copies `text[span]` into the mask (it is prose).
    pub(crate) fn keep(&mut self, text: &str, span: Span) {
        if self.aligned(text, span)
            && let Some(dst) = self.bytes.get_mut(span.start..span.end)
        {
            dst.copy_from_slice(&text.as_bytes()[span.start..span.end]);
        }
    }

    /// Writes `decoded` (what an entity such as `&amp;` stands for) at the start of `span`,
    /// padded with spaces, so offsets stay those of the source. Falls back to [`Mask::keep`]
    /// when the decoded text does not fit.
    pub(crate) fn keep_decoded(&mut self, text: &str, span: Span, decoded: &str) {
        let decoded = if decoded == "\u{a0}" { " " } else { decoded };
        if decoded.len() > span.len() || !self.aligned(text, span) {
            self.keep(text, span);
            return;
        }
        if let Some(dst) = self.bytes.get_mut(span.start..span.end) {
            let (head, tail) = dst.split_at_mut(decoded.len());
            head.copy_from_slice(decoded.as_bytes());
            tail.fill(b' ');
        }
    }

    /// Blanks `span` again (it is not prose after all).
    pub(crate) fn clear(&mut self, text: &str, span: Span) {
        if self.aligned(text, span)
            && let Some(dst) = self.bytes.get_mut(span.start..span.end)
        {
            for b in dst {
                *b = blank_byte(*b);
            }
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The mask's text under `span` (`""` when out of bounds or misaligned).
    pub(crate) fn slice(&self, span: Span) -> &str {
        self.bytes
            .get(span.start..span.end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// `span` shrunk to its first and last non-whitespace mask byte; empty if there is none.
    pub(crate) fn trim(&self, span: Span) -> Span {
        let Some(b) = self.bytes.get(span.start..span.end) else {
            return Span::new(span.start, span.start);
        };
        let Some(first) = b.iter().position(|c| !c.is_ascii_whitespace()) else {
            return Span::new(span.start, span.start);
        };
        let last = b
            .iter()
            .rposition(|c| !c.is_ascii_whitespace())
            .unwrap_or(first);
        Span::new(span.start + first, span.start + last + 1)
    }

    pub(crate) fn into_string(self) -> String {
        let len = self.bytes.len();
        // Every write is char-aligned, so this cannot fail; if it ever did, an all-blank
        // mask of the same length is the safe answer.
        String::from_utf8(self.bytes).unwrap_or_else(|_| " ".repeat(len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_and_clear_respect_char_boundaries() {
        let text = "é x\r\ny";
        let mut m = Mask::blank(text);
        assert_eq!(m.slice(Span::new(0, text.len())), "    \r\n ");
        m.keep(text, Span::new(1, 3)); // splits "é": ignored
        m.keep(text, Span::new(0, 4));
        assert_eq!(m.slice(Span::new(0, 4)), "é x");
        m.clear(text, Span::new(0, 7));
        assert_eq!(m.clone().into_string(), "    \r\n ");
        assert_eq!(m.trim(Span::new(0, 7)), Span::new(0, 0));
    }

    #[test]
    fn decoded_entities_keep_offsets_and_utf8() {
        let text = "a &#8217; b";
        let mut m = Mask::blank(text);
        m.keep_decoded(text, Span::new(2, 9), "’");
        assert_eq!(m.slice(Span::new(0, text.len())), "  ’      ");
        m.clear(text, Span::new(3, 4)); // inside "’" in the mask: refused
        assert_eq!(m.clone().into_string().len(), text.len());
        assert!(m.clone().into_string().contains('’'));
        m.keep_decoded(text, Span::new(0, 1), "toolong");
        assert_eq!(m.into_string().chars().next(), Some('a'));
    }
}
