//! `unused-suppression`: a suppression comment that suppresses nothing.
//!
//! Whether a suppression covered a finding is only known after every other rule has run, so
//! this rule's `check` does nothing: `crate::suppress` builds its findings with
//! [`UnusedSuppression::finding`] while it applies the comments.

use super::Rule;
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::document::{Suppression, SuppressionKind};

pub struct UnusedSuppression;

const DOCS: &str = "\
## What it does
Flags a `<!-- citecheck-disable… -->` comment, or one rule code in it, that covers no finding,
and a comment that names a rule code citecheck does not know.

## Why it matters
A suppression outlives the problem it hid: once the sentence is fixed or rewritten, the
comment would silently hide the next real problem on that line. A misspelt code suppresses
nothing at all, while looking as if it did.

## Example
```markdown
<!-- citecheck-disable-next-line unattributed-claim -->
The council met on Tuesday (Harbour Gazette, March 2025).
```

## How to fix
Delete the comment, or the code in it that no longer applies; correct a misspelt code
(`citecheck explain` lists them). Comments that name a rule switched off for the file are
not reported.
";

impl UnusedSuppression {
    pub const CODE: &'static str = "unused-suppression";

    /// The finding for suppression `s`; `code` is the code in it that covered nothing (`""`
    /// when it names none), `known` whether that code is a rule.
    pub fn finding(s: &Suppression, code: &str, known: bool, severity: Severity) -> Finding {
        let what = match s.kind {
            SuppressionKind::NextLine => "citecheck-disable-next-line",
            SuppressionKind::Disable => "citecheck-disable",
            SuppressionKind::Enable => "citecheck-enable",
            SuppressionKind::File => "citecheck-disable-file",
        };
        let message = if !known {
            format!("`{what}` names `{code}`, which is not a rule code")
        } else if code.is_empty() {
            format!("`{what}` suppresses no finding")
        } else {
            format!("`{what}` suppresses no `{code}` finding")
        };
        let help = if !known {
            "use a code from `citecheck explain`, or remove the comment"
        } else if code.is_empty() || s.codes.len() == 1 {
            "remove the comment: nothing here needs suppressing"
        } else {
            "remove this code from the comment: nothing here needs it"
        };
        Finding::new(Self::CODE, severity, s.span, message).with_help(help)
    }
}

impl Rule for UnusedSuppression {
    fn code(&self) -> &'static str {
        Self::CODE
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "a suppression comment suppresses nothing, or names an unknown rule"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, _article: &Article, _out: &mut Vec<Finding>) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn messages_name_the_comment_and_code() {
        let s = Suppression {
            kind: SuppressionKind::NextLine,
            span: Span::new(0, 10),
            codes: vec!["x".into()],
        };
        let f = UnusedSuppression::finding(&s, "x", false, Severity::Warning);
        assert_eq!(
            f.message,
            "`citecheck-disable-next-line` names `x`, which is not a rule code"
        );
        let f = UnusedSuppression::finding(&s, "unattributed-claim", true, Severity::Info);
        assert_eq!(f.severity, Severity::Info);
        assert!(f.message.contains("no `unattributed-claim` finding"));
    }
}
