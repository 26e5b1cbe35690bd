//! The grammar and the parser stay in step.
//!
//! * Every rule defined in `grammar/citation.peg` (`name <- …`) has a function of the same name
//!   in `src/parse/` marked with a `/// grammar: name` doc line, and every marked function is a
//!   rule. Helper functions carry no marker and are exempt.
//! * Every file in `grammar/examples/valid` parses as exactly one citation ending at the end of
//!   the text (a narrative example may have words before its source name, which the snapshot
//!   shows are left out); no file in `grammar/examples/invalid` yields a citation. The parse of each example is
//!   snapshotted (`snapshots/grammar_examples@…`).

mod common;

use citecheck::document::{Block, BlockKind};
use citecheck::parse::{Parsed, parse_citations};
use citecheck::source::Span;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn peg_rules() -> BTreeSet<String> {
    let peg = std::fs::read_to_string(Path::new(ROOT).join("grammar/citation.peg"))
        .expect("grammar/citation.peg is readable");
    peg.lines()
        .filter_map(|line| {
            let (head, _) = line.split_once("<-")?;
            let name = head.trim();
            let is_rule = !line.starts_with([' ', '#'])
                && !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            is_rule.then(|| name.to_string())
        })
        .collect()
}

/// `(rule, fn name on the next fn line, file)` for every `/// grammar: rule` marker.
fn marked_fns() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let dir = Path::new(ROOT).join("src/parse");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("src/parse is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("source is readable");
        let lines: Vec<&str> = text.lines().collect();
        for (k, line) in lines.iter().enumerate() {
            let Some(rule) = line.trim().strip_prefix("/// grammar:") else {
                continue;
            };
            let fn_name = lines[k + 1..]
                .iter()
                .find(|l| l.contains("fn "))
                .and_then(|l| l.split("fn ").nth(1))
                .map(|rest| {
                    rest.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .unwrap_or_default();
            let file = path.file_name().map(|f| f.to_string_lossy().to_string());
            out.push((rule.trim().to_string(), fn_name, file.unwrap_or_default()));
        }
    }
    out
}

#[test]
fn every_rule_has_a_function_and_back() {
    let rules = peg_rules();
    assert!(rules.len() > 40, "read only {} rules", rules.len());
    let marked = marked_fns();
    let mut errors = Vec::new();
    for (rule, f, file) in &marked {
        if rule != f {
            errors.push(format!("{file}: marker `grammar: {rule}` sits on fn `{f}`"));
        }
        if !rules.contains(rule) {
            errors.push(format!(
                "{file}: fn `{f}` is marked as rule `{rule}`, which grammar/citation.peg does not define"
            ));
        }
    }
    let fns: BTreeSet<&str> = marked.iter().map(|(r, _, _)| r.as_str()).collect();
    for rule in &rules {
        if !fns.contains(rule.as_str()) {
            errors.push(format!(
                "rule `{rule}` of grammar/citation.peg has no `/// grammar: {rule}` fn in src/parse/"
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for (rule, _, file) in &marked {
        if !seen.insert(rule) {
            errors.push(format!("{file}: rule `{rule}` is marked twice"));
        }
    }
    assert!(
        errors.is_empty(),
        "grammar and parser drifted:\n{}",
        errors.join("\n")
    );
}

fn parse_one(text: &str) -> Parsed {
    let blocks = [Block {
        kind: BlockKind::Paragraph,
        span: Span::new(0, text.len()),
    }];
    parse_citations(text, &blocks)
}

fn render(text: &str, p: &Parsed) -> String {
    let mut s = String::new();
    for c in &p.citations {
        let _ = writeln!(s, "{:?} {:?}", c.kind, c.span.slice(text));
        for src in &c.sources {
            let _ = write!(s, "  - name {:?}", src.name);
            match &src.date {
                Some(d) => {
                    let _ = write!(
                        s,
                        " date {:?} {:?} {:?}",
                        d.text, d.format, d.date.precision
                    );
                    if let Some(x) = d.suffix {
                        let _ = write!(s, " suffix {x}");
                    }
                }
                None => s.push_str(" undated"),
            }
            if let Some(l) = &src.locator {
                let _ = write!(s, " locator {l:?}");
            }
            if let Some(x) = &src.prefix {
                let _ = write!(s, " prefix {x:?}");
            }
            if src.secondary {
                s.push_str(" secondary");
            }
            s.push('\n');
        }
    }
    for q in &p.problems {
        let _ = writeln!(
            s,
            "problem {:?} at {:?}: {} (help: {})",
            q.kind,
            q.focus.slice(text),
            q.message,
            q.help.as_deref().unwrap_or("-")
        );
    }
    if s.is_empty() {
        s.push_str("nothing\n");
    }
    s
}

#[test]
fn grammar_examples() {
    common::settings().bind(|| {
        insta::glob!("../grammar/examples", "*/*.txt", |path| {
            let raw = std::fs::read_to_string(path).expect("example is readable");
            let text = raw.trim_end();
            let p = parse_one(text);
            let valid = path
                .parent()
                .and_then(|d| d.file_name())
                .is_some_and(|d| d == "valid");
            if valid {
                assert!(
                    p.citations.len() == 1 && p.citations[0].span.end == text.len(),
                    "{}: expected one citation ending at the end of {text:?}, got {:?}",
                    path.display(),
                    p.citations
                );
            } else {
                assert!(
                    p.citations.is_empty(),
                    "{}: expected no citation in {text:?}, got {:?}",
                    path.display(),
                    p.citations
                );
            }
            insta::assert_snapshot!(format!("{text}\n---\n{}", render(text, &p)));
        });
    });
}
