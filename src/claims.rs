//! Claims: which sentences assert a checkable fact, and why.
//!
//! Each sentence gets named [`Signal`]s (the words that make it a claim) and non-claim cues
//! (question, heading, opinion, the article talking about itself, boilerplate). A sentence that
//! names its source in prose gets an [`Attribution`]. Which citation backs which sentence is
//! left to `pairing`; turning both into the report's claims is [`build_claims`].

use crate::config::ClaimsConfig;
use crate::document::Document;
use crate::pairing::Pair;
use crate::parse::Citation;
use crate::segment::Sentence;
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// What makes a sentence a claim. The names appear in JSON `signals` and diagnostic labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignalKind {
    Statistic,
    Quotation,
    ReportedSpeech,
    AccordingTo,
    Superlative,
    DatedEvent,
    Weasel,
    NamedOfficial,
}

impl SignalKind {
    pub fn name(self) -> &'static str {
        match self {
            SignalKind::Statistic => "statistic",
            SignalKind::Quotation => "quotation",
            SignalKind::ReportedSpeech => "reported-speech",
            SignalKind::AccordingTo => "according-to",
            SignalKind::Superlative => "superlative",
            SignalKind::DatedEvent => "dated-event",
            SignalKind::Weasel => "weasel",
            SignalKind::NamedOfficial => "named-official",
        }
    }
}

/// One signal and the exact words that fired it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    pub kind: SignalKind,
    pub span: Span,
}

/// Why a sentence is not a claim even if it has signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NonClaim {
    Question,
    Heading,
    Opinion,
    SelfReference,
    Boilerplate,
}

/// A source named in prose: "According to Reuters", "Wu Xinbo … noted".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The source as named ("Reuters", "the National Bureau of Statistics of China").
    pub source: String,
    pub span: Span,
}

/// What the claim detector concluded about one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentenceAnalysis {
    pub signals: Vec<Signal>,
    pub non_claim: Option<NonClaim>,
    pub attribution: Option<Attribution>,
    /// Signals fired and no non-claim cue overrode them.
    pub is_claim: bool,
}

/// Analyses every sentence; `citations` are passed so that their text is not read as claim
/// evidence (a citation's year is not a dated event).
pub fn analyse(
    prose: &str,
    doc: &Document,
    sentences: &[Sentence],
    citations: &[Citation],
    config: &ClaimsConfig,
) -> Vec<SentenceAnalysis> {
    let _ = (prose, doc, citations, config);
    sentences
        .iter()
        .map(|_| SentenceAnalysis::default())
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimStatus {
    Cited,
    Attributed,
    Unattributed,
}

/// A factual claim: a sentence (or a clause of one) with its status and backing citations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub span: Span,
    /// Index into the sentences.
    pub sentence: usize,
    pub status: ClaimStatus,
    /// Indexes into the citations, in order.
    pub citations: Vec<usize>,
    pub signals: Vec<Signal>,
}

/// Builds the claims list: every sentence judged a claim, and every sentence or clause a
/// citation backs. Returns the claims and, per citation, the index of the claim it backs.
pub fn build_claims(
    sentences: &[Sentence],
    analyses: &[SentenceAnalysis],
    pairs: &[Option<Pair>],
) -> (Vec<Claim>, Vec<Option<usize>>) {
    let mut claims: Vec<Claim> = Vec::new();
    let mut of_citation = vec![None; pairs.len()];
    for (si, s) in sentences.iter().enumerate() {
        let analysis = analyses.get(si);
        let mut targets: Vec<Span> = Vec::new();
        for p in pairs.iter().flatten().filter(|p| p.sentence == si) {
            if !targets.contains(&p.target) {
                targets.push(p.target);
            }
        }
        targets.sort();
        if targets.is_empty() {
            if let Some(a) = analysis.filter(|a| a.is_claim) {
                let status = if a.attribution.is_some() {
                    ClaimStatus::Attributed
                } else {
                    ClaimStatus::Unattributed
                };
                claims.push(Claim {
                    span: s.span,
                    sentence: si,
                    status,
                    citations: Vec::new(),
                    signals: a.signals.clone(),
                });
            }
            continue;
        }
        for t in targets {
            let ci = claims.len();
            let citations: Vec<usize> = pairs
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    p.as_ref()
                        .filter(|p| p.sentence == si && p.target == t)
                        .map(|_| i)
                })
                .collect();
            for &c in &citations {
                of_citation[c] = Some(ci);
            }
            let signals = analysis
                .map(|a| {
                    a.signals
                        .iter()
                        .copied()
                        .filter(|g| t.contains(g.span))
                        .collect()
                })
                .unwrap_or_default();
            claims.push(Claim {
                span: t,
                sentence: si,
                status: ClaimStatus::Cited,
                citations,
                signals,
            });
        }
    }
    (claims, of_citation)
}
