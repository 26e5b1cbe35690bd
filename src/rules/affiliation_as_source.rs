//! `affiliation-as-source`: the citation names the quoted person's employer, not a publication.

use super::Rule;
use super::support::{citation_masks, claim_sources, masks_in, sentence_span};
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::source::Span;
use crate::source_names::{Affiliation, affiliation_key, affiliations};

pub struct AffiliationAsSource;

const DOCS: &str = "\
## What it does
Notes a citation whose source is the affiliation the sentence gives for the person it quotes:
\"Lena Ortiz, director of the Coastal Policy Lab at Harbor State University, said that …
(Harbor State University, July 2025)\". The affiliation must stand in an appositive after the
person's name (\"Name, director … at X,\") or before it as a possessive (\"X's Name\"). An
organisation speaking for itself (\"According to the Meridian Institute, …\") is not noted.

## Why it matters
A university or think tank is who the speaker is, not where the words were published. A reader
cannot look up \"Harbor State University, July 2025\": the remark was made in an interview, a
paper or a news report, and that is what the citation should name.

## Example
```text
Omar Haddad, chair of trade studies at the Meridian Institute, said the talks were
fragile (Meridian Institute, July 2025).
```

## How to fix
Cite where the words appeared: the outlet that interviewed the person, or the institution's
report by title or date (`(Meridian Institute report, July 2025)` is still vague; an outlet is
better).
";

impl Rule for AffiliationAsSource {
    fn code(&self) -> &'static str {
        "affiliation-as-source"
    }

    fn default_level(&self) -> Level {
        Level::Info
    }

    fn summary(&self) -> &'static str {
        "the cited source is the quoted person's affiliation, not a publication"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let masks = citation_masks(article);
        // Claims come in sentence order; a sentence split into clause claims is read once.
        let mut cache: Option<(Span, Vec<Affiliation>)> = None;
        for claim in &article.claims {
            let cited = claim_sources(article, claim);
            if cited.is_empty() {
                continue;
            }
            let sentence = sentence_span(article, claim);
            if cache.as_ref().is_none_or(|(s, _)| *s != sentence) {
                let found = affiliations(
                    &article.doc.prose,
                    sentence,
                    masks_in(&masks, sentence),
                    &article.config.sources,
                );
                cache = Some((sentence, found));
            }
            let Some((_, found)) = &cache else { continue };
            if found.is_empty() {
                continue;
            }
            for (ci, s) in cited {
                let key = affiliation_key(&s.name, &article.config.sources);
                let Some(&(_, mention)) = found.iter().find(|(k, _)| *k == key) else {
                    continue;
                };
                let span = article.citations.get(ci).map_or(s.name_span, |c| c.span);
                out.push(
                    Finding::new(
                        self.code(),
                        Severity::Info,
                        span,
                        format!(
                            "cited source {} is the quoted person's affiliation, not a publication",
                            s.name
                        ),
                    )
                    .with_label(mention, "the person's affiliation")
                    .with_label(s.name_span, "cited as the source")
                    .with_help(
                        "cite where the words appeared: the outlet that carried them, or the \
                         institution's report by title",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::rules::testing::run_real;

    fn run(text: &str) -> Vec<Finding> {
        run_real(&AffiliationAsSource, text)
    }

    #[test]
    fn seed_like_affiliations() {
        let got = run(
            "Lena Ortiz, director of the Coastal Policy Lab at Harbor State University, stressed that supply chains matter (Harbor State University, July 2025).",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].message,
            "cited source Harbor State University is the quoted person's affiliation, not a publication"
        );
        let got = run(
            "The dispute remains fragile, as stressed by Omar Haddad, chair of trade studies at the Meridian Institute, who remarked on it (Meridian Institute, July 2025).",
        );
        assert_eq!(got.len(), 1);
        let got = run(
            "Harbor State University's Lena Ortiz said supply chains matter (Harbor State University, July 2025).",
        );
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn publications_and_organisations_speaking_are_fine() {
        for s in [
            "Ruth Abara, a senior fellow at the Center for Port Economics, noted that tariffs matter (Harbour Gazette, July 2025).",
            "According to the Meridian Institute, sanctions rose (Meridian Institute, July 2025).",
            "The Meridian Institute said sanctions rose (Meridian Institute, July 2025).",
        ] {
            assert!(run(s).is_empty(), "{s}");
        }
    }
}
