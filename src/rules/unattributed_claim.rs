//! `unattributed-claim`: a factual claim with no citation in scope.

use super::Rule;
use crate::Article;
use crate::claims::{Claim, ClaimStatus, SignalKind};
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use rayon::prelude::*;

pub struct UnattributedClaim;

const DOCS: &str = "\
## What it does
Flags a sentence that asserts a checkable fact (a statistic, a quotation, reported speech, a
record or superlative, a dated event, or an unnamed \"experts say\") and has no citation.

A claim that names its source in prose is attributed, not flagged (unless
`claims.require-citation` is set): \"According to Reuters\", \"according to data from
Canalys\", \"Ana Ruiz said\", \"Ruiz et al. noted that\", \"The operator's finance chief,
Ana Ruiz, said\", \"…, data from the statistics office showed\", \"…, the Harbour Board's
annual report found\", \"…, per the ministry\", \"a company spokeswoman said\", \"…, said Ana Ruiz, the operator's finance chief\", \"…, police
said\", \"Mia Lund put it bluntly: “…”\", \"Vik wrote on X that\", \"Lars Vik, an economist at
Nordea, estimates\", \"The mayor called the dispute “…”\", a pull quote followed by a line
\"— Oskar Dahl\", or a research paper's own numbered figure or table in parentheses
(\"… 40% fewer roots (Figure 2A)\", \"(average of 71.5%, Fig. 3B; n = 48)\"), unless an
unnamed source says the figure only illustrates others' findings (\"is thought to … (Figure
1)\"). A bare \"(Figure)\" and a textbook's chapter-numbered \"(Figure 5.14)\" place an
illustration and back nothing.
An unnamed group (\"analysts said\", \"one senior official\", \"residents say\", \"locals
said\", \"some have suggested\", \"it has been suggested\") is no source, nor is evidence
nobody owns (\"evidence from several digs suggests that\", \"the data indicated that\"), and
neither is a
spokesperson who says whose (\"a spokesperson said\", \"a former spokeswoman said\"). Headings,
questions, speculation, opinion, picture credits (\"(credit: … CC BY 2.0)\"), orders to
the reader (\"Explain the five virtues …\", \"Watch this video …\") and the article's talk
about itself and its own work (\"we show\", \"we counted\", \"we did not detect\") are not
claims.

Words that only look like evidence are left alone: \"the United States\", \"member states\",
\"field notes\", \"these claims\" or \"the estimates\" are nouns, so \"states\", \"notes\",
\"claims\", \"reports\", \"estimates\", \"remarks\", \"highlights\" and \"observed\" count as
reported speech only before \"that\", a colon or a quotation, or in a clause such as \"as the
report notes,\"; \"-fold\" is a statistic only after a number (\"threefold\", \"2.5-fold\";
not \"scaffold\"); a participle after a determiner (\"its stated goals\", \"an estimated
5,000\") is no speech; \"First, …\" (also after a colon), \"at first\" and \"at best\" order
or hedge, and \"her first season\", \"the yard's first crane\", \"a good first step\", \"the
first 20 years\", \"first-class\", \"first cousins\" and \"the First World War\" count, so
none claims a record (\"the first quay to take container ships\" and \"first-ever\" do); a
capitalised superlative before another capitalised word is part of a name (\"the Best Places
To Work survey\", \"First Lady Ana Ruiz\"); an event or change after \"well-\", \"less-\",
\"newly-\" and such adverbs is an adjective (\"well-established routes\", \"less-developed
nations\"; \"re-elected\" and \"co-founded\" stay events); \"due to\" before a verb schedules (\"is due to start\"), it
names no cause; and a title that starts an organisation's name (\"General Motors\", \"the Justice
Department\") names no official.

## Why it matters
A reader cannot check a claim that names no source, and an editor cannot tell a sourced fact
from the writer's assumption.

## Example
```text
Experts suggest that tariffs of 20% will stay in place.
```

## How to fix
Add a citation before the full stop, such as `(Reuters, July 2025)`, or name the source in the
sentence (\"According to Reuters, …\").
";

impl Rule for UnattributedClaim {
    fn code(&self) -> &'static str {
        "unattributed-claim"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "a factual claim has no citation in scope"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let require = article.config.claims.require_citation;
        // (sentence backed, citation) in sentence order, to find the next citation quickly.
        let mut backed: Vec<(usize, usize)> = article
            .pairs
            .iter()
            .enumerate()
            .filter_map(|(ci, p)| p.as_ref().map(|p| (p.sentence, ci)))
            .collect();
        backed.sort_unstable();
        let one = |claim: &Claim| finding(self.code(), article, claim, &backed, require);
        // A long article's claims are shared out over the pool: on a 50 MB article this rule
        // alone was half the rules' time, with the other rules done and their thread idle.
        if article.sentences.len() >= crate::PARALLEL_SENTENCES {
            let parts: Vec<Vec<Finding>> = article
                .claims
                .par_chunks(CLAIMS_PER_TASK)
                .map(|chunk| chunk.iter().filter_map(one).collect())
                .collect();
            out.reserve(parts.iter().map(Vec::len).sum());
            out.extend(parts.into_iter().flatten());
        } else {
            out.extend(article.claims.iter().filter_map(one));
        }
    }
}

/// Claims per task when a long article's claims are shared out.
const CLAIMS_PER_TASK: usize = 1024;

/// The finding for one claim, if it is unattributed (or attributed in prose only, when
/// citations are required).
fn finding(
    code: &str,
    article: &Article,
    claim: &Claim,
    backed: &[(usize, usize)],
    require: bool,
) -> Option<Finding> {
    let text = &article.source.text;
    let named = match claim.status {
        ClaimStatus::Unattributed => None,
        ClaimStatus::Attributed if require => article
            .analyses
            .get(claim.sentence)
            .and_then(|a| a.attribution.as_ref()),
        _ => return None,
    };
    let mut f = Finding::new(code, Severity::Warning, claim.span, String::new());
    let mut reasons: Vec<String> = Vec::new();
    let mut seen: Vec<SignalKind> = Vec::new();
    for s in &claim.signals {
        if seen.contains(&s.kind) {
            continue;
        }
        seen.push(s.kind);
        reasons.push(format!(
            "{} ({})",
            article_for(s.kind),
            quoted(s.span.slice(text))
        ));
        f = f.with_label(s.span, label_for(s.kind));
    }
    let why = join(&reasons);
    f.message = match named {
        Some(a) => format!(
            "claim names {} in prose but cites no source: it has {why}",
            a.source
        ),
        None => format!("claim cites no source: it has {why}"),
    };
    Some(f.with_help(help_for(article, claim, backed)))
}

/// The help line: how to fix, and a hint when the next sentence's citation may be meant.
fn help_for(article: &Article, claim: &Claim, backed: &[(usize, usize)]) -> String {
    let fix = "add a citation such as (Outlet, Month Year) before the sentence's full stop, \
               or name the source in the sentence";
    let block = article.sentences.get(claim.sentence).map(|s| s.block);
    let first_after = backed.partition_point(|&(s, _)| s <= claim.sentence);
    let next = backed
        .get(first_after)
        .filter(|&&(s, _)| article.sentences.get(s).map(|s| s.block) == block);
    match next.and_then(|&(_, ci)| article.citations.get(ci)) {
        Some(c) => format!(
            "{fix}; the citation {} in a later sentence does not reach back to this one",
            c.span.slice(&article.source.text)
        ),
        None => fix.to_string(),
    }
}

/// The words that fired, in quotes (a quotation keeps its own), shortened when long.
fn quoted(words: &str) -> String {
    let words = words.trim();
    let short: String = if words.chars().count() > 48 {
        let head: String = words.chars().take(45).collect();
        format!("{}…", head.trim_end())
    } else {
        words.to_string()
    };
    if words.starts_with(['"', '“', '‘', '\'']) {
        short
    } else {
        format!("\"{short}\"")
    }
}

fn label_for(kind: SignalKind) -> &'static str {
    match kind {
        SignalKind::Statistic => "statistic",
        SignalKind::Quotation => "quotation",
        SignalKind::ReportedSpeech => "reported speech",
        SignalKind::AccordingTo => "attribution",
        SignalKind::Superlative => "superlative",
        SignalKind::DatedEvent => "dated event",
        SignalKind::Weasel => "unnamed source",
        SignalKind::NamedOfficial => "named official",
        SignalKind::Causal => "cause",
        SignalKind::Comparison => "comparison",
        SignalKind::PastEvent => "past event",
        SignalKind::Custom => "configured claim word",
    }
}

fn article_for(kind: SignalKind) -> &'static str {
    match kind {
        SignalKind::Statistic => "a statistic",
        SignalKind::Quotation => "a quotation",
        SignalKind::ReportedSpeech => "reported speech",
        SignalKind::AccordingTo => "an attribution",
        SignalKind::Superlative => "a superlative",
        SignalKind::DatedEvent => "a dated event",
        SignalKind::Weasel => "an unnamed source",
        SignalKind::NamedOfficial => "a named official",
        SignalKind::Causal => "a cause",
        SignalKind::Comparison => "a comparison",
        SignalKind::PastEvent => "a past event",
        SignalKind::Custom => "a configured claim word",
    }
}

fn join(parts: &[String]) -> String {
    match parts {
        [] => "a factual statement".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::SourceFile;

    fn findings(text: &str, config: &Config) -> Vec<Finding> {
        let src = SourceFile::new("a.txt", text);
        let article = crate::analyse(&src, config);
        let mut out = Vec::new();
        UnattributedClaim.check(&article, &mut out);
        out
    }

    #[test]
    fn a_long_article_shared_out_keeps_every_finding_in_order() {
        // Enough sentences for the pool; every third one is cited, so tasks differ in count.
        let n = crate::PARALLEL_SENTENCES + 1500;
        let text: String = (0..n)
            .map(|i| match i % 3 {
                0 => format!("Freight rose {i}% (Port Authority, May 2025). "),
                _ => format!("Freight rose {i}% in May. "),
            })
            .collect();
        let (src, config) = (SourceFile::new("a.txt", text.as_str()), Config::default());
        let article = crate::analyse(&src, &config);
        assert!(article.sentences.len() >= crate::PARALLEL_SENTENCES);
        let mut out = Vec::new();
        UnattributedClaim.check(&article, &mut out);
        let expected: Vec<_> = article
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Unattributed)
            .map(|c| c.span)
            .collect();
        assert_eq!(expected.len(), n - n.div_ceil(3));
        assert_eq!(out.iter().map(|f| f.span).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn experts_and_a_statistic() {
        let text = "Experts suggest that the agenda includes a 20% tariff on steel.\n";
        let out = findings(text, &Config::default());
        assert_eq!(out.len(), 1);
        let f = &out[0];
        assert_eq!(
            f.message,
            "claim cites no source: it has an unnamed source (\"Experts suggest\") and a statistic (\"20%\")"
        );
        let labels: Vec<(&str, &str)> = f
            .labels
            .iter()
            .map(|l| (l.span.slice(text), l.text.as_str()))
            .collect();
        assert_eq!(
            labels,
            [("Experts suggest", "unnamed source"), ("20%", "statistic")]
        );
        assert!(
            f.help
                .as_deref()
                .unwrap_or("")
                .starts_with("add a citation")
        );
    }

    #[test]
    fn attributed_claims_pass_unless_citations_are_required() {
        let text = "According to the Selvik Port Authority, traffic rose 14% last month.\n";
        assert!(findings(text, &Config::default()).is_empty());
        let mut strict = Config::default();
        strict.claims.require_citation = true;
        let out = findings(text, &strict);
        assert_eq!(out.len(), 1);
        assert!(
            out[0]
                .message
                .starts_with("claim names Selvik Port Authority in prose")
        );
    }

    #[test]
    fn quiet_on_opinion_and_questions() {
        let text = "Will the port keep growing? The outlook could change quickly.\n";
        assert!(findings(text, &Config::default()).is_empty());
    }
}
