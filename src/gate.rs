//! One pass that says, for every pattern run over a batch of sentences, which sentences hold a
//! match of it; the pattern then runs over those sentences only.
//!
//! Batches are sentences joined by [`SEPARATOR`], so that each pattern is searched
//! once per batch instead of once per sentence. The claim detector's signal and cue patterns
//! were still each a lazy DFA reading every byte of every sentence: about thirty passes, a
//! quarter of a run. A [`Gate`] compiles a list of patterns into one multi-pattern lazy DFA
//! (`regex-automata`'s, the engine under the `regex` crate) that reports, in a single
//! overlapping search, where a match of each pattern ends. A sentence holds a match of a
//! pattern exactly when one ends in it (no pattern can match across the separator), so
//! searching only those sentences finds what searching every one would:
//! [`Flags::each_match`] is a search of the whole batch with the misses skipped. Most sentences
//! hold a match of no more than two or three patterns.
//!
//! When the DFA's cache fills up too fast to pay (text with an unusual variety of words), the
//! search gives up and [`Gate::scan`] flags every sentence for every pattern: the batch is
//! then searched as it was before the gate existed, and the cache is emptied so that the next
//! batch gets a fresh start. What the patterns mean is left to the caller (`claims`).
//!
//! The gate compiles the patterns' source text (`Pattern::as_str`) with the `regex` crate's
//! default syntax, and searches windows of a batch as if they were the whole batch: both hold
//! for patterns built with `Pattern::new` or `Regex::new` whose only look-around is the ASCII
//! word boundary, with no anchors, no empty match and nothing that can match a NUL. The
//! callers' tests hold their patterns to that.

use crate::pattern::Search;
use crate::source::Span;
use regex_automata::hybrid::dfa::{Cache, DFA, OverlappingState};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// What goes between two sentences of a batch. A pattern cannot match across it or start in
/// it when nothing in the pattern takes a NUL (neither `\s` nor `\w` nor a literal does; a
/// negated class must leave out the newline too); an ASCII `\b` reads a NUL as it reads the
/// end of the text.
pub const SEPARATOR: &str = "\0\n\0";

/// The most patterns one gate takes (one bit each).
pub const MAX_PATTERNS: usize = 64;

/// The lazy DFA's cache may grow to this size (one cache per search running at once, so about
/// one per thread). The thirty-odd claims patterns together need about 5 MB of states on
/// English prose; with 2 MB the cache is cleared over and over.
const CACHE_BYTES: usize = 16 << 20;

/// Gated sentences at most this many bytes apart are searched in one go: a search has a set-up
/// cost of about as much as reading this many bytes, and the sentences between cannot hold a
/// match, so reading them changes nothing.
const JOIN_GAP: usize = 256;

/// A gate searches every batch everywhere until it has been offered this many bytes, and only
/// then gates them. Its automaton builds its states as it meets new text, and a run that reads
/// little prose pays more for those states than the gate spares it: 2,000 articles of twenty
/// words (`tiny2k`) took 12% less CPU with no gate at all, and 10 MB of articles (`corpus2k`)
/// 32% more. Like renting skis until buying pays, the gate waits until the run has shown it is
/// large: with the first 512 KB ungated, `tiny2k` never builds the automaton (12% less wall
/// time), `corpus2k` takes the same time within the noise and a 5 MB article about 3% more.
/// 1 MB measured no better on `tiny2k` and worse on the others.
pub const GATE_AFTER_BYTES: usize = 512 << 10;

/// Batches shorter than this are searched everywhere without a gate: the multi-pattern DFA
/// builds its states as it meets new text, each costing far more than one pattern's, and on a
/// few short sentences that costs more than the passes it would spare.
const MIN_BATCH: usize = 2048;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// The gate for a fixed list of patterns, built once.
pub struct Gate {
    /// The patterns' source text.
    pub(crate) sources: Vec<String>,
    /// The DFA cache's capacity ([`CACHE_BYTES`]; smaller in a test of giving up).
    cache_bytes: usize,
    /// Built on the first batch long enough to use it (runs over short files never need it);
    /// `None` when the patterns are too many or the DFA could not be built: every sentence is
    /// then flagged for every pattern.
    dfa: OnceLock<Option<(DFA, CachePool)>>,
    /// Bytes of the batches offered to [`Gate::scan`] so far.
    offered: AtomicUsize,
    /// [`GATE_AFTER_BYTES`] (0 in tests that gate from the first batch).
    after: usize,
    /// Whether [`Gate::take_warm_up`] has said yes.
    warm_up_taken: AtomicBool,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gate")
            .field("patterns", &self.sources.len())
            .finish_non_exhaustive()
    }
}

/// Which sentences of one batch hold a match of which pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flags {
    /// Per sentence, bit `p` set when pattern `p` matches in it (or may: see [`Flags::all`]).
    per_sentence: Vec<u64>,
}

impl Gate {
    /// The gate for `patterns` (the patterns' source text, in the `regex` crate's default
    /// syntax); pattern `p` is the `p`-th one.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Gate {
        Gate {
            sources: patterns.into_iter().map(str::to_string).collect(),
            cache_bytes: CACHE_BYTES,
            dfa: OnceLock::new(),
            offered: AtomicUsize::new(0),
            after: GATE_AFTER_BYTES,
            warm_up_taken: AtomicBool::new(false),
        }
    }

    /// The gate that gates from the first batch long enough.
    #[cfg(test)]
    pub(crate) fn at_once(mut self) -> Gate {
        self.after = 0;
        self
    }

    /// Whether the caller should build the automaton now, ahead of the batches that will use
    /// it: true once, for the first caller whose `more` bytes bring the gate halfway to gating
    /// (or past it, when batches offered at the same time carried the count over together).
    pub(crate) fn take_warm_up(&self, more: usize) -> bool {
        let seen = self.offered.load(Ordering::Relaxed);
        seen.saturating_add(more) >= self.after / 2
            && self.dfa.get().is_none()
            && !self.warm_up_taken.swap(true, Ordering::Relaxed)
    }

    /// The gate with a smaller DFA cache, which gives up sooner.
    #[cfg(test)]
    pub(crate) fn with_cache_bytes(mut self, bytes: usize) -> Gate {
        self.cache_bytes = bytes;
        self
    }

    /// The multi-pattern DFA and a pool of caches for it, or `None` (see [`Gate`]'s `dfa`).
    pub(crate) fn build(&self) -> Option<(DFA, CachePool)> {
        if self.sources.len() > MAX_PATTERNS {
            return None;
        }
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(self.cache_bytes)
                    // Give up rather than crawl when states are rebuilt faster than they are
                    // used (the thresholds `regex`'s own engine uses).
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_many(&self.sources)
            .ok()?;
        let for_cache = dfa.clone();
        let create: Box<dyn Fn() -> Cache + Send + Sync> =
            Box::new(move || for_cache.create_cache());
        Some((dfa, Pool::new(create)))
    }

    /// The automaton, built on first use (`None`: see [`Gate`]'s `dfa`). Calling it early
    /// builds it before the first batch that needs it.
    pub(crate) fn automaton(&self) -> Option<&(DFA, CachePool)> {
        self.dfa.get_or_init(|| self.build()).as_ref()
    }

    /// One pass over `batch` (sentences joined by [`SEPARATOR`], `sentences` saying
    /// where each one is).
    pub fn scan(&self, batch: &str, sentences: &[Span]) -> Flags {
        if batch.len() < MIN_BATCH {
            return Flags::all(sentences.len());
        }
        if self.offered.fetch_add(batch.len(), Ordering::Relaxed) < self.after {
            return Flags::all(sentences.len());
        }
        self.scan_any(batch, sentences)
    }

    /// [`Gate::scan`] whatever the batch's length (the tests' way to gate short batches).
    pub(crate) fn scan_any(&self, batch: &str, sentences: &[Span]) -> Flags {
        let Some((dfa, pool)) = self.automaton() else {
            return Flags::all(sentences.len());
        };
        let mut per_sentence = vec![0u64; sentences.len()];
        let mut cache = pool.get();
        let input = Input::new(batch);
        let mut state = OverlappingState::start();
        let mut i = 0;
        loop {
            if dfa
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)
                .is_err()
            {
                // The cache keeps the count of clears that made it give up; without a reset,
                // every later batch on it would give up at its first new state.
                dfa.reset_cache(&mut cache);
                return Flags::all(sentences.len());
            }
            let Some(m) = state.get_match() else {
                break;
            };
            // Matches are reported in the order of their ends.
            let end = m.offset();
            while sentences.get(i).is_some_and(|s| s.end < end) {
                i += 1;
            }
            if let (Some(s), Some(bits)) = (sentences.get(i), per_sentence.get_mut(i))
                && s.start < end
            {
                *bits |= 1u64.checked_shl(m.pattern().as_u32()).unwrap_or(0);
            }
        }
        Flags { per_sentence }
    }
}

impl Flags {
    /// Every sentence flagged for every pattern: searching with these is searching everything.
    pub fn all(sentences: usize) -> Flags {
        Flags {
            per_sentence: vec![u64::MAX; sentences],
        }
    }

    /// Whether sentence `i` may hold a match of pattern `p`: always for [`Flags::all`] and for
    /// a pattern past the gate's [`MAX_PATTERNS`], which it cannot rule out.
    pub fn has(&self, i: usize, p: usize) -> bool {
        let Some(bits) = self.per_sentence.get(i) else {
            return false;
        };
        match u32::try_from(p).ok().and_then(|p| 1u64.checked_shl(p)) {
            Some(bit) => bits & bit != 0,
            None => true,
        }
    }

    /// Calls `each` with the sentence index and the sentence-relative span of every non-empty
    /// match of `r`, pattern `p` of the gate, in the batch's sentences: what a search of the
    /// whole batch finds (`Flags::all` does that), found by reading only the flagged sentences.
    pub fn each_match<R: Search + ?Sized>(
        &self,
        p: usize,
        r: &R,
        batch: &str,
        sentences: &[Span],
        mut each: impl FnMut(usize, Span),
    ) {
        let mut flagged = (0..sentences.len()).filter(|&i| self.has(i, p)).peekable();
        while let Some(first) = flagged.next() {
            let mut last = first;
            while let Some(&next) = flagged.peek() {
                let (Some(a), Some(b)) = (sentences.get(last), sentences.get(next)) else {
                    break;
                };
                if b.start.saturating_sub(a.end) > JOIN_GAP {
                    break;
                }
                last = next;
                flagged.next();
            }
            let (Some(a), Some(b), Some(group)) = (
                sentences.get(first),
                sentences.get(last),
                sentences.get(first..=last),
            ) else {
                break;
            };
            if let Some(window) = batch.get(a.start..b.end) {
                each_match_in(r, window, a.start, group, first, &mut each);
            }
        }
    }
}

/// Runs `r` over `window`, the batch's text from byte `base` spanning `sentences` (absolute
/// spans, the first being sentence `first` of the batch), and calls `each` with the batch index
/// of the sentence holding each non-empty match and the match's span relative to it. A window
/// starts and ends where a sentence does, and a sentence's neighbour in the batch is the
/// separator, which no pattern reads differently from the window's own ends, so a window finds
/// in its sentences what the whole batch finds there.
pub fn each_match_in<R: Search + ?Sized>(
    r: &R,
    window: &str,
    base: usize,
    sentences: &[Span],
    first: usize,
    mut each: impl FnMut(usize, Span),
) {
    let mut i = 0;
    for m in r.matches(window) {
        let (start, end) = (base + m.start, base + m.end);
        while sentences.get(i).is_some_and(|s| s.end < end) {
            i += 1;
        }
        let Some(s) = sentences.get(i) else {
            break;
        };
        // Matches cannot cross the separator (see its docs); this only keeps the bookkeeping
        // total.
        if start < s.start || start == end {
            continue;
        }
        each(first + i, Span::new(start - s.start, end - s.start));
    }
}

/// Joins `sentences` into a batch and says where each one is (for tests).
#[cfg(test)]
pub(crate) fn batch_of<S: AsRef<str>>(sentences: &[S]) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for s in sentences {
        let start = text.len();
        text.push_str(s.as_ref());
        spans.push(Span::new(start, text.len()));
        text.push_str(SEPARATOR);
    }
    (text, spans)
}

/// Batches for property tests: 1 to 7 sentences, each up to 11 pieces from `words`, and now and
/// then a long stretch of plain words, so that a batch passes the join gap and is searched in
/// several windows.
#[cfg(test)]
pub(crate) fn sentences_of(
    words: Vec<&'static str>,
) -> impl proptest::strategy::Strategy<Value = Vec<String>> {
    use proptest::prelude::*;
    let piece = proptest::sample::select(words)
        .prop_map(str::to_string)
        .boxed()
        .prop_union(Just("plain words ".repeat(30)).boxed());
    proptest::collection::vec(
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat()),
        1..8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(p: &str) -> regex::Regex {
        regex::Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"))
    }

    #[test]
    fn batches_are_gated_only_after_the_first_gate_after_bytes() {
        let said = compile(r"(?i)(?-u:\b)said(?-u:\b)");
        let number = compile(r"\d+%");
        let gate = Gate::new([said.as_str(), number.as_str()]);
        let lines = ["She said so.", "Up 12% here."].repeat(200);
        let (text, spans) = batch_of(&lines);
        assert!(text.len() >= MIN_BATCH);
        let (mut offered, mut ungated) = (0, 0);
        assert!(!gate.take_warm_up(0));
        let mut built_at = None;
        while offered < 2 * GATE_AFTER_BYTES {
            if gate.take_warm_up(text.len()) {
                assert_eq!(built_at, None, "the warm-up is taken once");
                built_at = Some(offered);
            }
            let flags = gate.scan(&text, &spans);
            if offered < GATE_AFTER_BYTES {
                assert_eq!(flags, Flags::all(spans.len()), "at {offered} bytes");
                ungated += 1;
            } else {
                assert_eq!(flags.per_sentence[..2], [0b01, 0b10], "at {offered} bytes");
            }
            offered += text.len();
        }
        assert!(ungated > 1);
        // The automaton is due once, halfway.
        let built_at = built_at.expect("halfway is reached");
        assert!(built_at < GATE_AFTER_BYTES / 2 && built_at + text.len() >= GATE_AFTER_BYTES / 2);
        assert!(!gate.take_warm_up(text.len()));
    }

    #[test]
    fn a_sentence_is_flagged_for_the_patterns_that_match_in_it() {
        let said = compile(r"(?i)(?-u:\b)said(?-u:\b)");
        let number = compile(r"\d+%");
        let gate = Gate::new([said.as_str(), number.as_str()]);
        let (text, spans) = batch_of(&["She SAID so.", "Up 12% here.", "Unsaid, 12 said 3%."]);
        assert_eq!(
            gate.scan(&text, &spans),
            Flags::all(3),
            "short batches are not gated"
        );
        let flags = gate.scan_any(&text, &spans);
        assert_eq!(flags.per_sentence, vec![0b01, 0b10, 0b11]);
        let mut found = Vec::new();
        flags.each_match(0, &said, &text, &spans, |i, s| found.push((i, s)));
        assert_eq!(found, vec![(0, Span::new(4, 8)), (2, Span::new(11, 15))]);
        let mut all = Vec::new();
        Flags::all(spans.len()).each_match(0, &said, &text, &spans, |i, s| all.push((i, s)));
        assert_eq!(found, all);
    }

    #[test]
    fn too_many_patterns_flag_everything() {
        let p = compile("x");
        let gate = Gate::new(std::iter::repeat_n(p.as_str(), MAX_PATTERNS + 1));
        assert!(gate.build().is_none());
        let (text, spans) = batch_of(&["nothing", "here"]);
        let flags = gate.scan_any(&text, &spans);
        assert_eq!(flags, Flags::all(2));
        assert!(flags.has(1, MAX_PATTERNS) && flags.has(1, usize::MAX) && !flags.has(2, 0));
    }
}
