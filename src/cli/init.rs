//! `citecheck init`: writes the commented starter `citecheck.toml` in the working folder.
//!
//! The write is atomic. A file that `init` wrote before (it carries the starter's marker) and
//! that nobody edited is left alone; any other existing file is replaced only with `--force`.

use super::args::InitArgs;
use super::trouble::{self, Trouble};
use super::{EXIT_OK, EXIT_TROUBLE, Env};
use crate::atomic::{Ownership, check_ours, write_atomic};
use crate::config::{FILE_NAME, STARTER, STARTER_MARKER};
use std::io::{self, Write};

pub fn run(a: &InitArgs, env: &Env, err: &mut dyn Write) -> io::Result<u8> {
    let path = env.cwd.join(FILE_NAME);
    let color = env.color_stderr();
    let fail = |err: &mut dyn Write, t: Trouble| -> io::Result<u8> {
        err.write_all(trouble::render(&t, color).as_bytes())?;
        Ok(EXIT_TROUBLE)
    };
    let owner = match check_ours(&path, STARTER_MARKER) {
        Ok(o) => o,
        Err(e) => {
            return fail(
                err,
                Trouble::new(
                    trouble::IO_ERROR,
                    Some(FILE_NAME.into()),
                    format!("could not read the existing file: {e}"),
                ),
            );
        }
    };
    if !a.force {
        match owner {
            Ownership::Absent => {}
            Ownership::Ours => {
                if std::fs::read_to_string(&path).is_ok_and(|t| t == STARTER) {
                    writeln!(err, "citecheck: {FILE_NAME} is already the starter config")?;
                    return Ok(EXIT_OK);
                }
                return fail(
                    err,
                    Trouble::new(
                        trouble::USAGE_ERROR,
                        Some(FILE_NAME.into()),
                        "expected no config file here, found one written by `citecheck init` and edited since",
                    )
                    .with_help("pass --force to replace it with the starter config (your edits are lost)"),
                );
            }
            Ownership::Foreign => {
                return fail(
                    err,
                    Trouble::new(
                        trouble::USAGE_ERROR,
                        Some(FILE_NAME.into()),
                        "expected no config file here, found one that `citecheck init` did not write",
                    )
                    .with_help("pass --force to replace it, or edit it by hand"),
                );
            }
        }
    }
    if let Err(e) = write_atomic(&path, STARTER.as_bytes()) {
        return fail(
            err,
            Trouble::new(
                trouble::IO_ERROR,
                Some(FILE_NAME.into()),
                format!("could not write: {e}"),
            ),
        );
    }
    writeln!(err, "citecheck: wrote {FILE_NAME}")?;
    Ok(EXIT_OK)
}
