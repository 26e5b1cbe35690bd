//! Writing files without ever leaving a half-written one, and without clobbering files that
//! are not ours.
//!
//! Every command that writes (`ledger --update`, `--write-baseline`, `init`) goes through
//! [`write_atomic`]: the bytes go to a temporary file in the same folder, are flushed to disk,
//! and the temporary file is renamed over the target, so a reader sees the old file or the new
//! one, never a mix. [`check_ours`] lets a command refuse to overwrite a file that does not
//! carry its marker unless the user passed `--force`. Deciding what to write is the caller's.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (temp file in the same folder, flushed to disk, renamed).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_replacing(path, bytes, true)
}

/// [`write_atomic`], flushing the bytes to disk first only when `sync`: the result cache
/// (`crate::cache`) does without, since a cache lost or cut short by a crash reads as an empty
/// one, and a flush of megabytes on every run costs more than the cache saves on a small one.
pub fn write_replacing(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "citecheck".to_string());
    let tmp = dir.join(format!(".{name}.citecheck-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if sync {
            f.sync_all()?;
        }
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Whether writing `path` would overwrite a file that is not ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ownership {
    /// Nothing there yet.
    Absent,
    /// A file carrying our marker.
    Ours,
    /// Something else: overwrite only with `--force`.
    Foreign,
}

/// Looks for `marker` in the first 4 KiB of `path`.
pub fn check_ours(path: &Path, marker: &str) -> io::Result<Ownership> {
    match fs::read(path) {
        Ok(bytes) => {
            let head = &bytes[..bytes.len().min(4096)];
            let found = memchr::memmem::find(head, marker.as_bytes()).is_some();
            Ok(if found {
                Ownership::Ours
            } else {
                Ownership::Foreign
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Ownership::Absent),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("a.txt");
        assert_eq!(check_ours(&p, "MARK")?, Ownership::Absent);
        write_atomic(&p, b"MARK one")?;
        assert_eq!(fs::read_to_string(&p)?, "MARK one");
        assert_eq!(check_ours(&p, "MARK")?, Ownership::Ours);
        write_atomic(&p, b"other")?;
        assert_eq!(check_ours(&p, "MARK")?, Ownership::Foreign);
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }
}
