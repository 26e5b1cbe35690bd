//! Suppression comments: `<!-- citecheck-disable-next-line CODE[, CODE] -->`,
//! `<!-- citecheck-disable CODE -->`, `<!-- citecheck-enable CODE -->` and
//! `<!-- citecheck-disable-file -->`.
//!
//! This module only reads them (with their spans); applying them to findings and reporting
//! unused ones is the CLI's job. Only Markdown has comments; plain text is configured by glob.

use super::{Suppression, SuppressionKind};
use crate::pattern::Short;
use crate::source::Span;
use std::sync::LazyLock;

pub(crate) static COMMENT: LazyLock<Short> = LazyLock::new(|| {
    Short::new(
        r"<!--\s*citecheck-(disable-next-line|disable-file|disable|enable)(?:[ \t]+([^>]*?))?\s*-->",
    )
    .unwrap_or_else(|e| unreachable!("suppression regex: {e}"))
});

/// Every suppression comment inside `text[span]` (an HTML block or inline HTML).
pub(crate) fn scan(text: &str, span: Span, out: &mut Vec<Suppression>) {
    let hay = span.slice(text);
    if !hay.contains("citecheck-") {
        return;
    }
    for cap in COMMENT.captures_iter(hay) {
        let (Some(whole), Some(kind)) = (cap.get(0), cap.get(1)) else {
            continue;
        };
        let kind = match kind.as_str() {
            "disable-next-line" => SuppressionKind::NextLine,
            "disable-file" => SuppressionKind::File,
            "disable" => SuppressionKind::Disable,
            _ => SuppressionKind::Enable,
        };
        let codes = cap
            .get(2)
            .map(|m| {
                m.as_str()
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        out.push(Suppression {
            kind,
            span: Span::new(whole.start(), whole.end()).offset(span.start),
            codes,
        });
    }
}

/// This module's patterns, one compiling task each (see `crate::warm_up`).
pub(crate) const WARM_UP: &[fn()] = crate::warm_up_tasks![COMMENT];

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Vec<(SuppressionKind, Vec<String>, &str)> {
        let mut out = Vec::new();
        scan(s, Span::new(0, s.len()), &mut out);
        out.into_iter()
            .map(|x| (x.kind, x.codes, x.span.slice(s)))
            .collect()
    }

    #[test]
    fn kinds_and_codes() {
        use SuppressionKind::*;
        let s = "<!-- citecheck-disable-next-line unattributed-claim, stale-citation -->";
        assert_eq!(
            parse(s),
            vec![(
                NextLine,
                vec!["unattributed-claim".into(), "stale-citation".into()],
                s
            )]
        );
        assert_eq!(parse("<!--citecheck-disable-file-->")[0].0, File);
        assert_eq!(
            parse("<!-- citecheck-disable-file -->")[0].1,
            Vec::<String>::new()
        );
        assert_eq!(parse("<!-- citecheck-disable a -->")[0].0, Disable);
        assert_eq!(parse("<!-- citecheck-enable a b -->")[0].1, vec!["a", "b"]);
        assert_eq!(parse("<!-- citecheck-disable -->")[0].0, Disable);
    }

    #[test]
    fn other_comments_are_ignored() {
        assert!(parse("<!-- a note -->").is_empty());
        assert!(parse("<!-- citecheck-disable-line x -->").is_empty());
        assert!(parse("<!-- citecheck-disable x").is_empty());
    }

    #[test]
    fn spans_are_offset() {
        let s = "<p>x</p>\n<!-- citecheck-enable -->";
        let mut out = Vec::new();
        scan(s, Span::new(9, s.len()), &mut out);
        assert_eq!(out[0].span.slice(s), "<!-- citecheck-enable -->");
    }
}
