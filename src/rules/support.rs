//! What the date and attribution rules share: the article's publication date said for people,
//! the citations' parentheses (masked out of prose), the dates and sources a claim names in
//! prose, and the cited sources behind a claim. Not a rule.

use crate::dates::Interval;
use crate::dates::Precision;
use crate::parse::{Citation, CitationDate, CitedSource};
use crate::prose_dates::{self, DateKind, ProseDate};
use crate::source::Span;
use crate::source_names::{self, Known, ProseSource};
use crate::{Article, PublishedFrom};
use std::borrow::Cow;
use std::sync::OnceLock;

/// "August 11, 2025 (from the dateline on line 3)".
pub fn published_phrase(article: &Article) -> Option<String> {
    let p = article.published?;
    let origin = match (p.from, p.line) {
        (PublishedFrom::Dateline, Some(l)) => format!("from the dateline on line {l}"),
        (PublishedFrom::Dateline, None) => "from the dateline".to_string(),
        (PublishedFrom::FrontMatter, Some(l)) => format!("from the front matter on line {l}"),
        (PublishedFrom::FrontMatter, None) => "from the front matter".to_string(),
        (PublishedFrom::Config, _) => "from `dates.published` in citecheck.toml".to_string(),
        (PublishedFrom::Flag, _) => "from --published".to_string(),
    };
    Some(format!(
        "{} ({origin})",
        crate::dates::describe_date(p.date)
    ))
}

/// The parentheses of every citation, in order: prose readers skip them.
pub fn citation_masks(article: &Article) -> Vec<Span> {
    article.citations.iter().map(|c| c.paren).collect()
}

/// How many cited sources, prose dates and prose sources a rule reads per claim. A claim with
/// more is a list or hostile input; capping keeps every rule linear in the article's length.
pub const MAX_PER_CLAIM: usize = 64;

/// The sources of the claim's citations (at most [`MAX_PER_CLAIM`]), with the citation index.
pub fn claim_sources<'a>(
    article: &'a Article,
    claim: &crate::claims::Claim,
) -> Vec<(usize, &'a CitedSource)> {
    claim
        .citations
        .iter()
        .filter_map(|&ci| article.citations.get(ci).map(|c| (ci, c)))
        .flat_map(|(ci, c)| c.sources.iter().map(move |s| (ci, s)))
        .take(MAX_PER_CLAIM)
        .collect()
}

/// A cited source's date and its interval, when it has one.
pub fn dated(s: &CitedSource) -> Option<(&CitationDate, Interval)> {
    let d = s.date.as_ref()?;
    Some((d, d.date.interval()?))
}

/// The span of the sentence a claim belongs to.
pub fn sentence_span(article: &Article, claim: &crate::claims::Claim) -> Span {
    article
        .sentences
        .get(claim.sentence)
        .map_or(claim.span, |s| s.span)
}

/// Every name the article cites, normalised: the whole article's, also when `article` is one
/// window of it. Gathered once per article: three rules ask for it.
pub fn cited_names<'a>(article: &'a Article<'_>) -> &'a Known {
    match article.whole {
        Some(w) => &w.known,
        None => article.prose_cache.known.get_or_init(|| {
            let mut known = Known::new();
            add_cited_names(&mut known, &article.citations);
            known
        }),
    }
}

fn add_cited_names(known: &mut Known, citations: &[Citation]) {
    known.extend(
        citations
            .iter()
            .flat_map(|c| c.sources.iter().map(|s| source_names::normalise(&s.name))),
    );
}

/// What rules compare across the whole article, gathered from its citations when it is
/// analysed a window of blocks at a time (`crate::check_in_parts`): the names it cites (which
/// tell a source named in prose from other capitalised words) and how it writes its citation
/// dates (`inconsistent-date-format` goes by the majority). Everything else a rule reads lies
/// within the claim or citation it judges.
#[derive(Debug, Default)]
pub struct WholeArticle {
    pub known: Known,
    date_shapes: Vec<super::inconsistent_date_format::Shape>,
    date_style: OnceLock<super::inconsistent_date_format::DateStyle>,
}

impl WholeArticle {
    /// How the whole article writes its citation dates, worked out once.
    pub(crate) fn date_style(&self) -> &super::inconsistent_date_format::DateStyle {
        self.date_style
            .get_or_init(|| super::inconsistent_date_format::DateStyle::of(&self.date_shapes))
    }

    /// Adds the next window's citations, in document order.
    pub fn add(&mut self, citations: &[Citation]) {
        add_cited_names(&mut self.known, citations);
        self.date_shapes.extend(
            citations
                .iter()
                .flat_map(|c| c.sources.iter())
                .filter_map(|s| super::inconsistent_date_format::shape(s.date.as_ref()?)),
        );
    }
}

/// The masks that overlap `range` (masks are in document order and do not overlap), so that
/// reading one sentence never scans every citation of the article.
pub fn masks_in(masks: &[Span], range: Span) -> &[Span] {
    let from = masks.partition_point(|m| m.end <= range.start);
    let to = masks.partition_point(|m| m.start < range.end).max(from);
    masks.get(from..to).unwrap_or(&[])
}

/// What a claim says in prose: its dates and the sources it names.
#[derive(Debug, Clone)]
pub struct ClaimProse {
    pub dates: Vec<ProseDate>,
    pub sources: Vec<ProseSource>,
}

/// Reads the dates and named sources of `range` (a claim or its sentence).
pub fn read_prose(article: &Article, range: Span, masks: &[Span], known: &Known) -> ClaimProse {
    let text = &article.doc.prose;
    let masks = masks_in(masks, range);
    let published = article.published.map(|p| p.date);
    let mut dates = prose_dates::find_dates(text, range, masks, published);
    dates.truncate(MAX_PER_CLAIM);
    let sources =
        source_names::prose_sources(text, range, masks, &dates, known, &article.config.sources);
    let mut sources = sources;
    sources.truncate(MAX_PER_CLAIM);
    ClaimProse { dates, sources }
}

/// How far before publication a citation may end for a year-less or relative prose date to be
/// compared with it: such dates are resolved against the publication date, which only says
/// something about a current, month- or day-precise (news) source.
const CURRENT_SOURCE_DAYS: i32 = 183;

/// Whether a prose date can be compared with a citation date. Dates written in full always
/// can; "July 3" and "last month" only against a current news-style citation, since in
/// "after Sept. 11 (Smith, 2005)" the year the writer left out is not the publication's.
pub fn comparable(
    article: &Article,
    d: &ProseDate,
    cite: &CitationDate,
    cite_iv: Interval,
) -> bool {
    if d.kind == DateKind::Absolute {
        return true;
    }
    let fine = matches!(cite.date.precision, Precision::Day | Precision::Month);
    let Some(p) = article.published else {
        return false;
    };
    let recent = cite_iv
        .1
        .until(p.date)
        .map(|span| span.get_days() <= CURRENT_SOURCE_DAYS)
        .unwrap_or(false);
    fine && recent
}

/// Each claim's [`ClaimProse`], filled on first use. Reading prose dates and sources was about
/// a tenth of a run, and three rules read the same claims with the same masks and names, so
/// the work is done once per claim and shared. Sized lazily so that hand-built articles (tests)
/// need no setup. It also holds the article's cited names, which the same three rules need.
/// Like every cache here, it assumes the article does not change once its rules have begun.
#[derive(Debug, Default)]
pub struct ProseCache {
    slots: OnceLock<Vec<OnceLock<ClaimProse>>>,
    /// [`cited_names`] of an article checked whole.
    known: OnceLock<Known>,
}

/// Reads every cited claim's prose into the cache on the thread pool (for long articles; see
/// `rules::run`). Only what `claim_prose` would compute, so output does not depend on it.
pub fn fill_prose_cache(article: &Article) {
    use rayon::prelude::*;
    let masks = citation_masks(article);
    let known = cited_names(article);
    (0..article.claims.len())
        .into_par_iter()
        .with_min_len(256)
        .filter(|&i| {
            article
                .claims
                .get(i)
                .is_some_and(|c| !c.citations.is_empty())
        })
        .for_each(|i| {
            let _ = claim_prose(article, i, &masks, known);
        });
}

/// [`read_prose`] of claim `index`'s span, with the article's own citation masks and cited
/// names, computed once per claim. `masks` and `known` must be [`citation_masks`] and
/// [`cited_names`] of `article`: the cache is only valid for those.
pub fn claim_prose<'a>(
    article: &'a Article,
    index: usize,
    masks: &[Span],
    known: &Known,
) -> Cow<'a, ClaimProse> {
    let Some(claim) = article.claims.get(index) else {
        return Cow::Owned(ClaimProse {
            dates: Vec::new(),
            sources: Vec::new(),
        });
    };
    let slots = article
        .prose_cache
        .slots
        .get_or_init(|| (0..article.claims.len()).map(|_| OnceLock::new()).collect());
    match slots.get(index) {
        Some(slot) => {
            Cow::Borrowed(slot.get_or_init(|| read_prose(article, claim.span, masks, known)))
        }
        None => Cow::Owned(read_prose(article, claim.span, masks, known)),
    }
}
