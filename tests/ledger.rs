//! `citecheck ledger` end to end, over real processes in a temporary folder: the ledger of a
//! news article and of an APA paper (snapshots), the `--check` diff when a claim's source
//! changes, a moved paragraph, left-over and foreign files, and the insta-like review.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn citecheck(dir: &Path, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_citecheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("citecheck runs");
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin.as_bytes())
            .expect("stdin is writable");
    }
    let out = child.wait_with_output().expect("citecheck finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ledger")
        .join(name);
    fs::read_to_string(p).expect("fixture is readable")
}

/// A temporary folder holding the two ledger fixtures.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["news.md", "apa-paper.md"] {
        fs::write(dir.path().join(name), fixture(name)).expect("write fixture");
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_default()
}

#[test]
fn ledger_of_a_news_article() {
    let dir = workspace();
    let run = citecheck(dir.path(), &["ledger", "--update", "news.md"], "");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let ledger = read(dir.path(), "news.md.ledger");
    assert!(ledger.starts_with("# citecheck ledger v1"));
    common::settings().bind(|| insta::assert_snapshot!("ledger_news", ledger));
}

#[test]
fn ledger_of_an_apa_paper_with_references() {
    let dir = workspace();
    let run = citecheck(dir.path(), &["ledger", "--update", "apa-paper.md"], "");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let ledger = read(dir.path(), "apa-paper.md.ledger");
    common::settings().bind(|| insta::assert_snapshot!("ledger_apa_paper", ledger));
}

#[test]
fn update_then_check_passes_and_is_idempotent() {
    let dir = workspace();
    let first = citecheck(dir.path(), &["ledger", "--update", "."], "");
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    assert!(first.stdout.contains("2 written"), "{}", first.stdout);
    let before = read(dir.path(), "news.md.ledger");
    let check = citecheck(dir.path(), &["ledger", "--check", "."], "");
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(check.stdout, "");
    // Check is the default mode, and a second update changes nothing.
    assert_eq!(citecheck(dir.path(), &["ledger"], "").code, 0);
    let again = citecheck(dir.path(), &["ledger", "--update", "."], "");
    assert!(again.stdout.contains("0 written"), "{}", again.stdout);
    assert_eq!(read(dir.path(), "news.md.ledger"), before);
}

#[test]
fn missing_ledger_fails_the_check() {
    let dir = workspace();
    let run = citecheck(dir.path(), &["ledger", "--check", "."], "");
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("ledger missing: apa-paper.md.ledger"));
    assert!(run.stdout.contains("+# citecheck ledger v1"));
    assert!(run.stderr.contains("0 stale, 2 missing"), "{}", run.stderr);
}

#[test]
fn changing_a_claims_source_shows_a_small_diff() {
    let dir = workspace();
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--update", "."], "").code,
        0
    );
    let news = read(dir.path(), "news.md").replace(
        "(River Freight Monitor, July 2025)",
        "(Upper River Authority, July 2025)",
    );
    fs::write(dir.path().join("news.md"), news).expect("edit");
    let run = citecheck(dir.path(), &["ledger", "--check", "."], "");
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ledger stale: news.md.ledger"));
    assert!(!run.stdout.contains("apa-paper"), "{}", run.stdout);
    let changed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert!(changed.len() <= 6, "{}", run.stdout);
    common::settings().bind(|| insta::assert_snapshot!("ledger_check_diff", run.stdout));
}

#[test]
fn moving_a_paragraph_moves_only_its_lines() {
    let dir = workspace();
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--update", "."], "").code,
        0
    );
    let text = read(dir.path(), "apa-paper.md");
    let first = text
        .find("Travellers on night trains")
        .expect("first paragraph");
    let second = text.find("Lund (2022) found").expect("second paragraph");
    let refs = text.find("## References").expect("references");
    let moved = format!(
        "{}{}\n{}{}",
        &text[..first],
        text[second..refs].trim_end(),
        &text[first..second],
        &text[refs..]
    );
    fs::write(dir.path().join("apa-paper.md"), &moved).expect("edit");
    let run = citecheck(dir.path(), &["ledger", "--check", "apa-paper.md"], "");
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let old = read(dir.path(), "apa-paper.md.ledger");
    // Every changed line is a line of the ledger moved as a whole, never a rewritten one.
    for l in run.stdout.lines() {
        if let Some(body) = l.strip_prefix('+').or_else(|| l.strip_prefix('-'))
            && !l.starts_with("+++")
            && !l.starts_with("---")
        {
            assert!(
                old.lines().any(|o| o == body),
                "a moved paragraph changed a line: {l}\n{}",
                run.stdout
            );
        }
    }
}

#[test]
fn left_over_ledger_is_reported_and_removed_by_update() {
    let dir = workspace();
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--update", "."], "").code,
        0
    );
    fs::remove_file(dir.path().join("news.md")).expect("remove article");
    let run = citecheck(dir.path(), &["ledger", "--check", "."], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("ledger left over (its article is gone): news.md.ledger"),
        "{}",
        run.stdout
    );
    let run = citecheck(dir.path(), &["ledger", "--update", "."], "");
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("removed news.md.ledger"),
        "{}",
        run.stdout
    );
    assert!(!dir.path().join("news.md.ledger").exists());
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--check", "."], "").code,
        0
    );
}

#[test]
fn a_file_that_is_not_ours_is_kept_without_force() {
    let dir = workspace();
    fs::write(dir.path().join("news.md.ledger"), "my own notes\n").expect("write");
    let run = citecheck(dir.path(), &["ledger", "--update", "."], "");
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("not overwriting it without --force"),
        "{}",
        run.stderr
    );
    assert_eq!(read(dir.path(), "news.md.ledger"), "my own notes\n");
    // The other article's ledger was still written.
    assert!(dir.path().join("apa-paper.md.ledger").exists());
    let run = citecheck(dir.path(), &["ledger", "--update", "--force", "."], "");
    assert_eq!(run.code, 0);
    assert!(read(dir.path(), "news.md.ledger").starts_with("# citecheck ledger v1"));
}

/// Makes the recorded ledger of `name` stale without touching the article.
fn tamper(dir: &Path, name: &str) {
    let p = dir.join(format!("{name}.ledger"));
    let text = fs::read_to_string(&p).expect("ledger exists");
    fs::write(&p, text.replacen("article: ", "article: old-", 1)).expect("tamper");
}

#[test]
fn pending_ledgers_are_reviewed_like_snapshots() {
    let dir = workspace();
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--update", "."], "").code,
        0
    );
    tamper(dir.path(), "news.md");
    tamper(dir.path(), "apa-paper.md");

    let run = citecheck(
        dir.path(),
        &["ledger", "--check", "--write-pending", "."],
        "",
    );
    assert_eq!(run.code, 1);
    assert!(dir.path().join("news.md.ledger.new").exists());
    assert!(dir.path().join("apa-paper.md.ledger.new").exists());
    // A pending file is not an accepted one.
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--check", "."], "").code,
        1
    );

    // Reject the first (apa-paper comes first in path order), accept the second.
    let run = citecheck(dir.path(), &["ledger", "--review", "."], "r\na\n");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("[1/2] apa-paper.md.ledger"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("-article: old-apa-paper.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("+article: apa-paper.md"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1 accepted, 1 rejected, 0 skipped"),
        "{}",
        run.stdout
    );
    assert!(!dir.path().join("apa-paper.md.ledger.new").exists());
    assert!(!dir.path().join("news.md.ledger.new").exists());
    assert!(read(dir.path(), "apa-paper.md.ledger").contains("article: old-apa-paper.md"));
    assert!(read(dir.path(), "news.md.ledger").contains("article: news.md"));
    let run = citecheck(dir.path(), &["ledger", "--check", "."], "");
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("ledger stale: apa-paper.md.ledger"));
    assert!(!run.stdout.contains("news.md"), "{}", run.stdout);
}

#[test]
fn review_skips_on_request_and_at_end_of_input() {
    let dir = workspace();
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--update", "."], "").code,
        0
    );
    tamper(dir.path(), "news.md");
    tamper(dir.path(), "apa-paper.md");
    assert_eq!(
        citecheck(
            dir.path(),
            &["ledger", "--check", "--write-pending", "."],
            ""
        )
        .code,
        1
    );
    let run = citecheck(dir.path(), &["ledger", "--review", "."], "what\ns\n");
    assert!(
        run.stdout.contains("expected a, r, s or q, found `what`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("0 accepted, 0 rejected, 2 skipped"),
        "{}",
        run.stdout
    );
    assert!(dir.path().join("apa-paper.md.ledger.new").exists());
    assert!(dir.path().join("news.md.ledger.new").exists());
}

#[test]
fn accept_and_reject_without_asking() {
    let dir = workspace();
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--update", "."], "").code,
        0
    );
    tamper(dir.path(), "news.md");
    assert_eq!(
        citecheck(
            dir.path(),
            &["ledger", "--check", "--write-pending", "."],
            ""
        )
        .code,
        1
    );
    let run = citecheck(dir.path(), &["ledger", "--reject", "."], "");
    assert!(
        run.stdout.contains("0 accepted, 1 rejected"),
        "{}",
        run.stdout
    );
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--check", "."], "").code,
        1
    );
    assert_eq!(
        citecheck(
            dir.path(),
            &["ledger", "--check", "--write-pending", "."],
            ""
        )
        .code,
        1
    );
    let run = citecheck(dir.path(), &["ledger", "--accept", "."], "");
    assert!(
        run.stdout.contains("1 accepted, 0 rejected"),
        "{}",
        run.stdout
    );
    assert_eq!(
        citecheck(dir.path(), &["ledger", "--check", "."], "").code,
        0
    );
}

#[test]
fn modes_are_exclusive() {
    let dir = workspace();
    let run = citecheck(dir.path(), &["ledger", "--check", "--update"], "");
    assert_eq!(run.code, 2);
    let run = citecheck(dir.path(), &["ledger", "--write-pending"], "");
    assert_eq!(run.code, 2);
}
