//! The document model: which bytes of an article are prose, and how the prose is blocked.
//!
//! [`Document::build`] reads a [`SourceFile`] as Markdown or plain text and produces a *prose
//! mask*: a copy of the text, byte for byte the same length, in which every byte that is not
//! prose (front matter, code, HTML, link targets, table pipes, Markdown markers, page
//! boilerplate, the reference list) is replaced by a space (newlines are kept). Every later
//! stage reads the mask, so offsets into it are offsets into the file and nothing downstream
//! has to know about Markdown. Blocks (paragraphs, headings, list items, …) are byte spans
//! over it. Sentence splitting, citation parsing and claim detection are left to later stages.

pub(crate) mod boilerplate;
pub(crate) mod dateline;
mod front_matter;
#[doc(hidden)]
pub mod markdown;
mod mask;
mod plain;
mod references;
pub(crate) mod suppress;

use crate::source::{SourceFile, Span};
use jiff::civil::Date;
use mask::Mask;
use serde::Serialize;
use std::sync::LazyLock;

/// The kind of text a file holds, chosen from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Markdown,
    Plain,
}

impl Format {
    /// `.md`, `.markdown` and `.mdx` are Markdown; everything else (`.txt`, stdin) is plain.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if [".md", ".markdown", ".mdx"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    BlockQuote,
    TableCell,
    /// A figure or table caption: a paragraph opening "Figure:", "Figure 2.", "Fig. 3:",
    /// "Table 1." (its sentences are prose; whether they are claims is for `claims`).
    Caption,
}

/// A run of prose that sentences never cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterField {
    pub key: String,
    pub value: String,
    pub value_span: Span,
}

/// YAML (`---`) or TOML (`+++`) front matter: only top-level `key: value` scalars are read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    pub span: Span,
    pub fields: Vec<FrontMatterField>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&FrontMatterField> {
        self.fields.iter().find(|f| f.key.eq_ignore_ascii_case(key))
    }
}

/// A line near the top of a plain-text article that is only a date ("August 11, 2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    pub span: Span,
    pub date: Date,
}

/// A "References" / "Bibliography" / "Works Cited" / "Sources" section. Its text is not prose.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReferenceSection {
    /// The heading line ("## References").
    pub heading: Span,
    /// Everything from after the heading to the end of the section.
    pub body: Span,
    /// One span per entry (a list item or a paragraph/line), trimmed.
    pub entries: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// `<!-- citecheck-disable-next-line CODE -->`
    NextLine,
    /// `<!-- citecheck-disable CODE -->`
    Disable,
    /// `<!-- citecheck-enable CODE -->`
    Enable,
    /// `<!-- citecheck-disable-file -->`
    File,
}

/// One suppression comment as written; applying it to findings is the CLI's job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The whole comment.
    pub span: Span,
    /// The rule codes named; empty means every rule.
    pub codes: Vec<String>,
}

/// An article, split into prose and everything else.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// The source text with non-prose bytes blanked; `prose.len() == source.text.len()`.
    pub prose: String,
    /// Prose blocks in reading order.
    pub blocks: Vec<Block>,
    pub front_matter: Option<FrontMatter>,
    pub dateline: Option<Dateline>,
    pub references: Option<ReferenceSection>,
    pub suppressions: Vec<Suppression>,
}

impl Document {
    pub fn build(source: &SourceFile) -> Document {
        let format = Format::from_path(&source.path);
        Self::build_as(source, format)
    }

    /// Builds the document model of `source` read as `format`.
    pub fn build_as(source: &SourceFile, format: Format) -> Document {
        let text = &source.text;
        let Built {
            mut mask,
            mut blocks,
            front_matter,
            references,
            suppressions,
        } = match format {
            Format::Markdown => markdown::build(text),
            Format::Plain => plain::build(text),
        };
        blank_urls(text, &mut mask);
        for b in &mut blocks {
            b.span = mask.trim(b.span);
        }
        blocks.retain(|b| !b.span.is_empty());
        boilerplate::strip(text, &mut mask, &mut blocks);
        let dateline = dateline::find(text, &mut mask, &mut blocks);
        for b in &mut blocks {
            if b.kind == BlockKind::Paragraph && CAPTION.is_match(mask.slice(b.span)) {
                b.kind = BlockKind::Caption;
            }
        }
        let blocks = blocks
            .into_iter()
            .map(|b| Block {
                kind: b.kind,
                span: mask.trim(b.span),
            })
            .filter(|b| !b.span.is_empty())
            .collect();
        Document {
            format,
            prose: mask.into_string(),
            blocks,
            front_matter,
            dateline,
            references,
            suppressions,
        }
    }

    /// The prose text of a block (spaces where markup was).
    ///
    /// ```
    /// use citecheck::document::{BlockKind, Document};
    /// use citecheck::source::SourceFile;
    /// let src = SourceFile::new("a.md", "Figure: A *harbour* crane.\n\nFigure 2 shows cranes.\n");
    /// let doc = Document::build(&src);
    /// assert_eq!(doc.blocks[0].kind, BlockKind::Caption);
    /// assert_eq!(doc.block_text(&doc.blocks[0]), "Figure: A  harbour  crane.");
    /// assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
    /// ```
    pub fn block_text(&self, block: &Block) -> &str {
        block.span.slice(&self.prose)
    }
}

/// A block as a format reader finds it, before boilerplate and the dateline are removed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawBlock {
    pub kind: BlockKind,
    pub span: Span,
    /// The Markdown heading level (1–6), 0 for everything else.
    pub level: u8,
}

/// What a format reader hands back.
#[derive(Debug, Default)]
pub(crate) struct Built {
    pub mask: Mask,
    pub blocks: Vec<RawBlock>,
    pub front_matter: Option<FrontMatter>,
    pub references: Option<ReferenceSection>,
    pub suppressions: Vec<Suppression>,
}

/// "Figure:", "Figure 2.", "Fig. 3a:", "Table 1 |": a label then `:` `.` or `|`, so prose
/// such as "Figure 2 shows…" is not taken for a caption.
pub(crate) static CAPTION: LazyLock<crate::pattern::Short> = LazyLock::new(|| {
    crate::pattern::Short::new(
        r"^(?:Figure|Fig\.|Table|Chart|Exhibit|Graph|Map|Plate|Box)(?:\s+(?:\d+[A-Za-z]?|[A-Z]|[IVX]+))?\s*[:.|]",
    )
    .unwrap_or_else(|e| unreachable!("caption regex: {e}"))
});

static URL: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    // ASCII word boundaries keep this on the regex crate's fast DFA path.
    regex::bytes::Regex::new(r#"(?i)(?-u:\b)(?:https?://|ftp://|www\.)[^\s<>"“”‘’]+"#)
        .unwrap_or_else(|e| unreachable!("url regex: {e}"))
});

/// Bare URLs and e-mail addresses in prose are not prose. Trailing sentence punctuation and
/// an unbalanced closing bracket stay, so "see www.x.org." still ends a sentence.
fn blank_urls(text: &str, mask: &mut Mask) {
    let bytes = mask.as_bytes();
    let mut found: Vec<Span> = URL
        .find_iter(bytes)
        .map(|m| {
            let url = m.as_bytes();
            let mut end = url.len();
            while end > 0 {
                let c = url[end - 1];
                let unbalanced = (c == b')' && !url[..end].contains(&b'('))
                    || (c == b']' && !url[..end].contains(&b'['));
                if b".,;:!?'\"".contains(&c) || unbalanced {
                    end -= 1;
                } else {
                    break;
                }
            }
            Span::new(m.start(), m.start() + end)
        })
        .collect();
    found.extend(emails(bytes));
    for span in found {
        mask.clear(text, span);
    }
}

/// E-mail addresses, found from each `@`: a local part of `[A-Za-z0-9._%+-]` before it and a
/// domain with at least one dot after it. Each byte is looked at a bounded number of times.
fn emails(b: &[u8]) -> Vec<Span> {
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let domain = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
    let mut out = Vec::new();
    let mut floor = 0; // never scan back over a previous match
    for at in memchr::memchr_iter(b'@', b) {
        if at < floor {
            continue;
        }
        let mut s = at;
        while s > floor && at - s < 64 && local(b[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < b.len() && e - at < 256 && domain(b[e]) {
            e += 1;
        }
        while e > at + 1 && b[e - 1] == b'.' {
            e -= 1;
        }
        let dom = &b[at + 1..e];
        if s < at && dom.contains(&b'.') && !dom.starts_with(b".") {
            out.push(Span::new(s, e));
            floor = e;
        }
    }
    out
}

/// The patterns every document needs, one compiling task each (see `crate::warm_up`);
/// `dateline`, `suppress` and `boilerplate` list their own.
pub(crate) const WARM_UP: &[fn()] = crate::warm_up_tasks![CAPTION, URL];

pub(crate) use boilerplate::WARM_UP as BOILERPLATE_WARM_UP;
pub(crate) use dateline::WARM_UP as DATELINE_WARM_UP;
pub(crate) use suppress::WARM_UP as SUPPRESS_WARM_UP;

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(path: &str, text: &str) -> String {
        Document::build(&SourceFile::new(path, text)).prose
    }

    #[test]
    fn urls_and_emails_are_blanked() {
        let p = prose(
            "a.txt",
            "Intro.\n\nSee www.x.org/a_(b). Mail jo.e+1@ex.co.uk. Or (https://y.org/z).\n",
        );
        assert_eq!(
            p,
            "Intro.\n\nSee                . Mail                . Or (               ).\n"
        );
        assert_eq!(
            prose("a.txt", "Intro.\n\n@ a@b x@y.\n"),
            "Intro.\n\n@ a@b x@y.\n"
        );
    }

    #[test]
    fn mask_length_always_matches() {
        for t in [
            "",
            "\u{feff}",
            "é\r\n",
            "# é\n\n```\ncode\n",
            "---\na: b\n---\n",
        ] {
            for path in ["a.md", "a.txt"] {
                assert_eq!(prose(path, t).len(), t.len(), "{path}: {t:?}");
            }
        }
    }
}
