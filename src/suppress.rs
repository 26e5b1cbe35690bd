//! Applying suppression comments to findings, and reporting the ones that suppress nothing.
//!
//! The document stage parses the comments into [`Document::suppressions`](crate::document::Document::suppressions); this module decides
//! what each one covers and drops the findings it covers. [`crate::check`] calls it right after
//! the rules, so every output (JSON, SARIF, the ledger) sees the same findings.
//!
//! - `citecheck-disable-next-line CODE…` covers findings that touch the first non-blank line
//!   after the comment.
//! - `citecheck-disable CODE…` … `citecheck-enable CODE…` covers findings that start between the
//!   two comments (or after the first, to the end of the file). Without codes, every rule.
//! - `citecheck-disable-file [CODE…]` covers the whole file.
//!
//! A suppression (or one code in it) that covers no finding is an `unused-suppression` finding,
//! unless the rule it names is switched off for this file anyway. Suppression comments cannot
//! suppress `unused-suppression` itself; the config can switch it off.

use crate::Article;
use crate::diagnostics::Finding;
use crate::document::{Suppression, SuppressionKind};
use crate::rules::UnusedSuppression;
use std::collections::HashMap;

/// Drops the findings that suppressions cover and adds `unused-suppression` findings.
pub fn apply(article: &Article, findings: Vec<Finding>) -> Vec<Finding> {
    let sups = &article.doc.suppressions;
    if sups.is_empty() {
        return findings;
    }
    let source = article.source;
    let lines = source.line_index();
    let text = &source.text;
    // used[i] holds, per code named by suppression i (or "" for "every rule"), whether it
    // covered something.
    let mut used: Vec<HashMap<&str, bool>> = sups
        .iter()
        .map(|s| {
            if s.codes.is_empty() {
                HashMap::from([("", false)])
            } else {
                s.codes.iter().map(|c| (c.as_str(), false)).collect()
            }
        })
        .collect();
    // Next-line comments by the line they cover (sorted, for a binary search per finding),
    // and whole-file comments.
    let has_next_line = sups.iter().any(|s| s.kind == SuppressionKind::NextLine);
    let content = if has_next_line {
        content_lines(text, lines, sups)
    } else {
        Vec::new()
    };
    let mut by_line: Vec<(usize, usize)> = Vec::new();
    let mut whole_file: Vec<(usize, usize)> = Vec::new();
    for (i, s) in sups.iter().enumerate() {
        match s.kind {
            SuppressionKind::NextLine => {
                let own = lines.line_of(s.span.end.saturating_sub(1).max(s.span.start));
                if let Some(&Some(l)) = content.get(own + 1) {
                    by_line.push((l, i));
                }
            }
            SuppressionKind::File => whole_file.push((0, i)),
            SuppressionKind::Disable | SuppressionKind::Enable => {}
        }
    }
    by_line.sort_unstable();

    // Range comments in document order, swept alongside findings in start order.
    let mut events: Vec<usize> = (0..sups.len())
        .filter(|&i| {
            matches!(
                sups[i].kind,
                SuppressionKind::Disable | SuppressionKind::Enable
            )
        })
        .collect();
    events.sort_by_key(|&i| sups[i].span.start);
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].span.start);

    let mut state = RangeState::default();
    let mut next_event = 0;
    let mut keep = vec![true; findings.len()];
    for &fi in &order {
        let f = &findings[fi];
        if f.rule == UnusedSuppression::CODE {
            continue;
        }
        while let Some(&ei) = events.get(next_event)
            && sups[ei].span.end <= f.span.start
        {
            state.step(ei, &sups[ei]);
            next_event += 1;
        }
        let (first_line, last_line) = (
            lines.line_of(f.span.start),
            lines.line_of(f.span.end.saturating_sub(1).max(f.span.start)),
        );
        let mut suppressed = false;
        let from = by_line.partition_point(|&(l, _)| l < first_line);
        let upto = by_line.partition_point(|&(l, _)| l <= last_line);
        for &(_, si) in by_line
            .get(from..upto)
            .unwrap_or(&[])
            .iter()
            .chain(&whole_file)
        {
            if let Some(key) = names(&sups[si], &f.rule) {
                mark(&mut used[si], key);
                suppressed = true;
            }
        }
        if let Some((si, key)) = state.covering(&f.rule) {
            mark(&mut used[si], key);
            suppressed = true;
        }
        if suppressed {
            keep[fi] = false;
        }
    }
    let mut out: Vec<Finding> = findings
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect();

    let level = article.config.level(UnusedSuppression::CODE);
    if let Some(severity) = level.severity() {
        for (si, s) in sups.iter().enumerate() {
            if s.kind == SuppressionKind::Enable {
                continue;
            }
            // Report codes in the order written, so output is deterministic.
            let keys: Vec<&str> = if s.codes.is_empty() {
                vec![""]
            } else {
                s.codes.iter().map(String::as_str).collect()
            };
            for key in keys {
                if used[si].get(key).copied().unwrap_or(true) {
                    continue;
                }
                let known = key.is_empty() || crate::rules::find(key).is_some();
                if known && !key.is_empty() && !article.config.enabled(key) {
                    continue;
                }
                out.push(UnusedSuppression::finding(s, key, known, severity));
            }
        }
    }
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    out
}

fn mark<'a>(used: &mut HashMap<&'a str, bool>, key: &'a str) {
    if let Some(u) = used.get_mut(key) {
        *u = true;
    }
}

/// The code of `s` that covers `rule` ("" when `s` names no codes), if any.
fn names<'a>(s: &'a Suppression, rule: &str) -> Option<&'a str> {
    if s.codes.is_empty() {
        Some("")
    } else {
        s.codes
            .iter()
            .find(|c| c.as_str() == rule)
            .map(String::as_str)
    }
}

/// For each line, the first line at or after it with text other than whitespace and
/// suppression comments (so stacked next-line comments all reach the text below them), or
/// `None`. One backward pass, so many comments cost no more than one.
fn content_lines(
    text: &str,
    lines: &crate::source::LineIndex,
    sups: &[Suppression],
) -> Vec<Option<usize>> {
    let n = lines.line_count();
    let mut comment_line = vec![false; n];
    for s in sups {
        let l = lines.line_of(s.span.start);
        if let Some(c) = comment_line.get_mut(l) {
            *c = true;
        }
    }
    let mut next = vec![None; n + 1];
    for line in (0..n).rev() {
        let start = lines.line_start(line);
        let end = if line + 1 < n {
            lines.line_start(line + 1)
        } else {
            text.len()
        };
        let body = text.get(start..end).unwrap_or("").trim();
        let only_comment =
            comment_line.get(line).copied().unwrap_or(false) && body.starts_with("<!--");
        let is_content = !body.is_empty() && !only_comment;
        let after = next.get(line + 1).copied().flatten();
        if let Some(slot) = next.get_mut(line) {
            *slot = if is_content { Some(line) } else { after };
        }
    }
    next
}

/// Which rules a `disable`/`enable` sweep has switched off at the current offset.
#[derive(Default)]
struct RangeState<'a> {
    /// The `disable` without codes in force, and the codes re-enabled since.
    all: Option<usize>,
    reenabled: Vec<&'a str>,
    /// Per-code `disable`s in force.
    codes: HashMap<&'a str, usize>,
}

impl<'a> RangeState<'a> {
    fn step(&mut self, i: usize, s: &'a Suppression) {
        match (s.kind, s.codes.is_empty()) {
            (SuppressionKind::Disable, true) => {
                self.all = Some(i);
                self.reenabled.clear();
            }
            (SuppressionKind::Disable, false) => {
                for c in &s.codes {
                    self.codes.insert(c, i);
                    self.reenabled.retain(|r| r != c);
                }
            }
            (SuppressionKind::Enable, true) => {
                self.all = None;
                self.codes.clear();
                self.reenabled.clear();
            }
            (SuppressionKind::Enable, false) => {
                for c in &s.codes {
                    self.codes.remove(c.as_str());
                    if self.all.is_some() {
                        self.reenabled.push(c);
                    }
                }
            }
            _ => {}
        }
    }

    /// The suppression (and which of its codes) covering `rule` here.
    fn covering(&self, rule: &str) -> Option<(usize, &'a str)> {
        if let Some((code, &i)) = self.codes.get_key_value(rule) {
            return Some((i, code));
        }
        match self.all {
            Some(i) if !self.reenabled.contains(&rule) => Some((i, "")),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Level};
    use crate::diagnostics::Severity;
    use crate::source::{SourceFile, Span};

    /// Runs `apply` on `text` with suppressions at the comments found in it (parsed here by
    /// hand so these tests do not depend on the document stage) and findings at each `@X`
    /// marker, for rule X in {a: unattributed-claim, b: other-rule}.
    fn run(text: &str, config: &Config) -> Vec<(String, usize)> {
        let src = SourceFile::new("t.md", text);
        let mut article = crate::analyse(&src, config);
        article.doc.to_mut().suppressions = find_comments(text);
        let mut findings = Vec::new();
        for (i, _) in text.match_indices('@') {
            let rule = match text.as_bytes().get(i + 1) {
                Some(b'a') => "unattributed-claim",
                _ => "other-rule",
            };
            findings.push(Finding::new(
                rule,
                Severity::Warning,
                Span::new(i, i + 2),
                "f",
            ));
        }
        apply(&article, findings)
            .into_iter()
            .map(|f| (f.rule, src.line_col(f.span.start).0))
            .collect()
    }

    fn find_comments(text: &str) -> Vec<Suppression> {
        let mut out = Vec::new();
        for (start, _) in text.match_indices("<!--") {
            let Some(len) = text[start..].find("-->") else {
                continue;
            };
            let end = start + len + 3;
            let inner = text[start + 4..end - 3].trim();
            let mut words = inner.split_whitespace();
            let kind = match words.next() {
                Some("citecheck-disable-next-line") => SuppressionKind::NextLine,
                Some("citecheck-disable") => SuppressionKind::Disable,
                Some("citecheck-enable") => SuppressionKind::Enable,
                Some("citecheck-disable-file") => SuppressionKind::File,
                _ => continue,
            };
            out.push(Suppression {
                kind,
                span: Span::new(start, end),
                codes: words.map(str::to_string).collect(),
            });
        }
        out
    }

    #[test]
    fn next_line_covers_only_its_line_and_code() {
        let text = "<!-- citecheck-disable-next-line unattributed-claim -->\n<!-- citecheck-disable-next-line other-rule -->\n\n@a @b\n@a\n";
        let got = run(text, &Config::default());
        assert_eq!(got, [("unattributed-claim".to_string(), 5)]);
    }

    #[test]
    fn range_and_reenable() {
        let text = "@a\n<!-- citecheck-disable -->\n@a @b\n<!-- citecheck-enable other-rule -->\n@a @b\n<!-- citecheck-enable -->\n@a\n";
        let got = run(text, &Config::default());
        assert_eq!(
            got,
            [
                ("unattributed-claim".to_string(), 1),
                ("other-rule".to_string(), 5),
                ("unattributed-claim".to_string(), 7)
            ]
        );
    }

    #[test]
    fn file_suppression_and_unused_reports() {
        let text = "<!-- citecheck-disable-file unattributed-claim -->\n@a @b\n<!-- citecheck-disable-next-line unattributed-claim -->\nnothing here\n";
        let got = run(text, &Config::default());
        assert_eq!(
            got,
            [
                ("other-rule".to_string(), 2),
                ("unused-suppression".to_string(), 3)
            ]
        );
    }

    #[test]
    fn unknown_code_is_reported_disabled_rule_is_not() {
        let text = "<!-- citecheck-disable-next-line unatributed-claim -->\nx\n";
        assert_eq!(
            run(text, &Config::default()),
            [("unused-suppression".to_string(), 1)]
        );
        let mut config = Config::default();
        config.rules.insert("unattributed-claim".into(), Level::Off);
        let text = "<!-- citecheck-disable-next-line unattributed-claim -->\nx\n";
        assert!(run(text, &config).is_empty());
        config.rules.insert("unused-suppression".into(), Level::Off);
        let text = "<!-- citecheck-disable-next-line other-rule -->\nx\n";
        assert!(run(text, &config).is_empty());
    }
}
