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
use regex::Regex;
use std::sync::LazyLock;

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

static COMPILED: LazyLock<Vec<(Regex, usize, Then)>> = LazyLock::new(|| {
    PATTERNS
        .iter()
        .filter_map(|(p, n, t)| {
            // The patterns are constants checked by a unit test; skipping a broken one is
            // safer than panicking in a user's run.
            Regex::new(&format!("(?i)^(?:{p})$"))
                .ok()
                .map(|r| (r, *n, *t))
        })
        .collect()
});

fn classify(text: &str) -> Option<Then> {
    // Only whether the block is short enough for some pattern matters: counting stops there,
    // so a long paragraph is not walked word by word.
    let longest = PATTERNS.iter().map(|(_, max, _)| *max).max().unwrap_or(0);
    let words = count_words(text, longest + 1);
    if words == 0 {
        return None;
    }
    let relevant = COMPILED.iter().filter(|(_, max, _)| words <= *max);
    let mut norm: Option<std::borrow::Cow<'_, str>> = None;
    for (re, _, then) in relevant {
        let n = norm.get_or_insert_with(|| collapse_whitespace(text));
        if re.is_match(n) {
            if *then == Then::SelfTagLike && !is_tag_like(n) {
                continue;
            }
            return Some(*then);
        }
    }
    None
}

/// How many words `text.split_whitespace()` yields, counting no further than `cap`. Every
/// short block is counted, so this reads bytes and decodes only what is not ASCII.
fn count_words(text: &str, cap: usize) -> usize {
    let b = text.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while let Some(&c) = b.get(i) {
        let (space, len) = if c.is_ascii() {
            // `char::is_whitespace` on ASCII: `u8::is_ascii_whitespace` and the vertical tab.
            (c.is_ascii_whitespace() || c == 0x0B, 1)
        } else {
            match text.get(i..).and_then(|t| t.chars().next()) {
                Some(ch) => (ch.is_whitespace(), ch.len_utf8()),
                None => (false, 1),
            }
        };
        if !space && !in_word {
            n += 1;
            if n >= cap {
                return cap;
            }
        }
        in_word = !space;
        i += len;
    }
    n
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

/// This module's patterns, one compiling task each (see `crate::warm_up`).
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

    #[test]
    fn words_count_as_split_whitespace_counts_them() {
        let want = |t: &str, cap: usize| t.split_whitespace().take(cap).count();
        // Every character up to U+3000 (the last whitespace one) between, before and after
        // words, with ASCII and multibyte words around it.
        for c in (0..=0x3000u32).filter_map(char::from_u32) {
            for t in [
                format!("a{c}b"),
                format!("{c}é{c}{c}ü{c}"),
                format!("x{c}{c}"),
                format!("{c}"),
                format!("ab{c}cd ef\u{a0}gh{c}"),
            ] {
                for cap in 1..6 {
                    assert_eq!(count_words(&t, cap), want(&t, cap), "{t:?} cap {cap}");
                }
            }
        }
        assert_eq!(count_words("", 3), 0);
        assert_eq!(count_words("one two three four", 81), 4);
    }

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(COMPILED.len(), PATTERNS.len());
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
