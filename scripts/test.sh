#!/usr/bin/env bash
# The test command (CI runs it through .ci/run). Exits non-zero on the first failure.
#   1. setup (wasm toolchain, wasm-bindgen, chromium, npm packages; skips what is there)
#   2. cargo test --release (native, default features)
#   3. the wasm build (scripts/build-wasm.sh)
#   4. browser tests, if tests/browser/*.test.mjs exist (node --test, Debian chromium)
#   5. benchmark floors, if ../shared/bench exists
# Sized for 2 cores: cargo's default job count (= cores) and node's default test concurrency.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

step() { printf '\n=== %s\n' "$*"; }
t0=$SECONDS

step "setup"
bash scripts/setup.sh wasm browser

step "cargo test --release"
cargo test --release
# The patched html5ever's own unit tests (its fast scans against the byte-by-byte reading).
cargo test --release -p html5ever --lib

step "wasm build"
bash scripts/build-wasm.sh

shopt -s nullglob
browser_tests=(tests/browser/*.test.mjs)
shopt -u nullglob
if [ ${#browser_tests[@]} -gt 0 ]; then
  step "browser tests (${#browser_tests[@]} files)"
  # Files listed explicitly: Node 20 and 22 differ in how `node --test DIR` finds files.
  node --test "${browser_tests[@]}"
else
  step "browser tests: none yet (tests/browser/*.test.mjs)"
fi

BENCH=${PITH_BENCH_DIR:-$ROOT/../shared/bench}
if [ -d "$BENCH" ]; then
  step "benchmark floors ($BENCH)"
  # Scores must not fall below the floors pinned in tests/bench-floors.json (last measured
  # level minus a small margin); `pith bench --check` exits non-zero and names what fell.
  for d in scrapinghub wcxb-dev; do
    target/release/pith bench "$BENCH/$d" --repeat 1 --check tests/bench-floors.json
  done
else
  step "benchmark floors: skipped, no $BENCH"
fi

step "all steps passed in $((SECONDS - t0)) s"
