//! Command-line arguments (clap derive).

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "citecheck",
    version,
    about = "Checks source attribution in articles: citations, the claims they back, and their dates"
)]
pub struct Cli {
    /// When to colour what is printed: auto (on a terminal, unless NO_COLOR is set), always
    /// (also through a pipe, such as a CI log that shows colour), never
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto
    )]
    pub color: ColorWhen,
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Always, whatever the output is and whatever `NO_COLOR` says.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and folders (default: the current folder); "-" reads stdin.
    Check(CheckArgs),
    /// Print a rule's docs; without a code, list every rule.
    Explain { code: Option<String> },
    /// Write a commented starter citecheck.toml in the current folder.
    Init(InitArgs),
    /// Keep each article's attribution ledger (`article.md.ledger`) current; review changes.
    Ledger(super::ledger::LedgerArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Rich diagnostics with the sentence underlined (colour on terminals only).
    Human,
    /// One line per finding: path:line:col: `severity[code]` message.
    Concise,
    /// The JSON report of CONTRACT.md.
    Json,
    /// One JSON object per finding per line.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations), plus a step summary.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("writes").args(["write_baseline", "output_file"]).multiple(true)))]
pub struct CheckArgs {
    /// Files and folders to check; "-" reads standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// The config file (default: citecheck.toml in this folder or the nearest parent).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The publication date (YYYY-MM-DD or "August 11, 2025"), overriding the articles' own.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Today's date (YYYY-MM-DD), in place of the clock's: what `stale-citation`, and without a
    /// publication date `citation-after-publication`, compare with. For reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Run only these rules (comma-separated codes).
    #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (comma-separated codes).
    #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 0 even when there are findings (I/O and config trouble still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print findings only: no summary line, no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how many findings each rule made instead of the findings: a table (human,
    /// concise), a JSON array (json) or JSON lines (jsonl). The exit code is the same as
    /// without it.
    #[arg(long, conflicts_with = "write_baseline")]
    pub statistics: bool,
    /// Print the files that would be checked, one per line, and check nothing: which files
    /// the folders, the config's include and exclude globs and the paths given select.
    #[arg(long, conflicts_with_all = ["statistics", "write_baseline", "baseline"])]
    pub show_files: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this file (written atomically) instead of reporting them.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// With --write-baseline: replace FILE even when it is not a citecheck baseline; with
    /// --output-file: even when it is a file of an article's extension.
    #[arg(long, requires = "writes")]
    pub force: bool,
    /// Write the output to FILE instead of standard output (whole, atomically, when the run
    /// ends); "-" is standard output. An existing file with an article's extension is replaced
    /// only with --force.
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        conflicts_with = "write_baseline"
    )]
    pub output_file: Option<PathBuf>,
    /// The name to report (and to choose Markdown or plain text by) for "-".
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Worker threads (default: the number of CPUs): files are checked at once, and a long
    /// file's blocks and sentences are shared out among them.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Check every file, neither reading nor writing the result cache (also
    /// CITECHECK_NO_CACHE=1).
    #[arg(long)]
    pub no_cache: bool,
    /// Where the result cache lives (default: .citecheck_cache at the project root, the folder
    /// of citecheck.toml; also CITECHECK_CACHE_DIR).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace an existing citecheck.toml.
    #[arg(long)]
    pub force: bool,
}
