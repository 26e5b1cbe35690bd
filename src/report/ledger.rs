//! The attribution ledger: a text snapshot of an article's sourcing, made to be read in a diff.
//!
//! [`render`] writes, for one analysed article: where its publication date came from; every
//! claim in reading order with its status and, for each citation, the source, date and
//! locator as parsed (and the reference entry it points to); the findings; and every
//! reference entry with the citations that point to it. One block per claim, blank lines
//! between blocks, no byte offsets or line numbers and no timestamps, so that moving a
//! paragraph moves only its blocks and an unrelated edit changes nothing. Whitespace inside a
//! claim is collapsed, so re-wrapping a paragraph does not churn either.
//!
//! Where ledger files live (beside each article, `article.md.ledger`), comparing, writing and
//! reviewing them is the CLI's job (`cli::ledger`); this module only renders text and diffs.

use super::FileReport;
use crate::Article;
use crate::PublishedFrom;
use crate::claims::ClaimStatus;
use crate::dates::{Precision, Season};
use crate::parse::{Citation, CitedSource};
use crate::references::{ReferenceIndex, Resolution};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The first line of every ledger file; commands recognise their own files by it.
pub const MARKER: &str = "# citecheck ledger v1";

/// A ledger's file name: the article's, with `.ledger` appended (`article.md.ledger`).
pub const EXTENSION: &str = "ledger";
/// A pending ledger awaiting review: `article.md.ledger.new`.
pub const PENDING_SUFFIX: &str = ".new";

/// Claims and quotations longer than this many characters are shortened.
const MAX_QUOTE: usize = 160;
/// What a shortened quotation keeps of its start and its end.
const KEEP_HEAD: usize = 110;
const KEEP_TAIL: usize = 40;

/// `dir/article.md` → `dir/article.md.ledger`.
pub fn ledger_path(article: &Path) -> PathBuf {
    let mut s = article.as_os_str().to_os_string();
    s.push(".");
    s.push(EXTENSION);
    PathBuf::from(s)
}

/// `dir/article.md` → `dir/article.md.ledger.new`.
pub fn pending_path(article: &Path) -> PathBuf {
    let mut s = ledger_path(article).into_os_string();
    s.push(PENDING_SUFFIX);
    PathBuf::from(s)
}

/// `dir/article.md.ledger` → `dir/article.md`; `None` for other names.
pub fn article_of_ledger(ledger: &Path) -> Option<PathBuf> {
    let name = ledger.to_str()?;
    let stem = name.strip_suffix(&format!(".{EXTENSION}"))?;
    (!stem.is_empty()).then(|| PathBuf::from(stem))
}

/// `dir/article.md.ledger.new` → `dir/article.md`; `None` for other names.
pub fn article_of_pending(pending: &Path) -> Option<PathBuf> {
    let name = pending.to_str()?;
    article_of_ledger(Path::new(name.strip_suffix(PENDING_SUFFIX)?))
}

/// Whether `text` is a ledger we wrote (its first line is the marker).
pub fn is_ledger(text: &str) -> bool {
    text.lines().next().is_some_and(|l| l.starts_with(MARKER))
}

/// Renders the ledger of one article. `name` is how the header names the article (its file
/// name: the ledger sits beside it, so the folder would only add churn when it moves).
pub fn render(article: &Article, report: &FileReport, name: &str) -> String {
    let text = &article.source.text;
    let index = reference_index(article);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{MARKER}: the sources behind each claim of one article. Generated; refresh with `citecheck ledger --update`."
    );
    let _ = writeln!(out, "article: {}", one_line(name));
    match &article.published {
        Some(p) => {
            let _ = writeln!(out, "published: {} (from {})", p.date, from_name(p.from));
        }
        None => {
            let _ = writeln!(out, "published: unknown");
        }
    }

    // Claims, and citations that back no claim, in reading order.
    let mut blocks: Vec<(usize, String)> = Vec::new();
    for claim in &article.claims {
        let mut b = String::new();
        let _ = writeln!(b, "claim: {}", shorten(claim.span.slice(text)));
        let _ = writeln!(b, "  status: {}", status_name(claim.status));
        if claim.status == ClaimStatus::Attributed
            && let Some(a) = article
                .analyses
                .get(claim.sentence)
                .and_then(|a| a.attribution.as_ref())
        {
            let _ = writeln!(b, "  named in prose: {}", one_line(&a.source));
        }
        for &ci in &claim.citations {
            if let Some(c) = article.citations.get(ci) {
                write_citation(&mut b, c, &index, text);
            }
        }
        blocks.push((claim.span.start, b));
    }
    for (ci, c) in article.citations.iter().enumerate() {
        if article
            .claim_of_citation
            .get(ci)
            .copied()
            .flatten()
            .is_none()
        {
            let mut b = String::new();
            let _ = writeln!(
                b,
                "citation backing no claim: {}",
                one_line(c.span.slice(text))
            );
            write_citation(&mut b, c, &index, text);
            blocks.push((c.span.start, b));
        }
    }
    blocks.sort_by_key(|(start, _)| *start);
    let _ = writeln!(out, "\n## Claims");
    if blocks.is_empty() {
        let _ = writeln!(out, "\n(none)");
    }
    for (_, b) in &blocks {
        let _ = write!(out, "\n{b}");
    }

    let _ = writeln!(out, "\n## Findings");
    if report.diagnostics.is_empty() {
        let _ = writeln!(out, "\n(none)");
    }
    for d in &report.diagnostics {
        let _ = writeln!(
            out,
            "\n{} ({}): {}",
            d.rule,
            d.severity,
            one_line(&d.message)
        );
        let _ = writeln!(out, "  at: {}", shorten(d.span.slice(text)));
    }

    if article.doc.references.is_some() {
        write_references(&mut out, article, &index, text);
    }
    out
}

/// The article's reference list, indexed; empty when it has none.
pub fn reference_index(article: &Article) -> ReferenceIndex {
    ReferenceIndex::for_article(article).unwrap_or_default()
}

fn write_references(out: &mut String, article: &Article, index: &ReferenceIndex, text: &str) {
    let _ = writeln!(out, "\n## References");
    if index.entries.is_empty() {
        let _ = writeln!(out, "\n(none)");
        return;
    }
    // Entry → the citations (as written, with counts) that point to it, in reading order.
    let mut cited_by: Vec<Vec<(String, usize)>> = vec![Vec::new(); index.entries.len()];
    for c in &article.citations {
        let written = one_line(c.span.slice(text));
        for s in &c.sources {
            let hits = match index.resolve(s, c.kind) {
                Resolution::Found(e) => e,
                Resolution::Ambiguous { entries, .. } => entries,
                Resolution::YearMismatch(_) | Resolution::Missing => Vec::new(),
            };
            for e in hits {
                if let Some(list) = cited_by.get_mut(e) {
                    match list.iter_mut().find(|(w, _)| *w == written) {
                        Some((_, n)) => *n += 1,
                        None => list.push((written.clone(), 1)),
                    }
                }
            }
        }
    }
    for (entry, list) in index.entries.iter().zip(&cited_by) {
        let _ = writeln!(out, "\nreference: {}", shorten(entry.span.slice(text)));
        if list.is_empty() {
            let _ = writeln!(out, "  cited by: nothing");
        }
        for (w, n) in list {
            if *n > 1 {
                let _ = writeln!(out, "  cited by: {w} ×{n}");
            } else {
                let _ = writeln!(out, "  cited by: {w}");
            }
        }
    }
}

fn write_citation(b: &mut String, c: &Citation, index: &ReferenceIndex, text: &str) {
    let _ = writeln!(b, "  citation: {}", one_line(c.span.slice(text)));
    for s in &c.sources {
        let _ = writeln!(b, "    source: {}", describe_source(s, c, index));
    }
}

fn describe_source(s: &CitedSource, c: &Citation, index: &ReferenceIndex) -> String {
    let mut parts = vec![one_line(&s.name)];
    parts.push(match &s.date {
        Some(d) => {
            let parsed = parsed_date(d);
            if parsed == d.text {
                format!("date {}", one_line(&d.text))
            } else {
                format!("date {} = {parsed}", one_line(&d.text))
            }
        }
        None => "no date".to_string(),
    });
    if let Some(l) = &s.locator {
        parts.push(format!("locator {}", one_line(l)));
    }
    if let Some(p) = &s.prefix {
        parts.push(format!("prefix {}", one_line(p)));
    }
    if s.secondary {
        parts.push("cited through another work".to_string());
    }
    if !index.is_empty() {
        parts.push(match index.resolve(s, c.kind) {
            Resolution::Found(e) => {
                let labels: Vec<String> = e
                    .iter()
                    .filter_map(|&i| index.entries.get(i))
                    .map(|e| shorten(&e.label()))
                    .collect();
                format!("entry {}", labels.join(" and "))
            }
            Resolution::Ambiguous { entries, .. } => {
                format!("entry ambiguous between {} entries", entries.len())
            }
            Resolution::YearMismatch(e) => {
                let years: Vec<String> = e
                    .iter()
                    .filter_map(|&i| index.entries.get(i)?.date.as_ref())
                    .map(|d| d.text.clone())
                    .collect();
                format!("entry none for this year (listed: {})", years.join(", "))
            }
            Resolution::Missing => "entry none in the reference list".to_string(),
        });
    }
    parts.join(" · ")
}

/// The date as the parser understood it: `2025-07-14`, `2025-07`, `2025-Q2`, `2025-H1`,
/// `2025 summer`, `2020` (plus the suffix letter), `2019-2020`, `c1850`, `tuesday`, `undated`.
fn parsed_date(d: &crate::parse::CitationDate) -> String {
    let p = &d.date;
    let y = p.year.map(|y| format!("{y:04}")).unwrap_or_default();
    let mut s = match p.precision {
        Precision::Day => format!("{y}-{:02}-{:02}", p.month.unwrap_or(0), p.day.unwrap_or(0)),
        Precision::Month => format!("{y}-{:02}", p.month.unwrap_or(0)),
        Precision::Quarter => format!("{y}-Q{}", p.quarter.unwrap_or(0)),
        Precision::Half => format!("{y}-H{}", p.half.unwrap_or(0)),
        Precision::Season => {
            let season = match p.season {
                Some(Season::Spring) => "spring",
                Some(Season::Summer) => "summer",
                Some(Season::Fall) => "fall",
                Some(Season::Winter) => "winter",
                None => "season",
            };
            format!("{y} {season}")
        }
        Precision::Year => y,
        Precision::Years => match p.first_year {
            Some(first) => format!("{first:04}-{y}"),
            None => y,
        },
        Precision::Circa => format!("c{y}"),
        Precision::Yearless => format!("--{:02}-{:02}", p.month.unwrap_or(0), p.day.unwrap_or(0)),
        // Not read against a publication date: the day it names, "tuesday".
        Precision::Weekday => crate::dates::weekday_from_name(&d.text)
            .map_or("weekday", crate::dates::weekday_name)
            .to_ascii_lowercase(),
        Precision::Undated => "undated".to_string(),
    };
    if let Some(c) = d.suffix {
        s.push(c);
    }
    s
}

fn from_name(f: PublishedFrom) -> &'static str {
    match f {
        PublishedFrom::FrontMatter => "front-matter",
        PublishedFrom::Dateline => "dateline",
        PublishedFrom::Config => "config",
        PublishedFrom::Flag => "flag",
    }
}

fn status_name(s: ClaimStatus) -> &'static str {
    match s {
        ClaimStatus::Cited => "cited",
        ClaimStatus::Attributed => "attributed",
        ClaimStatus::Unattributed => "unattributed",
    }
}

/// Collapses every run of whitespace (newlines included) into one space.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// One line, and when longer than `MAX_QUOTE` characters, its start and end around ` … `,
/// cut at word boundaries so the same text always shortens the same way.
pub fn shorten(s: &str) -> String {
    let line = one_line(s);
    let count = line.chars().count();
    if count <= MAX_QUOTE {
        return line;
    }
    let head_end = line
        .char_indices()
        .nth(KEEP_HEAD)
        .map_or(line.len(), |(i, _)| i);
    let head = match line.get(..head_end).and_then(|h| h.rfind(' ')) {
        Some(sp) if sp > head_end / 2 => line.get(..sp).unwrap_or(""),
        _ => line.get(..head_end).unwrap_or(""),
    };
    let tail_start = line
        .char_indices()
        .nth(count - KEEP_TAIL)
        .map_or(line.len(), |(i, _)| i);
    let tail = match line.get(tail_start..).and_then(|t| t.find(' ')) {
        Some(sp) if sp < (line.len() - tail_start) / 2 => line.get(tail_start + sp + 1..),
        _ => line.get(tail_start..),
    }
    .unwrap_or("");
    format!("{head} … {tail}")
}

/// A unified diff of two ledgers, with file headers, or `None` when they are equal.
pub fn diff(old: &str, new: &str, old_name: &str, new_name: &str) -> Option<String> {
    if old == new {
        return None;
    }
    let d = similar::TextDiff::from_lines(old, new);
    let mut out = d
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_weekday_unread_is_written_as_the_day_it_names() {
        use crate::dates::PartialDate;
        use crate::parse::{CitationDate, DateFormat};
        let weekday = |text: &str, date: PartialDate| CitationDate {
            text: text.to_string(),
            span: crate::source::Span::new(0, text.len()),
            date,
            format: DateFormat::Weekday,
            suffix: None,
        };
        let unread = PartialDate {
            precision: Precision::Weekday,
            ..PartialDate::UNDATED
        };
        assert_eq!(parsed_date(&weekday("Tues.", unread)), "tuesday");
        let read = PartialDate::day(2026, 9, 15);
        assert_eq!(parsed_date(&weekday("Tues.", read)), "2026-09-15");
    }

    #[test]
    fn paths_round_trip() {
        let a = Path::new("news/a.md");
        assert_eq!(ledger_path(a), PathBuf::from("news/a.md.ledger"));
        assert_eq!(pending_path(a), PathBuf::from("news/a.md.ledger.new"));
        assert_eq!(article_of_ledger(&ledger_path(a)).as_deref(), Some(a));
        assert_eq!(article_of_pending(&pending_path(a)).as_deref(), Some(a));
        assert_eq!(article_of_ledger(Path::new("a.md")), None);
        assert_eq!(article_of_pending(Path::new("a.md.ledger")), None);
    }

    #[test]
    fn shortening_is_stable_and_bounded() {
        assert_eq!(shorten("a  short\n claim."), "a short claim.");
        let long = "word ".repeat(100) + "end.";
        let s = shorten(&long);
        assert!(s.chars().count() <= MAX_QUOTE + 5, "{s}");
        assert!(s.contains(" … "));
        assert!(s.ends_with("end."));
        assert_eq!(s, shorten(&long.replace(' ', "\n")));
        let wide = "é".repeat(400);
        assert!(shorten(&wide).contains('…'));
    }

    #[test]
    fn marker_recognised() {
        assert!(is_ledger(&format!("{MARKER}: x\narticle: a.md\n")));
        assert!(!is_ledger("article: a.md\n"));
    }

    #[test]
    fn diff_is_none_when_equal() {
        assert_eq!(diff("a\n", "a\n", "x", "y"), None);
        let d = diff("a\nb\n", "a\nc\n", "old", "new").unwrap_or_default();
        assert!(
            d.contains("-b\n") && d.contains("+c\n") && d.contains("--- old"),
            "{d}"
        );
    }
}
