//! Helpers shared by the integration tests: insta settings that put every snapshot in the
//! top-level `snapshots/` folder, and where `../shared` lives.
#![allow(dead_code)]

use std::path::PathBuf;

/// insta settings: snapshots in `snapshots/`, named by test function, no module prefix.
pub fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

/// `../shared` beside the repository, when it exists (tests that read it skip otherwise).
pub fn shared_dir() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    p.is_dir().then_some(p)
}

/// [`settings`] plus filters for CLI snapshots: the temporary repository's path (however it
/// is spelt: as given, canonical, or as a `file://` URI) becomes `[REPO]`.
pub fn cli_settings(repo: &std::path::Path) -> insta::Settings {
    let mut s = settings();
    let mut spellings = vec![repo.to_string_lossy().into_owned()];
    if let Ok(c) = repo.canonicalize() {
        spellings.push(c.to_string_lossy().into_owned());
    }
    for p in spellings {
        s.add_filter(&regex_escape(&p), "[REPO]");
    }
    s
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What a run of the citecheck binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the citecheck binary in `dir` with `args` and standard input closed, without the
/// variables of the environment that change what it prints or writes (`NO_COLOR`,
/// `GITHUB_STEP_SUMMARY`, the result cache's), plus `env`. A panic in it fails the test.
pub fn run_citecheck(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &std::ffi::OsStr)],
) -> Run {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_citecheck"));
    c.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CITECHECK_NO_CACHE")
        .env_remove("CITECHECK_CACHE_DIR")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    let out = match c.output() {
        Ok(o) => o,
        Err(e) => panic!("could not run citecheck: {e}"),
    };
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}
