#!/usr/bin/env bash
# The benchmark: citecheck against ripgrep (and typos for per-file overhead) on generated
# corpora, medians of several runs in one session, with peak memory.
#
#   bench/run.sh                 every scenario, 5 runs each
#   bench/run.sh --runs 3        fewer runs
#   bench/run.sh --only corpus2k,big50
#   bench/run.sh --skip-large    skip corpus20k and the 100 MB paragraph
#
# It installs what it needs on a fresh machine (ripgrep and typos-cli through cargo), builds
# the release binary, generates the corpora under target/bench/ (once; they are deterministic)
# and prints a Markdown table. Not part of `cargo test`: speed is never asserted in tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v python3 >/dev/null || { echo "bench: expected python3 on PATH (the corpus generator needs it)" >&2; exit 2; }
command -v cargo >/dev/null || { echo "bench: expected cargo on PATH" >&2; exit 2; }
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v rg >/dev/null; then
  echo "bench: installing ripgrep (cargo install ripgrep)" >&2
  cargo install --locked ripgrep
fi
if [ "${BENCH_NO_TYPOS:-0}" != 1 ] && ! command -v typos >/dev/null; then
  echo "bench: installing typos-cli (cargo install typos-cli; BENCH_NO_TYPOS=1 skips it)" >&2
  cargo install --locked typos-cli || echo "bench: typos-cli failed to install; the tiny200 comparison will omit it" >&2
fi

gen="${BENCH_GEN:-$root/../shared/bench/gen_corpus.py}"
[ -f "$gen" ] || { echo "bench: expected the corpus generator at $gen (set BENCH_GEN)" >&2; exit 2; }

cargo build --release --locked --bin citecheck
exec python3 "$root/bench/bench.py" \
  --bin "$root/target/release/citecheck" \
  --gen "$gen" \
  --dir "${BENCH_DIR:-$root/target/bench}" "$@"
