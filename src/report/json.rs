//! `--format json`: the report of `../shared/CONTRACT.md`, pretty-printed.
//!
//! The document is written one file at a time ([`Stream`]): each file's part is a
//! [`fragment`] that a worker thread can serialise on its own, and the head, the separators
//! and the summary are laid around the fragments so that the bytes are exactly those of
//! `serde_json::to_string_pretty` on the whole [`Report`] (each file's values are written by
//! `pretty`, in serde's layout). A run over a large tree therefore
//! never holds every file's report, and the serialising is spread over the workers instead of
//! left to one thread at the end. Where the bytes go is the caller's business.

use super::pretty::WriteJson;
use super::spill::Spill;
use super::{FileReport, Report, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// The whole report as one string (what [`Stream`] writes, for tests and small callers).
pub fn render(report: &Report) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail; serialising plain data cannot either.
    let _ = write(report, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Writes the whole report through a [`Stream`].
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(64 * 1024, out);
    let mut stream = Stream::default();
    for f in &report.files {
        stream.file_report(f, &mut w)?;
    }
    stream.finish(&mut w)?;
    w.flush()
}

/// One file's part of the document, indented for its place in the `files` array.
pub fn fragment(file: &FileReport) -> Vec<u8> {
    // Roughly what the quoted claim texts and the fields around them come to.
    let quoted: usize = file.claims.iter().map(|c| c.text.len()).sum();
    let mut buf = Vec::with_capacity(4096 + 2 * quoted + 512 * file.diagnostics.len());
    // Writing into a Vec cannot fail.
    let _ = file_object(&mut buf, Head::of(file), |out, array| {
        // The arrays' keys sit at depth 3.
        match array {
            Array::Citations => file.citations.write_json(out, 3),
            Array::Claims => file.claims.write_json(out, 3),
            Array::Diagnostics => file.diagnostics.write_json(out, 3),
        }
        Ok(())
    });
    buf
}

/// What a file's object holds before its arrays.
struct Head<'a> {
    path: &'a str,
    published: &'a Option<String>,
    published_from: &'a Option<crate::PublishedFrom>,
}

impl<'a> Head<'a> {
    fn of(file: &'a FileReport) -> Head<'a> {
        // Every field named: one added to `FileReport` is a compile error here until
        // `file_object` writes it.
        let FileReport {
            path,
            published,
            published_from,
            citations: _,
            claims: _,
            diagnostics: _,
        } = file;
        Head {
            path,
            published,
            published_from,
        }
    }
}

/// A file's arrays, in the contract's order (the discriminant is the position).
#[derive(Clone, Copy)]
enum Array {
    Citations = 0,
    Claims = 1,
    Diagnostics = 2,
}

/// Writes a file's object at its place in the document (depth 2), as serde's derive lays out
/// a [`FileReport`]: its head, then each array's key and, by `array`, the array.
fn file_object<W: Write + ?Sized>(
    out: &mut W,
    head: Head<'_>,
    mut array: impl FnMut(&mut W, Array) -> io::Result<()>,
) -> io::Result<()> {
    out.write_all(b"{")?;
    key(out, true, "path")?;
    scalar(out, head.path)?;
    key(out, false, "published")?;
    scalar(out, head.published)?;
    key(out, false, "published_from")?;
    scalar(out, head.published_from)?;
    for (name, which) in [
        ("citations", Array::Citations),
        ("claims", Array::Claims),
        ("diagnostics", Array::Diagnostics),
    ] {
        key(out, false, name)?;
        array(out, which)?;
    }
    out.write_all(b"\n    }")
}

/// Elements serialised per task, and tasks per window, by [`write_fragment_in_slices`].
const SLICE: usize = 2048;
const WINDOW: usize = 32;

/// [`fragment`]'s bytes, with the arrays serialised in parallel (a unit test compares the
/// two).
fn write_fragment_in_slices(file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    // Depth 2 is the file's place in the document; its keys sit at depth 3, its arrays'
    // elements at depth 4.
    fn array<T: WriteJson + Sync>(out: &mut dyn Write, items: &[T]) -> io::Result<()> {
        if items.is_empty() {
            return out.write_all(b"[]");
        }
        out.write_all(b"[")?;
        write_items(out, items, 0)?;
        out.write_all(b"\n      ]")
    }
    file_object(out, Head::of(file), |out, which| match which {
        Array::Citations => array(out, &file.citations),
        Array::Claims => array(out, &file.claims),
        Array::Diagnostics => array(out, &file.diagnostics),
    })
}

/// A key of a file's object (depth 3), after its separator.
fn key<W: Write + ?Sized>(out: &mut W, first: bool, name: &str) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    out.write_all(b"      ")?;
    serde_json::to_writer(&mut *out, name).map_err(io::Error::from)?;
    out.write_all(b": ")
}

fn scalar<W: Write + ?Sized, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)
}

/// The elements of one of a file's arrays, `first` the index of the first in the array: each
/// after its separator and indented for depth 4, serialised in slices on the thread pool and
/// written in order, a window of slices at a time.
fn write_items<T: WriteJson + Sync>(
    out: &mut dyn Write,
    items: &[T],
    first: usize,
) -> io::Result<()> {
    use rayon::prelude::*;
    let slices: Vec<(usize, &[T])> = items
        .chunks(SLICE)
        .enumerate()
        .map(|(i, c)| (first + i * SLICE, c))
        .collect();
    for window in slices.chunks(WINDOW) {
        let parts: Vec<Vec<u8>> = window
            .par_iter()
            .map(|&(first, slice)| {
                let mut buf = Vec::new();
                for (k, item) in slice.iter().enumerate() {
                    buf.extend_from_slice(if first + k == 0 { b"\n" } else { b",\n" });
                    buf.extend_from_slice(b"        ");
                    item.write_json(&mut buf, 4);
                }
                buf
            })
            .collect();
        for p in parts {
            out.write_all(&p)?;
        }
    }
    Ok(())
}

/// One file's part of the document, gathered from the reports of its windows
/// (`crate::check_in_parts`) without holding them: each window's citations, claims and
/// diagnostics are serialised as they come into three spool files, which [`Spool::finish`]
/// joins into the fragment [`fragment`] would have written for the whole report.
pub struct Spool {
    head: Option<(String, Option<String>, Option<crate::PublishedFrom>)>,
    summary: Summary,
    arrays: [SpoolArray; 3],
}

/// Serialised elements of one array, in a temporary file (deleted when dropped) or, for
/// tests, in memory.
struct SpoolArray {
    len: usize,
    /// Opens its file when the first element comes: a file's spool that stays whole never
    /// makes one.
    to: Spill,
}

impl SpoolArray {
    fn new(in_memory: bool) -> SpoolArray {
        SpoolArray {
            len: 0,
            to: if in_memory {
                Spill::in_memory()
            } else {
                Spill::past_or_fail(0)
            },
        }
    }

    fn add<T: WriteJson + Sync>(&mut self, items: &[T]) -> io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        write_items(&mut self.to, items, self.len)?;
        self.len += items.len();
        Ok(())
    }

    fn seal(&mut self) -> io::Result<()> {
        self.to.seal()
    }

    fn copy_into(self, out: &mut dyn Write) -> io::Result<()> {
        if self.len == 0 {
            return out.write_all(b"[]");
        }
        out.write_all(b"[")?;
        self.to.copy_to(out, 0)?;
        out.write_all(b"\n      ]")
    }
}

impl Spool {
    /// A spool in temporary files (made when the first element comes; a file that cannot be
    /// made is an error of `add`); `in_memory` keeps it in memory instead (for tests).
    pub fn new(in_memory: bool) -> Spool {
        Spool {
            head: None,
            summary: Summary::default(),
            arrays: [
                SpoolArray::new(in_memory),
                SpoolArray::new(in_memory),
                SpoolArray::new(in_memory),
            ],
        }
    }

    /// Adds the next window's report (its indexes already the whole file's).
    pub fn add(&mut self, part: &FileReport) -> io::Result<()> {
        if self.head.is_none() {
            self.head = Some((
                part.path.clone(),
                part.published.clone(),
                part.published_from,
            ));
        }
        let part_summary = Summary::of(part);
        self.summary.add(&part_summary);
        let [citations, claims, diagnostics] = &mut self.arrays;
        citations.add(&part.citations)?;
        claims.add(&part.claims)?;
        diagnostics.add(&part.diagnostics)
    }

    /// Writes out what is buffered, so that [`Spool::finish`] only reads: a full disk is this
    /// file's error, found on its worker, not the output's.
    pub fn seal(&mut self) -> io::Result<()> {
        for a in &mut self.arrays {
            a.seal()?;
        }
        Ok(())
    }

    /// The counts of everything added, for the summary.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Writes the file's fragment.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        let (path, published, published_from) = self.head.unwrap_or_default();
        let head = Head {
            path: &path,
            published: &published,
            published_from: &published_from,
        };
        let mut arrays = self.arrays.map(Some);
        // `file_object` asks for each array once.
        file_object(out, head, |out, which| {
            match arrays.get_mut(which as usize).and_then(Option::take) {
                Some(a) => a.copy_into(out),
                None => out.write_all(b"[]"),
            }
        })
    }
}

/// The report written as its files arrive, in path order.
#[derive(Default)]
pub struct Stream {
    files: usize,
    summary: Summary,
}

impl Stream {
    /// Adds one file whose [`fragment`] was serialised elsewhere; `summary` is
    /// [`Summary::of`] that file.
    pub fn file(
        &mut self,
        fragment: &[u8],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.separator(out)?;
        self.summary.add(summary);
        out.write_all(fragment)
    }

    /// Adds one file, serialising it straight into `out` (for a file whose fragment would be
    /// too large to hold in memory next to its report): its arrays are serialised in slices on
    /// the thread pool and written in order, a window of slices at a time.
    pub fn file_report(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.separator(out)?;
        self.summary.add(&Summary::of(file));
        write_fragment_in_slices(file, out)
    }

    /// Adds one file gathered in a [`Spool`].
    pub fn spooled(&mut self, spool: Spool, out: &mut dyn Write) -> io::Result<()> {
        self.separator(out)?;
        self.summary.add(spool.summary());
        spool.finish(out)
    }

    fn separator(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.files == 0 {
            out.write_all(head_and_tail(&Summary::default()).0.as_bytes())?;
            out.write_all(b"\n    ")?;
        } else {
            out.write_all(b",\n    ")?;
        }
        self.files += 1;
        Ok(())
    }

    /// Closes the `files` array and writes the summary.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        self.summary.files = self.files;
        let (head, tail) = head_and_tail(&self.summary);
        if self.files == 0 {
            out.write_all(head.as_bytes())?;
            out.write_all(b"]")?;
        } else {
            out.write_all(b"\n  ]")?;
        }
        out.write_all(tail.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// The document around the files: everything up to and including `"files": [`, and everything
/// after the array's `]`, taken from serde_json's own pretty printing of an empty report so the
/// two can never drift apart.
fn head_and_tail(summary: &Summary) -> (String, String) {
    let mut empty = Report::new(Vec::new());
    empty.summary = summary.clone();
    let whole = serde_json::to_string_pretty(&empty).unwrap_or_default();
    const FILES: &str = "\"files\": [";
    match whole.find("\"files\": []") {
        Some(i) => {
            let cut = i + FILES.len();
            (
                whole.get(..cut).unwrap_or_default().to_string(),
                whole.get(cut + 1..).unwrap_or_default().to_string(),
            )
        }
        // The Report type always has a `files` field; this arm only keeps the code total.
        None => (whole, String::new()),
    }
}

/// serde_json's `PrettyFormatter` (two spaces), started at a given depth, so that a value
/// serialised alone reads as if it sat that deep in a larger document.
pub(crate) struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    pub(crate) fn at_depth(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        // One write for the usual depths rather than one per level.
        const SPACES: &[u8; 32] = b"                                ";
        match SPACES.get(..2 * self.depth) {
            Some(spaces) => w.write_all(spaces),
            None => (0..self.depth).try_for_each(|_| w.write_all(b"  ")),
        }
    }
}

impl Nested {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::SourceFile;

    fn pretty(report: &Report) -> String {
        let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
        s.push('\n');
        s
    }

    fn sample(path: &str) -> FileReport {
        let text = "August 11, 2025\n\nExports rose 12% in July (Harbour Gazette, July 2025). \
                    Experts suggest a 20% rise.\n\n- \"Quoted words here,\" she said (Smith & Lee, 2026, p. 4).\n";
        crate::check(&SourceFile::new(path, text), &Config::default())
    }

    #[test]
    fn streaming_is_serde_jsons_pretty_printing_byte_for_byte() {
        for files in [
            vec![],
            vec![sample("a.txt")],
            vec![sample("a.txt"), sample("b.md"), sample("c.txt")],
        ] {
            let report = Report::new(files);
            assert_eq!(render(&report), pretty(&report));
        }
    }

    #[test]
    fn a_large_files_slices_are_its_fragment() {
        let empty = FileReport {
            citations: Vec::new(),
            claims: Vec::new(),
            diagnostics: Vec::new(),
            ..sample("e.txt")
        };
        let mut many = sample("m.md");
        for _ in 0..3 * SLICE / many.claims.len().max(1) {
            many.claims.extend(sample("m.md").claims);
        }
        assert!(many.claims.len() > 2 * SLICE, "more than one slice");
        for f in [sample("a.txt"), empty, many] {
            let mut sliced = Vec::new();
            assert!(write_fragment_in_slices(&f, &mut sliced).is_ok());
            assert_eq!(
                String::from_utf8_lossy(&sliced),
                String::from_utf8_lossy(&fragment(&f))
            );
        }
    }

    #[test]
    fn fragments_from_workers_make_the_same_document() {
        let files = vec![sample("a.txt"), sample("b.md")];
        let report = Report::new(files.clone());
        let mut buf = Vec::new();
        let mut stream = Stream::default();
        for f in &files {
            assert!(stream.file(&fragment(f), &Summary::of(f), &mut buf).is_ok());
        }
        assert!(stream.finish(&mut buf).is_ok());
        assert_eq!(String::from_utf8_lossy(&buf), pretty(&report));
        assert!(report.summary.claims > 0 && report.summary.warnings > 0);
    }
}
