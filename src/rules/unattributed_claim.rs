//! `unattributed-claim`: a factual claim with no citation in scope.

use super::Rule;
use crate::Article;
use crate::claims::ClaimStatus;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};

pub struct UnattributedClaim;

const DOCS: &str = "\
## What it does
Flags a sentence that asserts a checkable fact (a statistic, a quotation, reported speech, a
record or superlative, a dated event, or an unnamed \"experts say\") and has no citation.

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
        let text = &article.source.text;
        for claim in &article.claims {
            let flagged = match claim.status {
                ClaimStatus::Unattributed => true,
                ClaimStatus::Attributed => article.config.claims.require_citation,
                ClaimStatus::Cited => false,
            };
            if !flagged {
                continue;
            }
            let mut kinds: Vec<&str> = Vec::new();
            let mut f = Finding::new(self.code(), Severity::Warning, claim.span, String::new());
            for s in &claim.signals {
                if !kinds.contains(&s.kind.name()) {
                    kinds.push(s.kind.name());
                }
                f = f.with_label(s.span, s.kind.name());
            }
            let first = claim
                .signals
                .first()
                .map(|s| format!(" (\"{}\")", s.span.slice(text)))
                .unwrap_or_default();
            f.message = format!(
                "claim states {}{} and cites no source",
                describe(&kinds),
                first
            );
            out.push(f.with_help(
                "add a citation such as (Outlet, Month Year) before the sentence's full stop, \
                 or name the source in the sentence",
            ));
        }
    }
}

fn describe(kinds: &[&str]) -> String {
    let words: Vec<&str> = kinds
        .iter()
        .map(|k| match *k {
            "statistic" => "a statistic",
            "quotation" => "a quotation",
            "reported-speech" => "reported speech",
            "according-to" => "an attribution",
            "superlative" => "a superlative",
            "dated-event" => "a dated event",
            "weasel" => "an unnamed source",
            "named-official" => "a named official's words",
            _ => "a fact",
        })
        .collect();
    match words.as_slice() {
        [] => "a fact".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}
