//! A compiled pattern for the claim detector's batch searches: a [`Short`] pattern (the `regex`
//! crate's automata, without the reverse one until a match needs it), plus the one choice
//! `regex` does not offer, whether to build a literal prefilter.
//!
//! The prefilter (a `memchr`/Teddy search for the literals a match must start with) pays where
//! those literals are rare: a quotation mark, "according to", "mid-". It costs where they are
//! common: for `\b(?:[Ii]n|[Oo]n|[Bb]y|…)\s…` every "in" and "on" of the text starts a
//! search of the automaton, and reading corpus2k's paragraphs took 88 ms with it against
//! 32 ms without. For most claim patterns it changes nothing measurable, while building it was
//! more than half of compiling them (26.4 → 12.0 ms for the thirty-three batch patterns, on
//! `regex`'s own engine, whose prefilter also searched around a literal inside a pattern),
//! which every run pays at start-up. So each pattern says whether it gets one
//! ([`Prefilter`]). Matches are the same either way: a prefilter only skips text in which no
//! match can start. The unit tests hold both kinds to `regex::Regex` on every fixture line.
//! Until the seventeenth session these patterns ran on `regex`'s own engine; on [`Short`]
//! with a prefilter of prefixes only, corpus2k and big5 took the same time, and tiny200 3%
//! fewer instructions, since no reverse automaton is compiled before a match needs it.
//!
//! [`Short`] is also the engine of the patterns searched one sentence at a time (see its docs).
//!
//! The crate's own patterns are not parsed or compiled at start-up: their NFAs are stored in
//! the binary, compiled ahead of time (`stored`), and laid down again state for state. That
//! was a third of a run over 200 short articles (tiny200: 193 → 120 million instructions).
//!
//! What the patterns mean is left to their callers (`claims`); where a batch is searched, to
//! `gate`.

pub(crate) mod stored;

use regex_automata::meta;
use regex_automata::nfa::thompson::{self, NFA, backtrack, pikevm};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, hybrid};
use std::ops::Range;

/// Whether a [`Pattern`] is built with a literal prefilter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefilter {
    /// A search for the literals a match must start with, where the pattern has them: for
    /// patterns whose matches start with rare literals.
    Literal,
    /// The automaton alone: for patterns whose literals are common words.
    Off,
}

/// A pattern compiled once, with its source text.
#[derive(Debug)]
pub struct Pattern {
    short: Short,
}

impl Pattern {
    /// Compiles `pattern` as [`Short::new`] does.
    pub fn new(
        pattern: &str,
        prefilter: Prefilter,
    ) -> Result<Pattern, Box<dyn std::error::Error + Send + Sync>> {
        let short = match prefilter {
            Prefilter::Literal => Short::build(pattern, true)?,
            Prefilter::Off => Short::build(pattern, false)?,
        };
        Ok(Pattern { short })
    }

    /// The source text it was compiled from.
    pub fn as_str(&self) -> &str {
        self.short.as_str()
    }

    /// Whether it matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.short.is_match(haystack)
    }

    /// Its successive non-overlapping matches in `haystack`, as `regex::Regex::find_iter`
    /// gives them.
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.short.matches(haystack)
    }

    /// Its leftmost-first match in `haystack` with its groups, as `regex::Regex::captures`
    /// gives it.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.short.captures(haystack)
    }
}

/// A match's groups (see [`Pattern::captures`]).
#[derive(Debug)]
pub struct Captures<'h> {
    caps: regex_automata::util::captures::Captures,
    haystack: &'h str,
}

impl<'h> Captures<'h> {
    /// Group `i` (0: the whole match), when it took part in the match.
    pub fn get(&self, i: usize) -> Option<Found<'h>> {
        self.found(self.caps.get_group(i)?)
    }

    /// The group named `name`, when it took part in the match.
    pub fn name(&self, name: &str) -> Option<Found<'h>> {
        self.found(self.caps.get_group_by_name(name)?)
    }

    fn found(&self, span: regex_automata::Span) -> Option<Found<'h>> {
        Some(Found {
            haystack: self.haystack,
            range: span.range(),
        })
    }
}

/// A pattern searched without the reverse automaton that `regex` builds with every pattern:
/// the speaker, prose-date, dateline and boilerplate patterns, which are searched in one
/// sentence, clause or line at a time, and (as a [`Pattern`]) the claim detector's batch
/// patterns.
///
/// `regex` finds a match in two passes, a forward lazy DFA for where it ends and a reverse one
/// for where it starts, and its groups in a third (a backtracker between the two). Both
/// automata are compiled with the pattern and grow states as they meet the text. For a
/// pattern of Unicode name classes (`[\w’'.-]*`) the reverse one is the dear part: its NFA is
/// built without the suffix sharing of the forward one, so each of its states costs tens of
/// thousands of instructions to build; on a run of short articles that was a sixth of all the
/// work (tiny200; 7% of 400 of corpus2k's articles).
///
/// For groups ([`Short::captures_at`] and what is built on it), the forward lazy DFA finds
/// where the leftmost-first match ends, and the match starts at the first position, from the
/// search's start, from which the same DFA anchored there reaches a match: no match starts
/// earlier (it would be further left), and the one from there that ends first in the DFA's
/// reading is the one that ends there. The bounded backtracker then reads the match alone for
/// its groups (the PikeVM, if the match is longer than its bit set holds). Probing a position
/// usually costs a byte or two, but could cost the rest of the stretch, so after a stretch of
/// more than 512 bytes (`PROBED_SPAN`), once the probes have read four times their stretch,
/// or if the lazy DFA gives up (its cache cleared too often), the `regex` crate's engine,
/// built when first needed, does the search.
///
/// For matches alone ([`Short::find_iter`], [`Short::matches`]), which a batch pattern searches
/// for over many sentences at once, probing would read every stretch between matches, so the
/// start is found by a reverse lazy DFA after all, as `regex` does, but one built on the first
/// match: a pattern that finds nothing in a run never compiles it.
///
/// Matches are `regex::Regex`'s, which the unit tests check on every fixture line.
pub struct Short {
    source: String,
    forward: Option<hybrid::dfa::DFA>,
    backtrack: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
    caches: Pool<ShortCache, CreateShortCache>,
    full: std::sync::OnceLock<Option<meta::Regex>>,
    /// The reverse lazy DFA for [`Short::matches`], built on its first match.
    reverse: std::sync::OnceLock<Option<hybrid::dfa::DFA>>,
}

/// The NFA compilers of [`Short`] patterns, one pair per thread, reused from pattern to
/// pattern. A compiler allocates and fills a table of 10,000 entries (about 400 KB) the first
/// time it meets a Unicode class, and only clears it by a version number after that: one new
/// compiler per pattern did that work a hundred times in a run of short articles.
struct Compilers {
    forward: thompson::Compiler,
    /// Without capture groups, which a reverse search never reports.
    reverse: thompson::Compiler,
}

thread_local! {
    static COMPILERS: Compilers = {
        let mut forward = thompson::Compiler::new();
        forward.configure(compiler_config(false));
        let mut reverse = thompson::Compiler::new();
        reverse.configure(compiler_config(true));
        Compilers { forward, reverse }
    };
}

/// How `regex` compiles a pattern's NFA: forward, with its capture groups, or reverse,
/// without them (a reverse search never reports them); at most 10 MB.
fn compiler_config(reverse: bool) -> thompson::Config {
    let config = thompson::Config::new()
        .utf8(true)
        .nfa_size_limit(Some(10 * (1 << 20)));
    match reverse {
        false => config,
        true => config
            .which_captures(thompson::WhichCaptures::None)
            .reverse(true),
    }
}

/// The NFA of a parsed pattern, forward (with its capture groups) or reverse (without), as
/// `regex` compiles it, on this thread's reused compilers (the store, `stored`, holds the
/// crate's own patterns compiled this way).
fn compile(hir: &regex_syntax::hir::Hir, reverse: bool) -> Result<NFA, Box<thompson::BuildError>> {
    COMPILERS.with(|c| {
        if reverse {
            c.reverse.build_from_hir(hir).map_err(Box::new)
        } else {
            c.forward.build_from_hir(hir).map_err(Box::new)
        }
    })
}

/// One thread's scratch space for a [`Short`] pattern's engines.
struct ShortCache {
    forward: Option<hybrid::dfa::Cache>,
    /// Made when the reverse automaton is first searched on this thread.
    reverse: Option<hybrid::dfa::Cache>,
    backtrack: backtrack::Cache,
    /// Made when the PikeVM is first needed on this thread: it is rarely needed (a long
    /// match, a lazy DFA that gave up), and its cache is as large as the NFA.
    pikevm: Option<pikevm::Cache>,
}

impl ShortCache {
    fn pikevm(&mut self, vm: &pikevm::PikeVM) -> &mut pikevm::Cache {
        self.pikevm.get_or_insert_with(|| vm.create_cache())
    }
}

type CreateShortCache = Box<dyn Fn() -> ShortCache + Send + Sync>;

impl std::fmt::Debug for Short {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Short")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Short {
    /// Compiles `pattern` with the `regex` crate's default syntax and limits, or, for one of the
    /// crate's own patterns, reads the NFA compiled that way from the store (`stored`).
    pub fn new(pattern: &str) -> Result<Short, Box<dyn std::error::Error + Send + Sync>> {
        Short::build(pattern, false)
    }

    /// [`Short::new`], with a prefilter on the forward automaton for the literals a match must
    /// start with, when the pattern has them (see [`Prefilter::Literal`]).
    fn build(
        pattern: &str,
        prefixes: bool,
    ) -> Result<Short, Box<dyn std::error::Error + Send + Sync>> {
        use regex_automata::util::prefilter::Prefilter;
        let kind = MatchKind::LeftmostFirst;
        let (nfa, pre) = match stored::forward(pattern) {
            Some((nfa, literals)) => {
                let pre = literals
                    .filter(|_| prefixes)
                    .and_then(|l| Prefilter::new(kind, &l));
                (nfa, pre)
            }
            None => {
                let hir = syntax::parse_with(pattern, &syntax::Config::new().utf8(true))?;
                let pre = prefixes
                    .then(|| Prefilter::from_hir_prefix(kind, &hir))
                    .flatten();
                (compile(&hir, false)?, pre)
            }
        };
        // `regex`'s defaults: 2 MB for the lazy DFA's cache, and the settings its engine
        // (`meta`) gives the lazy DFA.
        let forward = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .specialize_start_states(pre.is_some())
                    .prefilter(pre)
                    .unicode_word_boundary(true)
                    .cache_capacity(2 * (1 << 20))
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa.clone())
            // Only a cache too small for the pattern fails here; the PikeVM then does it all.
            .ok();
        let backtrack = backtrack::Builder::new().build_from_nfa(nfa.clone())?;
        let pikevm = pikevm::Builder::new().build_from_nfa(nfa)?;
        let caches = {
            let (forward, backtrack) = (forward.clone(), backtrack.clone());
            let create: CreateShortCache = Box::new(move || ShortCache {
                forward: forward.as_ref().map(hybrid::dfa::DFA::create_cache),
                reverse: None,
                backtrack: backtrack.create_cache(),
                pikevm: None,
            });
            Pool::new(create)
        };
        Ok(Short {
            source: pattern.to_string(),
            forward,
            backtrack,
            pikevm,
            caches,
            full: std::sync::OnceLock::new(),
            reverse: std::sync::OnceLock::new(),
        })
    }

    /// The source text it was compiled from.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether it matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        let mut cache = self.caches.get();
        let input = Input::new(haystack).earliest(true);
        if let (Some(dfa), Some(c)) = (&self.forward, cache.forward.as_mut())
            && let Ok(found) = dfa.try_search_fwd(c, &input)
        {
            return found.is_some();
        }
        self.pikevm.is_match(cache.pikevm(&self.pikevm), input)
    }

    /// Its leftmost-first match in `haystack` with its groups, as `regex::Regex::captures`
    /// gives it.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    /// Its leftmost-first match in `haystack` starting at `at` or later, with its groups, as
    /// `regex::Regex::captures_at` gives it (the text before `at` still counts for `^` and
    /// `\b`). Nothing when `at` is past the end.
    pub fn captures_at<'h>(&self, haystack: &'h str, at: usize) -> Option<Captures<'h>> {
        if at > haystack.len() {
            return None;
        }
        let mut cache = self.caches.get();
        let input = Input::new(haystack).range(at..);
        let start = match (&self.forward, cache.forward.as_mut()) {
            (Some(dfa), Some(c)) => match dfa.try_search_fwd(c, &input) {
                Ok(None) => return None,
                Ok(Some(end)) if end.offset() - at <= PROBED_SPAN => {
                    leftmost_start(dfa, c, haystack, at..end.offset()).map(|p| p..end.offset())
                }
                // A long stretch before the match, or the lazy DFA gave up: see below.
                _ => None,
            },
            _ => None,
        };
        let Some(span) = start else {
            drop(cache);
            return self.captures_in_full(haystack, at);
        };
        let mut caps = self.pikevm.create_captures();
        let exact = Input::new(haystack)
            .span(span)
            .anchored(regex_automata::Anchored::Yes);
        if exact.get_span().len() <= self.backtrack.max_haystack_len()
            && self
                .backtrack
                .try_captures(&mut cache.backtrack, exact.clone(), &mut caps)
                .is_ok()
        {
            return caps.is_match().then_some(Captures { caps, haystack });
        }
        self.pikevm
            .captures(cache.pikevm(&self.pikevm), exact, &mut caps);
        caps.is_match().then_some(Captures { caps, haystack })
    }

    /// [`Short::captures_at`] by the `regex` crate's own engine, built the first time it is
    /// needed: for a match after a long stretch of text, where probing each position for its
    /// start could cost the stretch's length squared, and where the lazy DFA gives up. The
    /// PikeVM does it if that engine cannot be built (it is the same pattern, so it can).
    fn captures_in_full<'h>(&self, haystack: &'h str, at: usize) -> Option<Captures<'h>> {
        let input = Input::new(haystack).range(at..);
        let full = self.full.get_or_init(|| {
            meta::Builder::new()
                .syntax(syntax::Config::new().utf8(true))
                .build(&self.source)
                .ok()
        });
        let mut caps = self.pikevm.create_captures();
        match full {
            Some(full) => full.search_captures(&input, &mut caps),
            None => self
                .pikevm
                .captures(self.caches.get().pikevm(&self.pikevm), input, &mut caps),
        }
        caps.is_match().then_some(Captures { caps, haystack })
    }

    /// Its leftmost-first match in `haystack`, as `regex::Regex::find` gives it.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Found<'h>> {
        self.captures(haystack)?.get(0)
    }

    /// Its successive non-overlapping matches in `haystack` with their groups, as
    /// `regex::Regex::captures_iter` gives them: after an empty match, the next search starts
    /// a byte further on, and an empty match where the previous match ended is skipped.
    pub fn captures_iter<'a, 'h: 'a>(
        &'a self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'a {
        let mut at = 0;
        let mut last_end = None;
        std::iter::from_fn(move || {
            let mut c = self.captures_at(haystack, at)?;
            let mut whole = c.caps.get_group(0)?;
            if whole.is_empty() && Some(whole.end) == last_end {
                c = self.captures_at(haystack, at.checked_add(1)?)?;
                whole = c.caps.get_group(0)?;
            }
            at = whole.end;
            last_end = Some(whole.end);
            Some(c)
        })
    }

    /// Its successive non-overlapping matches in `haystack`, as `regex::Regex::find_iter`
    /// gives them.
    pub fn find_iter<'a, 'h: 'a>(
        &'a self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Found<'h>> + 'a {
        self.matches(haystack)
            .map(move |range| Found { haystack, range })
    }

    /// [`Short::find_iter`]'s ranges. A match's end is found by the forward lazy DFA and its
    /// start by a reverse one, as `regex` does (probing for the start, as
    /// [`Short::captures_at`] does, would read the whole stretch before each match of a
    /// pattern searched over many sentences at once). The reverse automaton is built on the
    /// first match, so a pattern that finds nothing in a run never builds it.
    pub fn matches<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut cache = self.caches.get();
        let mut searcher = regex_automata::util::iter::Searcher::new(Input::new(haystack));
        std::iter::from_fn(move || {
            searcher
                .try_advance(|input| Ok(self.find_in(&mut cache, input)))
                .ok()
                .flatten()
                .map(|m| m.range())
        })
    }

    /// The leftmost-first match in `input`: its end by the forward lazy DFA, its start by the
    /// reverse one from there; by the PikeVM if either gives up.
    fn find_in(&self, cache: &mut ShortCache, input: &Input<'_>) -> Option<regex_automata::Match> {
        use regex_automata::{Anchored, Match, PatternID};
        if let (Some(dfa), Some(c)) = (&self.forward, cache.forward.as_mut()) {
            match dfa.try_search_fwd(c, input) {
                Ok(None) => return None,
                Ok(Some(end)) => {
                    let end = end.offset();
                    if end == input.start() || input.get_anchored().is_anchored() {
                        return Some(Match::new(PatternID::ZERO, input.start()..end));
                    }
                    if let Some(rev) = self.reverse() {
                        let rc = cache.reverse.get_or_insert_with(|| rev.create_cache());
                        let back = input
                            .clone()
                            .span(input.start()..end)
                            .anchored(Anchored::Yes)
                            .earliest(false);
                        if let Ok(Some(start)) = rev.try_search_rev(rc, &back) {
                            return Some(Match::new(PatternID::ZERO, start.offset()..end));
                        }
                    }
                }
                Err(_) => {}
            }
        }
        self.pikevm.find(cache.pikevm(&self.pikevm), input.clone())
    }

    /// The reverse lazy DFA, built the first time it is needed, with the settings `regex`
    /// gives its own; `None` if it cannot be built (the PikeVM then finds the starts).
    fn reverse(&self) -> Option<&hybrid::dfa::DFA> {
        self.reverse
            .get_or_init(|| {
                let nfa = match stored::reverse(&self.source) {
                    Some(nfa) => nfa,
                    None => {
                        let config = syntax::Config::new().utf8(true);
                        compile(&syntax::parse_with(&self.source, &config).ok()?, true).ok()?
                    }
                };
                hybrid::dfa::Builder::new()
                    .configure(
                        hybrid::dfa::Config::new()
                            .match_kind(MatchKind::All)
                            .starts_for_each_pattern(true)
                            .unicode_word_boundary(true)
                            .cache_capacity(2 * (1 << 20))
                            .minimum_cache_clear_count(Some(3))
                            .minimum_bytes_per_state(Some(10)),
                    )
                    .build_from_nfa(nfa)
                    .ok()
            })
            .as_ref()
    }
}

/// The longest stretch, in bytes, from a search's start to its match's end, in which
/// [`Short`] probes each position for the match's start. Sentences are mostly shorter.
const PROBED_SPAN: usize = 512;

/// How many bytes the probes of one search may read, per byte of its stretch (plus
/// [`PROBE_SLACK`]). Every probe dies within a byte or two on prose, but one could read to the
/// stretch's end from every position (`a[^b]*c|b` on runs of `a` before a `b`: a review
/// measured 300× `regex`'s time without this bound), so past it the work is left to an engine
/// with a reverse automaton, and no search reads more than a few times its text.
const PROBE_BYTES_PER_BYTE: usize = 4;

/// The probes' allowance beyond [`PROBE_BYTES_PER_BYTE`], for short stretches.
const PROBE_SLACK: usize = 64;

/// Where the leftmost-first match ending at `span.end` starts: the first position in `span`
/// from which the lazy DFA, anchored there, reaches a match state without reading past
/// `span.end` (no match starts earlier, or it would be further left). `None` if the DFA
/// quits or gives up, or the probes read more than their allowance.
fn leftmost_start(
    dfa: &hybrid::dfa::DFA,
    cache: &mut hybrid::dfa::Cache,
    haystack: &str,
    span: Range<usize>,
) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let mut allowance = span.len() * PROBE_BYTES_PER_BYTE + PROBE_SLACK;
    for p in span.clone() {
        if !haystack.is_char_boundary(p) {
            continue;
        }
        let probe = Input::new(haystack)
            .span(p..span.end)
            .anchored(regex_automata::Anchored::Yes);
        let mut state = dfa.start_state_forward(cache, &probe).ok()?;
        let mut i = p;
        let found = loop {
            if state.is_tagged() {
                if state.is_match() {
                    break true;
                }
                if state.is_dead() {
                    break false;
                }
                if state.is_quit() {
                    return None;
                }
            }
            // A match is seen one byte late: the byte after the span (or the end of the text)
            // is read last, as the DFA's own searches do.
            if i == span.end {
                state = match bytes.get(i) {
                    Some(&b) => dfa.next_state(cache, state, b),
                    None => dfa.next_eoi_state(cache, state),
                }
                .ok()?;
                break state.is_match();
            }
            allowance = allowance.checked_sub(1)?;
            state = dfa.next_state(cache, state, *bytes.get(i)?).ok()?;
            i += 1;
        };
        if found {
            return Some(p);
        }
    }
    // The match is empty and at the span's end.
    haystack.is_char_boundary(span.end).then_some(span.end)
}

/// Where a group matched, and its text (the parts of `regex::Match` that callers use).
#[derive(Debug, Clone)]
pub struct Found<'h> {
    haystack: &'h str,
    range: Range<usize>,
}

impl<'h> Found<'h> {
    pub fn start(&self) -> usize {
        self.range.start
    }

    pub fn end(&self) -> usize {
        self.range.end
    }

    /// The matched text (`""` if its ends were not on character boundaries, which a pattern
    /// compiled for `&str` never gives).
    pub fn as_str(&self) -> &'h str {
        self.haystack.get(self.range.clone()).unwrap_or("")
    }
}

/// What a batch search needs of a pattern: its matches, in order. Both `regex::Regex` (the
/// configuration's extra signals) and [`Pattern`] have them.
pub trait Search {
    /// [`Pattern::find_iter`].
    fn matches<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a;
}

impl Search for Pattern {
    fn matches<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.find_iter(haystack)
    }
}

impl Search for regex::Regex {
    fn matches<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.find_iter(haystack).map(|m| m.range())
    }
}

/// The sources of every [`Short`] pattern the crate compiles from constants: the speaker,
/// prose-date, dateline, boilerplate, single-quotation, caption and suppression patterns (for
/// tests).
#[cfg(test)]
pub(crate) fn short_sources() -> Vec<String> {
    let mut sources = crate::claims::short_sources();
    sources.extend(crate::prose_dates::short_sources());
    sources.extend(crate::document::dateline::short_sources());
    sources.extend(crate::document::boilerplate::short_sources());
    sources.extend(
        [
            &*crate::claims::signals::SINGLE_QUOTED,
            &*crate::document::CAPTION,
            &*crate::document::suppress::COMMENT,
        ]
        .map(|p| p.as_str().to_string()),
    );
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of the fixtures, and `extra`.
    fn lines_and(extra: &[&str]) -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for text in crate::fixture_texts() {
            texts.extend(text.lines().map(String::from));
        }
        texts.extend(extra.iter().map(|t| t.to_string()));
        texts
    }

    /// Calls `check` with `regex::Regex` and each kind of [`Pattern`] built from each source.
    fn each_pair(sources: &[String], mut check: impl FnMut(&str, &regex::Regex, &Pattern)) {
        for source in sources {
            let plain = regex::Regex::new(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            for prefilter in [Prefilter::Literal, Prefilter::Off] {
                let p = Pattern::new(source, prefilter).unwrap_or_else(|e| panic!("{source}: {e}"));
                assert_eq!(p.as_str(), source);
                check(&format!("{source} {prefilter:?}"), &plain, &p);
            }
        }
    }

    /// Both kinds of [`Pattern`] find what `regex::Regex` finds, on every line of the fixtures
    /// and on lines made to hold matches, for every claims pattern and a few with anchors,
    /// empty matches and Unicode classes.
    #[test]
    fn patterns_match_as_regex_does() {
        let mut sources: Vec<String> = crate::claims::GATE.sources.clone();
        sources.extend(
            [
                r"^\w+",
                r"\b",
                r"x*",
                r"(?i)straße|ǅ",
                r"\d+(?:[.,]\d+)*\s?%$",
                r#""[^"\n]{2,}""#,
            ]
            .map(String::from),
        );
        let texts = lines_and(&[
            "In March 2020 prices rose 20% (officials said), according to the \"report\".",
            "Straße STRASSE ǅemal ǆ 12,5 % ٣٤ 1.2.3",
            "",
            "x",
            "éé in on by since",
        ]);
        each_pair(&sources, |what, plain, p| {
            for t in &texts {
                let want: Vec<Range<usize>> = plain.matches(t).collect();
                let got: Vec<Range<usize>> = p.matches(t).collect();
                assert_eq!(got, want, "{what} on {t:?}");
                assert_eq!(p.is_match(t), plain.is_match(t), "{what} on {t:?}");
            }
        });
    }

    /// [`Pattern::captures`] gives `regex::Regex::captures`'s groups, with the speaker
    /// pattern that uses it and a few others, on every line of the fixtures.
    #[test]
    fn captures_are_regex_captures() {
        let sources = [
            r"(\w+) (\d+)?(x)?".to_string(),
            r"(?i)^(?:the\s+)?(expert|analyst)s?\b".to_string(),
            crate::claims::definite_speaker_source(),
        ];
        let texts = lines_and(&[
            "The ministry said on Monday, and its spokesman told reporters.",
            "abc 12",
            "",
        ]);
        each_pair(&sources, |what, plain, p| {
            for t in &texts {
                let want = plain.captures(t).map(|c| {
                    (0..c.len())
                        .map(|i| c.get(i).map(|m| (m.start(), m.end(), m.as_str())))
                        .collect::<Vec<_>>()
                });
                let got = p.captures(t).map(|c| {
                    (0..want.as_ref().map_or(0, Vec::len))
                        .map(|i| c.get(i).map(|m| (m.start(), m.end(), m.as_str())))
                        .collect::<Vec<_>>()
                });
                assert_eq!(got, want, "{what} on {t:?}");
            }
        });
    }

    /// [`Short::captures_at`] gives `regex::Regex::captures_at`'s groups (by number and by
    /// name), [`Short::captures_iter`] and [`Short::find_iter`] its matches, and
    /// [`Short::is_match`] its answer, for every speaker, prose-date, dateline, boilerplate,
    /// single-quotation, caption and suppression pattern ([`short_sources`]) and a few with
    /// anchors, empty matches, alternatives that prefer a shorter match and Unicode classes,
    /// on every line of the fixtures, from several places in it; and each way to the groups
    /// is taken: probing, the `regex` engine after a long stretch, and the PikeVM for a match
    /// longer than the backtracker's bit set.
    #[test]
    fn short_patterns_capture_as_regex_does() {
        let mut sources = short_sources();
        sources.extend(
            [
                r"(\w+) (\d+)?(x)?",
                r"^\w+",
                r"\b",
                r"x*",
                r"(a|ab)(c|bcd)?",
                r"(?i)straße|ǅ",
                r"(?m)^(\w+)$",
                r"(\p{Lu}\w*)(?:\s+(\p{Lu}\w*))*\s+said",
                r"a[^b]*c|b",
            ]
            .map(String::from),
        );
        let apposition = "é".repeat(3_000);
        let long = format!("Ana Ruiz, {apposition}, said the port had grown; Lars Vik said so.");
        // Every probe of `a[^b]*c|b` reads to the `b`: past the probes' allowance.
        let probed_long = format!("{}b", "a".repeat(300)).repeat(3);
        let texts = lines_and(&[
            "abc 12",
            "abcd abc",
            "",
            "x",
            "Straße STRASSE ǅemal ǆ",
            "one\ntwo\nÉmile Zola said",
            "SÃO PAULO, Brazil, Aug. 11, 2025 -- Prices rose.",
            "Updated: August 11, 2025 | 9:30 a.m. ET",
            &long,
            &probed_long,
        ]);
        for source in &sources {
            let plain = regex::Regex::new(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            let short = Short::new(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            assert_eq!(short.as_str(), source);
            let groups = plain.captures_len();
            // Every group's span, from a match's way of giving group `i`.
            let spans = |group: &dyn Fn(usize) -> Option<(usize, usize)>| {
                (0..groups).map(group).collect::<Vec<_>>()
            };
            for t in &texts {
                assert_eq!(short.is_match(t), plain.is_match(t), "{source} on {t:?}");
                let starts = [0, 1, 2, t.len() / 2, t.len()];
                for at in starts.into_iter().filter(|&at| t.is_char_boundary(at)) {
                    let want = plain
                        .captures_at(t, at)
                        .map(|c| spans(&|i| c.get(i).map(|m| (m.start(), m.end()))));
                    let got = short
                        .captures_at(t, at)
                        .map(|c| spans(&|i| c.get(i).map(|m| (m.start(), m.end()))));
                    assert_eq!(got, want, "{source} on {t:?} from {at}");
                }
            }
            for t in &texts {
                let want: Vec<_> = plain
                    .captures_iter(t)
                    .map(|c| spans(&|i| c.get(i).map(|m| (m.start(), m.end()))))
                    .collect();
                let got: Vec<_> = short
                    .captures_iter(t)
                    .map(|c| spans(&|i| c.get(i).map(|m| (m.start(), m.end()))))
                    .collect();
                assert_eq!(got, want, "{source}: every match in {t:?}");
                let found: Vec<Range<usize>> =
                    short.find_iter(t).map(|m| m.start()..m.end()).collect();
                let want: Vec<Range<usize>> = plain.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(found, want, "{source}: find_iter in {t:?}");
            }
            assert!(short.captures_at("abc", 4).is_none());
            if let Some(named) = plain.capture_names().flatten().next() {
                for t in &texts {
                    let want = plain
                        .captures(t)
                        .and_then(|c| c.name(named))
                        .map(|m| m.range());
                    let got = short
                        .captures(t)
                        .and_then(|c| c.name(named))
                        .map(|m| m.start()..m.end());
                    assert_eq!(got, want, "{source}: group {named} in {t:?}");
                }
            }
        }
        // The other ways to the groups: a match after more than `PROBED_SPAN` bytes (the
        // `regex` engine), with the open named-speaker pattern; a match longer than the
        // backtracker's bit set holds but within the probed stretch (the PikeVM), with a
        // pattern whose NFA is larger still.
        let open = crate::claims::short_sources()
            .into_iter()
            .find(|s| s.contains("put\\s+it") && s.contains("[^,;]+"))
            .map(|s| Short::new(&s).expect("the speaker patterns compile"));
        let open = open.expect("the open named-speaker pattern is among the sources");
        let plain = regex::Regex::new(open.as_str()).expect("it compiles for regex too");
        assert!(long.find("said").is_some_and(|at| at > PROBED_SPAN));
        let got = open.captures(&long).and_then(|c| c.get(2)).map(|m| m.end());
        let want = plain
            .captures(&long)
            .and_then(|c| c.get(2))
            .map(|m| m.end());
        assert!(got.is_some());
        assert_eq!(got, want);
        let big = Short::new(r"(\w{60})[^!]*said").expect("it compiles");
        let bit_set = big.backtrack.max_haystack_len();
        assert!(bit_set + 80 < PROBED_SPAN, "{bit_set}");
        let within = format!("{} {} said", "é".repeat(60), "x".repeat(bit_set));
        let c = big.captures(&within).and_then(|c| c.get(0));
        assert_eq!(c.map(|m| m.end() - m.start()), Some(within.len()));
        assert!(within.len() > bit_set && within.len() < PROBED_SPAN);
    }

    #[test]
    fn a_broken_pattern_is_an_error() {
        assert!(Pattern::new("(unclosed", Prefilter::Off).is_err());
        assert!(Short::new("(unclosed").is_err());
    }
}
