//! Names this build for the result cache (`src/cache.rs`): a hash of the sources, the
//! manifest, the lock file and the compiler, handed to the crate as `CITECHECK_BUILD_ID`.
//! A cache written by one build is never read by another, so a report cached before a change
//! to the rules can never come back after it; and two builds of the same sources (a release
//! binary installed afresh on each CI run) share their cache, which a binary's modification
//! time would not allow.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
    let mut files = Vec::new();
    gather(Path::new("src"), &mut files);
    files.sort();
    // The hasher's algorithm may differ between compilers; the compiler's version is hashed
    // too, so that only changes the id when the id must change anyway.
    let mut h = DefaultHasher::new();
    for f in files
        .iter()
        .chain([&PathBuf::from("Cargo.toml"), &PathBuf::from("Cargo.lock")])
    {
        h.write(f.to_string_lossy().as_bytes());
        h.write_u8(0);
        h.write(&std::fs::read(f).unwrap_or_default());
        h.write_u8(0);
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    if let Ok(out) = std::process::Command::new(rustc).arg("-vV").output() {
        h.write(&out.stdout);
    }
    println!("cargo:rustc-env=CITECHECK_BUILD_ID={:016x}", h.finish());
}

fn gather(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            gather(&p, out);
        } else {
            out.push(p);
        }
    }
}
