//! Claims: which sentences assert a checkable fact, and why.
//!
//! Each sentence gets named [`Signal`]s (the words that make it a claim) and non-claim cues
//! (question, heading, opinion, the article talking about itself, boilerplate). A sentence that
//! names its source in prose gets an [`Attribution`]. Which citation backs which sentence is
//! left to `pairing`; turning both into the report's claims is [`build_claims`].
//!
//! The detectors live in `signals` (what fires) and `cues` (what overrides, and who is named);
//! this module runs them over batches of sentences with citation text blanked out, so
//! "(Reuters, July 2025)" never reads as a dated event, after `gate` has said which sentences
//! hold a match of which pattern.

mod cues;
pub(crate) mod signals;

use crate::config::ClaimsConfig;
use crate::document::{BlockKind, Document};
use crate::gate::Gate;
use crate::pairing::Pair;
use crate::parse::Citation;
use crate::pattern::Pattern;
use crate::segment::Sentence;
use crate::source::Span;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The gate (see `gate`) over every pattern that runs over a batch of sentences: the signal
/// detectors' (`signals::BULK`), then the cues' (`cues::batched`).
pub(crate) static GATE: LazyLock<Gate> = LazyLock::new(|| {
    let gate = Gate::new(
        signals::BULK
            .iter()
            .map(|(_, r)| r.as_str())
            .chain(cues::batched().map(Pattern::as_str)),
    );
    signals::NEEDLED
        .iter()
        .fold(gate, |gate, (pattern, needle)| {
            gate.find_by_needle(pattern, needle)
        })
});

/// What makes a sentence a claim. The names appear in JSON `signals` and diagnostic labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignalKind {
    Statistic,
    Quotation,
    ReportedSpeech,
    AccordingTo,
    Superlative,
    DatedEvent,
    Weasel,
    NamedOfficial,
    /// A cause asserted as fact: "led to", "resulted in", "because".
    Causal,
    /// A change or comparison asserted as fact: "more likely", "higher than", "outpaced".
    Comparison,
    /// A past action reported as fact: "published", "founded", "was approved".
    PastEvent,
    /// A word from `claims.extra-signals` in the config.
    Custom,
}

impl SignalKind {
    pub fn name(self) -> &'static str {
        match self {
            SignalKind::Statistic => "statistic",
            SignalKind::Quotation => "quotation",
            SignalKind::ReportedSpeech => "reported-speech",
            SignalKind::AccordingTo => "according-to",
            SignalKind::Superlative => "superlative",
            SignalKind::DatedEvent => "dated-event",
            SignalKind::Weasel => "weasel",
            SignalKind::NamedOfficial => "named-official",
            SignalKind::Causal => "causal",
            SignalKind::Comparison => "comparison",
            SignalKind::PastEvent => "past-event",
            SignalKind::Custom => "custom",
        }
    }
}

/// One signal and the exact words that fired it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    pub kind: SignalKind,
    pub span: Span,
}

/// Why a sentence is not a claim even if it has signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NonClaim {
    Question,
    Heading,
    Opinion,
    SelfReference,
    Boilerplate,
}

/// A source named in prose: "According to Reuters", "Wu Xinbo … noted".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The source as named ("Reuters", "the National Bureau of Statistics of China").
    pub source: String,
    pub span: Span,
}

/// What the claim detector concluded about one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentenceAnalysis {
    pub signals: Vec<Signal>,
    pub non_claim: Option<NonClaim>,
    pub attribution: Option<Attribution>,
    /// Signals fired and no non-claim cue overrode them.
    pub is_claim: bool,
}

/// One article's sentences as the claim detector reads them, with the citations inside them.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub prose: &'a str,
    pub doc: &'a Document,
    pub sentences: &'a [Sentence],
    pub citations: &'a [Citation],
}

/// Analyses every sentence; `citations` are passed so that their text is not read as claim
/// evidence (a citation's year is not a dated event).
pub fn analyse(
    prose: &str,
    doc: &Document,
    sentences: &[Sentence],
    citations: &[Citation],
    config: &ClaimsConfig,
) -> Vec<SentenceAnalysis> {
    let text = Text {
        prose,
        doc,
        sentences,
        citations,
    };
    if sentences.len() < crate::PARALLEL_SENTENCES {
        return analyse_many(&[text], config).pop().unwrap_or_default();
    }
    // A long article's batches are spread over the thread pool (the caller's, when a tree is
    // checked with `--jobs`). `collect` keeps the order.
    let extra = extra_signals(&config.extra_signals);
    let spans = citation_spans(citations);
    let refs: Vec<(usize, &Sentence)> = sentences.iter().map(|s| (0, s)).collect();
    let parts: Vec<Vec<SentenceAnalysis>> = refs
        .par_chunks(BATCH_SENTENCES)
        .map(|group| analyse_batch(&[text], std::slice::from_ref(&spans), group, extra.as_ref()))
        .collect();
    // Joined into a vector of exactly the right size (a collected one grows by doubling).
    let mut all = Vec::with_capacity(sentences.len());
    all.extend(parts.into_iter().flatten());
    attribute_pull_quotes(prose, doc, sentences, &mut all);
    all
}

/// [`analyse`] for several articles at once (short ones: their sentences are read in shared
/// batches, one thread), each article's analyses in order. A batch holds sentences of any
/// number of articles; what is found in one sentence never depends on the others in its batch
/// (see `signals::detect_batch`), so the result is each article's [`analyse`].
pub fn analyse_many(texts: &[Text], config: &ClaimsConfig) -> Vec<Vec<SentenceAnalysis>> {
    let extra = extra_signals(&config.extra_signals);
    let spans: Vec<Vec<Span>> = texts.iter().map(|t| citation_spans(t.citations)).collect();
    let refs: Vec<(usize, &Sentence)> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.sentences.iter().map(move |s| (i, s)))
        .collect();
    let mut out: Vec<Vec<SentenceAnalysis>> = texts
        .iter()
        .map(|t| Vec::with_capacity(t.sentences.len()))
        .collect();
    for group in refs.chunks(BATCH_SENTENCES) {
        let found = analyse_batch(texts, &spans, group, extra.as_ref());
        for ((i, _), a) in group.iter().zip(found) {
            if let Some(o) = out.get_mut(*i) {
                o.push(a);
            }
        }
    }
    for (t, all) in texts.iter().zip(out.iter_mut()) {
        attribute_pull_quotes(t.prose, t.doc, t.sentences, all);
    }
    out
}

/// The sorted spans of `citations`.
fn citation_spans(citations: &[Citation]) -> Vec<Span> {
    let mut spans: Vec<Span> = citations.iter().map(|c| c.span).collect();
    spans.sort();
    spans
}

/// Reads one batch of sentences, each given with the index of its article in `texts` (whose
/// sorted citation spans are `spans`): the sentences go to the signal detectors joined into
/// one text (see `signals::detect_batch`).
fn analyse_batch(
    texts: &[Text],
    spans: &[Vec<Span>],
    group: &[(usize, &Sentence)],
    extra: Option<&regex::Regex>,
) -> Vec<SentenceAnalysis> {
    let mut text = String::with_capacity(
        group
            .iter()
            .map(|(_, s)| s.span.len() + crate::gate::SEPARATOR.len())
            .sum(),
    );
    let mut scratch = Vec::new();
    let mut local = Vec::with_capacity(group.len());
    for (i, s) in group {
        let start = text.len();
        if let (Some(t), Some(sorted)) = (texts.get(*i), spans.get(*i)) {
            push_blanked(&mut text, &mut scratch, t.prose, s.span, sorted);
        }
        local.push(Span::new(start, text.len()));
        text.push_str(crate::gate::SEPARATOR);
    }
    // Halfway to the bytes after which the gate is used, its automaton and the states the
    // first batches need are built on the pool (the gate waits for them), so that no worker
    // builds the automaton at its first gated batch and every worker starts from those
    // states. A panic in a spawned job would abort the process; caught, the gate goes on
    // without the states, and the first gated batch builds the automaton.
    if rayon::current_thread_index().is_some() && GATE.take_warm_up(text.len()) {
        match rayon::current_num_threads() {
            // With one thread the job would wait for this one, and so would the gate.
            threads @ ..=1 => GATE.warm_up(threads),
            threads => rayon::spawn(move || {
                let _ = std::panic::catch_unwind(|| GATE.warm_up(threads));
            }),
        }
    }
    let flags = GATE.scan(&text, &local);
    let found = signals::detect_batch(&text, &local, extra, &flags);
    let cues = cues::scan_batch(&text, &local, &flags);
    let heading = |(i, s): &(usize, &Sentence)| {
        texts
            .get(*i)
            .and_then(|t| t.doc.blocks.get(s.block))
            .is_some_and(|b| b.kind == BlockKind::Heading)
    };
    group
        .iter()
        .zip(local)
        .zip(found.into_iter().zip(cues))
        .map(|((g, l), (f, c))| judge(l.slice(&text), g.1.span.start, heading(g), f, &c))
        .collect()
}

/// A quotation whose block is followed by a line naming its speaker after a dash (a pull
/// quote or epigraph: "“Demand is there.”" then "— Hugo Gallagher") is attributed to that
/// speaker. The dash line is a block of its own, so no sentence-level pattern sees both.
fn attribute_pull_quotes(
    prose: &str,
    doc: &Document,
    sentences: &[Sentence],
    analyses: &mut [SentenceAnalysis],
) {
    for (s, a) in sentences.iter().zip(analyses.iter_mut()) {
        if a.attribution.is_some() || !a.signals.iter().any(|g| g.kind == SignalKind::Quotation) {
            continue;
        }
        let Some(next) = doc.blocks.get(s.block + 1) else {
            continue;
        };
        if let Some(name) = dash_speaker(prose, next.span) {
            a.attribution = Some(Attribution {
                source: name.slice(prose).to_string(),
                span: name,
            });
        }
    }
}

/// "— Hugo Gallagher", "-- Ana Ruiz, harbourmaster": the capitalised name after a dash that
/// opens a short block, ending the block or followed by a comma and a description. "— Prices
/// rose 20%, the mayor admitted" and "-- Editor's note: …" name nobody.
fn dash_speaker(prose: &str, block: Span) -> Option<Span> {
    let text = block.slice(prose);
    if text.len() > 200 {
        return None;
    }
    let body = text.trim_start();
    let dash = ["—", "―", "–", "--"]
        .iter()
        .find(|d| body.starts_with(**d))?;
    let after = body.get(dash.len()..)?;
    let rest = after.trim_start();
    let name_at = block.start + (text.len() - rest.len());
    // Capitalised words separated by single spaces, up to six.
    let (mut offset, mut end, mut words) = (0, 0, 0);
    for word in rest.split(' ') {
        let bare = word.trim_end_matches(',');
        if words == 6
            || bare.is_empty()
            || !bare.starts_with(char::is_uppercase)
            || !bare
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '’' | '\''))
        {
            break;
        }
        words += 1;
        end = offset + bare.len();
        if bare.len() != word.len() {
            break;
        }
        offset += word.len() + 1;
    }
    let name = rest.get(..end)?.trim_end_matches('.');
    let tail = rest.get(name.len()..)?.trim_end();
    let ends_well = tail.is_empty() || tail == "." || tail.starts_with(',');
    (words > 0 && ends_well).then(|| Span::new(name_at, name_at + name.len()))
}

/// Sentences per batch: enough that each regex search is long, few enough that a batch's
/// text stays small and a long article has many batches to share out.
const BATCH_SENTENCES: usize = 256;

/// Appends one sentence's text with every citation inside it replaced by spaces (same byte
/// length).
fn push_blanked(
    out: &mut String,
    scratch: &mut Vec<u8>,
    prose: &str,
    sentence: Span,
    sorted: &[Span],
) {
    let text = sentence.slice(prose);
    let first = sorted.partition_point(|c| c.end <= sentence.start);
    let inside = sorted
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.start < sentence.end);
    if inside.clone().next().is_none() {
        out.push_str(text);
        return;
    }
    scratch.clear();
    scratch.extend_from_slice(text.as_bytes());
    for c in inside {
        let from = c.start.max(sentence.start) - sentence.start;
        let to = c.end.min(sentence.end) - sentence.start;
        for b in scratch.get_mut(from..to).unwrap_or(&mut []) {
            *b = b' ';
        }
    }
    // Citation spans sit on char boundaries, so blanking whole spans keeps valid UTF-8; a
    // span that does not is a parser bug, and the sentence is then read unblanked.
    out.push_str(std::str::from_utf8(scratch).unwrap_or(text));
}

/// One sentence's text with every citation inside it replaced by spaces (same byte length).
#[cfg(test)]
fn blank_citations(prose: &str, sentence: Span, sorted: &[Span]) -> String {
    let mut out = String::new();
    push_blanked(&mut out, &mut Vec::new(), prose, sentence, sorted);
    out
}

/// The analysis of one sentence's text (citations blanked), `base` its offset in the file.
pub fn analyse_text(
    text: &str,
    base: usize,
    heading: bool,
    extra: Option<&regex::Regex>,
) -> SentenceAnalysis {
    let whole = [Span::new(0, text.len())];
    let flags = GATE.scan(text, &whole);
    let found = signals::detect_batch(text, &whole, extra, &flags)
        .pop()
        .unwrap_or_default();
    let cues = cues::scan_batch(text, &whole, &flags)
        .pop()
        .unwrap_or_default();
    judge(text, base, heading, found, &cues)
}

/// The analysis of one sentence from the signals found in it.
fn judge(
    text: &str,
    base: usize,
    heading: bool,
    found: Vec<(SignalKind, Span)>,
    cues: &cues::Cues,
) -> SentenceAnalysis {
    let non_claim = cues::non_claim(text, heading, &found, cues);
    let attribution = cues::attribution(text, &found, cues).map(|(source, span)| Attribution {
        source,
        span: span.offset(base),
    });
    let is_claim = !found.is_empty() && non_claim.is_none();
    SentenceAnalysis {
        signals: found
            .into_iter()
            .map(|(kind, span)| Signal {
                kind,
                span: span.offset(base),
            })
            .collect(),
        non_claim,
        attribution,
        is_claim,
    }
}

/// `claims.extra-signals` as one whole-word, case-insensitive pattern. Words holding a control
/// character are left out: no sentence holds one where a word could, and a NUL or newline
/// would let the pattern match across the separator of `signals::detect_batch`.
fn extra_signals(words: &[String]) -> Option<regex::Regex> {
    let alts: Vec<String> = words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty() && !w.contains(char::is_control))
        .map(regex::escape)
        .collect();
    if alts.is_empty() {
        return None;
    }
    // The ASCII boundary is written out rather than put in by `ascii_word_boundaries`, whose
    // text replacement would also rewrite an escaped backslash before a "b" in a user's word.
    regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alts.join("|"))).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimStatus {
    Cited,
    Attributed,
    Unattributed,
}

/// A factual claim: a sentence (or a clause of one) with its status and backing citations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub span: Span,
    /// Index into the sentences.
    pub sentence: usize,
    pub status: ClaimStatus,
    /// Indexes into the citations, in order.
    pub citations: Vec<usize>,
    pub signals: Vec<Signal>,
}

/// Builds the claims list: every sentence judged a claim, and every sentence or clause a
/// citation backs. Returns the claims and, per citation, the index of the claim it backs.
///
/// Targets of one sentence that overlap (a clause and the whole sentence) merge into one claim,
/// so claims never overlap and every citation lands in exactly one.
pub fn build_claims(
    sentences: &[Sentence],
    analyses: &[SentenceAnalysis],
    pairs: &[Option<Pair>],
) -> (Vec<Claim>, Vec<Option<usize>>) {
    let mut claims: Vec<Claim> = Vec::new();
    let mut of_citation = vec![None; pairs.len()];
    // Citations grouped by the sentence they back, in citation order.
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (ci, p) in pairs.iter().enumerate() {
        if let Some(p) = p
            && let Some(list) = by_sentence.get_mut(p.sentence)
        {
            list.push(ci);
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        let analysis = analyses.get(si);
        let backing = by_sentence.get(si).map(Vec::as_slice).unwrap_or(&[]);
        if backing.is_empty() {
            if let Some(a) = analysis.filter(|a| a.is_claim) {
                let status = if a.attribution.is_some() {
                    ClaimStatus::Attributed
                } else {
                    ClaimStatus::Unattributed
                };
                claims.push(Claim {
                    span: s.span,
                    sentence: si,
                    status,
                    citations: Vec::new(),
                    signals: a.signals.clone(),
                });
            }
            continue;
        }
        let mut targets: Vec<Span> = backing
            .iter()
            .filter_map(|&ci| pairs.get(ci).copied().flatten().map(|p| p.target))
            .collect();
        targets.sort();
        let mut merged: Vec<Span> = Vec::with_capacity(targets.len());
        for t in targets {
            match merged.last_mut() {
                Some(last) if last.overlaps(t) || *last == t => *last = last.cover(t),
                _ => merged.push(t),
            }
        }
        // Each citation's target lies in exactly one merged span (they are disjoint and sorted):
        // found by binary search, so a sentence with thousands of citations stays linear.
        let mut of_merged: Vec<Vec<usize>> = vec![Vec::new(); merged.len()];
        for &ci in backing {
            let Some(p) = pairs.get(ci).copied().flatten() else {
                continue;
            };
            let m = merged.partition_point(|t| t.end < p.target.end);
            if let (Some(t), Some(list)) = (merged.get(m), of_merged.get_mut(m))
                && t.contains(p.target)
            {
                list.push(ci);
            }
        }
        for (t, citations) in merged.into_iter().zip(of_merged) {
            let index = claims.len();
            for &ci in &citations {
                if let Some(slot) = of_citation.get_mut(ci) {
                    *slot = Some(index);
                }
            }
            // Signals are in order of position: only those starting inside `t` are looked at.
            let signals = analysis
                .map(|a| {
                    let from = a.signals.partition_point(|g| g.span.start < t.start);
                    a.signals
                        .get(from..)
                        .unwrap_or(&[])
                        .iter()
                        .take_while(|g| g.span.start < t.end)
                        .copied()
                        .filter(|g| t.contains(g.span))
                        .collect()
                })
                .unwrap_or_default();
            claims.push(Claim {
                span: t,
                sentence: si,
                status: ClaimStatus::Cited,
                citations,
                signals,
            });
        }
    }
    (claims, of_citation)
}

/// Whether `word` is one of `list`, ignoring ASCII case: the signals' and cues' word lists.
fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Rewrites `\b` as the ASCII word boundary `(?-u:\b)`.
///
/// A Unicode `\b` makes the regex crate leave its lazy DFA for a slower engine on any
/// sentence holding a non-ASCII byte (curly quotes, dashes), which profiling showed as a fifth
/// of the check's time. Every pattern here matches English words, where the two agree.
pub(crate) fn ascii_word_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// Compiles one of the signal and cue patterns that run over whole batches, its `\b` made
/// ASCII ([`ascii_word_boundaries`]), with the prefilter that serves it (`crate::pattern`).
/// The patterns are constants, and the unit tests compile every one of them.
fn batch_pattern(pattern: &str, prefilter: crate::pattern::Prefilter) -> Pattern {
    #[allow(clippy::expect_used)]
    Pattern::new(&ascii_word_boundaries(pattern), prefilter)
        .expect("a literal claims pattern compiles")
}

pub(crate) use cues::WARM_UP as CUES_WARM_UP;
#[cfg(test)]
pub(crate) use cues::{definite_speaker_source, short_sources};
pub(crate) use signals::WARM_UP as SIGNALS_WARM_UP;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::Placement;

    #[test]
    fn a_dash_line_names_the_speaker_of_a_pull_quote() {
        fn name(t: &str) -> Option<&str> {
            dash_speaker(t, Span::new(0, t.len())).map(|s| s.slice(t))
        }
        assert_eq!(name("— Oskar Dahl, harbour councillor"), Some("Oskar Dahl"));
        assert_eq!(name("-- Hugo Gallagher"), Some("Hugo Gallagher"));
        assert_eq!(name("— Hugo Gallagher."), Some("Hugo Gallagher"));
        assert_eq!(name("– Ana"), Some("Ana"));
        assert_eq!(name("— the harbour councillor"), None);
        assert_eq!(name("Oskar Dahl"), None);
        assert_eq!(
            name("— Prices rose 20% last year, the mayor admitted."),
            None
        );
        assert_eq!(name("-- Editor's note: this story was updated."), None);
        assert_eq!(name("— Oskar Dahl\nharbour councillor"), None);
        let src = crate::source::SourceFile::new(
            "a.md",
            "Intro.\n\n> “Nobody can afford a second fare rise.”\n>\n> — Oskar Dahl\n",
        );
        let config = crate::config::Config::default();
        let article = crate::analyse(&src, &config);
        let quoted = article
            .analyses
            .iter()
            .find(|a| a.signals.iter().any(|s| s.kind == SignalKind::Quotation))
            .and_then(|a| a.attribution.as_ref())
            .map(|a| a.source.as_str());
        assert_eq!(quoted, Some("Oskar Dahl"));
    }

    #[test]
    fn extra_signals_take_any_word_and_leave_out_control_characters() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let re = extra_signals(&words(&[r"C:\bin", "a\u{0}\n\u{0}b", "exclusive"]));
        let re = re.expect("the usable words compile");
        assert!(re.is_match(r"see C:\bin now"));
        assert!(re.is_match("an Exclusive report"));
        assert!(!re.is_match("a\u{0}\n\u{0}b"));
        assert!(extra_signals(&words(&["\u{0}"])).is_none());
    }

    fn analysis_of(text: &str) -> SentenceAnalysis {
        analyse_text(text, 0, false, None)
    }

    fn names(a: &SentenceAnalysis) -> Vec<&'static str> {
        a.signals.iter().map(|s| s.kind.name()).collect()
    }

    #[test]
    fn seed_like_claims() {
        let a = analysis_of(
            "Experts suggest that the agenda includes removing tariffs, particularly a 20% tariff on steel.",
        );
        assert!(a.is_claim);
        assert_eq!(names(&a), ["weasel", "statistic"]);
        assert_eq!(a.attribution, None);

        let b = analysis_of(
            "Bessent expressed optimism about the talks, stating that trade is in a 'very good place' with China.",
        );
        assert!(b.is_claim);
        assert!(names(&b).contains(&"quotation"));
        assert!(names(&b).contains(&"reported-speech"));
        assert_eq!(b.attribution, None);
    }

    #[test]
    fn attributed_in_prose() {
        let a = analysis_of("According to the Selvik Port Authority, traffic rose 14% last month.");
        assert!(a.is_claim);
        assert_eq!(
            a.attribution.map(|x| x.source),
            Some("Selvik Port Authority".to_string())
        );
    }

    #[test]
    fn non_claims() {
        assert!(!analysis_of("Will the truce hold past August?").is_claim);
        assert!(!analysis_of("Despite the positive tone, challenges remain.").is_claim);
        assert!(!analysis_of("This chapter describes the first census in detail.").is_claim);
        assert!(!analysis_of("The outcome could reshape trade in light of recent deals.").is_claim);
        let credit = analysis_of("(credit: “Wall Art in 2019” by Ana Ruiz/flickr, CC BY 2.0)");
        assert_eq!(credit.non_claim, Some(NonClaim::Boilerplate));
        let panels = analysis_of(
            "(credit a: “Wall Art in 2019” by Ana Ruiz/flickr; credit b: “Quay in 2020” by Lars Vik).",
        );
        assert_eq!(panels.non_claim, Some(NonClaim::Boilerplate));
        // "credit" must be the label of what follows.
        assert!(analysis_of("(Credit unions lent 20% more in 2019.)").is_claim);
        let heading = analyse_text("Exports rose 12% in June", 0, true, None);
        assert_eq!(heading.non_claim, Some(NonClaim::Heading));
        assert!(!heading.is_claim);
    }

    #[test]
    fn extra_signals_from_config() {
        let re = extra_signals(&["landmark".to_string(), " ".to_string()]);
        let a = analyse_text("It was a landmark ruling.", 0, false, re.as_ref());
        assert!(a.is_claim);
        assert_eq!(names(&a), ["custom"]);
        assert!(extra_signals(&[]).is_none());
    }

    #[test]
    fn citations_are_blanked_before_detection() {
        // A citation holding what would otherwise read as a statistic.
        let prose = "Talks resumed (Reuters, 20% poll, 2025).";
        let cites = [Span::new(14, 39)];
        let text = blank_citations(prose, Span::new(0, prose.len()), &cites);
        assert_eq!(text.len(), prose.len());
        assert!(!analysis_of(&text).is_claim);
        assert!(analysis_of(prose).is_claim);
    }

    fn sentence(start: usize, end: usize) -> Sentence {
        Sentence {
            span: Span::new(start, end),
            block: 0,
        }
    }

    fn claim_analysis(is_claim: bool, attributed: bool) -> SentenceAnalysis {
        SentenceAnalysis {
            is_claim,
            attribution: attributed.then(|| Attribution {
                source: "Reuters".into(),
                span: Span::new(0, 1),
            }),
            ..SentenceAnalysis::default()
        }
    }

    #[test]
    fn build_claims_links_both_ways() {
        let sentences = [
            sentence(0, 10),
            sentence(11, 20),
            sentence(21, 30),
            sentence(31, 40),
        ];
        let analyses = [
            claim_analysis(true, false),
            claim_analysis(true, true),
            claim_analysis(false, false),
            claim_analysis(false, false),
        ];
        let pairs = [
            Some(Pair {
                sentence: 2,
                target: Span::new(21, 30),
                placement: Placement::EndOfSentence,
            }),
            // A clause and its sentence merge into one claim.
            Some(Pair {
                sentence: 2,
                target: Span::new(21, 26),
                placement: Placement::MidSentence,
            }),
            None,
        ];
        let (claims, of) = build_claims(&sentences, &analyses, &pairs);
        let statuses: Vec<ClaimStatus> = claims.iter().map(|c| c.status).collect();
        assert_eq!(
            statuses,
            [
                ClaimStatus::Unattributed,
                ClaimStatus::Attributed,
                ClaimStatus::Cited
            ]
        );
        assert_eq!(of, [Some(2), Some(2), None]);
        assert_eq!(claims[2].citations, [0, 1]);
        assert_eq!(claims[2].span, Span::new(21, 30));
    }

    #[test]
    fn separate_clauses_are_separate_claims() {
        let sentences = [sentence(0, 100)];
        let analyses = [claim_analysis(false, false)];
        let pairs = [
            Some(Pair {
                sentence: 0,
                target: Span::new(0, 40),
                placement: Placement::MidSentence,
            }),
            Some(Pair {
                sentence: 0,
                target: Span::new(45, 99),
                placement: Placement::MidSentence,
            }),
        ];
        let (claims, of) = build_claims(&sentences, &analyses, &pairs);
        assert_eq!(claims.len(), 2);
        assert_eq!(of, [Some(0), Some(1)]);
    }
}

/// The claims patterns in the gate (`crate::gate`).
#[cfg(test)]
mod gate_tests {
    use super::*;
    use crate::gate::{Flags, batch_of};

    #[test]
    fn the_claims_patterns_compile_into_one_gate() {
        let gate = &*super::GATE;
        assert!(gate.build().is_some(), "{gate:?} did not build");
        let long = "Prices rose 20% last year, officials said. ".repeat(60);
        let spans = [Span::new(0, long.len())];
        assert_ne!(
            gate.scan_any(&long, &spans),
            Flags::all(1),
            "a long batch is gated"
        );
    }

    #[test]
    fn every_claims_pattern_reads_a_window_as_the_whole_batch() {
        use regex_automata::nfa::thompson::NFA;
        use regex_automata::util::look::{Look, LookSet};
        for p in &super::GATE.sources {
            let nfa = NFA::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            assert!(!nfa.has_empty(), "{p} can match the empty string");
            let others = nfa
                .look_set_any()
                .subtract(LookSet::singleton(Look::WordAscii));
            assert!(others.is_empty(), "{p} has look-around {others:?}");
        }
    }

    /// Sentences of bits of the patterns' words: too many new states for a small cache.
    fn varied_batch() -> (String, Vec<Span>) {
        let words = [
            "20",
            "5.8",
            "per",
            "cent",
            "$3",
            "billion",
            "said",
            "SAID",
            "according",
            "largest",
            "record-",
            "June",
            "mid-",
            "Monday",
            "last",
            "ago",
            "experts",
            "suggest",
            "widely",
            "believed",
            "President",
            "Minister",
            "Dr.",
            "fellow",
            "led",
            "resulted",
            "because",
            "likely",
            "higher",
            "than",
            "compared",
            "rose",
            "decline",
            "published",
            "chapter",
            "we",
            "show",
            "results",
            "view",
            "will",
            "expected",
            "could",
            "told",
            "found",
            "one",
            "seven",
            "months",
            "tenfold",
            "\"",
            "“",
            "”",
            "ſ",
            "\u{212A}",
        ];
        let mut x: u64 = 1;
        let sentences: Vec<String> = (0..3000)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..25 {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let w = (x >> 33) as usize;
                    let v = words[w % words.len()];
                    t.push_str(v.get(..1 + (w >> 8) % v.len()).unwrap_or(v));
                    if !(w >> 16).is_multiple_of(3) {
                        t.push(' ');
                    }
                }
                t
            })
            .collect();
        let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
        batch_of(&refs)
    }

    #[test]
    fn the_quotations_are_gated_by_their_opening_marks() {
        let needled: Vec<usize> = signals::BULK
            .iter()
            .enumerate()
            .filter(|(_, (kind, _))| *kind == SignalKind::Quotation)
            .map(|(p, _)| p)
            .collect();
        assert_eq!(needled.len(), signals::NEEDLED.len());
        for p in 0..GATE.sources.len() {
            assert_eq!(GATE.by_needle(p), needled.contains(&p), "pattern {p}");
        }
    }

    #[test]
    fn a_gate_that_gives_up_searches_everything_then_starts_afresh() {
        let patterns: Vec<&Pattern> = signals::BULK
            .iter()
            .map(|(_, r)| *r)
            .chain(cues::batched())
            .collect();
        let gate = Gate::new(patterns.iter().map(|p| p.as_str()))
            .with_cache_bytes(320 << 10)
            .at_once();
        let (hard, hard_spans) = varied_batch();
        assert_eq!(
            gate.scan(&hard, &hard_spans),
            Flags::all(hard_spans.len()),
            "the small cache gives up"
        );
        let easy = ["Officials said prices rose 20% last year."; 60];
        let (easy, easy_spans) = batch_of(&easy);
        let flags = gate.scan(&easy, &easy_spans);
        assert_ne!(
            flags,
            Flags::all(easy_spans.len()),
            "a fresh cache gates again"
        );
        for (p, r) in patterns.iter().enumerate() {
            let (mut gated, mut all) = (Vec::new(), Vec::new());
            flags.each_match(p, *r, &easy, &easy_spans, |i, s| gated.push((i, s)));
            Flags::all(easy_spans.len())
                .each_match(p, *r, &easy, &easy_spans, |i, s| all.push((i, s)));
            assert_eq!(gated, all, "pattern {p}");
        }
    }
}
