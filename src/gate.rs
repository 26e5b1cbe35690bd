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
//! Two things keep the automaton small and built once. A pattern that matches a stretch of
//! anything between two marks (a quotation) is found by its opening mark instead
//! ([`Gate::find_by_needle`]), since reading it in the automaton would double the states of
//! every other pattern. And the states the first batches need are built once, on the pool,
//! before gating begins ([`Gate::warm_up`]); each thread's cache starts as a copy of them
//! instead of building the same states again.
//!
//! When the DFA's cache fills up too fast to pay (text with an unusual variety of words), the
//! search gives up and [`Gate::scan`] flags every sentence for every pattern: the batch is
//! then searched as it was before the gate existed, and the cache is emptied so that the next
//! batch gets a fresh start. What the patterns mean is left to the caller (`claims`).
//!
//! The gate compiles the patterns' source text (`Pattern::as_str`) with the `regex` crate's
//! default syntax (the claims gate's NFA is stored in the binary compiled that way:
//! `crate::pattern::stored`), and searches windows of a batch as if they were the whole batch:
//! both hold for patterns built with `Pattern::new` or `Regex::new` whose only look-around is
//! the ASCII word boundary, with no anchors, no empty match and nothing that can match a NUL.
//! The callers' tests hold their patterns to that.

use crate::pattern::Search;
use crate::source::Span;
use regex_automata::hybrid::dfa::{Cache, DFA, OverlappingState};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// What goes between two sentences of a batch. A pattern cannot match across it or start in
/// it when nothing in the pattern takes a NUL (neither `\s` nor `\w` nor a literal does; a
/// negated class must leave out the newline too); an ASCII `\b` reads a NUL as it reads the
/// end of the text.
pub const SEPARATOR: &str = "\0\n\0";

/// The most patterns one gate takes (one bit each).
pub const MAX_PATTERNS: usize = 64;

/// The lazy DFA's cache may grow to this size (one cache per search running at once, so about
/// one per thread). The thirty-odd claims patterns together need about 2 MB of states on
/// 3 MB of English prose (5 MB while the quotations were in the automaton; a 2 MB cache was
/// then cleared over and over). The cache takes memory only as it fills, so the room left for
/// text with more variety costs nothing on ordinary prose.
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

/// The most text [`Gate::warm_up`] reads to build the states it hands every thread: the
/// batches offered before it is due (halfway to [`GATE_AFTER_BYTES`]).
const WARM_UP_BYTES: usize = GATE_AFTER_BYTES / 2;

/// Each thread's DFA cache: a copy of the warm-up's once it is done (see [`Gate::warm_up`]),
/// else an empty one.
type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// The multi-pattern DFA, a pool of caches for it, and the gate's index of each of its
/// patterns (the patterns found by a needle are not in it).
pub(crate) struct Automaton {
    dfa: DFA,
    pool: CachePool,
    ids: Vec<usize>,
    /// The bits of those patterns: the ones whose flags are exact.
    exact: u64,
}

/// The gate for a fixed list of patterns, built once.
pub struct Gate {
    /// The patterns' source text.
    pub(crate) sources: Vec<String>,
    /// Per pattern, the needle it is found by instead of by the automaton (see
    /// [`Gate::find_by_needle`]).
    needles: Vec<Option<String>>,
    /// The DFA cache's capacity ([`CACHE_BYTES`]; smaller in a test of giving up).
    cache_bytes: usize,
    /// Built on the first batch long enough to use it (runs over short files never need it);
    /// `None` when the patterns are too many or the DFA could not be built: every sentence is
    /// then flagged for every pattern.
    dfa: OnceLock<Option<Automaton>>,
    /// Bytes of the batches offered to [`Gate::scan`] so far.
    offered: AtomicUsize,
    /// [`GATE_AFTER_BYTES`] (0 in tests that gate from the first batch).
    after: usize,
    /// Whether [`Gate::take_warm_up`] has said yes.
    warm_up_taken: AtomicBool,
    /// Whether [`Gate::warm_up`] has ended (whatever came of it). Once it is taken, batches
    /// are gated only after it ends, so that every thread starts from its states.
    warm_up_done: AtomicBool,
    /// The first [`WARM_UP_BYTES`] of the batches offered, which [`Gate::warm_up`] reads.
    sample: Mutex<String>,
    /// The cache [`Gate::warm_up`] filled: each thread's cache starts as a copy of it. A lazy
    /// DFA builds its states as it meets text, and every thread used to build the same ones;
    /// copying a few MB of states costs about a millisecond. (A cache made before the warm-up
    /// ended, which only a gate scanned off the pool can have, keeps its own states.)
    seed: Arc<OnceLock<Cache>>,
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
    /// Bit `p` set when pattern `p`'s bits are exact: set exactly for the sentences holding a
    /// match (the automaton's patterns in a gated batch), not for more.
    exact: u64,
}

impl Gate {
    /// The gate for `patterns` (the patterns' source text, in the `regex` crate's default
    /// syntax); pattern `p` is the `p`-th one.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Gate {
        let sources: Vec<String> = patterns.into_iter().map(str::to_string).collect();
        Gate {
            needles: vec![None; sources.len()],
            sources,
            cache_bytes: CACHE_BYTES,
            dfa: OnceLock::new(),
            offered: AtomicUsize::new(0),
            after: GATE_AFTER_BYTES,
            warm_up_taken: AtomicBool::new(false),
            warm_up_done: AtomicBool::new(false),
            sample: Mutex::new(String::new()),
            seed: Arc::new(OnceLock::new()),
        }
    }

    /// The gate that flags the sentences holding `needle` for the pattern whose source is
    /// `pattern`, instead of reading that pattern in its automaton. Meant for patterns that
    /// match a stretch of anything between two marks (a quotation): reading one alongside the
    /// others makes the automaton track every other pattern's progress both inside and outside
    /// such a stretch. The quotation patterns are two of the claims gate's 33 patterns, and
    /// on 3 MB of corpus2k they made 55% of its states (5.0 MB against 2.2 MB): without them it
    /// builds its states in less than half the time and reads about a fifth faster. Flagging a superset
    /// of the sentences is sound, since [`Flags::each_match`] searches the flagged sentences
    /// with the pattern itself. A needle is taken only where every match of the pattern begins
    /// with it (checked on the pattern's syntax); otherwise the pattern stays in the automaton.
    pub fn find_by_needle(mut self, pattern: &str, needle: &str) -> Gate {
        for (source, slot) in self.sources.iter().zip(self.needles.iter_mut()) {
            if source == pattern && begins_every_match(source, needle) {
                *slot = Some(needle.to_string());
            }
        }
        self
    }

    /// Whether pattern `p` is found by a needle.
    #[cfg(test)]
    pub(crate) fn by_needle(&self, p: usize) -> bool {
        self.needles.get(p).is_some_and(Option::is_some)
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
    pub(crate) fn build(&self) -> Option<Automaton> {
        if self.sources.len() > MAX_PATTERNS {
            return None;
        }
        let sources: Vec<&str> = self.automaton_sources();
        // Stored ahead of time for the claims gate (`crate::pattern::stored`).
        let nfa =
            crate::pattern::stored::forward_many(&sources).or_else(|| compile_many(&sources))?;
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
            .build_from_nfa(nfa)
            .ok()?;
        let ids: Vec<usize> = self.in_automaton().map(|(p, _)| p).collect();
        let exact = ids.iter().fold(0, |e, &p| e | bit(p));
        let for_cache = dfa.clone();
        let seed = Arc::clone(&self.seed);
        let create: Box<dyn Fn() -> Cache + Send + Sync> = Box::new(move || match seed.get() {
            Some(seed) => seed.clone(),
            None => for_cache.create_cache(),
        });
        Some(Automaton {
            dfa,
            pool: Pool::new(create),
            ids,
            exact,
        })
    }

    /// The sources of the patterns in the automaton, in order.
    pub(crate) fn automaton_sources(&self) -> Vec<&str> {
        self.in_automaton().map(|(_, s)| s).collect()
    }

    /// The patterns the automaton reads, with their index in the gate; the automaton's pattern
    /// `k` is the `k`-th of them.
    fn in_automaton(&self) -> impl Iterator<Item = (usize, &str)> {
        self.sources
            .iter()
            .zip(&self.needles)
            .enumerate()
            .filter(|(_, (_, n))| n.is_none())
            .map(|(p, (s, _))| (p, s.as_str()))
    }

    /// Builds the automaton and, for a run on several `threads`, the states it needs to read
    /// the sample of the batches offered so far, which every thread's cache then starts from:
    /// the run's own text makes the best sample, since the states a run needs depend on its
    /// words. Builds no states when the sample fills the cache.
    pub(crate) fn warm_up(&self, threads: usize) {
        struct Done<'a>(&'a AtomicBool);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.store(true, Ordering::Release);
            }
        }
        let _done = Done(&self.warm_up_done);
        let Some(Automaton { dfa, .. }) = self.automaton() else {
            return;
        };
        let sample = match self.sample.lock() {
            Ok(mut s) => std::mem::take(&mut *s),
            Err(_) => return,
        };
        if threads < 2 {
            // One thread builds its states once either way.
            return;
        }
        let mut cache = dfa.create_cache();
        let input = Input::new(&sample);
        let mut state = OverlappingState::start();
        loop {
            if dfa
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)
                .is_err()
            {
                return;
            }
            if state.get_match().is_none() {
                break;
            }
        }
        let _ = self.seed.set(cache);
    }

    /// The automaton, built on first use (`None`: see [`Gate`]'s `dfa`). Calling it early
    /// builds it before the first batch that needs it.
    pub(crate) fn automaton(&self) -> Option<&Automaton> {
        self.dfa.get_or_init(|| self.build()).as_ref()
    }

    /// One pass over `batch` (sentences joined by [`SEPARATOR`], `sentences` saying
    /// where each one is).
    pub fn scan(&self, batch: &str, sentences: &[Span]) -> Flags {
        if batch.len() < MIN_BATCH {
            return Flags::all(sentences.len());
        }
        let offered = self.offered.fetch_add(batch.len(), Ordering::Relaxed);
        let warming = self.warm_up_taken.load(Ordering::Relaxed)
            && !self.warm_up_done.load(Ordering::Acquire);
        if offered < self.after || warming {
            if offered < WARM_UP_BYTES {
                self.add_to_sample(batch);
            }
            return Flags::all(sentences.len());
        }
        self.scan_any(batch, sentences)
    }

    /// Adds as much of `batch` to the warm-up's sample as fits in [`WARM_UP_BYTES`].
    fn add_to_sample(&self, batch: &str) {
        let Ok(mut sample) = self.sample.lock() else {
            return;
        };
        if self.warm_up_taken.load(Ordering::Relaxed) {
            return;
        }
        let mut room = WARM_UP_BYTES.saturating_sub(sample.len()).min(batch.len());
        while !batch.is_char_boundary(room) {
            room -= 1;
        }
        sample.push_str(batch.get(..room).unwrap_or(""));
    }

    /// [`Gate::scan`] whatever the batch's length (the tests' way to gate short batches).
    pub(crate) fn scan_any(&self, batch: &str, sentences: &[Span]) -> Flags {
        let Some(Automaton {
            dfa,
            pool,
            ids,
            exact,
        }) = self.automaton()
        else {
            return Flags::all(sentences.len());
        };
        let mut per_sentence = vec![0u64; sentences.len()];
        let mut guard = pool.get();
        let cache = &mut *guard;
        let input = Input::new(batch);
        let mut state = OverlappingState::start();
        let mut i = 0;
        loop {
            if dfa
                .try_search_overlapping_fwd(cache, &input, &mut state)
                .is_err()
            {
                // The cache keeps the count of clears that made it give up; without a reset,
                // every later batch on it would give up at its first new state.
                dfa.reset_cache(cache);
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
                let p = ids
                    .get(m.pattern().as_usize())
                    .copied()
                    .unwrap_or(usize::MAX);
                *bits |= bit(p);
            }
        }
        drop(guard);
        for (p, needle) in self.needles.iter().enumerate() {
            if let Some(needle) = needle {
                flag_holders(batch, sentences, needle, bit(p), &mut per_sentence);
            }
        }
        Flags {
            per_sentence,
            exact: *exact,
        }
    }
}

/// Pattern `p`'s bit (none past [`MAX_PATTERNS`]).
fn bit(p: usize) -> u64 {
    u32::try_from(p)
        .ok()
        .and_then(|p| 1u64.checked_shl(p))
        .unwrap_or(0)
}

/// Sets `bit` for every sentence of `batch` that holds `needle`.
fn flag_holders(batch: &str, sentences: &[Span], needle: &str, bit: u64, flags: &mut [u64]) {
    let finder = memchr::memmem::Finder::new(needle);
    let mut from = 0;
    let mut i = 0;
    while let Some(at) = batch
        .get(from..)
        .and_then(|rest| finder.find(rest.as_bytes()))
    {
        let at = from + at;
        while sentences.get(i).is_some_and(|s| s.end <= at) {
            i += 1;
        }
        let (Some(s), Some(bits)) = (sentences.get(i), flags.get_mut(i)) else {
            break;
        };
        if s.start <= at && at + needle.len() <= s.end {
            *bits |= bit;
        }
        // One occurrence is enough: go on from the end of this sentence.
        from = (at + 1).max(s.end);
    }
}

/// Whether every match of `pattern` (the `regex` crate's default syntax) begins with
/// `needle`: every literal its matches can begin with does (and there are finitely many).
fn begins_every_match(pattern: &str, needle: &str) -> bool {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    if needle.is_empty() {
        return false;
    }
    let Ok(hir) = regex_syntax::parse(pattern) else {
        return false;
    };
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    prefixes.literals().is_some_and(|ls| {
        !ls.is_empty()
            && ls
                .iter()
                .all(|l| l.as_bytes().starts_with(needle.as_bytes()))
    })
}

impl Flags {
    /// Every sentence flagged for every pattern: searching with these is searching everything.
    pub fn all(sentences: usize) -> Flags {
        Flags {
            per_sentence: vec![u64::MAX; sentences],
            exact: 0,
        }
    }

    /// Whether [`Flags::has`] says exactly which sentences hold a match of pattern `p`, so that
    /// a caller who needs only whether a sentence holds one need not search it.
    pub fn is_exact(&self, p: usize) -> bool {
        self.exact & bit(p) != 0
    }

    /// Whether sentence `i` may hold a match of pattern `p`: always for [`Flags::all`] and for
    /// a pattern past the gate's [`MAX_PATTERNS`], which it cannot rule out.
    pub fn has(&self, i: usize, p: usize) -> bool {
        let Some(bits) = self.per_sentence.get(i) else {
            return false;
        };
        let bit = bit(p);
        bit == 0 || bits & bit != 0
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

/// The NFA of `sources` as `hybrid::dfa::Builder::build_many` compiles it: every pattern with
/// `regex`'s default syntax, no capture groups. `None` if one does not compile.
pub(crate) fn compile_many(sources: &[&str]) -> Option<regex_automata::nfa::thompson::NFA> {
    use regex_automata::nfa::thompson;
    thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
        .build_many(sources)
        .ok()
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
                gate.warm_up(2);
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
    fn a_needle_is_taken_only_where_every_match_begins_with_it() {
        assert!(begins_every_match(r#""[^"\n]{2,}""#, "\""));
        assert!(begins_every_match(r"“[^”\n]{2,}”", "“"));
        assert!(begins_every_match(r"(?:“a|“b)c", "“"));
        for (pattern, needle) in [
            (r#"a?"x""#, "\""),
            (r#"(?:"|')x"#, "\""),
            (r#"x""#, "\""),
            (r#""x"#, ""),
            (r"“", "“x"),
            (r"(", "("),
        ] {
            assert!(
                !begins_every_match(pattern, needle),
                "{pattern} by {needle}"
            );
        }
        let quote = r#""[^"\n]{2,}""#;
        let gate = Gate::new(["said", quote])
            .find_by_needle(quote, "\"")
            .find_by_needle("said", "x");
        assert!(!gate.by_needle(0), "`x` does not begin `said`'s matches");
        assert!(gate.by_needle(1));
    }

    #[test]
    fn a_needle_flags_the_sentences_that_hold_it() {
        let said = compile(r"(?i)(?-u:\b)said(?-u:\b)");
        let quote = compile(r#""[^"\n]{2,}""#);
        let gate = Gate::new([said.as_str(), quote.as_str()]).find_by_needle(quote.as_str(), "\"");
        let (text, spans) = batch_of(&[
            "She said \"no way\" twice.",
            "A \" alone.",
            "Nothing here.",
            "\"Yes,\" he said, \"and yes.\"",
        ]);
        let flags = gate.scan_any(&text, &spans);
        assert_eq!(flags.per_sentence, vec![0b11, 0b10, 0b00, 0b11]);
        assert!(flags.is_exact(0), "the automaton's flags are exact");
        assert!(!flags.is_exact(1), "a needle's are a superset");
        assert!(!Flags::all(4).is_exact(0));
        let (mut found, mut all) = (Vec::new(), Vec::new());
        flags.each_match(1, &quote, &text, &spans, |i, s| found.push((i, s)));
        Flags::all(spans.len()).each_match(1, &quote, &text, &spans, |i, s| all.push((i, s)));
        assert_eq!(found, all);
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn batches_wait_for_the_warm_up_and_threads_start_from_its_states() {
        let said = compile(r"(?i)(?-u:\b)said(?-u:\b)");
        let number = compile(r"\d+%");
        let (text, spans) = batch_of(&["She said so.", "Up 12% here."].repeat(200));
        let fresh = Gate::new([said.as_str(), number.as_str()]).at_once();
        let expected = fresh.scan(&text, &spans);
        assert_ne!(expected, Flags::all(spans.len()));

        let gate = Gate::new([said.as_str(), number.as_str()]).at_once();
        // The sample is what is offered before the warm-up is due.
        gate.add_to_sample(&text);
        assert!(gate.take_warm_up(text.len()));
        assert_eq!(
            gate.scan(&text, &spans),
            Flags::all(spans.len()),
            "warming up"
        );
        gate.warm_up(2);
        let empty = gate
            .automaton()
            .map(|a| a.dfa.create_cache().memory_usage());
        let seed = gate.seed.get().map(Cache::memory_usage);
        assert!(seed > empty, "the states are kept");
        let cache = gate.automaton().map(|a| a.pool.get().memory_usage());
        assert!(cache > empty, "a thread's cache starts with the states");
        assert_eq!(gate.scan(&text, &spans), expected);

        // One thread keeps no states apart, and does not wait.
        let single = Gate::new([said.as_str(), number.as_str()]).at_once();
        single.add_to_sample(&text);
        assert!(single.take_warm_up(text.len()));
        single.warm_up(1);
        assert!(single.seed.get().is_none());
        assert_eq!(single.scan(&text, &spans), expected);
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
