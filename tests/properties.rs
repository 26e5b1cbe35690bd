//! Property tests over the whole pipeline: whatever the text, every span the library reports is
//! in bounds and on char boundaries, the reported `text` is exactly `file[start..end]`, labels
//! lie inside the file, and the output is deterministic.
//!
//! Inputs are built from realistic pieces (words, parentheses, source names, months, years,
//! separators, quotes, Markdown markers, multibyte characters, CRLF) so the generator reaches
//! the citation grammar and the Markdown model instead of producing noise they reject at once.
//! The case count is modest so the suite stays fast in CI; the fuzz targets in `fuzz/` explore
//! further.

use citecheck::config::Config;
use citecheck::document::{Document, Format};
use citecheck::report::FileReport;
use citecheck::source::{SourceFile, Span};
use proptest::prelude::*;

/// One realistic piece of article text.
fn piece() -> impl Strategy<Value = String> {
    let fixed: Vec<&'static str> = vec![
        // words and prose
        "The ",
        "economy ",
        "grew ",
        "by 20% ",
        "$4.5 million ",
        "officials said ",
        "According to ",
        "experts suggest ",
        "the highest on record ",
        "Smith ",
        "Smith & Lee ",
        "et al. ",
        "Dr. ",
        "U.S. ",
        "found that ",
        // citation parts
        "(",
        ")",
        "(",
        ")",
        "CNN Business",
        "Reuters",
        "National Bureau of Statistics of China",
        "World Health Organization [WHO]",
        ", ",
        ",",
        "; ",
        ";",
        ". ",
        ".",
        "July ",
        "Jul. ",
        "February 30, ",
        "Jully ",
        "2025",
        "2020a",
        "1999",
        "n.d.",
        "in press",
        "2025-07-14",
        "2025-13",
        "Q2 ",
        "Spring ",
        "p. 4",
        "pp. 13–14",
        "para. 2",
        "see also ",
        "as cited in ",
        "(2020)",
        "(NBS)",
        "(n = 120)",
        "(see Figure 2)",
        // quotes and multibyte
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "é",
        "—",
        "–",
        "𝄞",
        "中文",
        "\u{a0}",
        "\u{feff}",
        // Markdown and structure
        "\n",
        "\n\n",
        "\r\n",
        "\r\n\r\n",
        "\r",
        "# ",
        "## References\n",
        "- ",
        "* ",
        "1. ",
        "> ",
        "**",
        "_",
        "`",
        "```\n",
        "---\n",
        "+++\n",
        "date: 2025-08-11\n",
        "title: A\n",
        "[link](http://example.com/a(b)c) ",
        "<!-- citecheck-disable-next-line unattributed-claim -->",
        "<!-- citecheck-disable -->",
        "<div>",
        "</div>",
        "| a | b |\n|---|---|\n",
        "    ",
        "\t",
        "Advertisement\n",
        "August 11, 2025\n",
    ];
    prop_oneof![
        8 => proptest::sample::select(fixed).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 .,;:()&\\-]{0,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} out of bounds (len {})",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on char boundaries"
    );
    Ok(())
}

fn check_report(text: &str, rep: &FileReport) -> Result<(), TestCaseError> {
    for c in &rep.citations {
        check_span(text, c.span, "citation")?;
        prop_assert_eq!(&text[c.span.start..c.span.end], c.text.as_str());
        prop_assert!(c.line >= 1 && c.column >= 1);
        if let Some(k) = c.claim {
            prop_assert!(k < rep.claims.len(), "citation points at claim {k}");
        }
    }
    for (ci, c) in rep.claims.iter().enumerate() {
        check_span(text, c.span, "claim")?;
        prop_assert_eq!(&text[c.span.start..c.span.end], c.text.as_str());
        for &i in &c.citations {
            prop_assert!(i < rep.citations.len(), "claim lists citation {i}");
            prop_assert_eq!(rep.citations[i].claim, Some(ci));
        }
    }
    for d in &rep.diagnostics {
        check_span(text, d.span, "diagnostic")?;
        prop_assert!(d.line >= 1 && d.column >= 1);
        for l in &d.labels {
            check_span(text, l.span, "label")?;
        }
    }
    Ok(())
}

fn check_document(text: &str, doc: &Document) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        doc.prose.len(),
        text.len(),
        "the prose mask keeps every offset"
    );
    for b in &doc.blocks {
        check_span(&doc.prose, b.span, "block")?;
    }
    if let Some(fm) = &doc.front_matter {
        check_span(text, fm.span, "front matter")?;
        for f in &fm.fields {
            check_span(text, f.value_span, "front-matter value")?;
        }
    }
    if let Some(r) = &doc.references {
        check_span(text, r.heading, "reference heading")?;
        check_span(text, r.body, "reference body")?;
        for e in &r.entries {
            check_span(text, *e, "reference entry")?;
        }
    }
    for s in &doc.suppressions {
        check_span(text, s.span, "suppression")?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn markdown_spans_are_exact_and_deterministic(text in article()) {
        let src = SourceFile::new("a.md", text.clone());
        let config = Config::default();
        let rep = citecheck::check(&src, &config);
        check_report(&text, &rep)?;
        let again = citecheck::check(&src, &config);
        prop_assert_eq!(
            serde_json::to_string(&rep).ok(),
            serde_json::to_string(&again).ok(),
            "same input, same output"
        );
    }

    #[test]
    fn plain_text_spans_are_exact(text in article()) {
        let src = SourceFile::new("a.txt", text.clone());
        let rep = citecheck::check(&src, &Config::default());
        check_report(&text, &rep)?;
    }

    #[test]
    fn document_model_keeps_offsets(text in article()) {
        let src = SourceFile::new("a", text.clone());
        for format in [Format::Markdown, Format::Plain] {
            let doc = Document::build_as(&src, format);
            check_document(&text, &doc)?;
        }
    }

    #[test]
    fn citations_lie_in_their_blocks(text in article()) {
        let src = SourceFile::new("a.md", text.clone());
        let doc = Document::build(&src);
        let parsed = citecheck::parse::parse_citations(&doc.prose, &doc.blocks);
        for c in &parsed.citations {
            check_span(&text, c.span, "citation")?;
            check_span(&text, c.paren, "citation parentheses")?;
            prop_assert!(c.span.contains(c.paren), "{:?} does not hold {:?}", c.span, c.paren);
            prop_assert!(text[c.paren.start..].starts_with('('));
            prop_assert!(text[..c.paren.end].ends_with(')'));
            for s in &c.sources {
                check_span(&text, s.name_span, "source name")?;
                if let Some(d) = &s.date {
                    check_span(&text, d.span, "citation date")?;
                }
            }
        }
        for p in &parsed.problems {
            check_span(&text, p.span, "problem")?;
            check_span(&text, p.focus, "problem focus")?;
        }
    }

    /// Files built only from pieces that make well-formed citations: the pipeline must agree
    /// with itself whatever the line endings.
    #[test]
    fn crlf_and_lf_find_the_same_citations(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "The economy grew by 20% (Reuters, July 2025). ",
                "Officials said the plan was new (Smith & Lee, 2020, p. 4).",
                "Smith (2020) found a record. ",
                "Prices rose (A, 2019; B et al., 2021). ",
                "A look-alike (NBS) and (see Figure 2). ",
                "\n",
                "\n\n",
            ]),
            0..30,
        )
    ) {
        let lf = parts.concat();
        let crlf = lf.replace('\n', "\r\n");
        let a = citecheck::check(&SourceFile::new("a.md", lf.clone()), &Config::default());
        let b = citecheck::check(&SourceFile::new("a.md", crlf.clone()), &Config::default());
        check_report(&lf, &a)?;
        check_report(&crlf, &b)?;
        let ta: Vec<&str> = a.citations.iter().map(|c| c.text.as_str()).collect();
        let tb: Vec<&str> = b.citations.iter().map(|c| c.text.as_str()).collect();
        prop_assert_eq!(ta, tb);
    }
}
