//! The JSON report's values written by hand, byte for byte as `serde_json`'s pretty printer
//! (two spaces) writes them, a value sitting at a given depth of the document.
//!
//! Serialising through serde was the largest part of writing a report: a call through the
//! formatter for every bracket, key and separator, and a table look-up for every byte of every
//! string. Here a string is copied eight bytes at a time while none of them needs escaping, and
//! each object is laid out key by key. The layout is serde's, held to it by the tests (every
//! field of every report type, strings of every byte); `json` decides where the values go, and
//! the types' serde derives stay the contract's definition (they also read reports back).

use super::{CitationOut, ClaimOut, DateOut, DiagnosticOut, SourceOut};
use crate::diagnostics::Label;
use crate::source::Span;
use serde::Serialize;

/// A value that writes itself as pretty JSON at `depth` (its own line's indentation, in
/// levels; its fields or elements sit one deeper).
pub trait WriteJson {
    fn write_json(&self, out: &mut Vec<u8>, depth: usize);
}

/// A new line (after a comma when `comma`) indented two spaces per level of `depth`, in one
/// write for the usual depths.
fn line(out: &mut Vec<u8>, comma: bool, depth: usize) {
    const LINE: &[u8; 42] = b",\n                                        ";
    let from = if comma { 0 } else { 1 };
    match LINE.get(from..2 + 2 * depth) {
        Some(bytes) => out.extend_from_slice(bytes),
        None => {
            out.extend_from_slice(if comma { b",\n" } else { b"\n" });
            (0..depth).for_each(|_| out.extend_from_slice(b"  "));
        }
    }
}

/// An object being written: its fields one by one, then [`Object::close`].
struct Object<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
    any: bool,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut Vec<u8>, depth: usize) -> Object<'a> {
        out.push(b'{');
        Object {
            out,
            depth,
            any: false,
        }
    }

    /// `quoted_key` is one of the report's field names with its quotes and the colon after
    /// it (see `objects!`).
    fn field<T: WriteJson + ?Sized>(&mut self, quoted_key: &str, value: &T) -> &mut Self {
        line(self.out, self.any, self.depth + 1);
        self.any = true;
        self.out.extend_from_slice(quoted_key.as_bytes());
        value.write_json(self.out, self.depth + 1);
        self
    }

    fn close(&mut self) {
        if self.any {
            line(self.out, false, self.depth);
        }
        self.out.push(b'}');
    }
}

/// `WriteJson` for structs written as objects of all their fields, each keyed by its name, in
/// the order listed, which must be the order of declaration that serde's derive writes (the
/// tests compare the two). The list must name every field: the impl takes the struct apart
/// field by field, so a field added to the type and not here is a compile error. Each key is
/// quoted at compile time.
macro_rules! objects {
    ($($t:ty { $($field:ident),+ $(,)? })*) => {$(
        impl WriteJson for $t {
            fn write_json(&self, out: &mut Vec<u8>, depth: usize) {
                let Self { $($field),+ } = self;
                Object::open(out, depth)
                    $(.field(concat!("\"", stringify!($field), "\": "), $field))+
                    .close();
            }
        }
    )*};
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut Vec<u8>, depth: usize) {
        if self.is_empty() {
            out.extend_from_slice(b"[]");
            return;
        }
        out.push(b'[');
        for (i, item) in self.iter().enumerate() {
            line(out, i > 0, depth + 1);
            item.write_json(out, depth + 1);
        }
        line(out, false, depth);
        out.push(b']');
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>, depth: usize) {
        self.as_slice().write_json(out, depth);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>, depth: usize) {
        match self {
            Some(v) => v.write_json(out, depth),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl WriteJson for str {
    fn write_json(&self, out: &mut Vec<u8>, _depth: usize) {
        string(out, self);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut Vec<u8>, _depth: usize) {
        string(out, self);
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl WriteJson for $t {
            fn write_json(&self, out: &mut Vec<u8>, _depth: usize) {
                out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
            }
        }
    )*};
}
integers!(usize, i8, i16);

/// The report's enums (kinds, statuses, severities) are written through serde itself, so that
/// their names come from one place, the types' `rename_all` attributes; each is a short word.
macro_rules! through_serde {
    ($($t:ty),*) => {$(
        impl WriteJson for $t {
            fn write_json(&self, out: &mut Vec<u8>, _depth: usize) {
                via_serde(self, out);
            }
        }
    )*};
}
through_serde!(
    crate::parse::CitationKind,
    crate::claims::ClaimStatus,
    crate::claims::SignalKind,
    crate::diagnostics::Severity,
    crate::PublishedFrom
);

fn via_serde<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    // Writing a unit variant into a Vec cannot fail.
    let _ = serde_json::to_writer(out, value);
}

objects! {
    Span { start, end }
    Label { span, text }
    DateOut { text, year, month, day }
    SourceOut { name, date, locator }
    CitationOut { span, line, column, text, kind, sources, claim }
    ClaimOut { span, text, status, citations, signals }
    DiagnosticOut { rule, severity, message, span, line, column, help, labels }
}

/// `s` as a JSON string, escaped as serde_json escapes it: `"` and `\`, and the control
/// characters below U+0020 (the usual five by letter, the others as `\u00xx`); nothing else.
fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            && !may_need_escape(u64::from_le_bytes(chunk))
        {
            i += 8;
            continue;
        }
        let b = bytes.get(i).copied().unwrap_or(0);
        if let Some(escape) = escape(b) {
            out.extend_from_slice(bytes.get(start..i).unwrap_or_default());
            escape.write(out);
            start = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or_default());
    out.push(b'"');
}

/// Whether any of the eight bytes of `w` is below 0x20, a `"` or a `\` (never false when one
/// is; may be true when none is, which only sends those bytes to the byte-by-byte check).
fn may_need_escape(w: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // A byte below `n` (for n ≤ 0x80) leaves its high bit set in `x - n` where it was clear.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS;
    let zero = |x: u64| below(x, 1);
    (below(w, 0x20) | zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\')))) != 0
}

/// How serde_json escapes a byte, if it does.
enum Escape {
    Letter(u8),
    Hex(u8),
}

impl Escape {
    fn write(self, out: &mut Vec<u8>) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        match self {
            Escape::Letter(c) => out.extend_from_slice(&[b'\\', c]),
            Escape::Hex(b) => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
                HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0'),
            ]),
        }
    }
}

fn escape(b: u8) -> Option<Escape> {
    Some(match b {
        b'"' => Escape::Letter(b'"'),
        b'\\' => Escape::Letter(b'\\'),
        0x08 => Escape::Letter(b'b'),
        0x0c => Escape::Letter(b'f'),
        b'\n' => Escape::Letter(b'n'),
        b'\r' => Escape::Letter(b'r'),
        b'\t' => Escape::Letter(b't'),
        0x00..=0x1f => Escape::Hex(b),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::Nested;
    use proptest::prelude::*;

    /// What serde_json writes for `value` at `depth`.
    fn serde_at<T: Serialize>(value: &T, depth: usize) -> String {
        let mut buf = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, Nested::at_depth(depth));
        value.serialize(&mut ser).unwrap_or_default();
        String::from_utf8(buf).unwrap_or_default()
    }

    fn ours_at<T: WriteJson + ?Sized>(value: &T, depth: usize) -> String {
        let mut buf = Vec::new();
        value.write_json(&mut buf, depth);
        String::from_utf8(buf).unwrap_or_default()
    }

    #[test]
    fn every_byte_is_escaped_as_serde_escapes_it() {
        for b in 0u8..0x80 {
            let s = format!("a{}b", char::from(b));
            assert_eq!(ours_at(s.as_str(), 0), serde_at(&s, 0), "byte {b:#04x}");
        }
        // Runs longer than the eight-byte step, with the special bytes at every offset.
        for special in ["\"", "\\", "\n", "\u{1f}", "\u{7f}", "é", "’", "\u{2028}"] {
            for at in 0..20 {
                let s = format!("{}{special}{}", "x".repeat(at), "y".repeat(19 - at));
                assert_eq!(ours_at(s.as_str(), 0), serde_at(&s, 0), "{s:?}");
            }
        }
    }

    #[test]
    fn the_report_types_are_laid_out_as_serde_lays_them_out() {
        let text = "August 11, 2025\n\nExports rose 12% in July (Harbour Gazette, July 2025). \
                    Experts suggest a 20% rise.\n\n- \"Quoted\twords,\" she said (Smith & Lee, \
                    2026, p. 4). A 20% fall (Smith, 2031).\n";
        let src = crate::source::SourceFile::new("a \"b\".txt", text);
        let rep = crate::check(&src, &crate::config::Config::default());
        assert!(!rep.citations.is_empty() && !rep.claims.is_empty() && !rep.diagnostics.is_empty());
        assert!(rep.diagnostics.iter().any(|d| d.help.is_some()));
        assert!(rep.diagnostics.iter().any(|d| !d.labels.is_empty()));
        for depth in [0, 4, 20] {
            assert_eq!(
                ours_at(&rep.citations, depth),
                serde_at(&rep.citations, depth)
            );
            assert_eq!(ours_at(&rep.claims, depth), serde_at(&rep.claims, depth));
            assert_eq!(
                ours_at(&rep.diagnostics, depth),
                serde_at(&rep.diagnostics, depth)
            );
        }
    }

    #[test]
    fn every_fixture_report_is_written_as_serde_writes_it() {
        for text in crate::fixture_texts() {
            let src = crate::source::SourceFile::new("f.md", text.as_str());
            let rep = crate::check(&src, &crate::config::Config::default());
            assert_eq!(ours_at(&rep.citations, 4), serde_at(&rep.citations, 4));
            assert_eq!(ours_at(&rep.claims, 4), serde_at(&rep.claims, 4));
            assert_eq!(ours_at(&rep.diagnostics, 4), serde_at(&rep.diagnostics, 4));
        }
    }

    fn date() -> impl Strategy<Value = Option<DateOut>> {
        proptest::option::of(
            (
                ".{0,12}",
                proptest::option::of(any::<i16>()),
                proptest::option::of(any::<i8>()),
                proptest::option::of(any::<i8>()),
            )
                .prop_map(|(text, year, month, day)| DateOut {
                    text,
                    year,
                    month,
                    day,
                }),
        )
    }

    fn span() -> impl Strategy<Value = Span> {
        (any::<usize>(), any::<usize>()).prop_map(|(start, end)| Span { start, end })
    }

    proptest! {
        /// Any string, any numbers, every `None` and every empty list.
        #[test]
        fn any_values_are_written_as_serde_writes_them(
            text in "(?s).{0,40}",
            name in "[\\x00-\\x7f]{0,20}",
            locator in proptest::option::of(".{0,10}"),
            date in date(),
            span in span(),
            line in any::<usize>(),
            claim in proptest::option::of(any::<usize>()),
            citations in proptest::collection::vec(any::<usize>(), 0..3),
            labels in proptest::collection::vec((span(), ".{0,8}"), 0..3),
            help in proptest::option::of("(?s).{0,12}"),
            depth in 0usize..20,
        ) {
            let citation = CitationOut {
                span,
                line,
                column: line / 3,
                text: text.clone(),
                kind: crate::parse::CitationKind::Parenthetical,
                sources: vec![
                    SourceOut { name: name.clone(), date: date.clone(), locator: locator.clone() };
                    citations.len()
                ],
                claim,
            };
            prop_assert_eq!(ours_at(&citation, depth), serde_at(&citation, depth));
            let claim = ClaimOut {
                span,
                text: text.clone(),
                status: crate::claims::ClaimStatus::Unattributed,
                citations: citations.clone(),
                signals: vec![crate::claims::SignalKind::Statistic; citations.len()],
            };
            prop_assert_eq!(ours_at(&claim, depth), serde_at(&claim, depth));
            let diagnostic = DiagnosticOut {
                rule: name,
                severity: crate::diagnostics::Severity::Warning,
                message: text,
                span,
                line,
                column: 0,
                help,
                labels: labels.into_iter().map(|(span, text)| Label { span, text }).collect(),
            };
            prop_assert_eq!(ours_at(&diagnostic, depth), serde_at(&diagnostic, depth));
        }
    }
}
