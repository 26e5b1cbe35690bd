//! citecheck checks source attribution in articles before they are published.
//!
//! The pipeline runs one way, each stage a module handing the next plain data:
//! [`source`] → [`document`] → [`segment`] → [`parse`] → [`claims`] → [`pairing`] →
//! [`rules`] → [`report`]. [`analyse`] runs the stages up to the rules and returns an
//! [`Article`]; [`check`] runs the rules too and returns a [`report::FileReport`], the plain
//! data of the JSON contract. Nothing in the library prints; the CLI (`cli`) walks folders,
//! applies suppressions and baselines and writes output.

pub mod atomic;
pub mod baseline;
pub mod claims;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod document;
pub(crate) mod gate;
pub mod pairing;
pub mod parse;
pub mod prose_dates;
pub mod references;
pub mod report;
pub mod rules;
pub mod segment;
pub mod source;
pub mod source_names;
pub mod suppress;
pub mod walk;

use config::Config;
use document::Document;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use source::{SourceFile, Span};

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PublishedFrom {
    FrontMatter,
    Dateline,
    Config,
    Flag,
}

/// The article's publication date and its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub date: Date,
    pub from: PublishedFrom,
    /// The front-matter value or dateline it was read from.
    pub span: Option<Span>,
}

/// Front-matter keys that hold the publication date, in order of preference.
pub const PUBLISHED_KEYS: [&str; 3] = ["published", "date", "pubDate"];

/// An article after every analysis stage: what the rules read.
#[derive(Debug)]
pub struct Article<'a> {
    pub source: &'a SourceFile,
    pub config: &'a Config,
    pub doc: Document,
    pub published: Option<Published>,
    pub sentences: Vec<segment::Sentence>,
    pub citations: Vec<parse::Citation>,
    pub problems: Vec<parse::ParseProblem>,
    pub analyses: Vec<claims::SentenceAnalysis>,
    /// One entry per citation: the sentence or clause it backs.
    pub pairs: Vec<Option<pairing::Pair>>,
    pub claims: Vec<claims::Claim>,
    /// One entry per citation: the index of the claim it backs.
    pub claim_of_citation: Vec<Option<usize>>,
    /// What each claim says in prose, read once and shared by the date rules that need it.
    pub prose_cache: rules::support::ProseCache,
}

/// Compiles the patterns that checking any article needs (signals, cues, prose dates, the
/// document model), spread over the current thread pool; those only some articles need (the
/// reference list's, the wire dateline's, `claims.extra-signals`) stay lazy. Patterns are
/// otherwise compiled where first used, and a second worker that needs one waits for the first
/// to finish it, so on a short run compiling was a serial third of the time; calling this first
/// lets the pool compile them side by side. Optional: nothing depends on it but speed.
pub fn warm_up() {
    rayon::join(
        || rayon::join(claims::warm_up, prose_dates::warm_up),
        document::warm_up,
    );
}

/// Articles with at least this many sentences are analysed and ruled on by the whole thread
/// pool; shorter ones stay on their worker, where splitting them would cost more than it saves.
pub const PARALLEL_SENTENCES: usize = 2048;

/// Documents with at least this many blocks are parsed and split into sentences by the whole
/// thread pool, a quarter of this many blocks per task.
pub const PARALLEL_BLOCKS: usize = 1024;

/// Runs every stage before the rules.
pub fn analyse<'a>(source: &'a SourceFile, config: &'a Config) -> Article<'a> {
    let doc = Document::build(source);
    let published = resolve_published(&doc, config);
    let sentences = segment::split_sentences(&doc.prose, &doc.blocks);
    let mut parsed = parse::parse_citations(&doc.prose, &doc.blocks);
    parse::read_yearless_dates(&mut parsed, published.map(|p| p.date));
    let parse::Parsed {
        citations,
        problems,
    } = parsed;
    let analyses = claims::analyse(&doc.prose, &doc, &sentences, &citations, &config.claims);
    let pairs = pairing::pair(&doc.prose, &sentences, &citations);
    let (claims, claim_of_citation) = claims::build_claims(&sentences, &analyses, &pairs);
    Article {
        source,
        config,
        doc,
        published,
        sentences,
        citations,
        problems,
        analyses,
        pairs,
        claims,
        claim_of_citation,
        prose_cache: Default::default(),
    }
}

/// `--published` first, then front matter, then a dateline, then the config file.
fn resolve_published(doc: &Document, config: &Config) -> Option<Published> {
    if let Some(date) = config.published_flag {
        return Some(Published {
            date,
            from: PublishedFrom::Flag,
            span: None,
        });
    }
    if let Some(fm) = &doc.front_matter {
        for key in PUBLISHED_KEYS {
            if let Some(field) = fm.get(key)
                && let Some(date) = dates::parse_calendar_date(&field.value)
            {
                return Some(Published {
                    date,
                    from: PublishedFrom::FrontMatter,
                    span: Some(field.value_span),
                });
            }
        }
    }
    if let Some(d) = &doc.dateline {
        return Some(Published {
            date: d.date,
            from: PublishedFrom::Dateline,
            span: Some(d.span),
        });
    }
    config.dates.published.map(|date| Published {
        date,
        from: PublishedFrom::Config,
        span: None,
    })
}

/// Analyses an article, runs the rules on it and applies its suppression comments.
pub fn check(source: &SourceFile, config: &Config) -> report::FileReport {
    let article = analyse(source, config);
    let findings = rules::run(&article);
    let findings = suppress::apply(&article, findings);
    let kept = Reported::keep(article);
    report::FileReport::from_parts(
        report::ReportParts {
            source,
            published: kept.published,
            citations: &kept.citations,
            claims: &kept.claims,
            claim_of_citation: &kept.claim_of_citation,
        },
        findings,
    )
}

/// The parts of an article its report needs. Taking them drops the rest (the prose mask,
/// sentences, analyses, pairs and prose cache) before the report copies claim text: on a
/// 50 MB article that is a large share of the peak memory.
struct Reported {
    published: Option<Published>,
    citations: Vec<parse::Citation>,
    claims: Vec<claims::Claim>,
    claim_of_citation: Vec<Option<usize>>,
}

impl Reported {
    fn keep(article: Article<'_>) -> Reported {
        let Article {
            published,
            citations,
            claims,
            claim_of_citation,
            ..
        } = article;
        Reported {
            published,
            citations,
            claims,
            claim_of_citation,
        }
    }
}
