//! Source names: when two names mean the same source, and which sources a sentence names in
//! prose.
//!
//! [`same_source`] decides whether a name in prose and a cited name are one source: config
//! aliases (`[[sources.registry]]`) first, then a normalised comparison that ignores case, a
//! leading "the", possessives and punctuation, then two conservative widenings — one name's
//! words standing whole inside the other's ("CNN" and "CNN Business", "Reuters" and "Thomson
//! Reuters") and an acronym of the other's capitalised words ("NBS" and "National Bureau of
//! Statistics"). Every widening makes the rules that use it quieter, never louder.
//!
//! [`prose_sources`] finds sources a sentence names as the origin of its claim: "According to
//! X", "as reported by X", and an organisation as the subject of a reporting verb ("Reuters
//! reported on July 3 that …"), with a date when the prose gives one. It only returns names that
//! look like organisations or outlets, or that the article cites elsewhere: people quoted by
//! name ("Kovac said") are sources of a quotation, not of the claim's publication. Finding
//! attributions for claim detection is `claims`' job; this is the narrower reading the
//! attribution and date rules need.

use crate::config::SourcesConfig;
use crate::prose_dates::ProseDate;
use crate::source::Span;
use std::borrow::Cow;

/// Lower-cased words of a name without "the", possessives and punctuation; `&` is "and".
pub fn normalise(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '(' | ')' | '"' | '“' | '”'))
        .filter_map(|w| {
            let w = w
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
            if w.is_empty() {
                return None;
            }
            let w = w.replace(['.', '’', '\''], "").to_lowercase();
            Some(if w == "&" { "and".to_string() } else { w })
        })
        .collect();
    if words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    words
}

const CONNECTORS: &[&str] = &["of", "the", "and", "for", "on", "in", "de", "&"];

/// Whether two names mean the same source (see the module docs for how generous this is).
pub fn same_source(a: &str, b: &str, config: &SourcesConfig) -> bool {
    let (ca, cb) = (config.canonical(a.trim()), config.canonical(b.trim()));
    if ca.eq_ignore_ascii_case(cb) {
        return true;
    }
    let na = normalise(strip_the(ca));
    let nb = normalise(strip_the(cb));
    if na.is_empty() || nb.is_empty() {
        // Nothing to compare: do not call them different.
        return true;
    }
    if na == nb {
        return true;
    }
    // Aliases written with "the" or other punctuation ("The Guardian" for "Guardian").
    let canon = |n: &[String]| -> Option<String> {
        config
            .registry
            .iter()
            .find(|e| normalise(&e.name) == n || e.aliases.iter().any(|al| normalise(al) == n))
            .map(|e| e.name.to_lowercase())
    };
    if let (Some(x), Some(y)) = (canon(&na), canon(&nb)) {
        return x == y;
    }
    let (short, long) = if na.len() <= nb.len() {
        (&na, &nb)
    } else {
        (&nb, &na)
    };
    let significant = short.iter().any(|w| !CONNECTORS.contains(&w.as_str()));
    if significant && long.windows(short.len()).any(|w| w == short.as_slice()) {
        return true;
    }
    is_acronym_of(ca, cb) || is_acronym_of(cb, ca)
}

fn strip_the(s: &str) -> &str {
    let t = s.trim();
    for p in ["the ", "The "] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest;
        }
    }
    t
}

/// "NBS" for "National Bureau of Statistics (of China)": the initials of the capitalised
/// words, or their start (at least two letters).
fn is_acronym_of(short: &str, long: &str) -> bool {
    let s = short.trim();
    if !(2..=8).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let initials: String = long
        .split_whitespace()
        .filter(|w| !CONNECTORS.contains(&&*lowercase(w)))
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect();
    initials.len() >= 2 && initials.starts_with(s)
}

/// Words that make a name an organisation or an outlet.
const ORG_WORDS: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "associated",
    "association",
    "authority",
    "bank",
    "board",
    "broadcasting",
    "bureau",
    "business",
    "center",
    "centre",
    "chronicle",
    "college",
    "commission",
    "committee",
    "company",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "daily",
    "economist",
    "foundation",
    "fund",
    "gazette",
    "group",
    "guardian",
    "herald",
    "inc",
    "institute",
    "institution",
    "journal",
    "laboratory",
    "league",
    "ltd",
    "magazine",
    "media",
    "ministry",
    "monitor",
    "network",
    "news",
    "observer",
    "office",
    "organisation",
    "organization",
    "parliament",
    "post",
    "press",
    "radio",
    "review",
    "school",
    "service",
    "society",
    "statistics",
    "survey",
    "telegraph",
    "television",
    "times",
    "tribune",
    "trust",
    "union",
    "university",
    "wire",
    "agency",
    "forum",
    "programme",
    "program",
    "observatory",
    "secretariat",
    "treasury",
    "government",
    "police",
    "army",
    "navy",
];

/// Outlets and wire services whose names carry no organisation word.
const OUTLETS: &[&str] = &[
    "reuters",
    "bloomberg",
    "xinhua",
    "cnn",
    "bbc",
    "npr",
    "ap",
    "afp",
    "politico",
    "axios",
    "cnbc",
    "nbc",
    "abc",
    "cbs",
    "pbs",
    "msnbc",
    "kyodo",
    "yonhap",
    "tass",
    "nikkei",
    "caixin",
    "bernama",
    "anadolu",
    "efe",
    "dpa",
    "ansa",
    "jazeera",
    "aljazeera",
    "monde",
    "spiegel",
    "vox",
    "semafor",
    "propublica",
];

/// Organisations known by a name with no organisation word.
const ORG_NAMES: &[&str] = &[
    "imf", "oecd", "wto", "opec", "nasa", "cdc", "fda", "fbi", "fed", "ecb", "ons", "eurostat",
    "unicef", "unesco", "gallup", "pew", "statista", "moodys", "fitch", "nato",
];

/// Titles that make a name a person ("Commerce Minister Wang", "Dr. Lee").
const PERSON_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "president",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "mayor",
    "chancellor",
    "premier",
    "ambassador",
    "general",
    "gen",
    "judge",
    "justice",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "ceo",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "king",
    "queen",
    "prince",
    "pope",
    "sir",
    "dame",
    "lord",
    "lady",
    "analyst",
    "economist",
    "officer",
];

/// Whether a name reads as an organisation or outlet rather than a person.
pub fn is_org_like(name: &str) -> bool {
    let words = normalise(name);
    let first = words.first().map(String::as_str).unwrap_or("");
    if PERSON_TITLES.contains(&first) {
        return false;
    }
    words.iter().any(|w| {
        ORG_WORDS.contains(&w.as_str())
            || OUTLETS.contains(&w.as_str())
            || ORG_NAMES.contains(&w.as_str())
    }) || (name.len() >= 2
        && name.len() <= 8
        && name.chars().all(|c| c.is_ascii_uppercase() || c == '&'))
}

/// A source named in prose as the origin of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseSource {
    /// The name as written, without a leading "the".
    pub name: String,
    pub span: Span,
    /// The date the prose gives for the source's report ("reported on July 3"), if any.
    pub date: Option<ProseDate>,
    /// How the sentence names it, for messages: "according to", "reported by", "subject".
    pub how: &'static str,
}

const REPORT_VERBS: &[&str] = &[
    "reported",
    "reports",
    "said",
    "says",
    "announced",
    "announces",
    "stated",
    "states",
    "found",
    "finds",
    "noted",
    "notes",
    "estimated",
    "estimates",
    "wrote",
    "writes",
    "published",
    "publishes",
    "revealed",
    "reveals",
    "showed",
    "shows",
    "confirmed",
    "confirms",
    "disclosed",
    "discloses",
    "warned",
    "warns",
    "calculated",
    "recorded",
    "released",
    "releases",
];

/// Verbs by which an organisation publishes a claim rather than only voices it.
const PUBLISH_VERBS: &[&str] = &[
    "reported",
    "reports",
    "published",
    "publishes",
    "wrote",
    "writes",
    "revealed",
    "reveals",
];

/// Words that make a name a news outlet.
const OUTLET_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "daily",
    "press",
    "wire",
    "magazine",
    "broadcasting",
    "television",
    "radio",
    "telegraph",
    "chronicle",
    "observer",
    "monitor",
    "courier",
    "guardian",
    "economist",
    "insider",
    "reporter",
    "bulletin",
    "weekly",
    "mirror",
    "express",
    "sentinel",
    "examiner",
    "inquirer",
    "dispatch",
];

/// Whether a name reads as a news outlet: a wire service or a name with an outlet word.
pub fn is_outlet_like(name: &str) -> bool {
    normalise(name)
        .iter()
        .any(|w| OUTLET_WORDS.contains(&w.as_str()) || OUTLETS.contains(&w.as_str()))
}

/// `word.to_lowercase()`, borrowed when that changes nothing (lower-case ASCII, most words of
/// prose): the name readers compare every word of a cited claim with short lists of words,
/// and a new string for each was most of their allocations.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// A word of a sentence with its byte span.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    span: Span,
    /// A comma, semicolon, colon or full stop directly after it.
    punct_after: bool,
}

/// The words of `text[range]` outside `masked`, split at whitespace and parentheses, with
/// quotation marks and trailing punctuation trimmed.
fn words<'a>(text: &'a str, range: Span, masked: &[Span]) -> Vec<Word<'a>> {
    let Some(slice) = text.get(range.start..range.end) else {
        return Vec::new();
    };
    let bytes = slice.as_bytes();
    // About six bytes a word in English prose.
    let mut out = Vec::with_capacity(slice.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII bytes are decided without decoding a char: most of the prose is ASCII.
        let (width, separator, paren) = if b.is_ascii() {
            let paren = b == b'(' || b == b')';
            // The ASCII characters `char::is_whitespace` accepts (`u8::is_ascii_whitespace`
            // leaves out the vertical tab).
            (1, paren || matches!(b, b' ' | b'\t'..=b'\r'), paren)
        } else {
            let ch = slice.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            (ch.len_utf8(), ch.is_whitespace(), false)
        };
        if separator {
            if let Some(s) = start.take() {
                push_word(text, slice, range.start, s, i, &mut out);
            }
            // A parenthesis ends a name as a comma does: "Administration (SAMHSA), in 2017".
            if paren && let Some(last) = out.last_mut() {
                last.punct_after = true;
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += width;
    }
    if let Some(s) = start {
        push_word(text, slice, range.start, s, slice.len(), &mut out);
    }
    // Drop words inside citations; both lists are in document order.
    let mut m = 0;
    out.retain(|w| {
        while masked.get(m).is_some_and(|k| k.end <= w.span.start) {
            m += 1;
        }
        !masked.get(m).is_some_and(|k| k.overlaps(w.span))
    });
    out
}

/// Pushes the word `slice[s..e]` (`slice` starting at `offset` of `text`), its quotation marks
/// and trailing punctuation trimmed; nothing if that leaves it empty.
fn push_word<'a>(
    text: &'a str,
    slice: &str,
    offset: usize,
    s: usize,
    e: usize,
    out: &mut Vec<Word<'a>>,
) {
    let Some(raw) = slice.get(s..e) else { return };
    // Most words begin and end with a letter or digit: nothing to trim.
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let (lead, len, punct_after) = if plain(raw.as_bytes().first()) && plain(raw.as_bytes().last())
    {
        (0, raw.len(), false)
    } else {
        trim_word(raw)
    };
    if len == 0 {
        return;
    }
    let span = Span::new(s + lead, s + lead + len).offset(offset);
    if let Some(word) = text.get(span.start..span.end) {
        out.push(Word {
            text: word,
            span,
            punct_after,
        });
    }
}

/// Where the word is in `raw` once its quotation marks and trailing punctuation are trimmed
/// (offset and length), and whether a comma, semicolon, colon or full stop followed it.
fn trim_word(raw: &str) -> (usize, usize, bool) {
    let trimmed_end = raw.trim_end_matches([',', ';', ':', '.', '!', '?', '"', '”', '’']);
    let punct_after = trimmed_end.len() < raw.len()
        && raw[trimmed_end.len()..].contains([',', ';', ':', '.', '!', '?']);
    let lead = trimmed_end.len() - trimmed_end.trim_start_matches(['"', '“', '‘']).len();
    let t = &trimmed_end[lead..];
    // "U.S." keeps its full stops; a sentence-final "." after a word is punctuation.
    let len = if raw.ends_with('.') && t.contains('.') {
        raw.len() - lead
    } else {
        t.len()
    };
    (lead, len, punct_after)
}

fn is_capitalised(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Takes a proper name starting at word `i`: capitalised words joined by lowercase connectors
/// ("National Bureau of Statistics of Chile"), stopping at punctuation or a lowercase word.
/// Returns the index after the name and its span.
fn take_name(ws: &[Word<'_>], mut i: usize) -> Option<(usize, Span, bool)> {
    if ws
        .get(i)
        .is_some_and(|w| w.text.eq_ignore_ascii_case("the"))
    {
        i += 1;
    }
    let first = ws.get(i)?;
    if !is_capitalised(first.text) {
        return None;
    }
    let start = first.span.start;
    let mut end = i;
    let mut j = i;
    let mut possessive = false;
    while let Some(w) = ws.get(j) {
        let cap = is_capitalised(w.text) || w.text == "&";
        let connector = CONNECTORS.contains(&w.text) && j > i;
        if !(cap || connector) || crate::dates::month_from_name(w.text).is_some() {
            break;
        }
        if cap {
            end = j + 1;
        }
        if w.text.ends_with("'s") || w.text.ends_with("’s") || w.text.ends_with("s'") {
            possessive = true;
            end = j + 1;
            break;
        }
        if w.punct_after {
            break;
        }
        j += 1;
    }
    let last = ws.get(end.checked_sub(1)?)?;
    let mut span = Span::new(start, last.span.end);
    if possessive {
        let t = last.text;
        let cut = if t.ends_with("'s") || t.ends_with("’s") {
            t.len()
                - t.chars().next_back().map_or(0, char::len_utf8)
                - t[..t.len() - 1]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8)
        } else {
            t.len() - 1
        };
        span.end = last.span.start + cut;
    }
    Some((end, span, possessive))
}

/// Normalised names the article cites (see [`normalise`]): a name the article cites is a
/// source even when it reads like a person's.
pub type Known = std::collections::HashSet<Vec<String>>;

/// Sources the sentence `range` names as the origin of its claim. `dates` are the prose dates
/// of the sentence.
pub fn prose_sources(
    text: &str,
    range: Span,
    masked: &[Span],
    dates: &[ProseDate],
    known: &Known,
    config: &SourcesConfig,
) -> Vec<ProseSource> {
    by_windows(text, range, |w| {
        prose_sources_in(text, w, masked, dates, known, config)
    })
}

/// Ranges longer than this are read a window at a time. Both readers here list every word of
/// their range first (about 40 bytes a word), so one 100 MB paragraph without a full stop
/// took 800 MB per reading; no real sentence comes near this length, so their results on
/// prose are what one reading of the whole range gives.
const WINDOW: usize = 64 * 1024;
/// How much a window reads on each side of the part it answers for: more than any name and
/// the words around it that decide whether it is a source, so what a window keeps is what one
/// reading of the whole range finds there.
const OVERLAP: usize = 2048;

/// Runs `read` over `range` a window at a time: the range is cut between words into parts of
/// about [`WINDOW`] bytes, each part is read with [`OVERLAP`] bytes of context on both sides,
/// and each keeps what starts inside it (so nothing is found twice or lost at a cut).
fn by_windows<T: HasSpan>(text: &str, range: Span, mut read: impl FnMut(Span) -> Vec<T>) -> Vec<T> {
    if range.len() <= WINDOW {
        return read(range);
    }
    // The last whitespace in `floor..at` (or `at` itself, on a char boundary).
    let cut = |at: usize, floor: usize| {
        let mut at = at.min(range.end);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let floor = floor.min(at);
        text.get(floor..at)
            .and_then(|s| s.rfind(char::is_whitespace))
            .map_or(at, |i| floor + i)
    };
    let mut out = Vec::new();
    let mut own_start = range.start;
    while own_start < range.end {
        let own_end = if range.end - own_start <= WINDOW {
            range.end
        } else {
            cut(own_start + WINDOW, own_start + WINDOW / 2)
        };
        let read_start = if own_start == range.start {
            range.start
        } else {
            cut(
                own_start.saturating_sub(OVERLAP),
                own_start.saturating_sub(2 * OVERLAP).max(range.start),
            )
        };
        let read_end = if own_end + OVERLAP >= range.end {
            range.end
        } else {
            cut(own_end + OVERLAP, own_end)
        };
        out.extend(
            read(Span::new(read_start, read_end))
                .into_iter()
                .filter(|t| (own_start..own_end).contains(&t.span().start)),
        );
        own_start = own_end;
    }
    out
}

/// What [`by_windows`] needs of a result: where it starts.
trait HasSpan {
    fn span(&self) -> Span;
}

impl HasSpan for ProseSource {
    fn span(&self) -> Span {
        self.span
    }
}

impl HasSpan for Affiliation {
    fn span(&self) -> Span {
        self.1
    }
}

fn prose_sources_in(
    text: &str,
    range: Span,
    masked: &[Span],
    dates: &[ProseDate],
    known: &Known,
    config: &SourcesConfig,
) -> Vec<ProseSource> {
    let ws = words(text, range, masked);
    let mut out: Vec<ProseSource> = Vec::new();
    let accept = |name: &str| {
        let is_known = known.contains(&normalise(name))
            || config
                .registry
                .iter()
                .any(|e| same_source(&e.name, name, config));
        if is_known {
            return true;
        }
        // "Lena Ortiz of Harbor State University": a person with an affiliation.
        let head = name
            .split(" of ")
            .next()
            .unwrap_or(name)
            .split(" from ")
            .next()
            .unwrap_or(name);
        !is_person_like(name) && !is_person_like(head) && is_org_like(name)
    };
    let date_at = |from: usize, to: usize| {
        dates
            .iter()
            .find(|d| d.span.start >= from && d.span.end <= to)
            .copied()
    };
    let lower = |k: usize| ws.get(k).map_or(Cow::Borrowed(""), |w| lowercase(w.text));
    let mut k = 0;
    while k < ws.len() {
        let w = lower(k);
        // "According to (a July 3 report by) X"
        if w == "according" && lower(k + 1) == "to" {
            let mut j = k + 2;
            let lead_start = ws.get(j).map_or(range.end, |w| w.span.start);
            // Skip a lead-in ("data from", "a July 3 report by") up to by/from/of/in.
            let mut probe = j;
            let mut skipped = false;
            while probe < ws.len() && probe < j + 8 {
                let p = lower(probe);
                if matches!(&*p, "by" | "from" | "of" | "in") && probe > j {
                    skipped = true;
                    probe += 1;
                    break;
                }
                let t = ws[probe].text;
                let datey = crate::dates::month_from_name(t).is_some()
                    || t.trim_end_matches([',', '.'])
                        .chars()
                        .all(|c| c.is_ascii_digit());
                if !(t.chars().next().is_some_and(char::is_lowercase) || datey)
                    || ws[probe].punct_after
                {
                    break;
                }
                probe += 1;
            }
            if skipped {
                j = probe;
            }
            if let Some((end, span, possessive)) = take_name(&ws, j) {
                let name = span.slice(text).to_string();
                let lead_end = span.start;
                // "According to Harbor State University's Lena Ortiz": the source is the person.
                let person_follows =
                    possessive && ws.get(end).is_some_and(|w| is_capitalised(w.text));
                if !person_follows && accept(&name) {
                    out.push(ProseSource {
                        name,
                        span,
                        date: date_at(lead_start, lead_end),
                        how: "according to",
                    });
                }
                k = end;
                continue;
            }
        }
        // "as reported by X"
        if matches!(&*w, "reported" | "published" | "announced" | "released")
            && lower(k + 1) == "by"
            && let Some((end, span, _)) = take_name(&ws, k + 2)
        {
            let name = span.slice(text).to_string();
            if accept(&name) {
                out.push(ProseSource {
                    name,
                    span,
                    date: None,
                    how: "reported by",
                });
            }
            k = end;
            continue;
        }
        k += 1;
    }
    // "X reported (on July 3) that …": X is the subject at the sentence start or after an
    // opening phrase ("On July 3, X said …").
    let mut starts = vec![0];
    if let Some(c) = ws.iter().position(|w| w.punct_after)
        && ws.first().is_some_and(|w| {
            matches!(
                &*lowercase(w.text),
                "on" | "in" | "last" | "earlier" | "this" | "late" | "early" | "yesterday"
            )
        })
    {
        starts.push(c + 1);
    }
    for s in starts {
        let Some((end, span, possessive)) = take_name(&ws, s) else {
            continue;
        };
        if possessive {
            continue;
        }
        let mut v = end;
        if matches!(&*lower(v), "has" | "had" | "also") {
            v += 1;
        }
        if matches!(&*lower(v), "also") {
            v += 1;
        }
        let verb = lower(v);
        if !REPORT_VERBS.contains(&&*verb)
            || ws.get(end.saturating_sub(1)).is_some_and(|w| w.punct_after)
        {
            continue;
        }
        let name = span.slice(text).to_string();
        // "The ministry said …" cited to the outlet that carried it is normal news practice:
        // an organisation as subject names the claim's source only when it published the
        // claim ("reported", "wrote") or is itself an outlet ("Reuters said").
        let publishes = PUBLISH_VERBS.contains(&&*verb) || is_outlet_like(&name);
        if !publishes || !accept(&name) || out.iter().any(|o| o.span.overlaps(span)) {
            continue;
        }
        // The report's date: right after the verb ("reported on July 3") or in the opening
        // phrase ("On July 3, Reuters reported").
        let after_verb = ws.get(v).map_or(range.end, |w| w.span.end);
        let date = dates
            .iter()
            .find(|d| {
                let gap = text.get(after_verb..d.span.start).unwrap_or("x").trim();
                gap.eq_ignore_ascii_case("on") || gap.eq_ignore_ascii_case("in")
            })
            .or_else(|| {
                let opening_end = span.start;
                (s > 0)
                    .then(|| dates.iter().find(|d| d.span.end <= opening_end))
                    .flatten()
            })
            .copied();
        out.push(ProseSource {
            name,
            span,
            date,
            how: "subject",
        });
    }
    out.sort_by_key(|o| o.span);
    out
}

/// Two or three capitalised words with no organisation word: "Omar Haddad", "Lena Ortiz".
pub(crate) fn is_person_like(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words
        .first()
        .map_or(Cow::Borrowed(""), |w| lowercase(w.trim_end_matches('.')));
    if PERSON_TITLES.contains(&&*first) {
        return true;
    }
    (2..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| is_capitalised(w) && !w.chars().all(|c| c.is_uppercase()))
        && !is_org_like(name)
}

/// An affiliation named in prose: its [`affiliation_key`] and the span of its words.
pub type Affiliation = (Vec<String>, Span);

/// The names `text[range]` gives as the affiliation of a person named there: "Lena Ortiz,
/// director of … at Harbor State University," or "Harbor State University's Lena Ortiz". Each comes as its
/// [`affiliation_key`] and the span of its words.
pub fn affiliations(
    text: &str,
    range: Span,
    masked: &[Span],
    config: &SourcesConfig,
) -> Vec<Affiliation> {
    by_windows(text, range, |w| affiliations_in(text, w, masked, config))
}

fn affiliations_in(
    text: &str,
    range: Span,
    masked: &[Span],
    config: &SourcesConfig,
) -> Vec<Affiliation> {
    let ws = words(text, range, masked);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some((end, span, possessive)) = take_name(&ws, i) else {
            i += 1;
            continue;
        };
        // Start of the name, "the" excluded.
        let name_start = if ws
            .get(i)
            .is_some_and(|w| w.text.eq_ignore_ascii_case("the"))
        {
            i + 1
        } else {
            i
        };
        let is_affiliation = if possessive {
            // "Harbor State University's Lena Ortiz" / "the Meridian Institute's chair, Omar Haddad".
            ws.get(end).is_some_and(|next| {
                is_capitalised(next.text)
                    || ROLE_WORDS.contains(&lowercase(next.text).trim_end_matches(','))
            })
        } else {
            in_appositive(&ws, name_start)
        };
        if is_affiliation {
            out.push((affiliation_key(span.slice(text), config), span));
        }
        i = end.max(i + 1);
    }
    out
}

/// The key an affiliation and a cited name are compared by: the normalised canonical name.
/// No widening here: an affiliation is the cited name itself.
pub fn affiliation_key(name: &str, config: &SourcesConfig) -> Vec<String> {
    normalise(config.canonical(name.trim()))
}

/// Job titles that open an appositive after a person's name.
const ROLE_WORDS: &[&str] = &[
    "director",
    "fellow",
    "professor",
    "chair",
    "chairman",
    "chairwoman",
    "head",
    "chief",
    "president",
    "vice",
    "economist",
    "analyst",
    "researcher",
    "scientist",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "official",
    "secretary",
    "minister",
    "founder",
    "co-founder",
    "ceo",
    "executive",
    "adviser",
    "advisor",
    "dean",
    "lecturer",
    "expert",
    "member",
    "partner",
    "strategist",
    "manager",
    "editor",
    "correspondent",
    "reporter",
    "scholar",
    "associate",
    "lead",
    "leader",
    "principal",
    "senior",
    "deputy",
    "assistant",
    "visiting",
    "research",
    "staff",
    "officer",
    "coordinator",
    "representative",
    "ambassador",
    "envoy",
    "historian",
    "engineer",
    "author",
    "commentator",
    "consultant",
    "investigator",
    "a",
    "an",
    "the",
    "former",
];

/// Whether the words before `at` (the start of an affiliation) read ", <role> … at|of|from":
/// an appositive after a person's name.
fn in_appositive(ws: &[Word<'_>], at: usize) -> bool {
    let Some(prep_i) = at.checked_sub(1) else {
        return false;
    };
    let prep_i = if ws
        .get(prep_i)
        .is_some_and(|w| w.text.eq_ignore_ascii_case("the"))
    {
        match prep_i.checked_sub(1) {
            Some(p) => p,
            None => return false,
        }
    } else {
        prep_i
    };
    let Some(prep) = ws.get(prep_i) else {
        return false;
    };
    if !matches!(&*lowercase(prep.text), "at" | "of" | "from" | "with") {
        return false;
    }
    // Walk back to the comma that opens the appositive (at most a dozen words).
    let mut j = prep_i;
    let lower_bound = prep_i.saturating_sub(12);
    while j > lower_bound {
        j -= 1;
        let Some(w) = ws.get(j) else { return false };
        if w.punct_after {
            // ws[j] ends with a comma: ws[j] is the end of the person's name, ws[j+1] the role.
            let role = ws
                .get(j + 1)
                .map_or(Cow::Borrowed(""), |r| lowercase(r.text));
            return is_capitalised(w.text) && ROLE_WORDS.contains(&&*role);
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::SourceEntry;

    /// `words` as it was before its byte loop and its path for plain words: a char at a time,
    /// every word trimmed. The reference they are held to.
    fn plain_words<'a>(text: &'a str, range: Span, masked: &[Span]) -> Vec<Word<'a>> {
        let slice = range.slice(text);
        let mut out: Vec<Word<'a>> = Vec::new();
        let mut start: Option<usize> = None;
        let flush = |s: usize, e: usize, out: &mut Vec<Word<'a>>| {
            let (lead, len, punct_after) = trim_word(&slice[s..e]);
            if len > 0 {
                let span = Span::new(s + lead, s + lead + len).offset(range.start);
                out.push(Word {
                    text: span.slice(text),
                    span,
                    punct_after,
                });
            }
        };
        for (i, ch) in slice.char_indices() {
            if ch.is_whitespace() || ch == '(' || ch == ')' {
                if let Some(s) = start.take() {
                    flush(s, i, &mut out);
                }
                if (ch == '(' || ch == ')')
                    && let Some(last) = out.last_mut()
                {
                    last.punct_after = true;
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            flush(s, slice.len(), &mut out);
        }
        out.retain(|w| !masked.iter().any(|k| k.overlaps(w.span)));
        out
    }

    /// `lowercase` is `to_lowercase`, and borrows exactly when that changes nothing: on every
    /// word of the fixtures and on words whose lower case is not a byte-for-byte mapping (the
    /// Kelvin sign, a dotted capital I, a final sigma).
    #[test]
    fn lowercase_is_to_lowercase_without_the_copy() {
        let mut words: Vec<String> = vec![
            "said".into(),
            "Said".into(),
            "SAID".into(),
            "".into(),
            "\u{212a}ey".into(),
            "İstanbul".into(),
            "ΟΔΟΣ".into(),
            "café".into(),
            "x-1,".into(),
        ];
        for text in crate::fixture_texts() {
            words.extend(text.split_whitespace().map(String::from));
        }
        for w in &words {
            let lower = lowercase(w);
            assert_eq!(*lower, w.to_lowercase(), "{w:?}");
            assert_eq!(
                matches!(lower, Cow::Borrowed(_)),
                w.is_ascii() && w.to_lowercase() == *w,
                "{w:?}"
            );
        }
    }

    /// `words` lists what the char-by-char reading lists, on every line of the fixtures (with
    /// the citations masked, as the rules mask them) and on lines of unusual separators and
    /// punctuation.
    #[test]
    fn words_are_the_char_by_char_reading() {
        let mut inputs: Vec<String> = Vec::new();
        for text in crate::fixture_texts() {
            inputs.extend(text.lines().map(String::from));
        }
        inputs.extend(
            [
                "\u{b}Lena\u{c}Ortiz\u{a0}of\u{2003}Harbor\r\nState (SAMHSA), \"quoted.\" “U.S.” ‘x’ ...",
                "((a)) ,; . !? “” ‘’ é.é. Ortiz’ 2020; (Reuters, July 2025) ends.",
                "",
                "ǅemal\u{85}x\u{2028}y",
            ]
            .map(String::from),
        );
        let listed = |ws: Vec<Word<'_>>| -> Vec<(String, Span, bool)> {
            ws.into_iter()
                .map(|w| (w.text.to_string(), w.span, w.punct_after))
                .collect()
        };
        let masks = |t: &str| -> Vec<Span> {
            let mut at = 0;
            let mut out = Vec::new();
            while let Some(open) = t.get(at..).and_then(|r| r.find('(')) {
                let Some(close) = t.get(at + open..).and_then(|r| r.find(')')) else {
                    break;
                };
                out.push(Span::new(at + open, at + open + close + 1));
                at += open + close + 1;
            }
            out
        };
        crate::assert_same_answers(
            &inputs,
            |t| listed(words(t, Span::new(0, t.len()), &masks(t))),
            |t| listed(plain_words(t, Span::new(0, t.len()), &masks(t))),
            |ws| ws.iter().filter(|(_, _, punct)| *punct).count(),
            200,
        );
        // A range inside the text: spans stay the text's.
        let t = "Before. Lena Ortiz of Harbor State, after";
        let r = Span::new(8, t.len());
        assert_eq!(listed(words(t, r, &[])), listed(plain_words(t, r, &[])));
    }

    #[test]
    fn long_ranges_are_read_in_windows_with_the_same_result() {
        // One "sentence" of about 300 KB (no full stop): names everywhere, including across
        // window ends; the windows must find each once, as one reading of the whole does.
        let unit = "and Lena Ortiz, director of research at Harbor State University, told \
                    reporters, according to Reuters, that Meridian Institute's Omar Haddad agreed ";
        let mut text = String::new();
        let mut k = 0;
        while text.len() < 300 * 1024 {
            // Vary the lengths so that names fall on every offset of a window's end.
            text.push_str(&"café ".repeat(k % 7));
            text.push_str(unit);
            k += 1;
        }
        let whole = Span::new(0, text.len());
        let c = cfg();
        let windowed = affiliations(&text, whole, &[], &c);
        let once = affiliations_in(&text, whole, &[], &c);
        let first_difference = windowed.iter().zip(&once).position(|(a, b)| a != b);
        assert_eq!(
            (first_difference, windowed.len()),
            (None, once.len()),
            "{:?}",
            first_difference.map(|i| (&windowed[i], &once[i]))
        );
        assert!(windowed.len() >= 2 * k, "{} for {k} units", windowed.len());
        let known = Known::new();
        let windowed = prose_sources(&text, whole, &[], &[], &known, &c);
        let once = prose_sources_in(&text, whole, &[], &[], &known, &c);
        assert_eq!(windowed.len(), once.len());
        assert!(
            windowed
                .iter()
                .zip(&once)
                .all(|(a, b)| a.span == b.span && a.name == b.name)
        );
        assert!(windowed.len() >= k, "{} for {k} units", windowed.len());
    }

    fn cfg() -> SourcesConfig {
        SourcesConfig {
            registry: vec![SourceEntry {
                name: "Agence France-Presse".into(),
                aliases: vec!["AFP".into()],
            }],
            ..SourcesConfig::default()
        }
    }

    #[test]
    fn same_source_normalises_conservatively() {
        let c = cfg();
        assert!(same_source(
            "the National Bureau of Statistics of Chile",
            "National Bureau of Statistics of Chile",
            &c
        ));
        assert!(same_source("CNN", "CNN Business", &c));
        assert!(same_source("Reuters", "reuters", &c));
        assert!(same_source("AFP", "Agence France-Presse", &c));
        assert!(same_source(
            "NBS",
            "National Bureau of Statistics of Chile",
            &c
        ));
        assert!(same_source("Reuters'", "Reuters", &c));
        assert!(!same_source("Reuters", "Bloomberg", &c));
        assert!(!same_source("Harbour Gazette", "CNN Business", &c));
        assert!(!same_source(
            "National Bureau of Statistics",
            "Ministry of Commerce",
            &c
        ));
    }

    #[test]
    fn org_or_person() {
        assert!(is_org_like("National Bureau of Statistics of Chile"));
        assert!(is_org_like("Reuters"));
        assert!(is_org_like("CNN Business"));
        assert!(is_org_like("IMF"));
        assert!(!is_org_like("Omar Haddad"));
        assert!(!is_org_like("Al Gore"));
        assert!(is_org_like("the Fed"));
        assert!(!is_outlet_like("the Fed"));
        assert!(is_outlet_like("Harbour Gazette"));
        assert!(!is_org_like("Commerce Minister Wang Wentao"));
        assert!(is_person_like("Lena Ortiz"));
        assert!(!is_person_like("Harbour Gazette"));
    }

    fn sources(s: &str, known: &[&str]) -> Vec<(String, &'static str, Option<String>)> {
        let range = Span::new(0, s.len());
        let dates =
            crate::prose_dates::find_dates(s, range, &[], Some(jiff::civil::date(2025, 8, 11)));
        let known: Known = known.iter().map(|k| normalise(k)).collect();
        prose_sources(s, range, &[], &dates, &known, &cfg())
            .into_iter()
            .map(|p| (p.name, p.how, p.date.map(|d| d.describe())))
            .collect()
    }

    #[test]
    fn according_to() {
        let got = sources(
            "According to the National Bureau of Statistics of Chile, the nation reported a record.",
            &[],
        );
        assert_eq!(
            got,
            [(
                "National Bureau of Statistics of Chile".into(),
                "according to",
                None
            )]
        );
        let got = sources(
            "According to a July 3 report by Reuters, exports rose.",
            &[],
        );
        assert_eq!(
            got,
            [(
                "Reuters".into(),
                "according to",
                Some("July 3, 2025".into())
            )]
        );
        let got = sources(
            "According to data from the Ministry of Commerce, exports rose.",
            &[],
        );
        assert_eq!(got[0].0, "Ministry of Commerce");
        // People and anaphora are not sources of the claim.
        assert!(sources("According to Lena Ortiz, the talks matter.", &[]).is_empty());
        assert!(
            sources(
                "According to Lena Ortiz of Harbor State University, the talks matter.",
                &[]
            )
            .is_empty()
        );
        assert!(
            sources(
                "According to Harbor State University's Lena Ortiz, the talks matter.",
                &[]
            )
            .is_empty()
        );
        assert!(sources("According to the bureau, exports rose.", &[]).is_empty());
        // Unless the article cites them.
        assert_eq!(sources("According to Smith, it rose.", &["Smith"]).len(), 1);
    }

    #[test]
    fn subjects_and_reported_by() {
        let got = sources("Reuters reported on July 3 that exports rose.", &[]);
        assert_eq!(
            got,
            [("Reuters".into(), "subject", Some("July 3, 2025".into()))]
        );
        let got = sources("On July 3, Bloomberg said exports rose.", &[]);
        assert_eq!(
            got,
            [("Bloomberg".into(), "subject", Some("July 3, 2025".into()))]
        );
        let got = sources(
            "The decline, as reported by the Financial Times, was steep.",
            &[],
        );
        assert_eq!(got[0].0, "Financial Times");
        // An organisation voicing a claim is not its source; one publishing it is.
        assert!(sources("The Commerce Ministry said exports rose.", &[]).is_empty());
        assert_eq!(
            sources("The Commerce Ministry reported that exports rose.", &[]).len(),
            1
        );
        // A person as subject, or an organisation inside an appositive, is not.
        assert!(sources("Kovac said trade is in a good place.", &[]).is_empty());
        assert!(
            sources(
                "Ruth Abara, a senior fellow at the Center for Port Economics, noted that tariffs matter.",
                &[]
            )
            .is_empty()
        );
    }

    fn affiliation(s: &str, source: &str) -> Option<String> {
        let key = affiliation_key(source, &cfg());
        affiliations(s, Span::new(0, s.len()), &[], &cfg())
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, sp)| sp.slice(s).to_string())
    }

    #[test]
    fn affiliation_mentions() {
        let s = "Lena Ortiz, director of the Coastal Policy Lab at Harbor State University, stressed that supply chains matter.";
        assert_eq!(
            affiliation(s, "Harbor State University").as_deref(),
            Some("Harbor State University")
        );
        assert_eq!(
            affiliation(s, "Coastal Policy Lab").as_deref(),
            Some("Coastal Policy Lab")
        );
        assert_eq!(affiliation(s, "Harbour Gazette"), None);
        let s = "The dispute remains fragile, as stressed by Omar Haddad, chair of trade studies at the Meridian Institute, who remarked on it.";
        assert_eq!(
            affiliation(s, "Meridian Institute").as_deref(),
            Some("Meridian Institute")
        );
        let s = "Harbor State University's Lena Ortiz said supply chains matter.";
        assert_eq!(
            affiliation(s, "Harbor State University").as_deref(),
            Some("Harbor State University")
        );
        // An organisation speaking for itself is not an affiliation.
        let s = "According to the Meridian Institute, sanctions rose.";
        assert_eq!(affiliation(s, "Meridian Institute"), None);
        let s = "The Meridian Institute said sanctions rose.";
        assert_eq!(affiliation(s, "Meridian Institute"), None);
    }
}
