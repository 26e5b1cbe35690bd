//! `citecheck ledger`: keep each article's attribution ledger (`article.md.ledger`, beside
//! the article) in step with the article, and review changes to it like insta snapshots.
//!
//! `--check` (the default) compares every ledger with a fresh rendering and prints a unified
//! diff per stale, missing or left-over ledger; `--write-pending` also leaves the fresh
//! rendering as `article.md.ledger.new`. `--update` writes every ledger and removes left-over
//! ones. `--review` walks the pending files asking accept / reject / skip on stdin;
//! `--accept` / `--reject` do the same without asking. Every write is atomic, and a file
//! without the ledger marker is never overwritten or removed unless `--force` is given.
//! Rendering a ledger is `report::ledger`'s job.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, Env};
use crate::atomic::write_atomic;
use crate::config::{self, Config, FilesConfig};
use crate::report::FileReport;
use crate::report::ledger::{
    self as render, article_of_ledger, article_of_pending, is_ledger, ledger_path, pending_path,
};
use crate::source::SourceFile;
use crate::walk::{self, Filter};
use clap::{ArgGroup, Args};
use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mode").args(["check", "update", "review", "accept", "reject"])))]
pub struct LedgerArgs {
    /// Files and folders whose articles have ledgers (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Exit 1 with a diff when a ledger is stale, missing or left over (the default).
    #[arg(long)]
    pub check: bool,
    /// Write every stale or missing ledger and remove left-over ones.
    #[arg(long)]
    pub update: bool,
    /// Show each pending ledger (`.ledger.new`) and ask to accept, reject or skip it.
    #[arg(long)]
    pub review: bool,
    /// Accept every pending ledger without asking.
    #[arg(long)]
    pub accept: bool,
    /// Reject (delete) every pending ledger without asking.
    #[arg(long)]
    pub reject: bool,
    /// With --check: leave the fresh ledger beside each stale one as `.ledger.new`.
    #[arg(long, requires = "check")]
    pub write_pending: bool,
    /// Overwrite or remove `.ledger` files that do not carry the ledger marker.
    #[arg(long)]
    pub force: bool,
    /// The publication date (YYYY-MM-DD or "August 11, 2025"), overriding the articles' own.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Today's date (YYYY-MM-DD), in place of the clock's: what `stale-citation`, and without a
    /// publication date `citation-after-publication`, compare with. For reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Use this citecheck.toml instead of the one found from the working folder up.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// What the walk found under the given paths.
#[derive(Debug, Default)]
struct Found {
    articles: Vec<PathBuf>,
    ledgers: Vec<PathBuf>,
    pending: Vec<PathBuf>,
}

/// How one run reads the tree: the config, where globs are rooted, the working folder.
struct Ctx {
    config: Config,
    filter: Filter,
    per_file: super::PerFileIgnores,
    cwd: PathBuf,
    /// Where the config's globs are rooted.
    root: PathBuf,
}

impl Ctx {
    fn abs(&self, p: &Path) -> PathBuf {
        self.cwd.join(p)
    }

    fn filter_root(&self) -> PathBuf {
        self.root.clone()
    }
}

/// Every article the config selects under `paths` (as `check` would see them), and every
/// ledger and pending ledger beside articles there, present or not.
fn walk_all(ctx: &Ctx, paths: &[PathBuf], troubles: &mut Vec<String>) -> Found {
    let (articles, problems) = walk::collect(paths, &ctx.filter, &ctx.cwd);
    for p in problems {
        troubles.push(format!("{}: {}", walk::slash_path(&p.path), p.message));
    }
    let mut found = Found {
        articles: articles
            .into_iter()
            .filter(|a| a.as_os_str() != "-")
            .collect(),
        ..Found::default()
    };
    // Ledger files: the same walk (hidden folders, target/ and node_modules/ skipped, the
    // config's excludes applied), looking for `.ledger` and `.new`.
    let side = FilesConfig {
        extensions: vec![render::EXTENSION.to_string(), "new".to_string()],
        include: Vec::new(),
        exclude: ctx.config.files.exclude.clone(),
    };
    let root = ctx.filter_root();
    if let Ok(side_filter) = Filter::new(&side, &root) {
        let (files, _) = walk::collect(paths, &side_filter, &ctx.cwd);
        for f in files {
            if article_of_pending(&f).is_some() {
                found.pending.push(f);
            } else if article_of_ledger(&f).is_some() {
                found.ledgers.push(f);
            }
        }
    }
    // An article named on the command line brings its ledger and pending file along.
    for a in &found.articles {
        for (side, list) in [
            (ledger_path(a), &mut found.ledgers),
            (pending_path(a), &mut found.pending),
        ] {
            if ctx.abs(&side).is_file() {
                list.push(side);
            }
        }
    }
    for v in [&mut found.articles, &mut found.ledgers, &mut found.pending] {
        v.sort();
        v.dedup();
    }
    found
}

/// Renders the ledger an article should have now: the same analysis, rules, per-file
/// ignores and suppressions as `citecheck check`.
fn render_article(path: &Path, ctx: &Ctx) -> Result<String, String> {
    let display = walk::slash_path(path);
    let bytes = fs::read(ctx.abs(path)).map_err(|e| format!("{display}: could not read: {e}"))?;
    let src =
        SourceFile::from_bytes(display.clone(), bytes).map_err(|e| format!("{display}: {e}"))?;
    let rel = ctx.filter.relative(path, &ctx.cwd);
    let config = ctx.per_file.config_for(&ctx.config, &rel);
    let article = crate::analyse(&src, &config);
    let findings = crate::suppress::apply(&article, crate::rules::run(&article));
    let report = FileReport::new(&article, findings);
    let name = path
        .file_name()
        .map_or(display.clone(), |n| n.to_string_lossy().into_owned());
    Ok(render::render(&article, &report, &name))
}

/// A ledger file's state on disk.
enum OnDisk {
    Missing,
    Ours(String),
    Foreign,
}

fn read_ledger(ctx: &Ctx, path: &Path) -> Result<OnDisk, String> {
    match fs::read(ctx.abs(path)) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok(if is_ledger(&text) {
                OnDisk::Ours(text)
            } else {
                OnDisk::Foreign
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(OnDisk::Missing),
        Err(e) => Err(format!("{}: could not read: {e}", walk::slash_path(path))),
    }
}

fn remove(ctx: &Ctx, path: &Path, troubles: &mut Vec<String>) -> bool {
    match fs::remove_file(ctx.abs(path)) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => true,
        Err(e) => {
            troubles.push(format!("{}: could not remove: {e}", walk::slash_path(path)));
            false
        }
    }
}

pub fn run(a: LedgerArgs, env: &Env, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let (mut config, root) = match config::resolve(&env.cwd, a.config.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            err.write_all(super::trouble::render(e.as_ref(), env.color_stderr()).as_bytes())?;
            return Ok(EXIT_TROUBLE);
        }
    };
    if let Err(message) =
        super::apply_date_flags(&mut config, a.published.as_deref(), a.today.as_deref())
    {
        writeln!(err, "citecheck: error: {message}")?;
        return Ok(EXIT_TROUBLE);
    }
    let filter = match Filter::new(&config.files, &root) {
        Ok(f) => f,
        Err(e) => {
            writeln!(err, "citecheck: error: {e}")?;
            return Ok(EXIT_TROUBLE);
        }
    };
    let per_file = match super::PerFileIgnores::compile(&config) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "citecheck: error: {e}")?;
            return Ok(EXIT_TROUBLE);
        }
    };
    let ctx = Ctx {
        config,
        filter,
        per_file,
        cwd: env.cwd.clone(),
        root,
    };
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let mut troubles = Vec::new();
    let found = walk_all(&ctx, &paths, &mut troubles);
    let code = if a.review {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        review(
            &ctx,
            &found,
            Decide::Ask(&mut input),
            a.force,
            out,
            &mut troubles,
        )?
    } else if a.accept {
        review(&ctx, &found, Decide::All(true), a.force, out, &mut troubles)?
    } else if a.reject {
        review(
            &ctx,
            &found,
            Decide::All(false),
            a.force,
            out,
            &mut troubles,
        )?
    } else if a.update {
        update(&ctx, &found, a.force, out, &mut troubles)?
    } else {
        check(&ctx, &found, a.write_pending, out, err, &mut troubles)?
    };
    for t in &troubles {
        writeln!(err, "citecheck: error: {t}")?;
    }
    out.flush()?;
    Ok(if troubles.is_empty() {
        code
    } else {
        EXIT_TROUBLE
    })
}

/// Ledgers of ours whose article is gone.
fn leftovers(ctx: &Ctx, found: &Found) -> Vec<PathBuf> {
    found
        .ledgers
        .iter()
        .filter(|l| article_of_ledger(l).is_some_and(|a| !ctx.abs(&a).exists()))
        .cloned()
        .collect()
}

fn check(
    ctx: &Ctx,
    found: &Found,
    write_pending: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
    troubles: &mut Vec<String>,
) -> io::Result<u8> {
    let (mut fresh, mut stale, mut missing, mut left) = (0, 0, 0, 0);
    for article in &found.articles {
        let current = match render_article(article, ctx) {
            Ok(c) => c,
            Err(t) => {
                troubles.push(t);
                continue;
            }
        };
        let lp = ledger_path(article);
        let lname = walk::slash_path(&lp);
        let recorded = match read_ledger(ctx, &lp) {
            Ok(OnDisk::Ours(t)) => t,
            Ok(OnDisk::Missing) => {
                missing += 1;
                writeln!(out, "ledger missing: {lname}")?;
                String::new()
            }
            Ok(OnDisk::Foreign) => {
                troubles.push(format!(
                    "{lname}: expected a citecheck ledger (first line `{}`), found another file; move it away or pass --force to --update",
                    render::MARKER
                ));
                continue;
            }
            Err(t) => {
                troubles.push(t);
                continue;
            }
        };
        let pp = pending_path(article);
        match render::diff(
            &recorded,
            &current,
            &format!("{lname} (recorded)"),
            &format!("{lname} (current)"),
        ) {
            None => {
                fresh += 1;
                // A pending file for a ledger that is now up to date is obsolete.
                if write_pending && matches!(read_ledger(ctx, &pp), Ok(OnDisk::Ours(_))) {
                    remove(ctx, &pp, troubles);
                }
            }
            Some(d) => {
                if !recorded.is_empty() {
                    stale += 1;
                    writeln!(out, "ledger stale: {lname}")?;
                }
                out.write_all(d.as_bytes())?;
                writeln!(out)?;
                if write_pending {
                    if let Err(e) = write_atomic(&ctx.abs(&pp), current.as_bytes()) {
                        troubles.push(format!("{}: could not write: {e}", walk::slash_path(&pp)));
                    } else {
                        writeln!(out, "pending: {}\n", walk::slash_path(&pp))?;
                    }
                }
            }
        }
    }
    for l in leftovers(ctx, found) {
        match read_ledger(ctx, &l) {
            Ok(OnDisk::Ours(recorded)) => {
                left += 1;
                let lname = walk::slash_path(&l);
                writeln!(out, "ledger left over (its article is gone): {lname}")?;
                if let Some(d) = render::diff(&recorded, "", &lname, "/dev/null") {
                    out.write_all(d.as_bytes())?;
                    writeln!(out)?;
                }
            }
            Ok(_) => {}
            Err(t) => troubles.push(t),
        }
    }
    let bad = stale + missing + left;
    if bad == 0 {
        writeln!(err, "{fresh} ledger(s) up to date")?;
        return Ok(EXIT_OK);
    }
    let next = if write_pending {
        "review them with `citecheck ledger --review` (or --accept / --reject)"
    } else {
        "run `citecheck ledger --update` to record them, or `--check --write-pending` then `--review`"
    };
    writeln!(
        err,
        "{stale} stale, {missing} missing, {left} left over, {fresh} up to date; {next}"
    )?;
    Ok(EXIT_FINDINGS)
}

fn update(
    ctx: &Ctx,
    found: &Found,
    force: bool,
    out: &mut dyn Write,
    troubles: &mut Vec<String>,
) -> io::Result<u8> {
    let (mut wrote, mut same, mut removed) = (0, 0, 0);
    for article in &found.articles {
        let current = match render_article(article, ctx) {
            Ok(c) => c,
            Err(t) => {
                troubles.push(t);
                continue;
            }
        };
        let lp = ledger_path(article);
        match read_ledger(ctx, &lp) {
            Ok(OnDisk::Ours(t)) if t == current => {
                same += 1;
            }
            Ok(OnDisk::Foreign) if !force => {
                troubles.push(format!(
                    "{}: expected a citecheck ledger (first line `{}`), found another file; not overwriting it without --force",
                    walk::slash_path(&lp),
                    render::MARKER
                ));
                continue;
            }
            Err(t) => {
                troubles.push(t);
                continue;
            }
            Ok(_) => match write_atomic(&ctx.abs(&lp), current.as_bytes()) {
                Ok(()) => {
                    wrote += 1;
                    writeln!(out, "wrote {}", walk::slash_path(&lp))?;
                }
                Err(e) => {
                    troubles.push(format!("{}: could not write: {e}", walk::slash_path(&lp)));
                    continue;
                }
            },
        }
        // The ledger is now current: a pending file for it is obsolete.
        let pp = pending_path(article);
        if matches!(read_ledger(ctx, &pp), Ok(OnDisk::Ours(_))) {
            remove(ctx, &pp, troubles);
        }
    }
    for l in leftovers(ctx, found) {
        match read_ledger(ctx, &l) {
            Ok(OnDisk::Foreign) if !force => continue,
            Ok(OnDisk::Missing) => continue,
            Err(t) => troubles.push(t),
            Ok(_) => {
                if remove(ctx, &l, troubles) {
                    removed += 1;
                    writeln!(
                        out,
                        "removed {} (its article is gone)",
                        walk::slash_path(&l)
                    )?;
                }
            }
        }
    }
    writeln!(
        out,
        "{wrote} written, {removed} removed, {same} already up to date"
    )?;
    Ok(EXIT_OK)
}

/// How `review` decides: ask on an input stream, or the same answer for all.
enum Decide<'a> {
    Ask(&'a mut dyn BufRead),
    All(bool),
}

enum Answer {
    Accept,
    Reject,
    Skip,
    Quit,
}

fn ask(input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<Answer> {
    loop {
        write!(out, "accept, reject or skip? [a/r/s] ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(Answer::Quit);
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "a" | "accept" | "y" | "yes" => return Ok(Answer::Accept),
            "r" | "reject" | "n" | "no" => return Ok(Answer::Reject),
            "s" | "skip" | "" => return Ok(Answer::Skip),
            "q" | "quit" => return Ok(Answer::Quit),
            other => writeln!(out, "expected a, r, s or q, found `{other}`")?,
        }
    }
}

fn review(
    ctx: &Ctx,
    found: &Found,
    mut decide: Decide<'_>,
    force: bool,
    out: &mut dyn Write,
    troubles: &mut Vec<String>,
) -> io::Result<u8> {
    let (mut accepted, mut rejected, mut skipped) = (0, 0, 0);
    let total = found.pending.len();
    for (n, pp) in found.pending.iter().enumerate() {
        let Some(article) = article_of_pending(pp) else {
            continue;
        };
        let pending = match read_ledger(ctx, pp) {
            Ok(OnDisk::Ours(t)) => t,
            Ok(_) => {
                troubles.push(format!(
                    "{}: expected a pending citecheck ledger (first line `{}`), found another file; leaving it alone",
                    walk::slash_path(pp),
                    render::MARKER
                ));
                continue;
            }
            Err(t) => {
                troubles.push(t);
                continue;
            }
        };
        let lp = ledger_path(&article);
        let recorded = match read_ledger(ctx, &lp) {
            Ok(OnDisk::Ours(t)) => Some(t),
            Ok(OnDisk::Missing) => Some(String::new()),
            Ok(OnDisk::Foreign) => None,
            Err(t) => {
                troubles.push(t);
                continue;
            }
        };
        let answer = match &mut decide {
            Decide::All(yes) => {
                if *yes {
                    Answer::Accept
                } else {
                    Answer::Reject
                }
            }
            Decide::Ask(input) => {
                let lname = walk::slash_path(&lp);
                writeln!(out, "[{}/{total}] {lname}", n + 1)?;
                let old = recorded.clone().unwrap_or_default();
                match render::diff(
                    &old,
                    &pending,
                    &format!("{lname} (recorded)"),
                    &format!("{lname} (pending)"),
                ) {
                    Some(d) => out.write_all(d.as_bytes())?,
                    None => writeln!(out, "(no change)")?,
                }
                ask(*input, out)?
            }
        };
        match answer {
            Answer::Accept => {
                if recorded.is_none() && !force {
                    troubles.push(format!(
                        "{}: expected a citecheck ledger (first line `{}`), found another file; not overwriting it without --force",
                        walk::slash_path(&lp),
                        render::MARKER
                    ));
                    continue;
                }
                match write_atomic(&ctx.abs(&lp), pending.as_bytes()) {
                    Ok(()) => {
                        remove(ctx, pp, troubles);
                        accepted += 1;
                        writeln!(out, "accepted {}", walk::slash_path(&lp))?;
                    }
                    Err(e) => {
                        troubles.push(format!("{}: could not write: {e}", walk::slash_path(&lp)))
                    }
                }
            }
            Answer::Reject => {
                if remove(ctx, pp, troubles) {
                    rejected += 1;
                    writeln!(out, "rejected {}", walk::slash_path(pp))?;
                }
            }
            Answer::Skip => skipped += 1,
            Answer::Quit => {
                skipped += total - n;
                break;
            }
        }
    }
    writeln!(
        out,
        "{accepted} accepted, {rejected} rejected, {skipped} skipped"
    )?;
    Ok(EXIT_OK)
}
