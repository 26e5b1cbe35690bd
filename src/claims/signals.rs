//! Signal detectors: the words in a sentence that make it assert a checkable fact.
//!
//! Each detector is a set of regular expressions (compiled once, the `regex` crate's linear
//! engine) run over sentences in which citations have already been blanked out, so a
//! citation's year never reads as a dated event; [`detect_batch`] runs each pattern once over
//! many sentences, with the same result as one sentence at a time. Detectors return the byte
//! span of the words that fired, relative to the sentence; mapping to file offsets and judging
//! the sentence are left to the caller.

use super::SignalKind;
use super::one_of;
use crate::gate::Flags;
use crate::pattern::Prefilter::{Literal, Off};
use crate::pattern::{Pattern, Short};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

// The patterns [`detect_batch`] runs over whole batches are compiled by `pat`, each with the
// prefilter that serves it (`crate::pattern`): `Literal` where a match must start with a rare
// word or mark, and was measured to be found several times faster with it (reading corpus2k's
// paragraphs: quotations 7.7 ms against 29, "according to" 7.4 against 28); `Off` where the
// literals are common and the prefilter bought nothing or cost (`DATED_EVENT`'s "in", "on",
// "by": 88 ms against 32) while making the pattern twice as dear to compile.
use super::batch_pattern as pat;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";

/// Numbers with %, percent, currency, magnitudes, units, and counts of things.
static STATISTIC: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let num = r"\d+(?:[.,]\d+)*";
    let words = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds|thousands|millions|billions|dozens|a dozen|a hundred|a thousand)";
    vec![
        // 20%, 5.8 percent, 3 percentage points
        pat(
            &format!(r"(?i)\b{num}\s?(?:%|per\s?cent\b|percentage points?\b)"),
            Off,
        ),
        // $3 billion, €40, £1.2m, US$5
        pat(
            &format!(r"(?i)(?:US)?[$€£¥]\s?{num}(?:\s?(?:million|billion|trillion|bn|m|k)\b)?"),
            Off,
        ),
        // 1.4 billion kronor, 2 million, 400,000 copies, 507 patients, 25 languages, 12 km
        pat(
            &format!(
                r"(?i)\b{num}(?:\s(?:million|billion|trillion|thousand|hundred))?\s(?:[a-z][a-z-]*s|people|children|men|women|staff|km|kg|mph|tonnes|tons|TEU|dollars|euros|pounds|yuan|yen|kronor|rupees)\b"
            ),
            Off,
        ),
        pat(
            &format!(r"(?i)\b{num}\s(?:million|billion|trillion)\b"),
            Literal,
        ),
        // three months, six negative trials, millions of patients
        pat(
            &format!(r"(?i)\b{words}\s(?:of\s)?(?:[a-z-]+\s)?[a-z-]+s\b"),
            Off,
        ),
        // 9.1 out of every 1,000; one in seven
        pat(
            &format!(
                r"(?i)\b(?:{num}|one|two|three|four|five)\s(?:out\s)?of\s(?:every\s)?(?:{num}|ten|a hundred|a thousand)\b|\bone in (?:two|three|four|five|six|seven|eight|nine|ten|{num})\b"
            ),
            Off,
        ),
        // doubled, tripled, halved, a tenfold rise, a 2.5-fold increase; not "scaffold" or
        // "manifold": "-fold" counts only after a number.
        pat(
            &format!(
                r"(?i)\b(?:doubled|tripled|quadrupled|halved|(?:{num}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|many)-?fold)\b"
            ),
            Off,
        ),
    ]
});

/// Direct quotations: double quotes and curly quotes.
static QUOTATION_BULK: LazyLock<Vec<Pattern>> =
    LazyLock::new(|| NEEDLED.iter().map(|(p, _)| pat(p, Literal)).collect());

/// Patterns the claims gate finds by the mark that opens every match (`Gate::find_by_needle`):
/// the quotations.
pub(crate) const NEEDLED: [(&str, &str); 2] = [(r#""[^"\n]{2,}""#, "\""), (r"“[^”\n]{2,}”", "“")];

/// Single quotes that are not apostrophes (group 1), anchored to the sentence's ends.
pub(crate) static SINGLE_QUOTED: LazyLock<Short> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Short::new(r"(?:^|[\s(\[—–-])(‘[^’\n]{2,}’|'[^'\n]{2,}')(?:[\s.,;:!?)\]—–-]|$)")
        .expect("a literal signal pattern compiles")
});

/// Verbs of reported speech.
static REPORTED_SPEECH: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"(?i)\b(?:said|says|saying|noted|notes|noting|stated|states|stating|told|tells|announced|announces|announcing|remarked|remarks|highlighted|highlights|highlighting|emphasi[sz]ed|emphasi[sz]es|emphasi[sz]ing|stressed|warned|warns|warning that|argued|argues|arguing|claimed|claims|claiming|reported|reports|explained|explains|added|insisted|insists|acknowledged|acknowledges|confirmed|confirms|revealed|reveals|wrote|writes|asserted|asserts|contended|contends|observed|commented|declared|declares|maintained|testified|tweeted|estimated|estimates|predicted|concluded|concludes)\b",
        Off,
    )
});

static ACCORDING_TO: LazyLock<Pattern> = LazyLock::new(|| pat(r"(?i)\baccording to\b", Literal));

static SUPERLATIVE: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"(?i)\b(?:record(?:-breaking|-high|-low)?|all-time|unprecedented|highest|lowest|largest|smallest|biggest|greatest|longest|shortest|fastest|slowest|oldest|youngest|earliest|strongest|weakest|richest|poorest|deadliest|worst|best|first|the most|the least|most of|the only|only one)\b",
        Off,
    )
});

/// Dates an event is pinned to: "in June 2025", "on Monday", "last year", "in 1960", "since the
/// onset of the trade war", and the looser "recent".
static DATED_EVENT: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        pat(
            &format!(
                r"\b(?:[Ii]n|[Oo]n|[Bb]y|[Ss]ince|[Uu]ntil|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hroughout|[Pp]rior to|[Ii]n (?:early|mid|late)-?|[Aa]t the (?:start|end|beginning) of)\s(?:the\s)?(?:{MONTH}(?:\s\d{{1,2}}(?:st|nd|rd|th)?\b,?)?(?:\s\d{{4}}\b)?|\d{{1,2}}\s{MONTH}(?:\s\d{{4}})?|(?:1[5-9]|20)\d{{2}}s?\b|\d{{1,2}}(?:st|nd|rd|th)\scentury)"
            ),
            Off,
        ),
        pat(&format!(r"\bmid-{MONTH}"), Literal),
        pat(
            r"\b(?:[Oo]n|[Ll]ast|[Ss]tarting|[Tt]his|[Nn]ext|[Ss]ince)\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
            Literal,
        ),
        pat(
            r"(?i)\b(?:last|earlier this|later that|the previous|the following)\s(?:week|month|year|decade|quarter|spring|summer|autumn|fall|winter)\b|\b(?:a|one|two|three|four|five|six|\d+)\s(?:days?|weeks?|months?|years?|decades?)\s(?:later|earlier|ago)\b",
            Off,
        ),
        pat(r"(?i)\b(?:yesterday|recent|recently)\b", Literal),
        pat(
            r"(?i)\bsince the (?:onset|start|beginning|outbreak|end|launch) of\b",
            Literal,
        ),
    ]
});

/// Groups of people a weasel phrase may name by what they are ("Residents say").
const PEOPLE_GROUPS: [&str; 28] = [
    "people",
    "residents",
    "locals",
    "villagers",
    "neighbours",
    "neighbors",
    "shopkeepers",
    "retailers",
    "traders",
    "investors",
    "workers",
    "farmers",
    "customers",
    "consumers",
    "parents",
    "teachers",
    "doctors",
    "activists",
    "campaigners",
    "opponents",
    "supporters",
    "diplomats",
    "lawmakers",
    "politicians",
    "historians",
    "scholars",
    "witnesses",
    "voters",
];

/// Unnamed sources: "experts suggest", "reports reveal", "critics say", "it is believed".
static WEASEL: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    // Groups of people named by what they are, not who ([`PEOPLE_GROUPS`]), count only as the
    // subject of the sentence or of a clause: see [`is_object_group`].
    let who = format!(
        r"(?:experts?|analysts?|critics|observers|officials|sources|scientists|researchers|economists|studies|research|reports|surveys|insiders|commentators|people familiar with the matter|{}|many|some|others)",
        PEOPLE_GROUPS.join("|")
    );
    let verb = r"(?:say|said|says|suggest|suggests|suggested|believe|believed|agree|agreed|warn|warned|argue|argued|claim|claimed|note|noted|reveal|revealed|reveals|show|shows|showed|have shown|has shown|indicate|indicates|indicated|find|found|have found|estimate|estimated|predict|predicted|contend|think|fear|expect|demonstrated|proposed)";
    vec![
        // "have" lets the perfect in: "Some have suggested", "studies have even demonstrated".
        pat(
            &format!(
                r"(?i)\b(?:(?:many|some|most|several|other|recent|independent|leading)\s)?{who}\s(?:(?:have|has|had)\s(?:even\s|also\s|long\s|repeatedly\s)?)?{verb}\b"
            ),
            Off,
        ),
        // Evidence with no owner ("Evidence suggests that", "this discovery of very early
        // writing suggests that"): the verb is found here and its subject by
        // [`evidence_before`], since a pattern spanning the subject's words made the claims
        // gate's automaton too large to stay lazy. The verb must introduce a clause, so "the
        // data show a rise" is left to the figures it states.
        pat(
            r"(?i)\b(?:suggests?|suggested|indicates?|indicated|shows?|showed|demonstrates?|demonstrated|implies|implied|proves?|proved)\sthat\b",
            Off,
        ),
        pat(
            r"(?i)\b(?:it is|it's|it has been|it was)\s(?:widely\s|generally\s|often\s|commonly\s|also\s)?(?:believed|said|thought|reported|claimed|known|estimated|argued|understood|assumed|accepted|suggested|hypothesi[sz]ed|speculated)\b",
            Off,
        ),
        pat(
            r"(?i)\b(?:is|are|was|were)\s(?:widely\s|generally\s|often\s|commonly\s)?(?:said|believed|thought|reported|rumou?red|alleged)\sto\b",
            Off,
        ),
        pat(
            r"(?i)\b(?:are|is|were|was)\s(?:widely|generally|often|commonly)\s(?:credited|regarded|considered|seen|viewed|accepted|believed)\b",
            Literal,
        ),
        pat(
            r"(?i)\b(?:has|have|had)\sbeen\s(?:found|shown|reported|demonstrated)\sto\b",
            Literal,
        ),
    ]
});

/// Officials with titles, and appositives naming a role at an institution.
static NAMED_OFFICIAL: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    vec![
        pat(
            r"\b(?:(?:Vice|Deputy|Prime|Foreign|Finance|Treasury|Commerce|Defen[cs]e|Trade|Health|State|Chief|Assistant|Under|Acting|Former|former)\s)?(?:President|Premier|Minister|Secretary|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|Mayor|Chancellor|Ambassador|Chairman|Chairwoman|Chair|Commissioner|Director|Spokesperson|Spokesman|Spokeswoman|Justice|Judge|General|Gen\.|Admiral|Dr\.|Professor|Prof\.|Harbourmaster|Harbormaster|CEO)\s(?:of\s[A-Z][\w.-]+\s)?[A-Z][\w’'.-]+(?:\s[A-Z][\w’'-]+)?",
            Off,
        ),
        pat(
            r"(?i)\b(?:an?\s|the\s)?(?:senior\s|chief\s|lead\s|former\s)?(?:fellow|director|chair|chairman|chairwoman|head|professor|spokesperson|spokesman|spokeswoman|economist|analyst|researcher|official|adviser|advisor|minister|secretary|president|executive|strategist|lecturer|editor)\s(?:of|at|for)\s",
            Off,
        ),
    ]
});

/// Causes asserted as fact.
static CAUSAL: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"(?i)\b(?:led|leads|leading)\s(?:(?:many|most|some|more|few)\s)?(?:\w+\s)?to\b|\b(?:resulted|resulting|results)\sin\b|\bcaused\b|\bbecause\b|\bdue to\b|\bcontributed to\b|\bcan be attributed to\b|\btriggered\b|\bundermined\b|\bhampered\b",
        Off,
    )
});

/// Changes and comparisons asserted as fact.
static COMPARISON: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"(?i)\b(?:more|less)\s(?:likely|common|frequent|often)\b|\b(?:higher|lower|greater|fewer|larger|smaller|faster|slower|older|younger|cheaper|costlier)\s(?:\w+\s)?than\b|\bcompared (?:with|to)\b|\b(?:outpaced|outperformed|overtook|surpassed|exceeded)\b|\b(?:rose|fell|declined|dropped|grew|increased|decreased|reduced|peaked|plunged|soared|surged|shrank)\b|\b(?:going|gone|went)\s(?:up|down)\b|\b(?:this|the|a|its)\s(?:sharp\s|steady\s|recent\s)?(?:decline|increase|decrease|drop|rise|fall)\s(?:in|of)\b",
        Off,
    )
});

/// Past actions reported as fact.
static PAST_EVENT: LazyLock<Pattern> = LazyLock::new(|| {
    pat(
        r"\b(?:published|founded|established|invented|discovered|developed|conducted|introduced|enacted|signed|elected|appointed|launched|approved|banned|eliminated|fired|resigned|died|emigrated|built|sold|translated|prescribed|sidelined|denied|went on to)\b",
        Literal,
    )
});

// Batches join sentences with `crate::gate::SEPARATOR`. No detector can match across it or
// start in it: a NUL is neither `\s` nor `\w` nor in any literal, and the newline stops the
// quotation patterns' `[^"\n]` classes (which do take a NUL); `\b` reads a NUL as it reads
// the end of the text. The one pattern anchored to the sentence's ends (single quotes) runs
// per sentence.

/// Runs every detector over one sentence (citations blanked) and returns the signals in
/// order of their position, spans relative to `text`.
#[cfg(test)]
pub fn detect(text: &str, extra: Option<&Regex>) -> Vec<(SignalKind, Span)> {
    let whole = [Span::new(0, text.len())];
    detect_batch(text, &whole, extra, &super::GATE.scan(text, &whole))
        .pop()
        .unwrap_or_default()
}

/// The patterns [`detect_batch`] runs over a whole batch, in the order their matches are
/// collected; a pattern's index here is its index in the claims gate (`super::GATE`).
pub(crate) static BULK: LazyLock<Vec<(SignalKind, &'static Pattern)>> = LazyLock::new(|| {
    let mut all: Vec<(SignalKind, &'static Pattern)> = Vec::new();
    let mut add = |kind: SignalKind, patterns: &'static [Pattern]| {
        all.extend(patterns.iter().map(|r| (kind, r)));
    };
    add(SignalKind::Statistic, &STATISTIC);
    add(SignalKind::Quotation, &QUOTATION_BULK);
    add(
        SignalKind::ReportedSpeech,
        std::slice::from_ref(&REPORTED_SPEECH),
    );
    add(SignalKind::AccordingTo, std::slice::from_ref(&ACCORDING_TO));
    add(SignalKind::Superlative, std::slice::from_ref(&SUPERLATIVE));
    add(SignalKind::DatedEvent, &DATED_EVENT);
    add(SignalKind::Weasel, &WEASEL);
    add(SignalKind::Causal, std::slice::from_ref(&CAUSAL));
    add(SignalKind::Comparison, std::slice::from_ref(&COMPARISON));
    add(SignalKind::PastEvent, std::slice::from_ref(&PAST_EVENT));
    add(SignalKind::NamedOfficial, &NAMED_OFFICIAL);
    all
});

/// [`detect`] for many sentences at once: `batch` holds them separated by [`crate::gate::SEPARATOR`],
/// `sentences` says where each one is, and `flags` is the claims gate's scan of the batch
/// (`Flags::all` searches every sentence). Each pattern runs once over the sentences that hold
/// a match of it instead of once per sentence, which spares both the regex engine's
/// per-search set-up and its reading of sentences without a match; the result is the same as
/// calling `detect` on each sentence.
pub fn detect_batch(
    batch: &str,
    sentences: &[Span],
    extra: Option<&Regex>,
    flags: &Flags,
) -> Vec<Vec<(SignalKind, Span)>> {
    let mut out: Vec<Vec<(SignalKind, Span)>> = vec![Vec::new(); sentences.len()];
    for (p, (kind, r)) in BULK.iter().enumerate() {
        flags.each_match(p, *r, batch, sentences, |i, span| {
            if let Some(found) = out.get_mut(i) {
                found.push((*kind, span));
            }
        });
    }
    if let Some(r) = extra {
        // Not in the gate (it is the config's): searched everywhere.
        Flags::all(sentences.len()).each_match(0, r, batch, sentences, |i, span| {
            if let Some(found) = out.get_mut(i) {
                found.push((SignalKind::Custom, span));
            }
        });
    }
    for (s, found) in sentences.iter().zip(out.iter_mut()) {
        let text = s.slice(batch);
        // Single quotes need the sentence's own ends (`^`, `$`); most sentences have none.
        if text.contains(['\'', '‘']) {
            for c in SINGLE_QUOTED.captures_iter(text) {
                if let Some(m) = c.get(1)
                    && m.start() < m.end()
                {
                    found.push((SignalKind::Quotation, Span::new(m.start(), m.end())));
                }
            }
        }
        prune(text, found);
    }
    out
}

/// Drops matches that are not evidence: years alone counted as statistics, short scare
/// quotes, reported-speech verbs inside a weasel phrase, overlapping matches of one kind.
fn prune(text: &str, out: &mut Vec<(SignalKind, Span)>) {
    // First, since the other checks read the weasel phrases: "21 percent of people said" is
    // reported speech, its "people said" no weasel.
    out.retain(|(kind, span)| *kind != SignalKind::Weasel || !is_object_group(text, *span));
    // An inference verb alone is a weasel only when unowned evidence is its subject.
    out.retain_mut(|(kind, span)| {
        if *kind != SignalKind::Weasel || !starts_with_inference(span.slice(text)) {
            return true;
        }
        match evidence_before(text, span.start) {
            Some(start) => {
                span.start = start;
                true
            }
            None => false,
        }
    });
    let has_speech = out.iter().any(|(k, _)| {
        matches!(
            k,
            SignalKind::ReportedSpeech | SignalKind::AccordingTo | SignalKind::Weasel
        )
    });
    let weasels = Spans::of(out, SignalKind::Weasel);
    let dated = Spans::of(out, SignalKind::DatedEvent);
    out.retain(|(kind, span)| {
        let words = span.slice(text);
        match kind {
            // "RIF-1 concentrations", "COVID-19 cases": a number that ends a name.
            SignalKind::Statistic
                if text
                    .get(..span.start)
                    .and_then(|t| t.chars().next_back())
                    .is_some_and(|c| c.is_alphanumeric() || c == '-') =>
            {
                false
            }
            SignalKind::Statistic => {
                // A year followed by a plural ("in 1990s", "2020 elections") is a date, and a
                // statistic inside a date expression is the date's number.
                !dated.overlap(*span)
                    && !is_year_count(words)
                    && !ends_in_non_noun(words)
                    && !numbers_an_exhibit(text, span.start)
            }
            SignalKind::Quotation => {
                // Scare quotes of 1–3 words are emphasis unless someone is reported speaking.
                let n = words
                    .split(|c: char| c.is_whitespace())
                    .filter(|w| !w.is_empty())
                    .count();
                n >= 4 || has_speech
            }
            SignalKind::Superlative => !is_order_or_hedge(text, *span) && !in_a_name(text, *span),
            SignalKind::PastEvent => !in_a_compound(text, *span),
            SignalKind::Comparison => !in_a_compound(text, *span) && !is_idiom(text, *span),
            SignalKind::Causal => !is_scheduled(text, *span),
            SignalKind::NamedOfficial => !names_an_institution(words),
            SignalKind::ReportedSpeech => {
                !weasels.overlap(*span)
                    && !is_adjective(text, *span)
                    && !after_a_prefix(text, *span)
                    && (!needs_speech_context(words) || speech_follows(text, *span))
            }
            _ => true,
        }
    });
    out.sort_by_key(|(k, s)| (s.start, s.end, *k));
    // Keep the first of overlapping matches of one kind ("20%" and "20% tariff").
    let mut kept: Vec<(SignalKind, Span)> = Vec::with_capacity(out.len());
    for (k, s) in out.drain(..) {
        if let Some(prev) = kept.iter_mut().rev().find(|(pk, _)| *pk == k)
            && prev.1.overlaps(s)
        {
            prev.1 = prev.1.cover(s);
            continue;
        }
        kept.push((k, s));
    }
    *out = kept;
}

/// Whether the number at `at` is the label of a figure, table or part of a document ("As
/// Figure 7 shows", "Table 2 lists"), which counts nothing. The label is capitalised, as
/// labels are: "a figure 20% higher than forecast" states an amount.
fn numbers_an_exhibit(text: &str, at: usize) -> bool {
    const LABELS: [&str; 10] = [
        "figure", "figures", "fig", "table", "tables", "chapter", "section", "video", "page",
        "appendix",
    ];
    let before = window_before(text, at, 16);
    let Some(head) = before.strip_suffix(char::is_whitespace) else {
        return false;
    };
    let word = head
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    word.starts_with(char::is_uppercase) && one_of(word, &LABELS)
}

/// Whether a weasel match is the bare inference verb ("suggests that") rather than a phrase
/// that opens with its unnamed source.
fn starts_with_inference(words: &str) -> bool {
    const VERBS: [&str; 6] = ["suggest", "indicat", "show", "demonstrat", "impli", "prov"];
    VERBS.iter().any(|v| {
        words
            .get(..v.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(v))
    })
}

/// The start of a noun of unowned evidence ("evidence", "data", "this discovery") among the
/// last eight words of the clause before `at`: the subject of the inference verb at `at`.
/// Evidence with an owner is left out: one named in it ("Data from Statistics Norway", "A
/// Reuters analysis of census data", "the bank's data"), the article's own ("the data
/// presented here", "our data"), and evidence the text has just described ("the data",
/// "these data"). The clause ends at a comma, so "Despite the new data, Ana Ruiz … suggests
/// that" is about Ruiz.
fn evidence_before(text: &str, at: usize) -> Option<usize> {
    const EVIDENCE: [&str; 9] = [
        "evidence",
        "data",
        "discovery",
        "discoveries",
        "excavation",
        "excavations",
        "fossils",
        "belief",
        "beliefs",
    ];
    const DEFINITE: [&str; 9] = [
        "the", "these", "those", "our", "such", "their", "its", "his", "her",
    ];
    const OWN: [&str; 3] = ["here", "our", "we"];
    let before = window_before(text, at, 96);
    let base = at - before.len();
    let clause = before
        .char_indices()
        .rfind(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '"' | '“' | '”'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    // A window cut inside a word must not read its tail ("meta|data") as a word.
    let cut = base > 0 && clause == 0;
    let mut words: Vec<&str> = before[clause..]
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if cut && !words.is_empty() {
        words.remove(0);
    }
    let from = words.len().saturating_sub(8);
    let k = (from..words.len())
        .rev()
        .find(|&i| one_of(words[i], &EVIDENCE))?;
    let capital = |w: &&str| w.starts_with(char::is_uppercase);
    let named_before = words.get(1..k).is_some_and(|ws| ws.iter().any(capital));
    let named_after = words.get(k + 1).is_some_and(|w| one_of(w, &["from", "by"]))
        && words.get(k + 2..).is_some_and(|ws| ws.iter().any(capital));
    let owned = k > 0
        && words
            .get(k - 1)
            .is_some_and(|w| one_of(w, &DEFINITE) || w.ends_with("’s") || w.ends_with("'s"));
    let own = words.iter().any(|w| one_of(w, &OWN));
    if named_before || named_after || owned || own {
        return None;
    }
    let word = words[k];
    Some(base + (word.as_ptr() as usize - before.as_ptr() as usize))
}

/// The spans of one kind of signal, for asking whether any of them overlaps a span in
/// logarithmic time: a sentence of a hundred pages has thousands of each.
struct Spans {
    /// Sorted by start.
    spans: Vec<Span>,
    /// `ends[i]`: the largest end among `spans[..=i]`.
    ends: Vec<usize>,
}

impl Spans {
    fn of(found: &[(SignalKind, Span)], kind: SignalKind) -> Spans {
        let mut spans: Vec<Span> = found
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, s)| *s)
            .collect();
        spans.sort_by_key(|s| s.start);
        let ends = spans
            .iter()
            .scan(0, |max, s| {
                *max = (*max).max(s.end);
                Some(*max)
            })
            .collect();
        Spans { spans, ends }
    }

    /// Whether any span overlaps `span` (`Span::overlaps`): one starts before `span` ends and
    /// ends after it starts.
    fn overlap(&self, span: Span) -> bool {
        let before_end = self.spans.partition_point(|s| s.start < span.end);
        before_end
            .checked_sub(1)
            .and_then(|i| self.ends.get(i))
            .is_some_and(|&end| end > span.start)
    }
}

/// "General Motors", "the Justice Department", "the General Assembly": a title word that starts
/// the name of an organisation, not of a person.
fn names_an_institution(words: &str) -> bool {
    const INSTITUTIONS: [&str; 24] = [
        "Department",
        "Ministry",
        "Office",
        "Motors",
        "Electric",
        "Assembly",
        "Dynamics",
        "Mills",
        "Hospital",
        "Services",
        "Council",
        "Committee",
        "Court",
        "Statistics",
        "Introduction",
        "Administration",
        "Agency",
        "Commission",
        "Bank",
        "University",
        "College",
        "School",
        "Election",
        "Elections",
    ];
    // Only the word right after the title: "Professor Jane Mills" is a person.
    words
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| INSTITUTIONS.contains(&w.trim_end_matches(['.', ',', '’', '\''])))
}

/// "First, …" opening a list of points (at the sentence's start or after a colon), "at first"
/// and ordinals ([`is_ordinal`]) are about order, not a record; "at best" and "at worst" hedge.
fn is_order_or_hedge(text: &str, span: Span) -> bool {
    let word = span.slice(text);
    let after_at = word_before(text, span).eq_ignore_ascii_case("at");
    if word.eq_ignore_ascii_case("best") || word.eq_ignore_ascii_case("worst") {
        return after_at;
    }
    // "First, …" opens the sentence; "the first, and still the only, woman" is a record.
    let opens = window_before(text, span.start, 8)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .is_empty()
        && span.start < 8;
    if !word.eq_ignore_ascii_case("first") {
        return false;
    }
    let after = window_after(text, span.end, 32);
    // "factors: First, an increase in …" opens a list too.
    let listed = window_before(text, span.start, 8)
        .trim_end()
        .ends_with([':', ';']);
    after_at || ((opens || listed) && after.starts_with(',')) || is_ordinal(text, span, after)
}

/// "first" counting someone's or something's own firsts or a stretch of time, not claiming a
/// record: after a possessive or an indefinite article ("his first marriage", "the company's
/// first year", "a first step", "a good first step"), before a number ("the first 20 years",
/// "the first two decades"), in a compound ("first-class cricket", but "first-ever" is a
/// record), and in "the First World War" and "first cousins". "The first woman to win" stays a
/// record.
fn is_ordinal(text: &str, span: Span, after: &str) -> bool {
    const BEFORE: [&str; 9] = ["his", "her", "their", "its", "my", "our", "your", "a", "an"];
    const COUNTS: [&str; 16] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty",
        "fifty", "hundred", "few", "several", "couple",
    ];
    const NAMES: [&str; 3] = ["world war", "cousin", "cousins"];
    if after
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("-ever"))
    {
        return false;
    }
    let before = word_before(text, span);
    // "company's", "brothers’": an apostrophe after a letter, not an opening quotation mark.
    let w = window_before(text, span.start, 8).trim_end();
    let w = w
        .strip_suffix(['s', 'S'])
        .filter(|r| r.ends_with(['\'', '’']))
        .unwrap_or(w);
    let possessive = w
        .strip_suffix(['\'', '’'])
        .is_some_and(|r| r.ends_with(char::is_alphabetic));
    // "a good first step": an adjective between the article and "first".
    let window = window_before(text, span.start, 40);
    let mut back = window.split_whitespace().rev();
    let (one, two) = (back.next(), back.next());
    let whole_words = back.next().is_some() || window.len() == span.start;
    let article_adjective = whole_words
        && two.is_some_and(|a| a.eq_ignore_ascii_case("a") || a.eq_ignore_ascii_case("an"))
        && one.is_some_and(|w| w.chars().all(char::is_lowercase));
    if possessive || article_adjective || one_of(before, &BEFORE) || after.starts_with('-') {
        return true;
    }
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let next = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    next.starts_with(|c: char| c.is_ascii_digit())
        || one_of(next, &COUNTS)
        || NAMES.iter().any(|n| {
            rest.get(..n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
                && !rest
                    .get(n.len()..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_alphanumeric()))
        })
}

/// A capitalised superlative inside a sentence before another capitalised word is part of a
/// name: "the Best Places To Work study", "First Lady Ana Ruiz", "a Greatest Hits album".
fn in_a_name(text: &str, span: Span) -> bool {
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    capital(span.slice(text))
        && window_before(text, span.start, 8)
            .trim_end()
            .ends_with(|c: char| c.is_alphanumeric() || c == ',')
        && window_after(text, span.end, 8)
            .strip_prefix(' ')
            .is_some_and(capital)
}

/// A group of [`PEOPLE_GROUPS`] that is not the subject of the verb after it: "the response
/// from diplomats suggests" (a plural noun before a verb in "-s"), "how people think", "21
/// percent of people believe". Without "many", "some", "most" or "several" before it the group
/// must open the sentence or a clause ("Residents say", "In Oslo, residents say").
fn is_object_group(text: &str, span: Span) -> bool {
    const QUANTIFIERS: [&str; 4] = ["many", "some", "most", "several"];
    let mut words = span.slice(text).split_whitespace();
    let first = words.next().unwrap_or("");
    let quantified = one_of(first, &QUANTIFIERS);
    let group = if quantified {
        words.next().unwrap_or("")
    } else {
        first
    };
    if !one_of(group, &PEOPLE_GROUPS) {
        return false;
    }
    // The phrase ends with its verb.
    let verb = words.last().unwrap_or("");
    let singular = verb.ends_with('s') && !verb.ends_with("ss");
    let before = window_before(text, span.start, 64).trim_end();
    let opens = before.is_empty() || before.ends_with([',', ';', ':', '“', '"', '—', '(']);
    singular || !(quantified || opens)
}

/// "due to" before a verb schedules, it names no cause: "construction is due to start next
/// spring", "the minister was due to testify" (but "delays due to the strike").
fn is_scheduled(text: &str, span: Span) -> bool {
    const VERBS: [&str; 40] = [
        "start", "begin", "open", "reopen", "close", "meet", "arrive", "leave", "finish", "end",
        "expire", "launch", "resume", "return", "retire", "testify", "appear", "report",
        "announce", "publish", "release", "visit", "sign", "vote", "hold", "decide", "rule",
        "speak", "deliver", "present", "take", "come", "go", "be", "make", "give", "hear", "face",
        "travel", "complete",
    ];
    if !span.slice(text).eq_ignore_ascii_case("due to") {
        return false;
    }
    one_of(word_after(text, span), &VERBS)
}

/// An event or change verb after an adverb and a hyphen is an adjective: "well-established
/// trails", "less-developed nations", "newly-elected" (but "re-elected" and "co-founded" are
/// events, so only these adverbs count).
fn in_a_compound(text: &str, span: Span) -> bool {
    const ADVERBS: [&str; 16] = [
        "well", "less", "more", "long", "ill", "under", "over", "newly", "poorly", "highly",
        "best", "least", "most", "fully", "half", "widely",
    ];
    window_before(text, span.start, 1) == "-"
        && one_of(
            word_before(text, Span::new(span.start - 1, span.end)),
            &ADVERBS,
        )
}

/// "de-emphasized", "co-wrote", "under-reported": a reporting verb after a prefix that makes it
/// another verb, which reports nobody's words. "re-stated" and "counter-argued" still report.
fn after_a_prefix(text: &str, span: Span) -> bool {
    const PREFIXES: [&str; 9] = [
        "de", "co", "un", "mis", "non", "self", "over", "under", "pre",
    ];
    let Some(before) = window_before(text, span.start, 8).strip_suffix('-') else {
        return false;
    };
    // The prefix is a whole word: "Officials re-stated" is not "de-".
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    one_of(word, &PREFIXES)
}

/// "grew up", "fell asleep", "fell ill", "fell silent", "fell in love", "dropped out": a verb
/// of change in an idiom that compares nothing ("grew up to 30%" and "grew up 5%" still
/// compare).
fn is_idiom(text: &str, span: Span) -> bool {
    let verb = span.slice(text);
    let next = word_after(text, span);
    if verb.eq_ignore_ascii_case("grew") {
        let after_up = window_after(text, span.end, 24)
            .trim_start()
            .get(2..)
            .unwrap_or("")
            .trim_start();
        next.eq_ignore_ascii_case("up")
            && !after_up.starts_with(|c: char| c.is_ascii_digit())
            && !after_up
                .get(..3)
                .is_some_and(|w| w.eq_ignore_ascii_case("to "))
    } else if verb.eq_ignore_ascii_case("dropped") {
        next.eq_ignore_ascii_case("out")
    } else if verb.eq_ignore_ascii_case("fell") {
        let in_love = next.eq_ignore_ascii_case("in")
            && window_after(text, span.end, 16)
                .trim_start()
                .get(2..)
                .is_some_and(|r| r.trim_start().starts_with("love"));
        in_love || one_of(next, &["asleep", "ill", "silent"])
    } else {
        false
    }
}

/// "the stated goals", "its estimated cost", "the reported figures": a participle after a
/// determiner describes a noun; nobody is speaking.
fn is_adjective(text: &str, span: Span) -> bool {
    const DETERMINERS: [&str; 13] = [
        "the", "its", "their", "his", "her", "our", "my", "your", "a", "an", "this", "these",
        "those",
    ];
    let before = word_before(text, span);
    span.slice(text).ends_with("ed") && one_of(before, &DETERMINERS)
}

/// The word right before `span` ("" after punctuation such as "("), read from the 64 bytes
/// before it only: a signal inside a long run of letters the ASCII word boundary does not split
/// (CJK text) must not cost a scan back to the sentence's start.
pub(super) fn word_before(text: &str, span: Span) -> &str {
    window_before(text, span.start, 64)
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
}

/// The word right after `span` ("" before punctuation), read from the 64 bytes after it only.
pub(super) fn word_after(text: &str, span: Span) -> &str {
    window_after(text, span.end, 64)
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
}

/// At most `n` bytes of `text` before `at`, cut on a character boundary.
fn window_before(text: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    text.get(from..at).unwrap_or("")
}

/// At most `n` bytes of `text` after `at`, cut on a character boundary.
fn window_after(text: &str, at: usize, n: usize) -> &str {
    let mut to = at.saturating_add(n).min(text.len());
    while to < text.len() && !text.is_char_boundary(to) {
        to += 1;
    }
    text.get(at..to).unwrap_or("")
}

/// Reporting verbs that are as often something else: plural nouns ("the report states" but
/// "the United States", "member states", "field notes", "these claims", "official
/// estimates"), and "observed", which reports speech only in "observed that" and otherwise
/// reports seeing ("no difference was observed", "the observed effect").
fn needs_speech_context(word: &str) -> bool {
    // Nouns too, and verbs that as often report no speech: "observed the birds", "maintained
    // their livelihood".
    const NOUNS_TOO: [&str; 9] = [
        "states",
        "notes",
        "remarks",
        "claims",
        "reports",
        "estimates",
        "highlights",
        "observed",
        "maintained",
    ];
    one_of(word, &NOUNS_TOO)
}

/// Whether a word such as "states" at `span` is used as a reporting verb: followed by "that",
/// a colon or an opening quotation mark ("the report states that", "he notes: “…”"), or
/// closing an "as" clause ("as the report notes,").
fn speech_follows(text: &str, span: Span) -> bool {
    // Bounded windows: a sentence of megabytes costs no more per match.
    let after = window_after(text, span.end, 64).trim_start();
    let that = after
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("that"))
        && !after
            .get(4..)
            .unwrap_or("")
            .starts_with(char::is_alphabetic);
    if that || after.starts_with([':', '“', '"', '‘']) {
        return true;
    }
    if !after.starts_with(',') {
        return false;
    }
    // The clause the word ends: from the last clause mark before it.
    let before = window_before(text, span.start, 200);
    let clause = before
        .rfind([',', ';', '(', '—', '–'])
        .and_then(|i| before.get(i..))
        .map_or(before, |c| c.trim_start_matches([',', ';', '(', '—', '–']))
        .trim_start();
    clause
        .get(..3)
        .is_some_and(|head| head.eq_ignore_ascii_case("as "))
}

/// "Step 2 is …": the word after a number ends in "s" but is no plural noun.
fn ends_in_non_noun(words: &str) -> bool {
    let last = words
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    // Lower-cased on the stack: this runs on the words after every number. A longer word is
    // none of these.
    let mut buf = [0u8; 16];
    let Some(last) = crate::source::ascii_lowercase_in(last, &mut buf) else {
        return false;
    };
    matches!(
        last,
        "is" | "was"
            | "has"
            | "does"
            | "goes"
            | "this"
            | "thus"
            | "plus"
            | "less"
            | "unless"
            | "across"
            | "always"
            | "perhaps"
            | "whereas"
            | "yes"
            | "us"
            | "its"
            | "his"
            | "as"
            | "various"
            | "previous"
            | "serious"
            | "famous"
            | "numerous"
            | "towards"
            | "besides"
            | "afterwards"
            | "nevertheless"
            | "regardless"
    )
}

/// "1990 elections": a four-digit year read as a count.
fn is_year_count(words: &str) -> bool {
    let digits = words.bytes().take_while(u8::is_ascii_digit).count();
    digits == 4
        && words.as_bytes().get(4) == Some(&b' ')
        && matches!(words.get(..4).map(str::parse::<u32>), Some(Ok(1500..=2099)))
}

/// This module's patterns, one compiling task each (see `crate::warm_up`).
pub(crate) const WARM_UP: &[fn()] = crate::warm_up_tasks![
    STATISTIC,
    QUOTATION_BULK,
    SINGLE_QUOTED,
    REPORTED_SPEECH,
    ACCORDING_TO,
    SUPERLATIVE,
    DATED_EVENT,
    WEASEL,
    NAMED_OFFICIAL,
    CAUSAL,
    COMPARISON,
    PAST_EVENT,
    BULK,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn fired(text: &str) -> Vec<(SignalKind, &str)> {
        detect(text, None)
            .into_iter()
            .map(|(k, s)| (k, s.slice(text)))
            .collect()
    }

    fn has(text: &str, kind: SignalKind, words: &str) -> bool {
        fired(text).iter().any(|(k, w)| *k == kind && *w == words)
    }

    fn kinds(text: &str) -> Vec<SignalKind> {
        fired(text).into_iter().map(|(k, _)| k).collect()
    }

    /// None of `texts` fires any of `none`, and each of `fires` fires its kind on its words.
    fn lookalikes(none: &[SignalKind], texts: &[&str], fires: &[(&str, SignalKind, &str)]) {
        for text in texts {
            let found = kinds(text);
            assert!(!none.iter().any(|k| found.contains(k)), "{text}: {found:?}");
        }
        for (text, kind, words) in fires {
            assert!(has(text, *kind, words), "{text}");
        }
    }

    #[test]
    fn statistics() {
        use SignalKind::Statistic;
        // A figure's number counts nothing.
        assert!(!kinds("As Figure 7 shows, yields were low.").contains(&Statistic));
        assert!(!kinds("Table 2 lists the sites.").contains(&Statistic));
        assert!(!kinds("As Figure\u{a0}7 shows, yields were low.").contains(&Statistic));
        assert!(has(
            "The deficit reached a figure 20% higher than forecast.",
            Statistic,
            "20%"
        ));
        assert!(has("Freight rates fell 9% in May.", Statistic, "9%"));
        assert!(has("Rates rose 5.8 percent.", Statistic, "5.8 percent"));
        assert!(has("The dam cost $3 billion.", Statistic, "$3 billion"));
        assert!(has(
            "The expansion cost 1.4 billion kronor.",
            Statistic,
            "1.4 billion kronor"
        ));
        assert!(has(
            "A total of 507 patients took part.",
            Statistic,
            "507 patients"
        ));
        assert!(has("It sold 400,000 copies.", Statistic, "400,000 copies"));
        assert!(has(
            "They met three times in three months.",
            Statistic,
            "three months"
        ));
        assert!(has("Exports more than doubled.", Statistic, "doubled"));
        assert!(has(
            "It affected 9.1 out of every 1,000 married persons.",
            Statistic,
            "9.1 out of every 1,000"
        ));
    }

    #[test]
    fn years_and_list_numbers_are_not_statistics() {
        assert!(!kinds("In 1990 the law changed.").contains(&SignalKind::Statistic));
        assert!(!kinds("The 1990 elections were close.").contains(&SignalKind::Statistic));
        assert!(!kinds("Step 2 is to mix the flour.").contains(&SignalKind::Statistic));
        assert!(!kinds("STEP 2 IS TO MIX THE FLOUR.").contains(&SignalKind::Statistic));
        assert!(!kinds("RIF-1 concentrations vary.").contains(&SignalKind::Statistic));
        // Not a year: five digits, a year out of range, a year not followed by a space.
        assert!(kinds("The 19900 elections were close.").contains(&SignalKind::Statistic));
        assert!(kinds("The 1490 elections were close.").contains(&SignalKind::Statistic));
        assert!(kinds("Some 1990\u{a0}elections were close.").contains(&SignalKind::Statistic));
    }

    #[test]
    fn quotations_need_length_or_a_speaker() {
        use SignalKind::Quotation;
        assert!(has(
            "The mayor called it “a bridge to nowhere at twice the price”.",
            Quotation,
            "“a bridge to nowhere at twice the price”"
        ));
        assert!(!kinds("The so-called “reform” changed little.").contains(&Quotation));
        assert!(has(
            "She said trade is in a 'very good place' with China.",
            Quotation,
            "'very good place'"
        ));
        assert!(!kinds("China's exports and the US's imports rose.").contains(&Quotation));
    }

    #[test]
    fn reported_speech_and_according_to() {
        assert!(has(
            "Lars Vik warned that one month proves little.",
            SignalKind::ReportedSpeech,
            "warned"
        ));
        assert!(has(
            "According to the port authority, traffic rose.",
            SignalKind::AccordingTo,
            "According to"
        ));
    }

    #[test]
    fn words_that_are_also_nouns_report_speech_only_as_verbs() {
        use SignalKind::ReportedSpeech;
        let speech = |t: &str| kinds(t).contains(&ReportedSpeech);
        assert!(!speech("The United States and Canada signed the pact."));
        assert!(!speech("The member states agreed on the budget."));
        assert!(!speech("Her field notes describe the village."));
        assert!(!speech("These claims were never tested."));
        assert!(!speech(
            "Critics say the estimates have been revised too often."
        ));
        assert!(!speech("No difference was observed in the treated plots."));
        assert!(!speech("The observed effect was small."));
        assert!(has(
            "The report states that exports fell.",
            ReportedSpeech,
            "states"
        ));
        assert!(has(
            "The minister notes: “We will not yield.”",
            ReportedSpeech,
            "notes"
        ));
        assert!(has(
            "As the ministry remarks, the harbour is full.",
            ReportedSpeech,
            "remarks"
        ));
        assert!(has(
            "Dr. Ruiz observed that the harbour was full.",
            ReportedSpeech,
            "observed"
        ));
        assert!(!speech("The plan misses its stated goals."));
        assert!(!speech("The reported figures were revised."));
        // A prefix makes another verb.
        assert!(!speech("The guide de-emphasized weight as a measure."));
        assert!(!speech("She co-wrote the survey of 40 ports."));
        assert!(!speech("The losses were under-reported for years."));
        assert!(has(
            "Officials re-stated that the plan is sound.",
            ReportedSpeech,
            "stated"
        ));
        assert!(has(
            "The ministry stated its goals.",
            ReportedSpeech,
            "stated"
        ));
        // Unambiguous verbs need no context.
        assert!(has(
            "The harbourmaster says the port is full.",
            ReportedSpeech,
            "says"
        ));
        // "as" must open the clause: a comma after the noun is not enough.
        assert!(!speech("The United States, Canada and Mexico met."));
        // "Maintained" keeps as often as it asserts.
        assert!(!speech("They maintained their livelihood through trade."));
        assert!(has(
            "The ministry maintained that the harbour was safe.",
            ReportedSpeech,
            "maintained"
        ));
    }

    #[test]
    fn a_verb_of_change_in_an_idiom_compares_nothing() {
        use SignalKind::Comparison;
        let compares = |t: &str| kinds(t).contains(&Comparison);
        assert!(!compares("She grew up in three harbour towns."));
        assert!(!compares("He fell ill in the winter."));
        assert!(!compares("They fell in love on the ferry."));
        assert!(!compares("Half the class dropped out."));
        assert!(has("Exports grew 20% last year.", Comparison, "grew"));
        assert!(has("Sales grew up to 30% in May.", Comparison, "grew"));
        assert!(has("Sales grew up 5% in May.", Comparison, "grew"));
        assert!(has("Prices fell in March.", Comparison, "fell"));
        assert!(has("Sales dropped outright in May.", Comparison, "dropped"));
    }

    #[test]
    fn fold_counts_only_after_a_number() {
        use SignalKind::Statistic;
        assert!(has("Costs rose threefold.", Statistic, "threefold"));
        assert!(has("Binding rose 2.5-fold.", Statistic, "2.5-fold"));
        assert!(has("Uptake fell 10,000-fold.", Statistic, "10,000-fold"));
        assert!(!kinds("The scaffold held.").contains(&Statistic));
        assert!(!kinds("The problems are manifold.").contains(&Statistic));
    }

    #[test]
    fn a_title_starting_an_organisation_name_is_no_official() {
        use SignalKind::NamedOfficial;
        assert!(!kinds("General Motors opened a plant in Ohio.").contains(&NamedOfficial));
        assert!(!kinds("The Justice Department opened an inquiry.").contains(&NamedOfficial));
        assert!(!kinds("The General Assembly voted on Friday.").contains(&NamedOfficial));
        assert!(kinds("Professor Jane Mills said the quay is full.").contains(&NamedOfficial));
        assert!(has(
            "Secretary General Ana Ruiz spoke first.",
            NamedOfficial,
            "Secretary General Ana"
        ));
    }

    #[test]
    fn first_as_an_ordinal_is_no_record() {
        use SignalKind::Superlative;
        let texts = [
            "He played first-class cricket for Yorkshire.",
            "Two brothers served in the First World War.",
            "The couple were first cousins.",
            "Her first marriage ended in divorce.",
            "The company's first year was slow.",
            "The brothers’ first album sold well.",
            "The treaty is a first step.",
            "The treaty is a good first step.",
            "For the first 20 years the port was idle.",
            "The first two decades were hard.",
            "Fees rose for three reasons: First, the port grew.",
        ];
        let fires = [
            "It was the first-ever launch from the quay.",
            "A first-ever strike closed the port.",
            "She was the first woman to win the race.",
            "He was among the first to describe the trend.",
            "The first, and still the only, port of call.",
            "It was the first worldwide survey of ports.",
            "The port calls it the 'first port of Europe' in its notices.",
        ]
        .map(|text| (text, Superlative, "first"));
        lookalikes(&[Superlative], &texts, &fires);
    }

    #[test]
    fn first_as_an_order_word_is_no_record() {
        use SignalKind::Superlative;
        assert!(!kinds("First, information is often withheld.").contains(&Superlative));
        assert!(!kinds("At first, the crowd was small.").contains(&Superlative));
        assert!(!kinds("The plan seemed odd at first.").contains(&Superlative));
        assert!(!kinds("Miners call the mood nervous at best.").contains(&Superlative));
        assert!(has(
            "It was the worst year on record.",
            Superlative,
            "worst"
        ));
        assert!(has(
            "She was the first, and still the only, woman to win.",
            Superlative,
            "first"
        ));
        assert!(has(
            "It was the first vessel to dock there.",
            Superlative,
            "first"
        ));
        assert!(has(
            "Homo antecessor was first found in Spain.",
            Superlative,
            "first"
        ));
    }

    #[test]
    fn superlatives() {
        assert!(has(
            "China reported a record trade surplus.",
            SignalKind::Superlative,
            "record"
        ));
        assert!(has(
            "It was the highest figure yet.",
            SignalKind::Superlative,
            "highest"
        ));
    }

    #[test]
    fn dated_events() {
        use SignalKind::DatedEvent;
        assert!(has("Trade rose in June 2025.", DatedEvent, "in June 2025"));
        assert!(has("Talks start on Monday.", DatedEvent, "on Monday"));
        assert!(has(
            "Turnover continued throughout 2020.",
            DatedEvent,
            "throughout 2020"
        ));
        assert!(has(
            "The rate itself is going down.",
            SignalKind::Comparison,
            "going down"
        ));
        assert!(has("The plant closed last year.", DatedEvent, "last year"));
        assert!(has(
            "A year later, it reopened.",
            DatedEvent,
            "A year later"
        ));
        assert!(!kinds("Queues were the worst in a decade.").contains(&DatedEvent));
        assert!(has("In 1960, divorce was rare.", DatedEvent, "In 1960"));
        assert!(has(
            "The case emerged on November 17, 2019.",
            DatedEvent,
            "on November 17, 2019"
        ));
        assert!(has(
            "It has been contentious since the onset of the war.",
            DatedEvent,
            "since the onset of"
        ));
    }

    #[test]
    fn weasel_words() {
        use SignalKind::Weasel;
        assert!(has(
            "Experts suggest that tariffs stay.",
            Weasel,
            "Experts suggest"
        ));
        assert!(has(
            "Recent reports reveal that two men were held.",
            Weasel,
            "Recent reports reveal"
        ));
        assert!(has("Critics say the plan failed.", Weasel, "Critics say"));
        assert!(has(
            "It is believed the ship sank.",
            Weasel,
            "It is believed"
        ));
        assert!(has(
            "They are said to have invented the plough.",
            Weasel,
            "are said to"
        ));
        // The perfect, and the passive of a suggestion.
        assert!(has(
            "Some have suggested that the tools were for meat.",
            Weasel,
            "Some have suggested"
        ));
        assert!(has(
            "Some studies have even demonstrated that stress erodes telomeres.",
            Weasel,
            "Some studies have even demonstrated"
        ));
        assert!(has(
            "It has been suggested that the bun balances the skull.",
            Weasel,
            "It has been suggested"
        ));
        // Evidence nobody owns, when it introduces a clause.
        lookalikes(
            &[Weasel],
            &[
                "The data show a rise in every region.",
                "The stone axe suggests that writing is old.",
                "Our metadata indicates that the file is old.",
                // Evidence with an owner, or the article's own, or just described.
                "Data from Statistics Norway show that exports fell.",
                "A Reuters analysis of census data shows that rents rose.",
                "The bank's data indicate that loans fell.",
                "The data presented here indicate that the gene acts early.",
                "Together, the data indicate that the gene acts early.",
                "Despite the new data, Ana Ruiz suggests that rates will hold.",
            ],
            &[
                (
                    "Evidence from several digs suggests that fire was used.",
                    Weasel,
                    "Evidence from several digs suggests that",
                ),
                (
                    "In the study, data indicated that teachers praised boys more.",
                    Weasel,
                    "data indicated that",
                ),
                (
                    "But this discovery of very early writing suggests that the myths are true.",
                    Weasel,
                    "discovery of very early writing suggests that",
                ),
            ],
        );
        // "say" inside the weasel phrase is not also reported speech.
        assert!(!kinds("Critics say the plan failed.").contains(&SignalKind::ReportedSpeech));
        // Groups of people named by what they are, not who, as the subject of a plural verb.
        lookalikes(
            &[Weasel],
            &[
                "Field work shows how people think.",
                "The response from diplomats suggests the worst is over.",
                "About 21 percent of people believe the plan is fair.",
            ],
            &[
                (
                    "Residents say the water tastes odd.",
                    Weasel,
                    "Residents say",
                ),
                ("Locals said the water tasted odd.", Weasel, "Locals said"),
                (
                    "In Oslo, residents say the water is odd.",
                    Weasel,
                    "residents say",
                ),
                (
                    "Many shopkeepers fear the roadworks.",
                    Weasel,
                    "Many shopkeepers fear",
                ),
                (
                    "Some people believe the plan is unfair.",
                    Weasel,
                    "Some people believe",
                ),
            ],
        );
        // A group that is no weasel does not hide the reported speech it stands in.
        assert!(has(
            "About 21 percent of people said the plan is fair.",
            SignalKind::ReportedSpeech,
            "said"
        ));
    }

    #[test]
    fn named_officials() {
        use SignalKind::NamedOfficial;
        assert!(has(
            "Talks are led by Vice Premier He Lifeng.",
            NamedOfficial,
            "Vice Premier He Lifeng"
        ));
        assert!(has(
            "They met Treasury Secretary Scott Bessent.",
            NamedOfficial,
            "Treasury Secretary Scott Bessent"
        ));
        assert!(has(
            "He Weiwen, a senior fellow at the Center, spoke.",
            NamedOfficial,
            "a senior fellow at "
        ));
        assert!(has(
            "Wu Xinbo, director of the Center, spoke.",
            NamedOfficial,
            "director of "
        ));
    }

    #[test]
    fn causes_comparisons_and_past_events() {
        assert!(has(
            "These orders led to critical shortages.",
            SignalKind::Causal,
            "led to"
        ));
        assert!(has(
            "Seeing officials unmasked led many people to conclude masks were useless.",
            SignalKind::Causal,
            "led many people to"
        ));
        assert!(has(
            "Patients on the drug were more likely to stop taking it.",
            SignalKind::Comparison,
            "more likely"
        ));
        assert!(has(
            "Its performance has outpaced expectations.",
            SignalKind::Comparison,
            "outpaced"
        ));
        assert!(has(
            "His book was published in 1873.",
            SignalKind::PastEvent,
            "published"
        ));
        // Past events are matched on the exact form: "publishes" is a habit, not an event.
        assert!(
            !kinds("The bureau publishes a monthly bulletin.").contains(&SignalKind::PastEvent)
        );
    }

    #[test]
    fn an_adverb_and_a_hyphen_make_an_adjective() {
        use SignalKind::{Comparison, PastEvent};
        lookalikes(
            &[PastEvent, Comparison],
            &[
                "Pilots follow well-established routes into the bay.",
                "Freight moves slowly in less-developed ports.",
                "The newly-elected board meets on the quay.",
                "Its long-reduced staff works nights.",
            ],
            &[
                ("She was re-elected to the board.", PastEvent, "elected"),
                ("He co-founded the pilots' union.", PastEvent, "founded"),
                (
                    "The port was established in 1901.",
                    PastEvent,
                    "established",
                ),
            ],
        );
    }

    #[test]
    fn due_to_before_a_verb_schedules() {
        use SignalKind::Causal;
        lookalikes(
            &[Causal],
            &[
                "Construction is due to start next spring.",
                "The minister was due to testify on Friday.",
                "Both ferries are due to be replaced.",
            ],
            &[
                (
                    "Sailings were cancelled due to the strike.",
                    Causal,
                    "due to",
                ),
                ("The delay was due to bad weather.", Causal, "due to"),
            ],
        );
    }

    #[test]
    fn a_capitalised_superlative_inside_a_name_is_no_record() {
        use SignalKind::Superlative;
        lookalikes(
            &[Superlative],
            &[
                "Read the Best Places To Work study online.",
                "The port hosted First Lady Ana Ruiz.",
                "The band sold a Greatest Hits album at the quay.",
            ],
            &[
                ("Best of all, the quay reopened.", Superlative, "Best"),
                ("It was the Best port in the region.", Superlative, "Best"),
            ],
        );
    }

    #[test]
    fn plain_prose_fires_nothing() {
        assert!(fired("Despite the positive tone, challenges remain.").is_empty());
        assert!(fired("As the talks approach, the world watches closely.").is_empty());
    }

    #[test]
    fn extra_signals_count() {
        let extra = Regex::new(r"(?i)\b(?:landmark)\b").expect("it compiles");
        let got = detect("It was a landmark ruling.", Some(&extra));
        assert_eq!(got.len(), 1);
    }

    proptest::proptest! {
        /// `Spans::overlap` answers as a look at every span would.
        #[test]
        fn spans_overlap_as_a_scan_would(
            spans in proptest::collection::vec((0usize..60, 0usize..12), 0..20),
            probe in (0usize..70, 0usize..12),
        ) {
            let found: Vec<(SignalKind, Span)> = spans
                .iter()
                .map(|&(s, l)| (SignalKind::DatedEvent, Span::new(s, s + l)))
                .collect();
            let probe = Span::new(probe.0, probe.0 + probe.1);
            let scan = found.iter().any(|(_, s)| s.overlaps(probe));
            proptest::prop_assert_eq!(Spans::of(&found, SignalKind::DatedEvent).overlap(probe), scan);
        }
    }

    mod batch {
        use super::super::*;
        use proptest::prelude::*;

        /// Words and marks that the detectors care about, at sentence ends too.
        fn words() -> Vec<&'static str> {
            vec![
                "20%",
                "$3 billion",
                "'quoted words here'",
                "‘curly single’",
                "\"double quoted words\"",
                "“curly double quote”",
                "said",
                "according to",
                "the largest",
                "in June 2025",
                "mid-July",
                "last year",
                "experts suggest",
                "it is believed",
                "director of",
                "because",
                "rose",
                "published",
                "President Smith",
                "one in seven",
                "tenfold",
                "three months",
                "RIF-1",
                "1990 elections",
                "Step 2 is",
                "word",
                "the",
                "of",
                " ",
                ", ",
                ". ",
                "\0",
                "(",
                ")",
                "é",
                "—",
                "-",
                "'",
                "‘",
                "’",
                "\"",
                "“",
                "”",
                "2020",
                "x",
            ]
        }

        proptest! {
            /// Batching sentences is the same as detecting in each alone, whatever sits at the
            /// sentences' ends.
            #[test]
            fn a_batch_finds_what_each_sentence_finds(
                sentences in crate::gate::sentences_of(words())
            ) {
                let extra = Regex::new(r"(?i)\b(?:landmark|word)\b").ok();
                let (batch, spans) = crate::gate::batch_of(&sentences);
                let gated = crate::claims::GATE.scan_any(&batch, &spans);
                let together = detect_batch(&batch, &spans, extra.as_ref(), &gated);
                let everywhere =
                    detect_batch(&batch, &spans, extra.as_ref(), &Flags::all(spans.len()));
                let alone: Vec<_> = sentences
                    .iter()
                    .map(|s| {
                        let whole = [Span::new(0, s.len())];
                        detect_batch(s, &whole, extra.as_ref(), &Flags::all(1))
                            .pop()
                            .unwrap_or_default()
                    })
                    .collect();
                prop_assert_eq!(&together, &alone);
                prop_assert_eq!(&everywhere, &alone);
            }
        }
    }
}
