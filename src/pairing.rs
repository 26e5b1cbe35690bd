//! Pairing: which sentence (or clause) each citation backs.
//!
//! A citation backs the sentence that contains it, or only its clause when it stands
//! mid-sentence; a citation after the full stop or alone on its line backs the sentence
//! before it; a narrative citation backs the clause it introduces; a paragraph-final citation
//! does not reach back over earlier sentences. Judging whether the pairing is a problem
//! (`detached-citation`) is left to the rules.
//!
//! Placement is read from the prose around the citation, not from where the sentence splitter
//! put the boundary: a splitter may glue `… rates. (Aamodt 2010)` to either neighbour, and the
//! pairing must come out the same.

use crate::parse::{Citation, CitationKind};
use crate::segment::Sentence;
use crate::source::Span;
use serde::Serialize;

/// Where a citation stands relative to the claim it backs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// Before the sentence's final punctuation.
    EndOfSentence,
    /// Inside the sentence, backing a clause.
    MidSentence,
    /// Opening the sentence (narrative "Smith (2020) found …").
    StartOfSentence,
    /// After the full stop of the sentence it backs.
    AfterFullStop,
    /// On a line of its own after the sentence it backs.
    OwnLine,
}

/// One citation's pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Index into the sentences of the sentence backed.
    pub sentence: usize,
    /// The sentence span, or the clause span for a mid-sentence citation.
    pub target: Span,
    pub placement: Placement,
}

/// A clause shorter than this share of its sentence is a fragment (a noun phrase the citation
/// tags, "the Vibrio autoinducer (Schaefer 1996)"), and the whole sentence is the claim.
const MIN_CLAUSE_SHARE: f64 = 0.35;

/// Pairs every citation (in order) with the sentence or clause it backs, or `None`.
pub fn pair(prose: &str, sentences: &[Sentence], citations: &[Citation]) -> Vec<Option<Pair>> {
    let ctx = Ctx {
        prose,
        sentences,
        clause_marks: clause_marks(prose, sentences),
    };
    // Citations come in document order, so the one before is the nearest earlier one.
    citations
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let before = i.checked_sub(1).and_then(|p| citations.get(p));
            pair_one(&ctx, before, c)
        })
        .collect()
}

/// What every citation's pairing reads.
struct Ctx<'a> {
    prose: &'a str,
    sentences: &'a [Sentence],
    /// Where each `;` and `—` of the prose starts, in order: found once, so that looking for
    /// the end of a clause does not scan the rest of a long sentence for every citation in it.
    clause_marks: Vec<usize>,
}

/// The marks inside the sentences only: a window of a long document reads its own stretch of
/// the prose, not the whole of it once per window.
fn clause_marks(prose: &str, sentences: &[Sentence]) -> Vec<usize> {
    let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
        return Vec::new();
    };
    let from = first.span.start;
    prose
        .get(from..last.span.end)
        .unwrap_or_default()
        .match_indices([';', '—'])
        .map(|(i, _)| from + i)
        .collect()
}

fn pair_one(ctx: &Ctx<'_>, previous_citation: Option<&Citation>, c: &Citation) -> Option<Pair> {
    let (prose, sentences) = (ctx.prose, ctx.sentences);
    // The first sentence that ends after the citation starts, if it overlaps the citation.
    let k = sentences.partition_point(|s| s.span.end <= c.span.start);
    let s = sentences.get(k).filter(|s| s.span.overlaps(c.span))?;
    let before = Span::new(s.span.start, c.span.start.max(s.span.start)).slice(prose);
    let after = Span::new(c.span.end.min(s.span.end), s.span.end).slice(prose);
    let previous = k
        .checked_sub(1)
        .and_then(|p| sentences.get(p).map(|ps| (p, ps)));

    if before.trim().is_empty() {
        if c.kind == CitationKind::Narrative {
            return Some(whole(k, s, Placement::StartOfSentence));
        }
        // A parenthetical opening its segment stands after the previous sentence's full stop
        // ("… rates. (Aamodt 2010). The next …"), whether or not the splitter glued it on.
        let citation_only = is_closing(after);
        if let Some((p, ps)) = previous {
            let prev_text = ps.span.slice(prose).trim_end();
            let last_word = prev_text.rsplit(' ').next().unwrap_or("");
            if citation_only && ps.block == s.block && is_abbreviation(last_word) {
                // "… across the U.S. (Branswell 2020)." split after the abbreviation: one
                // sentence whose full stop comes after the citation.
                return Some(Pair {
                    sentence: p,
                    target: ps.span.cover(s.span),
                    placement: Placement::EndOfSentence,
                });
            }
            let same_block = ps.block == s.block;
            let alone_in_block =
                citation_only && sentences.get(k + 1).is_none_or(|n| n.block != s.block);
            if same_block || alone_in_block {
                let gap = Span::new(ps.span.end, c.span.start).slice(prose);
                let placement = if gap.contains('\n') {
                    Placement::OwnLine
                } else {
                    Placement::AfterFullStop
                };
                return Some(whole(p, ps, placement));
            }
        }
        return Some(whole(k, s, Placement::StartOfSentence));
    }

    if let Some(end) = full_stop_before(before) {
        // Glued to the end of the sentence it follows: back that sentence up to its stop.
        let target = Span::new(s.span.start, s.span.start + end);
        let gap = Span::new(target.end, c.span.start).slice(prose);
        let placement = if gap.contains('\n') {
            Placement::OwnLine
        } else {
            Placement::AfterFullStop
        };
        return Some(Pair {
            sentence: k,
            target,
            placement,
        });
    }

    if is_closing(after) {
        return Some(whole(k, s, Placement::EndOfSentence));
    }

    if c.kind == CitationKind::Narrative {
        // "Indeed, Tolman (1938) stated …": the citation introduces what follows it. Counting
        // stops at four: a long sentence's every citation must not count all words before it.
        let lead_words = before.split_whitespace().take(4).count();
        if lead_words <= 3 {
            return Some(whole(k, s, Placement::StartOfSentence));
        }
        let clause = Span::new(
            c.span.start,
            clause_end(&ctx.clause_marks, c.span.end, s.span.end),
        );
        return Some(clause_or_sentence(k, s, clause));
    }

    // Mid-sentence parenthetical: the clause that ends at the citation, from the previous
    // clause boundary (or the previous citation in the sentence).
    let mut start = s.span.start;
    if let Some(other) = previous_citation
        && other.span.end <= c.span.start
        && other.span.start >= s.span.start
    {
        start = other.span.end;
    }
    let start = clause_start(prose, start, c.span.start);
    Some(clause_or_sentence(k, s, Span::new(start, c.span.end)))
}

fn whole(k: usize, s: &Sentence, placement: Placement) -> Pair {
    Pair {
        sentence: k,
        target: s.span,
        placement,
    }
}

fn clause_or_sentence(k: usize, s: &Sentence, clause: Span) -> Pair {
    let share = clause.len() as f64 / s.span.len().max(1) as f64;
    let target = if share >= MIN_CLAUSE_SHARE && s.span.contains(clause) {
        clause
    } else {
        s.span
    };
    Pair {
        sentence: k,
        target,
        placement: Placement::MidSentence,
    }
}

/// Only final punctuation, closing quotes and brackets: the citation ends its sentence.
fn is_closing(after: &str) -> bool {
    after.chars().all(|ch| {
        ch.is_whitespace()
            || matches!(
                ch,
                '.' | '!' | '?' | ',' | ';' | ':' | '"' | '”' | '’' | '\'' | ')' | ']' | '*' | '_'
            )
    })
}

/// Where the full stop before a citation ends (byte offset into `before`, after closing
/// quotes), when the text before the citation ends a sentence. "U.S. (…)" ends with an
/// abbreviation, not a sentence; "music?” (…)" ends with the quotation's own question mark.
fn full_stop_before(before: &str) -> Option<usize> {
    let trimmed = before.trim_end();
    let body = trimmed.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    let quoted = body.len() < trimmed.len();
    let last = body.chars().next_back()?;
    match last {
        '.' => {
            let word = body
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("");
            (!is_abbreviation(word)).then_some(trimmed.len())
        }
        '!' | '?' if !quoted => Some(trimmed.len()),
        _ => None,
    }
}

/// "U.S.", "et al.", "Inc.": a full stop that belongs to the word.
fn is_abbreviation(word: &str) -> bool {
    let core = word.trim_start_matches(['(', '"', '“', '‘', '\'']);
    let inner = core.strip_suffix('.').unwrap_or(core);
    inner.contains('.')
        || inner.len() == 1 && inner.chars().all(|ch| ch.is_uppercase())
        || matches!(
            inner,
            "al" | "etc"
                | "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "Jr"
                | "Sr"
                | "St"
                | "Dr"
                | "Mr"
                | "Mrs"
                | "Ms"
                | "Prof"
                | "vs"
                | "cf"
                | "approx"
                | "No"
                | "p"
                | "pp"
        )
}

/// Words that open a new clause after a comma.
const CONJUNCTIONS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "yet", "and", "so",
];

/// The start of the clause that ends at `end`, searching back no further than `floor`.
fn clause_start(prose: &str, floor: usize, end: usize) -> usize {
    let text = Span::new(floor, end).slice(prose);
    let mut cut = 0;
    for (i, ch) in text.char_indices() {
        let next = i + ch.len_utf8();
        match ch {
            ';' | ':' | '—' => cut = next,
            ',' => {
                let rest = text.get(next..).unwrap_or("").trim_start();
                let word = rest.split_whitespace().next().unwrap_or("");
                if CONJUNCTIONS.contains(&word) {
                    cut = next;
                }
            }
            _ => {}
        }
    }
    let rest = text.get(cut..).unwrap_or("");
    let mut rest_trim = rest.trim_start_matches(|ch: char| ch.is_whitespace() || ch == ',');
    for conj in CONJUNCTIONS {
        if let Some(r) = rest_trim.strip_prefix(conj)
            && r.starts_with(' ')
        {
            rest_trim = r.trim_start();
            break;
        }
    }
    floor + cut + (rest.len() - rest_trim.len())
}

/// Where the clause that starts at `from` ends: at the first `;` or `—` (`marks`, in order)
/// before `limit`, else at `limit`.
fn clause_end(marks: &[usize], from: usize, limit: usize) -> usize {
    let i = marks.partition_point(|&m| m < from);
    marks
        .get(i)
        .copied()
        .filter(|&m| m < limit)
        .unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::CitedSource;

    /// Sentences at every ". " (blocks split at blank lines), citations at every "(…)" that
    /// holds a digit: enough to build the cases by hand.
    fn build(text: &str, narrative: &[&str]) -> (Vec<Sentence>, Vec<Citation>) {
        let mut sentences = Vec::new();
        let mut block = 0;
        let mut start = 0;
        let bytes = text.as_bytes();
        let mut depth = 0;
        let mut i = 0;
        let push = |s: usize, e: usize, b: usize, out: &mut Vec<Sentence>| {
            let raw = &text[s..e];
            let lead = raw.len() - raw.trim_start().len();
            let t = raw.trim();
            if !t.is_empty() {
                out.push(Sentence {
                    span: Span::new(s + lead, s + lead + t.len()),
                    block: b,
                });
            }
        };
        while i < bytes.len() {
            match bytes[i] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                b'.' | b'?'
                    if depth == 0
                        && (i + 1 == bytes.len()
                            || bytes[i + 1] == b' '
                            || bytes[i + 1] == b'\n') =>
                {
                    push(start, i + 1, block, &mut sentences);
                    start = i + 1;
                }
                b'\n' if bytes.get(i + 1) == Some(&b'\n') => {
                    push(start, i, block, &mut sentences);
                    block += 1;
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        push(start, text.len(), block, &mut sentences);
        let mut citations = Vec::new();
        let mut from = 0;
        while let Some(o) = text[from..].find('(') {
            let open = from + o;
            let close = open + text[open..].find(')').expect("test citations close") + 1;
            let inner = &text[open..close];
            if inner.chars().any(|c| c.is_ascii_digit()) {
                let name_start = narrative.iter().find_map(|n| {
                    text[..open]
                        .trim_end()
                        .ends_with(n)
                        .then(|| text[..open].trim_end().len() - n.len())
                });
                citations.push(Citation {
                    span: Span::new(name_start.unwrap_or(open), close),
                    paren: Span::new(open, close),
                    kind: if name_start.is_some() {
                        CitationKind::Narrative
                    } else {
                        CitationKind::Parenthetical
                    },
                    sources: Vec::<CitedSource>::new(),
                });
            }
            from = close;
        }
        (sentences, citations)
    }

    fn paired(text: &str, narrative: &[&str]) -> Vec<(String, Placement)> {
        let (s, c) = build(text, narrative);
        pair(text, &s, &c)
            .into_iter()
            .map(|p| {
                let p = p.expect("every test citation pairs");
                (p.target.slice(text).to_string(), p.placement)
            })
            .collect()
    }

    #[test]
    fn end_of_sentence_backs_the_sentence() {
        let t = "Trade fell. Exports rose 5% in June (Reuters, July 2025). Later text.";
        assert_eq!(
            paired(t, &[]),
            [(
                "Exports rose 5% in June (Reuters, July 2025).".into(),
                Placement::EndOfSentence
            )]
        );
    }

    #[test]
    fn paragraph_final_citation_does_not_cover_earlier_sentences() {
        let t = "Exports rose 5%. Imports fell 2% (Reuters, July 2025).";
        let got = paired(t, &[]);
        assert_eq!(got[0].0, "Imports fell 2% (Reuters, July 2025).");
    }

    #[test]
    fn after_full_stop_backs_the_sentence_before() {
        let t = "Rates are higher in the south. (Aamodt 2010). The vast majority remarry.";
        assert_eq!(
            paired(t, &[]),
            [(
                "Rates are higher in the south.".into(),
                Placement::AfterFullStop
            )]
        );
    }

    #[test]
    fn after_full_stop_glued_to_the_sentence_is_trimmed() {
        // A splitter that keeps the citation with the sentence before it.
        let t = "Rates are higher in the south. (Aamodt 2010)";
        let (_, c) = build(t, &[]);
        let s = vec![Sentence {
            span: Span::new(0, t.len()),
            block: 0,
        }];
        let p = pair(t, &s, &c)[0].expect("pairs");
        assert_eq!(p.target.slice(t), "Rates are higher in the south.");
        assert_eq!(p.placement, Placement::AfterFullStop);
    }

    #[test]
    fn own_line_backs_the_sentence_before() {
        let t = "Exports rose 5% in June.\n\n(Reuters, July 2025)\n\nNext paragraph.";
        assert_eq!(
            paired(t, &[]),
            [("Exports rose 5% in June.".into(), Placement::OwnLine)]
        );
    }

    #[test]
    fn quoted_full_stop_then_citation_is_after_full_stop() {
        let t = "He said: “The robes are plain.” (Confucius 2015, p. 47).";
        assert_eq!(paired(t, &[])[0].1, Placement::AfterFullStop);
        let q = "He asked: “Is it music?” (Confucius 2015, p. 9).";
        assert_eq!(paired(q, &[])[0].1, Placement::EndOfSentence);
    }

    #[test]
    fn abbreviation_before_citation_is_end_of_sentence() {
        let t = "Cases rose across the U.S. (Branswell 2020). Next.";
        assert_eq!(paired(t, &[])[0].1, Placement::EndOfSentence);
    }

    #[test]
    fn citation_inside_a_quotation() {
        let t = "Bessent said trade is in a \"very good place (CNN Business, July 2025).\"";
        assert_eq!(paired(t, &[]), [(t.to_string(), Placement::EndOfSentence)]);
    }

    #[test]
    fn mid_sentence_backs_its_clause() {
        let t = "Some choanoflagellates have solitary and colonial stages in their lives (Leadbeater 1983); the cues that start colonies are unknown.";
        let got = paired(t, &[]);
        assert_eq!(got[0].1, Placement::MidSentence);
        assert_eq!(
            got[0].0,
            "Some choanoflagellates have solitary and colonial stages in their lives (Leadbeater 1983)"
        );
    }

    #[test]
    fn second_mid_sentence_clause_starts_after_the_first_citation() {
        let t = "Case study research does not employ the experimental method (Barlow 2017), but it is a useful tool for qualitative researchers in the field (Travers 2001), as many note.";
        let got = paired(t, &[]);
        assert_eq!(
            got[0].0,
            "Case study research does not employ the experimental method (Barlow 2017)"
        );
        assert_eq!(
            got[1].0,
            "it is a useful tool for qualitative researchers in the field (Travers 2001)"
        );
    }

    #[test]
    fn fragment_clause_falls_back_to_the_sentence() {
        let t = "In analogy to chemotaxis (Falke 1997), the ability of the cells to respond to rising bacterial density likely requires a receptor that becomes less sensitive.";
        let got = paired(t, &[]);
        assert_eq!(got[0], (t.to_string(), Placement::MidSentence));
    }

    #[test]
    fn narrative_citation_backs_what_it_introduces() {
        let t = "Westen (1998) argues that the criticisms are misplaced.";
        assert_eq!(
            paired(t, &["Westen"]),
            [(t.to_string(), Placement::StartOfSentence)]
        );
        let m = "Indeed, Tolman (1938) stated that rats could be studied.";
        assert_eq!(paired(m, &["Tolman"])[0].1, Placement::StartOfSentence);
    }
}
