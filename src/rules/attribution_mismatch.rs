//! `attribution-mismatch`: the claim names one source in prose and cites another.

use super::Rule;
use super::support::{citation_masks, cited_names, claim_prose, claim_sources};
use crate::Article;
use crate::config::Level;
use crate::diagnostics::{Finding, Severity};
use crate::source_names::same_source;

pub struct AttributionMismatch;

const DOCS: &str = "\
## What it does
Flags a claim that names its source in prose — \"According to Reuters, …\", \"as reported by
the Financial Times\", \"The Harbour Gazette reported that …\" — and cites none of the sources it
names. An organisation that only voices the claim (\"The ministry said …\") is not counted: citing
the outlet that carried its words is normal news practice; an outlet as the subject (\"Reuters
said …\") or an organisation that published the claim (\"reported\", \"wrote\") is.

Names are compared leniently, so that the rule errs towards silence: case, a leading \"the\",
possessives and punctuation are ignored (\"the National Bureau of Statistics of Chile\" is
\"National Bureau of Statistics of Chile\"); a name whose words stand whole inside the other's
is the same source (\"CNN\" and \"CNN Business\", \"Reuters\" and \"Thomson Reuters\"); an acronym
of the other's capitalised words is too (\"NBS\"). Other equivalences come from the config:

```toml
[[sources.registry]]
name = \"Agence France-Presse\"
aliases = [\"AFP\"]
```

Only names that read as organisations or outlets, or that the article cites somewhere, count:
a person quoted by name (\"Kovac said\", \"According to Lena Ortiz of Harbor State University\") is the
speaker, and citing the outlet that carried the words is normal.

## Why it matters
A reader who follows the citation expects to find the source the sentence names. When they
differ, either the sentence credits the wrong organisation or the citation points to the wrong
report.

## Example
```text
According to Reuters, exports fell 4% in June (Bloomberg, July 2025).
```

## How to fix
Cite the source the sentence names, or name the cited one in the sentence. If the two names
mean the same source, add an alias under `[[sources.registry]]`. For a report carried by
another outlet, say so: \"According to Reuters, as reported by Bloomberg, …\".
";

impl Rule for AttributionMismatch {
    fn code(&self) -> &'static str {
        "attribution-mismatch"
    }

    fn default_level(&self) -> Level {
        Level::Warning
    }

    fn summary(&self) -> &'static str {
        "the claim names a source in prose and cites a different one"
    }

    fn docs(&self) -> &'static str {
        DOCS
    }

    fn reads_claim_prose(&self) -> bool {
        true
    }

    fn check(&self, article: &Article, out: &mut Vec<Finding>) {
        let masks = citation_masks(article);
        let known = cited_names(article);
        let cfg = &article.config.sources;
        for (claim_index, claim) in article.claims.iter().enumerate() {
            let cited = claim_sources(article, claim);
            if cited.is_empty() {
                continue;
            }
            let prose = claim_prose(article, claim_index, &masks, known);
            // A sentence naming several sources matches when any of them is cited.
            if prose.sources.is_empty()
                || prose.sources.iter().any(|p| {
                    cited
                        .iter()
                        .any(|(_, s)| same_source(&p.name, &s.name, cfg))
                })
            {
                continue;
            }
            let Some(p) = prose.sources.first() else {
                continue;
            };
            let names: Vec<&str> = {
                let mut n: Vec<&str> = cited.iter().map(|(_, s)| s.name.as_str()).collect();
                n.dedup();
                n
            };
            let mut f = Finding::new(
                self.code(),
                Severity::Warning,
                claim.span,
                format!(
                    "the claim names {} as its source but cites {}",
                    p.name,
                    join(&names)
                ),
            )
            .with_label(p.span, "named in prose");
            for (_, s) in &cited {
                f = f.with_label(s.name_span, "cited");
            }
            out.push(f.with_help(format!(
                "cite {} or name {} in the sentence; if they are one source, add an alias under \
                 [[sources.registry]] in citecheck.toml",
                p.name,
                join(&names)
            )));
        }
    }
}

fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::{Config, SourceEntry};
    use crate::rules::testing::{dated, run_real, run_real_with};

    fn run(text: &str) -> Vec<Finding> {
        run_real(&AttributionMismatch, &dated(text))
    }

    #[test]
    fn different_outlet() {
        let got = run("According to Reuters, exports fell 4% in June (Bloomberg, July 2025).");
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].message,
            "the claim names Reuters as its source but cites Bloomberg"
        );
        let got = run(
            "The statistics bureau said exports fell. The Ministry of Commerce reported that exports fell 4% (Harbour Gazette, July 2025).",
        );
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn same_source_in_other_words() {
        for s in [
            "According to the National Bureau of Statistics of Chile, exports rose (National Bureau of Statistics of Chile, July 2025).",
            "According to CNN, exports rose (CNN Business, July 2025).",
            "According to the NBS, exports rose (National Bureau of Statistics, July 2025).",
            "According to Reuters and Bloomberg, exports rose (Bloomberg, July 2025).",
            "According to Reuters, exports rose (Bloomberg, July 2025; Reuters, July 2025).",
        ] {
            assert!(run(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn aliases_from_config() {
        let text = "According to AFP, exports rose (Agence France-Presse, July 2025).";
        let mut config = Config::default();
        config.sources.registry.push(SourceEntry {
            name: "Agence France-Presse".into(),
            aliases: vec!["AFP".into()],
        });
        assert!(run_real_with(&AttributionMismatch, "a.txt", text, &config).is_empty());
        assert_eq!(run_real(&AttributionMismatch, text).len(), 1);
    }

    #[test]
    fn people_are_not_sources_of_the_claim() {
        for s in [
            "Ruth Abara, a senior fellow at the Center for Port Economics, noted that tariffs matter (Harbour Gazette, July 2025).",
            "According to Lena Ortiz of Harbor State University, the talks matter (Harbour Gazette, July 2025).",
            "Kovac said trade is in a good place (CNN Business, July 2025).",
            "According to the bureau, exports rose (Reuters, July 2025).",
        ] {
            assert!(run(s).is_empty(), "{s}");
        }
    }
}
