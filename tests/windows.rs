//! The ways of checking other than one whole article at a time, held to checking it whole.
//!
//! A long article is analysed a window of blocks at a time (`citecheck::check_in_parts`) and its
//! JSON report gathered window by window (`report::json::Spool`): the joined parts are, byte for
//! byte, the report of checking the article whole. Windows are made as small as they can be
//! (one block each, where a cut is allowed), so that every boundary the fixtures offer is
//! crossed. Short articles are checked a stage at a time, many at once
//! (`citecheck::check_many`): each report is the one checking that article alone gives.

use citecheck::config::Config;
use citecheck::document::Document;
use citecheck::report::{FileReport, json};
use citecheck::source::SourceFile;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
        .collect();
    out.sort();
    out
}

/// The fixture's config (its sidecar, as `tests/fixtures.rs` reads it), with the clock pinned.
fn config_for(path: &Path) -> Config {
    let sidecar = path.with_extension("citecheck.toml");
    let mut config: Config = match std::fs::read_to_string(&sidecar) {
        Ok(text) => toml::from_str(&text).expect("sidecar config parses"),
        Err(_) => Config::default(),
    };
    config.today_flag = Some(jiff::civil::date(2026, 11, 30));
    config
}

/// The file's JSON fragment gathered from windows of at least `window_bytes`, and the number
/// of parts it came in.
fn in_windows(src: &SourceFile, config: &Config, window_bytes: usize) -> (Vec<u8>, usize) {
    let mut spool = json::Spool::new(true);
    let mut parts = 0;
    citecheck::check_in_parts(src, config, window_bytes, &mut |part: FileReport| {
        parts += 1;
        spool.add(&part)
    })
    .expect("an in-memory spool cannot fail");
    let mut out = Vec::new();
    spool
        .finish(&mut out)
        .expect("writing into a Vec cannot fail");
    (out, parts)
}

fn whole(src: &SourceFile, config: &Config) -> Vec<u8> {
    json::fragment(&citecheck::check(src, config))
}

fn same(a: &[u8], b: &[u8], what: &str) {
    if a != b {
        let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        let line = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "{what}: the report differs from the whole check's at line {}:\n  whole:    {:?}\n  other:    {:?}",
            line + 1,
            a.lines().nth(line),
            b.lines().nth(line)
        );
    }
}

#[test]
fn every_fixture_in_windows_reports_what_a_whole_check_does() {
    let mut cut = 0;
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let config = config_for(&path);
        // As written, and with the line endings and byte-order mark other editors leave: a
        // window may then start in the middle of a `\n` line (after a lone `\r`, or at a
        // table cell), where its first line's columns are the file's less the ones before.
        let variants = [
            ("", text.clone()),
            (".crlf", text.replace('\n', "\r\n")),
            (".cr", text.replace('\n', "\r")),
            (".bom", format!("\u{feff}{text}")),
        ];
        for (what, variant) in variants {
            // The variant's mark goes before the extension, which says the format.
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("md");
            let name = format!("{}{what}.{ext}", path.with_extension("").display());
            let src = SourceFile::new(name.clone(), variant);
            let (windowed, parts) = in_windows(&src, &config, 1);
            if parts > 1 && what.is_empty() {
                cut += 1;
            }
            same(&whole(&src, &config), &windowed, &name);
        }
    }
    assert!(cut >= 30, "only {cut} fixtures were cut into windows");
}

/// The caller's handling of a window's report runs while the next windows are analysed; when it
/// fails, no later report is handed on and its error is what the check returns.
#[test]
fn a_failing_consumer_stops_the_windows_with_its_error() {
    let path = fixtures()
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .expect("fixtures exist");
    let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
    let config = config_for(&path);
    let src = SourceFile::new(path.display().to_string(), text);
    let (_, parts) = in_windows(&src, &config, 1);
    assert!(parts >= 4, "{} makes only {parts} windows", path.display());
    let mut handed = 0;
    let result = citecheck::check_in_parts(&src, &config, 1, &mut |_part: FileReport| {
        handed += 1;
        if handed == 2 {
            Err(std::io::Error::other("the reader went away"))
        } else {
            Ok(())
        }
    });
    let err = result.expect_err("the consumer's error comes back");
    assert_eq!(err.to_string(), "the reader went away");
    assert_eq!(handed, 2, "nothing is handed on after the failure");
}

#[test]
fn every_fixture_checked_together_reports_what_checking_it_alone_does() {
    let sources: Vec<(SourceFile, Config)> = fixtures()
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
            let config = config_for(path);
            let name = path.display().to_string();
            // With other line endings too, so that a group mixes them.
            [
                (SourceFile::new(name.clone(), text.clone()), config.clone()),
                (
                    SourceFile::new(format!("{name}.crlf"), text.replace('\n', "\r\n")),
                    config,
                ),
            ]
        })
        .collect();
    assert!(sources.len() > 100);
    let files: Vec<(&SourceFile, &Config)> = sources.iter().map(|(s, c)| (s, c)).collect();
    // All at once, and in groups of three (a group's stages run file after file).
    let together = citecheck::check_many(&files);
    let in_threes: Vec<FileReport> = files.chunks(3).flat_map(citecheck::check_many).collect();
    assert_eq!(together.len(), files.len());
    for ((one, (src, config)), three) in together.iter().zip(&files).zip(&in_threes) {
        let alone = citecheck::check(src, config);
        same(&json::fragment(&alone), &json::fragment(one), &src.path);
        same(&json::fragment(&alone), &json::fragment(three), &src.path);
    }
    assert!(citecheck::check_many(&[]).is_empty());
}

/// One long article made of every fixture that can be windowed (no suppression comments, no
/// reference list), each under a heading, with a publication date: what rules compare across
/// the article (its cited names, its majority date style) then spans many windows.
fn long_article() -> String {
    let mut text = String::from("---\ntitle: Everything at once\ndate: 2025-08-11\n---\n\n");
    for (i, path) in fixtures().iter().enumerate() {
        let body = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let src = SourceFile::new(path.display().to_string(), body.clone());
        let doc = Document::build(&src);
        if !doc.suppressions.is_empty() || doc.references.is_some() {
            continue;
        }
        // Front matter only opens a file.
        let body = match body.strip_prefix("---\n") {
            Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, b)| b),
            None => &body,
        };
        text.push_str(&format!("# Part {i}\n\n{}\n\n", body.trim()));
    }
    text
}

#[test]
fn a_long_article_in_windows_of_any_size_reports_what_a_whole_check_does() {
    let text = long_article();
    let src = SourceFile::new("long.md", text);
    let config = Config {
        today_flag: Some(jiff::civil::date(2026, 11, 30)),
        ..Config::default()
    };
    let whole_report = citecheck::check(&src, &config);
    // Rules that compare across the article do fire in it.
    for rule in ["inconsistent-date-format", "citation-after-publication"] {
        assert!(
            whole_report.diagnostics.iter().any(|d| d.rule == rule),
            "no {rule} finding in the long article"
        );
    }
    let whole = json::fragment(&whole_report);
    for window_bytes in [1, 500, 4000, 40_000] {
        let (windowed, parts) = in_windows(&src, &config, window_bytes);
        assert!(parts > 1, "{window_bytes}: one part");
        same(
            &whole,
            &windowed,
            &format!("windows of {window_bytes} bytes"),
        );
    }
}

#[test]
fn suppressions_or_a_reference_list_keep_an_article_whole() {
    let text = "# A\n\nPrices rose 5% last year.\n\n# B\n\n<!-- citecheck-disable-next-line -->\n\
                Exports fell 7% in May.\n";
    let src = SourceFile::new("a.md", text);
    let config = Config::default();
    let (windowed, parts) = in_windows(&src, &config, 1);
    assert_eq!(parts, 1);
    same(&whole(&src, &config), &windowed, "suppressions");
    let text =
        "# A\n\nPrices rose 5% (Smith, 2020).\n\n# References\n\n- Smith, J. (2020). Prices.\n";
    let src = SourceFile::new("b.md", text);
    let (_, parts) = in_windows(&src, &config, 1);
    assert_eq!(parts, 1);
}

/// Through the command line, where a file of 4 MB or more is checked in windows of 256 KB and
/// its report spooled through temporary files: the output is the whole check's.
#[test]
fn the_cli_checks_a_long_file_in_windows_and_prints_the_whole_report() {
    let one = long_article();
    let (head, body) = one.split_at(one.find("# Part").expect("the article has parts"));
    let mut text = head.to_string();
    while text.len() < 4_500_000 {
        text.push_str(body);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("long.md"), &text).expect("write the article");
    let run = |tmp: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_citecheck"))
            .args([
                "check",
                "--format",
                "json",
                "--today",
                "2026-11-30",
                "long.md",
            ])
            .current_dir(dir.path())
            .env("TMPDIR", tmp)
            .output()
            .expect("citecheck runs")
    };
    let out = run(dir.path());
    assert_eq!(out.status.code(), Some(1), "findings: exit code 1");
    let src = SourceFile::new("long.md", text);
    let config = Config {
        today_flag: Some(jiff::civil::date(2026, 11, 30)),
        ..Config::default()
    };
    let report = citecheck::report::Report::new(vec![citecheck::check(&src, &config)]);
    same(
        json::render(&report).as_bytes(),
        &out.stdout,
        "the command line's report",
    );
    // Where no temporary file can be made, the file is checked whole, to the same report.
    let no_tmp = run(&dir.path().join("no such folder"));
    assert_eq!(no_tmp.status.code(), Some(1));
    assert!(
        no_tmp.stdout == out.stdout,
        "checked whole, the report differs"
    );

    // Every other format is rendered a window at a time too, to the whole file's output.
    let rep = report.files.into_iter().next().expect("one file");
    let located = citecheck::report::located::locate(&src, &rep);
    let expected = [
        (
            "human",
            citecheck::report::human::render_file(
                &rep,
                &src.text,
                citecheck::report::human::Style::plain(),
            ),
        ),
        ("concise", citecheck::report::concise::render(&rep)),
        ("jsonl", citecheck::report::jsonl::render(&rep, &located)),
        ("github", citecheck::report::github::render(&rep, &located)),
    ];
    for (format, whole) in expected {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_citecheck"))
            .args([
                "check",
                "--format",
                format,
                "--today",
                "2026-11-30",
                "long.md",
            ])
            .current_dir(dir.path())
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .expect("citecheck runs");
        assert_eq!(out.status.code(), Some(1), "{format}: exit code 1");
        same(whole.as_bytes(), &out.stdout, format);
    }

    // SARIF: the results, spilled window by window and held to the end of the run, are the
    // whole check's, in a log laid out exactly as serde_json pretty-prints it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_citecheck"))
        .args([
            "check",
            "--format",
            "sarif",
            "--today",
            "2026-11-30",
            "long.md",
        ])
        .current_dir(dir.path())
        .output()
        .expect("citecheck runs");
    assert_eq!(out.status.code(), Some(1), "sarif: exit code 1");
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let mut pretty = serde_json::to_string_pretty(&log).expect("serialises");
    pretty.push('\n');
    same(pretty.as_bytes(), &out.stdout, "sarif layout");
    let results = citecheck::report::sarif::results(&rep, &located);
    assert!(!results.is_empty());
    assert_eq!(log["runs"][0]["results"], serde_json::Value::Array(results));

    // A baseline written a window at a time absorbs every finding when read back that way.
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_citecheck"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("citecheck runs")
    };
    let wrote = cli(&[
        "check",
        "--today",
        "2026-11-30",
        "--write-baseline",
        "b.json",
        "long.md",
    ]);
    assert_eq!(wrote.status.code(), Some(0), "{wrote:?}");
    let read = cli(&[
        "check",
        "--today",
        "2026-11-30",
        "--baseline",
        "b.json",
        "--format",
        "concise",
        "long.md",
    ]);
    assert_eq!(read.status.code(), Some(0), "{read:?}");
    assert!(read.stdout.is_empty(), "findings left over the baseline");
}

/// Through the command line, a tree of many short files (checked in groups), one long enough
/// to be checked on its own and one that is not UTF-8: every file's report is the library's
/// for that file alone, in path order, and the bad file is reported without stopping the run.
#[test]
fn the_cli_checks_short_files_in_groups_and_reports_each_as_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tree = dir.path().join("tree");
    std::fs::create_dir(&tree).expect("mkdir");
    let texts: Vec<String> = fixtures()
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let mut names = Vec::new();
    for i in 0..300 {
        let name = format!("a{i:03}.md");
        std::fs::write(tree.join(&name), &texts[i % texts.len()]).expect("write");
        names.push(name);
    }
    // Past the size checked in a group (256 KB), not yet windowed.
    let long: String = texts
        .iter()
        .cycle()
        .take(400)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(long.len() > 300_000 && long.len() < 4_000_000);
    std::fs::write(tree.join("b-long.md"), &long).expect("write");
    names.push("b-long.md".to_string());
    std::fs::write(tree.join("a150x.md"), b"Prices rose \xff\xfe 5%.\n").expect("write");
    names.sort();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_citecheck"))
        .args(["check", "--format", "json", "--today", "2026-11-30", "tree"])
        .current_dir(dir.path())
        .output()
        .expect("citecheck runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a file that is not UTF-8 is trouble"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("a150x.md"));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files = report["files"].as_array().expect("files");
    let expected: Vec<&String> = names.iter().filter(|n| *n != "a150x.md").collect();
    assert_eq!(files.len(), expected.len());
    let config = Config {
        today_flag: Some(jiff::civil::date(2026, 11, 30)),
        ..Config::default()
    };
    for (f, name) in files.iter().zip(expected) {
        let path = format!("tree/{name}");
        assert_eq!(f["path"], serde_json::Value::from(path.clone()));
        let text = std::fs::read_to_string(tree.join(name)).expect("read");
        let alone = citecheck::check(&SourceFile::new(path.clone(), text), &config);
        assert_eq!(
            *f,
            serde_json::to_value(&alone).expect("serialises"),
            "{path}"
        );
    }
}
