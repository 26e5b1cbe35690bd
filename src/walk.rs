//! Finding the files to check: paths from the command line, folders walked in sorted order.
//!
//! A folder walk picks files with one of the configured extensions, skips hidden folders,
//! `.git`, `node_modules` and `target`, and applies the config's `include`/`exclude` globs,
//! matched against the path relative to the project root (the folder holding
//! `citecheck.toml`, or the working folder). A file named on the command line is checked
//! whatever its extension, but `exclude` still applies (pre-commit passes every staged file).
//! Symbolic links are followed; loops, unreadable folders and missing paths become
//! [`WalkProblem`]s and the walk goes on. Reading the files is the caller's job.

use crate::config::FilesConfig;
use globset::{GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};

/// Folders never walked into (hidden folders are skipped too).
const SKIPPED_DIRS: [&str; 2] = ["node_modules", "target"];

/// Something the walk could not look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub message: String,
}

/// Which files a walk keeps.
#[derive(Debug)]
pub struct Filter {
    root: PathBuf,
    extensions: Vec<String>,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    /// `root` must be absolute (globs are relative to it); `cwd` resolves relative paths.
    pub fn new(files: &FilesConfig, root: &Path) -> Result<Filter, globset::Error> {
        let include = if files.include.is_empty() {
            None
        } else {
            Some(build(&files.include)?)
        };
        Ok(Filter {
            root: root.to_path_buf(),
            extensions: files
                .extensions
                .iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect(),
            include,
            exclude: build(&files.exclude)?,
        })
    }

    /// The path relative to the root, `/`-separated, as globs see it. Paths outside the root
    /// are matched as given.
    pub fn relative(&self, path: &Path, cwd: &Path) -> String {
        // The usual case, a path under the working folder that is the root, needs neither the
        // join nor the normalising (a walk asks this of every file, twice).
        let up = path.components().any(|c| c == Component::ParentDir);
        if path.is_relative() && cwd == self.root && !up {
            return slash_path(path);
        }
        // An absolute path without `..` is normal already (`components` drops `.` and
        // doubled separators), so joining and normalising it would give it back.
        if path.is_absolute() && !up {
            return slash_path(path.strip_prefix(&self.root).unwrap_or(path));
        }
        let abs = normalize(&cwd.join(path));
        let rel = abs.strip_prefix(&self.root).unwrap_or(path);
        slash_path(rel)
    }

    fn excluded(&self, rel: &str) -> bool {
        self.exclude.is_match(rel)
    }

    fn included(&self, rel: &str) -> bool {
        self.include.as_ref().is_none_or(|s| s.is_match(rel))
    }

    fn has_extension(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }
}

fn build(globs: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(globset::Glob::new(g)?);
    }
    b.build()
}

/// `a/./b/../c` → `a/c`, without touching the file system (symlinks stay as named).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path with `/` separators and no leading `./`, for output and glob matching.
pub fn slash_path(p: &Path) -> String {
    let mut s = String::with_capacity(p.as_os_str().len());
    let mut first = true;
    for c in p.components() {
        let part = match c {
            Component::CurDir => continue,
            Component::RootDir => std::borrow::Cow::Borrowed(""),
            other => other.as_os_str().to_string_lossy(),
        };
        if !std::mem::take(&mut first) {
            s.push('/');
        }
        s.push_str(&part);
    }
    if p.has_root() && !s.starts_with('/') {
        format!("/{s}")
    } else if s.is_empty() {
        ".".to_string()
    } else {
        s
    }
}

/// The files to check, in order: each command-line path in turn, a folder's files sorted by
/// path. `-` (standard input) is passed through. Duplicates are dropped.
pub fn collect(paths: &[PathBuf], filter: &Filter, cwd: &Path) -> (Vec<PathBuf>, Vec<WalkProblem>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
            continue;
        }
        let abs = cwd.join(p);
        match std::fs::metadata(&abs) {
            Ok(m) if m.is_dir() => walk_dir(p, &abs, filter, cwd, &mut files, &mut problems),
            Ok(_) => {
                if !filter.excluded(&filter.relative(p, cwd)) {
                    files.push(p.clone());
                }
            }
            Err(e) => problems.push(WalkProblem {
                path: p.clone(),
                message: if e.kind() == std::io::ErrorKind::NotFound {
                    "expected a file or folder, found nothing at this path".to_string()
                } else {
                    format!("could not read: {e}")
                },
            }),
        }
    }
    // One path cannot name a file twice: a walk yields each path once.
    if paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| f.as_os_str() == "-" || seen.insert(normalize(&cwd.join(f))));
    }
    (files, problems)
}

fn walk_dir(
    given: &Path,
    abs: &Path,
    filter: &Filter,
    cwd: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<WalkProblem>,
) {
    let walker = walkdir::WalkDir::new(abs)
        .follow_links(true)
        // A folder's entries are siblings: their paths share everything up to the name, so
        // comparing whole paths orders them by name, as `sort_by_file_name` does, without
        // parsing each name out of its path at every comparison (2% of checking 20,000 short
        // files).
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 || !e.file_type().is_dir() {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            !(name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref()))
        });
    let mut found = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_file() || !filter.has_extension(e.path()) {
                    continue;
                }
                // Report the path as the user would write it: under the folder they named.
                let shown = match e.path().strip_prefix(abs) {
                    Ok(rest) => given.join(rest),
                    Err(_) => e.path().to_path_buf(),
                };
                let rel = filter.relative(&shown, cwd);
                if filter.included(&rel) && !filter.excluded(&rel) {
                    found.push(shown);
                }
            }
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| match p.strip_prefix(abs) {
                        Ok(rest) => given.join(rest),
                        Err(_) => p.to_path_buf(),
                    })
                    .unwrap_or_else(|| given.to_path_buf());
                let message = if let Some(anc) = e.loop_ancestor() {
                    format!(
                        "symbolic link loop: this folder links back to {}",
                        anc.display()
                    )
                } else if let Some(io) = e.io_error() {
                    format!("could not read: {io}")
                } else {
                    format!("could not read: {e}")
                };
                problems.push(WalkProblem { path, message });
            }
        }
    }
    found.sort();
    files.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(root: &Path, rel: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, "text\n").expect("write");
    }

    fn names(files: &[PathBuf]) -> Vec<String> {
        files.iter().map(|f| slash_path(f)).collect()
    }

    #[test]
    fn paths_relative_to_the_root_with_and_without_the_short_cut() {
        let root = Path::new("/work/site");
        let filter = Filter::new(&FilesConfig::default(), root).expect("filter");
        // Under the working folder that is the root (the short cut), and from elsewhere (the
        // join and normalising): the same answers.
        for (cwd, path, rel) in [
            ("/work/site", "a/b.md", "a/b.md"),
            ("/work/site", "./a/b.md", "a/b.md"),
            ("/work/site", "a/./b.md", "a/b.md"),
            ("/work/site", "a//b.md", "a/b.md"),
            ("/work/site", ".", "."),
            ("/work/site", "../other/x.md", "../other/x.md"),
            ("/work/site", "a/../c.md", "c.md"),
            ("/work/site", "/work/site/a.md", "a.md"),
            ("/work/site", "/work/site/./a//b.md", "a/b.md"),
            ("/work/site", "/work/site/a/../c.md", "c.md"),
            ("/work/site", "/work/sitex/a.md", "/work/sitex/a.md"),
            ("/elsewhere", "/work/site/a.md", "a.md"),
            ("/elsewhere", "/tmp//x/./y.md", "/tmp/x/y.md"),
            ("/elsewhere", "/tmp/x/../y.md", "/tmp/x/../y.md"),
            ("/work/site/a", "b.md", "a/b.md"),
            ("/work/site/a", "../c.md", "c.md"),
            // Outside the root, as given.
            ("/elsewhere", "x.md", "x.md"),
        ] {
            assert_eq!(
                filter.relative(Path::new(path), Path::new(cwd)),
                rel,
                "{cwd} {path}"
            );
        }
        assert_eq!(slash_path(Path::new("/a/b")), "/a/b");
        assert_eq!(slash_path(Path::new("./a/")), "a");
        assert_eq!(slash_path(Path::new("")), ".");
    }

    #[test]
    fn walks_sorted_with_default_extensions_and_skips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for f in [
            "b.md",
            "a.txt",
            "c.rs",
            "sub/z.markdown",
            "sub/y.mdx",
            ".hidden/x.md",
            "node_modules/m.md",
            "target/t.md",
            ".git/g.md",
            "sub/.h.md",
        ] {
            touch(root, f);
        }
        let filter = Filter::new(&FilesConfig::default(), root).expect("filter");
        let (files, problems) = collect(&[PathBuf::from(".")], &filter, root);
        assert!(problems.is_empty(), "{problems:?}");
        // Hidden files (not folders) are still checked when their extension matches.
        assert_eq!(
            names(&files),
            ["a.txt", "b.md", "sub/.h.md", "sub/y.mdx", "sub/z.markdown"]
        );
    }

    #[test]
    fn include_exclude_globs_relative_to_root() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for f in ["articles/a.md", "articles/drafts/b.md", "notes/c.md"] {
            touch(root, f);
        }
        let files_cfg = FilesConfig {
            include: vec!["articles/**".into()],
            exclude: vec!["**/drafts/**".into()],
            ..FilesConfig::default()
        };
        let filter = Filter::new(&files_cfg, root).expect("filter");
        // Walking from a subfolder still matches globs against root-relative paths.
        let (files, _) = collect(&[PathBuf::from(".")], &filter, &root.join("articles"));
        assert_eq!(names(&files), ["a.md"]);
        let (files, _) = collect(&[PathBuf::from("articles/drafts/b.md")], &filter, root);
        assert!(files.is_empty());
    }

    #[test]
    fn explicit_file_any_extension_and_missing_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        touch(root, "notes.rst");
        let filter = Filter::new(&FilesConfig::default(), root).expect("filter");
        let (files, problems) = collect(
            &[
                PathBuf::from("notes.rst"),
                PathBuf::from("missing.md"),
                PathBuf::from("./notes.rst"),
            ],
            &filter,
            root,
        );
        assert_eq!(names(&files), ["notes.rst"]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("found nothing"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_and_walk_goes_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        touch(root, "a/x.md");
        std::os::unix::fs::symlink(root.join("a"), root.join("a/loop")).expect("symlink");
        let filter = Filter::new(&FilesConfig::default(), root).expect("filter");
        let (files, problems) = collect(&[PathBuf::from(".")], &filter, root);
        assert_eq!(names(&files), ["a/x.md"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("loop"));
        assert_eq!(slash_path(&problems[0].path), "a/loop");
    }

    /// Problems come in the order of the walk, which visits a folder's entries by name: made
    /// in another order, and with names one of which begins another, they still come sorted.
    #[cfg(unix)]
    #[test]
    fn problems_come_in_name_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let folders = ["b", "a.x", "a-b", "a", "c/z", "c/y"];
        for f in folders {
            touch(root, &format!("{f}/x.md"));
        }
        for f in folders {
            std::os::unix::fs::symlink(root.join(f), root.join(f).join("loop")).expect("symlink");
        }
        let filter = Filter::new(&FilesConfig::default(), root).expect("filter");
        let (files, problems) = collect(&[PathBuf::from(".")], &filter, root);
        let shown: Vec<String> = problems.iter().map(|p| slash_path(&p.path)).collect();
        assert_eq!(
            shown,
            [
                "a/loop", "a-b/loop", "a.x/loop", "b/loop", "c/y/loop", "c/z/loop"
            ]
        );
        assert_eq!(
            names(&files),
            [
                "a/x.md", "a-b/x.md", "a.x/x.md", "b/x.md", "c/y/x.md", "c/z/x.md"
            ]
        );
    }
}
