//! `citecheck check`: load the config, lay the flags over it, walk the paths, check the files
//! in parallel and print them in path order.
//!
//! Files are checked on a rayon pool (`--jobs`), handed out in order in runs of consecutive
//! files by as many worker threads. They are plain threads, since they may wait for the
//! writer and a rayon job must not (see `RunQueue`), and each hands its run to the pool. A run
//! reads its files, checks the short ones together a stage at a time (`crate::check_many`,
//! whose tables then stay in the caches from one file to the next) and a long one on its own,
//! renders each file's part of the output, hands it to the writer and drops the text. The main
//! thread writes finished files in path order as soon as every earlier file is done, so the
//! output is the same bytes whatever the number of threads, and a worker starts a run only when
//! it is close enough to the last file written (`RunQueue`), so memory is bounded by the
//! largest file and a few runs' output (JSON is written a file at a time, see
//! `report::json::Stream`; SARIF's results wait for the end of the run in a
//! `report::spill::Spill`, on disk past a few megabytes). Trouble with one file
//! is reported and the others are still checked; the exit code is 2 at the end.
//!
//! A file whose report the result cache holds under its key (module `crate::cache`: its bytes
//! and settings) is rendered from it instead of being checked. A file checked anew hands its
//! report, encoded for the cache, to the main thread with its output, and the main thread
//! streams it into the next cache file (`cache::Writer`), renamed over the old one once the
//! output is written.

use super::args::{CheckArgs, FailOn, OutputFormat};
use super::trouble::{self, Trouble};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, Env};
use crate::baseline::{self, Baseline, Entry};
use crate::cache::{self, Cache, Fresh};
use crate::config::{self, Config, Level};
use crate::diagnostics::Severity;
use crate::report::github::Row;
use crate::report::spill::Spill;
use crate::report::{self, FileReport, Summary};
use crate::source::SourceFile;
use crate::walk::{self, Filter};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Walks this long or longer get a progress bar (on a terminal only).
const PROGRESS_MIN_FILES: usize = 200;

/// `--format json`: files this large are serialised by the main thread straight into the
/// output rather than by their worker into memory (see [`Done::report`]).
const JSON_STREAM_BYTES: usize = 4 << 20;

/// Files this large are checked a window at a time (`crate::check_in_parts`), in any format;
/// with `--format json` their report is gathered in temporary files (see [`Done::spool`]).
const WINDOWED_BYTES: usize = JSON_STREAM_BYTES;

/// About how many bytes of blocks a window holds.
const WINDOW_BYTES: usize = 256 << 10;

/// Files are handed to workers in runs of at most this many (fewer when there are few files
/// per thread), and the short ones of a run checked together (`check_run`).
const RUN_FILES: usize = 64;

/// Short files are checked together in groups of about this many bytes.
const GROUP_BYTES: usize = 1 << 20;

/// Files this long or longer are checked on their own.
const GROUP_FILE_BYTES: usize = 256 << 10;

/// A windowed file's rendered output past this goes to a temporary file (see [`Done::spill`]).
const SPILL_BYTES: usize = 1 << 20;

/// The SARIF results past this wait for the end of the run in a temporary file.
const SARIF_HELD_BYTES: usize = 8 << 20;

/// The most worker threads `--jobs` can ask for.
const MAX_JOBS: usize = 256;

/// One file to check.
enum Input {
    File(PathBuf),
    Stdin { name: String, bytes: Vec<u8> },
}

/// Consecutive files, each with its index in the output.
type Run = Vec<(usize, Input)>;

/// What every worker shares.
struct Ctx<'a> {
    config: &'a Config,
    per_file: &'a super::PerFileIgnores,
    filter: &'a Filter,
    cwd: &'a Path,
    format: OutputFormat,
    style: report::human::Style,
    baseline: Option<&'a Baseline>,
    /// `--write-baseline`: record fingerprints and render nothing.
    record: bool,
    /// `--statistics`: count findings by rule and render nothing.
    statistics: bool,
    /// The result cache, unless `--no-cache`.
    cache: Option<CacheCtx<'a>>,
}

/// The result cache as the run found it, the run's settings, and its day (`cache::day`).
struct CacheCtx<'a> {
    old: &'a Cache,
    settings: u128,
    today: u32,
}

/// One file, checked and rendered.
#[derive(Default)]
struct Done {
    trouble: Option<Trouble>,
    /// `--format json`: the file's part of the document, serialised by the worker, and its
    /// counts for the summary.
    json: Option<(Vec<u8>, Summary)>,
    /// `--format json` for a file too large to hold its serialised part as well as its report:
    /// the main thread serialises it straight into the output.
    report: Option<FileReport>,
    /// `--format json` for a file analysed in windows (`crate::check_in_parts`): its part,
    /// gathered window by window in temporary files, for the main thread to copy out.
    spool: Option<report::json::Spool>,
    text: String,
    /// `--format sarif`: the file's results, serialised for their place in the log
    /// (`report::sarif::write_results`), and how many.
    sarif: Vec<u8>,
    sarif_count: usize,
    /// The text or SARIF results of a file checked in windows, moved here window by window.
    spill: Option<Spill>,
    /// `--format github`: the first [`report::github::MAX_ROWS`] of the file's rows for the
    /// step summary, and how many there were.
    rows: Vec<Row>,
    rows_total: usize,
    recorded: Vec<Entry>,
    baselined: usize,
    severities: Vec<Severity>,
    /// `--statistics`: each finding's rule and severity.
    rules: Vec<(String, Severity)>,
    /// The file's path and what the result cache learned about it.
    fresh: Option<(String, Fresh)>,
}

/// `check --output-file`: [`run`] into a temporary file beside `path`, renamed over it when the
/// run ends, so that a reader (a CI step uploading SARIF) never sees half a report and an
/// interrupted run leaves the old file. An existing file of an article's extension (the
/// config's, or the defaults when the config cannot be read, which [`run`] then reports) is
/// refused without `--force`: `-o article.md` must not lose an article.
pub fn run_to_file(a: CheckArgs, env: &Env, path: &Path, err: &mut dyn Write) -> io::Result<u8> {
    let color_err = env.color_stderr();
    let extensions = config::resolve(&env.cwd, a.config.as_deref())
        .map(|(c, _)| c.files.extensions)
        .unwrap_or_else(|_| Config::default().files.extensions);
    let article = path
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| extensions.iter().any(|e| e.eq_ignore_ascii_case(x)));
    let shown = walk::slash_path(path.strip_prefix(&env.cwd).unwrap_or(path));
    if article && path.exists() && !a.force {
        let t = Trouble::new(
            trouble::USAGE_ERROR,
            Some(shown),
            "--output-file expected a report file, found an existing file with an article's \
             extension"
                .to_string(),
        )
        .with_help("name another file, or pass --force to replace this one");
        err.write_all(trouble::render(&t, color_err).as_bytes())?;
        return Ok(EXIT_TROUBLE);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => env.cwd.clone(),
    };
    let temp = std::fs::create_dir_all(&dir).and_then(|()| {
        let mut builder = tempfile::Builder::new();
        builder.prefix(".citecheck-output-");
        // A report is read by others (CI uploads it): the mode a new file gets under the
        // umask, not a temporary file's owner-only 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        builder.tempfile_in(&dir)
    });
    let unwritten = |err: &mut dyn Write, e: io::Error| -> io::Result<u8> {
        let t = Trouble::new(
            trouble::IO_ERROR,
            Some(shown.clone()),
            format!("could not write the output: {e}"),
        );
        err.write_all(trouble::render(&t, color_err).as_bytes())?;
        Ok(EXIT_TROUBLE)
    };
    let temp = match temp {
        Ok(t) => t,
        Err(e) => return unwritten(err, e),
    };
    let mut file = io::BufWriter::new(temp);
    let code = run(a, env, &mut file, err)?;
    let kept = file
        .into_inner()
        .map_err(io::IntoInnerError::into_error)
        .and_then(|t| t.persist(path).map_err(|e| e.error));
    match kept {
        Ok(_) => Ok(code),
        Err(e) => unwritten(err, e),
    }
}

pub fn run(a: CheckArgs, env: &Env, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let color_err = env.color_stderr();
    let fail = |err: &mut dyn Write, t: Trouble| -> io::Result<u8> {
        err.write_all(trouble::render(&t, color_err).as_bytes())?;
        Ok(EXIT_TROUBLE)
    };
    if a.statistics && matches!(a.format, OutputFormat::Sarif | OutputFormat::Github) {
        let message = format!(
            "--statistics prints a table or JSON, not --format {}: expected --format human, concise, json or jsonl with it",
            if a.format == OutputFormat::Sarif {
                "sarif"
            } else {
                "github"
            }
        );
        return fail(err, Trouble::new(trouble::USAGE_ERROR, None, message));
    }

    // Defaults < file.
    let (mut config, root) = match config::resolve(&env.cwd, a.config.as_deref()) {
        Ok(found) => found,
        Err(e) => {
            err.write_all(trouble::render(e.as_ref(), color_err).as_bytes())?;
            return Ok(EXIT_TROUBLE);
        }
    };

    // < flags.
    if let Err(message) =
        super::apply_date_flags(&mut config, a.published.as_deref(), a.today.as_deref())
    {
        return fail(err, Trouble::new(trouble::USAGE_ERROR, None, message));
    }
    // One date for the whole run, read once: a run that crosses midnight must not check some
    // files against one day and others, or store them in the result cache, against the next.
    if config.today_flag.is_none() {
        config.today_flag = Some(config.today());
    }
    for (flag, codes) in [("--select", &a.select), ("--ignore", &a.ignore)] {
        if let Some(bad) = codes.iter().find(|c| crate::rules::find(c).is_none()) {
            return fail(err, unknown_code(flag, bad));
        }
    }
    if !a.select.is_empty() {
        for r in crate::rules::RULES {
            let code = r.code();
            if !a.select.iter().any(|c| c == code) {
                config.rules.insert(code.to_string(), Level::Off);
            } else if !config.enabled(code) {
                // Selecting a rule that is off by default (or in the file) turns it on.
                config.rules.insert(code.to_string(), Level::Warning);
            }
        }
    }
    for code in &a.ignore {
        config.rules.insert(code.clone(), Level::Off);
    }

    let filter = match Filter::new(&config.files, &root) {
        Ok(f) => f,
        Err(e) => {
            // The config loader validated every glob; this is only reachable through a bug.
            return fail(err, Trouble::new(trouble::USAGE_ERROR, None, e.to_string()));
        }
    };
    let per_file = match super::PerFileIgnores::compile(&config) {
        Ok(p) => p,
        Err(e) => return fail(err, Trouble::new(trouble::USAGE_ERROR, None, e.to_string())),
    };

    let baseline = match &a.baseline {
        None => None,
        Some(p) => {
            let shown = p.display().to_string();
            let text = match std::fs::read_to_string(env.cwd.join(p)) {
                Ok(t) => t,
                Err(e) => {
                    return fail(
                        err,
                        Trouble::new(
                            trouble::BASELINE_ERROR,
                            Some(shown),
                            format!("could not read the baseline: {e}"),
                        )
                        .with_help("write one with `citecheck check --write-baseline FILE`"),
                    );
                }
            };
            match Baseline::parse(&text) {
                Ok(b) => Some(b),
                Err(m) => {
                    return fail(err, Trouble::new(trouble::BASELINE_ERROR, Some(shown), m));
                }
            }
        }
    };

    // The files.
    let mut paths = a.paths.clone();
    if paths.is_empty() {
        paths.push(PathBuf::from(if a.stdin_filename.is_some() {
            "-"
        } else {
            "."
        }));
    }
    // Not capped by the number of files: one long article spreads its sentences over the
    // pool (see `claims::analyse`).
    let jobs = a
        .jobs
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(MAX_JOBS);
    // Where the system will not start that many threads, one is enough to do the work.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build())
        .map_err(io::Error::other)?;
    let cache_file = (!a.no_cache && !env.no_cache).then(|| {
        let dir = match (&a.cache_dir, &env.cache_dir) {
            (Some(d), _) | (None, Some(d)) => env.cwd.join(d),
            (None, None) => root.join(cache::DEFAULT_DIR),
        };
        let name = cache::file_name(&root);
        (dir, name)
    });
    let build = cache::build_fingerprint();
    let old_cache = match &cache_file {
        Some((dir, name)) => Cache::open(&dir.join(name), build),
        None => Cache::default(),
    };
    // The pool compiles the patterns while this thread walks the folders: on 2,000 short
    // files the walk alone was a tenth of the run. With one thread asked for, it stays one.
    // With a result cache to read from, most runs need few patterns or none, and each is
    // compiled when first needed.
    if jobs > 1 && old_cache.is_empty() && !a.show_files {
        pool.spawn(|| warm(crate::warm_up));
    }
    let (files, problems) = walk::collect(&paths, &filter, &env.cwd);
    if a.show_files {
        return show_files(
            &files,
            &problems,
            a.stdin_filename.as_deref(),
            out,
            err,
            color_err,
        );
    }
    let mut sink = Sink::new(
        a.format,
        a.statistics,
        cache_file
            .as_ref()
            .map(|(dir, name)| cache::Writer::new(&old_cache, build, dir.join(name))),
    );
    for p in problems {
        let t = Trouble::new(
            trouble::IO_ERROR,
            Some(walk::slash_path(&p.path)),
            p.message,
        );
        sink.trouble(t, err, color_err)?;
    }
    let mut inputs = Vec::with_capacity(files.len());
    let mut stdin_read = false;
    for f in files {
        if f.as_os_str() != "-" {
            inputs.push(Input::File(f));
            continue;
        }
        if std::mem::replace(&mut stdin_read, true) {
            continue;
        }
        let name = a.stdin_filename.clone().unwrap_or_else(|| "-".to_string());
        let mut bytes = Vec::new();
        match io::stdin().read_to_end(&mut bytes) {
            Ok(_) => inputs.push(Input::Stdin { name, bytes }),
            Err(e) => sink.trouble(
                Trouble::new(
                    trouble::IO_ERROR,
                    Some(name),
                    format!("could not read standard input: {e}"),
                ),
                err,
                color_err,
            )?,
        }
    }

    let ctx = Ctx {
        config: &config,
        per_file: &per_file,
        filter: &filter,
        cwd: &env.cwd,
        format: a.format,
        style: report::human::Style {
            color: env.color_stdout(),
            // The terminal's width when there is one (within reason); a fixed 100 otherwise,
            // so piped output and snapshots do not depend on where they ran.
            width: match env.stdout_width {
                Some(w) if env.stdout_is_terminal => w.clamp(60, 200),
                _ => 100,
            },
        },
        baseline: baseline.as_ref(),
        record: a.write_baseline.is_some(),
        statistics: a.statistics,
        cache: cache_file.is_some().then(|| CacheCtx {
            old: &old_cache,
            settings: cache::settings(&config),
            today: cache::day(config.today()),
        }),
    };
    let progress = (env.stderr_is_terminal && !a.quiet && inputs.len() >= PROGRESS_MIN_FILES)
        .then(|| progress_bar(inputs.len()));
    // Runs of consecutive files, a few per thread at least, so that the pool stays busy to the
    // end.
    let per_run = (inputs.len() / (jobs * 4)).clamp(1, RUN_FILES);
    let stop = AtomicBool::new(false);
    let written = Written::default();
    let (tx, rx) = std::sync::mpsc::channel::<Vec<(usize, Done)>>();
    let streamed: io::Result<()> = std::thread::scope(|s| {
        let (ctx, stop, written) = (&ctx, &stop, &written);
        s.spawn(move || {
            let mut runs: Vec<Run> = Vec::new();
            for (i, input) in inputs.into_iter().enumerate() {
                match runs.last_mut() {
                    Some(run) if run.len() < per_run => run.push((i, input)),
                    _ => runs.push(vec![(i, input)]),
                }
            }
            // With nothing to check, nothing waits for the warm-up still running on the pool.
            if runs.is_empty() {
                return;
            }
            let queue = RunQueue::new(runs, per_run * (jobs + 1));
            let queue = &queue;
            let pool = &pool;
            // The workers are plain threads that hand each run to the pool. A worker waits for
            // the writer (`RunQueue::next`), and a rayon job must never wait so: a thread of the
            // pool that waits in a `join` (a long article's sentences) runs other jobs on top
            // of its own, and a worker there would wait for the file underneath it.
            let work = move |tx| {
                let _release = ReleaseOnPanic { stop, written };
                let mut outbox = Outbox::new(tx);
                while let Some(run) = queue.next(written, stop, &mut outbox) {
                    pool.install(|| {
                        check_run(run, ctx, stop, &mut |i, done| outbox.push(i, done));
                    });
                }
            };
            std::thread::scope(|ws| {
                let started = (0..jobs)
                    .filter(|_| {
                        let tx = tx.clone();
                        std::thread::Builder::new()
                            .spawn_scoped(ws, move || work(tx))
                            .is_ok()
                    })
                    .count();
                // Where the system starts no more threads, this one does the work.
                if started == 0 {
                    work(tx.clone());
                }
            });
            drop(tx);
        });
        // Reorder: write file i as soon as files 0..i are written.
        let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
        let mut next = 0;
        for batch in rx.iter() {
            for (i, done) in batch {
                pending.insert(i, done);
                while let Some(done) = pending.remove(&next) {
                    next += 1;
                    if let Some(pb) = &progress {
                        pb.inc(1);
                    }
                    let r = match &progress {
                        Some(pb) => pb.suspend(|| sink.take(done, out, err, color_err)),
                        None => sink.take(done, out, err, color_err),
                    };
                    if let Err(e) = r {
                        stop.store(true, Ordering::Relaxed);
                        written.advance(usize::MAX);
                        return Err(e);
                    }
                }
            }
            written.advance(next);
        }
        Ok(())
    });
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    streamed?;

    let writer = sink.cache.take();
    let code = sink.finish(&a, env, out, err, color_err)?;
    if let Some(w) = writer {
        // A cache is an aid: one that cannot be written (a read-only checkout, a full disk) is
        // not worth a word, and the next run checks those files again.
        // A file outside the root is named by its path from the working folder.
        let _ = w.finish(|rel| root.join(rel).is_file() || env.cwd.join(rel).is_file());
    }
    Ok(code)
}

/// How many files the writer has written, for workers waiting to start a run (see
/// [`RunQueue`]).
#[derive(Default)]
struct Written {
    count: std::sync::Mutex<usize>,
    moved: std::sync::Condvar,
}

impl Written {
    fn advance(&self, to: usize) {
        if let Ok(mut n) = self.count.lock() {
            *n = (*n).max(to);
        }
        self.moved.notify_all();
    }

    /// Waits until at least `n` files are written (or the run is stopping).
    fn wait_for(&self, n: usize, stop: &AtomicBool) {
        let Ok(mut count) = self.count.lock() else {
            return;
        };
        while *count < n && !stop.load(Ordering::Relaxed) {
            count = match self.moved.wait(count) {
                Ok(c) => c,
                Err(_) => return,
            };
        }
    }
}

/// Stops the run and wakes every waiting worker when a worker panics, so that none waits
/// for a writer that waits for the panicked worker's files: the panic then ends the process
/// instead of a hang.
struct ReleaseOnPanic<'a> {
    stop: &'a AtomicBool,
    written: &'a Written,
}

impl Drop for ReleaseOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.stop.store(true, Ordering::Relaxed);
            self.written.advance(usize::MAX);
        }
    }
}

/// The runs of files, handed out in order, each no further than `ahead` files past the last
/// one written. The writer must hold every finished file until the ones before it are
/// written, so a worker far ahead of a slow file only fills the writer's queue: with two
/// workers on 257 files of 300 KB, JSON peaked at 728 MB before this bound. In-order handing
/// out cannot deadlock: the run holding the next file to write was handed out before any
/// later one, and it is never too far ahead. That holds only while the waiting happens on
/// threads of their own: when the workers were rayon jobs, a pool thread waiting in a `join`
/// ran another worker on top of its own, and that worker waited for the file underneath it
/// (a hang at `-j3` and more on folders of short and long files, found in review).
struct RunQueue {
    runs: Vec<std::sync::Mutex<Option<Run>>>,
    next: std::sync::atomic::AtomicUsize,
    ahead: usize,
}

impl RunQueue {
    fn new(runs: Vec<Run>, ahead: usize) -> RunQueue {
        RunQueue {
            runs: runs
                .into_iter()
                .map(|r| std::sync::Mutex::new(Some(r)))
                .collect(),
            next: std::sync::atomic::AtomicUsize::new(0),
            ahead,
        }
    }

    /// The next run, once the writer is close enough to it; `None` when all are handed out.
    /// What `outbox` holds is sent first: the writer may be waiting for it.
    fn next(&self, written: &Written, stop: &AtomicBool, outbox: &mut Outbox) -> Option<Run> {
        // The tests' guard on the hang described above: this may wait, so it must not run as a
        // job of the pool.
        debug_assert!(
            rayon::current_thread_index().is_none(),
            "a worker that waits for the writer ran as a job of the pool"
        );
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        let run = self.runs.get(k)?.lock().ok()?.take()?;
        outbox.flush();
        let first = run.first().map_or(0, |(i, _)| *i);
        written.wait_for(first.saturating_sub(self.ahead), stop);
        (!stop.load(Ordering::Relaxed)).then_some(run)
    }
}

/// A worker's end of the results channel. Each send can wake the writing thread, and on a run
/// of small files one wake-up per file was a fifth of the time (two threads trading a futex
/// per file), so finished files go a few at a time: after [`OUTBOX_FILES`] files or
/// [`OUTBOX_BYTES`] of output, and when the worker's share of the files is done (on drop).
/// The writer orders files by index, so holding some back changes only when they are written.
struct Outbox {
    tx: std::sync::mpsc::Sender<Vec<(usize, Done)>>,
    held: Vec<(usize, Done)>,
    bytes: usize,
}

/// Files an [`Outbox`] holds before sending them.
const OUTBOX_FILES: usize = 32;

/// Output an [`Outbox`] holds before sending it, so that memory stays bounded on big files.
const OUTBOX_BYTES: usize = 1 << 20;

impl Outbox {
    fn new(tx: std::sync::mpsc::Sender<Vec<(usize, Done)>>) -> Outbox {
        Outbox {
            tx,
            held: Vec::new(),
            bytes: 0,
        }
    }

    fn push(&mut self, i: usize, done: Done) {
        self.bytes = self.bytes.saturating_add(done.weight());
        self.held.push((i, done));
        if self.held.len() >= OUTBOX_FILES || self.bytes >= OUTBOX_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.held.is_empty() {
            // The writer has stopped only when output failed; nothing left to do then.
            let _ = self.tx.send(std::mem::take(&mut self.held));
        }
        self.bytes = 0;
    }
}

/// Rayon hands a copy to each piece of work it splits off: each starts empty.
impl Clone for Outbox {
    fn clone(&self) -> Outbox {
        Outbox::new(self.tx.clone())
    }
}

impl Drop for Outbox {
    fn drop(&mut self) {
        self.flush();
    }
}

impl Done {
    /// Roughly how many bytes of output this file holds until it is written.
    fn weight(&self) -> usize {
        // A long file's report or spool goes out at once, not held back for more.
        if self.report.is_some() || self.spool.is_some() || self.spill.is_some() {
            return OUTBOX_BYTES;
        }
        self.json.as_ref().map_or(0, |(j, _)| j.len())
            + self.text.len()
            + self.sarif.len()
            + 256 * (self.rows.len() + self.recorded.len())
            + match &self.fresh {
                Some((_, Fresh::New { payload, .. })) => payload.len(),
                _ => 0,
            }
    }
}

fn unknown_code(flag: &str, bad: &str) -> Trouble {
    let codes: Vec<&str> = crate::rules::RULES.iter().map(|r| r.code()).collect();
    Trouble::new(
        trouble::USAGE_ERROR,
        None,
        format!("{flag} expected a rule code, found `{bad}`"),
    )
    .with_help(format!("valid rule codes: {}", codes.join(", ")))
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files ({elapsed})")
    {
        pb.set_style(style);
    }
    pb
}

/// A file read and decoded, with what checking it needs.
struct Loaded<'c> {
    src: SourceFile,
    rel: String,
    config: std::borrow::Cow<'c, Config>,
    /// The file's key in the result cache: `None` when the cache is off, for standard input,
    /// and for a file long enough to be checked in windows (whose report is never whole).
    key: Option<u128>,
}

/// `--show-files`: the files a run would check, in the order it checks them, one per line as
/// its findings name them; paths that cannot be read are reported as a run reports them, and
/// make the exit code 2.
fn show_files(
    files: &[PathBuf],
    problems: &[walk::WalkProblem],
    stdin_name: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color_err: bool,
) -> io::Result<u8> {
    for p in problems {
        let t = Trouble::new(
            trouble::IO_ERROR,
            Some(walk::slash_path(&p.path)),
            p.message.clone(),
        );
        err.write_all(trouble::render(&t, color_err).as_bytes())?;
    }
    let mut stdin_shown = false;
    for f in files {
        if f.as_os_str() == "-" {
            if !std::mem::replace(&mut stdin_shown, true) {
                writeln!(out, "{}", stdin_name.unwrap_or("-"))?;
            }
            continue;
        }
        writeln!(out, "{}", walk::slash_path(f))?;
    }
    out.flush()?;
    Ok(if problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_TROUBLE
    })
}

/// Reads and decodes one file.
fn load<'c>(input: Input, ctx: &Ctx<'c>) -> Result<Loaded<'c>, Trouble> {
    let cached = ctx.cache.is_some() && matches!(input, Input::File(_));
    let (shown, rel, bytes) = match input {
        Input::Stdin { name, bytes } => (name.clone(), name, bytes),
        Input::File(path) => {
            let shown = walk::slash_path(&path);
            let rel = ctx.filter.relative(&path, ctx.cwd);
            match std::fs::read(ctx.cwd.join(&path)) {
                Ok(b) => (shown, rel, b),
                Err(e) => {
                    return Err(Trouble::new(
                        trouble::IO_ERROR,
                        Some(shown),
                        format!("could not read: {e}"),
                    ));
                }
            }
        }
    };
    let src = SourceFile::from_bytes(shown.clone(), bytes).map_err(|e| {
        Trouble::new(trouble::ENCODING_ERROR, Some(shown), e.to_string())
            .with_help("citecheck reads UTF-8 text; convert the file or exclude it")
    })?;
    let config = ctx.per_file.config_for(ctx.config, &rel);
    // A file's own config (`per-file-ignores`) is the run's and the file's path: the run's
    // settings and the entry's path say it all.
    let key = match &ctx.cache {
        Some(c) if cached && src.text.len() < WINDOWED_BYTES => {
            let kind = match crate::document::Format::from_path(&src.path) {
                crate::document::Format::Markdown => "markdown",
                crate::document::Format::Plain => "plain",
            };
            Some(cache::key(c.settings, kind, src.text.as_bytes()))
        }
        _ => None,
    };
    Ok(Loaded {
        src,
        rel,
        config,
        key,
    })
}

/// The file's report from the result cache, rendered, if the cache holds it under its key.
fn from_cache(l: &Loaded, ctx: &Ctx) -> Option<Done> {
    let c = ctx.cache.as_ref()?;
    let mut rep = c.old.get(&l.rel, l.key?, c.today, &l.src.text)?;
    // The same file may be named otherwise from another folder.
    rep.path.clone_from(&l.src.path);
    let mut done = render_report(rep, l, ctx);
    done.fresh = Some((l.rel.clone(), Fresh::Kept));
    Some(done)
}

/// Renders a report just made, keeping it for the result cache when the file has a key.
fn render_fresh(mut rep: FileReport, l: &Loaded, ctx: &Ctx) -> Done {
    let fresh = l.key.zip(ctx.cache.as_ref()).and_then(|(key, c)| {
        let payload = cache::encode(&mut rep, &l.src.text)?;
        // Without a publication date, the rules counted from today.
        let day = if rep.published.is_none() { c.today } else { 0 };
        Some((l.rel.clone(), Fresh::New { key, day, payload }))
    });
    let mut done = render_report(rep, l, ctx);
    done.fresh = fresh;
    done
}

/// Checks and renders one loaded file on its own: a long one a window at a time.
fn check_loaded(l: &Loaded, ctx: &Ctx) -> Done {
    if l.src.text.len() >= WINDOWED_BYTES
        && let Some(done) = check_in_windows(&l.src, &l.config, ctx, &l.rel)
    {
        return done;
    }
    render_fresh(crate::check(&l.src, &l.config), l, ctx)
}

/// Baselines, records and renders a file's whole report.
fn render_report(mut rep: FileReport, l: &Loaded, ctx: &Ctx) -> Done {
    let mut done = Done::default();
    let (human, mut budget) = per_file(&l.src, ctx, &l.rel);
    take_part(
        &mut rep,
        &l.src,
        ctx,
        &l.rel,
        budget.as_mut(),
        human.as_ref(),
        &mut done,
    );
    if ctx.format == OutputFormat::Json && !ctx.record && !ctx.statistics {
        // A fragment is several times its file's size; past this, stream it instead.
        if l.src.text.len() >= JSON_STREAM_BYTES {
            done.report = Some(rep);
        } else {
            done.json = Some((report::json::fragment(&rep), Summary::of(&rep)));
        }
    }
    done
}

/// Reads, checks and renders a run of files (consecutive in the output), handing each file's
/// [`Done`] with its index to `emit` as soon as it is rendered, so that a worker holds one
/// file's output at a time, not a run's. Short files are checked together, a stage at a time
/// (`crate::check_many`), in groups of up to [`GROUP_BYTES`]; a file of [`GROUP_FILE_BYTES`] or
/// more is checked on its own. Runs on a worker thread.
fn check_run(run: Run, ctx: &Ctx, stop: &AtomicBool, emit: &mut dyn FnMut(usize, Done)) {
    let mut group: Vec<(usize, Loaded)> = Vec::new();
    let mut group_bytes = 0;
    let flush = |group: &mut Vec<(usize, Loaded)>, emit: &mut dyn FnMut(usize, Done)| {
        let files: Vec<(&SourceFile, &Config)> =
            group.iter().map(|(_, l)| (&l.src, &*l.config)).collect();
        let reports = crate::check_many(&files);
        for ((i, l), rep) in group.drain(..).zip(reports) {
            emit(i, render_fresh(rep, &l, ctx));
        }
    };
    for (i, input) in run {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match load(input, ctx) {
            Err(t) => emit(
                i,
                Done {
                    trouble: Some(t),
                    ..Done::default()
                },
            ),
            Ok(l) => match from_cache(&l, ctx) {
                Some(done) => emit(i, done),
                None if l.src.text.len() >= GROUP_FILE_BYTES => emit(i, check_loaded(&l, ctx)),
                None => {
                    group_bytes += l.src.text.len();
                    group.push((i, l));
                    if group_bytes >= GROUP_BYTES {
                        flush(&mut group, emit);
                        group_bytes = 0;
                    }
                }
            },
        }
    }
    flush(&mut group, emit);
}

/// What [`take_part`] keeps from one part of a file to the next: the human renderer (its line
/// index is the file's) and what is left of the file's baseline.
fn per_file<'t>(
    src: &'t SourceFile,
    ctx: &Ctx,
    rel: &str,
) -> (
    Option<report::human::Renderer<'t>>,
    Option<baseline::FileBudget>,
) {
    let human = (ctx.format == OutputFormat::Human && !ctx.statistics)
        .then(|| report::human::Renderer::new(src.path.clone(), &src.text, ctx.style));
    (human, ctx.baseline.map(|b| b.for_path(rel)))
}

/// Baselines, records and renders one report, the whole file's or one window's of a long file,
/// adding to `done`; the JSON report is left to the caller.
fn take_part(
    rep: &mut FileReport,
    src: &SourceFile,
    ctx: &Ctx,
    rel: &str,
    budget: Option<&mut baseline::FileBudget>,
    human: Option<&report::human::Renderer>,
    done: &mut Done,
) {
    // Fingerprints and positions are for baselines and the formats that print them; the JSON,
    // human and concise output do not read them.
    let needs_located = ctx.record
        || budget.is_some()
        || matches!(
            ctx.format,
            OutputFormat::Jsonl | OutputFormat::Github | OutputFormat::Sarif
        );
    let mut located = if needs_located {
        report::located::locate(src, rep)
    } else {
        Vec::new()
    };
    if ctx.record {
        done.recorded
            .extend(rep.diagnostics.iter().zip(&located).map(|(d, l)| Entry {
                path: rel.to_string(),
                rule: d.rule.clone(),
                fingerprint: l.fingerprint.clone(),
                count: 1,
                message: d.message.clone(),
            }));
        return;
    }
    if let Some(budget) = budget {
        let mut keep = Vec::with_capacity(located.len());
        for (d, l) in rep.diagnostics.iter().zip(&located) {
            keep.push(!budget.absorb(&d.rule, &l.fingerprint));
        }
        done.baselined += keep.iter().filter(|k| !**k).count();
        let mut k = keep.iter();
        rep.diagnostics
            .retain(|_| k.next().copied().unwrap_or(true));
        let mut k = keep.iter();
        located.retain(|_| k.next().copied().unwrap_or(true));
    }
    done.severities
        .extend(rep.diagnostics.iter().map(|d| d.severity));
    if ctx.statistics {
        done.rules
            .extend(rep.diagnostics.iter().map(|d| (d.rule.clone(), d.severity)));
        return;
    }
    match ctx.format {
        OutputFormat::Human => {
            if let Some(h) = human {
                done.text.push_str(&h.render(rep));
            }
        }
        OutputFormat::Concise => done.text.push_str(&report::concise::render(rep)),
        OutputFormat::Jsonl => done.text.push_str(&report::jsonl::render(rep, &located)),
        OutputFormat::Github => {
            done.text.push_str(&report::github::render(rep, &located));
            let rows = report::github::rows(rep);
            done.rows_total += rows.len();
            let room = report::github::MAX_ROWS.saturating_sub(done.rows.len());
            done.rows.extend(rows.into_iter().take(room));
        }
        OutputFormat::Sarif => {
            // Writing into a Vec cannot fail.
            if let Ok(n) = report::sarif::write_results(rep, &located, &mut done.sarif) {
                done.sarif_count += n;
            }
        }
        OutputFormat::Json => {}
    }
}

/// A long file, checked a window at a time (`crate::check_in_parts`), each window's report
/// baselined and rendered as it comes; with `--format json`, spooled. An article that comes back
/// in one part (one with suppression comments or a reference list) is kept as a report, as any
/// long file was before. `None` when the JSON spool cannot be written (no temporary file can be
/// made, the disk is full): the file is then checked whole, which needs more memory but no
/// disk.
fn check_in_windows(src: &SourceFile, config: &Config, ctx: &Ctx, rel: &str) -> Option<Done> {
    let json = ctx.format == OutputFormat::Json && !ctx.record && !ctx.statistics;
    let (human, mut budget) = per_file(src, ctx, rel);
    let mut done = Done::default();
    let mut spool = report::json::Spool::new(false);
    let mut held: Option<FileReport> = None;
    let mut parts = 0usize;
    let result = crate::check_in_parts(src, config, WINDOW_BYTES, &mut |mut part| {
        parts += 1;
        take_part(
            &mut part,
            src,
            ctx,
            rel,
            budget.as_mut(),
            human.as_ref(),
            &mut done,
        );
        if !json {
            return spill_part(&mut done);
        }
        if let Some(first) = held.take() {
            spool.add(&first)?;
        }
        if parts == 1 {
            held = Some(part);
            Ok(())
        } else {
            spool.add(&part)
        }
    });
    if json {
        result.and_then(|()| spool.seal()).ok()?;
        match held {
            Some(whole) => done.report = Some(whole),
            None => done.spool = Some(spool),
        }
    } else {
        result.ok()?;
    }
    Some(done)
}

/// Moves what a window rendered (text or SARIF results) out of memory; a file checked in
/// windows holds only its current window's output.
fn spill_part(done: &mut Done) -> io::Result<()> {
    if done.text.is_empty() && done.sarif.is_empty() {
        return Ok(());
    }
    let spill = done.spill.get_or_insert_with(|| Spill::past(SPILL_BYTES));
    spill.write_all(done.text.as_bytes())?;
    spill.write_all(&done.sarif)?;
    done.text.clear();
    done.sarif.clear();
    Ok(())
}

/// The main thread's side: writes files in order and keeps what the end of the run needs.
struct Sink<'c> {
    format: OutputFormat,
    /// `--statistics`: findings by rule and severity (a rule may report at several).
    statistics: Option<BTreeMap<(String, Severity), usize>>,
    json: report::json::Stream,
    /// `--format sarif`: every file's results, in order, until the log is written at the end.
    sarif: Spill,
    sarif_count: usize,
    notifications: Vec<Value>,
    rows: Vec<Row>,
    rows_total: usize,
    troubles: usize,
    /// Code and message of each trouble, for the GitHub step summary.
    trouble_notes: Vec<(String, String)>,
    recorded: Vec<Entry>,
    files: usize,
    counts: [usize; 3],
    baselined: usize,
    worst: Option<Severity>,
    /// The next result cache, written as files come.
    cache: Option<cache::Writer<'c>>,
}

impl<'c> Sink<'c> {
    fn new(format: OutputFormat, statistics: bool, cache: Option<cache::Writer<'c>>) -> Sink<'c> {
        Sink {
            format,
            statistics: statistics.then(BTreeMap::new),
            json: report::json::Stream::default(),
            sarif: Spill::past(SARIF_HELD_BYTES),
            sarif_count: 0,
            notifications: Vec::new(),
            rows: Vec::new(),
            rows_total: 0,
            troubles: 0,
            trouble_notes: Vec::new(),
            recorded: Vec::new(),
            files: 0,
            counts: [0; 3],
            baselined: 0,
            worst: None,
            cache,
        }
    }

    fn trouble(&mut self, t: Trouble, err: &mut dyn Write, color: bool) -> io::Result<()> {
        self.troubles += 1;
        if self.format == OutputFormat::Github {
            self.trouble_notes.push((t.code.to_string(), t.to_string()));
        }
        if self.format == OutputFormat::Sarif {
            self.notifications
                .push(report::sarif::notification(t.code, &t.to_string()));
        }
        err.write_all(trouble::render(&t, color).as_bytes())
    }

    fn take(
        &mut self,
        done: Done,
        out: &mut dyn Write,
        err: &mut dyn Write,
        color: bool,
    ) -> io::Result<()> {
        if let Some(t) = done.trouble {
            return self.trouble(t, err, color);
        }
        if let (Some((rel, fresh)), Some(w)) = (done.fresh, &mut self.cache) {
            w.add(rel, fresh);
        }
        self.files += 1;
        self.baselined += done.baselined;
        if let Some(stats) = &mut self.statistics {
            for key in done.rules {
                *stats.entry(key).or_insert(0) += 1;
            }
        }
        for s in done.severities {
            match s {
                Severity::Error => self.counts[0] += 1,
                Severity::Warning => self.counts[1] += 1,
                Severity::Info => self.counts[2] += 1,
            }
            self.worst = self.worst.max(Some(s));
        }
        self.recorded.extend(done.recorded);
        if let Some((fragment, summary)) = &done.json {
            self.json.file(fragment, summary, out)?;
        }
        if let Some(rep) = &done.report {
            // `out` is buffered by the caller (`main` wraps stdout in a BufWriter).
            self.json.file_report(rep, out)?;
        }
        if let Some(spool) = done.spool {
            self.json.spooled(spool, out)?;
        }
        if self.format == OutputFormat::Sarif {
            self.sarif_count += done.sarif_count;
            let held = self
                .sarif
                .write_all(&done.sarif)
                .and_then(|()| match done.spill {
                    Some(spill) => spill.copy_to(&mut self.sarif, 0),
                    None => Ok(()),
                });
            return held.map_err(|e| {
                io::Error::new(e.kind(), format!("could not hold the SARIF results: {e}"))
            });
        }
        self.rows_total += done.rows_total;
        let room = report::github::MAX_ROWS.saturating_sub(self.rows.len());
        self.rows.extend(done.rows.into_iter().take(room));
        out.write_all(done.text.as_bytes())?;
        match done.spill {
            Some(spill) => spill.copy_to(out, 0),
            None => Ok(()),
        }
    }

    fn headline(&self) -> String {
        let [e, w, i] = self.counts;
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = format!("{} checked: ", plural(self.files, "file", "files"));
        if e + w + i == 0 {
            s.push_str("no findings");
        } else {
            s.push_str(&format!(
                "{}, {}, {} info",
                plural(e, "error", "errors"),
                plural(w, "warning", "warnings"),
                i
            ));
        }
        if self.baselined > 0 {
            s.push_str(&format!(" ({} in the baseline not shown)", self.baselined));
        }
        if self.troubles > 0 {
            s.push_str(&format!(
                "; {} could not be checked",
                plural(self.troubles, "path", "paths")
            ));
        }
        s
    }

    fn finish(
        self,
        a: &CheckArgs,
        env: &Env,
        out: &mut dyn Write,
        err: &mut dyn Write,
        color: bool,
    ) -> io::Result<u8> {
        let mut troubles = self.troubles;
        if let Some(path) = &a.write_baseline {
            return self.write_baseline(path, a.force, env, err, color);
        }
        let headline = self.headline();
        if let Some(stats) = &self.statistics {
            let shape = match self.format {
                OutputFormat::Json => report::statistics::Shape::Array,
                OutputFormat::Jsonl => report::statistics::Shape::Lines,
                _ => report::statistics::Shape::Table,
            };
            out.write_all(report::statistics::render(stats, shape).as_bytes())?;
        }
        match self.format {
            _ if self.statistics.is_some() => {}
            OutputFormat::Json => self.json.finish(out)?,
            OutputFormat::Sarif => {
                let root = format!(
                    "file://{}/",
                    report::sarif::uri_path(&walk::slash_path(&env.cwd)).trim_end_matches('/')
                );
                report::sarif::write_log(
                    out,
                    self.sarif,
                    self.sarif_count,
                    self.notifications,
                    &root,
                )?
            }
            OutputFormat::Github => {
                if let Some(p) = &env.github_step_summary {
                    let md = report::github::step_summary(
                        &headline,
                        &self.rows,
                        self.rows_total,
                        &self.trouble_notes,
                    );
                    let appended = std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(p)
                        .and_then(|mut f| f.write_all(md.as_bytes()));
                    if let Err(e) = appended {
                        troubles += 1;
                        let t = Trouble::new(
                            trouble::IO_ERROR,
                            Some(p.display().to_string()),
                            format!("could not append the step summary: {e}"),
                        );
                        err.write_all(trouble::render(&t, color).as_bytes())?;
                    }
                }
            }
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Jsonl => {}
        }
        out.flush()?;
        if !a.quiet {
            writeln!(err, "citecheck: {headline}")?;
        }
        if troubles > 0 {
            return Ok(EXIT_TROUBLE);
        }
        if a.exit_zero {
            return Ok(EXIT_OK);
        }
        let threshold = match a.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        };
        Ok(match (self.worst, threshold) {
            (Some(w), Some(t)) if w >= t => EXIT_FINDINGS,
            _ => EXIT_OK,
        })
    }

    fn write_baseline(
        self,
        path: &Path,
        force: bool,
        env: &Env,
        err: &mut dyn Write,
        color: bool,
    ) -> io::Result<u8> {
        let shown = path.display().to_string();
        let fail = |err: &mut dyn Write, t: Trouble| -> io::Result<u8> {
            err.write_all(trouble::render(&t, color).as_bytes())?;
            Ok(EXIT_TROUBLE)
        };
        if self.troubles > 0 {
            return fail(
                err,
                Trouble::new(
                    trouble::BASELINE_ERROR,
                    Some(shown),
                    "not written: some paths could not be checked, so the baseline would be incomplete",
                ),
            );
        }
        let target = env.cwd.join(path);
        match crate::atomic::check_ours(&target, baseline::MARKER) {
            Ok(crate::atomic::Ownership::Foreign) if !force => {
                return fail(
                    err,
                    Trouble::new(
                        trouble::BASELINE_ERROR,
                        Some(shown),
                        "expected a citecheck baseline or no file, found another file; not overwriting it",
                    )
                    .with_help("choose another path, or pass --force to replace it"),
                );
            }
            Ok(_) => {}
            Err(e) => {
                return fail(
                    err,
                    Trouble::new(
                        trouble::IO_ERROR,
                        Some(shown),
                        format!("could not read: {e}"),
                    ),
                );
            }
        }
        let n = self.recorded.len();
        if let Err(e) =
            crate::atomic::write_atomic(&target, baseline::render(self.recorded).as_bytes())
        {
            return fail(
                err,
                Trouble::new(
                    trouble::IO_ERROR,
                    Some(shown),
                    format!("could not write: {e}"),
                ),
            );
        }
        writeln!(
            err,
            "citecheck: recorded {n} finding{} from {} file{} in {shown}",
            if n == 1 { "" } else { "s" },
            self.files,
            if self.files == 1 { "" } else { "s" }
        )?;
        Ok(EXIT_OK)
    }
}

/// Runs a warm-up task spawned on the pool. A panic in a spawned task would abort the
/// process; here it is dropped instead, and the worker that next needs the pattern panics on
/// its poisoned lock, which ends the run as any worker's panic does ([`ReleaseOnPanic`]),
/// with a message rather than an abort.
fn warm(task: fn()) {
    let _ = std::panic::catch_unwind(task);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    fn run_at(first: usize, len: usize) -> Run {
        (first..first + len)
            .map(|i| (i, Input::File(PathBuf::from(format!("f{i}.md")))))
            .collect()
    }

    /// Runs are handed out in order, a run more than `ahead` files past the writer only once
    /// the writer has caught up, and a stop wakes a waiting worker with nothing.
    #[test]
    fn the_run_queue_keeps_workers_near_the_writer() {
        let (tx, rx) = mpsc::channel();
        let queue = RunQueue::new(vec![run_at(0, 2), run_at(2, 2), run_at(4, 2)], 2);
        let (written, stop) = (Written::default(), AtomicBool::new(false));
        let mut outbox = Outbox::new(tx.clone());
        // A file held in the outbox is sent before the worker waits: the writer may need it.
        outbox.push(7, Done::default());
        let first = queue.next(&written, &stop, &mut outbox).expect("run 0");
        assert_eq!(first.first().map(|(i, _)| *i), Some(0));
        assert_eq!(rx.try_recv().map(|b| b.len()).ok(), Some(1));
        let second = queue
            .next(&written, &stop, &mut outbox)
            .expect("run 2: 2 − 2 ≤ 0");
        assert_eq!(second.first().map(|(i, _)| *i), Some(2));
        let (got_tx, got) = mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(|| {
                let mut outbox = Outbox::new(tx.clone());
                let run = queue.next(&written, &stop, &mut outbox);
                let _ = got_tx.send(run.map(|r| r.len()));
            });
            // Run 4 needs two files written; none is.
            std::thread::sleep(Duration::from_millis(50));
            assert!(got.try_recv().is_err(), "run 4 was handed out too early");
            written.advance(2);
            assert_eq!(got.recv().ok(), Some(Some(2)));
        });
        assert!(
            queue.next(&written, &stop, &mut outbox).is_none(),
            "no runs left"
        );

        let queue = RunQueue::new(vec![run_at(0, 1), run_at(10, 1)], 1);
        let written = Written::default();
        let _ = queue.next(&written, &stop, &mut outbox);
        std::thread::scope(|s| {
            let waiting = s.spawn(|| {
                let mut outbox = Outbox::new(tx.clone());
                queue.next(&written, &stop, &mut outbox).is_none()
            });
            std::thread::sleep(Duration::from_millis(20));
            stop.store(true, Ordering::Relaxed);
            written.advance(usize::MAX);
            assert!(waiting.join().unwrap_or(false), "a stop hands out nothing");
        });
    }
}
