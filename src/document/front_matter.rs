//! Front matter: a YAML (`---`) or TOML (`+++`) block at the very top of a file.
//!
//! Only top-level scalar fields are read (`key: value`, `key = value`), with the byte span
//! of each value (quotes stripped) so a diagnostic can point at `date: 2025-08-11`. Nested
//! maps, lists and multi-line strings are skipped: no rule needs them. Which key holds the
//! publication date is decided in `lib.rs`.

use super::{FrontMatter, FrontMatterField};
use crate::source::Span;

/// Finds front matter at the top of `text` (after an optional BOM) without a Markdown parser:
/// the opening fence line, then lines up to a closing fence. Used for plain text; Markdown
/// gets the span from pulldown-cmark and calls [`parse`].
pub(crate) fn find(text: &str) -> Option<FrontMatter> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = text.get(start..)?;
    let first = rest.split_inclusive('\n').next()?;
    let fence = first.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let mut pos = start + first.len();
    for line in text.get(pos..)?.split_inclusive('\n') {
        let t = line.trim_end();
        if t == fence || (fence == "---" && t == "...") {
            let span = Span::new(start, pos + line.len());
            return Some(parse(text, span));
        }
        pos += line.len();
    }
    None
}

/// Reads the fields of the front matter block at `span` (fences included).
pub(crate) fn parse(text: &str, span: Span) -> FrontMatter {
    let mut fields = Vec::new();
    let mut pos = span.start;
    let body = span.slice(text);
    let toml = body.trim_start().starts_with("+++");
    for line in body.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with(|c: char| c.is_whitespace()) {
            continue; // nested: not top level
        }
        if toml && content.starts_with('[') {
            break; // a table: every later key belongs to it
        }
        let sep = if toml { '=' } else { ':' };
        let Some(i) = content.find(sep) else {
            continue;
        };
        let key = content[..i].trim();
        let valid_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        if !valid_key {
            continue;
        }
        let key = key.trim_matches('"');
        let after = i + sep.len_utf8();
        if let Some((value, vspan)) = scalar(content, after) {
            fields.push(FrontMatterField {
                key: key.to_string(),
                value: value.to_string(),
                value_span: vspan.offset(line_start),
            });
        }
    }
    FrontMatter { span, fields }
}

/// The scalar value of `line[from..]`: trimmed, quotes stripped, a trailing ` # comment`
/// dropped. `None` for empty values and the openers of lists, maps and block strings.
fn scalar(line: &str, from: usize) -> Option<(&str, Span)> {
    let raw = line.get(from..)?;
    let lead = raw.len() - raw.trim_start().len();
    let v = raw.trim();
    let start = from + lead;
    if v.is_empty() || v.starts_with(['[', '{', '|', '>', '&', '*']) {
        return None;
    }
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q) {
            let close = inner.find(q)?;
            let value = &inner[..close];
            if value.is_empty() {
                return None; // empty, or a TOML multi-line string opener
            }
            return Some((value, Span::new(start + 1, start + 1 + close)));
        }
    }
    let v = match v.find(" #") {
        Some(i) => v[..i].trim_end(),
        None => v,
    };
    (!v.is_empty()).then(|| (v, Span::new(start, start + v.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(String, String, String)> {
        find(text)
            .map(|fm| {
                fm.fields
                    .into_iter()
                    .map(|f| {
                        let at = f.value_span.slice(text).to_string();
                        (f.key, f.value, at)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn kv(k: &str, v: &str) -> (String, String, String) {
        (k.into(), v.into(), v.into())
    }

    #[test]
    fn yaml_scalars_with_spans() {
        let t = "---\ntitle: \"Rail Freight\"\ndate: 2025-09-02 # local\ntags: [a, b]\nauthor:\n  name: X\npubDate: 'Aug 3, 2025'\n---\nBody\n";
        assert_eq!(
            fields(t),
            vec![
                kv("title", "Rail Freight"),
                kv("date", "2025-09-02"),
                kv("pubDate", "Aug 3, 2025")
            ]
        );
        assert_eq!(
            find(t).map(|f| f.span.slice(t).ends_with("---\n")),
            Some(true)
        );
    }

    #[test]
    fn toml_scalars_stop_at_tables() {
        let t = "+++\ntitle = \"Trade\"\ndate = 2025-08-11T09:00:00Z\n[extra]\npublished = \"2020-01-01\"\n+++\n";
        assert_eq!(
            fields(t),
            vec![kv("title", "Trade"), kv("date", "2025-08-11T09:00:00Z")]
        );
    }

    #[test]
    fn bom_and_unclosed() {
        assert_eq!(
            fields("\u{feff}---\ndate: 2025-01-02\n---\n"),
            vec![kv("date", "2025-01-02")]
        );
        assert!(find("---\ndate: 2025-01-02\nno close\n").is_none());
        assert!(find("Title\n---\n").is_none());
        assert!(find("").is_none());
    }
}
