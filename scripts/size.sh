#!/usr/bin/env bash
# What the browser page downloads when it opens, gzipped, against the budget (250 KB gzipped).
#
#   scripts/size.sh            # table + total; exits 1 when over budget
#   scripts/size.sh --list     # just the files, relative to www/ (the browser tests check that
#                              # this is exactly what the page requests on load)
#   scripts/size.sh --list-lazy  # the files loaded later: the reader view's code, text front end, renderer
#
# Sizes are `gzip -9` (what a static host with precompressed files serves; `gzip -6`, the
# on-the-fly default, is shown for reference). KB = 1024 bytes. The samples are not counted:
# they load only when someone asks for one; nor are the reader view's code (reader.js, fetched
# once the first input is shown), the pasted-text front end (pkg/pith_text*, for an input that
# is text, not HTML) and the renderer (pkg/pith_render*, render() for exports and label flips),
# each loaded the first time it is needed: their sizes are shown below the total. Build first:
# scripts/build-wasm.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WWW=$ROOT/www
BUDGET_KB=${PITH_SIZE_BUDGET_KB:-250}

# Everything index.html pulls in at load: the document, its stylesheet and icon, the module
# graph (app.js -> engine.js, views.js, decode.js; not reader.js, below), the worker and the
# wasm-bindgen glue + wasm.
FILES=(index.html style.css icon.svg app.js engine.js views.js decode.js worker.js pkg/pith.js pkg/pith_bg.wasm)
# Loaded by the worker the first time an input is pasted text, and the first time a person flips
# a label or exports (not counted).
TEXT=(pkg/pith_text.js pkg/pith_text_bg.wasm)
RENDER=(pkg/pith_render.js pkg/pith_render_bg.wasm)
# Fetched once the first input is shown (the reader view and metadata panel), not at load.
VIEWS=(reader.js)
LAZY=("${VIEWS[@]}" "${TEXT[@]}" "${RENDER[@]}")

if [ "${1:-}" = --list ]; then
  printf '%s\n' "${FILES[@]}"
  exit 0
fi
if [ "${1:-}" = --list-lazy ]; then
  printf '%s\n' "${LAZY[@]}"
  exit 0
fi

[ -f "$WWW/pkg/pith_bg.wasm" ] || { echo "[size] no www/pkg: run scripts/build-wasm.sh" >&2; exit 2; }
total=0 total6=0 raw=0
printf '%-22s %10s %10s %10s\n' file bytes gzip-6 gzip-9
for f in "${FILES[@]}"; do
  [ -f "$WWW/$f" ] || { echo "[size] missing www/$f" >&2; exit 2; }
  b=$(wc -c <"$WWW/$f")
  g6=$(gzip -6 -c "$WWW/$f" | wc -c)
  g9=$(gzip -9 -c "$WWW/$f" | wc -c)
  printf '%-22s %10d %10d %10d\n' "$f" "$b" "$g6" "$g9"
  raw=$((raw + b)) total6=$((total6 + g6)) total=$((total + g9))
done
printf '%-22s %10d %10d %10d\n' total "$raw" "$total6" "$total"
gz_sum() { # files...: their gzip -9 sizes added up (0 for a missing file)
  local n=0 f
  for f in "$@"; do [ -f "$WWW/$f" ] && n=$((n + $(gzip -9 -c "$WWW/$f" | wc -c))); done
  echo "$n"
}
views=$(gz_sum "${VIEWS[@]}") text=$(gz_sum "${TEXT[@]}") render=$(gz_sum "${RENDER[@]}")
budget=$((BUDGET_KB * 1024))
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
if command -v node >/dev/null 2>&1; then
  # For reference: most static hosts serve brotli to browsers that ask for it.
  br=$(cd "$WWW" && node -e '
    const z = require("zlib"), fs = require("fs");
    let t = 0;
    for (const f of process.argv.slice(1)) t += z.brotliCompressSync(fs.readFileSync(f), { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(t);' "${FILES[@]}")
  echo "brotli-11 total: $(awk -v b="$br" 'BEGIN { printf "%.1f KB", b / 1024 }') (reference only; the budget is gzip)"
fi
echo "once the first input is shown: ${VIEWS[*]}, $(kb "$views") gzipped (not in the total)"
[ "$text" -gt 0 ] && echo "on the first pasted text: ${TEXT[*]}, $(kb "$text") gzipped (not in the total)"
[ "$render" -gt 0 ] && echo "on first flip or export: ${RENDER[*]}, $(kb "$render") gzipped (not in the total)"
if [ "$total" -le "$budget" ]; then
  echo "gzipped total $(kb "$total") <= budget $BUDGET_KB KB: OK ($(kb $((budget - total))) to spare)"
else
  echo "gzipped total $(kb "$total") > budget $BUDGET_KB KB: OVER by $(kb $((total - budget)))"
  exit 1
fi
