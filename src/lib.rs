//! citecheck checks source attribution in articles before they are published.
//!
//! The pipeline runs one way, each stage a module handing the next plain data:
//! [`source`] → [`document`] → [`segment`] → [`parse`] → [`claims`] → [`pairing`] →
//! [`rules`] → [`report`]. [`analyse`] runs the stages up to the rules and returns an
//! [`Article`]; [`check`] runs the rules too and returns a [`report::FileReport`], the plain
//! data of the JSON contract; [`check_in_parts`] does the same a window at a time for a long
//! article (module `window`). Nothing in the library prints; the CLI (`cli`) walks folders, applies
//! suppressions and baselines, keeps the result cache (module [`cache`]) and writes output.

/// `&[fn()]`: one task per lazily compiled pattern (or list of patterns) named, each forcing
/// it; a module's `WARM_UP` list for [`warm_up`].
macro_rules! warm_up_tasks {
    ($($lazy:ident),* $(,)?) => {
        &[$(|| {
            ::std::sync::LazyLock::force(&$lazy);
        }),*]
    };
}
pub(crate) use warm_up_tasks;

pub mod atomic;
pub mod baseline;
pub mod cache;
pub mod claims;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod document;
pub(crate) mod gate;
pub mod pairing;
pub mod parse;
pub mod pattern;
pub mod prose_dates;
pub mod references;
pub mod report;
pub mod rules;
pub mod segment;
pub mod source;
pub mod source_names;
pub mod suppress;
pub mod walk;
mod window;

/// Holds a fast path to the plain code it stands in for: both give the same answer on every
/// input, and at least `least` of the answers are findings (`count` says how many one is
/// worth), so that the inputs reach the cases the fast path must not lose.
#[cfg(test)]
pub(crate) fn assert_same_answers<T: PartialEq + std::fmt::Debug>(
    inputs: &[String],
    fast: impl Fn(&str) -> T,
    plain: impl Fn(&str) -> T,
    count: impl Fn(&T) -> usize,
    least: usize,
) {
    let mut found = 0;
    for input in inputs {
        let want = plain(input);
        assert_eq!(fast(input), want, "{input:?}");
        found += count(&want);
    }
    assert!(
        found >= least,
        "only {found} findings: the inputs reach too little"
    );
}

/// The text of every file under `tests/fixtures` and `samples`: our own articles, for the unit
/// tests that hold a fast path to the plain one it replaces.
#[cfg(test)]
pub(crate) fn fixture_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("tests/fixtures"), root.join("samples")];
    let mut texts = Vec::new();
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    texts
}

use config::Config;
use document::Document;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use source::{SourceFile, Span};
use std::borrow::Cow;
use std::ops::Range;

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
    /// The line of `span` (messages name it; a window of a long file has other line numbers).
    pub line: Option<usize>,
}

/// Front-matter keys that hold the publication date, in order of preference.
pub const PUBLISHED_KEYS: [&str; 3] = ["published", "date", "pubDate"];

/// An article after every analysis stage: what the rules read.
#[derive(Debug)]
pub struct Article<'a> {
    pub source: &'a SourceFile,
    pub config: &'a Config,
    /// The document: the file's, or for a window of a long file ([`check_in_parts`]) the
    /// window's own small document, with the blocks before and after it as context.
    pub doc: Cow<'a, Document>,
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
    /// What the rules need to know of the whole article when this one holds only a window of
    /// its blocks; `None` when it holds them all (the rules then read it from the article).
    pub whole: Option<&'a rules::support::WholeArticle>,
}

/// Compiles the patterns that checking any article needs (signals, cues, prose dates, the
/// document model; of the boilerplate patterns only their starts, see `document::boilerplate`),
/// spread over the current thread pool; those only some articles need (the reference list's,
/// the wire dateline's, `claims.extra-signals`) stay lazy. Patterns are
/// otherwise compiled where first used, and a second worker that needs one waits for the first
/// to finish it, so on a short run compiling was a serial third of the time; calling this first
/// lets the pool compile them side by side. Each pattern (or list of patterns) is its own task:
/// compiling them module by module left one thread compiling the signal patterns alone for half
/// the time. The claims gate's automaton is not among them: the claim detector builds it on the
/// pool once a run has read enough prose to use it (`gate::GATE_AFTER_BYTES`). Optional:
/// nothing depends on it but speed.
pub fn warm_up() {
    use rayon::prelude::*;
    let tasks: Vec<fn()> = [
        claims::SIGNALS_WARM_UP,
        claims::CUES_WARM_UP,
        prose_dates::WARM_UP,
        document::WARM_UP,
        document::BOILERPLATE_WARM_UP,
        document::DATELINE_WARM_UP,
        document::SUPPRESS_WARM_UP,
    ]
    .concat();
    tasks.par_iter().with_max_len(1).for_each(|task| task());
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
    let published = resolve_published(source, &doc, config);
    let blocks = 0..doc.blocks.len();
    analyse_blocks(source, config, Cow::Owned(doc), published, blocks, None)
}

/// The stages after the document model, over the blocks `range` of `doc` (the blocks around
/// them, a window's context, are read but not analysed). Sentences keep their block's index in
/// `doc`.
fn analyse_blocks<'a>(
    source: &'a SourceFile,
    config: &'a Config,
    doc: Cow<'a, Document>,
    published: Option<Published>,
    range: Range<usize>,
    whole: Option<&'a rules::support::WholeArticle>,
) -> Article<'a> {
    let read = read_text(&doc, published, range);
    let analyses = analyse_claims(&doc, &read, config);
    assemble(source, config, doc, published, read, analyses, whole)
}

/// What [`read_text`] finds in a document's blocks: its sentences and citations.
struct ReadText {
    sentences: Vec<segment::Sentence>,
    parsed: parse::Parsed,
}

/// Splits the blocks `range` of `doc` into sentences and parses their citations.
fn read_text(doc: &Document, published: Option<Published>, range: Range<usize>) -> ReadText {
    let blocks = doc.blocks.get(range.clone()).unwrap_or(&[]);
    let mut sentences = segment::split_sentences(&doc.prose, blocks);
    if range.start > 0 {
        for s in &mut sentences {
            s.block += range.start;
        }
    }
    let mut parsed = parse::parse_citations_in(&doc.prose, &doc.blocks, range);
    parse::read_yearless_dates(&mut parsed, published.map(|p| p.date));
    ReadText { sentences, parsed }
}

/// The claim detector's reading of every sentence.
fn analyse_claims(
    doc: &Document,
    read: &ReadText,
    config: &Config,
) -> Vec<claims::SentenceAnalysis> {
    claims::analyse(
        &doc.prose,
        doc,
        &read.sentences,
        &read.parsed.citations,
        &config.claims,
    )
}

/// Pairs citations with claims and puts the article together.
fn assemble<'a>(
    source: &'a SourceFile,
    config: &'a Config,
    doc: Cow<'a, Document>,
    published: Option<Published>,
    read: ReadText,
    analyses: Vec<claims::SentenceAnalysis>,
    whole: Option<&'a rules::support::WholeArticle>,
) -> Article<'a> {
    let ReadText { sentences, parsed } = read;
    let parse::Parsed {
        citations,
        problems,
    } = parsed;
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
        whole,
    }
}

/// `--published` first, then front matter, then a dateline, then the config file.
fn resolve_published(source: &SourceFile, doc: &Document, config: &Config) -> Option<Published> {
    let found = |date, from, span: Option<Span>| Published {
        date,
        from,
        span,
        line: span.map(|s| source.line_col(s.start).0),
    };
    if let Some(date) = config.published_flag {
        return Some(found(date, PublishedFrom::Flag, None));
    }
    if let Some(fm) = &doc.front_matter {
        for key in PUBLISHED_KEYS {
            if let Some(field) = fm.get(key)
                && let Some(date) = dates::parse_calendar_date(&field.value)
            {
                return Some(found(
                    date,
                    PublishedFrom::FrontMatter,
                    Some(field.value_span),
                ));
            }
        }
    }
    if let Some(d) = &doc.dateline {
        return Some(found(d.date, PublishedFrom::Dateline, Some(d.span)));
    }
    config
        .dates
        .published
        .map(|date| found(date, PublishedFrom::Config, None))
}

/// Analyses an article, runs the rules on it and applies its suppression comments.
pub fn check(source: &SourceFile, config: &Config) -> report::FileReport {
    report_of(analyse(source, config))
}

/// [`check`] for several articles, each with its own configuration, one stage at a time: every
/// document is built, then every text read, then every sentence analysed, then every article
/// ruled on. The reports are exactly [`check`]'s, in order. Each stage's patterns and tables
/// then stay in the processor's caches from one article to the next instead of being pushed
/// out by the other stages' (the claim detector's multi-pattern automaton alone is megabytes).
/// Meant for short articles: all of them are held at once.
pub fn check_many(files: &[(&SourceFile, &Config)]) -> Vec<report::FileReport> {
    let docs: Vec<(Document, Option<Published>)> = files
        .iter()
        .map(|(source, config)| {
            let doc = Document::build(source);
            let published = resolve_published(source, &doc, config);
            (doc, published)
        })
        .collect();
    let read: Vec<ReadText> = docs
        .iter()
        .map(|(doc, published)| read_text(doc, *published, 0..doc.blocks.len()))
        .collect();
    // The claim detector reads the sentences of articles with the same claims settings in
    // shared batches: each pattern then searches one batch instead of each short article's few
    // sentences. (Groups of fewer than 32 articles used to read alone, when sharing their
    // batches brought the claims gate in too soon; since the gate waits for 512 KB of prose,
    // sharing is cheaper at every size: tiny200, in groups of 25, 28.2 → 26.4 ms.)
    let mut analyses: Vec<Vec<claims::SentenceAnalysis>> = Vec::with_capacity(files.len());
    let mut start = 0;
    while let Some((_, config)) = files.get(start) {
        let end = files
            .iter()
            .skip(start)
            .position(|(_, c)| c.claims != config.claims)
            .map_or(files.len(), |n| start + n);
        let texts: Vec<claims::Text> = docs
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .zip(read.get(start..end).unwrap_or(&[]))
            .map(|((doc, _), read)| claims::Text {
                prose: &doc.prose,
                doc,
                sentences: &read.sentences,
                citations: &read.parsed.citations,
            })
            .collect();
        analyses.extend(claims::analyse_many(&texts, &config.claims));
        start = end;
    }
    let articles: Vec<Article> = files
        .iter()
        .zip(docs)
        .zip(read)
        .zip(analyses)
        .map(|((((source, config), (doc, published)), read), analyses)| {
            assemble(
                source,
                config,
                Cow::Owned(doc),
                published,
                read,
                analyses,
                None,
            )
        })
        .collect();
    articles.into_iter().map(report_of).collect()
}

/// [`check`], handing the report over in parts: an article of at least `window_bytes` is
/// analysed and ruled on a window of blocks at a time (module `window`: each window a small
/// document of its own, its prose rebuilt from the source, the whole prose mask not kept), and
/// each batch of windows' reports goes to `part` before the next is read, so that a 50 MB
/// article is held once, with a few windows' sentences, claims and findings. Joined in order (the JSON writer's
/// `report::json::Spool`), the parts are exactly [`check`]'s report: their citation and claim
/// indexes are the whole report's, and what rules compare across the article (its cited names,
/// its majority date style) is gathered from every window first
/// (`rules::support::WholeArticle`; the citations are parsed twice for it). An article with
/// suppression comments or a reference list, whose rules read across all of it, is checked
/// whole and comes back as one part, as does a shorter one.
pub fn check_in_parts(
    source: &SourceFile,
    config: &Config,
    window_bytes: usize,
    part: &mut dyn FnMut(report::FileReport) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if source.text.len() < window_bytes {
        return part(check(source, config));
    }
    let mut doc = Document::build(source);
    let published = resolve_published(source, &doc, config);
    let cuts = window::cuts(&doc, window_bytes);
    if cuts.len() < 2 {
        let blocks = 0..doc.blocks.len();
        let article = analyse_blocks(source, config, Cow::Owned(doc), published, blocks, None);
        return part(report_of(article));
    }
    // Each window rebuilds its own prose from the source: the whole mask is not kept.
    let store = window::ProseStore::new(&source.text, std::mem::take(&mut doc.prose));
    // Windows are read side by side, as many at a time as the pool has threads (a window is
    // too short for its own stages to be worth splitting), and handed on in order.
    let at_once = rayon::current_num_threads().max(1);
    let mut whole = rules::support::WholeArticle::default();
    for batch in cuts.chunks(at_once) {
        let parsed: Vec<parse::Parsed> = batch
            .par_iter()
            .map(|w| {
                let win = window::Window::new(source, &doc, &store, w.clone());
                let mut parsed =
                    parse::parse_citations_in(&win.doc.prose, &win.doc.blocks, win.blocks);
                parse::read_yearless_dates(&mut parsed, published.map(|p| p.date));
                parsed
            })
            .collect();
        for p in &parsed {
            whole.add(&p.citations);
        }
    }
    let analyse = |batch: &[Range<usize>]| -> Vec<report::FileReport> {
        batch
            .par_iter()
            .map(|w| {
                let win = window::Window::new(source, &doc, &store, w.clone());
                let article = analyse_blocks(
                    &win.source,
                    config,
                    Cow::Borrowed(&win.doc),
                    published,
                    win.blocks.clone(),
                    Some(&whole),
                );
                let mut rep = report_of(article);
                win.place(&mut rep);
                rep
            })
            .collect()
    };
    let (mut citations_before, mut claims_before) = (0, 0);
    let mut hand_on = |reports: Vec<report::FileReport>| -> std::io::Result<()> {
        for mut rep in reports {
            for c in &mut rep.citations {
                c.claim = c.claim.map(|k| k + claims_before);
            }
            for c in &mut rep.claims {
                for i in &mut c.citations {
                    *i += citations_before;
                }
            }
            citations_before += rep.citations.len();
            claims_before += rep.claims.len();
            part(rep)?;
        }
        Ok(())
    };
    // The caller's handling of a batch's reports (rendering, writing) runs on this thread while
    // the pool analyses the next batch; it used to leave the pool idle (big5 481 → 440 ms,
    // big50 3.74 → 3.57 s of wall time, the same CPU).
    let mut ready = Vec::new();
    for batch in cuts.chunks(at_once) {
        let mut next = Vec::new();
        let mut handed = Ok(());
        rayon::in_place_scope(|s| {
            s.spawn(|_| next = analyse(batch));
            handed = hand_on(std::mem::take(&mut ready));
        });
        handed?;
        ready = next;
    }
    hand_on(ready)
}

/// The report of an analysed article (no suppressions: see [`check`]).
fn report_of(article: Article<'_>) -> report::FileReport {
    let findings = rules::run(&article);
    let findings = suppress::apply(&article, findings);
    let source = article.source;
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
