#!/usr/bin/env bash
# Runs every fuzz target for a while at a low priority.
#
#   fuzz/run.sh [SECONDS_PER_TARGET]     (default 180)
#
# Works on a stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly-only flags
# (-Zsanitizer=address and friends). With a nightly toolchain installed, `cargo +nightly fuzz`
# works as well. Seeds come from the test fixtures, the grammar examples and, when present,
# ../shared (never copied into the repository: corpus/ is ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-180}"
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
# The grammar target reads what lies between the parentheses: its seeds are the grammar's
# examples with the outer pair taken off.
mkdir -p corpus/grammar
for f in ../grammar/examples/*/*; do
  [ -f "$f" ] || continue
  seed="corpus/grammar/$(basename "$(dirname "$f")")-$(basename "$f")"
  [ -e "$seed" ] || sed -e 's/^[[:space:]]*(//' -e 's/)[[:space:]]*$//' "$f" > "$seed"
done
for t in scan document check windows; do
  mkdir -p "corpus/$t"
  for f in ../tests/fixtures/*/* ../grammar/examples/*/* ../../shared/seeds/* ../../shared/corpus/real/*; do
    [ -f "$f" ] && cp -n "$f" "corpus/$t/" 2>/dev/null || true
  done
done
nice -n 19 cargo fuzz build -O
for t in scan grammar document check windows; do
  echo "== $t for ${secs}s"
  nice -n 19 cargo fuzz run -O "$t" "corpus/$t" -- \
    -dict=citation.dict -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 2>&1 | tail -n 12
done
