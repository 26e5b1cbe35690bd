//! Hand-built articles for the rules' unit tests: a tiny citation reader (`(Name, Date; …)`),
#![allow(clippy::unwrap_used)]
//! a naive sentence splitter and one claim per sentence with citations, so that the rules can
//! be tested without the real parser, segmenter and pairing.

use super::Rule;
use crate::claims::{Claim, ClaimStatus, SentenceAnalysis};
use crate::config::Config;
use crate::dates::{MonthStyle, PartialDate, month_from_name};
use crate::diagnostics::Finding;
use crate::document::Document;
use crate::pairing::{Pair, Placement};
use crate::parse::{Citation, CitationDate, CitationKind, CitedSource, DateFormat};
use crate::segment::Sentence;
use crate::source::{SourceFile, Span};
use crate::{Article, Published, PublishedFrom};

pub struct ArticleBuilder {
    pub text: String,
    pub config: Config,
    published: Option<Published>,
}

/// Runs one rule on `text` through the real pipeline (`crate::analyse`), as a `.txt` file with
/// the default config.
pub fn run_real(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    run_real_with(rule, "a.txt", text, &Config::default())
}

/// Runs one rule on `text` through the real pipeline, read as the file `path` (its extension
/// picks Markdown or plain text) with `config`.
pub fn run_real_with(rule: &dyn Rule, path: &str, text: &str, config: &Config) -> Vec<Finding> {
    let src = SourceFile::new(path, text);
    let article = crate::analyse(&src, config);
    let mut out = Vec::new();
    rule.check(&article, &mut out);
    out
}

/// The dateline [`dated`] puts on top of an article.
const DATELINE: &str = "August 11, 2025\n\n";

/// `text` under a dateline, so that the real pipeline publishes it on August 11, 2025.
pub fn dated(text: &str) -> String {
    format!("{DATELINE}{text}")
}

pub fn codes(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.rule.as_str()).collect()
}

impl ArticleBuilder {
    pub fn new(text: &str) -> Self {
        ArticleBuilder {
            text: text.to_string(),
            config: Config::default(),
            published: None,
        }
    }

    /// The publication date, as if read from a dateline on the first line.
    pub fn published_dateline(mut self, y: i16, m: i8, d: i8) -> Self {
        self.published = Some(Published {
            date: jiff::civil::date(y, m, d),
            from: PublishedFrom::Dateline,
            span: Some(Span::new(0, 1)),
        });
        self
    }

    pub fn published(mut self, y: i16, m: i8, d: i8) -> Self {
        self.published = Some(Published {
            date: jiff::civil::date(y, m, d),
            from: PublishedFrom::Flag,
            span: None,
        });
        self
    }

    pub fn config(mut self, f: impl FnOnce(&mut Config)) -> Self {
        f(&mut self.config);
        self
    }

    pub fn run(&self, rule: &dyn Rule) -> Vec<Finding> {
        let source = SourceFile::new("test.txt", self.text.clone());
        let doc = Document::build(&source);
        let text = &source.text;
        let citations = read_citations(text);
        let sentences = split(text);
        let mut pairs = Vec::new();
        for c in &citations {
            pairs.push(
                sentences
                    .iter()
                    .position(|s| s.span.contains(c.span))
                    .map(|si| Pair {
                        sentence: si,
                        target: sentences[si].span,
                        placement: Placement::EndOfSentence,
                    }),
            );
        }
        let mut claims = Vec::new();
        let mut claim_of_citation = vec![None; citations.len()];
        for (si, s) in sentences.iter().enumerate() {
            let cits: Vec<usize> = pairs
                .iter()
                .enumerate()
                .filter(|(_, p)| p.is_some_and(|p| p.sentence == si))
                .map(|(i, _)| i)
                .collect();
            if cits.is_empty() {
                continue;
            }
            for &c in &cits {
                claim_of_citation[c] = Some(claims.len());
            }
            claims.push(Claim {
                span: s.span,
                sentence: si,
                status: ClaimStatus::Cited,
                citations: cits,
                signals: Vec::new(),
            });
        }
        let article = Article {
            source: &source,
            config: &self.config,
            doc,
            published: self.published,
            analyses: vec![SentenceAnalysis::default(); sentences.len()],
            sentences,
            citations,
            problems: Vec::new(),
            pairs,
            claims,
            claim_of_citation,
            prose_cache: Default::default(),
        };
        let mut out = Vec::new();
        rule.check(&article, &mut out);
        out
    }
}

fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut start = 0;
    let mut push = |s: usize, e: usize| {
        let raw = &text[s..e];
        let lead = raw.len() - raw.trim_start().len();
        let t = raw.trim();
        if !t.is_empty() {
            out.push(Sentence {
                span: Span::new(s + lead, s + lead + t.len()),
                block: 0,
            });
        }
    };
    for i in 0..b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'.' | b'\n' if depth == 0 && (i + 1 == b.len() || b[i + 1].is_ascii_whitespace()) => {
                // "Aug. 12" and "U.S." do not end sentences in these tests' prose.
                let word_start = text[..i].rfind(' ').map_or(0, |p| p + 1);
                let word = &text[word_start..i];
                if b[i] == b'.' && (month_from_name(word).is_some() || word.contains('.')) {
                    continue;
                }
                push(start, i + 1);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(start, b.len());
    out
}

fn read_citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(open) = text[i..].find('(').map(|p| p + i) {
        let Some(close) = text[open..].find(')').map(|p| p + open) else {
            break;
        };
        let inner = &text[open + 1..close];
        let mut sources = Vec::new();
        let mut pos = open + 1;
        for item in inner.split(';') {
            let item_start = pos + (item.len() - item.trim_start().len());
            pos += item.len() + 1;
            let item = item.trim();
            let Some(comma) = item.find(", ") else {
                continue;
            };
            let name = &item[..comma];
            let date_text = &item[comma + 2..];
            let Some((date, format)) = read_date(date_text) else {
                continue;
            };
            let date_start = item_start + comma + 2;
            sources.push(CitedSource {
                name: name.to_string(),
                name_span: Span::new(item_start, item_start + name.len()),
                date: Some(CitationDate {
                    text: date_text.to_string(),
                    span: Span::new(date_start, date_start + date_text.len()),
                    date,
                    format,
                    suffix: None,
                }),
                locator: None,
                prefix: None,
                secondary: false,
            });
        }
        if !sources.is_empty() {
            out.push(Citation {
                span: Span::new(open, close + 1),
                paren: Span::new(open, close + 1),
                kind: CitationKind::Parenthetical,
                sources,
            });
        }
        i = close + 1;
    }
    out
}

fn read_date(s: &str) -> Option<(PartialDate, DateFormat)> {
    if s == "n.d." {
        return Some((PartialDate::UNDATED, DateFormat::Undated));
    }
    let parts: Vec<&str> = s.split(['-', ' ', ',']).filter(|p| !p.is_empty()).collect();
    let n = |p: &str| p.parse::<i16>().ok();
    match parts.as_slice() {
        [y] => Some((PartialDate::year(n(y)?), DateFormat::Year)),
        [y, m] if s.contains('-') => {
            Some((PartialDate::month(n(y)?, n(m)? as i8), DateFormat::IsoMonth))
        }
        [y, m, d] if s.contains('-') => Some((
            PartialDate::day(n(y)?, n(m)? as i8, n(d)? as i8),
            DateFormat::IsoDay,
        )),
        [m, y] => {
            let (m, st) = month_from_name(m)?;
            Some((PartialDate::month(n(y)?, m), DateFormat::MonthYear(st)))
        }
        [a, b, y] => match month_from_name(a) {
            Some((m, st)) => Some((
                PartialDate::day(n(y)?, m, n(b)? as i8),
                DateFormat::MonthDayYear(st),
            )),
            None => {
                let (m, st) = month_from_name(b)?;
                Some((
                    PartialDate::day(n(y)?, m, n(a)? as i8),
                    DateFormat::DayMonthYear(st),
                ))
            }
        },
        _ => None,
    }
}

#[test]
fn reads_test_citations() {
    let c = read_citations("X (CNN Business, Jul. 14, 2025; Smith, 2020) y (see Figure 2).");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].sources.len(), 2);
    let d = c[0].sources[0].date.as_ref().unwrap();
    assert_eq!(d.format, DateFormat::MonthDayYear(MonthStyle::AbbrevDot));
    assert_eq!(d.date, PartialDate::day(2025, 7, 14));
}

#[test]
fn dated_articles_are_published_by_their_dateline() {
    let text = dated("Exports rose (Reuters, July 2025).");
    let src = SourceFile::new("a.txt", text.as_str());
    let config = Config::default();
    let article = crate::analyse(&src, &config);
    let published = article.published.unwrap();
    assert_eq!(published.date, jiff::civil::date(2025, 8, 11));
    assert_eq!(published.from, PublishedFrom::Dateline);
    assert_eq!(article.citations.len(), 1);
    assert_eq!(article.claims.len(), 1, "the dateline is not a claim");
}
