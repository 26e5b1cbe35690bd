//! The `citecheck` binary: everything happens in `citecheck::cli`.

use std::io::Write;
use std::process::ExitCode;

// glibc's allocator hands freed memory back to the kernel and takes it again, and the kernel
// zeroes every page it hands out: on a 5 MB article that was a third of the run. mimalloc keeps
// and reuses its pages.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let env = citecheck::cli::Env::detect();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let code = citecheck::cli::run_with(argv, &mut stdout, &mut std::io::stderr(), &env);
    // A reader that went away (`| head -1`) is not an error worth reporting.
    let _ = stdout.flush();
    ExitCode::from(code)
}
