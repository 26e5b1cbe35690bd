//! The `citecheck` binary: everything happens in `citecheck::cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let code = citecheck::cli::run(argv, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(code)
}
