//! `detached-citation`: a citation after the full stop, or alone on its line.
//!
//! Pairing has already tied such a citation to the sentence before it (so the claim counts
//! as cited); this rule only says the citation is out of place.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::pairing::Placement;
use crate::source::Span;

pub struct DetachedCitation;

const DOCS: &str = "\
## What it does
Flags a citation that stands after the full stop of the sentence it backs, or on a line of its
own after it. citecheck still pairs it with the sentence before, so that claim counts as cited.

## Why it matters
Style guides put a parenthetical citation inside the sentence, before the final punctuation. A
citation after the stop reads as if it belonged to the next sentence or to the whole
paragraph, and it is easily lost when a paragraph is edited or reflowed.

## Example
```text
Divorce rates are higher in the South. (Aamodt and McCoy 2010). Most people remarry.
```

## How to fix
Move the citation inside the sentence, before its full stop:
`Divorce rates are higher in the South (Aamodt and McCoy 2010).`
";

impl Rule for DetachedCitation {
    fn code(&self) -> &'static str {
        "detached-citation"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "a citation stands after the full stop or on its own line"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let text = &article.source.text;
        for (citation, pair) in article.citations.iter().zip(&article.pairs) {
            let Some(pair) = pair else { continue };
            let where_ = match pair.placement {
                Placement::AfterFullStop => "after the full stop of the sentence it backs",
                Placement::OwnLine => "on its own line, after the sentence it backs",
                _ => continue,
            };
            let cited = citation.span.slice(text);
            let mut f = Finding::new(
                self.code(),
                Severity::Warning,
                citation.span,
                format!("citation {cited} stands {where_}"),
            )
            .with_label(citation.span, "detached citation");
            if let Some(stop) = final_stop(text, pair.target) {
                f = f.with_label(stop, "the sentence it backs ends here");
            }
            out.push(f.with_help(suggestion(text, pair.target, cited)));
        }
    }
}

/// The sentence's final `.`, `!` or `?` (before any closing quotes).
fn final_stop(text: &str, target: Span) -> Option<Span> {
    let sentence = target.slice(text);
    let body = sentence.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    let last = body.chars().next_back()?;
    matches!(last, '.' | '!' | '?').then(|| {
        let at = target.start + body.len() - last.len_utf8();
        Span::new(at, at + last.len_utf8())
    })
}

/// "move it before the full stop: "… the South (Aamodt and McCoy 2010).""
fn suggestion(text: &str, target: Span, cited: &str) -> String {
    let sentence = target.slice(text).trim_end();
    let Some(last) = sentence.chars().next_back() else {
        return "move the citation inside the sentence it backs, before its full stop".into();
    };
    if !matches!(last, '.' | '!' | '?') {
        return "move the citation inside the sentence it backs, before its full stop".into();
    }
    let body = &sentence[..sentence.len() - last.len_utf8()];
    // The last few words are enough to show where it goes.
    let words: Vec<&str> = body.split_whitespace().collect();
    let tail = words
        .get(words.len().saturating_sub(5)..)
        .unwrap_or(&[])
        .join(" ");
    let ellipsis = if words.len() > 5 { "…" } else { "" };
    format!("move it before the full stop: \"{ellipsis}{tail} {cited}{last}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::parse::{Citation, CitationKind};
    use crate::source::SourceFile;

    #[test]
    fn suggestion_moves_the_citation_inside() {
        let t = "Divorce rates are much higher in the South.";
        assert_eq!(
            suggestion(t, Span::new(0, t.len()), "(Aamodt 2010)"),
            "move it before the full stop: \"…much higher in the South (Aamodt 2010).\""
        );
        assert_eq!(
            final_stop(t, Span::new(0, t.len())),
            Some(Span::new(42, 43))
        );
    }

    /// The article with one hand-built citation at `cited`, paired by the real pairing.
    fn check_with_citation(text: &str, cited: &str) -> Vec<Finding> {
        let src = SourceFile::new("a.txt", text);
        let config = Config::default();
        let mut article = crate::analyse(&src, &config);
        let start = text.find(cited).expect("the citation is in the text");
        let span = Span::new(start, start + cited.len());
        article.citations = vec![Citation {
            span,
            paren: span,
            kind: CitationKind::Parenthetical,
            sources: Vec::new(),
        }];
        article.pairs =
            crate::pairing::pair(&article.doc.prose, &article.sentences, &article.citations);
        let mut out = Vec::new();
        DetachedCitation.check(&article, &mut out);
        out
    }

    #[test]
    fn fires_after_the_stop_and_on_its_own_line() {
        let c = "(Coastal Ledger, June 2025)";
        let after = check_with_citation(&format!("Rates fell 9% in May. {c} Ships left.\n"), c);
        assert_eq!(after.len(), 1);
        assert_eq!(
            after[0].message,
            "citation (Coastal Ledger, June 2025) stands after the full stop of the sentence it backs"
        );
        let own = check_with_citation(&format!("Rates fell 9% in May.\n\n{c}\n"), c);
        assert_eq!(own.len(), 1);
        assert!(own[0].message.contains("on its own line"));
    }

    #[test]
    fn quiet_when_the_citation_is_inside_the_sentence() {
        let c = "(Coastal Ledger, June 2025)";
        assert!(check_with_citation(&format!("Rates fell 9% in May {c}.\n"), c).is_empty());
        assert!(check_with_citation(&format!("Rates fell {c}, and ships left.\n"), c).is_empty());
    }
}
