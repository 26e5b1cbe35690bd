//! The command-line program: arguments, the run loop, output and exit codes.
//!
//! `run` parses arguments, walks the paths, checks files in order and writes the chosen format
//! to the given writers, returning the exit code: 0 nothing at or above `--fail-on`, 1 findings
//! at or above it, 2 usage, config or I/O trouble. All analysis is the library's.

pub mod args;
pub mod ledger;

use crate::config::Config;
use crate::diagnostics::Severity;
use crate::report::{self, FileReport, Report};
use crate::source::SourceFile;
use args::{CheckArgs, Cli, Command, FailOn, OutputFormat};
use clap::Parser;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Exit codes.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

/// Runs the program with `argv` and returns the exit code.
pub fn run(argv: Vec<String>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let cli = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_TROUBLE
            } else {
                EXIT_OK
            };
            let text = e.render().to_string();
            let w: &mut dyn Write = if e.use_stderr() { stderr } else { stdout };
            let _ = w.write_all(text.as_bytes());
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(a) => check(a, stdout, stderr),
        Command::Explain { code } => explain(code.as_deref(), stdout, stderr),
        Command::Ledger(a) => ledger::run(a, stdout, stderr),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`citecheck check . | head -1`) is the reader's choice, not trouble.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(stderr, "citecheck: error: {e}");
            EXIT_TROUBLE
        }
    }
}

fn explain(code: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match code {
        None => {
            for r in crate::rules::RULES {
                let level = format!("{:?}", r.default_level()).to_lowercase();
                writeln!(out, "{:<28} {:<8} {}", r.code(), level, r.summary())?;
            }
            Ok(EXIT_OK)
        }
        Some(c) => match crate::rules::find(c) {
            Some(r) => {
                writeln!(out, "# {}\n\n{}", r.code(), r.docs())?;
                Ok(EXIT_OK)
            }
            None => {
                writeln!(
                    err,
                    "citecheck: error: expected a rule code (see `citecheck explain`), found `{c}`"
                )?;
                Ok(EXIT_TROUBLE)
            }
        },
    }
}

fn is_article(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()),
        Some(ref e) if ["md", "markdown", "mdx", "txt"].contains(&e.as_str())
    )
}

/// Files to check, in the order given; folders are walked in sorted order.
fn collect(paths: &[PathBuf], troubles: &mut Vec<String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
        } else if p.is_dir() {
            let walker = walkdir::WalkDir::new(p).sort_by_file_name();
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && is_article(e.path()) => {
                        found.push(e.into_path())
                    }
                    Ok(_) => {}
                    Err(e) => troubles.push(format!("{e}")),
                }
            }
            found.sort();
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            troubles.push(format!(
                "{}: expected a file or folder, found nothing at that path",
                p.display()
            ));
        }
    }
    files
}

fn read_source(path: &Path) -> Result<SourceFile, String> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("<stdin>: could not read: {e}"))?;
        ("-".to_string(), buf)
    } else {
        let bytes =
            std::fs::read(path).map_err(|e| format!("{}: could not read: {e}", path.display()))?;
        (path.display().to_string(), bytes)
    };
    SourceFile::from_bytes(name.clone(), bytes).map_err(|e| format!("{name}: {e}"))
}

fn check(a: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let mut config = Config::default();
    if let Some(p) = &a.published {
        match crate::dates::parse_calendar_date(p) {
            Some(d) => config.published_flag = Some(d),
            None => {
                writeln!(
                    err,
                    "citecheck: error: --published expected a date such as 2025-08-11 or \"August 11, 2025\", found `{p}`"
                )?;
                return Ok(EXIT_TROUBLE);
            }
        }
    }
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let mut troubles = Vec::new();
    let files = collect(&paths, &mut troubles);
    let mut checked: Vec<(SourceFile, FileReport)> = Vec::new();
    for f in &files {
        match read_source(f) {
            Ok(src) => {
                let rep = crate::check(&src, &config);
                checked.push((src, rep));
            }
            Err(t) => troubles.push(t),
        }
    }
    for t in &troubles {
        writeln!(err, "citecheck: error: {t}")?;
    }
    let worst = checked
        .iter()
        .flat_map(|(_, r)| r.diagnostics.iter().map(|d| d.severity))
        .max();
    match a.format {
        OutputFormat::Json => {
            let reports = checked.iter().map(|(_, r)| r.clone()).collect();
            out.write_all(report::json::render(&Report::new(reports)).as_bytes())?;
        }
        OutputFormat::Human => {
            let style = report::human::Style::plain();
            for (src, rep) in &checked {
                out.write_all(report::human::render_file(rep, &src.text, style).as_bytes())?;
            }
        }
    }
    out.flush()?;
    if !troubles.is_empty() {
        return Ok(EXIT_TROUBLE);
    }
    let threshold = match a.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    Ok(match (worst, threshold) {
        (Some(w), Some(t)) if w >= t => EXIT_FINDINGS,
        _ => EXIT_OK,
    })
}
