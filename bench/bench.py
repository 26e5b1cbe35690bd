#!/usr/bin/env python3
"""Times citecheck against ripgrep (and typos) on generated corpora; see bench/run.sh.

Every command runs once to warm the page cache, then --runs times; the table shows the
median wall time and the peak resident memory (ru_maxrss from wait4, the number
`/usr/bin/time -v` prints as "Maximum resident set size"). Ratios compare commands measured
in this same run on the same files, so they travel between machines better than seconds do.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

# A citation-shaped regex for rg: "(Name..., [Month [Day, ]]Year)". It finds roughly what
# citecheck's scanner looks at, so rg's time is the floor for "read every byte, match
# parentheticals".
CITATION_RE = r"\([A-Z][^()]{0,120}?,\s*(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},\s*)?\d{4}[a-z]?\)"

SCENARIOS = {
    # name: (generator arguments, large?)
    "tiny200": (["--files", "200", "--seed", "2", "--words", "20"], False),
    # The same kind of file ten times over: the time it adds over tiny200, per file, is the
    # per-file cost with start-up (compiling patterns, spawning threads) taken out.
    "tiny2k": (["--files", "2000", "--seed", "2", "--words", "20"], False),
    # A hundred times tiny200: what it adds, per file, is the cost of a file once the
    # patterns' automata have met most of what short articles hold (tiny2k's extra files still
    # pay for many first meetings). typos runs on all three, and on corpus2k.
    "tiny20k": (["--files", "20000", "--seed", "2", "--words", "20"], False),
    "corpus2k": (["--files", "2000", "--seed", "1", "--words", "800"], False),
    "corpus20k": (["--files", "20000", "--seed", "1", "--words", "800"], True),
    "big5": (["--one-big", "--seed", "1", "--words", "800000"], False),
    "big50": (["--one-big", "--seed", "1", "--words", "8000000"], False),
    # Hostile shapes at full size (the tests use smaller ones: see tests/hostile.rs).
    "para100": (None, True),  # one 100 MB paragraph, written here
    "line10": (None, False),  # one 10 MB line packed with citations and look-alikes
}

# Corpora also timed with the result cache (a file of 4 MB or more is checked in windows and
# never cached, so big5 and big50 would show nothing new).
CACHED = ("tiny200", "tiny2k", "corpus2k", "corpus20k")

HOSTILE = {
    "para100": (
        "para.md",
        "Exports rose by 12% in the second quarter (Harbour Gazette, July 2025), "
        "officials said, and (NBS) figures (see Figure 2) agreed with Smith (2020); ",
        100 * 1000 * 1000,
    ),
    "line10": (
        "line.txt",
        "word (Harbour Gazette, July 2025) and (NBS) with 5% ",
        10 * 1024 * 1024,
    ),
}


def corpus(args, name):
    path = os.path.join(args.dir, name)
    stamp = os.path.join(args.dir, name + ".done")
    if os.path.exists(stamp):
        return path
    shutil.rmtree(path, ignore_errors=True)
    gen_args, _ = SCENARIOS[name]
    print(f"bench: generating {name}", file=sys.stderr)
    if gen_args is None:
        os.makedirs(path)
        file_name, unit, size = HOSTILE[name]
        n = size // len(unit)
        with open(os.path.join(path, file_name), "w") as f:
            for _ in range(n // 1000):
                f.write(unit * 1000)
            f.write("\n")
    else:
        subprocess.run(
            [sys.executable, args.gen, "--out", path, *gen_args], check=True
        )
    open(stamp, "w").close()
    return path


def size_of(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def run_once(cmd):
    """Wall seconds, CPU seconds (user + sys), peak RSS in bytes, exit code, first stderr line."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Read stderr while waiting so a chatty command cannot block on a full pipe.
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    line = err.decode("utf-8", "replace").strip().splitlines()[:1]
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss * 1024, p.returncode, (line[0] if line else "")


def measure(cmd, runs, ok_codes, before=None):
    """Medians of `runs` runs after one warm-up; `before` runs before each (not timed)."""
    if before:
        before()
    run_once(cmd)  # warm-up: page cache, binary loading
    walls, cpus, rss = [], [], 0
    for _ in range(runs):
        if before:
            before()
        wall, cpu, peak, code, err = run_once(cmd)
        if code not in ok_codes:
            raise SystemExit(f"bench: {' '.join(cmd)} exited {code}: {err}")
        walls.append(wall)
        cpus.append(cpu)
        rss = max(rss, peak)
    return statistics.median(walls), rss, statistics.median(cpus)


def fmt_s(s):
    return f"{s:.3f} s" if s < 10 else f"{s:.1f} s"


def fmt_mb(b):
    return f"{b / 1e6:.0f} MB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="")
    ap.add_argument("--skip-large", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    names = [n for n in SCENARIOS if not args.only or n in args.only.split(",")]
    if args.skip_large:
        names = [n for n in names if not SCENARIOS[n][1]]
    rg = shutil.which("rg")
    typos = shutil.which("typos")
    results = {}
    rows = []
    for name in names:
        path = corpus(args, name)
        size = size_of(path)
        # The targets are for a run that checks every file: no result cache.
        cc_cmd = [args.bin, "check", "--format", "json", "--no-cache", path]
        cc = measure(cc_cmd, args.runs, (0, 1))
        row = {"name": name, "size": size, "citecheck": cc}
        if name in CACHED:
            # The result cache: a first run that fills it (each run starts without one), and
            # runs that find every file in it, as a CI job that restores the cache and a commit
            # that changes a few articles would.
            cache_dir = os.path.join(args.dir, "cache-" + name)
            cached_cmd = [args.bin, "check", "--format", "json", "--cache-dir", cache_dir, path]
            row["filling"] = measure(
                cached_cmd, args.runs, (0, 1), lambda: shutil.rmtree(cache_dir, ignore_errors=True)
            )
            row["warm"] = measure(cached_cmd, args.runs, (0, 1))
        if rg:
            row["rg"] = measure(
                [rg, "-c", "--no-ignore", "-e", CITATION_RE, path], args.runs, (0, 1)
            )
        if typos and name in ("tiny200", "tiny2k", "tiny20k", "corpus2k"):
            row["typos"] = measure([typos, path], args.runs, (0, 2))
        results[name] = row
        rows.append(row)
        print(f"bench: {name} done: citecheck {fmt_s(cc[0])}", file=sys.stderr)

    print(
        f"\nMedians of {args.runs} runs after one warm-up (wall time; CPU = user + sys, which a busy "
        "machine disturbs less); peak RSS is the largest of the runs.\n"
    )
    print(
        "| corpus | size | citecheck wall | rg -c wall | ratio | typos wall | "
        "citecheck CPU | rg CPU | CPU ratio | citecheck peak RSS | RSS / size |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    none = (None, None, None)
    for r in rows:
        cc_t, cc_m, cc_c = r["citecheck"]
        rg_t, _, rg_c = r.get("rg", none)
        ty_t = r.get("typos", none)[0]
        print(
            f"| {r['name']} | {r['size'] / 1e6:.1f} MB | {fmt_s(cc_t)} | "
            f"{fmt_s(rg_t) if rg_t else '—'} | {f'{cc_t / rg_t:.1f}×' if rg_t else '—'} | "
            f"{fmt_s(ty_t) if ty_t else '—'} | {fmt_s(cc_c)} | {fmt_s(rg_c) if rg_c else '—'} | "
            f"{f'{cc_c / rg_c:.1f}×' if rg_c else '—'} | {fmt_mb(cc_m)} | {cc_m / r['size']:.2f}× |"
        )

    cached = [r for r in rows if "warm" in r]
    if cached:
        print(
            "\nWith the result cache (`--cache-dir`; the table above is `--no-cache`): a first run "
            "that fills it, and runs that find every file in it. No target: for reference.\n"
        )
        print("| corpus | no cache | filling the cache | every file cached | rg -c | cached / rg | cached CPU | cache on disk |")
        print("|---|---|---|---|---|---|---|---|")
        for r in cached:
            rg_t = r.get("rg", none)[0]
            warm_ratio = f"{r['warm'][0] / rg_t:.1f}×" if rg_t else "—"
            cache_dir = os.path.join(args.dir, "cache-" + r["name"])
            print(
                f"| {r['name']} | {fmt_s(r['citecheck'][0])} | {fmt_s(r['filling'][0])} | "
                f"{fmt_s(r['warm'][0])} | {fmt_s(rg_t) if rg_t else '—'} | "
                f"{warm_ratio} | {fmt_s(r['warm'][2])} | "
                f"{size_of(cache_dir) / 1e6:.2f} MB |"
            )

    print("\nTargets (wall-time ratio; CPU-time ratio in brackets):\n")

    def target(label, value, limit, cpu=None):
        verdict = "ok" if value <= limit else "MISSED"
        extra = f" [CPU {cpu:.2f}×]" if cpu is not None else ""
        print(f"- {label}: {value:.2f}×{extra} (target ≤ {limit}×) {verdict}")

    def ratio(a, b, tool_a="citecheck", tool_b="citecheck"):
        ra, rb = results.get(a, {}).get(tool_a), results.get(b, {}).get(tool_b)
        if not ra or not rb:
            return None
        return ra[0] / rb[0], ra[2] / rb[2] if rb[2] else None

    for label, args_, limit in (
        ("corpus2k citecheck / rg", ("corpus2k", "corpus2k", "citecheck", "rg"), 3),
        ("big50 citecheck / rg", ("big50", "big50", "citecheck", "rg"), 5),
        ("tiny200 citecheck / typos", ("tiny200", "tiny200", "citecheck", "typos"), 1),
        ("10× the files (corpus20k / corpus2k)", ("corpus20k", "corpus2k"), 11),
        ("10× the file (big50 / big5)", ("big50", "big5"), 11),
    ):
        r = ratio(*args_)
        if r:
            target(label, r[0], limit, r[1])
    for more, files in (("tiny2k", 2000), ("tiny20k", 20000)):
        if "tiny200" not in results or more not in results:
            continue
        extra = files - 200

        def per_file(tool, i):
            a, b = results[more].get(tool), results["tiny200"].get(tool)
            return (a[i] - b[i]) / extra if a and b else None

        cc_w, cc_c = per_file("citecheck", 0), per_file("citecheck", 2)
        ty_w, ty_c = per_file("typos", 0), per_file("typos", 2)
        if cc_w is not None:
            line = f"- per-file cost ({more} − tiny200, per extra file): citecheck {cc_w * 1e6:.0f} µs wall, {cc_c * 1e6:.0f} µs CPU"
            if ty_w:
                line += f"; typos {ty_w * 1e6:.0f} µs wall, {ty_c * 1e6:.0f} µs CPU; ratio {cc_w / ty_w:.2f}× [CPU {cc_c / ty_c:.2f}×] (target ≤ 1×) {'ok' if cc_w <= ty_w else 'MISSED'}"
            print(line)
    for name in ("corpus2k", "tiny20k"):
        r = results.get(name, {})
        if r.get("citecheck") and r.get("typos"):
            cc, ty = r["citecheck"], r["typos"]
            print(f"- {name} citecheck / typos (for reference, no target): {cc[0] / ty[0]:.2f}× [CPU {cc[2] / ty[2]:.2f}×]")
    if "big50" in results:
        r = results["big50"]
        peak = r["citecheck"][1] / r["size"]
        print(f"- big50 peak RSS / file size: {peak:.2f}× (target ≤ 3×) {'ok' if peak <= 3 else 'MISSED'}")
    for name, what in (("para100", "one 100 MB paragraph"), ("line10", "one 10 MB line")):
        if name in results:
            r = results[name]
            print(
                f"- {name} ({what}): completed in {fmt_s(r['citecheck'][0])}, "
                f"peak RSS {fmt_mb(r['citecheck'][1])} ({r['citecheck'][1] / r['size']:.2f}× the file)"
            )


if __name__ == "__main__":
    main()
