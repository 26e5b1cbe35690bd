//! `malformed-citation`: a parenthetical that is almost a citation but breaks the grammar.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::parse::ProblemKind;

pub struct MalformedCitation;

const DOCS: &str = "\
## What it does
Flags a parenthetical that clearly tries to be a citation (a source and a date) but breaks its
form: a parenthesis that is never closed, a doubled comma between the source and the date, a
source with no date, two dates in one item, or two cited works joined by a comma where a
semicolon belongs. Ordinary asides are never flagged: the parser
only reports a near-miss when the inside parses as a source followed by a date once the slip is
set aside.

## Why it matters
A broken citation is easy to miss in review and reads as a typo to the audience. Worse, other
checks cannot read its date, so a stale or impossible source slips through.

## Example
```text
Exports rose 7% in June (CNN Business, July 2025.
The ban was lifted (CNN Business,, July 2025).
The truce holds (Reuters, July 2025 August 2025).
Men interrupt more often (Halvorsen and Idowu 1975, Idowu 1998).
```

## How to fix
Follow the help line: close the parenthesis, drop the extra comma, add the missing date, keep
the one date of the cited work (`(Reuters, July 2025)`) and cite the other work separately, or
separate two cited works with a semicolon (`(Halvorsen and Idowu 1975; Idowu 1998)`).
";

impl Rule for MalformedCitation {
    fn code(&self) -> &'static str {
        "malformed-citation"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn summary(&self) -> &'static str {
        "a parenthetical is almost a citation but breaks the grammar"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        for p in &article.problems {
            if p.kind != ProblemKind::Malformed {
                continue;
            }
            let mut f = Finding::new(self.code(), Severity::Error, p.span, p.message.clone())
                .with_label(p.focus, label_for(&p.message));
            if let Some(h) = &p.help {
                f = f.with_help(h.clone());
            }
            out.push(f);
        }
    }
}

/// A short label for the words at fault, from the kind of slip.
fn label_for(message: &str) -> &'static str {
    if message.contains("never closed") {
        "opened here, never closed"
    } else if message.contains("doubled separator") {
        "doubled separator"
    } else if message.contains("no date") {
        "date expected here"
    } else if message.contains("two dates") {
        "second date"
    } else if message.contains("comma between two cited works") {
        "semicolon expected here"
    } else {
        "here"
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<Finding> {
        crate::rules::testing::run_real(&MalformedCitation, text)
    }

    #[test]
    fn fires_on_near_misses() {
        let text = "Exports rose (CNN Business,, July 2025). Imports fell (CNN Business, ).";
        let f = findings(text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].labels[0].span.slice(text), ",, ");
        assert_eq!(
            f[0].help.as_deref(),
            Some("use one comma: \"(CNN Business, July 2025)\"")
        );
        assert_eq!(f[1].message, "citation of \"CNN Business\" has no date");
    }

    #[test]
    fn unclosed_at_paragraph_end() {
        let text = "Exports rose 7% in June (CNN Business, July 2025.\n\nNext paragraph.";
        let f = findings(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].labels[0].span.slice(text), "(");
        assert_eq!(f[0].span.slice(text), "(CNN Business, July 2025");
    }

    #[test]
    fn quiet_on_asides() {
        let text = "The plan (which many doubted, at first) worked (see Figure 2). \
                    Prices (in dollars) rose (Reuters, July 2025). He left (for now.";
        assert!(findings(text).is_empty());
    }
}
