//! The `citecheck` binary over temporary repositories: flags, formats, config errors, exit
//! codes, `init`, baselines, the walk, standard input and a closed pipe. These tests hold
//! whatever rules fire; `tests/cli_findings.rs` checks what findings do to the output.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_citecheck");

/// A temporary content repository.
struct Repo {
    dir: tempfile::TempDir,
}

/// What one run printed, and how it ended.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The run as one snapshot-friendly text.
    fn show(&self) -> String {
        format!(
            "exit: {}\n----- stdout\n{}----- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl Repo {
    fn new(files: &[(&str, &str)]) -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        for (name, text) in files {
            repo.write(name, text);
        }
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, text).expect("write");
        p
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).expect("read")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(self.path())
            .env_remove("NO_COLOR")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("CI");
        c
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args, None)
    }

    fn run_in(&self, sub: &str, args: &[&str], stdin: Option<&str>) -> Run {
        let mut c = self.command(args);
        c.current_dir(self.path().join(sub))
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().expect("spawn citecheck");
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin");
            pipe.write_all(input.as_bytes()).expect("write stdin");
        }
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !stderr.contains("panicked"),
            "citecheck panicked:\n{stderr}"
        );
        Run {
            code: out.status.code().expect("exited, not killed"),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
        }
    }

    fn snapshot(&self, name: &str, run: &Run) {
        common::cli_settings(self.path()).bind(|| insta::assert_snapshot!(name, run.show()));
    }
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout))
}

fn paths(run: &Run) -> Vec<String> {
    json(run)["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("").to_string())
        .collect()
}

const PLAIN: &str = "The committee met to plan the timetable.\n";

#[test]
fn config_error_points_at_the_bad_value_and_lists_levels() {
    let repo = Repo::new(&[
        ("citecheck.toml", "[rules]\nunattributed-claim = \"loud\"\n"),
        ("a.md", PLAIN),
    ]);
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    repo.snapshot("cli_config_bad_level", &run);
}

#[test]
fn config_error_unknown_rule_code_from_a_subfolder() {
    let repo = Repo::new(&[
        ("citecheck.toml", "[rules]\nunatributed-claim = \"off\"\n"),
        ("articles/a.md", PLAIN),
    ]);
    // Found by walking up from articles/.
    let run = repo.run_in("articles", &["check"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("valid rule codes: unattributed-claim"),
        "{}",
        run.stderr
    );
    repo.snapshot("cli_config_unknown_rule", &run);
}

#[test]
fn config_error_unknown_key_and_bad_glob() {
    let repo = Repo::new(&[
        ("citecheck.toml", "[files]\nexclud = [\"drafts/**\"]\n"),
        ("bad-glob.toml", "[files]\nexclude = [\"drafts/[\"]\n"),
        ("a.md", PLAIN),
    ]);
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 2);
    repo.snapshot("cli_config_unknown_key", &run);
    let run = repo.run(&["check", "--config", "bad-glob.toml"]);
    assert_eq!(run.code, 2);
    repo.snapshot("cli_config_bad_glob", &run);
    let run = repo.run(&["check", "--config", "missing.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("could not read the config file"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_path_is_trouble_but_other_files_are_checked() {
    let repo = Repo::new(&[("a.md", PLAIN)]);
    let run = repo.run(&["check", "--format", "json", "nowhere.md", "a.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(paths(&run), ["a.md"]);
    repo.snapshot(
        "cli_missing_path",
        &Run {
            stdout: String::new(),
            ..run
        },
    );
}

#[test]
fn usage_errors_exit_2_and_list_valid_values() {
    let repo = Repo::new(&[("a.md", PLAIN)]);
    let run = repo.run(&["check", "--select", "unattributed-claim,no-such-rule"]);
    assert_eq!(run.code, 2);
    repo.snapshot("cli_select_unknown_code", &run);
    let run = repo.run(&["check", "--ignore", "x"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--ignore expected a rule code, found `x`")
    );
    let run = repo.run(&["check", "--published", "someday"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("found `someday`"), "{}", run.stderr);
    let run = repo.run(&["check", "--format", "xml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("human, concise, json, jsonl, sarif, github"),
        "{}",
        run.stderr
    );
    let run = repo.run(&["check", "--fail-on", "sometimes"]);
    assert_eq!(run.code, 2);
}

#[test]
fn walk_order_skips_and_globs() {
    let repo = Repo::new(&[
        ("citecheck.toml", "[files]\nexclude = [\"drafts/**\"]\n"),
        ("b.md", PLAIN),
        ("a.txt", PLAIN),
        ("z/c.markdown", PLAIN),
        ("z/d.mdx", PLAIN),
        ("notes.rst", PLAIN),
        ("drafts/e.md", PLAIN),
        (".github/f.md", PLAIN),
        ("node_modules/pkg/g.md", PLAIN),
        ("target/h.md", PLAIN),
    ]);
    let run = repo.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(paths(&run), ["a.txt", "b.md", "z/c.markdown", "z/d.mdx"]);
    // An explicit file is checked whatever its extension; exclude still applies to it.
    let run = repo.run(&["check", "--format", "json", "notes.rst", "drafts/e.md"]);
    assert_eq!(paths(&run), ["notes.rst"]);
    // include narrows the walk; globs are relative to the config's folder.
    repo.write(
        "citecheck.toml",
        "[files]\ninclude = [\"z/**\"]\nextensions = [\"mdx\"]\n",
    );
    let run = repo.run_in("z", &["check", "--format", "json"], None);
    assert_eq!(paths(&run), ["d.mdx"]);
}

#[test]
fn output_is_identical_whatever_the_number_of_jobs() {
    let mut files = Vec::new();
    for i in 0..60 {
        files.push((
            format!("dir{}/article-{i:03}.md", i % 7),
            format!("# Article {i}\n\nThe board met {i} times (Harbour Gazette, March 2025). Profits rose {i}% last year.\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let repo = Repo::new(&refs);
    for format in ["json", "concise", "human", "sarif", "jsonl"] {
        let one = repo.run(&["check", "--format", format, "--jobs", "1"]);
        let four = repo.run(&["check", "--format", format, "--jobs", "4"]);
        assert_eq!(one.stdout, four.stdout, "--format {format}");
        assert_eq!(one.code, four.code);
    }
    let run = repo.run(&["check", "--format", "json", "-j", "3"]);
    let p = paths(&run);
    let mut sorted = p.clone();
    sorted.sort();
    assert_eq!(p, sorted);
    assert_eq!(p.len(), 60);
}

#[test]
fn stdin_with_a_filename() {
    let repo = Repo::new(&[]);
    let run = repo.run_in(
        ".",
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "notes/today.md",
            "-",
        ],
        Some("---\ndate: 2025-08-11\n---\nThe committee met to plan the timetable.\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(paths(&run), ["notes/today.md"]);
    // --stdin-filename alone reads standard input.
    let run = repo.run_in(
        ".",
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "x.txt",
            "--quiet",
        ],
        Some(PLAIN),
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "", "--quiet prints no summary");
}

#[test]
fn published_flag_sets_the_date() {
    let repo = Repo::new(&[("a.md", PLAIN)]);
    let run = repo.run(&[
        "check",
        "--format",
        "json",
        "--published",
        "August 11, 2025",
    ]);
    let j = json(&run);
    assert_eq!(j["files"][0]["published"], "2025-08-11");
    assert_eq!(j["files"][0]["published_from"], "flag");
    // The config's date is used when the article names none, and the flag beats it.
    repo.write("citecheck.toml", "[dates]\npublished = 2024-01-31\n");
    let j = json(&repo.run(&["check", "--format", "json"]));
    assert_eq!(j["files"][0]["published"], "2024-01-31");
    assert_eq!(j["files"][0]["published_from"], "config");
    let j = json(&repo.run(&["check", "--format", "json", "--published", "2025-02-01"]));
    assert_eq!(j["files"][0]["published_from"], "flag");
}

#[test]
fn today_flag_pins_the_clock_for_undated_articles() {
    let repo = Repo::new(&[("a.md", "Exports rose 4% (Reuters, March 2030).\n")]);
    let rules = |run: &Run| -> Vec<String> {
        json(run)["files"][0]["diagnostics"]
            .as_array()
            .map(|d| d.iter().map(|x| x["rule"].to_string()).collect())
            .unwrap_or_default()
    };
    let before = repo.run(&["check", "--format", "json", "--today", "2030-02-27"]);
    assert_eq!(before.code, 1);
    assert_eq!(rules(&before), ["\"citation-after-publication\""]);
    let after = repo.run(&["check", "--format", "json", "--today", "April 1, 2030"]);
    assert_eq!(after.code, 0);
    assert!(rules(&after).is_empty());
    // The ledger takes it too.
    let ledger = repo.run(&["ledger", "--update", "--today", "2030-02-27", "a.md"]);
    assert_eq!(ledger.code, 0, "{}", ledger.stderr);
    assert!(
        repo.read("a.md.ledger")
            .contains("citation-after-publication (error)")
    );
    let ledger = repo.run(&["ledger", "--check", "--today", "2030-04-01", "a.md"]);
    assert_eq!(
        ledger.code, 1,
        "the finding is gone once March 2030 has come"
    );
    let bad = repo.run(&["check", "--today", "soon"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("--today expected a date such as 2025-08-11"),
        "{}",
        bad.stderr
    );
}

#[test]
fn summary_line_goes_to_stderr() {
    let repo = Repo::new(&[("a.md", PLAIN), ("b.txt", PLAIN)]);
    for format in ["human", "concise", "json", "jsonl", "sarif", "github"] {
        let run = repo.run(&["check", "--format", format]);
        assert!(
            run.stderr.starts_with("citecheck: 2 files checked"),
            "{format}: {}",
            run.stderr
        );
    }
}

#[test]
fn init_writes_a_config_that_loads_and_refuses_foreign_files() {
    let repo = Repo::new(&[("a.md", PLAIN)]);
    let run = repo.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = repo.read("citecheck.toml");
    assert!(written.starts_with("# citecheck configuration"));
    // The starter config loads: check runs with it.
    assert_eq!(repo.run(&["check", "--quiet"]).code, 0);
    // Running init again on the untouched file is a no-op.
    assert_eq!(repo.run(&["init"]).code, 0);
    // An edited file, or somebody else's, is not overwritten without --force.
    repo.write("citecheck.toml", "[rules]\n");
    let run = repo.run(&["init"]);
    assert_eq!(run.code, 2);
    repo.snapshot("cli_init_refuses_foreign", &run);
    assert_eq!(repo.read("citecheck.toml"), "[rules]\n");
    let run = repo.run(&["init", "--force"]);
    assert_eq!(run.code, 0);
    assert_eq!(repo.read("citecheck.toml"), written);
    // No temporary file is left behind (the folder beside the config is check's result cache).
    let mut names: Vec<String> = std::fs::read_dir(repo.path())
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".citecheck_cache", "a.md", "citecheck.toml"]);
}

#[test]
fn baseline_files_are_checked() {
    let repo = Repo::new(&[("a.md", PLAIN), ("other.json", "{\"mine\": true}\n")]);
    let run = repo.run(&["check", "--baseline", "missing.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("baseline-error"), "{}", run.stderr);
    let run = repo.run(&["check", "--baseline", "other.json"]);
    assert_eq!(run.code, 2);
    repo.snapshot("cli_baseline_broken", &run);
    // --write-baseline never overwrites a file that is not a baseline.
    let run = repo.run(&["check", "--write-baseline", "other.json"]);
    assert_eq!(run.code, 2);
    assert_eq!(repo.read("other.json"), "{\"mine\": true}\n");
    // It writes (and rewrites) its own.
    let run = repo.run(&["check", "--write-baseline", "base.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(repo.read("base.json").contains("\"citecheck-baseline\": 1"));
    assert_eq!(
        repo.run(&["check", "--write-baseline", "base.json"]).code,
        0
    );
    assert_eq!(repo.run(&["check", "--baseline", "base.json"]).code, 0);
    // Not when a path could not be checked: the baseline would be incomplete.
    let run = repo.run(&["check", "--write-baseline", "new.json", "a.md", "gone.md"]);
    assert_eq!(run.code, 2);
    assert!(!repo.path().join("new.json").exists());
}

#[test]
fn github_format_appends_a_step_summary() {
    let repo = Repo::new(&[("a.md", PLAIN)]);
    let summary = repo.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    let out = repo
        .command(&["check", "--format", "github", "a.md"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&summary).expect("read");
    assert!(
        text.starts_with("earlier step\n## citecheck\n\n1 file checked: no findings\n"),
        "{text}"
    );
}

#[test]
fn explain_lists_rules_and_rejects_unknown_codes() {
    let repo = Repo::new(&[]);
    let run = repo.run(&["explain"]);
    assert_eq!(run.code, 0);
    for code in ["unknown-source", "denied-source", "unused-suppression"] {
        assert!(run.stdout.contains(code), "{}", run.stdout);
        let one = repo.run(&["explain", code]);
        assert!(one.stdout.contains("## How to fix"), "{code}");
    }
    assert_eq!(repo.run(&["explain", "nope"]).code, 2);
}

/// `citecheck check . | head -1`: the reader goes away early; citecheck stops quietly.
#[test]
fn closed_pipe_ends_cleanly() {
    let mut files = Vec::new();
    for i in 0..300 {
        files.push((format!("a{i:03}.md"), PLAIN.to_string()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let repo = Repo::new(&refs);
    for format in ["json", "sarif"] {
        let mut child = repo
            .command(&["check", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stderr.contains("Broken pipe"), "{stderr}");
        assert!(
            matches!(out.status.code(), Some(0)),
            "{:?} {stderr}",
            out.status
        );
    }
}
