//! The NFAs of the crate's own patterns, compiled ahead of time: `stored.bin`, read back with
//! `regex-automata`'s NFA builder instead of parsing and compiling each pattern at start-up.
//!
//! Parsing a pattern and compiling its NFA (Unicode classes such as `\w` become automata over
//! UTF-8 bytes, `(?i)` word lists classes per letter) took about 25 ms of CPU for the claim,
//! speaker, date, dateline and boilerplate patterns, a third of a run over 200 short articles.
//! Laying the finished states down again is a copy. The store holds, for each pattern's source
//! text, its forward NFA (with its groups), its reverse NFA (for the start of a match) and the
//! literals a match must start with (for a prefilter); `Short` looks its source up and compiles
//! it only when it is not there (a pattern from the configuration, or one changed since the
//! store was written). It also holds the claims gate's multi-pattern NFA (`crate::gate`), keyed
//! by its patterns' sources, which took as long again to compile on every run with enough prose
//! to be gated.
//!
//! A stored NFA is the compiled one, state for state: the unit tests compile every pattern,
//! write the store from the result, read each entry back and compare it with the compiled NFA
//! (its states, starts, groups and settings), and fail while `stored.bin` differs from what
//! they would write (`CITECHECK_BLESS=1 cargo test stored` writes it anew). So a pattern edited
//! without the store being rewritten, or a new version of `regex-automata`, cannot pass the
//! tests, and the store is only ever the same automaton sooner.
//!
//! What is stored is left to the patterns' modules (`catalog` in the tests lists them, with the
//! gate's list); how an NFA is searched, to `crate::pattern` and `crate::gate`.

use regex_automata::nfa::thompson::{Builder, NFA, Transition};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::StateID;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// The store (format below, [`MAGIC`] first).
static STORE: &[u8] = include_bytes!("stored.bin");

/// The store's first bytes; the number is its format's version.
const MAGIC: &[u8] = b"citecheck stored automata 3\n";

/// One pattern's entry: its three parts, still encoded.
struct Entry {
    forward: &'static [u8],
    reverse: &'static [u8],
    prefixes: &'static [u8],
}

/// The store's entries, read once: those of one pattern by its source text, those of several
/// (the gate's) by [`many_key`], apart, so that no pattern's source can name a list. An
/// unreadable store is an empty one: every pattern is then compiled as if it had never been
/// stored.
static ENTRIES: LazyLock<Entries> = LazyLock::new(|| entries(STORE).unwrap_or_default());

#[derive(Default)]
struct Entries {
    one: HashMap<&'static str, Entry>,
    many: HashMap<&'static str, Entry>,
}

/// The forward NFA stored for `source` (with its capture groups), and the literals a match
/// must start with (`None` when there is no finite set of them). `None` if `source` is not
/// stored.
pub(super) fn forward(source: &str) -> Option<(NFA, Option<Vec<Vec<u8>>>)> {
    let entry = ENTRIES.one.get(source)?;
    Some((nfa(entry.forward)?, prefixes(entry.prefixes)?))
}

/// The reverse NFA (without capture groups) stored for `source`.
pub(super) fn reverse(source: &str) -> Option<NFA> {
    nfa(ENTRIES.one.get(source)?.reverse)
}

/// The multi-pattern NFA stored for `sources` (without capture groups, as `crate::gate`
/// compiles its patterns together).
pub(crate) fn forward_many(sources: &[&str]) -> Option<NFA> {
    nfa(ENTRIES.many.get(many_key(sources).as_str())?.forward)
}

/// The key of a multi-pattern NFA in the store: its patterns' sources in order, each after
/// its length, so that no two lists share a key.
fn many_key(sources: &[&str]) -> String {
    sources.iter().map(|s| format!("{}:{s}", s.len())).collect()
}

/// Reads a store's directory: `MAGIC`, the number of entries, then each entry's kind (0: one
/// pattern, 1: several), its key and its three parts, every one preceded by its length.
fn entries(store: &'static [u8]) -> Option<Entries> {
    let mut r = Reader {
        bytes: store.strip_prefix(MAGIC)?,
    };
    let count = r.number()?;
    let mut entries = Entries::default();
    for _ in 0..count {
        let kind = r.byte()?;
        let key = std::str::from_utf8(r.part()?).ok()?;
        let entry = Entry {
            forward: r.part()?,
            reverse: r.part()?,
            prefixes: r.part()?,
        };
        match kind {
            0 => entries.one.insert(key, entry),
            1 => entries.many.insert(key, entry),
            _ => return None,
        };
    }
    r.bytes.is_empty().then_some(entries)
}

/// The tags of an NFA's states in the store.
mod tag {
    pub const RANGE: u8 = 0;
    pub const SPARSE: u8 = 1;
    pub const LOOK: u8 = 2;
    pub const UNION: u8 = 3;
    pub const BINARY_UNION: u8 = 4;
    pub const CAPTURE_START: u8 = 5;
    pub const CAPTURE_END: u8 = 6;
    pub const FAIL: u8 = 7;
    pub const MATCH: u8 = 8;
}

/// One pattern of a stored NFA: its start and its groups' names.
struct StoredPattern {
    start: StateID,
    names: Vec<Option<Arc<str>>>,
    /// Which of its groups have had their start state laid down.
    started: Vec<bool>,
}

/// Lays down a stored NFA's states again, in their order, so that each keeps its ID: a flags
/// byte (1: UTF-8, 2: reverse), the anchored and unanchored starts, the number of patterns and
/// each one's start and groups' names, then the states. A pattern's match and capture states
/// are laid down while it is the builder's open pattern; the compiler lays each pattern's
/// states down before the next one's, so the patterns are opened in order as their states
/// come. `None` for anything malformed (which the tests rule out), never a panic: every state
/// ID is checked against the number of states, every pattern against the open one and every
/// group end against a start before the builder sees them.
fn nfa(bytes: &[u8]) -> Option<NFA> {
    let mut r = Reader { bytes };
    let flags = r.byte()?;
    let (anchored, unanchored) = (r.number()?, r.number()?);
    let count = r.number()?;
    let mut raw = Vec::with_capacity(count.min(MAX_STORED_PATTERNS));
    for _ in 0..count.min(MAX_STORED_PATTERNS + 1) {
        let start = r.number()?;
        let names: Vec<Option<Arc<str>>> = (0..r.number()?)
            .map(|_| match r.byte()? {
                0 => Some(None),
                _ => Some(Some(Arc::from(std::str::from_utf8(r.part()?).ok()?))),
            })
            .collect::<Option<_>>()?;
        raw.push((start, names));
    }
    if raw.is_empty() || raw.len() > MAX_STORED_PATTERNS {
        return None;
    }
    let len = r.number()?;
    let id = |n: usize| (n < len).then(|| StateID::new(n).ok()).flatten();
    let mut patterns = Vec::with_capacity(raw.len());
    for (start, names) in raw {
        let started = vec![false; names.len()];
        let start = id(start)?;
        patterns.push(StoredPattern {
            start,
            names,
            started,
        });
    }
    let (anchored, unanchored) = (id(anchored)?, id(unanchored)?);
    let mut b = Builder::new();
    b.set_utf8(flags & 1 != 0);
    b.set_reverse(flags & 2 != 0);
    b.start_pattern().ok()?;
    let mut open = 0;
    for _ in 0..len {
        let added = match r.byte()? {
            tag::RANGE => b.add_range(r.transition(id)?),
            tag::SPARSE => {
                let n = r.number()?;
                // The builder makes a state of fewer into another kind, so a stored one has
                // at least two.
                if n < 2 {
                    return None;
                }
                let mut transitions = Vec::with_capacity(n.min(256));
                for _ in 0..n {
                    transitions.push(r.transition(id)?);
                }
                // The builder wants them in order and apart.
                if transitions.windows(2).any(|w| w[0].end >= w[1].start) {
                    return None;
                }
                b.add_sparse(transitions)
            }
            tag::LOOK => {
                let look = Look::from_repr(u32::try_from(r.number()?).ok()?)?;
                b.add_look(id(r.number()?)?, look)
            }
            tag::UNION => {
                let n = r.number()?;
                // The builder makes a union of fewer into another kind (of one, into nothing
                // at all, which it follows without looking for cycles), so a stored one has at
                // least three.
                if n < 3 {
                    return None;
                }
                let mut alternates = Vec::with_capacity(n.min(r.bytes.len()));
                for _ in 0..n {
                    alternates.push(id(r.number()?)?);
                }
                b.add_union(alternates)
            }
            tag::BINARY_UNION => {
                let (one, two) = (id(r.number()?)?, id(r.number()?)?);
                b.add_union(vec![one, two])
            }
            tag::CAPTURE_START => {
                let next = id(r.number()?)?;
                let group = r.number()?;
                let p = open_pattern(&mut b, &mut open, &patterns, r.number()?)?;
                let pattern = patterns.get_mut(p)?;
                *pattern.started.get_mut(group)? = true;
                let name = pattern.names.get(group)?.clone();
                b.add_capture_start(next, u32::try_from(group).ok()?, name)
            }
            tag::CAPTURE_END => {
                let next = id(r.number()?)?;
                let group = r.number()?;
                let p = open_pattern(&mut b, &mut open, &patterns, r.number()?)?;
                if !*patterns.get(p)?.started.get(group)? {
                    return None;
                }
                b.add_capture_end(next, u32::try_from(group).ok()?)
            }
            tag::FAIL => b.add_fail(),
            tag::MATCH => {
                open_pattern(&mut b, &mut open, &patterns, r.number()?)?;
                b.add_match()
            }
            _ => return None,
        };
        added.ok()?;
    }
    // The patterns after the last one with a match or capture state.
    open_pattern(&mut b, &mut open, &patterns, patterns.len() - 1)?;
    b.finish_pattern(patterns.last()?.start).ok()?;
    if !r.bytes.is_empty() {
        return None;
    }
    b.build(anchored, unanchored).ok()
}

/// Opens pattern `p` (a number read from the store) in `b`, closing those before it; `None` if
/// it was closed already or does not exist.
fn open_pattern(
    b: &mut Builder,
    open: &mut usize,
    patterns: &[StoredPattern],
    p: usize,
) -> Option<usize> {
    if p < *open || p >= patterns.len() {
        return None;
    }
    while *open < p {
        b.finish_pattern(patterns.get(*open)?.start).ok()?;
        b.start_pattern().ok()?;
        *open += 1;
    }
    Some(p)
}

/// The most patterns a stored NFA may have (the claims gate's limit).
const MAX_STORED_PATTERNS: usize = crate::gate::MAX_PATTERNS;

/// A stored literal set: 0 for none (a match may start with anything), or 1, the number of
/// literals and each literal.
fn prefixes(bytes: &[u8]) -> Option<Option<Vec<Vec<u8>>>> {
    let mut r = Reader { bytes };
    let set = match r.byte()? {
        0 => None,
        _ => Some(
            (0..r.number()?)
                .map(|_| r.part().map(<[u8]>::to_vec))
                .collect::<Option<Vec<_>>>()?,
        ),
    };
    r.bytes.is_empty().then_some(set)
}

/// Reads the store's numbers (LEB128: seven bits a byte, low bits first) and parts.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    fn number(&mut self) -> Option<usize> {
        let mut n: usize = 0;
        for shift in (0..usize::BITS).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A length, then that many bytes.
    fn part(&mut self) -> Option<&'a [u8]> {
        let n = self.number()?;
        if n > self.bytes.len() {
            return None;
        }
        let (part, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(part)
    }

    fn transition(&mut self, id: impl Fn(usize) -> Option<StateID>) -> Option<Transition> {
        let (start, end) = (self.byte()?, self.byte()?);
        let next = id(self.number()?)?;
        (start <= end).then_some(Transition { start, end, next })
    }
}

/// Writing the store, and the tests that keep it the compiled automata.
#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::MatchKind;
    use regex_automata::nfa::thompson::State;
    use regex_automata::util::prefilter::Prefilter;
    use regex_automata::util::syntax;
    use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};

    /// Every pattern source the crate compiles from constants: the claim detector's batch
    /// patterns (the gate's list, and the definite-speaker pattern) and the `Short` patterns
    /// (`super::super::short_sources`). A pattern left out of this list still works; it is
    /// only compiled at start-up.
    fn catalog() -> Vec<String> {
        let mut sources = crate::claims::GATE.sources.clone();
        sources.push(crate::claims::definite_speaker_source());
        sources.extend(super::super::short_sources());
        sources.sort();
        sources.dedup();
        sources
    }

    fn number(out: &mut Vec<u8>, mut n: usize) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(low);
                return;
            }
            out.push(low | 0x80);
        }
    }

    fn part(out: &mut Vec<u8>, bytes: &[u8]) {
        number(out, bytes.len());
        out.extend_from_slice(bytes);
    }

    /// An NFA as [`nfa`] reads it.
    fn encode(nfa: &NFA) -> Vec<u8> {
        let mut out = vec![u8::from(nfa.is_utf8()) | (u8::from(nfa.is_reverse()) << 1)];
        number(&mut out, nfa.start_anchored().as_usize());
        number(&mut out, nfa.start_unanchored().as_usize());
        number(&mut out, nfa.pattern_len());
        for pid in nfa.patterns() {
            let start = nfa.start_pattern(pid).expect("every pattern has a start");
            number(&mut out, start.as_usize());
            let names: Vec<Option<&str>> = nfa.group_info().pattern_names(pid).collect();
            number(&mut out, names.len());
            for name in names {
                match name {
                    None => out.push(0),
                    Some(name) => {
                        out.push(1);
                        part(&mut out, name.as_bytes());
                    }
                }
            }
        }
        number(&mut out, nfa.states().len());
        let trans = |out: &mut Vec<u8>, t: &Transition| {
            out.extend([t.start, t.end]);
            number(out, t.next.as_usize());
        };
        for state in nfa.states() {
            match state {
                State::ByteRange { trans: t } => {
                    out.push(tag::RANGE);
                    trans(&mut out, t);
                }
                State::Sparse(s) => {
                    out.push(tag::SPARSE);
                    number(&mut out, s.transitions.len());
                    s.transitions.iter().for_each(|t| trans(&mut out, t));
                }
                State::Dense(_) => panic!("the builder never makes a dense state"),
                State::Look { look, next } => {
                    out.push(tag::LOOK);
                    number(&mut out, look.as_repr() as usize);
                    number(&mut out, next.as_usize());
                }
                State::Union { alternates } => {
                    out.push(tag::UNION);
                    number(&mut out, alternates.len());
                    alternates
                        .iter()
                        .for_each(|a| number(&mut out, a.as_usize()));
                }
                State::BinaryUnion { alt1, alt2 } => {
                    out.push(tag::BINARY_UNION);
                    number(&mut out, alt1.as_usize());
                    number(&mut out, alt2.as_usize());
                }
                State::Capture {
                    next,
                    pattern_id,
                    group_index,
                    slot,
                } => {
                    let slots = nfa.group_info().slots(*pattern_id, group_index.as_usize());
                    let (start, _) = slots.expect("the group has slots");
                    out.push(if slot.as_usize() == start {
                        tag::CAPTURE_START
                    } else {
                        tag::CAPTURE_END
                    });
                    number(&mut out, next.as_usize());
                    number(&mut out, group_index.as_usize());
                    number(&mut out, pattern_id.as_usize());
                }
                State::Fail => out.push(tag::FAIL),
                State::Match { pattern_id } => {
                    out.push(tag::MATCH);
                    number(&mut out, pattern_id.as_usize());
                }
            }
        }
        out
    }

    /// All that tells two NFAs apart: their states and starts (`Debug`), groups, settings and
    /// what the builder derives from the states.
    fn fingerprint(nfa: &NFA) -> String {
        let patterns: Vec<_> = nfa
            .patterns()
            .map(|pid| {
                let names: Vec<Option<&str>> = nfa.group_info().pattern_names(pid).collect();
                (nfa.start_pattern(pid), names)
            })
            .collect();
        format!(
            "{nfa:?} {:?} {:?} {patterns:?} {} {} {:?} {} {} {} {:?} {:?} {:?} {}",
            nfa.start_anchored(),
            nfa.start_unanchored(),
            nfa.is_utf8(),
            nfa.is_reverse(),
            nfa.look_matcher(),
            nfa.has_capture(),
            nfa.has_empty(),
            nfa.is_always_start_anchored(),
            nfa.look_set_any(),
            nfa.look_set_prefix_any(),
            nfa.byte_classes(),
            nfa.memory_usage(),
        )
    }

    /// The literals `Prefilter::from_hir_prefix` builds its prefilter from (its own steps,
    /// which `regex-automata` keeps private).
    fn literal_prefixes(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix);
        let mut seq = Seq::empty();
        seq.union(&mut extractor.extract(hir));
        seq.optimize_for_prefix_by_preference();
        seq.literals()
            .map(|lits| lits.iter().map(|l| l.as_bytes().to_vec()).collect())
    }

    /// The store for `sources`, each entry read back and held to the compiled automata.
    fn store(sources: &[String], gate: &[&str]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        number(&mut out, sources.len() + 1);
        // The gate's NFA, held to the one its automaton's builder compiles from the sources.
        let compiled = crate::gate::compile_many(gate).expect("the gate's patterns compile");
        let built = regex_automata::hybrid::dfa::DFA::builder()
            .build_many(gate)
            .expect("the gate's patterns compile");
        assert_eq!(fingerprint(&compiled), fingerprint(built.get_nfa()));
        let f = encode(&compiled);
        let read = nfa(&f).expect("the gate's NFA reads back");
        assert_eq!(fingerprint(&read), fingerprint(&compiled));
        out.push(1);
        part(&mut out, many_key(gate).as_bytes());
        part(&mut out, &f);
        part(&mut out, &[]);
        part(&mut out, &[0]);
        for source in sources {
            let hir = syntax::parse_with(source, &syntax::Config::new().utf8(true))
                .unwrap_or_else(|e| panic!("{source}: {e}"));
            let forward = super::super::compile(&hir, false).expect("it compiles");
            let reverse = super::super::compile(&hir, true).expect("it compiles");
            let prefixes = literal_prefixes(&hir);
            let (f, r) = (encode(&forward), encode(&reverse));
            for (bytes, compiled) in [(&f, &forward), (&r, &reverse)] {
                let read = nfa(bytes).unwrap_or_else(|| panic!("{source}: unreadable"));
                assert_eq!(fingerprint(&read), fingerprint(compiled), "{source}");
            }
            let kind = MatchKind::LeftmostFirst;
            let from_hir = Prefilter::from_hir_prefix(kind, &hir);
            let from_stored = prefixes.as_ref().and_then(|l| Prefilter::new(kind, l));
            assert_eq!(
                format!("{from_stored:?}"),
                format!("{from_hir:?}"),
                "{source}"
            );
            let mut p = Vec::new();
            match &prefixes {
                None => p.push(0),
                Some(lits) => {
                    p.push(1);
                    number(&mut p, lits.len());
                    lits.iter().for_each(|l| part(&mut p, l));
                }
            }
            out.push(0);
            part(&mut out, source.as_bytes());
            part(&mut out, &f);
            part(&mut out, &r);
            part(&mut out, &p);
        }
        out
    }

    /// `stored.bin` is what the crate's patterns compile to today, and every entry reads back
    /// as the compiled automata.
    #[test]
    fn stored_automata_are_the_compiled_ones() {
        let sources = catalog();
        assert!(sources.len() > 60, "{}", sources.len());
        let gate = crate::claims::GATE.automaton_sources();
        assert!(gate.len() > 20, "{}", gate.len());
        let want = store(&sources, &gate);
        if std::env::var_os("CITECHECK_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pattern/stored.bin");
            std::fs::write(path, &want).expect("the store can be written");
            return;
        }
        assert!(
            want == STORE,
            "src/pattern/stored.bin is not what the patterns compile to: run \
             `CITECHECK_BLESS=1 cargo test stored` and commit it"
        );
        for source in &sources {
            assert!(forward(source).is_some(), "{source}");
            assert!(reverse(source).is_some(), "{source}");
        }
        assert!(forward("not a stored pattern").is_none());
        assert!(forward_many(&gate).is_some());
        assert!(forward_many(&gate[1..]).is_none());
        assert!(forward(&many_key(&gate)).is_none());
    }

    /// A damaged store or entry reads as nothing or as some NFA, never as a panic or a hang:
    /// the store cut short, and the three smallest entries' automata cut short and with every
    /// byte of their first 400 replaced by one of a few values.
    #[test]
    fn a_damaged_store_reads_as_nothing() {
        let store = STORE;
        for cut in [
            0,
            1,
            MAGIC.len(),
            MAGIC.len() + 1,
            store.len() / 2,
            store.len() - 1,
        ] {
            assert!(entries(&store[..cut]).is_none(), "cut at {cut}");
        }
        let mut smallest: Vec<(&str, &Entry)> = ENTRIES.one.iter().map(|(k, e)| (*k, e)).collect();
        smallest.sort_by_key(|(k, e)| (e.forward.len(), *k));
        for (source, entry) in smallest.into_iter().take(3) {
            for bytes in [entry.forward, entry.reverse] {
                for cut in 0..bytes.len() {
                    assert!(nfa(&bytes[..cut]).is_none(), "{source} cut at {cut}");
                }
                for i in 0..bytes.len().min(400) {
                    for value in [0, 1, 2, 3, 0x7f, 0x80, 0xff] {
                        let mut damaged = bytes.to_vec();
                        damaged[i] = value;
                        // Anything but a panic or a hang.
                        let _ = nfa(&damaged);
                    }
                }
            }
        }
        assert!(prefixes(&[1, 5]).is_none());
        // A union of one alternate that leads to itself: the builder would follow it forever.
        // Flags, starts, one pattern (start 0, no groups), one state: a union of state 0.
        assert!(nfa(&[0, 0, 0, 1, 0, 0, 1, tag::UNION, 1, 0]).is_none());
        assert!(nfa(&[0, 0, 0, 1, 0, 0, 1, tag::SPARSE, 1, 97, 97, 0]).is_none());
    }
}
