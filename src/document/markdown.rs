//! Markdown: prose found with pulldown-cmark's byte offsets.
//!
//! Only the text of paragraphs, headings, list items, block quotes, table cells and footnote
//! definitions is copied into the mask, and only text events: link text stays, while link
//! destinations and titles, image alt text, autolinks, inline and block code, HTML, front
//! matter, footnote references and every Markdown marker (`#`, `>`, bullets, emphasis, table
//! pipes and delimiter rows) stay blank. HTML is read only for suppression comments. A
//! reference section (see `super::references`) is blanked and its entries collected.

use super::mask::Mask;
use super::references::{is_reference_title, paragraph_entries, push_trimmed};
use super::{BlockKind, Built, RawBlock, ReferenceSection, front_matter, suppress};
use crate::source::Span;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// A heading level for "a paragraph that only says References": ended by any heading.
const PARAGRAPH_TITLE_LEVEL: u8 = 7;

pub(crate) fn build(text: &str) -> Built {
    build_in_chunks(text, CHUNK_BYTES)
}

/// The document model of `text` (Markdown) parsed in pieces of at least `min_bytes`, written
/// out with `{:?}`: for the fuzz target that compares pieces with the whole.
#[doc(hidden)]
pub fn model_in_pieces(text: &str, min_bytes: usize) -> String {
    format!("{:?}", build_in_chunks(text, min_bytes))
}

/// [`build`], handing pulldown-cmark pieces of at least `min_bytes` (see [`chunks`]).
fn build_in_chunks(text: &str, min_bytes: usize) -> Built {
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text.get(base..).unwrap_or("");
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let cuts = chunks(body, min_bytes);
    if cuts.len() > 1
        && let Some(st) = parse_pieces(text, base, &cuts, options)
    {
        return st.finish();
    }
    let mut st = State::new(text);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        st.event(event, Span::new(range.start + base, range.end + base));
    }
    st.finish()
}

/// The events of the pieces `cuts` of the body (the text after `base`), or `None` when a piece
/// leaves a fence or HTML block open at its end. A cut follows a blank line, so a block that
/// the whole document would carry across it (one the cutter misread) runs to the end of its
/// piece, over that blank line; without one a piece parses as the whole document does, and
/// the document is otherwise parsed whole.
fn parse_pieces<'t>(
    text: &'t str,
    base: usize,
    cuts: &[std::ops::Range<usize>],
    options: Options,
) -> Option<State<'t>> {
    use rayon::prelude::*;
    let body = text.get(base..)?;
    let mut st = State::new(text);
    // The pieces' parses are independent, so they run a pool's width at a time, in parallel;
    // their events are handed on in order, since reading them into the model is not.
    let width = rayon::current_num_threads().max(1);
    let mut parsed = Vec::new();
    for (i, cut) in cuts.iter().enumerate() {
        if parsed.is_empty() {
            let next = cuts.get(i..).unwrap_or(&[]);
            parsed = next
                .get(..width.min(next.len()))
                .unwrap_or(&[])
                .par_iter()
                .map(|cut| {
                    body.get(cut.clone()).map(|part| {
                        Parser::new_ext(part, options)
                            .into_offset_iter()
                            .collect::<Vec<_>>()
                    })
                })
                .collect::<Vec<_>>();
            parsed.reverse();
        }
        let from = cut.start;
        let part = body.get(cut.clone())?;
        let events = parsed.pop()??;
        if i + 1 < cuts.len() {
            // The end of the piece's last line with something on it.
            let content = part.trim_end_matches(['\n', '\r', ' ', '\t']).len();
            let last_line_end = part
                .get(content..)
                .and_then(|rest| rest.find('\n'))
                .map_or(part.len(), |i| content + i + 1);
            // Only a fenced code block or an HTML block that no blank line ends can run on
            // under a heading at column one; list items and indented code may reach over the
            // blank line, but the heading ends them in the whole document too.
            let runs_on = |e: &Event| {
                matches!(
                    e,
                    Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_)))
                        | Event::Start(Tag::HtmlBlock)
                )
            };
            if events
                .iter()
                .any(|(e, r)| r.end > last_line_end && runs_on(e))
            {
                return None;
            }
        }
        for (event, range) in events {
            st.event(
                event,
                Span::new(range.start + from + base, range.end + from + base),
            );
        }
    }
    Some(st)
}

/// How much Markdown pulldown-cmark is given at once, about: its tree of a document is larger
/// than the document (75 MB for a 50 MB one), so a long document is parsed in pieces.
const CHUNK_BYTES: usize = 1 << 20;

/// Where `body` can be cut into pieces that parse, one after the other, into exactly the
/// events of the whole: before an ATX heading at the start of a line that follows a blank line,
/// which ends every open list, block quote, paragraph, table and indented code block, when no
/// fenced code block or HTML block that a blank line does not end (a comment, `<pre>`,
/// `<script>`, …) is open. A document with anything that looks like a link reference or
/// footnote definition (`]:`) is parsed whole: a reference may be used before or after its
/// definition, in another piece. Pieces are at least `min_bytes` long, but for the last.
fn chunks(body: &str, min_bytes: usize) -> Vec<std::ops::Range<usize>> {
    let whole = std::iter::once(0..body.len()).collect();
    if body.len() < min_bytes.saturating_mul(2)
        || memchr::memmem::find(body.as_bytes(), b"]:").is_some()
    {
        return whole;
    }
    let mut out = Vec::new();
    let mut start = 0;
    // pulldown-cmark opens a metadata block at any line `---` or `+++` whose closing line
    // comes anywhere later, front matter or not, blank lines and headings and all: no cut
    // between the first line that may open one and the last that may close one.
    let (mut no_cut_from, mut no_cut_to) = (usize::MAX, 0);
    for (line_start, content, next) in lines(body) {
        // An opener may end in any ASCII whitespace; reading closers as loosely only widens
        // the stretch.
        match content.trim_end_matches(|c: char| c.is_ascii_whitespace()) {
            "---" | "+++" => {
                no_cut_from = no_cut_from.min(line_start);
                no_cut_to = next;
            }
            "..." => no_cut_to = next,
            _ => {}
        }
    }
    let mut open: Option<Open> = None;
    let mut blank_before = false;
    for (line_start, content, _) in lines(body) {
        let blank = is_blank(content);
        if let Some(o) = &open {
            if o.closed_by(content) {
                open = None;
            }
            blank_before = blank;
            continue;
        }
        let in_metadata = no_cut_from < line_start && line_start < no_cut_to;
        if blank_before
            && is_atx_heading(content)
            && !in_metadata
            && line_start - start >= min_bytes
        {
            out.push(start..line_start);
            start = line_start;
        }
        open = Open::by(content);
        blank_before = blank;
    }
    out.push(start..body.len());
    out
}

/// The lines of `text` as CommonMark reads them (ended by `\n`, `\r\n` or a lone `\r`): where
/// each starts, its content without the line ending, and where the next starts.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let (end, next) = match memchr::memchr2(b'\n', b'\r', bytes.get(start..)?) {
            Some(i)
                if bytes.get(start + i) == Some(&b'\r')
                    && bytes.get(start + i + 1) == Some(&b'\n') =>
            {
                (start + i, start + i + 2)
            }
            Some(i) => (start + i, start + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        at = next;
        Some((start, text.get(start..end).unwrap_or(""), next))
    })
}

/// A blank line in CommonMark's sense: nothing but spaces and tabs (not every Unicode space).
fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t')
}

/// An ATX heading that starts at the line's first column.
fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && matches!(line.as_bytes().get(hashes), None | Some(b' ' | b'\t'))
}

/// A block whose end the cutter waits for, opened on some line.
enum Open {
    /// A code fence: its character and length.
    Fence(u8, usize),
    /// An HTML block ended by a line that holds this (lowercase).
    Html(&'static str),
    /// Something that may be an HTML block that a blank line ends.
    UntilBlank,
}

/// HTML blocks that a blank line does not end: how they open and what ends them.
const HTML_BLOCKS: [(&str, &str); 8] = [
    ("<!--", "-->"),
    ("<?", "?>"),
    ("<![cdata[", "]]>"),
    ("<script", "</script>"),
    ("<pre", "</pre>"),
    ("<style", "</style>"),
    ("<textarea", "</textarea>"),
    ("<!", ">"),
];

impl Open {
    /// What `line` opens, when it may start a block: indented at most three spaces. A fence
    /// or HTML block inside a list item or block quote ends with its container, before any
    /// heading at column one, so container markers are not looked behind; a fence in a list
    /// item indented like a top-level one is taken as one, which only means fewer cuts.
    fn by(line: &str) -> Option<Open> {
        let indent = line.bytes().take_while(|&b| b == b' ').count();
        if indent > 3 {
            return None;
        }
        let t = line.get(indent..).unwrap_or_default();
        for fence in [b'`', b'~'] {
            let n = t.bytes().take_while(|&b| b == fence).count();
            if n >= 3 {
                return Some(Open::Fence(fence, n));
            }
        }
        if !t.starts_with('<') {
            return None;
        }
        let lower = t.to_ascii_lowercase();
        for (start, end) in HTML_BLOCKS {
            if lower.starts_with(start) {
                let closed = lower.get(start.len()..).is_some_and(|r| r.contains(end));
                return (!closed).then_some(Open::Html(end));
            }
        }
        Some(Open::UntilBlank)
    }

    fn closed_by(&self, line: &str) -> bool {
        match *self {
            Open::Fence(c, n) => {
                let indent = line.bytes().take_while(|&b| b == b' ').count();
                let t = line.get(indent..).unwrap_or_default();
                let run = t.bytes().take_while(|&b| b == c).count();
                indent <= 3 && run >= n && t.get(run..).is_some_and(is_blank)
            }
            Open::Html(end) => line.to_ascii_lowercase().contains(end),
            Open::UntilBlank => is_blank(line),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    BlockQuote,
    Item,
    Other,
}

#[derive(Debug)]
struct Leaf {
    kind: BlockKind,
    level: u8,
    /// The extent of the prose copied so far.
    prose: Option<Span>,
}

#[derive(Debug)]
struct Refs {
    level: u8,
    heading: Span,
    body_start: usize,
    /// Open block elements inside the section.
    depth: usize,
    entries: Vec<Span>,
}

struct State<'t> {
    text: &'t str,
    mask: Mask,
    built: Built,
    containers: Vec<Container>,
    leaf: Option<Leaf>,
    /// Open elements whose text is not prose (code, HTML, images, front matter, autolinks).
    skip: usize,
    /// For each open link: whether it is an autolink (its text is a URL, not prose).
    links: Vec<bool>,
    refs: Option<Refs>,
    /// Where an inline HTML comment that spans several events began.
    open_comment: Option<usize>,
    /// Open inline HTML elements whose content is not prose (`<sup>`, `<code>`, …); reset at
    /// the end of each block so an unclosed tag cannot hide the rest of the file.
    html_skip: usize,
}

/// Inline HTML elements whose content is not prose: footnote marks, code, keyboard keys.
const SKIPPED_INLINE_TAGS: [&str; 8] = [
    "sup", "sub", "code", "kbd", "samp", "var", "script", "style",
];

/// `Some(true)` for an opening and `Some(false)` for a closing tag of [`SKIPPED_INLINE_TAGS`].
fn skipped_inline_tag(html: &str) -> Option<bool> {
    let rest = html.strip_prefix('<')?;
    let (open, rest) = match rest.strip_prefix('/') {
        Some(r) => (false, r),
        None => (true, rest),
    };
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = rest.get(..name_len)?;
    let self_closing = html.ends_with("/>");
    (SKIPPED_INLINE_TAGS
        .iter()
        .any(|t| t.eq_ignore_ascii_case(name))
        && !self_closing)
        .then_some(open)
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

impl<'t> State<'t> {
    fn new(text: &'t str) -> Self {
        State {
            text,
            mask: Mask::blank(text),
            built: Built::default(),
            containers: Vec::new(),
            leaf: None,
            skip: 0,
            links: Vec::new(),
            refs: None,
            open_comment: None,
            html_skip: 0,
        }
    }

    fn container_kind(&self) -> BlockKind {
        for c in self.containers.iter().rev() {
            match c {
                Container::Item => return BlockKind::ListItem,
                Container::BlockQuote => return BlockKind::BlockQuote,
                Container::Other => {}
            }
        }
        BlockKind::Paragraph
    }

    fn open_leaf(&mut self, kind: BlockKind, level: u8) {
        self.flush();
        self.leaf = Some(Leaf {
            kind,
            level,
            prose: None,
        });
    }

    fn flush(&mut self) {
        self.html_skip = 0;
        if let Some(leaf) = self.leaf.take()
            && let Some(span) = leaf.prose
        {
            self.built.blocks.push(RawBlock {
                kind: leaf.kind,
                span,
                level: leaf.level,
            });
        }
    }

    /// Keeps a text event: the source as written, or for an entity (`&amp;`, `&#8217;`) what
    /// it stands for, padded to the entity's length.
    fn keep_text(&mut self, decoded: &str, span: Span) {
        let source = span.slice(self.text);
        if source.starts_with('&') && source.ends_with(';') && decoded != source {
            self.mask.keep_decoded(self.text, span, decoded);
            self.extend_leaf(span);
        } else {
            self.keep(span);
        }
    }

    fn keep(&mut self, span: Span) {
        self.mask.keep(self.text, span);
        self.extend_leaf(span);
    }

    fn extend_leaf(&mut self, span: Span) {
        if self.leaf.is_none() {
            let kind = self.container_kind();
            self.leaf = Some(Leaf {
                kind,
                level: 0,
                prose: None,
            });
        }
        if let Some(leaf) = &mut self.leaf {
            leaf.prose = Some(leaf.prose.map_or(span, |p| p.cover(span)));
        }
    }

    /// The prose of the current leaf, when it is a reference-section title; the leaf is
    /// dropped and its text blanked.
    fn take_reference_title(&mut self) -> bool {
        let Some(prose) = self.leaf.as_ref().and_then(|l| l.prose) else {
            return false;
        };
        if !is_reference_title(self.mask.slice(prose)) {
            return false;
        }
        self.mask.clear(self.text, prose);
        self.leaf = None;
        true
    }

    fn event(&mut self, event: Event, span: Span) {
        if self.refs.is_some() {
            self.ref_event(&event, span);
            if self.refs.is_some() {
                return;
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag, span),
            Event::Text(t) if self.skip == 0 && self.html_skip == 0 => self.keep_text(&t, span),
            // HTML block lines: the whole block was scanned at its start.
            Event::InlineHtml(html) => self.inline_html(&html, span),
            // Inline code, math, footnote references, task markers, rules, breaks: not prose
            // (the newline of a break is kept by the mask anyway).
            _ => {}
        }
    }

    fn inline_html(&mut self, html: &str, span: Span) {
        if let Some(open) = skipped_inline_tag(html) {
            if open {
                self.html_skip += 1;
            } else {
                self.html_skip = self.html_skip.saturating_sub(1);
            }
            return;
        }
        let opens = html.starts_with("<!--");
        let closes = html.contains("-->");
        match (opens, closes, self.open_comment) {
            (true, true, _) => suppress::scan(self.text, span, &mut self.built.suppressions),
            (true, false, _) => self.open_comment = Some(span.start),
            (false, true, Some(start)) => {
                self.open_comment = None;
                let whole = Span::new(start, span.end);
                suppress::scan(self.text, whole, &mut self.built.suppressions);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, span: Span) {
        if !is_inline(&tag) {
            self.flush();
        }
        match tag {
            Tag::Paragraph => {
                let kind = self.container_kind();
                self.open_leaf(kind, 0);
            }
            Tag::Heading { level, .. } => self.open_leaf(BlockKind::Heading, level_num(level)),
            Tag::TableCell => self.open_leaf(BlockKind::TableCell, 0),
            Tag::BlockQuote(_) => self.containers.push(Container::BlockQuote),
            Tag::Item => self.containers.push(Container::Item),
            Tag::List(_) | Tag::FootnoteDefinition(_) | Tag::Table(_) => {
                self.containers.push(Container::Other)
            }
            Tag::CodeBlock(_) => self.skip += 1,
            Tag::HtmlBlock => {
                self.skip += 1;
                suppress::scan(self.text, span, &mut self.built.suppressions);
            }
            Tag::MetadataBlock(_) => {
                self.skip += 1;
                if self.built.front_matter.is_none() {
                    self.built.front_matter = Some(front_matter::parse(self.text, span));
                }
            }
            Tag::Image { .. } => self.skip += 1,
            Tag::Link { link_type, .. } => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.links.push(auto);
                if auto {
                    self.skip += 1;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, span: Span) {
        match tag {
            TagEnd::Heading(level) if self.take_reference_title() => {
                self.begin_refs(level_num(level), span);
                return;
            }
            TagEnd::Paragraph => {
                let top_level = self.containers.is_empty();
                if top_level && self.take_reference_title() {
                    self.begin_refs(PARAGRAPH_TITLE_LEVEL, span);
                    return;
                }
            }
            TagEnd::BlockQuote(_)
            | TagEnd::Item
            | TagEnd::List(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::Table => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => {
                self.skip = self.skip.saturating_sub(1);
            }
            TagEnd::Link => {
                let auto = self.links.pop() == Some(true);
                self.skip = self.skip.saturating_sub(usize::from(auto));
            }
            _ => {}
        }
        if !is_inline_end(&tag) {
            self.flush();
        }
    }

    fn begin_refs(&mut self, level: u8, heading: Span) {
        let mut heading_trimmed = Vec::new();
        push_trimmed(self.text, heading, &mut heading_trimmed);
        self.refs = Some(Refs {
            level,
            heading: heading_trimmed.first().copied().unwrap_or(heading),
            body_start: heading.end,
            depth: 0,
            entries: Vec::new(),
        });
    }

    /// An event inside a reference section: collect entries; end the section at a heading of
    /// the same or a higher level.
    fn ref_event(&mut self, event: &Event, span: Span) {
        let Some(refs) = &mut self.refs else {
            return;
        };
        match event {
            Event::Start(Tag::Heading { level, .. })
                if level_num(*level) <= refs.level && refs.depth == 0 =>
            {
                let body = Span::new(refs.body_start, span.start);
                self.end_refs(body);
            }
            Event::Start(tag) if !is_inline(tag) => {
                let top_paragraph = refs.depth == 0 && matches!(tag, Tag::Paragraph);
                let top_item = refs.depth == 1 && matches!(tag, Tag::Item);
                if top_paragraph {
                    paragraph_entries(self.text, span, &mut refs.entries);
                } else if top_item {
                    push_trimmed(self.text, span, &mut refs.entries);
                }
                refs.depth += 1;
            }
            Event::End(tag) if !is_inline_end(tag) => refs.depth = refs.depth.saturating_sub(1),
            Event::Html(_) | Event::InlineHtml(_) => {
                suppress::scan(self.text, span, &mut self.built.suppressions)
            }
            _ => {}
        }
    }

    fn end_refs(&mut self, body: Span) {
        let Some(refs) = self.refs.take() else {
            return;
        };
        let mut body_trimmed = Vec::new();
        push_trimmed(self.text, body, &mut body_trimmed);
        let body = body_trimmed
            .first()
            .copied()
            .unwrap_or(Span::new(body.start, body.start));
        match &mut self.built.references {
            // A second section ("Sources" after "References") joins the first.
            Some(section) => {
                section.body = section.body.cover(body);
                section.entries.extend(refs.entries);
            }
            None => {
                self.built.references = Some(ReferenceSection {
                    heading: refs.heading,
                    body,
                    entries: refs.entries,
                })
            }
        }
    }

    fn finish(mut self) -> Built {
        self.flush();
        if let Some(refs) = &self.refs {
            let body = Span::new(refs.body_start, self.text.len());
            self.end_refs(body);
        }
        self.built.mask = self.mask;
        self.built
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the document model makes of `text` parsed in pieces of at least `min_bytes`.
    fn built(text: &str, min_bytes: usize) -> String {
        format!("{:?}", build_in_chunks(text, min_bytes))
    }

    fn pieces(text: &str) -> usize {
        let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
        chunks(text.get(base..).unwrap_or(""), 1).len()
    }

    #[test]
    fn pieces_parse_into_exactly_the_whole() {
        let text = "---\ndate: 2025-01-02\n---\n# One\n\nGrew 5% (Reuters, May 2025).\n\n\
                    - a list\n- of items\n\n# Two\n\n> quoted (AP, 2024)\n\n## Three\n\n\
                    | a | b |\n|---|---|\n| 1 | 2 |\n\n# Four\n\nText *with* `code`.\n";
        assert_eq!(pieces(text), 4);
        let cuts = chunks(text, 1);
        let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        assert!(parse_pieces(text, 0, &cuts, options).is_some());
        assert_eq!(built(text, 1), built(text, usize::MAX));
        // A fence the cutter cannot see (opened under a line it took for HTML) is caught by
        // the parse of its piece, which runs it over the blank line before the cut.
        let hidden = "<span>x</span>\n```\n\n# Heading\n";
        let cuts = chunks(hidden, 1);
        assert_eq!(cuts.len(), 2);
        assert!(parse_pieces(hidden, 0, &cuts, options).is_none());
        assert_eq!(built(hidden, 1), built(hidden, usize::MAX));
    }

    #[test]
    fn no_cut_inside_fences_or_html_blocks() {
        let fenced = "# A\n\n```sh\necho\n\n# a shell comment\n```\n\n# B\n\ntext\n";
        let cuts = chunks(fenced, 1);
        assert_eq!(cuts.len(), 2, "{cuts:?}");
        assert!(fenced[cuts[1].clone()].starts_with("# B"));
        let comment = "# A\n\n<!-- a note\n\n# not a heading\n-->\n\n# B\n";
        let cuts = chunks(comment, 1);
        assert_eq!(cuts.len(), 2, "{cuts:?}");
        assert!(comment[cuts[1].clone()].starts_with("# B"));
        let pre = "# A\n\n<pre>\n\n# kept\n</pre>\n\n# B\n";
        assert_eq!(chunks(pre, 1).len(), 2);
        // A definition may be used in another piece: such a document is parsed whole.
        let refs = "# A\n\nSee [the report][r].\n\n# B\n\n[r]: https://example.org\n";
        assert_eq!(chunks(refs, 1).len(), 1);
        assert_eq!(built(refs, 1), built(refs, usize::MAX));
        for t in [fenced, comment, pre] {
            assert_eq!(built(t, 1), built(t, usize::MAX), "{t:?}");
        }
    }

    #[test]
    fn only_spaces_and_tabs_make_a_blank_line() {
        // A review found these: a no-break or ideographic space is not a blank line, so the
        // HTML block and the hidden fence run on over it in the whole parse.
        for t in [
            "<div>\n\u{a0}\n# H\n",
            "<div>\n\u{3000}\n# H\n",
            "a\n<span>\n```\n\u{a0}\n# H\n```\n",
        ] {
            assert_eq!(built(t, 1), built(t, usize::MAX), "{t:?}");
        }
    }

    #[test]
    fn metadata_openers_may_end_in_any_ascii_space() {
        for t in ["---\t\nx\n\n# H\n---\n", "+++\t\nx\n\n# H\n+++\n"] {
            assert_eq!(chunks(t, 1).len(), 1, "{t:?}");
            assert_eq!(built(t, 1), built(t, usize::MAX), "{t:?}");
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let lines: Vec<_> = lines("a\rb\r\nc\nd").map(|(_, l, _)| l).collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        let t = "# A\r\rtext\r\r# B\r\rmore\r";
        assert_eq!(chunks(t, 1).len(), 2);
        assert_eq!(built(t, 1), built(t, usize::MAX));
    }

    #[test]
    fn every_fixture_parses_in_pieces_as_a_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut cut = 0;
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.expect("fixtures are readable");
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("fixtures are UTF-8");
            if pieces(&text) > 1 {
                cut += 1;
            }
            assert_eq!(
                built(&text, 1),
                built(&text, usize::MAX),
                "{}",
                entry.path().display()
            );
        }
        assert!(cut >= 10, "only {cut} fixtures were cut into pieces");
    }

    mod pieces {
        use super::*;
        use proptest::prelude::*;

        /// Lines that open, close or sit inside the blocks the cutter must not cut.
        fn line() -> impl Strategy<Value = &'static str> {
            prop::sample::select(vec![
                "# Heading",
                "# Heading",
                "# Heading",
                "## Sub",
                "#not",
                "",
                "",
                "",
                "",
                "",
                "",
                "Text (Smith, 2020).",
                "more text",
                "```",
                "~~~",
                "````",
                "  ```",
                "    ```",
                "    code",
                "<!--",
                "-->",
                "<!-- one line -->",
                "<pre>",
                "</pre>",
                "<div>",
                "</div>",
                "<script>",
                "</script>",
                "<?php",
                "?>",
                "- item",
                "* item",
                "1. item",
                "  - nested",
                "> quote",
                "> ```",
                ">",
                "| a | b |",
                "|---|---|",
                "***",
                "---",
                "Title",
                "===",
                "[^1]",
                "<span>x</span>",
                "\\# escaped",
                "\t# tab",
                "- ```",
                "  <!--",
                "   ",
                "# H\r",
                "\r",
                "> # q",
                "<div>x",
                "text <!--",
                "[x]",
                "    # indented",
                "...",
                "+++",
                "key: v",
                "---  ",
                "- - -",
                "<!-- -->",
                "```rust",
                "\u{a0}",
                "\u{3000}",
                "---\t",
                "+++\t",
                "a\r# H",
                "x\r",
                "\t",
                "<div>\n\u{a0}",
            ])
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn pieces_parse_as_the_whole(lines in prop::collection::vec(line(), 0..40)) {
                let text = lines.join("\n");
                prop_assert_eq!(built(&text, 1), built(&text, usize::MAX), "{:?}", text);
            }
        }
    }

    fn prose(text: &str) -> String {
        build(text).mask.into_string()
    }

    fn blocks(text: &str) -> Vec<(BlockKind, String)> {
        let b = build(text);
        b.blocks
            .iter()
            .map(|x| (x.kind, b.mask.slice(x.span).to_string()))
            .collect()
    }

    #[test]
    fn mask_keeps_length_and_lines() {
        let t = "# Title\n\nSome *text* with `code` and [a link](https://x.org \"t\").\r\n";
        let p = prose(t);
        assert_eq!(p.len(), t.len());
        let link_target = " ".repeat("](https://x.org \"t\")".len());
        assert_eq!(
            p,
            format!("  Title\n\nSome  text  with        and  a link{link_target}.\r\n")
        );
    }

    #[test]
    fn code_html_images_autolinks_are_not_prose() {
        let t = "```\nlet x = 1;\n```\n\n    indented\n\n<div>\nhtml\n</div>\n\nSee ![alt text](a.png) and <https://x.org> now.\n";
        let p = prose(t);
        assert!(!p.contains("let"));
        assert!(!p.contains("indented"));
        assert!(!p.contains("html"));
        assert!(!p.contains("alt"));
        assert!(!p.contains("x.org"));
        assert!(p.contains("See"));
        assert!(p.contains("now."));
    }

    #[test]
    fn block_kinds() {
        let t = "# H\n\nPara one\ncontinues.\n\n- tight item\n- second\n\n> quoted *text*\n\n| a | b |\n|---|---|\n| c | d |\n";
        assert_eq!(
            blocks(t),
            vec![
                (BlockKind::Heading, "H".into()),
                (BlockKind::Paragraph, "Para one\ncontinues.".into()),
                (BlockKind::ListItem, "tight item".into()),
                (BlockKind::ListItem, "second".into()),
                (BlockKind::BlockQuote, "quoted  text".into()),
                (BlockKind::TableCell, "a".into()),
                (BlockKind::TableCell, "b".into()),
                (BlockKind::TableCell, "c".into()),
                (BlockKind::TableCell, "d".into()),
            ]
        );
    }

    #[test]
    fn loose_and_nested_lists() {
        let t = "1. First item.\n\n   Second paragraph.\n2. Other\n   - nested\n";
        assert_eq!(
            blocks(t),
            vec![
                (BlockKind::ListItem, "First item.".into()),
                (BlockKind::ListItem, "Second paragraph.".into()),
                (BlockKind::ListItem, "Other".into()),
                (BlockKind::ListItem, "nested".into()),
            ]
        );
    }

    #[test]
    fn front_matter_and_bom() {
        let t = "\u{feff}---\ndate: 2025-08-11\n---\n\nBody.\n";
        let b = build(t);
        let fm = b.front_matter.expect("front matter");
        assert_eq!(fm.get("date").map(|f| f.value.as_str()), Some("2025-08-11"));
        assert_eq!(b.mask.slice(Span::new(0, t.len())).trim(), "Body.");
        let t = "+++\ndate = \"2025-08-11\"\n+++\n\nBody.\n";
        assert!(build(t).front_matter.is_some());
    }

    #[test]
    fn reference_section_runs_to_next_heading_of_same_level() {
        let t = "# T\n\nText.\n\n## References\n\nSmith, J. (2020). A.\n\n- Lee, K. (2019). B.\n- Kim (2018). C.\n\n### Sub\n\nStill refs.\n\n## Next\n\nProse again.\n";
        let b = build(t);
        let r = b.references.expect("section");
        assert_eq!(r.heading.slice(t), "## References");
        let entries: Vec<&str> = r.entries.iter().map(|e| e.slice(t)).collect();
        assert_eq!(
            entries,
            vec![
                "Smith, J. (2020). A.",
                "- Lee, K. (2019). B.",
                "- Kim (2018). C.",
                "Still refs."
            ]
        );
        assert!(r.body.slice(t).ends_with("Still refs."));
        let p = b.mask.into_string();
        assert!(!p.contains("Smith") && !p.contains("References") && !p.contains("Sub"));
        assert!(p.contains("Prose again.") && p.contains("Next"));
    }

    #[test]
    fn bold_paragraph_title_starts_a_section() {
        let t = "Text.\n\n**Works Cited:**\n\nSmith, J. (2020). A.\n";
        let b = build(t);
        assert_eq!(b.references.map(|r| r.entries.len()), Some(1));
        assert!(!b.mask.into_string().contains("Smith"));
    }

    #[test]
    fn suppressions_in_html_blocks_and_inline() {
        let t = "<!-- citecheck-disable-file -->\n\nText <!-- citecheck-disable-next-line a --> here.\n";
        let b = build(t);
        assert_eq!(b.suppressions.len(), 2);
        assert!(!b.mask.into_string().contains("citecheck"));
    }

    #[test]
    fn entities_decode_and_inline_html_content() {
        let t = "Rates fell (Smith &amp; Lee, 2020)&nbsp;here<sup>3</sup> <span>kept</span> \\*x.\n\nNext <sub>unclosed\n\nStill prose.\n";
        let p = prose(t);
        assert_eq!(p.len(), t.len());
        assert!(p.contains("(Smith &     Lee, 2020)      here"), "{p}");
        assert!(!p.contains('3'));
        assert!(p.contains("kept") && p.contains("*x."));
        assert!(p.contains("Still prose."));
    }

    #[test]
    fn footnotes_and_escapes() {
        let t = "Claim here[^1].\n\n[^1]: The note text.\n";
        let p = prose(t);
        assert!(!p.contains("^1"));
        assert!(p.contains("The note text."));
    }
}
