//! The result cache: each checked file's report, kept between runs, so that a file whose bytes
//! and settings have not changed is not checked again.
//!
//! One cache file serves one project root and one build of citecheck. Its entries are keyed by
//! the file's path relative to the root, and each holds a 128-bit hash (XXH3) of what shaped
//! its report: the file's bytes, whether it is Markdown or plain text (from its name), and the
//! settings ([`settings`]: the run's config; a file's own config, from `per-file-ignores`, is
//! the run's config and its path, both in the key already). An edit or a config change is a
//! miss. Today's date shapes a report only when the article has no publication date (what
//! `citation-after-publication` and `stale-citation` count from then), so only such an entry
//! records the day it was made, and only such an entry is a miss on another day. The bytes are
//! hashed rather than the modification time trusted, since a fresh CI checkout gives every
//! file a new one (textlint's cache was useless in CI until it hashed contents,
//! textlint#1327). A cache written by another build (another version, the same version built
//! from other sources or dependencies: `build.rs`, and the binary's length) is empty to this
//! one.
//!
//! The file: a 16-byte magic and the build's fingerprint (16 bytes); then the entries, each
//! the path's length (u32, little endian) and UTF-8, its key (u128), its day ([`day`], u32; 0
//! for none), the payload's length (u32) and the payload, the [`FileReport`] in postcard; last,
//! an XXH3-128 checksum of everything between the header and it. Anything that is not such a file, whole and written by this
//! build (missing, unreadable, truncated, corrupt, foreign), reads as an empty cache: a cache
//! can make a run faster, never wrong, and never make it fail.
//!
//! A run's [`Writer`] takes each file's entry as the run finishes it, in the run's order, and
//! streams it to a temporary file that replaces the cache at the end, so that the reports of a
//! large repository are never all held at once. A run that checks nothing anew writes nothing.
//!
//! Left to others: which files are worth caching (the CLI's `check` caches the files it checks
//! whole, not a long one checked in windows, nor standard input), and everything about
//! rendering. Nothing here prints.

use crate::config::Config;
use crate::report::FileReport;
use crate::source::Span;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// The cache folder's name, at the project root, when none is given.
pub const DEFAULT_DIR: &str = ".citecheck_cache";

/// The first bytes of every cache file (and what [`Writer`] looks for before
/// replacing one).
pub const MAGIC: &str = "citecheck cache1";

/// The magic and the build's fingerprint.
const HEADER: usize = 32;

/// The largest cache file read: about 200,000 news articles' worth. Past it, the run checks
/// every file and writes a new cache of the files it checked.
pub const MAX_BYTES: u64 = 1 << 30;

/// The checksum at the end.
const TRAILER: usize = 16;

/// This build of citecheck: its version, a hash of the sources, lock file and compiler it was
/// built from (`build.rs`), and the running binary's length. The length tells apart what the
/// sources cannot: a debug from a release build, and builds whose dependencies were resolved
/// afresh (`cargo install` without `--locked` ignores the lock file). Hashing the binary itself
/// would be surer, and costs more than a small run from the cache (29 MB, about 7 ms).
pub fn build_fingerprint() -> u128 {
    let length = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map_or(0, |m| m.len());
    let id = concat!(
        env!("CARGO_PKG_VERSION"),
        "\0",
        env!("CITECHECK_BUILD_ID"),
        "\0"
    );
    xxh3_128(format!("{id}{length}").as_bytes())
}

/// What shapes a run's reports besides the files: its config, every field of it by its `Debug`
/// form (so that no field added later can be forgotten here), but the date taken for today,
/// which an entry records only where it matters ([`day`]).
pub fn settings(config: &Config) -> u128 {
    let mut undated = config.clone();
    undated.today_flag = None;
    xxh3_128(format!("{undated:?}").as_bytes())
}

/// The key of a file's entry: the run's settings, the kind of text the file holds (Markdown or
/// plain, from its name) and its bytes.
pub fn key(settings: u128, kind: &str, text: &[u8]) -> u128 {
    let mut h = Xxh3::new();
    h.update(&settings.to_le_bytes());
    h.update(kind.as_bytes());
    h.update(&[0]);
    h.update(text);
    h.digest128()
}

/// The day an entry was made, for a report that depends on it (an article with no publication
/// date: see the module's docs); never 0, which stands for "any day".
pub fn day(date: jiff::civil::Date) -> u32 {
    let year = u32::from(date.year().cast_unsigned()) ^ 0x8000;
    (year << 16)
        | (u32::from(date.month().cast_unsigned()) << 8)
        | u32::from(date.day().cast_unsigned())
}

/// A report in the cache's form, for the file whose text is `source`. The quoted text of its
/// citations and claims is left out (a third of the cache on news articles): it is the
/// source's text at their spans, which [`Cache::get`] reads again, and an empty text in the
/// cache stands for it. `None` (the report is not cached) where that would not be true, a text
/// empty though its span is not, which the report's builder never makes; or if serde cannot
/// write the report, which its plain data never gives it reason to.
pub fn encode(report: &mut FileReport, source: &str) -> Option<Vec<u8>> {
    let mut taken: Vec<(usize, String)> = Vec::new();
    let mut faithful = true;
    for (i, (text, span)) in quoted(report).enumerate() {
        let quoted = span.slice(source);
        if text.is_empty() {
            faithful &= quoted.is_empty();
        } else if text.as_str() == quoted {
            taken.push((i, std::mem::take(text)));
        }
    }
    let out = faithful
        .then(|| postcard::to_allocvec(report).ok())
        .flatten();
    let mut taken = taken.into_iter().peekable();
    for (i, (text, _)) in quoted(report).enumerate() {
        if let Some((_, back)) = taken.next_if(|(j, _)| *j == i) {
            *text = back;
        }
    }
    out
}

/// The report [`encode`] made of `payload` for the file whose text is `source`.
fn decode(payload: &[u8], source: &str) -> Option<FileReport> {
    let mut report: FileReport = postcard::from_bytes(payload).ok()?;
    for (text, span) in quoted(&mut report) {
        if text.is_empty() {
            *text = span.slice(source).to_string();
        }
    }
    Some(report)
}

/// The quoted text of a report's citations and claims, with their spans.
fn quoted(report: &mut FileReport) -> impl Iterator<Item = (&mut String, Span)> {
    let citations = report.citations.iter_mut().map(|c| (&mut c.text, c.span));
    citations.chain(report.claims.iter_mut().map(|c| (&mut c.text, c.span)))
}

/// The name of the cache file for a project root, in the cache folder.
pub fn file_name(root: &Path) -> String {
    let root = root.to_string_lossy();
    format!(
        "check-{:016x}.bin",
        xxhash_rust::xxh3::xxh3_64(root.as_bytes())
    )
}

/// What a run learned about one file, to write back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fresh {
    /// The entry was read and is still right.
    Kept,
    /// The file was checked: its key, its [`day`] (0 when its report holds for any day) and
    /// its encoded report.
    New {
        key: u128,
        day: u32,
        payload: Vec<u8>,
    },
}

/// A cache file, read. Entries are decoded only when asked for, on the thread that asks.
#[derive(Debug, Default)]
pub struct Cache {
    bytes: Vec<u8>,
    entries: HashMap<String, Slot>,
}

#[derive(Debug, Clone)]
struct Slot {
    key: u128,
    day: u32,
    payload: Range<usize>,
    /// The whole entry, path to payload, to copy into the next cache as it is.
    record: Range<usize>,
}

impl Cache {
    /// Reads the cache file at `path` for this build; anything else is an empty cache, and so
    /// is anything at `path` but a plain file (a pipe would never end, a device might never
    /// end either) or a file past [`MAX_BYTES`].
    pub fn open(path: &Path, build: u128) -> Cache {
        let plain = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_BYTES);
        plain
            .then(|| std::fs::read(path).ok())
            .flatten()
            .and_then(|bytes| Cache::from_bytes(bytes, build))
            .unwrap_or_default()
    }

    /// The cache in `bytes`, or `None` unless they are a whole cache written by `build`.
    pub fn from_bytes(bytes: Vec<u8>, build: u128) -> Option<Cache> {
        let end = bytes.len().checked_sub(TRAILER).filter(|&e| e >= HEADER)?;
        let magic = bytes.get(..16)?;
        let built = u128::from_le_bytes(bytes.get(16..HEADER)?.try_into().ok()?);
        let sum = u128::from_le_bytes(bytes.get(end..)?.try_into().ok()?);
        if magic != MAGIC.as_bytes() || built != build || xxh3_128(bytes.get(HEADER..end)?) != sum {
            return None;
        }
        let entries = entries(&bytes, end)?;
        Some(Cache { bytes, entries })
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The report cached for `path` under `key`, whose text is `source` (the key hashes it), on
    /// the [`day`] `today`; `None` when there is none, when it was cached under another key or
    /// on another day that it depends on, or when it cannot be decoded.
    pub fn get(&self, path: &str, key: u128, today: u32, source: &str) -> Option<FileReport> {
        let slot = self
            .entries
            .get(path)
            .filter(|s| s.key == key && (s.day == 0 || s.day == today))?;
        decode(self.bytes.get(slot.payload.clone())?, source)
    }
}

/// The entries between header and trailer, or `None` if any is cut short or its path is not
/// UTF-8.
fn entries(bytes: &[u8], end: usize) -> Option<HashMap<String, Slot>> {
    let mut map = HashMap::new();
    let mut at = HEADER;
    let take = |at: &mut usize, n: usize| -> Option<Range<usize>> {
        let stop = at.checked_add(n)?;
        if stop > end {
            return None;
        }
        let r = *at..stop;
        *at = stop;
        Some(r)
    };
    let number = |r: Range<usize>| -> Option<usize> {
        let b: [u8; 4] = bytes.get(r)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    };
    while at < end {
        let start = at;
        let path_len = number(take(&mut at, 4)?)?;
        let path = std::str::from_utf8(bytes.get(take(&mut at, path_len)?)?).ok()?;
        let key: [u8; 16] = bytes.get(take(&mut at, 16)?)?.try_into().ok()?;
        let day: [u8; 4] = bytes.get(take(&mut at, 4)?)?.try_into().ok()?;
        let payload_len = number(take(&mut at, 4)?)?;
        let payload = take(&mut at, payload_len)?;
        map.insert(
            path.to_string(),
            Slot {
                key: u128::from_le_bytes(key),
                day: u32::from_le_bytes(day),
                payload,
                record: start..at,
            },
        );
    }
    Some(map)
}

/// Writes the next cache while a run goes on: entries are streamed to a temporary file beside
/// the cache file, opened at the run's first new entry (the entries read before it are copied
/// then), and renamed over the cache file by [`Writer::finish`]. Trouble writing ends the
/// writing, quietly: the old cache file stays as it was.
pub struct Writer<'c> {
    old: &'c Cache,
    build: u128,
    target: PathBuf,
    /// Paths this run has handed in, so far.
    seen: HashSet<String>,
    /// Entries read (and still right) before the first new one: not written until one comes.
    kept: Vec<String>,
    out: Option<Out>,
    failed: bool,
}

struct Out {
    file: std::io::BufWriter<tempfile::NamedTempFile>,
    sum: Xxh3,
}

impl Out {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.sum.update(bytes);
        self.file.write_all(bytes)
    }
}

impl<'c> Writer<'c> {
    /// A writer of the cache file `target`, for `build`, that replaces `old`.
    pub fn new(old: &'c Cache, build: u128, target: PathBuf) -> Writer<'c> {
        Writer {
            old,
            build,
            target,
            seen: HashSet::new(),
            kept: Vec::new(),
            out: None,
            failed: false,
        }
    }

    /// What the run learned about the file at `path`.
    pub fn add(&mut self, path: String, fresh: Fresh) {
        if self.failed || !self.seen.insert(path.clone()) {
            return;
        }
        let wrote = match (fresh, &mut self.out) {
            (Fresh::Kept, None) => {
                self.kept.push(path);
                Ok(())
            }
            (Fresh::Kept, Some(out)) => copy(self.old, &path, out),
            (Fresh::New { key, day, payload }, _) => self.open().and_then(|out| {
                let (Ok(path_len), Ok(payload_len)) =
                    (u32::try_from(path.len()), u32::try_from(payload.len()))
                else {
                    return Ok(());
                };
                out.write(&path_len.to_le_bytes())?;
                out.write(path.as_bytes())?;
                out.write(&key.to_le_bytes())?;
                out.write(&day.to_le_bytes())?;
                out.write(&payload_len.to_le_bytes())?;
                out.write(&payload)
            }),
        };
        if wrote.is_err() {
            self.failed = true;
            self.out = None;
        }
    }

    /// The temporary file, made at the first new entry, with the entries kept before it.
    fn open(&mut self) -> io::Result<&mut Out> {
        let out = match self.out.take() {
            Some(out) => out,
            None => {
                let dir = self.target.parent().unwrap_or(Path::new("."));
                prepare(dir, &self.target)?;
                let tmp = tempfile::Builder::new()
                    .prefix(".check-")
                    .suffix(".tmp")
                    .tempfile_in(dir)?;
                let mut out = Out {
                    file: std::io::BufWriter::with_capacity(1 << 16, tmp),
                    sum: Xxh3::new(),
                };
                out.file.write_all(MAGIC.as_bytes())?;
                out.file.write_all(&self.build.to_le_bytes())?;
                for path in std::mem::take(&mut self.kept) {
                    copy(self.old, &path, &mut out)?;
                }
                out
            }
        };
        Ok(self.out.insert(out))
    }

    /// Ends the run's cache: the old file's entries for paths the run did not hand in, where
    /// `keep` says so (their files still exist), the checksum, and the rename. `Ok(false)`
    /// when there was nothing to write (no new entry) or writing failed earlier.
    pub fn finish(mut self, keep: impl Fn(&str) -> bool) -> io::Result<bool> {
        let Some(mut out) = self.out.take() else {
            return Ok(false);
        };
        if self.failed {
            return Ok(false);
        }
        let mut rest: Vec<&String> = self
            .old
            .entries
            .keys()
            .filter(|p| !self.seen.contains(*p) && keep(p))
            .collect();
        rest.sort();
        for path in rest {
            copy(self.old, path, &mut out)?;
        }
        let sum = out.sum.digest128();
        out.file.write_all(&sum.to_le_bytes())?;
        let tmp = out.file.into_inner().map_err(|e| e.into_error())?;
        tmp.persist(&self.target).map_err(|e| e.error)?;
        Ok(true)
    }
}

/// Copies the old cache's entry for `path` into `out` as it is.
fn copy(old: &Cache, path: &str, out: &mut Out) -> io::Result<()> {
    match old
        .entries
        .get(path)
        .and_then(|s| old.bytes.get(s.record.clone()))
    {
        Some(record) => out.write(record),
        None => Ok(()),
    }
}

/// The `CACHEDIR.TAG` citecheck writes: the standard's signature (for backup tools), then a
/// line that marks the folder as citecheck's.
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is citecheck's result cache: https://bford.info/cachedir/\n";

/// How old a `.check-*.tmp` file left in the cache folder must be before a run deletes it: one
/// that a run interrupted before its rename left behind. A running run writes to its own as it
/// goes, so one this old is nobody's.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(3600);

/// Makes the cache folder when there is none, with a `.gitignore` that ignores it and a
/// `CACHEDIR.TAG` for backup tools; a folder that was there already is not marked (`--cache-dir
/// .` must not make git ignore a project). Refuses (an error) to replace a `target` that is not
/// a citecheck cache, since `--cache-dir` may name a folder that holds other things: a cache
/// is a plain file that starts as one (or is empty, or the start of one: a write cut short),
/// or any plain file of the cache's name in a folder citecheck made and tagged, where a damaged
/// cache is replaced rather than kept for ever. Deletes the temporary files of interrupted runs.
fn prepare(dir: &Path, target: &Path) -> io::Result<()> {
    if !dir.exists() {
        std::fs::create_dir_all(dir)?;
        for (file, text) in [
            (
                ".gitignore",
                "# Written by citecheck: its result cache.\n*\n",
            ),
            ("CACHEDIR.TAG", TAG),
        ] {
            crate::atomic::write_replacing(&dir.join(file), text.as_bytes(), false)?;
        }
    }
    let tagged = || std::fs::read_to_string(dir.join("CACHEDIR.TAG")).is_ok_and(|t| t == TAG);
    let ours = match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => true,
        Err(e) => return Err(e),
        Ok(m) if !m.is_file() => false,
        Ok(_) => {
            let mut head = Vec::with_capacity(MAGIC.len());
            let file = std::fs::File::open(target)?;
            io::Read::read_to_end(&mut io::Read::take(file, MAGIC.len() as u64), &mut head)?;
            Some(head.as_slice()) == MAGIC.as_bytes().get(..head.len()) || tagged()
        }
    };
    if !ours {
        return Err(io::Error::other("not a citecheck cache; left alone"));
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let stale = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP);
            if name.starts_with(".check-") && name.ends_with(".tmp") && stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    const BUILD: u128 = 7;

    /// Any day: the reports of these tests do not depend on it.
    const DAY: u32 = 12;

    fn report(path: &str, text: &str) -> FileReport {
        let src =
            SourceFile::from_bytes(path.to_string(), text.as_bytes().to_vec()).expect("UTF-8");
        crate::check(&src, &Config::default())
    }

    fn new(rep: &FileReport, key: u128, source: &str) -> Fresh {
        let mut copy = rep.clone();
        let payload = encode(&mut copy, source).expect("encodes");
        assert_eq!(&copy, rep, "encoding gives the texts back");
        Fresh::New {
            key,
            day: 0,
            payload,
        }
    }

    /// Writes a cache over `old` at `target` from `run`, keeping what `keep` says of the rest;
    /// the bytes written, or `None` when nothing was.
    fn write(
        old: &Cache,
        target: &Path,
        run: Vec<(&str, Fresh)>,
        keep: impl Fn(&str) -> bool,
    ) -> Option<Vec<u8>> {
        let mut w = Writer::new(old, BUILD, target.to_path_buf());
        for (path, fresh) in run {
            w.add(path.to_string(), fresh);
        }
        let before = std::fs::read(target).ok();
        let wrote = w.finish(keep).expect("writes");
        let after = std::fs::read(target).ok();
        if !wrote {
            assert_eq!(before, after, "nothing written, nothing changed");
        }
        wrote.then(|| after.expect("the cache file is there"))
    }

    const TEXT: &str = "Exports rose by 12% last year (Harbour Gazette, July 2025), officials said.\n\nPrices rose 40% in a year.\n";

    /// What goes in comes out: the same report, under the same key only; the folder is marked
    /// as a cache and ignored by git.
    #[test]
    fn a_report_comes_back_under_its_key_only() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let target = dir.path().join("cache").join(file_name(dir.path()));
        let rep = report("a.md", TEXT);
        assert!(!rep.citations.is_empty() && !rep.diagnostics.is_empty());
        let bytes = write(
            &Cache::default(),
            &target,
            vec![("a.md", new(&rep, 1, TEXT))],
            |_| true,
        )
        .expect("a new entry is written");
        let cache = Cache::from_bytes(bytes, BUILD).expect("reads back");
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.get("a.md", 1, DAY, TEXT), Some(rep.clone()));
        assert_eq!(
            cache.get("a.md", 2, DAY, TEXT),
            None,
            "another key is a miss"
        );
        assert_eq!(cache.get("b.md", 1, DAY, TEXT), None);
        assert_eq!(
            Cache::open(&target, BUILD).get("a.md", 1, DAY, TEXT),
            Some(rep)
        );
        let ignore = std::fs::read_to_string(dir.path().join("cache/.gitignore"));
        assert!(ignore.is_ok_and(|t| t.lines().any(|l| l == "*")));
        let tag = std::fs::read_to_string(dir.path().join("cache/CACHEDIR.TAG"));
        assert!(tag.is_ok_and(|t| t.starts_with("Signature: 8a477f597d28d172789f06886806bc55")));
    }

    /// A run of hits writes nothing; a run with a new entry keeps the entries it read (those
    /// before the first new one too), and those of files it did not check that still exist,
    /// and nothing else.
    #[test]
    fn entries_are_kept_copied_or_dropped() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let target = dir.path().join(file_name(dir.path()));
        let (tb, tc, td) = (
            "Sales fell 3% (Reuters, 2024).\n",
            "Nothing here.\n",
            "Most experts agree that prices rose.\n",
        );
        let (a, b, c, d) = (
            report("a.md", TEXT),
            report("b.md", tb),
            report("c.md", tc),
            report("d.md", td),
        );
        let run = vec![
            ("a.md", new(&a, 1, TEXT)),
            ("b.md", new(&b, 2, tb)),
            ("c.md", new(&c, 3, tc)),
            ("d.md", new(&d, 4, td)),
        ];
        let first = write(&Cache::default(), &target, run, |_| true).expect("written");
        let cache = Cache::from_bytes(first, BUILD).expect("reads");
        assert_eq!(cache.len(), 4);

        let hits = vec![("a.md", Fresh::Kept), ("b.md", Fresh::Kept)];
        assert_eq!(write(&cache, &target, hits, |_| true), None);

        let tb2 = "Now 15% (Reuters, 2024).\n";
        let changed = report("b.md", tb2);
        let run = vec![("a.md", Fresh::Kept), ("b.md", new(&changed, 9, tb2))];
        let next = write(&cache, &target, run, |p| p != "c.md").expect("written");
        let next = Cache::from_bytes(next, BUILD).expect("reads");
        assert_eq!(
            next.len(),
            3,
            "c.md is gone from the disk and from the cache"
        );
        assert_eq!(
            next.get("a.md", 1, DAY, TEXT),
            Some(a),
            "kept before the first new entry"
        );
        assert_eq!(next.get("b.md", 9, DAY, tb2), Some(changed));
        assert_eq!(next.get("b.md", 2, DAY, tb2), None);
        assert_eq!(
            next.get("d.md", 4, DAY, td),
            Some(d),
            "not checked, still there"
        );
    }

    /// Another build's cache, a cut-short one and one with any byte changed read as nothing,
    /// and never panic.
    #[test]
    fn a_damaged_or_foreign_cache_is_empty() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let target = dir.path().join("c.bin");
        let bytes = write(
            &Cache::default(),
            &target,
            vec![("a.md", new(&report("a.md", TEXT), 1, TEXT))],
            |_| true,
        )
        .expect("written");
        assert!(Cache::from_bytes(bytes.clone(), BUILD).is_some());
        assert!(Cache::from_bytes(bytes.clone(), BUILD + 1).is_none());
        for cut in 0..bytes.len() {
            assert!(
                Cache::from_bytes(bytes[..cut].to_vec(), BUILD).is_none(),
                "cut at {cut}"
            );
        }
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x20;
            assert!(
                Cache::from_bytes(flipped, BUILD).is_none(),
                "byte {i} changed"
            );
        }
        assert!(Cache::from_bytes(b"not a cache at all".to_vec(), BUILD).is_none());
    }

    /// The entries' framing holds even where the checksum is right (a cache written by a
    /// buggy build): lengths past the end and paths that are not UTF-8 are refused.
    #[test]
    fn bad_framing_under_a_good_checksum_is_refused() {
        let frame = |body: &[u8]| {
            let mut b = MAGIC.as_bytes().to_vec();
            b.extend_from_slice(&BUILD.to_le_bytes());
            b.extend_from_slice(body);
            b.extend_from_slice(&xxh3_128(body).to_le_bytes());
            b
        };
        let mut long = 9u32.to_le_bytes().to_vec();
        long.extend_from_slice(b"a.md");
        assert!(Cache::from_bytes(frame(&long), BUILD).is_none());
        let mut latin = 2u32.to_le_bytes().to_vec();
        latin.extend_from_slice(&[0xe9, 0x2e]);
        latin.extend_from_slice(&[0; 16]);
        latin.extend_from_slice(&0u32.to_le_bytes());
        assert!(Cache::from_bytes(frame(&latin), BUILD).is_none());
        let mut huge = u32::MAX.to_le_bytes().to_vec();
        huge.extend_from_slice(b"x");
        assert!(Cache::from_bytes(frame(&huge), BUILD).is_none());
        assert_eq!(
            Cache::from_bytes(frame(&[]), BUILD).map(|c| c.len()),
            Some(0)
        );
    }

    /// A payload that decodes to no report is a miss, not an error.
    #[test]
    fn an_undecodable_payload_is_a_miss() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let target = dir.path().join("c.bin");
        let junk = Fresh::New {
            key: 1,
            day: 0,
            payload: vec![0xff; 3],
        };
        let bytes = write(&Cache::default(), &target, vec![("a.md", junk)], |_| true);
        let cache = Cache::from_bytes(bytes.expect("written"), BUILD).expect("framing is whole");
        assert_eq!(cache.get("a.md", 1, DAY, TEXT), None);
    }

    /// A payload changed anywhere, or cut anywhere, decodes to some report or to none, and
    /// never panics (the checksum keeps such payloads out; this is the second line).
    #[test]
    fn a_changed_payload_never_panics() {
        let mut rep = report("a.md", TEXT);
        let payload = encode(&mut rep, TEXT).expect("encodes");
        assert_eq!(decode(&payload, TEXT), Some(rep));
        for i in 0..payload.len() {
            for bit in [0x01, 0x80, 0xff] {
                let mut changed = payload.clone();
                changed[i] ^= bit;
                let _ = decode(&changed, TEXT);
            }
            let _ = decode(&payload[..i], TEXT);
        }
    }

    /// An entry made on a day it depends on comes back on that day only; one that holds for any
    /// day (0) comes back on every day.
    #[test]
    fn an_entry_that_depends_on_the_day_is_kept_for_that_day() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let target = dir.path().join("c.bin");
        let rep = report("a.md", TEXT);
        let mut copy = rep.clone();
        let payload = encode(&mut copy, TEXT).expect("encodes");
        let run = vec![
            (
                "a.md",
                Fresh::New {
                    key: 1,
                    day: 5,
                    payload: payload.clone(),
                },
            ),
            (
                "b.md",
                Fresh::New {
                    key: 1,
                    day: 0,
                    payload,
                },
            ),
        ];
        let bytes = write(&Cache::default(), &target, run, |_| true).expect("written");
        let cache = Cache::from_bytes(bytes, BUILD).expect("reads");
        assert_eq!(cache.get("a.md", 1, 5, TEXT), Some(rep.clone()));
        assert_eq!(cache.get("a.md", 1, 6, TEXT), None, "another day");
        assert_eq!(cache.get("b.md", 1, 6, TEXT), Some(rep));
    }

    /// A text left empty though its span is not could not be told from one left out: such a
    /// report is not cached.
    #[test]
    fn an_empty_text_with_a_span_is_not_cached() {
        let mut rep = report("a.md", TEXT);
        let claim = rep.claims.first_mut().expect("a claim");
        claim.text.clear();
        assert!(encode(&mut rep, TEXT).is_none());
    }

    /// Only a plain file is read as a cache: a folder (or a pipe, or a device) at the path is
    /// an empty cache, read without waiting.
    #[test]
    fn only_a_plain_file_is_read() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        assert!(Cache::open(dir.path(), BUILD).is_empty());
        assert!(Cache::open(&dir.path().join("absent"), BUILD).is_empty());
        #[cfg(unix)]
        assert!(Cache::open(Path::new("/dev/zero"), BUILD).is_empty());
    }

    /// The folder is marked (`.gitignore`, `CACHEDIR.TAG`) only when the writer made it; a
    /// folder that was there already is left as it was, but for the cache file. An interrupted
    /// run's temporary file is deleted once it is old; a fresh one is left to its run.
    #[test]
    fn only_a_folder_citecheck_made_is_marked() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let rep = report("a.md", TEXT);
        let target = dir.path().join("c.bin");
        write(
            &Cache::default(),
            &target,
            vec![("a.md", new(&rep, 1, TEXT))],
            |_| true,
        )
        .expect("written");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("listed")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["c.bin"]);

        let made = dir.path().join("made");
        let old_temp = made.join(".check-old.tmp");
        let new_temp = made.join(".check-new.tmp");
        let fill = |key: u128| {
            let run = vec![("a.md", new(&rep, key, TEXT))];
            write(&Cache::default(), &made.join("c.bin"), run, |_| true).expect("written")
        };
        fill(1);
        for t in [&old_temp, &new_temp] {
            std::fs::write(t, "cut short").expect("written");
        }
        let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&old_temp)
            .and_then(|f| f.set_modified(hours_ago))
            .expect("dated");
        fill(2);
        names = std::fs::read_dir(&made)
            .expect("listed")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [".check-new.tmp", ".gitignore", "CACHEDIR.TAG", "c.bin"]
        );
    }

    /// A file of the cache's name that is not a cache is left alone.
    #[test]
    fn a_foreign_file_is_not_replaced() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let target = dir.path().join("c.bin");
        std::fs::write(&target, "my notes").expect("written");
        let empty = Cache::default();
        let mut w = Writer::new(&empty, BUILD, target.clone());
        w.add("a.md".into(), new(&report("a.md", TEXT), 1, TEXT));
        assert!(!w.finish(|_| true).expect("no error, nothing written"));
        assert_eq!(
            std::fs::read_to_string(&target).ok().as_deref(),
            Some("my notes")
        );
        let leftovers = std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    /// The key moves with the bytes and with the settings; the settings with the config and
    /// the day.
    #[test]
    fn keys_follow_bytes_settings_and_day() {
        let base = Config::default();
        let s = settings(&base);
        assert_eq!(s, settings(&base.clone()));
        assert_ne!(key(s, "plain", b"a"), key(s, "plain", b"b"));
        assert_ne!(key(s, "plain", b"a"), key(s, "markdown", b"a"));
        let mut other = base.clone();
        other
            .rules
            .insert("unattributed-claim".into(), crate::config::Level::Off);
        assert_ne!(settings(&other), s);
        let mut dated = base.clone();
        dated.today_flag = Some(jiff::civil::date(2001, 2, 3));
        assert_eq!(settings(&dated), s, "the day is the entry's, not the run's");
        assert_ne!(key(settings(&other), "plain", b"a"), key(s, "plain", b"a"));
        let days = [
            jiff::civil::date(2001, 2, 3),
            jiff::civil::date(2001, 2, 4),
            jiff::civil::date(2001, 3, 3),
            jiff::civil::date(2002, 2, 3),
            jiff::civil::date(-44, 3, 15),
        ];
        for (i, a) in days.iter().enumerate() {
            assert_ne!(day(*a), 0, "{a}");
            for b in &days[i + 1..] {
                assert_ne!(day(*a), day(*b), "{a} {b}");
            }
        }
    }
}
