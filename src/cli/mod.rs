//! The command-line program: arguments, the run loop, output and exit codes.
//!
//! [`run`] parses arguments and dispatches to a subcommand, writing to the writers it is given
//! (so tests can call it in-process) and returning the exit code: 0 nothing at or above
//! `--fail-on`, 1 findings at or above it, 2 usage, config or I/O trouble. `check` lives in
//! [`check`], `init` in [`init`]; trouble about the run itself is a [`trouble::Trouble`]
//! diagnostic with a code. All analysis is the library's.

pub mod args;
pub mod check;
pub mod init;
pub mod ledger;
pub mod trouble;

use args::{Cli, Command};
use clap::Parser;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Exit codes.
/// Sets `--published` and `--today` on `config`; the error says which flag named no date.
pub(crate) fn apply_date_flags(
    config: &mut crate::config::Config,
    published: Option<&str>,
    today: Option<&str>,
) -> Result<(), String> {
    let date = |flag: &str, value: &str| {
        crate::dates::parse_calendar_date(value).ok_or_else(|| {
            format!(
                "{flag} expected a date such as 2025-08-11 or \"August 11, 2025\", found `{value}`"
            )
        })
    };
    if let Some(v) = published {
        config.published_flag = Some(date("--published", v)?);
    }
    if let Some(v) = today {
        config.today_flag = Some(date("--today", v)?);
    }
    Ok(())
}

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

/// What the program knows about where it runs, passed in so tests control it.
#[derive(Debug, Clone)]
pub struct Env {
    /// The working folder: relative paths, config discovery and `init` start here.
    pub cwd: PathBuf,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set (to anything non-empty).
    pub no_color: bool,
    /// `--color always` or `never`: `None` leaves colour to the terminals and `NO_COLOR`.
    pub force_color: Option<bool>,
    /// The terminal's width in columns, when standard output is one.
    pub stdout_width: Option<usize>,
    /// `$GITHUB_STEP_SUMMARY`: where `--format github` appends its Markdown summary.
    pub github_step_summary: Option<PathBuf>,
    /// `$CITECHECK_CACHE_DIR`: where `check` keeps its result cache, unless `--cache-dir` says.
    pub cache_dir: Option<PathBuf>,
    /// `$CITECHECK_NO_CACHE` is set (to anything non-empty but `0`): as `--no-cache`.
    pub no_cache: bool,
}

impl Env {
    /// The real process environment.
    pub fn detect() -> Env {
        Env {
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            stdout_is_terminal: io::stdout().is_terminal(),
            stderr_is_terminal: io::stderr().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            force_color: None,
            stdout_width: console::Term::stdout()
                .size_checked()
                .map(|(_rows, cols)| usize::from(cols)),
            github_step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            cache_dir: std::env::var_os("CITECHECK_CACHE_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            no_cache: std::env::var_os("CITECHECK_NO_CACHE")
                .is_some_and(|v| !v.is_empty() && v != "0"),
        }
    }

    /// Whether to colour standard output: `--color`, else a terminal without `NO_COLOR`.
    pub fn color_stdout(&self) -> bool {
        self.force_color
            .unwrap_or(self.stdout_is_terminal && !self.no_color)
    }

    /// Whether to colour standard error: `--color`, else a terminal without `NO_COLOR`.
    pub fn color_stderr(&self) -> bool {
        self.force_color
            .unwrap_or(self.stderr_is_terminal && !self.no_color)
    }

    /// The process environment, but never a terminal (writers given to [`run`] are not).
    pub fn detect_without_terminals() -> Env {
        Env {
            stdout_is_terminal: false,
            stderr_is_terminal: false,
            stdout_width: None,
            ..Env::detect()
        }
    }
}

/// Runs the program with `argv` and returns the exit code; the writers are not terminals.
pub fn run(argv: Vec<String>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    run_with(argv, stdout, stderr, &Env::detect_without_terminals())
}

/// Runs the program in `env`.
pub fn run_with(
    argv: Vec<String>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    env: &Env,
) -> u8 {
    let asked = color_flag(&argv);
    let cli = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_TROUBLE
            } else {
                EXIT_OK
            };
            let terminal = if e.use_stderr() {
                env.stderr_is_terminal
            } else {
                env.stdout_is_terminal
            };
            let color = asked
                .or(env.force_color)
                .unwrap_or(terminal && !env.no_color);
            let text = if color {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let w: &mut dyn Write = if e.use_stderr() { stderr } else { stdout };
            let _ = w.write_all(text.as_bytes());
            return code;
        }
    };
    // A flag given on the command line outranks `NO_COLOR` (no-color.org).
    let env = &Env {
        force_color: match cli.color {
            args::ColorWhen::Auto => env.force_color,
            args::ColorWhen::Always => Some(true),
            args::ColorWhen::Never => Some(false),
        },
        ..env.clone()
    };
    let result = match cli.command {
        Command::Check(a) => match a.output_file.clone() {
            Some(path) if path.as_os_str() != "-" => {
                check::run_to_file(a, env, &env.cwd.join(path), stderr)
            }
            _ => check::run(a, env, stdout, stderr),
        },
        Command::Explain { code } => explain(code.as_deref(), stdout, stderr),
        Command::Init(a) => init::run(&a, env, stderr),
        Command::Ledger(a) => ledger::run(a, env, stdout, stderr),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`citecheck check . | head -1`) is the reader's choice, not trouble.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(stderr, "citecheck: error[io-error]: {e}");
            EXIT_TROUBLE
        }
    }
}

/// `--color WHEN` as the arguments give it (the last one wins, as in clap), read before they
/// are parsed so that clap's own help and usage errors follow it too. `None` for `auto`, or
/// when it is not given.
fn color_flag(argv: &[String]) -> Option<bool> {
    let mut asked = None;
    let mut args = argv.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--color=") {
            Some(v) => Some(v),
            None if arg == "--color" => args.next().map(String::as_str),
            None => None,
        };
        match value {
            Some("always") => asked = Some(true),
            Some("never") => asked = Some(false),
            Some("auto") => asked = None,
            _ => {}
        }
    }
    asked
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

/// `[per-file-ignores]` compiled: globs and the rule codes each switches off. `check` and
/// `ledger` both apply them, so that a ledger records exactly the findings `check` reports.
pub(crate) struct PerFileIgnores(Vec<(globset::GlobMatcher, Vec<String>)>);

impl PerFileIgnores {
    /// Compiles the config's globs; the error says which glob is broken and why.
    pub(crate) fn compile(config: &crate::config::Config) -> Result<Self, globset::Error> {
        let mut out = Vec::new();
        for (glob, codes) in &config.per_file_ignores {
            out.push((globset::Glob::new(glob)?.compile_matcher(), codes.clone()));
        }
        Ok(PerFileIgnores(out))
    }

    /// The config for the file at `rel` (relative to the project root): `base` itself, or a
    /// copy with the rules its globs name switched off.
    pub(crate) fn config_for<'a>(
        &self,
        base: &'a crate::config::Config,
        rel: &str,
    ) -> std::borrow::Cow<'a, crate::config::Config> {
        let mut ignored = self
            .0
            .iter()
            .filter(|(m, _)| m.is_match(rel))
            .flat_map(|(_, codes)| codes)
            .peekable();
        if ignored.peek().is_none() {
            return std::borrow::Cow::Borrowed(base);
        }
        let mut c = base.clone();
        for code in ignored {
            c.rules.insert(code.clone(), crate::config::Level::Off);
        }
        std::borrow::Cow::Owned(c)
    }
}
