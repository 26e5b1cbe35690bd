//! What findings do to the CLI's output and exit code: every format, `--fail-on`,
//! `--exit-zero`, `--select`/`--ignore`, and that a suppression, a config change and a baseline
//! each silence exactly what they name and nothing else.
//!
//! The findings come from rules that do not depend on citation parsing or claim detection:
//! `reference-unused` (a reference-list entry nothing cites) and `unused-suppression`, so
//! these tests hold however those stages evolve.

#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failed test

mod common;

use std::path::Path;

/// Two reference entries that nothing cites: two `reference-unused` warnings, lines 7 and 8.
const ARTICLE: &str = "\
# Rail freight

The committee met to plan the timetable.

## References

- Lund, P. (2022). *Couchettes and quiet*. Nordic Rail Press.
- Berg, K. (2019). *Night trains*. Fjord Books.
";

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

use common::Run;

fn run(dir: &Path, args: &[&str]) -> Run {
    run_env(dir, args, &[])
}

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let env: Vec<(&str, &std::ffi::OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
    common::run_citecheck(dir, args, &env)
}

/// `rule@line` for every finding, from `--format concise`.
fn findings(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut a = vec!["check", "--format", "concise"];
    a.extend_from_slice(args);
    let r = run(dir, &a);
    assert_ne!(r.code, 2, "trouble: {}", r.stderr);
    r.stdout
        .lines()
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let (path, line) = (parts.next().unwrap(), parts.next().unwrap());
            let rule = l
                .split_once('[')
                .and_then(|(_, r)| r.split_once(']'))
                .map(|(r, _)| r)
                .unwrap();
            format!("{path}:{rule}@{line}")
        })
        .collect()
}

fn snapshot(dir: &Path, name: &str, text: &str) {
    common::cli_settings(dir).bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn every_format_reports_the_same_findings() {
    let dir = repo(&[("news/rail.md", ARTICLE)]);
    let d = dir.path();
    assert_eq!(
        findings(d, &[]),
        [
            "news/rail.md:reference-unused@7",
            "news/rail.md:reference-unused@8"
        ]
    );
    let human = run(d, &["check"]);
    assert_eq!(human.code, 0, "warnings do not fail by default");
    snapshot(
        d,
        "cli_findings_human",
        &format!("{}----- stderr\n{}", human.stdout, human.stderr),
    );

    let concise = run(d, &["check", "--format", "concise"]);
    snapshot(d, "cli_findings_concise", &concise.stdout);

    let jsonl = run(d, &["check", "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = jsonl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "news/rail.md");
    assert_eq!(lines[0]["rule"], "reference-unused");
    assert_eq!(lines[0]["line"], 7);
    assert_eq!(lines[0]["column"], 3);
    assert_eq!(lines[0]["end_line"], 7);
    assert_eq!(lines[0]["fingerprint"].as_str().unwrap().len(), 16);
    assert_ne!(lines[0]["fingerprint"], lines[1]["fingerprint"]);

    let json = run(d, &["check", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(j["summary"]["warnings"], 2);
    assert_eq!(j["files"][0]["diagnostics"][1]["line"], 8);

    // Outside the checked tree: the summary is Markdown and would be checked itself.
    let outside = tempfile::tempdir().unwrap();
    let summary = outside.path().join("summary.md");
    let github = run_env(
        d,
        &["check", "--format", "github"],
        &[("GITHUB_STEP_SUMMARY", &summary)],
    );
    snapshot(d, "cli_findings_github", &github.stdout);
    snapshot(
        d,
        "cli_findings_github_summary",
        &std::fs::read_to_string(&summary).unwrap(),
    );

    let sarif = run(d, &["check", "--format", "sarif"]);
    let s: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = s["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let loc = &results[1]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/rail.md");
    assert_eq!(loc["region"]["startLine"], 8);
    assert_eq!(
        results[1]["partialFingerprints"]["citecheck/v1"],
        lines[1]["fingerprint"]
    );
}

#[test]
fn fail_on_and_exit_zero() {
    let dir = repo(&[("a.md", ARTICLE)]);
    let d = dir.path();
    let code = |args: &[&str]| {
        let mut a = vec!["check", "--quiet"];
        a.extend_from_slice(args);
        run(d, &a).code
    };
    assert_eq!(code(&[]), 0);
    assert_eq!(code(&["--fail-on", "error"]), 0);
    assert_eq!(code(&["--fail-on", "warning"]), 1);
    assert_eq!(code(&["--fail-on", "info"]), 1);
    assert_eq!(code(&["--fail-on", "never"]), 0);
    assert_eq!(code(&["--fail-on", "warning", "--exit-zero"]), 0);
    // A config level raises the severity, so the default threshold fails.
    std::fs::write(
        d.join("citecheck.toml"),
        "[rules]\nreference-unused = \"error\"\n",
    )
    .unwrap();
    assert_eq!(code(&[]), 1);
    assert_eq!(code(&["--exit-zero"]), 0);
    std::fs::write(
        d.join("citecheck.toml"),
        "[rules]\nreference-unused = \"info\"\n",
    )
    .unwrap();
    assert_eq!(code(&["--fail-on", "warning"]), 0);
    assert_eq!(code(&["--fail-on", "info"]), 1);
    // Trouble wins over findings.
    assert_eq!(code(&["--fail-on", "warning", ".", "missing.md"]), 2);
}

#[test]
fn a_suppression_silences_exactly_what_it_names() {
    let suppressed = ARTICLE.replace(
        "- Berg",
        "<!-- citecheck-disable-next-line reference-unused -->\n- Berg",
    );
    let dir = repo(&[("a.md", &suppressed), ("b.md", ARTICLE)]);
    let d = dir.path();
    // Berg's entry in a.md is silenced; Lund's, and both of b.md's, are not.
    assert_eq!(
        findings(d, &[]),
        [
            "a.md:reference-unused@7",
            "b.md:reference-unused@7",
            "b.md:reference-unused@8"
        ]
    );
    // Naming another rule silences nothing, and is itself reported.
    let other = ARTICLE.replace(
        "- Berg",
        "<!-- citecheck-disable-next-line reference-missing -->\n- Berg",
    );
    std::fs::write(d.join("a.md"), other).unwrap();
    assert_eq!(
        findings(d, &["a.md"]),
        [
            "a.md:reference-unused@7",
            "a.md:unused-suppression@8",
            "a.md:reference-unused@9"
        ]
    );
    // A range, and the whole file.
    let ranged = ARTICLE
        .replace(
            "- Lund",
            "<!-- citecheck-disable reference-unused -->\n- Lund",
        )
        .replace(
            "- Berg",
            "<!-- citecheck-enable reference-unused -->\n\n- Berg",
        );
    std::fs::write(d.join("a.md"), ranged).unwrap();
    assert_eq!(findings(d, &["a.md"]), ["a.md:reference-unused@11"]);
    let file = format!("<!-- citecheck-disable-file reference-unused -->\n{ARTICLE}");
    std::fs::write(d.join("a.md"), file).unwrap();
    assert!(findings(d, &["a.md"]).is_empty());
    // Switching the rule off makes the comment unused, but that is not reported: the rule
    // would not have fired anyway.
    assert!(findings(d, &["a.md", "--ignore", "reference-unused"]).is_empty());
}

#[test]
fn a_config_change_silences_exactly_what_it_names() {
    let dir = repo(&[("archive/old.md", ARTICLE), ("news/new.md", ARTICLE)]);
    let d = dir.path();
    assert_eq!(findings(d, &[]).len(), 4);
    // Per-glob ignores: only the archive goes quiet.
    std::fs::write(
        d.join("citecheck.toml"),
        "[per-file-ignores]\n\"archive/**\" = [\"reference-unused\"]\n",
    )
    .unwrap();
    assert_eq!(
        findings(d, &[]),
        [
            "news/new.md:reference-unused@7",
            "news/new.md:reference-unused@8"
        ]
    );
    // A rule switched off: that rule only (the unused suppression stays).
    let noted = ARTICLE.replace(
        "# Rail",
        "<!-- citecheck-disable-next-line reference-missing -->\n# Rail",
    );
    std::fs::write(d.join("news/new.md"), noted).unwrap();
    std::fs::write(
        d.join("citecheck.toml"),
        "[rules]\nreference-unused = \"off\"\n",
    )
    .unwrap();
    assert_eq!(findings(d, &[]), ["news/new.md:unused-suppression@1"]);
    // And from the command line.
    std::fs::remove_file(d.join("citecheck.toml")).unwrap();
    assert_eq!(
        findings(d, &["--ignore", "reference-unused"]),
        ["news/new.md:unused-suppression@1"]
    );
    assert_eq!(
        findings(d, &["--select", "unused-suppression,reference-missing"]),
        ["news/new.md:unused-suppression@1"]
    );
    assert_eq!(findings(d, &["--select", "reference-unused"]).len(), 4);
    // Excluding a folder.
    std::fs::write(
        d.join("citecheck.toml"),
        "[files]\nexclude = [\"news/**\"]\n",
    )
    .unwrap();
    assert_eq!(
        findings(d, &[]),
        [
            "archive/old.md:reference-unused@7",
            "archive/old.md:reference-unused@8"
        ]
    );
}

#[test]
fn a_baseline_silences_exactly_what_it_recorded() {
    let dir = repo(&[("a.md", ARTICLE)]);
    let d = dir.path();
    let w = run(d, &["check", "--write-baseline", "base.json"]);
    assert_eq!(w.code, 0, "{}", w.stderr);
    assert!(w.stdout.is_empty(), "nothing is reported while recording");
    assert!(
        w.stderr
            .contains("recorded 2 findings from 1 file in base.json"),
        "{}",
        w.stderr
    );
    let base = std::fs::read_to_string(d.join("base.json")).unwrap();
    assert_eq!(base.matches("\"rule\": \"reference-unused\"").count(), 2);
    assert!(!base.contains("\"line\""), "fingerprints, not line numbers");
    let with = |args: &[&str]| {
        let mut a = vec!["--baseline", "base.json"];
        a.extend_from_slice(args);
        findings(d, &a)
    };
    assert!(with(&[]).is_empty());
    let r = run(d, &["check", "--baseline", "base.json"]);
    assert!(
        r.stderr.contains("(2 in the baseline not shown)"),
        "{}",
        r.stderr
    );

    // Edits elsewhere move the lines; the recorded findings stay silent.
    let moved = ARTICLE.replace(
        "The committee met to plan the timetable.",
        "The committee met to plan the timetable.\n\nIt met again later.\n\nAnd once more.",
    );
    std::fs::write(d.join("a.md"), &moved).unwrap();
    assert!(with(&[]).is_empty());
    // A new entry is reported; so is a second copy of a recorded one (counts matter).
    let grown = moved.replace(
        "- Berg",
        "- Dahl, T. (2021). *Sleepers*. Quay Press.\n- Lund, P. (2022). *Couchettes and quiet*. Nordic Rail Press.\n- Berg",
    );
    std::fs::write(d.join("a.md"), &grown).unwrap();
    let new = with(&[]);
    assert_eq!(new.len(), 2, "{new:?}");
    assert!(new.iter().all(|f| f.starts_with("a.md:reference-unused@")));
    // A file the baseline does not know is all new.
    std::fs::write(d.join("b.md"), ARTICLE).unwrap();
    assert_eq!(
        with(&["b.md"]),
        ["b.md:reference-unused@7", "b.md:reference-unused@8"]
    );
    // The baseline matches from a subfolder too: paths are relative to the project root.
    std::fs::write(d.join("citecheck.toml"), "").unwrap();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/c.md"), ARTICLE).unwrap();
    let w = run(d, &["check", "--write-baseline", "base.json"]);
    assert_eq!(w.code, 0);
    let r = run(
        &d.join("sub"),
        &["check", "--format", "concise", "--baseline", "../base.json"],
    );
    assert_eq!(r.stdout, "", "{}", r.stderr);
}

/// `cli::run_with` in-process: colour only for a terminal without `NO_COLOR`, unless `--color`
/// says otherwise.
#[test]
fn colour_only_on_a_terminal_without_no_color() {
    let dir = repo(&[("a.md", ARTICLE)]);
    let human = |stdout_is_terminal: bool, no_color: bool, flags: &[&str]| {
        let env = citecheck::cli::Env {
            cwd: dir.path().to_path_buf(),
            stdout_is_terminal,
            stderr_is_terminal: false,
            no_color,
            force_color: None,
            stdout_width: Some(80),
            github_step_summary: None,
            cache_dir: None,
            no_cache: false,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut argv: Vec<String> = ["citecheck", "check", "--jobs", "2"]
            .map(String::from)
            .to_vec();
        argv.extend(flags.iter().map(|f| f.to_string()));
        let code = citecheck::cli::run_with(argv, &mut out, &mut err, &env);
        assert_eq!(code, 0);
        String::from_utf8(out).unwrap()
    };
    let coloured = human(true, false, &[]);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    assert!(coloured.contains("never cited"));
    for (terminal, no_color) in [(false, false), (true, true), (false, true)] {
        let plain = human(terminal, no_color, &[]);
        assert!(
            !plain.contains('\u{1b}'),
            "terminal={terminal} no_color={no_color}"
        );
        assert!(plain.contains("never cited"));
        // `--color always` colours a pipe, and outranks `NO_COLOR`, as no-color.org asks.
        let forced = human(terminal, no_color, &["--color", "always"]);
        assert!(
            forced.contains("\u{1b}["),
            "terminal={terminal} no_color={no_color}"
        );
        assert!(forced.contains("never cited"));
    }
    for terminal in [true, false] {
        let never = human(terminal, false, &["--color=never"]);
        assert!(!never.contains('\u{1b}'), "terminal={terminal}");
        assert!(never.contains("never cited"));
    }
    assert_eq!(
        human(true, false, &["--color", "auto"]),
        coloured,
        "auto is the default"
    );
    // Usage errors and help follow it too, though clap prints them before it is parsed.
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = ["citecheck", "--color=always", "check", "--bogus"].map(String::from);
    assert_eq!(citecheck::cli::run(argv.to_vec(), &mut out, &mut err), 2);
    assert!(String::from_utf8_lossy(&err).contains('\u{1b}'));
    // The flag is global: it may come before the subcommand, and takes no other value.
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = ["citecheck", "--color", "sometimes", "check"].map(String::from);
    assert_eq!(citecheck::cli::run(argv.to_vec(), &mut out, &mut err), 2);
    assert!(String::from_utf8_lossy(&err).contains("sometimes"));
}

#[test]
fn statistics_count_what_would_be_reported_by_rule() {
    // Two files: four `reference-unused`, and one `unused-suppression`.
    let other = ARTICLE.replace(
        "- Berg",
        "<!-- citecheck-disable-next-line reference-missing -->\n- Berg",
    );
    let dir = repo(&[("news/rail.md", ARTICLE), ("news/bus.md", &other)]);
    let d = dir.path();
    let plain = run(d, &["check"]);
    let table = run(d, &["check", "--statistics"]);
    assert_eq!(table.code, plain.code, "the same exit code as without it");
    assert_eq!(table.stderr, plain.stderr, "the same headline");
    let json = run(d, &["check", "--statistics", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows[0]["code"], "reference-unused");
    assert_eq!(rows[0]["count"], 4);
    assert_eq!(rows[1]["code"], "unused-suppression");
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
    snapshot(
        d,
        "cli_statistics",
        &format!(
            "{}----- json\n{}----- stderr\n{}",
            table.stdout, json.stdout, table.stderr
        ),
    );
    // The exit code follows --fail-on as it would without the table.
    let fail = run(d, &["check", "--statistics", "--fail-on", "warning"]);
    assert_eq!(fail.code, 1);
    // A baseline's findings are not counted.
    let w = run(
        d,
        &["check", "--write-baseline", "base.json", "news/rail.md"],
    );
    assert_eq!(w.code, 0, "{}", w.stderr);
    let base = run(d, &["check", "--statistics", "--baseline", "base.json"]);
    assert!(
        base.stdout.starts_with("2  reference-unused"),
        "{}",
        base.stdout
    );
    let lines = run(d, &["check", "--statistics", "--format", "jsonl"]);
    assert_eq!(
        lines.stdout.lines().next(),
        Some(r#"{"code":"reference-unused","count":4,"severity":"warning"}"#)
    );
    // SARIF and GitHub readers expect their own formats, not a table.
    for format in ["sarif", "github"] {
        let r = run(d, &["check", "--statistics", "--format", format]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("usage-error"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    // Recording a baseline prints nothing, so the two do not go together.
    let both = run(d, &["check", "--statistics", "--write-baseline", "b.json"]);
    assert_eq!(both.code, 2, "{}", both.stderr);
    assert!(!d.join("b.json").exists());
}

#[test]
fn show_files_lists_what_a_run_would_check_and_checks_nothing() {
    let dir = repo(&[
        ("citecheck.toml", "[files]\nexclude = [\"drafts/**\"]\n"),
        ("news/b.md", ARTICLE),
        ("news/a.txt", ARTICLE),
        ("drafts/c.md", ARTICLE),
        ("notes.rs", "fn main() {}"),
        (".hidden/d.md", ARTICLE),
    ]);
    let d = dir.path();
    let shown = run(d, &["check", "--show-files"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert_eq!(shown.stdout, "news/a.txt\nnews/b.md\n");
    assert_eq!(shown.stderr, "", "no headline: nothing was checked");
    // The same files a run reports on.
    let checked = run(d, &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["news/a.txt", "news/b.md"]);
    // A path that does not exist is reported, and the exit code says so.
    let missing = run(d, &["check", "--show-files", "news", "nowhere.md"]);
    assert_eq!(missing.code, 2);
    assert_eq!(missing.stdout, "news/a.txt\nnews/b.md\n");
    assert!(missing.stderr.contains("nowhere.md"), "{}", missing.stderr);
    // Standard input is named as a run would name it, and not read.
    let stdin = run(
        d,
        &["check", "--show-files", "--stdin-filename", "x.md", "-"],
    );
    assert_eq!((stdin.code, stdin.stdout.as_str()), (0, "x.md\n"));
    // It checks nothing, so it cannot be asked to count or record findings.
    assert_eq!(run(d, &["check", "--show-files", "--statistics"]).code, 2);
}

#[test]
fn output_file_is_written_whole_and_never_over_an_article() {
    let dir = repo(&[("news/b.md", ARTICLE)]);
    let d = dir.path();
    let plain = run(d, &["check", "--format", "json"]);
    let to_file = run(d, &["check", "--format", "json", "-o", "out/report.json"]);
    assert_eq!(to_file.code, plain.code, "the same exit code");
    assert_eq!(to_file.stdout, "", "nothing on standard output");
    assert_eq!(to_file.stderr, plain.stderr, "the same headline");
    let written = std::fs::read_to_string(d.join("out/report.json")).unwrap();
    assert_eq!(written, plain.stdout);
    // The mode a new file gets under the umask, not a temporary file's owner-only one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join("out/report.json"))
            .unwrap()
            .permissions()
            .mode();
        let plain_file = d.join("out/plain.txt");
        std::fs::write(&plain_file, "x").unwrap();
        let expected = std::fs::metadata(&plain_file).unwrap().permissions().mode();
        std::fs::remove_file(&plain_file).unwrap();
        assert_eq!(mode & 0o777, expected & 0o777);
    }
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(d.join("out")).unwrap().collect();
    assert_eq!(left.len(), 1);
    // An existing report is replaced; "-" is standard output.
    let again = run(
        d,
        &[
            "check",
            "--format",
            "concise",
            "--output-file",
            "out/report.json",
        ],
    );
    assert_eq!(again.code, plain.code);
    let concise = run(d, &["check", "--format", "concise", "-o", "-"]);
    assert_eq!(
        std::fs::read_to_string(d.join("out/report.json")).unwrap(),
        concise.stdout
    );
    // An article is never overwritten without --force, and is not taken as a report.
    let refused = run(d, &["check", "-o", "news/b.md"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert_eq!(
        std::fs::read_to_string(d.join("news/b.md")).unwrap(),
        ARTICLE
    );
    // --force means something only for a command that writes.
    assert_eq!(run(d, &["check", "--force"]).code, 2);
}
