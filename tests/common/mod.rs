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
