//! Non-claim cues (questions, headings, speculation, the article talking about itself) and
//! attributions in prose ("According to Reuters", "Lars Vik, an economist, said").
//!
//! Both read one sentence's text with citations blanked; spans are relative to it. The
//! whole-sentence patterns run over many sentences at once ([`scan_batch`], through the claims
//! gate as the signal detectors do); the patterns that capture a name run per sentence, and
//! only on the sentences that the batch pass says hold a reporting verb.

use super::{NonClaim, SignalKind};
use crate::gate::Flags;
use crate::pattern::Prefilter::{Literal, Off};
use crate::pattern::{Captures, Pattern, Short};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Compiles a pattern searched one sentence or name at a time (see [`Short`]: it finds the
/// groups without the reverse automaton whose states made a sixth of a run of short
/// articles).
fn re(pattern: &str) -> Short {
    #[allow(clippy::expect_used)]
    Short::new(&crate::claims::ascii_word_boundaries(pattern))
        .expect("a literal cue pattern compiles")
}

// The patterns [`scan_batch`] runs over whole batches are compiled by `pat`, with the
// prefilter that serves each (see `signals`): `Literal` for the opinion and forecast phrases,
// which are rare; `Off` for the others, whose words ("said", "this", "could") are everywhere
// (`REPORTING_VERB` read corpus2k's paragraphs in 51 ms with it, 30 without).
use super::batch_pattern as pat;

/// Speculation and forecasts: not labelled as claims needing a source. "will" is not here:
/// "the talks will be led by …" states a plan someone announced, which is checkable.
static SPECULATION: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"(?i)\b(?:could|might|should|ought to|would likely|may well|(?:is|are) (?:expected|likely|unlikely|poised) to|(?:is|are) forecast to|perhaps|arguably)\b",
        Off,
    )
});

/// The writer's own opinion, which no source could back, whatever else the sentence holds.
static FIRST_PERSON_OPINION: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"(?i)\b(?:in my (?:view|opinion)|in our (?:view|opinion)|I (?:think|believe|suspect|feel)|we (?:think|believe|suspect|feel))\b",
        Literal,
    )
});

/// Forecasts: a statement about the future is not a fact to source, whatever numbers it
/// holds, unless someone is reported making it.
static FORECAST: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"(?i)\b(?:will have|(?:is|are) (?:expected|projected|forecast|predicted) to|by the end of next)\b",
        Literal,
    )
});

/// The article talking about itself: plans, cross-references, its own results.
static SELF_REFERENCE: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"(?i)\b(?:this|the present|the current|our) (?:chapter|section|module|article|paper|study|review|piece|essay|unit|lesson)\s(?:will|discusses|describes|examines|explores|presents|shows|reviews|focuses|covers|looks|considers|argues|introduces|outlines)\b|\b(?:in|throughout) (?:this|the present|our) (?:chapter|section|module|article|paper|study|review|piece|essay|unit|lesson)\b|\b(?:in|as) (?:this|the next|the following|the previous|an earlier|a later) (?:chapter|section|module|article|paper|study|unit|lesson)\b|\b(?:we|you) will (?:see|learn|discuss|examine|explore|consider|look|read|describe)\b|\bwe (?:(?:then|also|first|initially|carefully|further|next|again|subsequently|therefore|thus|have|had|did not|could not|now) )?(?:show|find|found|report|demonstrate|demonstrated|hypothesi[sz]e|propose|describe|present|identify|identified|examine|discuss|used|use|tested|observed|observe|measured|performed|conclude|suggest|here|counted|dissected|removed|evaluated|selected|analy[sz]ed|compared|collected|recorded|sampled|sequenced|generated|obtained|determined|calculated|detect|detected|confirmed|reconstructed|injected|transplanted|isolated|purified|screened|quantified|assessed|designed|constructed|monitored|tracked|investigated|surveyed|interviewed|scored|genotyped|imaged|harvested|incubated|chose|validated|modell?ed|simulated|fitted|asked|contacted|reviewed|searched|excluded|included|noted|mentioned|learned)\b|\bhere,? we\b|\b(?:our|these) (?:results|data|findings|experiments|analyses)\b",
        Off,
    )
});

/// A source named in prose: "According to (the) X", up to the clause's end.
static ACCORDING_TO_NAME: LazyLock<Short> = LazyLock::new(|| {
    re(&format!(
        r"\b[Aa]ccording to\s+((?:the\s+)?([^,;:.()]{{1,{NAME_CHARS}}}))"
    ))
});

/// The longest name [`ACCORDING_TO_NAME`] takes, in characters.
const NAME_CHARS: usize = 100;

/// [`ACCORDING_TO_NAME`] without the count, which made its automata track every count (a
/// twentieth of the claim detector's time on news prose). Both match at the same places, make
/// the same choices, and differ only where the name runs on past the count, which the counted
/// pattern cuts short: see [`according_to_name`].
static ACCORDING_TO_NAME_OPEN: LazyLock<Short> =
    LazyLock::new(|| re(r"\b[Aa]ccording to\s+((?:the\s+)?([^,;:.()]+))"));

/// `ACCORDING_TO_NAME.captures(text)` (see [`captures_within`]).
fn according_to_name(text: &str) -> Option<Captures<'_>> {
    captures_within(
        &ACCORDING_TO_NAME_OPEN,
        &ACCORDING_TO_NAME,
        NAME_CHARS,
        text,
        0,
    )
}

/// `counted.captures_at(text, at)`, where `counted` is `open` with its capture group 2 limited
/// to `limit` characters (`{1,limit}` in place of `+`, nothing after the group depending on
/// its length).
///
/// The search is made with `open` first. Every match of the counted pattern is a match of the
/// open one, so when the open one finds nothing the counted one would not either, and when its
/// leftmost-first match has a group 2 within the limit, that match is also the counted
/// pattern's (the paths the two prefer are in the same order). Only when group 2 is longer is
/// the search made again, from the same place, with the counted one.
fn captures_within<'t>(
    open: &Short,
    counted: &Short,
    limit: usize,
    text: &'t str,
    at: usize,
) -> Option<Captures<'t>> {
    let c = open.captures_at(text, at)?;
    if c.get(2).is_none_or(|g| g.as_str().chars().count() <= limit) {
        Some(c)
    } else {
        counted.captures_at(text, at)
    }
}

/// Unnamed groups: "according to experts" names nobody.
static UNNAMED_GROUP: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"(?i)^(?:the\s+|some\s+|many\s+|several\s+|most\s+|other\s+|recent\s+|independent\s+)*(?:experts?|analysts?|sources?|officials?|reports?|studies|study|critics|observers|people|insiders|estimates|research|researchers|scientists|economists|surveys?|data|figures|some|many|others)\b",
    )
});

/// A speaker's verb in the progressive, as [`NAMED_SPEAKER`] and [`DEFINITE_SPEAKER`] read it
/// after their subject: "Kant is not saying that …", "The ministry has been warning that …",
/// "Vik was telling reporters that …", "The bank was warning investors that …". "Claiming",
/// "stressing", "warning", "reminding" and "assuring" need "that" after them, and "telling"
/// its object and "that", since alone they are as often another verb, an adjective or a noun
/// ("Ebola is claiming 200 lives", "Drought is stressing the herds", "The silence is telling",
/// "were warning signs"). The object of "warning", "reminding" and "assuring" comes from a
/// short list of people spoken to, so that "were warning signs that …" stays a noun.
macro_rules! progressive {
    () => {
        r"(?:is|are|was|were|been)\s+(?:not\s+|also\s+|still\s+)?(?:saying|arguing|insisting|claiming\s+that|stressing\s+that|(?:warning|reminding|assuring)\s+(?:(?:the\s+)?(?:investors|reporters|journalists|lawmakers|legislators|officials|customers|clients|residents|voters|shareholders|members|staff|employees|workers|colleagues|parents|patients|readers|listeners|viewers|parliament|congress|the\s+public|markets|them|him|her|us|me)\s+)?that|telling\s+(?:[a-z]+\s+){1,2}that)\b"
    };
}

/// A speaker who put the words in writing, as [`NAMED_SPEAKER`] and [`DEFINITE_SPEAKER`] read
/// it: "Vik wrote a letter saying that …", "The ministry issued a statement arguing …". The
/// writing is named by what it is; "Bessent expressed optimism, stating that …" names none and
/// stays a participle after another verb, which attributes nothing.
macro_rules! written_saying {
    () => {
        r"(?:wrote|writes|sent|issued|issues|released|published|posted)\s+(?:a|an)\s+(?:[a-z-]+\s+)?(?:letter|statement|note|memo|post|email|message|op-ed|column|article|report|tweet)\s+(?:saying|stating|arguing|warning|claiming)\b"
    };
}

/// "Name Name[, apposition,] said": a capitalised subject directly before a reporting verb
/// ("Snipes et al. noted" too: a narrative citation without its year names its authors).
/// `APPOSITION` stands for the apposition's pattern, in capture group 2.
const NAMED_SPEAKER_PATTERN: &str = concat!(
    r"(?:^|[\s(“\x22])((?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|of|for|de|van|von|al-|bin|et\s+al\.?))*)(?:\s*\([^)]*\))?(?:\s*,(APPOSITION),)?\s+(?:also\s)?(?:(?:has|have|had)\s)?(?:(?:said|says|noted|notes|stated|told|tells|announced|remarked|highlighted|emphasi[sz]ed|stressed|stresses|warned|warns|argued|argues|claimed|reported|explained|explains|added|adds|observed|insisted|insists|acknowledged|confirmed|confirms|revealed|testified|tweeted|estimates|estimated|called|(?:concluded|found|finds|suggested|suggests|proposed|proposes|believed|believes|thought|thinks|maintained|maintains|contended|contends|asserted|asserts|posited|posits|hypothesi[sz]ed)\s+that)\b|",
    progressive!(),
    "|",
    written_saying!(),
    r"|put\s+it(?:\s+[a-z]+)?:|(?:wrote|writes)(?:\s+(?:on|in)\s+(?:the\s+)?(?:[A-Z][^\s:]*\s+)*[A-Z][^\s:]*)?(?:\s+that\b|:))"
);

/// An apposition of [`NAMED_SPEAKER`] has at most this many characters.
const APPOSITION_CHARS: usize = 160;

static NAMED_SPEAKER: LazyLock<Short> = LazyLock::new(|| {
    re(&NAMED_SPEAKER_PATTERN.replace("APPOSITION", &format!("[^,;]{{1,{APPOSITION_CHARS}}}")))
});

/// [`NAMED_SPEAKER`] with the apposition's length left open. Counting to 160 made the lazy DFA
/// track every count it might be at from every capitalised word, so it built states over and
/// over (about a tenth of the claim detector's time); this one does not count, and every match
/// of it whose apposition is short enough is the match `NAMED_SPEAKER` finds there (see
/// [`named_speakers`]).
static NAMED_SPEAKER_OPEN: LazyLock<Short> =
    LazyLock::new(|| re(&NAMED_SPEAKER_PATTERN.replace("APPOSITION", "[^,;]+")));

/// The matches of [`NAMED_SPEAKER`] in `text`, in order: what `captures_iter` gives (see
/// [`captures_within`]).
fn named_speakers(text: &str) -> impl Iterator<Item = Captures<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let c = captures_within(
            &NAMED_SPEAKER_OPEN,
            &NAMED_SPEAKER,
            APPOSITION_CHARS,
            text,
            at,
        )?;
        let end = c.get(0)?.end();
        // The pattern cannot match the empty string (it ends with a verb); stopping on one
        // keeps the loop finite whatever the pattern becomes.
        if end <= at {
            return None;
        }
        at = end;
        Some(c)
    })
}

/// "…, said Ana Ruiz, the harbour's chief", "“…,” said the mayor", "…, police said": the
/// speaker of a reporting clause that closes the sentence, after or before its verb.
static CLOSING_SPEAKER: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"(?:[,;][”\x22’]?|[”\x22’])\s+(?:(?:said|says|added|explained|noted|wrote|told\s+[a-z]+)\s+((?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|of|for|de|van|von|al-|bin))*|the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)(?:\s*[,.!?;]|\s*$|\s+(?:on|last|this|yesterday|today|earlier|late)\s)|([a-z][\w-]*)\s+(?:said|says|added|explained)\s*[.!?]?\s*$)",
    )
});

/// "The operator's chief executive, Lars Vik, said", "A spokesperson, Ana Ruiz, told
/// reporters": a name of two words or more set off by commas directly before a reporting verb,
/// after the role it names. One word between the commas is more often a place or an item of a
/// list ("…, Norway, said") than a person, so it takes two.
static APPOSED_SPEAKER: LazyLock<Short> = LazyLock::new(|| {
    re(
        r",\s+((?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|al-|bin))+),\s+(?:also\s)?(?:(?:has|have|had)\s)?(?:said|says|told|tells|noted|stated|announced|warned|argued|explained|added|insisted|acknowledged|confirmed|wrote|estimated|estimates)\b",
    )
});

/// "…, as reported by Reuters", "was announced by the Harbour Board on Monday", "explained at
/// length by Ana Ruiz": the agent of a reporting verb in the passive (group 1), a capitalised
/// name or a definite one ("by the ministry"). An agent named by what it is ("by several
/// outlets", "by officials") names nobody; [`passive_speaker`] leaves it out.
static PASSIVE_SPEAKER: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"\b(?:said|stated|noted|told|announced|reported|explained|confirmed|revealed|disclosed|estimated|predicted|forecast|described|published|quoted|cited|acknowledged|highlighted|emphasi[sz]ed|stressed)(?:\s+(?:at\s+length|in\s+detail|publicly|first|earlier|also|separately))?\s+by\s+((?:the\s+)?[A-Z][\w’'.&-]*(?:(?:\s+(?:of|for|and|on|de|van|von))?\s+[A-Z][\w’'.&-]*)*|the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)",
    )
});

/// A publisher named with its evidence, before a verb of showing: "data from the statistics
/// office showed", "a report by the OECD found", "the Finance Ministry's figures showed"
/// (group 1 or 2 is the publisher). A capitalised name, or an institution named by its kind
/// ("the statistics office"). A capitalised word that only qualifies the evidence ("a recent
/// Gallup poll") is not read as its publisher: as often it is a place or a kind ("A British
/// study found", "An Online poll showed"), the commonest way of naming nobody.
static EVIDENCE_SPEAKER: LazyLock<Short> = LazyLock::new(|| {
    let name = r"[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|for|and|on))*";
    let institution = r"[a-z]+(?:\s+[a-z]+)?\s+(?:office|ministry|agency|bureau|department|bank|institute|authority|council|commission|government)";
    // Any case: the evidence may open the sentence ("Data from the statistics office show").
    let evidence =
        r"(?i:data|figures|statistics|estimates|report|survey|study|research|analysis|poll)";
    re(&format!(
        r"\b(?:{evidence}\s+(?:from|by)\s+(?:the\s+)?({name}|{institution})|(?:the\s+)?({name})['’]s?\s+(?:own\s+|latest\s+|monthly\s+|annual\s+)?{evidence})\s+(?:showed|shows|show|found|finds|find|suggested|suggests|suggest|indicated|indicates|indicate|revealed|reveals|reveal)\b"
    ))
});

/// The words [`EVIDENCE_SPEAKER`] and [`PER_SOURCE`] cannot match without: one literal pass
/// (the `regex` crate searches a set of plain words with a SIMD prefilter) instead of seven
/// substring searches, and most sentences have none of them.
static PUBLISHED_CUE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"per |show|found|find|suggest|indicat|reveal").expect("a literal set compiles")
});

/// "…, per the ministry.", "…, per Axios.": the source after "per" closing the sentence.
static PER_SOURCE: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"[,;]\s+per\s+(?:the\s+)?((?:[A-Z][\w’'.&-]*)(?:\s+(?:[A-Z][\w’'.&-]*|of|for|and|on))*|the\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s*[.!?]?\s*$",
    )
});

/// Every reporting verb that `NAMED_SPEAKER` and `DEFINITE_SPEAKER` end with (participles of the
/// progressive and of written speech included) but "called", which reports speech only before
/// a quotation ([`calls_without_quoting`]) and is common enough otherwise ("a village called
/// Hope") that [`attribution`] looks for it only in sentences with a quotation mark.
static REPORTING_VERB: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"\b(?:said|says|noted|notes|stated|told|tells|announced|remarked|highlighted|emphasi[sz]ed|stressed|stresses|warned|warns|argued|argues|claimed|reported|explained|explains|added|adds|observed|insisted|insists|acknowledged|confirmed|confirms|revealed|testified|tweeted|wrote|writes|estimated|estimates|concluded|found|finds|(?:suggested|suggests|proposed|proposes|believed|believes|thought|thinks|maintained|maintains|contended|contends|asserted|asserts|posited|posits|hypothesi[sz]ed)\s+that|put\s+it|saying|arguing|claiming|insisting|stressing|warning|reminding|assuring|telling|stating)\b",
        Off,
    )
});

/// [`DEFINITE_SPEAKER`]'s source.
const DEFINITE_SPEAKER_PATTERN: &str = concat!(
    r"(?:^|[,;]\s+|\band\s+)((?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w-]*|[Aa]n?\s+(?:[A-Z][\w’'.-]*|[a-z][\w-]*)\s+spokes(?:person|man|woman)|[Aa]n?\s+spokes(?:person|man|woman)\s+for\s+(?:the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?|[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|for|and))*)|[Hh]e|[Ss]he|[Tt]hey)\s+(?:also\s)?(?:(?:said|says|told|announced|stated|noted|confirmed|added|warned|explained|reported|insisted|acknowledged|called|wrote\s+(?:to\s+(?:the\s+)?[a-z]+\s+)?that)\b|",
    progressive!(),
    "|",
    written_saying!(),
    ")"
);

/// "The developer said", "the ministry announced", "the company's chief executive said", "a
/// spokesperson for the ministry said", "She told": a definite subject, a spokesperson for a named
/// body, or a pronoun whose referent the article has named, directly before a reporting verb.
/// Its prefilter is off: a match may start at any "and" or comma, and reading corpus2k's
/// paragraphs took 105 ms with it, 31 without.
static DEFINITE_SPEAKER: LazyLock<Pattern> = LazyLock::new(|| pat(DEFINITE_SPEAKER_PATTERN, Off));

/// "He argues that …", "…, but he specifically notes that …", "She found that …", "…, he
/// argues, …": a person named before, as a pronoun, with a verb that reports a view or a
/// finding, which [`DEFINITE_SPEAKER`]'s "he said" does not take since after "the" those verbs
/// would make "the study found that" a source. The verb must introduce what is reported
/// ("that") or stand aside from it (a comma or the sentence's end), since "He observed 30%
/// fewer birds" reports what he saw, not what he said. An adverb may come between
/// ("specifically notes"). Not "they": a group named before is as often unnamed
/// ("Researchers … They found that").
static PRONOUN_SPEAKER: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"(?:^|[,;:]\s+|\b(?:[Aa]nd|[Bb]ut|[Yy]et|[Ww]hile|[Aa]lthough|[Tt]hough|[Aa]s)\s+)([Hh]e|[Ss]he)\s+(?:also\s+|[a-z]+ly\s+)?(?:notes|noted|argues|argued|contends|contended|maintains|maintained|observes|observed|explains|explained|insists|insisted|concludes|concluded|points\s+out|pointed\s+out|found|finds|suggests|suggested|believes|believed|thinks|thought|writes|wrote|claims|claimed|asserts|asserted|proposes|proposed|showed|shows|demonstrated|demonstrates|reports|reported)(?:\s+that\b|\s*[,.;:])",
    )
});

/// The sources of this module's [`Short`] patterns as compiled (for tests).
#[cfg(test)]
pub(crate) fn short_sources() -> Vec<String> {
    [
        &ACCORDING_TO_NAME,
        &ACCORDING_TO_NAME_OPEN,
        &UNNAMED_GROUP,
        &NAMED_SPEAKER,
        &NAMED_SPEAKER_OPEN,
        &CLOSING_SPEAKER,
        &APPOSED_SPEAKER,
        &PASSIVE_SPEAKER,
        &EVIDENCE_SPEAKER,
        &PER_SOURCE,
        &OWN_EXHIBIT,
        &PRONOUN_SPEAKER,
    ]
    .map(|p| p.as_str().to_string())
    .to_vec()
}

/// [`DEFINITE_SPEAKER`]'s source as compiled (for tests).
#[cfg(test)]
pub(crate) fn definite_speaker_source() -> String {
    crate::claims::ascii_word_boundaries(DEFINITE_SPEAKER_PATTERN)
}

/// Capitalised words that open a sentence without naming anyone.
const NOT_A_NAME: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "They",
    "Their",
    "We",
    "Our",
    "He",
    "She",
    "His",
    "Her",
    "I",
    "You",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "So",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "However",
    "Meanwhile",
    "Many",
    "Some",
    "Most",
    "Several",
    "Other",
    "Others",
    "Experts",
    "Analysts",
    "Critics",
    "Officials",
    "Sources",
    "Studies",
    "Reports",
    "Researchers",
    "Scientists",
    "Evidence",
    "History",
    "Research",
    "Data",
    "Science",
    "Experience",
    "Nobody",
    "Everyone",
    "Someone",
    "Observers",
    "Economists",
    "Recent",
    "Later",
    "Earlier",
    "Also",
    "Both",
    "Each",
    "Every",
    "There",
    "Here",
    "Who",
    "What",
    "Which",
    "Such",
    "Additionally",
    "Moreover",
    "Furthermore",
    "Indeed",
    "Yet",
];

/// What the batch-run cue patterns found in one sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    /// The first words of the article talking about itself, relative to the sentence.
    self_reference: Option<Span>,
    first_person_opinion: bool,
    forecast: bool,
    /// The first speculation word, relative to the sentence.
    speculation: Option<Span>,
    reporting_verb: bool,
}

/// [`Cues`] of one sentence.
#[cfg(test)]
pub fn scan(text: &str) -> Cues {
    let whole = [Span::new(0, text.len())];
    scan_batch(text, &whole, &super::GATE.scan(text, &whole))
        .pop()
        .unwrap_or_default()
}

/// The patterns [`scan_batch`] runs over a whole batch, in the gate's order after the signal
/// detectors'. None of them is anchored, and none can match across `crate::gate::SEPARATOR`: they
/// hold no class that takes a NUL, and their `\s` stands only between two words.
pub(crate) fn batched() -> [&'static Pattern; 5] {
    [
        &SELF_REFERENCE,
        &FIRST_PERSON_OPINION,
        &FORECAST,
        &SPECULATION,
        &REPORTING_VERB,
    ]
}

/// [`scan`] for many sentences joined by `crate::gate::SEPARATOR`, `sentences` saying where each
/// one is and `flags` being the claims gate's scan of the batch: each pattern runs once, over
/// the sentences the gate flags for it.
pub fn scan_batch(batch: &str, sentences: &[Span], flags: &Flags) -> Vec<Cues> {
    /// What a cue's match sets: a flag, or the match's span.
    enum Set {
        Flag(fn(&mut Cues)),
        Span(fn(&mut Cues, Span)),
    }
    let sets: [Set; 5] = [
        Set::Span(|c, span| {
            c.self_reference.get_or_insert(span);
        }),
        Set::Flag(|c| c.first_person_opinion = true),
        Set::Flag(|c| c.forecast = true),
        Set::Span(|c, span| {
            c.speculation.get_or_insert(span);
        }),
        Set::Flag(|c| c.reporting_verb = true),
    ];
    let mut out = vec![Cues::default(); sentences.len()];
    let first = super::signals::BULK.len();
    for (j, (r, set)) in batched().into_iter().zip(sets).enumerate() {
        let p = first + j;
        match set {
            // Exact flags already say which sentences hold a match: no search needed.
            Set::Flag(set) if flags.is_exact(p) => {
                for (i, c) in out.iter_mut().enumerate() {
                    if flags.has(i, p) {
                        set(c);
                    }
                }
            }
            set => flags.each_match(p, r, batch, sentences, |i, span| {
                if let Some(c) = out.get_mut(i) {
                    match set {
                        Set::Flag(set) => set(c),
                        Set::Span(set) => set(c, span),
                    }
                }
            }),
        }
    }
    out
}

/// The first non-claim cue found, if any. `heading` is the block kind's verdict; `cues` are
/// the sentence's [`scan`].
pub fn non_claim(
    text: &str,
    heading: bool,
    signals: &[(SignalKind, Span)],
    cues: &Cues,
) -> Option<NonClaim> {
    if heading || looks_like_title(text) {
        return Some(NonClaim::Heading);
    }
    if is_question(text) {
        return Some(NonClaim::Question);
    }
    if is_credit(text) {
        return Some(NonClaim::Boilerplate);
    }
    if is_instruction(text) {
        return Some(NonClaim::SelfReference);
    }
    // "“We counted 40 bodies,” a resident said": a "we" in a quotation is the speaker's.
    if let Some(m) = cues.self_reference
        && !signals
            .iter()
            .any(|(k, s)| *k == SignalKind::Quotation && s.start <= m.start && m.end <= s.end)
    {
        return Some(NonClaim::SelfReference);
    }
    if cues.first_person_opinion {
        return Some(NonClaim::Opinion);
    }
    let sourced = signals.iter().any(|(k, _)| {
        matches!(
            k,
            SignalKind::Weasel | SignalKind::AccordingTo | SignalKind::ReportedSpeech
        )
    });
    if !sourced && cues.forecast {
        return Some(NonClaim::Opinion);
    }
    // Speculation outweighs soft signals (a name, "recent", a superlative) but not hard
    // evidence: "experts say prices could rise 20%" still states a figure someone gave.
    let hard = signals.iter().any(|(k, _)| {
        matches!(
            k,
            SignalKind::Statistic
                | SignalKind::Quotation
                | SignalKind::Weasel
                | SignalKind::AccordingTo
                | SignalKind::Custom
        )
    });
    // A modal inside reported content ("he suggested that psychology should …") is the
    // speaker's, not the writer's.
    if !hard
        && let Some(m) = cues.speculation
        && !signals
            .iter()
            .any(|(k, s)| *k == SignalKind::ReportedSpeech && s.end <= m.start)
    {
        return Some(NonClaim::Opinion);
    }
    None
}

/// A question: ends with "?" (after closing quotes and brackets), outside a quotation.
fn is_question(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ')' | ']' | '.' | '”' | '"' | '’' | '\'')
    });
    if !t.ends_with('?') {
        return false;
    }
    // "…going?” she asked." ends with a full stop and is not a question: only a sentence
    // whose final mark is "?" (before closing punctuation) counts, and a quoted question
    // opened after a reporting verb is someone else's.
    let tail = &text[t.len()..];
    !tail.contains('.') && !text.trim_start().starts_with(['“', '"'])
}

/// A picture's credit set in parentheses after its caption, as a sentence of its own:
/// "(credit: “Canada Geese” by Alex Galt/flickr, CC BY 2.0)", "(credit a: …; credit b: …)". A credit that is a block of its
/// own is page furniture (`crate::document::boilerplate`).
fn is_credit(text: &str) -> bool {
    const OPENINGS: [&str; 4] = ["(credits", "(credit", "(photo credit", "(image credit"];
    let t = text.trim().trim_end_matches('.');
    t.ends_with(')')
        && OPENINGS.iter().any(|o| {
            let Some(rest) = t
                .get(..o.len())
                .filter(|head| head.eq_ignore_ascii_case(o))
                .and_then(|_| t.get(o.len()..))
            else {
                return false;
            };
            // OpenStax labels the panels: "(credit a: …; credit b: …)".
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix(|c: char| c.is_ascii_lowercase())
                .filter(|r| r.trim_start().starts_with(':'))
                .unwrap_or(rest);
            rest.trim_start().starts_with(':')
        })
}

/// The article telling its reader what to do, in the imperative: a textbook's learning
/// objectives ("Explain the five constant virtues …", "Describe Three Sisters cropping …")
/// and prompts ("Watch this video that describes …", "Think of movies you have seen",
/// "Compare the United States … with India"). Verbs that are rarely anything else may take
/// any word after them; the others only a lower-case one, so that a name or a noun
/// ("Watch Sales Rose …") is not read as an order.
fn is_instruction(text: &str) -> bool {
    const ALWAYS: [&str; 11] = [
        "Explain",
        "Describe",
        "Distinguish",
        "Identify",
        "Evaluate",
        "Discuss",
        "Define",
        "Summarize",
        "Summarise",
        "Analyze",
        "Analyse",
    ];
    const BEFORE_LOWER: [&str; 9] = [
        "Watch", "Visit", "Explore", "Consider", "Imagine", "Think", "Compare", "Recall", "Click",
    ];
    let mut words = text.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    ALWAYS.contains(&first)
        || (BEFORE_LOWER.contains(&first) && second.starts_with(|c: char| c.is_lowercase()))
}

/// A title line: no final punctuation, few words, most of them capitalised.
fn looks_like_title(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.ends_with(['.', '!', '?', ':', ';', ',', '”', '"', ')', '’']) {
        return false;
    }
    // At most one word past the limit: a paragraph with no full stop is one "sentence", and
    // listing all of its words cost eight bytes per byte of it.
    let words: Vec<&str> = t.split_whitespace().take(17).collect();
    if words.len() > 16 {
        return false;
    }
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| {
            // Lower-cased on the stack (every short sentence's words come here); a longer word
            // is none of these.
            let mut buf = [0u8; 8];
            !matches!(
                crate::source::ascii_lowercase_in(w, &mut buf),
                Some(
                    "a" | "an"
                        | "the"
                        | "of"
                        | "in"
                        | "on"
                        | "at"
                        | "to"
                        | "for"
                        | "and"
                        | "or"
                        | "as"
                        | "by"
                        | "from"
                        | "with"
                        | "vs"
                        | "vs."
                )
            )
        })
        .collect();
    !content.is_empty()
        && content
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// A source the sentence names in prose, with the span of the name; `cues` are the
/// sentence's [`scan`].
pub fn attribution(
    text: &str,
    signals: &[(SignalKind, Span)],
    cues: &Cues,
) -> Option<(String, Span)> {
    if text.contains("ccording to")
        && let Some(c) = according_to_name(text)
        && let Some(m) = c.get(1)
    {
        let phrase = m.as_str().trim_end();
        let named = phrase
            .strip_prefix("the ")
            .or_else(|| phrase.strip_prefix("The "))
            .unwrap_or(phrase);
        if let Some((offset, named)) = publisher(phrase) {
            let start = m.start() + offset;
            return Some((named.to_string(), Span::new(start, start + named.len())));
        }
        if !named.is_empty() && !UNNAMED_GROUP.is_match(phrase) {
            let start = m.start() + (phrase.len() - named.len());
            return Some((named.to_string(), Span::new(start, start + named.len())));
        }
    }
    // The speaker patterns are large (names, appositions); most sentences have no reporting
    // verb at all, and this one cheap pass spares them both.
    let quoted_call = || text.contains("called") && text.contains(['“', '‘', '"']);
    let spoken = if cues.reporting_verb || quoted_call() {
        speaker(text, signals)
    } else {
        None
    };
    spoken
        .or_else(|| published_by(text))
        .or_else(|| passive_speaker(text, signals))
        // An unnamed source ("is thought to … (Figure 1)") says the figure only illustrates
        // what others found.
        .or_else(|| {
            if signals.iter().any(|(k, _)| *k == SignalKind::Weasel) {
                None
            } else {
                own_exhibit(text)
            }
        })
}

/// A numbered figure, table, video or supplement of the article's own, referred to in
/// parentheses: "(Figure 6)", "(Fig. 2B)", "(average of 81.9%, Figure 5B,E; n = 15)",
/// "(Figures 6, 7)". A research paper's results cite their own data this way.
static OWN_EXHIBIT: LazyLock<Short> = LazyLock::new(|| {
    re(
        r"\b(?:[Ff]igures?|[Ff]igs?\.?|[Tt]ables?|Videos?|Supplementary\s(?:Figures?|Tables?|[Ff]iles?|[Dd]ata))\s(?:S?\d+[A-Za-z]{0,3})\b",
    )
});

/// The article's own exhibit a claim points to as its evidence ([`OWN_EXHIBIT`]), as its
/// source. Left out: another work's ("(Table 1 in Ruiz, 2019)", which the grammar reads as a
/// citation of that work); an exhibit outside parentheses ("As shown in Figure 6.5, …"), which
/// introduces rather than backs; a bare "(Figure)", which places an illustration; and a number
/// with a chapter ("Figure 5.14"), which textbooks give their illustrations.
fn own_exhibit(text: &str) -> Option<(String, Span)> {
    if !text.contains('(') {
        return None;
    }
    // Whether the last parenthesis before the match opens, kept up to date a stretch at a
    // time: searching the whole prefix again for each match would make a long sentence of
    // exhibit names outside parentheses take quadratic time.
    let mut scanned = 0;
    let mut inside = false;
    OWN_EXHIBIT.find_iter(text).find_map(|m| {
        let (start, end) = (m.start(), m.end());
        let stretch = text.get(scanned..start).unwrap_or("");
        match (stretch.rfind('('), stretch.rfind(')')) {
            (Some(open), Some(close)) => inside = open > close,
            (Some(_), None) => inside = true,
            (None, Some(_)) => inside = false,
            (None, None) => {}
        }
        scanned = start;
        let after = text.get(end..).unwrap_or("");
        let chapter = after
            .strip_prefix('.')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        // "(Table 1 in Ruiz, 2019)": another work's exhibit.
        let elsewhere = ["in ", "of ", "from "].iter().any(|p| {
            after
                .trim_start()
                .strip_prefix(p)
                .is_some_and(|rest| rest.trim_start().starts_with(char::is_uppercase))
        });
        (inside && !chapter && !elsewhere).then(|| (m.as_str().to_string(), Span::new(start, end)))
    })
}

/// The speaker of a reporting verb: "Ana Ruiz said", "Its chief executive, Lars Vik, said",
/// "The developer said", "…, said the mayor".
fn speaker(text: &str, signals: &[(SignalKind, Span)]) -> Option<(String, Span)> {
    for c in named_speakers(text) {
        let Some(m) = c.get(1) else { continue };
        if c.get(0).is_some_and(|all| {
            calls_without_quoting(text, m.start(), all.end())
                || estimates_as_a_noun(text, m.as_str(), c.get(2).is_some(), all.end())
        }) {
            continue;
        }
        let name = m.as_str().trim_end_matches([',', '.']);
        let first = name.split_whitespace().next().unwrap_or("");
        // "We’re told", "It's said": a contraction is no name.
        if first.contains(['’', '\'']) && !first.ends_with("’s") && !first.contains("O’") {
            continue;
        }
        if NOT_A_NAME.contains(&first) && !name.contains(' ') {
            continue;
        }
        // "Shippers said", "Residents told": a plural group opening the sentence is no name.
        if m.start() == 0 && !name.contains(' ') && is_group_noun(name) {
            continue;
        }
        // "The Reserve Bank said": skip a leading article, keep the name.
        let name = match first {
            "The" | "the" => name.get(4..).unwrap_or("").trim(),
            _ if NOT_A_NAME.contains(&first) => continue,
            _ => name,
        };
        if name.is_empty() || !name.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start_matches("The ").len());
        let span = Span::new(start, start + name.len());
        if names_a_weasel(signals, span) {
            continue;
        }
        // "Some have argued that Aristotle believed that …": the name and its clause are
        // inside what an unnamed source reports, and the claim is theirs. (A closing speaker,
        // "Critics say it failed, Ruiz said", reports the unnamed source and is kept.)
        let introduces = c.get(0).is_some_and(|all| all.as_str().ends_with("that"));
        if introduces
            && signals
                .iter()
                .any(|(k, s)| *k == SignalKind::Weasel && s.end <= span.start)
        {
            return None;
        }
        return Some((name.to_string(), span));
    }
    if let Some(m) = APPOSED_SPEAKER.captures(text).and_then(|c| c.get(1)) {
        let span = Span::new(m.start(), m.end());
        if !names_a_weasel(signals, span) {
            return Some((m.as_str().to_string(), span));
        }
    }
    if let Some(c) = DEFINITE_SPEAKER.captures(text)
        && let Some(m) = c.get(1)
        && !c
            .get(0)
            .is_some_and(|all| calls_without_quoting(text, m.start(), all.end()))
    {
        let span = Span::new(m.start(), m.end());
        let unnamed = names_a_weasel(signals, span)
            || UNNAMED_GROUP.is_match(m.as_str())
            || is_anonymous_spokesperson(m.as_str());
        if !unnamed {
            return Some((m.as_str().to_string(), span));
        }
    }
    if [" he ", " she ", "He ", "She "]
        .iter()
        .any(|w| text.contains(w))
        && let Some(m) = PRONOUN_SPEAKER.captures(text).and_then(|c| c.get(1))
    {
        return Some((m.as_str().to_string(), Span::new(m.start(), m.end())));
    }
    closing_speaker(text, signals)
}

/// The agent of a reporting verb in the passive ([`PASSIVE_SPEAKER`]): "as reported by
/// Reuters", "announced by the Bank of England on Monday". The agent keeps its capitalised
/// words and the words of grammar between them ("of England"), and a definite one its kind
/// ("the statistics office"); it ends at anything else ("on Monday", "last week"). An agent
/// that names nobody is no source: a capitalised word before a lower-case noun ("by US
/// officials", "by Chinese state media"), a group ("by officials", "by the researchers"), "the
/// media", a month or weekday alone ("by March"), and a definite agent that is no institution
/// ("explained by the strong dollar", "predicted by the model").
fn passive_speaker(text: &str, signals: &[(SignalKind, Span)]) -> Option<(String, Span)> {
    // Most sentences have no "by": one substring search spares them the pattern.
    if !text.contains(" by ") {
        return None;
    }
    let m = PASSIVE_SPEAKER.captures(text)?.get(1)?;
    let agent_words = m.as_str();
    let words: Vec<(usize, &str)> = agent_words
        .split_whitespace()
        .map(|w| (crate::parse::lex::offset_in(agent_words, w), w))
        .collect();
    let &(_, first) = words.first()?;
    let capital = |w: &str| w.starts_with(char::is_uppercase) && !is_time_word(w);
    let definite = first == "the";
    // How many words the agent keeps.
    let mut kept = 1;
    let mut i = 1;
    while let Some(&(_, w)) = words.get(i) {
        if capital(w) {
            kept = i + 1;
        } else if ["of", "for", "and", "de", "van", "von", "the"].contains(&w)
            && words.get(i + 1).is_some_and(|&(_, n)| capital(n))
        {
            // A word of grammar inside a name, kept with the name after it.
        } else if definite && i <= 2 && kept == i && !is_time_word(w) && !PREPOSITIONS.contains(&w)
        {
            // "the ministry", "the statistics office".
            kept = i + 1;
        } else {
            break;
        }
        i += 1;
    }
    let &(last_start, last) = words.get(kept - 1)?;
    let end = m.start() + last_start + last.trim_end_matches(['.', ',']).len();
    let agent = text.get(m.start()..end)?;
    let kept_words: Vec<&str> = words.iter().take(kept).map(|&(_, w)| w).collect();
    let named = if definite {
        kept_words.get(1..).unwrap_or(&[]).join(" ")
    } else {
        kept_words.join(" ")
    };
    let last_word = kept_words.last().copied().unwrap_or("");
    // The word after the agent, in the sentence: a lower-case noun makes the agent its
    // adjective ("by US officials").
    let next = super::signals::word_after(text, Span::new(m.start(), end));
    let adjective = !definite
        && next.starts_with(char::is_lowercase)
        && !PREPOSITIONS.contains(&next)
        && !is_time_word(next)
        && !["and", "or", "but", "who", "which", "said"].contains(&next);
    let bare = first.trim_end_matches(['\'', '’', 's']);
    let a_date = kept == 1
        && (crate::dates::month_from_name(bare).is_some() || crate::dates::is_weekday(bare));
    let nobody = named.is_empty()
        || adjective
        || a_date
        || UNNAMED_GROUP.is_match(&named)
        || (!named.contains(' ') && is_group_noun(&named))
        || ["media", "press", "public", "authors", "author"].contains(&last_word)
        || (NOT_A_NAME.contains(&first) && !(first == "The" && kept > 1))
        || (definite
            && !words.get(1).is_some_and(|&(_, w)| capital(w))
            && !is_institution(last_word));
    let span = Span::new(m.start(), end);
    (!nobody && !names_a_weasel(signals, span)).then(|| (agent.to_string(), span))
}

/// Words that date rather than name: "last", "this", "yesterday", a weekday, in any case, with
/// a possessive ("yesterday's") or a weekday's plural ("Tuesdays").
fn is_time_word(w: &str) -> bool {
    const TIME: &[&str] = &[
        "last",
        "this",
        "next",
        "yesterday",
        "today",
        "earlier",
        "later",
    ];
    let w = w.trim_end_matches(['.', ',']);
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    TIME.iter().any(|t| t.eq_ignore_ascii_case(w))
        || crate::dates::is_weekday(w)
        || w.strip_suffix('s').is_some_and(crate::dates::is_weekday)
}

/// Kinds of body a definite agent names as a source: "by the ministry", "by the statistics
/// office".
fn is_institution(word: &str) -> bool {
    const KINDS: &[&str] = &[
        "ministry",
        "government",
        "department",
        "agency",
        "office",
        "bureau",
        "bank",
        "board",
        "council",
        "commission",
        "authority",
        "authorities",
        "company",
        "firm",
        "police",
        "court",
        "committee",
        "institute",
        "university",
        "union",
        "regulator",
        "operator",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "mayor",
        "minister",
        "president",
        "secretary",
        "governor",
        "administration",
        "service",
        "centre",
        "center",
        "newspaper",
        "group",
        "association",
        "federation",
        "organisation",
        "organization",
        "foundation",
        "institution",
        "embassy",
        "army",
        "military",
        "senate",
        "parliament",
        "congress",
        "cabinet",
        "treasury",
        "statistician",
        "prosecutor",
    ];
    KINDS.contains(&word.trim_end_matches(['.', ',']))
}

/// Whether a speaker pattern's match, its subject starting at `subject` and the match ending
/// at `end`, ends with "called" that reports no speech. "Called" reports speech only as the
/// subject's verb and before the words it quotes ("The mayor called the dispute “a test for
/// everyone”"). "Vik called a meeting" quotes nobody, and after a preposition the name is no
/// subject but the thing named: "an article in The New Yorker called “My Fake Job”".
fn calls_without_quoting(text: &str, subject: usize, end: usize) -> bool {
    let word_before = super::signals::word_before(text, Span::new(subject, end));
    text.get(..end).is_some_and(|t| t.ends_with("called"))
        && (!text
            .get(end..)
            .is_some_and(|rest| rest.contains(['“', '‘', '"']))
            || PREPOSITIONS.contains(&word_before))
}

/// Whether a named speaker's match ending at `end` ends with "estimates" that is a noun, not
/// its subject's verb: "Official estimates suggest …", "Industry estimates vary", "Government
/// estimates put the loss at …". The word after it says so when it is a verb of the estimates
/// ("show", "put"); otherwise a one-word subject without an apposition is too often an
/// adjective or a common noun capitalised at the start of the sentence, and only "that" after
/// it makes "estimates" its verb ("Nordea estimates that …"; "Lars Vik estimates …" and "Lars
/// Vik, an economist at Nordea, estimates …" need no "that").
fn estimates_as_a_noun(text: &str, name: &str, apposition: bool, end: usize) -> bool {
    const VERBS_OF_ESTIMATES: &[&str] = &[
        "show",
        "showed",
        "suggest",
        "suggested",
        "put",
        "vary",
        "varied",
        "indicate",
        "indicated",
        "are",
        "were",
        "have",
        "had",
        "range",
        "ranged",
        "point",
        "pointed",
        "say",
        "differ",
        "place",
        "placed",
        "of",
        "for",
        "from",
        "by",
    ];
    if !text.get(..end).is_some_and(|t| t.ends_with("estimates")) {
        return false;
    }
    let next = super::signals::word_after(text, Span::new(end, end));
    super::one_of(next, VERBS_OF_ESTIMATES)
        || (!apposition && !name.trim().contains(' ') && next != "that")
}

/// Whether the speaker at `span` is an unnamed source ("Experts said", "analysts said"): a
/// weasel signal, not an attribution.
fn names_a_weasel(signals: &[(SignalKind, Span)], span: Span) -> bool {
    signals
        .iter()
        .any(|(k, s)| *k == SignalKind::Weasel && s.overlaps(span))
}

/// A source named without a reporting verb: "…, per the ministry.", "data from the statistics
/// office showed", "the Finance Ministry's figures showed".
fn published_by(text: &str) -> Option<(String, Span)> {
    if !PUBLISHED_CUE.is_match(text) {
        return None;
    }
    if text.contains(" per ")
        && let Some(m) = PER_SOURCE.captures(text).and_then(|c| c.get(1))
        && !UNNAMED_GROUP.is_match(m.as_str().trim_start_matches("the "))
    {
        // The sentence's own full stop is not the name's ("per Harbour Wire.").
        let name = m.as_str().trim_end_matches('.');
        return Some((
            name.to_string(),
            Span::new(m.start(), m.start() + name.len()),
        ));
    }
    if let Some(m) = EVIDENCE_SPEAKER
            .captures(text)
            .and_then(|c| c.get(1).or_else(|| c.get(2)))
        // "data from March showed", "Monday's figures showed": a time, not a publisher.
        && !m.as_str().split_whitespace().next().is_some_and(|w| {
            crate::dates::month_from_name(w).is_some()
                || crate::dates::weekday_from_name(w).is_some()
        })
    {
        return Some((m.as_str().to_string(), Span::new(m.start(), m.end())));
    }
    None
}

/// "a former spokesperson", "a senior spokesperson": the word before "spokesperson" says which
/// one, not whose ("a ministry spokesperson", "a Tesla spokeswoman" say whose).
fn is_anonymous_spokesperson(subject: &str) -> bool {
    const NOT_WHOSE: [&str; 8] = [
        "former", "senior", "junior", "new", "deputy", "second", "another", "one",
    ];
    let mut words = subject.split_whitespace();
    let article = words.next().unwrap_or("");
    (article.eq_ignore_ascii_case("a") || article.eq_ignore_ascii_case("an"))
        && words.next().is_some_and(|w| super::one_of(w, &NOT_WHOSE))
}

/// "data from Canalys", "a report by the IMF", "figures from the Office for National
/// Statistics": an unnamed kind of evidence that names who published it. Returns the
/// publisher's offset in `phrase` and its name.
fn publisher(phrase: &str) -> Option<(usize, &str)> {
    // " of " names what was studied ("a survey of Americans"), not who published it.
    for link in [" from ", " by "] {
        let Some(at) = phrase.find(link) else {
            continue;
        };
        let (head, rest) = (phrase.get(..at)?, phrase.get(at + link.len()..)?);
        let head = head
            .trim_start_matches("a ")
            .trim_start_matches("an ")
            .trim_start_matches("the ");
        let kinds = [
            "data",
            "figures",
            "statistics",
            "estimates",
            "report",
            "survey",
            "study",
            "research",
            "analysis",
            "poll",
        ];
        let last = head.rsplit(' ').next().unwrap_or("");
        if !kinds.contains(&last) {
            continue;
        }
        let skip = if rest.starts_with("the ") { 4 } else { 0 };
        let name = rest.get(skip..)?.trim_end();
        if name.starts_with(|c: char| c.is_uppercase()) {
            return Some((phrase.len() - rest.len() + skip, name));
        }
    }
    None
}

/// The speaker of a closing reporting clause: "…, said Ana Ruiz", "…, said the mayor on Monday"
/// (the mayor), "…, police said". Held to the same tests as a speaker opening the sentence: a
/// day or a pronoun is no name, and an unnamed group ("…, analysts said") is a weasel.
fn closing_speaker(text: &str, signals: &[(SignalKind, Span)]) -> Option<(String, Span)> {
    const NOT_AFTER_THE_VERB: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Today",
        "Yesterday",
        "Last",
        "This",
        "On",
        "In",
        "At",
    ];
    // A lower-case speaker before the verb is a body of people only from this list: "…, police
    // said" names the force, "…, someone said" or "…, locals said" names nobody.
    const BODIES: &[&str] = &[
        "police",
        "authorities",
        "prosecutors",
        "investigators",
        "firefighters",
        "organisers",
        "organizers",
    ];
    let c = CLOSING_SPEAKER.captures(text)?;
    let m = if let Some(m) = c.get(1) {
        let words: Vec<&str> = m.as_str().split_whitespace().collect();
        let first = words.first().map_or("", |w| w.trim_end_matches('.'));
        if NOT_AFTER_THE_VERB.contains(&first) || NOT_A_NAME.contains(&first) {
            return None;
        }
        // "the mayor on Monday": the noun phrase ends before a preposition.
        let keep = match first {
            "the" => words
                .iter()
                .skip(1)
                .position(|w| PREPOSITIONS.contains(w))
                .map_or(words.len(), |i| i + 1),
            _ => words.len(),
        };
        // The span of the first `keep` words, as written (spacing kept).
        let mut end = m.start();
        for w in words.get(..keep).unwrap_or(&[]) {
            let at = text
                .get(end..)
                .and_then(|t| t.find(w))
                .map_or(end, |i| end + i);
            end = at + w.len();
        }
        let whole = text.get(m.start()..end).unwrap_or("");
        let name = whole.trim_end_matches([',', '.']);
        Span::new(m.start(), m.start() + name.len())
    } else {
        let m = c.get(2)?;
        if !BODIES.contains(&m.as_str()) {
            return None;
        }
        Span::new(m.start(), m.end())
    };
    let name = m.slice(text).to_string();
    let span = m;
    if name.is_empty() || name == "the" || UNNAMED_GROUP.is_match(&name) {
        return None;
    }
    if names_a_weasel(signals, span) {
        return None;
    }
    Some((name, span))
}

const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "to", "by", "for", "of", "with", "after", "before", "during", "when",
    "while", "as", "that",
];

/// "Shippers", "Residents", "Economists": plural nouns for a group of people.
fn is_group_noun(word: &str) -> bool {
    const OUTLETS: &[&str] = &["Reuters", "Bloomberg", "Forbes", "Axios"];
    !OUTLETS.contains(&word)
        && ["ers", "ists", "ents", "ians", "ors", "ives", "ees", "ants"]
            .iter()
            .any(|end| word.ends_with(end))
}

// Not `NAMED_SPEAKER` nor `ACCORDING_TO_NAME`: their counts make them the dearest to compile,
// and only an apposition or a name longer than the count needs them. Nor `APPOSED_SPEAKER`,
// `EVIDENCE_SPEAKER` and `PER_SOURCE`: their Unicode name classes cost about two million
// instructions each to compile, and a sentence needs them only when no other speaker
// pattern found one, so a run of short articles may never compile them.
/// This module's patterns, one compiling task each (see `crate::warm_up`).
pub(crate) const WARM_UP: &[fn()] = crate::warm_up_tasks![
    SPECULATION,
    FIRST_PERSON_OPINION,
    FORECAST,
    SELF_REFERENCE,
    ACCORDING_TO_NAME_OPEN,
    UNNAMED_GROUP,
    NAMED_SPEAKER_OPEN,
    REPORTING_VERB,
    PUBLISHED_CUE,
    DEFINITE_SPEAKER,
    CLOSING_SPEAKER,
];

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::ops::Range;

    fn range(c: &Captures, i: usize) -> Option<Range<usize>> {
        c.get(i).map(|m| m.start()..m.end())
    }

    /// `according_to_name` is `ACCORDING_TO_NAME.captures`, on every line of the fixtures
    /// and on names around the count.
    #[test]
    fn according_to_name_is_the_counted_patterns_match() {
        let counted = Regex::new(ACCORDING_TO_NAME.as_str()).unwrap();
        let mut texts: Vec<String> = Vec::new();
        for n in [1, 50, 99, 100, 101, 150, 400] {
            let name = "x".repeat(n);
            texts.extend([
                format!("Prices rose, according to {name}, last year."),
                format!("According to the  {name}"),
                format!("according to\n the {name}é ü"),
                format!("According to the, {name} said"),
                format!("according to é{name} (p. 4)"),
            ]);
        }
        for text in crate::fixture_texts() {
            texts.extend(text.lines().map(String::from));
        }
        crate::assert_same_answers(
            &texts,
            |t| according_to_name(t).map(|c| (range(&c, 0), range(&c, 1))),
            |t| {
                counted
                    .captures(t)
                    .map(|c| (c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range())))
            },
            |m| usize::from(m.is_some()),
            40,
        );
    }

    /// `named_speakers` is `NAMED_SPEAKER.captures_iter`, match for match, on every line of
    /// the fixtures and on appositions around the limit.
    #[test]
    fn named_speakers_are_the_counted_patterns_matches() {
        let spans =
            |c: &regex::Captures| (c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range()));
        let counted = Regex::new(NAMED_SPEAKER.as_str()).unwrap();
        let mut texts: Vec<String> = Vec::new();
        for n in [1, 100, 159, 160, 161, 200, 400] {
            let apposition = "x".repeat(n);
            texts.push(format!("Ana Ruiz, {apposition}, said the port had grown."));
            texts.push(format!(
                "Ana Ruiz, {apposition}, then Lars Vik, an economist, said it; Omar Haddad said so."
            ));
            texts.push(format!("Ana Ruiz, é{apposition}ü, said Bo Li told us."));
            texts.push(format!(
                "“The Harbour Board, {apposition}, warned that Kim said it."
            ));
        }
        for text in crate::fixture_texts() {
            texts.extend(text.lines().map(String::from));
        }
        crate::assert_same_answers(
            &texts,
            |t| {
                named_speakers(t)
                    .map(|c| (range(&c, 0), range(&c, 1)))
                    .collect::<Vec<_>>()
            },
            |t| counted.captures_iter(t).map(|c| spans(&c)).collect(),
            Vec::len,
            100,
        );
        let long = |t: &&String| {
            NAMED_SPEAKER_OPEN
                .captures(t)
                .and_then(|c| c.get(2))
                .is_some_and(|a| a.as_str().chars().count() > APPOSITION_CHARS)
        };
        assert!(
            texts.iter().filter(long).count() >= 8,
            "the search again is tried"
        );
    }

    fn cue(text: &str) -> Option<NonClaim> {
        non_claim(
            text,
            false,
            &super::super::signals::detect(text, None),
            &scan(text),
        )
    }

    fn named(text: &str) -> Option<String> {
        attribution(
            text,
            &super::super::signals::detect(text, None),
            &scan(text),
        )
        .map(|(n, _)| n)
    }

    #[test]
    fn questions() {
        assert_eq!(cue("Will the truce hold?"), Some(NonClaim::Question));
        assert_eq!(cue("Who pays for it?)"), Some(NonClaim::Question));
        assert_eq!(cue("“Are you going?” she asked."), None);
    }

    #[test]
    fn titles() {
        assert_eq!(
            cue("Harbour Freight Hits a Record as Port Expansion Opens"),
            Some(NonClaim::Heading)
        );
        assert_eq!(cue("Freight rose 12% in February."), None);
    }

    #[test]
    fn speculation_outweighs_soft_signals_only() {
        assert_eq!(
            cue("The outcomes could reshape trade, in light of President Trump's recent deals."),
            Some(NonClaim::Opinion)
        );
        assert_eq!(cue("Experts say prices could rise 20% next year."), None);
        assert_eq!(
            cue("Some called it ‘a bit over the top’, but it is, in my opinion, convincing."),
            Some(NonClaim::Opinion)
        );
        assert_eq!(
            cue("By then most people will have received two doses."),
            Some(NonClaim::Opinion)
        );
        // "will" reports a plan, not a guess.
        assert_eq!(
            cue("The talks will be led by Vice Premier He Lifeng."),
            None
        );
    }

    #[test]
    fn self_reference() {
        assert_eq!(
            cue("This chapter examines the first recorded census."),
            Some(NonClaim::SelfReference)
        );
        assert_eq!(
            cue("Here we show that the largest colonies form first."),
            Some(NonClaim::SelfReference)
        );
        assert_eq!(cue("We’re told that children need two parents."), None);
        // The authors' own methods and results.
        for text in [
            "To rule out delays, we counted the somites of 40 embryos.",
            "We carefully dissected nuclei from 23 donors.",
            "However, we did not detect any costs of TPS10 in 2012.",
            "Also, we noted earlier that 40% of hormones act on the immune system.",
        ] {
            assert_eq!(cue(text), Some(NonClaim::SelfReference), "{text}");
        }
        // The reader told what to do.
        for text in [
            "Explain the five constant virtues of Confucian moral philosophy.",
            "Describe Three Sisters cropping as an Indigenous adaptation.",
            "Watch this video that describes two different types of bariatric surgeries.",
            "Compare the United States, which owns the largest slice of the wealth pie, with India.",
        ] {
            assert_eq!(cue(text), Some(NonClaim::SelfReference), "{text}");
        }
        assert_eq!(cue("Watch Sales Rose 20% in 2019, the maker said."), None);
        // A collective "we" that knows or lost something states a fact to source.
        assert_eq!(cue("We know that 40% of trials are never published."), None);
        assert_eq!(cue("We lost 20% of our jobs in 2009."), None);
        for text in [
            "Since 2010 we have created 3 million jobs.",
            "Every winter we see 10,000 deaths from flu.",
            // A "we" in a quotation is the speaker's.
            "“We counted 40 bodies in the street,” one resident said.",
            "Residents said: “We measured 200 tanks crossing the border in May.”",
        ] {
            assert_eq!(cue(text), None, "{text}");
        }
    }

    #[test]
    fn attributions() {
        assert_eq!(
            named("According to the Selvik Port Authority, traffic rose 14%."),
            Some("Selvik Port Authority".to_string())
        );
        assert_eq!(
            named(
                "Lars Vik, an economist at the Nordic Trade Institute, warned that it proves little."
            ),
            Some("Lars Vik".to_string())
        );
        assert_eq!(
            named("The Reserve Bank said rates would stay."),
            Some("Reserve Bank".to_string())
        );
        assert_eq!(named("Experts said the rise would not last."), None);
        // A thinker's position, put to its holder.
        for (text, name) in [
            (
                "Kant suggested that we derive imperatives through four formulations.",
                "Kant",
            ),
            ("Freud believed that 90% of the mind is hidden.", "Freud"),
            (
                "Maslow, an American psychologist, proposed that needs form five levels.",
                "Maslow",
            ),
        ] {
            assert_eq!(named(text).as_deref(), Some(name), "{text}");
        }
        for text in [
            "This suggests that 20% of the cells divide.",
            "Evidence suggests that 20% of the cells divide.",
            "Suggested that 20% of the cells divide, the plan failed.",
            "Some have argued that Aristotle believed that 40 days must pass.",
        ] {
            assert_eq!(named(text), None, "{text}");
        }
        assert_eq!(
            named("Critics say the plan failed in 2019, Ruiz said.").as_deref(),
            Some("Ruiz")
        );
        assert_eq!(
            named("The developer said turbines would be built here."),
            Some("The developer".to_string())
        );
        assert_eq!(
            named("He said the rise would not last."),
            Some("He".to_string())
        );
        assert_eq!(named("The experts said the rise would not last."), None);
        assert_eq!(named("According to experts, it is safe."), None);
        assert_eq!(named("According to recent reports, it is safe."), None);
        assert_eq!(
            named("According to the port authority, three berths will open."),
            Some("port authority".to_string())
        );
        assert_eq!(named("Shippers said the water had recovered."), None);
        // A name set off by commas after the role it names.
        for text in [
            "The operator's chief executive, Lars Vik, said fares rose 4%.",
            "Its chief executive, Lars Vik, told reporters fares rose 4%.",
            "A spokesperson, Lars Vik, said fares rose 4%.",
            "The port's finance chief, Lars Vik, warned that fares rose 4%.",
        ] {
            assert_eq!(named(text), Some("Lars Vik".to_string()), "{text}");
        }
        // One word between the commas is a place or an item of a list as often as a name.
        assert!(
            APPOSED_SPEAKER
                .captures("Fares rose in the north, Norway, said the report.")
                .is_none()
        );
        // A publisher named with its evidence, a source after "per", a spokesperson who
        // says whose.
        for (text, name) in [
            (
                "Exports fell 4%, data from the statistics office showed.",
                "statistics office",
            ),
            ("Exports fell 4%, a report by the OECD found.", "OECD"),
            (
                "Exports fell 4%, the Finance Ministry's figures showed.",
                "Finance Ministry",
            ),
            ("Exports fell 4%, per the ministry.", "the ministry"),
            ("Exports fell 4%, per Harbour Wire.", "Harbour Wire"),
            ("Exports fell 4%, per the Harbour Board.", "Harbour Board"),
            (
                "Exports fell 4%, a ministry spokesperson told reporters.",
                "a ministry spokesperson",
            ),
            (
                "A Selvik spokeswoman said exports fell 4%.",
                "A Selvik spokeswoman",
            ),
        ] {
            assert_eq!(named(text), Some(name.to_string()), "{text}");
        }
        for text in [
            "Data from analysts showed exports fell 4%.",
            "Data from March showed exports fell 4%.",
            // A capitalised word before the evidence is as often a place or a kind.
            "Recent Data show that exports fell 4%.",
            "A British study found that 40% of adults skip breakfast.",
            "An Online poll showed that exports fell 4%.",
            "Exports fell 4%, Monday's figures showed.",
            "Exports fell 4%, per the experts.",
            "Exports fell 4 per cent.",
            "A former spokesperson said exports fell 4%.",
            "A spokesperson said exports fell 4%.",
        ] {
            assert_eq!(named(text), None, "{text}");
        }
        // A narrative citation without its year still names its authors.
        assert_eq!(
            named("Vik et al. noted that the water had recovered."),
            Some("Vik et al".to_string())
        );
        assert_eq!(
            named("Ruiz et al reported that the water had recovered."),
            Some("Ruiz et al".to_string())
        );
        assert_eq!(
            named("Reuters reported that the water had recovered."),
            Some("Reuters".to_string())
        );
        // A participle after another verb names a speaker but not a source of the words.
        assert_eq!(
            named("Bessent expressed optimism, stating that trade is in a 'very good place'."),
            None
        );
    }

    #[test]
    fn writing_estimating_and_calling_name_a_speaker() {
        for (text, name) in [
            (
                "Vik wrote on X that the port lost 40% of its traffic.",
                "Vik",
            ),
            ("Vik wrote on X: “The port lost 40% of its traffic.”", "Vik"),
            (
                "Ana Ruiz wrote in The Harbour Gazette that freight fell 12%.",
                "Ana Ruiz",
            ),
            ("Ana Ruiz writes that freight fell 12%.", "Ana Ruiz"),
            (
                "Lars Vik, an economist at Nordea, estimates exports fell 4% last year.",
                "Lars Vik",
            ),
            ("Nordea estimated the loss at $4m.", "Nordea"),
            ("Nordea estimates that exports fell 4%.", "Nordea"),
            ("Lars Vik estimates exports fell 4% last year.", "Lars Vik"),
            (
                "The mayor called the dispute “a test for everyone”.",
                "The mayor",
            ),
            ("Vik called the plan ‘reckless’ in 2024.", "Vik"),
            ("He called the result \"the best in 20 years\".", "He"),
            (
                "The minister wrote to mayors that budgets would shrink by 5%.",
                "The minister",
            ),
            ("She wrote that budgets would shrink by 5%.", "She"),
            // A pronoun with a verb of a view or a finding, an adverb between.
            ("He argues that 20% of the loss is real.", "He"),
            (
                "Aquinas did not sanction it, but he specifically notes that 40 days pass first.",
                "he",
            ),
            (
                "If all aims at some good, he argues, there is a highest good.",
                "he",
            ),
            ("She found that 30% of pupils were late.", "She"),
            ("But he argues that 20% of the loss is real.", "he"),
            ("As she noted, unemployment rose 12% in 2020.", "she"),
        ] {
            assert_eq!(named(text), Some(name.to_string()), "{text}");
        }
        for text in [
            // A group named before may be an unnamed one; "the study" is no pronoun; "she"
            // must be the verb's subject.
            "They found that 15% of pupils were late.",
            "Then the study found that 15% of pupils were late.",
            "The town she argues for lost 20% of its people.",
            // A verb that reports what was seen, not said.
            "He observed 30% fewer birds in 2021 than in 2019.",
            "Prices rose 20%, while she explains the method.",
            // "Called" quotes nobody without a quotation; "wrote" reports no words without
            // "that" or a colon.
            "Vik called a meeting after prices fell 20% in March.",
            "The village called Hope lost 20% of its people in the flood.",
            "Smith wrote a book about the 20% drop in exports.",
            "Vik wrote in 2019 about a 20% drop in exports.",
            "Critics called the plan “reckless”.",
            "He wrote an article in The New Yorker called “My Fake Job”.",
            "The minister wrote a letter about the 5% cut.",
            // "Estimates" as a noun: a verb of the estimates follows, or the one word before
            // it is no name.
            "Government estimates put the loss at 20% of output.",
            "Official estimates suggest a 20% fall in exports.",
            "Early estimates show 20% growth in the first quarter.",
            "Industry estimates vary, but most put the loss at 20%.",
            "Nordea estimates exports fell 4% last year.",
            "Bank of England estimates show inflation at 3%.",
        ] {
            assert_eq!(named(text), None, "{text}");
        }
    }

    #[test]
    fn progressive_and_written_speech_name_a_speaker() {
        for (text, name) in [
            ("Kant is not saying that lying is always wrong.", "Kant"),
            (
                "Ana Ruiz has been warning that fares will rise 6% in spring.",
                "Ana Ruiz",
            ),
            (
                "Lars Vik was telling reporters that exports fell 4%.",
                "Lars Vik",
            ),
            (
                "The Harbour Board was warning investors that fares would rise 6%.",
                "Harbour Board",
            ),
            (
                "Ana Ruiz has been reminding the public that 40% of sailings were late.",
                "Ana Ruiz",
            ),
            (
                "The ministry is still insisting the pier will close in March.",
                "The ministry",
            ),
            ("They were arguing that 40% of sailings were late.", "They"),
            (
                "Vik wrote a letter saying that the port lost 40% of its traffic.",
                "Vik",
            ),
            (
                "The Harbour Board issued a statement arguing that fares rose 6%.",
                "Harbour Board",
            ),
            (
                "The ministry released a short statement saying fares rose 6%.",
                "The ministry",
            ),
        ] {
            assert_eq!(named(text), Some(name.to_string()), "{text}");
        }
        for text in [
            // An adjective and a noun, not a speaker's verb; another sense of the verb.
            "The silence is telling: exports fell 20% in March.",
            "The Fever is claiming 200 lives a week.",
            "The Drought is stressing 40% of the herds.",
            "Falling exports were warning signs of a 20% slump.",
            "Falling Exports were warning signs that a 20% slump was near.",
            "The Figures were reminding nobody of the 20% slump.",
            // A participle after a verb that names no writing attributes nothing.
            "Bessent expressed optimism, stating that trade is in a 'very good place'.",
            "Vik wrote about the port, saying that traffic fell 40%.",
        ] {
            assert_eq!(named(text), None, "{text}");
        }
    }

    #[test]
    fn a_numbered_exhibit_in_parentheses_is_the_claims_own_evidence() {
        for (text, name) in [
            (
                "Mutating Arg102 reduces activity 2500-fold (Figure 6).",
                "Figure 6",
            ),
            ("Activity rose 20% (Fig. 2B).", "Fig. 2B"),
            (
                "Most cells arrived (average of 81.9%, Figure 5B,E; n = 15 cells).",
                "Figure 5B",
            ),
            ("Flowering fell 30% (Figures 4 and 8).", "Figures 4"),
            ("Yields fell 12% (see Table 2).", "Table 2"),
            ("Yields fell 12% (Fig 2).", "Fig 2"),
            (
                "As Figure 7 shows (in May), as Figure 7 shows, yields fell 12% (Figure 8).",
                "Figure 8",
            ),
            ("Yields fell 12% (figure 2AB).", "figure 2AB"),
        ] {
            assert_eq!(named(text).as_deref(), Some(name), "{text}");
        }
        for text in [
            // An illustration placed, or numbered by chapter, as textbooks do.
            "Wundt opened his laboratory in 1879 (Figure).",
            "They were found in South Africa in 2013 (Figures 5.14–5.15).",
            // An exhibit that introduces the claim backs nothing by being named.
            "As shown in Figure 6, exports fell 20% in 2020.",
            // A parenthesis closed before the exhibit.
            "Exports fell 20% (in May) as Figure 3 shows.",
            // Another work's table: a citation ("Table 1 in" is its prefix), not an exhibit.
            "Yields fell 12% (Table 1 in Ruiz, 2019).",
            // What others found, illustrated.
            "Residue 102 is thought to bind the substrate (Figure 1).",
        ] {
            assert_eq!(named(text), None, "{text}");
        }
    }

    #[test]
    fn the_agent_of_a_passive_reporting_verb_is_the_speaker() {
        for (text, name) in [
            ("Exports fell 20%, as reported by Reuters.", "Reuters"),
            (
                "The loss of 40% of sailings was explained at length by Ana Ruiz.",
                "Ana Ruiz",
            ),
            (
                "The 6% fare rise was announced by the Harbour Board on Monday.",
                "the Harbour Board",
            ),
            (
                "The 6% fare rise was confirmed by the ministry on Monday.",
                "the ministry",
            ),
            (
                "Fares rose 6%, as first reported by The Harbour Gazette.",
                "The Harbour Gazette",
            ),
            (
                "Exports fell 20%, as reported by Reuters on Monday.",
                "Reuters",
            ),
            (
                "Exports fell 20%, as reported by Ana\u{a0}Ruiz.",
                "Ana\u{a0}Ruiz",
            ),
            (
                "The 6% rise was announced by the Bank of England on Monday.",
                "the Bank of England",
            ),
            (
                "The 6% rise was announced by the Office for National Statistics.",
                "the Office for National Statistics",
            ),
            (
                "The 6% rise was announced by the government last week.",
                "the government",
            ),
            (
                "The 6% rise was confirmed by the statistics office.",
                "the statistics office",
            ),
            (
                "The 6% rise was announced by the ministry this week.",
                "the ministry",
            ),
            (
                "The 6% rise was reported by Ana Ruiz, the harbour master.",
                "Ana Ruiz",
            ),
            ("The 6% rise was reported by May Chen.", "May Chen"),
        ] {
            assert_eq!(named(text), Some(name.to_string()), "{text}");
        }
        for text in [
            "The figures were reported by several outlets.",
            "The 6% fare rise was confirmed by officials.",
            "The 6% fare rise was confirmed by the researchers.",
            "The 6% rise was widely reported by the media.",
            "The 6% rise will be announced by March.",
            "The 6% rise was announced by Monday's deadline.",
            "The 6% rise was confirmed by US officials.",
            "The 6% rise was reported by Chinese state media.",
            "The 6% rise was explained by the strong dollar.",
            "The 6% rise was predicted by the model.",
            "The 6% rise was reported by the local press.",
        ] {
            assert_eq!(named(text), None, "{text}");
        }
    }

    #[test]
    fn evidence_named_with_its_publisher() {
        let n = |t: &str| named(t);
        // Plural evidence takes the plain verb.
        assert_eq!(
            n("Data from the Oslo Sleep Registry show that 30% of pupils nap.").as_deref(),
            Some("Oslo Sleep Registry")
        );
        assert_eq!(
            n("Ethiopia overtook Nigeria, according to data from Canalys."),
            Some("Canalys".to_string())
        );
        assert_eq!(
            n("According to a report by the IMF, rates rose."),
            Some("IMF".to_string())
        );
        assert_eq!(
            n("According to figures from the Office for National Statistics, pay rose."),
            Some("Office for National Statistics".to_string())
        );
        assert_eq!(n("According to data from several sources, pay rose."), None);
        assert_eq!(n("According to recent data, pay rose."), None);
        // " of " names what was studied, not who published it.
        assert_eq!(
            n("According to the survey of Americans, 40% own a gun."),
            None
        );
    }

    #[test]
    fn closing_attributions() {
        let n = |t: &str| named(t);
        assert_eq!(
            n("Rates rose, said Ana Ruiz, policy fellow at the bank."),
            Some("Ana Ruiz".to_string())
        );
        assert_eq!(
            n("“Rates will rise,” said Ana Ruiz."),
            Some("Ana Ruiz".to_string())
        );
        assert_eq!(
            n("Rates rose, said the mayor on Monday."),
            Some("the mayor".to_string())
        );
        assert_eq!(
            n("Rates rose, said the ministry."),
            Some("the ministry".to_string())
        );
        assert_eq!(n("Rates rose, police said."), Some("police".to_string()));
        // The words after "says" are what was said, not who said it.
        assert_eq!(n("Rates rose, says the mood among lenders is grim."), None);
        // A day, a pronoun, an unnamed group or an indefinite speaker is no source.
        assert_eq!(
            n("Rates rose, the ministry said Monday."),
            Some("the ministry".to_string())
        );
        assert_eq!(n("Rates rose, said Monday’s bulletin."), None);
        assert_eq!(n("Rates rose, it said."), None);
        assert_eq!(n("Rates rose, analysts said."), None);
        assert_eq!(
            n("Sales rose, the company's chief executive said."),
            Some("the company's chief executive".to_string())
        );
        assert_eq!(
            n("A spokesperson for the ministry said rates rose."),
            Some("A spokesperson for the ministry".to_string())
        );
        assert_eq!(
            n("A spokeswoman for Selvik Port Authority said rates rose."),
            Some("Selvik Port Authority".to_string())
        );
        assert_eq!(n("A spokesperson said rates rose."), None);
        for nobody in [
            "Rates rose, someone said.",
            "Rates rose, locals said.",
            "Rates rose, said The.",
            "The complaint, filed in March, says Apple in 2019 broke the rules.",
            "Evidence confirms the drug cut deaths by 20%.",
            "History warns that 90% of such booms end badly.",
            "Research has found that coffee cuts risk by 20%.",
            "Nobody put it better: “we are out of money.”",
        ] {
            assert_eq!(n(nobody), None, "{nobody}");
        }
        // The span covers the name as written.
        let t = "Rates rose, said Ana  Ruiz.";
        let span = attribution(t, &super::super::signals::detect(t, None), &scan(t))
            .map(|(_, s)| s.slice(t));
        assert_eq!(span, Some("Ana  Ruiz"));
        assert_eq!(
            n("Tomasz Berg, who runs a recycling yard, explains the mood is one of relief."),
            Some("Tomasz Berg".to_string())
        );
        assert_eq!(
            n("Ana Castro, portfolio manager at the bank, put it bluntly: “We are out of money.”"),
            Some("Ana Castro".to_string())
        );
        assert_eq!(
            n("Pierre Okafor insists orders have been strong."),
            Some("Pierre Okafor".to_string())
        );
        assert_eq!(
            n("The Bank of England has warned about debt before."),
            Some("Bank of England".to_string())
        );
        assert_eq!(n("Rates rose, shippers said."), None);
        assert_eq!(n("Rates rose, said one chief economist at the bank."), None);
    }

    mod batch {
        use super::super::*;
        use proptest::prelude::*;

        /// Words the cue patterns care about, and marks at sentence ends.
        fn words() -> Vec<&'static str> {
            vec![
                "this chapter examines",
                "In this article",
                "we show",
                "here, we",
                "our results",
                "in my view",
                "I think",
                "will have",
                "is expected to",
                "could",
                "might",
                "perhaps",
                "said",
                "told",
                "found",
                "Reuters",
                "the",
                " ",
                ", ",
                ". ",
                "\0",
                "\n",
                "é",
                "x",
            ]
        }

        proptest! {
            /// The gated batch pass finds the cues that each sentence searched alone has.
            #[test]
            fn a_gated_batch_finds_what_each_sentence_finds(
                sentences in crate::gate::sentences_of(words())
            ) {
                let (batch, spans) = crate::gate::batch_of(&sentences);
                let gated = scan_batch(&batch, &spans, &crate::claims::GATE.scan_any(&batch, &spans));
                let alone: Vec<Cues> = sentences
                    .iter()
                    .map(|s| {
                        let whole = [Span::new(0, s.len())];
                        scan_batch(s, &whole, &Flags::all(1)).pop().unwrap_or_default()
                    })
                    .collect();
                prop_assert_eq!(gated, alone);
            }
        }
    }
}
