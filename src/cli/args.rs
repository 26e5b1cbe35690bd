//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "citecheck",
    version,
    about = "Checks source attribution in articles: citations, the claims they back, and their dates"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and folders (default: the current folder); "-" reads stdin.
    Check(CheckArgs),
    /// Print a rule's docs; without a code, list every rule.
    Explain { code: Option<String> },
    /// Keep each article's attribution ledger (`article.md.ledger`) current; review changes.
    Ledger(super::ledger::LedgerArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check; "-" reads standard input.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// The publication date (YYYY-MM-DD or "August 11, 2025"), overriding the articles' own.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}
