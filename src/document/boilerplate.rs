//! Page furniture that is not prose: "Advertisement", ad placeholders, a "Tags" line, "Related:"
//! link lists, share and subscribe prompts, "Read more", photo credits, copyright lines.
//!
//! The patterns are data ([`PATTERNS`]) matched against a whole block, with a word limit each,
//! so only short blocks that are nothing but furniture are removed: precision over recall,
//! because blanking a real sentence hides its claims from every later stage. A few patterns
//! are headings that also take the block(s) after them: the tag line after "Tags" (when it
//! has no sentence punctuation) and the short lines or list items after "Related".

use super::mask::Mask;
use super::plain::ends_terminal;
use super::{BlockKind, RawBlock};
use crate::pattern::Short;
use std::sync::{LazyLock, OnceLock};

/// What a matching block takes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Then {
    Nothing,
    /// The next block, when it is a run of tags (no sentence punctuation).
    TagLine,
    /// Following list items and short unpunctuated lines (headlines), up to a limit.
    LinkList,
    /// The block itself must be tag-like ("Tags: a, b, c").
    SelfTagLike,
}

/// (pattern, most words the block may have, what follows). Matched case-insensitively
/// against the block's prose with whitespace collapsed.
const PATTERNS: &[(&str, usize, Then)] = &[
    (
        r"(?:advertisements?|advertising|sponsored(?: content)?|paid content|promoted(?: content)?|ad)",
        3,
        Then::Nothing,
    ),
    (
        r"advertisement\s*[-–—:|]\s*(?:scroll|continue|story|article)\b.*",
        8,
        Then::Nothing,
    ),
    (
        r"(?:story|article) continues (?:below|after)(?: (?:the )?(?:advertisement|ad))?\.?",
        7,
        Then::Nothing,
    ),
    (
        r"(?:fake\s+)?ad\s+(?:placeholder|slot|unit)\b.*",
        10,
        Then::Nothing,
    ),
    (r".*\((?:ad slot|ad unit)\s*:[^)]*\)", 10, Then::Nothing),
    (
        r"(?:tags|topics|tagged(?: with)?|filed under|keywords)\s*:?",
        3,
        Then::TagLine,
    ),
    (
        r"(?:tags|topics|tagged(?: with)?|filed under)\s*:\s*\S.*",
        80,
        Then::SelfTagLike,
    ),
    (
        r"(?:related|related (?:articles?|stories|story|content|coverage|links|reading|news)|more on this(?: story| topic)?|you (?:may|might) also like|recommended(?: for you| reading| stories)?|most read|most popular|trending(?: now)?|further reading)\s*:?",
        5,
        Then::LinkList,
    ),
    (r"related\s*:\s*\S.*", 30, Then::Nothing),
    // eLife insights open with the article they discuss: "Related research article Smith J. …".
    (r"related research articles?\s+\S.*", 80, Then::Nothing),
    (r"share (?:this|on|via)\b.*", 8, Then::Nothing),
    (
        r"(?:share|tweet|email|print|copy link|facebook|twitter|linkedin|whatsapp|reddit)(?:\s*[|/·•,]?\s*(?:share|tweet|email|print|copy link|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest))*",
        10,
        Then::Nothing,
    ),
    (r"subscribe\b.*", 15, Then::Nothing),
    (
        r"(?:sign up|join|get) (?:for |to )?(?:our|the) .*(?:newsletter|briefing|alerts)\b.*",
        15,
        Then::Nothing,
    ),
    (
        r"(?:read more|continue reading|read the full (?:story|article|report)|click here)\b.*",
        20,
        Then::Nothing,
    ),
    (
        r"(?:photo|photograph|image|picture|video|illustration|graphic)s?\s*(?:credits?|courtesy)?\s*:.*",
        25,
        Then::Nothing,
    ),
    (
        r"(?:photo|photograph|image|illustration)s? (?:by|courtesy of)\b.*",
        15,
        Then::Nothing,
    ),
    (r"credits?\s*:.*", 15, Then::Nothing),
    (
        r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4}).*",
        30,
        Then::Nothing,
    ),
    (r"all rights reserved\.?", 4, Then::Nothing),
    (
        r"(?:follow us|follow (?:him|her|them|me) on|like us on)\b.*",
        12,
        Then::Nothing,
    ),
];

/// How many list items a "Tags" heading may take with it, and how long each tag may be.
const TAG_LIST_MAX: usize = 30;
const TAG_WORDS: usize = 6;
/// How many blocks a "Related" heading may take with it.
const LINK_LIST_MAX: usize = 12;
/// The longest headline a link list line may be.
const LINK_LINE_WORDS: usize = 20;

/// A pattern, with its word limit, what it takes with it and how its matches start.
struct Compiled {
    /// The pattern as written in [`PATTERNS`].
    source: &'static str,
    /// Compiled where first needed: a run meets few kinds of page furniture (the blocks the
    /// others could match are refused by [`Starts`]), and compiling all of them at start-up
    /// was a tenth of checking one short file.
    re: OnceLock<Option<Short>>,
    max: usize,
    then: Then,
    starts: Starts,
}

impl Compiled {
    /// Whether the pattern matches the whole of `text`, case-insensitively.
    fn is_match(&self, text: &str) -> bool {
        self.regex().is_some_and(|r| r.is_match(text))
    }

    /// The compiled pattern; `None` for a broken one, which then matches nothing (the
    /// patterns are constants checked by a unit test, and a user's run is safer without one
    /// than stopped by it).
    fn regex(&self) -> Option<&Short> {
        self.re
            .get_or_init(|| Short::new(&format!("(?i)^(?:{})$", self.source)).ok())
            .as_ref()
    }
}

/// The patterns as compiled (for tests).
#[cfg(test)]
pub(crate) fn short_sources() -> Vec<String> {
    PATTERNS
        .iter()
        .map(|(p, _, _)| format!("(?i)^(?:{p})$"))
        .collect()
}

static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    PATTERNS
        .iter()
        .map(|&(p, max, then)| Compiled {
            source: p,
            re: OnceLock::new(),
            max,
            then,
            starts: Starts::of(&format!("^(?:{p})")),
        })
        .collect()
});

/// What every match of a pattern starts with, when that can be told: one of a few byte
/// strings, from `regex-syntax`'s literal extractor run on the pattern as written (in lower
/// case, and without `(?i)`, whose spelled-out case variants made the extraction cost more than
/// a millisecond at start-up), cut before their first whitespace. A pattern is matched against
/// the block's words joined by single spaces, whose first word is the block's own, so these
/// bytes can be looked for at the start of the block as it stands, lowercased: when the block
/// opens with ASCII, the case-insensitive pattern can match it only if its lowercase opens with
/// one of them. (A block that opens with anything else is tried against every pattern: `(?i)`
/// also folds `ſ` and the Kelvin sign into ASCII letters.) Almost every block is then left with
/// no pattern to try and no words to count.
#[derive(Debug)]
struct Starts(Option<Vec<Vec<u8>>>, FirstBytes);

/// The set of bytes the starts begin with, one bit each: a block whose first byte is not among
/// them is refused without comparing strings (most blocks, for most patterns).
#[derive(Debug, Default)]
struct FirstBytes([u64; 4]);

impl FirstBytes {
    fn insert(&mut self, b: u8) {
        if let Some(w) = self.0.get_mut(usize::from(b >> 6)) {
            *w |= 1 << (b & 63);
        }
    }

    fn contains(&self, b: u8) -> bool {
        self.0
            .get(usize::from(b >> 6))
            .is_some_and(|w| w >> (b & 63) & 1 == 1)
    }
}

/// How many bytes of a block [`Starts`] look at; longer starts are cut to this.
const START_BYTES: usize = 16;

impl Starts {
    fn of(pattern: &str) -> Starts {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let Ok(hir) = regex_syntax::parse(pattern) else {
            return Starts(None, FirstBytes::default());
        };
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        let starts = seq.literals().map(|lits| {
            let mut starts: Vec<Vec<u8>> = lits
                .iter()
                .map(|l| {
                    let b = l.as_bytes();
                    // The extractor may cut a character in two; what comes before it is
                    // still a start, and so is anything before whitespace.
                    let valid = match std::str::from_utf8(b) {
                        Ok(s) => s,
                        Err(e) => std::str::from_utf8(b.get(..e.valid_up_to()).unwrap_or(&[]))
                            .unwrap_or(""),
                    };
                    let cut = valid
                        .find(char::is_whitespace)
                        .unwrap_or(valid.len())
                        .min(START_BYTES);
                    b.get(..cut).unwrap_or(&[]).to_ascii_lowercase()
                })
                .collect();
            starts.sort();
            starts.dedup();
            starts
        });
        // An empty start says nothing.
        let starts = starts.filter(|s| !s.is_empty() && s.iter().all(|l| !l.is_empty()));
        let mut first = FirstBytes::default();
        for &b in starts.iter().flatten().filter_map(|l| l.first()) {
            first.insert(b);
        }
        Starts(starts, first)
    }

    /// Whether a match may start with `head` (the block's first [`START_BYTES`] bytes, leading
    /// whitespace trimmed, ASCII-lowercased).
    fn may_start(&self, head: &[u8]) -> bool {
        let Some(starts) = &self.0 else {
            return true;
        };
        // Every start has a first byte, so an empty head starts with none of them.
        head.first().is_some_and(|&b| self.1.contains(b))
            && starts.iter().any(|l| head.starts_with(l))
    }
}

fn classify(text: &str) -> Option<Then> {
    // Only the patterns a match of which may start with the block's first bytes, looked for
    // once: bit `i` stands for `COMPILED[i]` (a unit test holds them to at most 64).
    let t = text.trim_start().as_bytes();
    let mut head = [0u8; START_BYTES];
    let head = match head.get_mut(..t.len().min(START_BYTES)) {
        Some(h) => {
            h.copy_from_slice(t.get(..h.len()).unwrap_or(&[]));
            h.make_ascii_lowercase();
            &*h
        }
        None => &[],
    };
    let ascii = head.is_ascii();
    let mut open = 0u64;
    let mut longest = 0;
    for (i, c) in COMPILED.iter().enumerate().take(64) {
        if !ascii || c.starts.may_start(head) {
            open |= 1 << i;
            longest = longest.max(c.max);
        }
    }
    if open == 0 {
        return None;
    }
    // Only whether the block is short enough for one of them matters: counting stops there,
    // so a long paragraph is not walked word by word.
    let words = text.split_whitespace().take(longest + 1).count();
    if words == 0 {
        return None;
    }
    let mut norm: Option<std::borrow::Cow<'_, str>> = None;
    for (i, c) in COMPILED.iter().enumerate().take(64) {
        if open & (1 << i) == 0 || words > c.max {
            continue;
        }
        let n = norm.get_or_insert_with(|| collapse_whitespace(text));
        if c.is_match(n) {
            if c.then == Then::SelfTagLike && !is_tag_like(n) {
                continue;
            }
            return Some(c.then);
        }
    }
    None
}

/// `text`'s words joined by single spaces (`split_whitespace` joined by " "), borrowed when
/// it is that already, as nearly every short block is.
fn collapse_whitespace(text: &str) -> std::borrow::Cow<'_, str> {
    let t = text.trim();
    let mut after_space = false;
    let single = t.chars().all(|c| {
        let ok = if c.is_whitespace() {
            c == ' ' && !after_space
        } else {
            true
        };
        after_space = c.is_whitespace();
        ok
    });
    if single {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    std::borrow::Cow::Owned(out)
}

/// A run of tags: no sentence punctuation inside or at the end.
fn is_tag_like(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && !ends_terminal(t)
        && !t.contains(". ")
        && !t.contains("? ")
        && !t.contains("! ")
}

/// Removes boilerplate blocks (blanking them in the mask).
pub(crate) fn strip(text: &str, mask: &mut Mask, blocks: &mut Vec<RawBlock>) {
    // Classifying a block reads only that block: a long document's blocks are classified on
    // the pool first (on a 50 MB article this was over half of building the document, on one
    // thread), a short one's as the loop below reaches them.
    let classified: Vec<Option<Then>> = if blocks.len() >= crate::PARALLEL_BLOCKS {
        use rayon::prelude::*;
        let mask = &*mask;
        blocks
            .par_iter()
            .map(|b| classify(mask.slice(b.span)))
            .collect()
    } else {
        Vec::new()
    };
    let mut drop = vec![false; blocks.len()];
    let mut i = 0;
    while let Some(b) = blocks.get(i) {
        let then = match classified.get(i) {
            Some(then) => *then,
            None => classify(mask.slice(b.span)),
        };
        let Some(then) = then else {
            i += 1;
            continue;
        };
        drop[i] = true;
        i += 1;
        match then {
            Then::TagLine => {
                // The tag line, or a list of short tags (one list item each).
                let mut taken = 0;
                while let Some(next) = blocks.get(i)
                    && taken < TAG_LIST_MAX
                    && is_tag_like(mask.slice(next.span))
                {
                    let short = mask.slice(next.span).split_whitespace().count() <= TAG_WORDS;
                    if taken > 0 && !(next.kind == BlockKind::ListItem && short) {
                        break;
                    }
                    drop[i] = true;
                    i += 1;
                    taken += 1;
                    if next.kind != BlockKind::ListItem {
                        break;
                    }
                }
            }
            Then::LinkList => {
                let mut taken = 0;
                while let Some(next) = blocks.get(i)
                    && taken < LINK_LIST_MAX
                {
                    let s = mask.slice(next.span);
                    let link_like = next.kind == BlockKind::ListItem
                        || (!ends_terminal(s) && s.split_whitespace().count() <= LINK_LINE_WORDS);
                    if !link_like || next.kind == BlockKind::Heading && next.level > 0 {
                        break;
                    }
                    drop[i] = true;
                    i += 1;
                    taken += 1;
                }
            }
            Then::Nothing | Then::SelfTagLike => {}
        }
    }
    let mut k = 0;
    blocks.retain(|b| {
        let d = drop.get(k).copied().unwrap_or(false);
        k += 1;
        if d {
            mask.clear(text, b.span);
        }
        !d
    });
}

/// This module's patterns' starts (see `crate::warm_up`; the patterns compile where first needed).
pub(crate) const WARM_UP: &[fn()] = crate::warm_up_tasks![COMPILED];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_as_split_whitespace_joins_it() {
        for t in [
            "Tags: a, b",
            "  Tags:  a,\tb \n",
            "Photo\u{a0}credit: X",
            "Photo \u{2003} credit",
            "one",
            " ",
            "a  b",
            "a\nb",
        ] {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(t), want, "{t:?}");
        }
        assert!(matches!(
            collapse_whitespace(" Tags: a, b "),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// `classify` without the look at the first bytes: every pattern within its word limit.
    fn classify_plain(text: &str) -> Option<Then> {
        let words = text.split_whitespace().count();
        let n = collapse_whitespace(text);
        COMPILED
            .iter()
            .filter(|c| words > 0 && words <= c.max)
            .find(|c| c.is_match(&n) && (c.then != Then::SelfTagLike || is_tag_like(&n)))
            .map(|c| c.then)
    }

    #[test]
    fn the_first_bytes_refuse_only_blocks_no_pattern_takes() {
        // The look at the first bytes is on for every pattern but the one that may start
        // anywhere ("… (ad slot: …)").
        let unknown = COMPILED.iter().filter(|c| c.starts.0.is_none()).count();
        assert_eq!(unknown, 1);
        let mut blocks: Vec<String> = Vec::new();
        for (p, _, _) in PATTERNS {
            // Each pattern's own words, as written and in other cases and spacings.
            let words = p
                .split(|c: char| !c.is_alphanumeric() && c != '©')
                .filter(|w| w.len() > 1 || *w == "©")
                .collect::<Vec<_>>();
            for w in words {
                for text in [
                    w.to_string(),
                    w.to_uppercase(),
                    format!("  {w}:\n  a, b"),
                    format!("\u{a0}{w}  this story"),
                    format!("{w} continues below the ad."),
                    format!("{w}: (c) 2024 Harbour Gazette"),
                ] {
                    blocks.push(text);
                }
            }
        }
        blocks.extend(
            [
                "Advertisement",
                "ADVERTISEMENT - Scroll to continue",
                "ſponsored content",
                "\u{212A}eywords: ports, grain",
                "Share this\u{2003}article",
                "Story continues below advertisement",
                "Pier 4 (ad slot: top banner)",
                "Photo credit: Ana Ruiz",
                "© 2025 Harbour Gazette",
                "(c) 2025 Harbour Gazette. All rights reserved.",
                "Related: Grain prices rise",
                "The port handled 3,000 containers in March.",
                "",
                "   ",
            ]
            .map(String::from),
        );
        for text in crate::fixture_texts() {
            blocks.extend(text.split("\n\n").map(String::from));
        }
        crate::assert_same_answers(
            &blocks,
            classify,
            classify_plain,
            |t| usize::from(t.is_some()),
            100,
        );
    }

    #[test]
    fn first_bytes_hold_each_byte_alone() {
        for b in 0..=u8::MAX {
            let mut set = FirstBytes::default();
            set.insert(b);
            assert!((0..=u8::MAX).all(|c| set.contains(c) == (c == b)), "{b}");
        }
    }

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(COMPILED.len(), PATTERNS.len());
        for c in COMPILED.iter() {
            assert!(c.regex().is_some(), "{}", c.source);
        }
        // `classify` keeps the patterns still open in the bits of a `u64`.
        assert!(COMPILED.len() <= 64);
    }

    #[test]
    fn furniture_is_recognised() {
        for s in [
            "Advertisement",
            "ADVERTISEMENT",
            "Fake Ad Placeholder (Ad slot: YYYYYYYYYY)",
            "Share this article",
            "Subscribe to our newsletter for weekly updates.",
            "Read more: Ports brace for winter",
            "Photo: Jane Roe / Harbour Times",
            "Photo by Jane Roe",
            "© 2025 Harbour Times. All rights reserved.",
            "Copyright 2025 Harbour Times",
            "Related: Ports brace for winter",
            "Tags: trade, tariffs, ports",
            "Story continues below advertisement",
            "Related research article Roe J, Lund P. 2012. Harbour cranes at night. eLife 1: e1",
        ] {
            assert!(classify(s).is_some(), "{s}");
        }
        assert_eq!(classify("Tags"), Some(Then::TagLine));
        assert_eq!(classify("Related stories:"), Some(Then::LinkList));
    }

    #[test]
    fn real_prose_is_kept() {
        for s in [
            "Advertisement spending rose 5% in July, the agency said.",
            "The photo agency said its image archive was sold in 2024.",
            "Subscribers to the service grew by 20% last year, according to the company, which sells streaming plans in twelve countries across Europe.",
            "Related research points the same way.",
            "Tags: the firm added. It said more.",
            "Credit card debt hit a record in June.",
            "Sources said the talks would resume.",
            "Readers of the report were surprised.",
        ] {
            assert_eq!(classify(s), None, "{s}");
        }
    }

    #[test]
    fn a_long_document_classified_on_the_pool_drops_the_same_blocks() {
        let unit = "Freight rose 12% in May.\n\nAdvertisement\n\n## Tags\n\n- ports\n- rail\n\n\
                    Related stories:\n\n- Ports brace for winter\n\nThe story goes on.\n\n";
        let build = |units: usize| {
            let text = unit.repeat(units);
            let doc =
                crate::document::Document::build(&crate::source::SourceFile::new("a.md", &text));
            (
                doc.blocks.len(),
                doc.prose.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        };
        let (one_blocks, one_prose) = build(1);
        assert_eq!(one_prose, "Freight rose 12% in May. The story goes on.");
        // Enough units that the blocks pass `PARALLEL_BLOCKS` before anything is dropped.
        let units = crate::PARALLEL_BLOCKS / 4;
        let (blocks, prose) = build(units);
        assert_eq!(blocks, one_blocks * units);
        assert_eq!(prose, vec![one_prose; units].join(" "));
    }

    #[test]
    fn tag_heading_takes_a_list_of_tags() {
        let text = "## Tags\n\n- ports\n- rail freight\n\nThe story goes on here.\n";
        let b = crate::document::Document::build(&crate::source::SourceFile::new("a.md", text));
        assert_eq!(b.prose.trim(), "The story goes on here.");
    }

    #[test]
    fn tag_heading_takes_the_tag_line_only() {
        let text = "Tags\n\nChina tradeUS tariffsStockholm talks\n\nA real sentence follows.\n";
        let mut mask = Mask::blank(text);
        mask.keep(text, crate::source::Span::new(0, text.len()));
        let sp = |a: &str| {
            let s = text.find(a).unwrap_or(0);
            crate::source::Span::new(s, s + a.len())
        };
        let mut blocks = vec![
            RawBlock {
                kind: BlockKind::Heading,
                span: sp("Tags"),
                level: 0,
            },
            RawBlock {
                kind: BlockKind::Paragraph,
                span: sp("China tradeUS tariffsStockholm talks"),
                level: 0,
            },
            RawBlock {
                kind: BlockKind::Paragraph,
                span: sp("A real sentence follows."),
                level: 0,
            },
        ];
        strip(text, &mut mask, &mut blocks);
        assert_eq!(blocks.len(), 1);
        assert_eq!(mask.into_string().trim(), "A real sentence follows.");
    }
}
