//! The result cache through the CLI: a run served from the cache prints, byte for byte and in
//! every format, what a run without it prints, and exits the same; a run of hits leaves the
//! cache file untouched (the same file, not a copy rewritten with the same bytes), which is how
//! these tests know the reports came from it; an edit, a config change, another `--today` for
//! an undated article and a file's own per-file config are seen; a damaged cache or one that
//! cannot be written never changes a run's outcome; `--no-cache` and `CITECHECK_NO_CACHE`
//! write nothing.

#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failed test

mod common;

use common::Run;
use std::path::{Path, PathBuf};

/// Findings of several rules, a citation and a claim: a stale date, an unattributed statistic
/// and a citation dated after publication.
const NEWS: &str = "\
---
date: 2024-03-02
---
# Port traffic

Container traffic rose by 12% last year (Harbour Gazette, July 2025), officials said.

Most analysts expect the rise to continue, and 40% of shippers plan new routes.

Smith (2020) found that rates fall in winter.
";

const OTHER: &str = "\
# Rail freight

The committee met to plan the timetable (Nordic Rail Review, 2021).

## References

- Lund, P. (2022). *Couchettes and quiet*. Nordic Rail Press.
";

/// citecheck in `dir`, with colour off whatever the terminal and `env` set.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut env: Vec<(&str, &std::ffi::OsStr)> = env
        .iter()
        .map(|(k, v)| (*k, std::ffi::OsStr::new(*v)))
        .collect();
    env.push(("NO_COLOR", std::ffi::OsStr::new("1")));
    common::run_citecheck(dir, args, &env)
}

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(&dir.path().join(name), text);
    }
    dir
}

fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The cache files in `dir` (the `check-*.bin` ones), with their bytes.
fn cache_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("check-"))
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Which file a cache file is, and when it was last written: a rewrite (a rename over it)
/// changes both.
fn stamp(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    cache_files(dir)
        .into_iter()
        .map(|(p, _)| {
            let m = std::fs::metadata(&p).unwrap();
            #[cfg(unix)]
            let id = std::os::unix::fs::MetadataExt::ino(&m);
            #[cfg(not(unix))]
            let id = 0;
            (p, id, m.modified().unwrap())
        })
        .collect()
}

const FORMATS: [&str; 6] = ["human", "concise", "json", "jsonl", "sarif", "github"];

/// Every format, three times: without the cache, filling it, read from it. The same bytes and
/// exit code each time; the run read from the cache writes nothing (every file was a hit).
fn assert_cache_changes_nothing(dir: &Path, extra: &[&str]) {
    for format in FORMATS {
        let mut args = vec!["check", "--format", format, "--today", "2026-12-01"];
        args.extend_from_slice(extra);
        let mut plain = args.clone();
        plain.push("--no-cache");
        let want = run(dir, &plain, &[]);
        let _ = std::fs::remove_dir_all(dir.join(".citecheck_cache"));
        let filled = run(dir, &args, &[]);
        let written = cache_files(&dir.join(".citecheck_cache"));
        assert_eq!(written.len(), 1, "{format}: one cache file, {written:?}");
        let before = stamp(&dir.join(".citecheck_cache"));
        let read = run(dir, &args, &[]);
        for (what, got) in [("filling", &filled), ("reading", &read)] {
            assert_eq!(got.stdout, want.stdout, "{format}, {what} the cache");
            assert_eq!(got.stderr, want.stderr, "{format}, {what} the cache");
            assert_eq!(got.code, want.code, "{format}, {what} the cache");
        }
        assert_eq!(
            stamp(&dir.join(".citecheck_cache")),
            before,
            "{format}: a run of hits rewrote the cache"
        );
    }
}

#[test]
fn a_run_from_the_cache_prints_what_a_run_without_it_prints() {
    let dir = repo(&[
        ("news/port.md", NEWS),
        ("rail.md", OTHER),
        ("notes.txt", NEWS),
    ]);
    assert_cache_changes_nothing(dir.path(), &[]);
    let ignored = dir.path().join(".citecheck_cache/.gitignore");
    assert!(std::fs::read_to_string(ignored).unwrap().contains("\n*\n"));
    assert!(dir.path().join(".citecheck_cache/CACHEDIR.TAG").is_file());
}

/// Every fixture article of the test suite, with the configs beside them: many rules, both
/// file kinds, suppression comments, reference lists.
#[test]
fn every_fixture_reads_back_from_the_cache_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in walkdir::WalkDir::new(&from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(&from).unwrap();
        if entry.file_type().is_file() {
            let to = dir.path().join("fixtures").join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
    for format in ["json", "human"] {
        let args = [
            "check",
            "--format",
            format,
            "--today",
            "2026-12-01",
            "fixtures",
        ];
        let want = run(dir.path(), &[&args[..], &["--no-cache"]].concat(), &[]);
        assert!(want.stdout.len() > 10_000, "the fixtures give findings");
        let _ = run(dir.path(), &args, &[]);
        let before = stamp(&dir.path().join(".citecheck_cache"));
        let read = run(dir.path(), &args, &[]);
        assert_eq!(read.stdout, want.stdout, "{format}");
        assert_eq!(read.code, want.code, "{format}");
        assert_eq!(
            stamp(&dir.path().join(".citecheck_cache")),
            before,
            "{format}: all hits"
        );
    }
}

/// An edited file, a new config, another day and a file's own config are each checked anew.
#[test]
fn what_shapes_a_report_is_in_its_key() {
    let dir = repo(&[("a.md", NEWS), ("b.md", OTHER)]);
    let json = ["check", "--format", "json", "--today", "2026-12-01"];
    let fresh = |args: &[&str]| run(dir.path(), &[args, &["--no-cache"]].concat(), &[]).stdout;
    let first = run(dir.path(), &json, &[]);
    assert!(first.stdout.contains("\"unattributed-claim\""));

    write(
        &dir.path().join("a.md"),
        &NEWS.replace("40% of shippers", "shippers"),
    );
    let edited = run(dir.path(), &json, &[]);
    assert_ne!(edited.stdout, first.stdout, "the edit is seen");
    assert_eq!(edited.stdout, fresh(&json));

    write(
        &dir.path().join("citecheck.toml"),
        "[rules]\nunattributed-claim = \"off\"\n",
    );
    let configured = run(dir.path(), &json, &[]);
    assert!(!configured.stdout.contains("\"unattributed-claim\""));
    assert_eq!(configured.stdout, fresh(&json));

    // b.md has no publication date: a citation is checked against today.
    let later = ["check", "--format", "json", "--today", "2020-06-01"];
    let _ = run(dir.path(), &json, &[]);
    let other_day = run(dir.path(), &later, &[]);
    assert!(other_day.stdout.contains("\"citation-after-publication\""));
    assert_eq!(other_day.stdout, fresh(&later));
    assert_ne!(other_day.stdout, run(dir.path(), &json, &[]).stdout);

    write(
        &dir.path().join("citecheck.toml"),
        "[per-file-ignores]\n\"b.md\" = [\"reference-unused\"]\n",
    );
    let per_file = run(dir.path(), &json, &[]);
    assert_eq!(per_file.stdout, fresh(&json));
    assert!(!per_file.stdout.contains("\"reference-unused\""));
    assert_cache_changes_nothing(dir.path(), &[]);
}

/// Garbage in the cache file, a cache folder that is a file, a file of the cache's name that is
/// not a cache: the run's output and exit code are those of a run without a cache, a damaged
/// cache file is replaced by a good one, and the other file is left alone.
#[test]
fn a_damaged_or_unwritable_cache_changes_nothing() {
    let dir = repo(&[("a.md", NEWS), ("b.md", OTHER)]);
    let args = ["check", "--format", "concise", "--today", "2026-12-01"];
    let want = run(dir.path(), &[&args[..], &["--no-cache"]].concat(), &[]);
    assert_eq!(want.code, 1, "{}", want.stderr);
    let _ = run(dir.path(), &args, &[]);
    let cache_dir = dir.path().join(".citecheck_cache");
    let [(file, good)] = <[_; 1]>::try_from(cache_files(&cache_dir)).unwrap();

    for damage in [
        Vec::new(),
        b"garbage".to_vec(),
        good[..good.len() / 2].to_vec(),
        good.iter().map(|b| b ^ 1).collect(),
    ] {
        std::fs::write(&file, &damage).unwrap();
        let got = run(dir.path(), &args, &[]);
        assert_eq!((got.code, &got.stdout), (want.code, &want.stdout));
        assert_eq!(std::fs::read(&file).unwrap(), good, "rewritten whole");
    }

    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "a file where the cache folder would go").unwrap();
    let got = run(
        dir.path(),
        &[&args[..], &["--cache-dir", "not-a-folder"]].concat(),
        &[],
    );
    assert_eq!(
        (got.code, &got.stdout, &got.stderr),
        (want.code, &want.stdout, &want.stderr)
    );

    let foreign = tempfile::tempdir().unwrap();
    let name = file.file_name().unwrap();
    std::fs::write(foreign.path().join(name), "someone's notes").unwrap();
    let shown = foreign.path().to_string_lossy().into_owned();
    let got = run(
        dir.path(),
        &[&args[..], &["--cache-dir", &shown]].concat(),
        &[],
    );
    assert_eq!((got.code, &got.stdout), (want.code, &want.stdout));
    let kept = std::fs::read_to_string(foreign.path().join(name)).unwrap();
    assert_eq!(
        kept, "someone's notes",
        "a file that is not a cache is left alone"
    );
}

/// `--no-cache` and `CITECHECK_NO_CACHE` write no cache; `--cache-dir` and
/// `CITECHECK_CACHE_DIR` put it where they say; by default it sits beside `citecheck.toml`,
/// however deep the run starts.
#[test]
fn where_the_cache_goes_and_when_it_does_not() {
    let dir = repo(&[("site/news/a.md", NEWS), ("site/citecheck.toml", "")]);
    let news = dir.path().join("site/news");
    let args = ["check", "--format", "concise", "--today", "2026-12-01"];
    let _ = run(&news, &[&args[..], &["--no-cache"]].concat(), &[]);
    let _ = run(&news, &args, &[("CITECHECK_NO_CACHE", "1")]);
    assert!(
        !dir.path().join("site/.citecheck_cache").exists()
            && !news.join(".citecheck_cache").exists(),
        "no cache was asked for"
    );
    let _ = run(&news, &args, &[("CITECHECK_NO_CACHE", "0")]);
    assert_eq!(
        cache_files(&dir.path().join("site/.citecheck_cache")).len(),
        1
    );
    assert!(!news.join(".citecheck_cache").exists());

    let _ = run(&news, &[&args[..], &["--cache-dir", "here"]].concat(), &[]);
    assert_eq!(cache_files(&news.join("here")).len(), 1);
    let _ = run(&news, &args, &[("CITECHECK_CACHE_DIR", "there")]);
    assert_eq!(cache_files(&news.join("there")).len(), 1);
}

/// A run from a subfolder finds the reports a run from the root cached, and names the files as
/// the subfolder sees them.
#[test]
fn a_run_from_another_folder_reads_the_same_entries() {
    let dir = repo(&[
        ("news/port.md", NEWS),
        ("news/rail.md", OTHER),
        ("citecheck.toml", ""),
    ]);
    let news = dir.path().join("news");
    let cache = dir.path().join(".citecheck_cache");
    for format in ["json", "concise", "sarif"] {
        let args = ["check", "--format", format, "--today", "2026-12-01"];
        let want = run(&news, &[&args[..], &["--no-cache"]].concat(), &[]);
        assert!(want.stdout.contains("port.md") && !want.stdout.contains("news/port.md"));
        let _ = run(dir.path(), &args, &[]);
        let before = stamp(&cache);
        let got = run(&news, &args, &[]);
        assert_eq!(
            (got.code, &got.stdout),
            (want.code, &want.stdout),
            "{format}"
        );
        assert_eq!(stamp(&cache), before, "{format}: all hits");
    }
}

/// Another day: an article with a publication date is still a hit, since no rule counts from
/// today for it; one without is checked again.
#[test]
fn another_day_misses_only_undated_articles() {
    let dir = repo(&[("dated.md", NEWS)]);
    let cache = dir.path().join(".citecheck_cache");
    let on = |day: &str, extra: &[&str]| {
        let args = [&["check", "--format", "json", "--today", day][..], extra].concat();
        run(dir.path(), &args, &[])
    };
    let _ = on("2026-12-01", &[]);
    let before = stamp(&cache);
    let got = on("2027-06-02", &[]);
    assert_eq!(stamp(&cache), before, "a dated article holds on any day");
    assert_eq!(got.stdout, on("2027-06-02", &["--no-cache"]).stdout);

    write(&dir.path().join("undated.md"), OTHER);
    let _ = on("2026-12-01", &[]);
    let before = stamp(&cache);
    let got = on("2020-06-01", &[]);
    assert_ne!(
        stamp(&cache),
        before,
        "the undated article was checked again"
    );
    assert!(got.stdout.contains("\"citation-after-publication\""));
    assert_eq!(got.stdout, on("2020-06-01", &["--no-cache"]).stdout);
}
