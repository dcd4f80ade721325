#!/usr/bin/env bash
# Build the pith crate for the browser: www/pkg/pith.js + www/pkg/pith_bg.wasm (annotate for
# HTML, version: loaded with the page), www/pkg/pith_text.js + www/pkg/pith_text_bg.wasm
# (annotate for pasted text) and www/pkg/pith_render.js + www/pkg/pith_render_bg.wasm (render),
# both loaded on first use.
#
#   scripts/build-wasm.sh        # needs scripts/setup.sh wasm to have run once
#
# Steps, once per module: cargo build (wasm32-unknown-unknown, --no-default-features,
# --features wasm-html, wasm-text or wasm-render, --profile wasm, target dir target/wasm) ->
# wasm-bindgen --target web -> the glue's string copy patched (below) -> wasm-opt (-O3 for the
# page's module, -Oz for the lazy ones) when available.
# Size (the page's budget is 250 KB gzipped; scripts/size.sh): std is rebuilt from source with
# the page's profile and std's `optimize_for_size` feature whenever the std source is there
# (always on the debian route; `rustup component add rust-src` on the rustup route), and wasm-opt
# keeps the data segments whole (see below).
# The toolchain route (rustup or debian) is the one scripts/setup.sh recorded; override with
# PITH_WASM_ROUTE=rustup|debian. Set PITH_WASM_OPT=0 to skip wasm-opt, PITH_WASM_DIAGNOSTICS=1
# to keep panic locations and Debug output (bigger).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STATE_DIR=${PITH_STATE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pith}
TARGET=wasm32-unknown-unknown
TARGET_DIR=target/wasm
OUT_DIR=www/pkg

log() { printf '[build-wasm] %s\n' "$*" >&2; }
die() { printf '[build-wasm] error: %s\n' "$*" >&2; exit 1; }

route=${PITH_WASM_ROUTE:-$(cat "$STATE_DIR/wasm-route" 2>/dev/null || true)}
if [ -z "$route" ]; then # no record: find out what is installed
  if command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    route=rustup
  elif [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust/library ]; then
    route=debian
  else
    die "no wasm toolchain: run scripts/setup.sh wasm"
  fi
fi

start=$SECONDS
build_args=(build --lib --target "$TARGET" --no-default-features --profile wasm
  --target-dir "$TARGET_DIR")
# std built from source, size-optimised (opt-level "s" + LTO with the crate, and the
# `optimize_for_size` std feature: smaller sort, float parsing and integer formatting code).
# Measured: -34 KB gzipped with the wasm-opt change below, no measurable speed change.
build_std=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
# Panic messages keep their text but lose the file:line:col and `{:?}` renderings of values
# (nothing else in the wasm formats with Debug): -14 KB gzipped. PITH_WASM_DIAGNOSTICS=1 builds
# with both, for chasing a panic seen in the browser.
if [ "${PITH_WASM_DIAGNOSTICS:-0}" != 1 ]; then
  export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-Zfmt-debug=none -Zlocation-detail=none"
fi
# MIR inlining, which rustc leaves off at opt-level "s": small generic helpers (str comparisons,
# char iteration) inlined before LLVM sees them. Measured: -1.6 KB gzipped and ~2-3% less time
# per annotate() in Chromium (A/B, both orders).
export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-Zinline-mir=yes"
# The cold code (metadata: once per page) carries #[optimize(size)] under this cfg (src/lib.rs):
# -3.5 KB gzipped annotator, no measurable change in annotate() time (node A/B, 11 rounds).
export RUSTFLAGS="$RUSTFLAGS --cfg pith_size"
# WebAssembly SIMD (128-bit vectors): memchr's byte searches and the loops LLVM vectorises run
# 16 bytes at a time. Measured on scrapinghub: -5.5% instructions per annotate() (V8 under
# callgrind, 20 pages) and Readability/Pith in Chromium 2.70-2.80x -> 2.89-2.96x (A/B, both
# orders), for +0.3 KB gzipped. Every browser since 2023 runs it (Chrome 91, Firefox 89,
# Safari 16.4); an older one cannot compile the module, and the page says so.
export RUSTFLAGS="$RUSTFLAGS -Ctarget-feature=+simd128"
export RUSTC_BOOTSTRAP=1 # the -Z flags, on any route
cargo_build() { # extra cargo arguments
  case "$route" in
    rustup)
      if [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
        log "cargo ${build_args[*]} $* ${build_std[*]}  (rustup toolchain + rust-src)"
        cargo "${build_args[@]}" "$@" "${build_std[@]}"
      else
        log "no rust-src: using the prebuilt std (bigger; 'rustup component add rust-src' fixes it)"
        log "cargo ${build_args[*]} $*  (rustup toolchain)"
        cargo "${build_args[@]}" "$@"
      fi
      ;;
    debian)
      # Debian's rustc-web has the wasm32 targets but no prebuilt std for them: build std from
      # rust-web-src. Call the Debian toolchain explicitly; rustup's ~/.cargo/bin is first on PATH.
      log "cargo ${build_args[*]} $* ${build_std[*]}  (Debian rustc-web toolchain)"
      PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
        /usr/bin/cargo "${build_args[@]}" "$@" "${build_std[@]}"
      ;;
    *) die "unknown wasm route '$route' (rustup or debian)" ;;
  esac
}

command -v wasm-bindgen >/dev/null 2>&1 || die "wasm-bindgen not found: run scripts/setup.sh wasm"
rm -rf "$OUT_DIR"

# The glue copies a string into the wasm one character at a time while it is ASCII, then hands
# the rest to TextEncoder.encodeInto. A page is 100 KB+ of mostly ASCII: one encodeInto into a
# buffer of 3 bytes per UTF-16 unit (the most UTF-8 can need), shrunk in place afterwards, is
# ~5% faster per annotate() (scrapinghub, Chromium), same bytes. Applied only where the glue is
# the text this expects (wasm-bindgen is pinned in Cargo.toml).
ascii_loop='    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }
'
one_copy='    // (build-wasm.sh) One encodeInto for the whole string; realloc never sees a zero size.
    if (arg.length === 0) {
        WASM_VECTOR_LEN = 0;
        return malloc(0, 1) >>> 0;
    }
    const len = arg.length * 3;
    let ptr = malloc(len, 1) >>> 0;
    const offset = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len)).written;
    ptr = realloc(ptr, len, offset, 1) >>> 0;
'
# wasm-opt: the npm binaryen package (Debian's binaryen is too old for what rustc emits).
wasm_opt=""
if [ "${PITH_WASM_OPT:-1}" != 0 ]; then
  for c in "$ROOT/tests/browser/node_modules/.bin/wasm-opt" "$(command -v wasm-opt || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then wasm_opt=$c; break; fi
  done
fi

# The string copy through the JS String Builtins (src/wasm_string_copy.wat, whose comment says
# why): assembled with binaryen's wasm-as and embedded, base64, in the glue of the two modules
# that take page-sized strings (pith, pith_text). Without wasm-as the glue keeps encodeInto.
string_copy_b64=""
for c in "$ROOT/tests/browser/node_modules/.bin/wasm-as" "$(command -v wasm-as || true)"; do
  if [ -n "$c" ] && [ -x "$c" ]; then
    mkdir -p "$TARGET_DIR"
    "$c" --enable-reference-types --enable-gc src/wasm_string_copy.wat -o "$TARGET_DIR/string_copy.wasm" ||
      die "wasm-as failed on src/wasm_string_copy.wat"
    string_copy_b64=$(base64 -w0 "$TARGET_DIR/string_copy.wasm")
    break
  fi
done
[ -n "$string_copy_b64" ] || log "wasm-as not found: the glue copies strings with TextEncoder.encodeInto"
encode_into='    const offset = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len)).written;
'
copy_call='    const offset = copyString(arg, ptr, len);
'
copy_function="// (build-wasm.sh) The string's UTF-8 written by src/wasm_string_copy.wat, through the JS String
// Builtins; TextEncoder.encodeInto in a browser without them.
let stringCopy;
function copyString(arg, ptr, len) {
    if (stringCopy === undefined) {
        try {
            const bytes = Uint8Array.from(atob('$string_copy_b64'), (c) => c.charCodeAt(0));
            const module = new WebAssembly.Module(bytes, { builtins: ['js-string'] });
            stringCopy = new WebAssembly.Instance(module, { env: { memory: wasm.memory } }).exports.utf8;
        } catch {
            stringCopy = null;
        }
    }
    return stringCopy
        ? stringCopy(arg, arg.length, ptr)
        : cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len)).written;
}

function passStringToWasm0("

# Three modules (features in Cargo.toml, src/wasm.rs): pith (annotate for HTML, version), which
# the page loads at once; pith_text (annotate for pasted text), which the worker loads the first
# time an input is text; and pith_render (render), which it loads the first time a person flips
# a label or exports. Split, the page's download at load is ~34 KB (renderer) + ~32 KB (text
# front end) gzipped smaller.
for module in html:pith text:pith_text render:pith_render; do
  feature=wasm-${module%%:*} name=${module#*:}
  if [ "$name" = pith ]; then
    # The page's module, run on every input, is built at opt-level 3 (Cargo.toml's profile.wasm
    # says "s", which the lazy modules keep): measured ~14% less time per annotate() in
    # Chromium (scrapinghub, A/B in one page) for +23 KB gzipped, which the budget now has
    # room for since the text front end left the module. PITH_WASM_OPT_LEVEL overrides.
    # LLVM's inlining threshold for it is lowered from opt-level 3's 225 to 125: small helpers
    # still inline into the hot loops, larger ones stay calls. Measured on scrapinghub (node,
    # annotate() interleaved A/B, 2 rounds): 225 -> 125 is -3.2 KB gzipped for +1.6% time per
    # page; 150: -2.2 KB, +2.6%; 100: -5.4 KB, +5.9%. PITH_WASM_INLINE overrides.
    RUSTFLAGS="$RUSTFLAGS -Cllvm-args=-inline-threshold=${PITH_WASM_INLINE:-125}" \
      CARGO_PROFILE_WASM_OPT_LEVEL=${PITH_WASM_OPT_LEVEL:-3} cargo_build --features "$feature"
  else
    cargo_build --features "$feature"
  fi
  wasm="$TARGET_DIR/$TARGET/wasm/pith.wasm"
  [ -f "$wasm" ] || die "cargo produced no $wasm (does Cargo.toml have crate-type cdylib?)"
  log "wasm-bindgen $(wasm-bindgen --version | awk '{print $2}') --target web --out-dir $OUT_DIR --out-name $name"
  wasm-bindgen --target web --out-dir "$OUT_DIR" --out-name "$name" "$wasm"
  glue="$OUT_DIR/$name.js"
  if grep -qF 'if (code > 0x7F) break;' "$glue"; then
    ASCII_LOOP=$ascii_loop ONE_COPY=$one_copy perl -0pi -e 's/\Q$ENV{ASCII_LOOP}\E/$ENV{ONE_COPY}/' "$glue"
  fi
  if grep -qF 'if (code > 0x7F) break;' "$glue"; then
    log "note: wasm-bindgen's string copy is not the expected text; left as it is"
  elif [ -n "$string_copy_b64" ] && [ "$name" != pith_render ]; then
    ENCODE_INTO=$encode_into COPY_CALL=$copy_call COPY_FUNCTION=$copy_function perl -0pi -e \
      's/\Q$ENV{ENCODE_INTO}\E/$ENV{COPY_CALL}/; s/^function passStringToWasm0\(/$ENV{COPY_FUNCTION}/m' "$glue"
    grep -qF 'copyString(arg, ptr, len)' "$glue" || die "could not put the string copy in $glue"
  fi
  # The glue compacted: its JSDoc (the Rust doc comments, which the .d.ts files keep), comment
  # lines, indentation and blank lines go (the line breaks stay, so the statements read the
  # same; its only template literal is on one line): -0.9 KB gzipped.
  perl -0pi -e 's/^[ \t]*\/\*\*.*?\*\/\n//gms; s/^[ \t]*\/\/.*\n//gm; s/^[ \t]+//gm; s/\n\n+/\n/g' "$glue"
  bg="$OUT_DIR/${name}_bg.wasm"
  if [ -n "$wasm_opt" ]; then
    # The features rustc enables by default for wasm32-unknown-unknown, and SIMD (above); wasm-opt
    # must accept them in the input and may keep using them.
    features=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue
      --enable-simd)
    before=$(wc -c <"$bg")
    # No memory-packing: it splits the data segments at every run of zeros (8000+ segments
    # here), which saves raw bytes but costs ~19 KB gzipped, as the zeros compress to nothing
    # while the segment headers break up the data.
    # --low-memory-unused: nothing lives below address 1024 (rust-lld puts the stack's 1 MB first,
    # growing down, and the data after it), so address arithmetic can fold into load/store
    # offsets: -1.4 KB gzipped, no change in speed.
    # --gufa -Oz: a whole-program analysis of the values that reach each place (constants,
    # unreachable casts and calls), then -Oz again on what it simplified: -0.9 KB gzipped.
    # The page's module, built for speed, is optimised with -O3 instead: ~2% less time per
    # annotate() in Chromium (A/B in one page, scrapinghub, two pairings in both orders: geo-mean
    # 0.963, 0.978 and 1/1.007, 1/1.021) for +0.8 KB gzipped. There, a function with one caller
    # is inlined into it only up to 200 size units (binaryen's default is any size, which folded
    # the whole pipeline into one 65,000-node annotate()): -2.5 KB gzipped, same speed (Chromium
    # A/B, both orders, 7 runs a page: 0.986 and 1/0.994).
    passes=(-Oz --gufa -Oz)
    [ "$name" = pith ] && passes=(-O3 --one-caller-inline-max-function-size=200)
    # The producers and target-features sections are of no use to a browser: -0.1 KB gzipped.
    if "$wasm_opt" "${passes[@]}" --low-memory-unused --skip-pass=memory-packing "${features[@]}" \
      --strip-producers --strip-target-features \
      "$bg" -o "$bg.opt" 2>"$TARGET_DIR/wasm-opt.log"; then
      mv "$bg.opt" "$bg"
      log "wasm-opt ${passes[*]} $name: $before -> $(wc -c <"$bg") bytes"
    else
      rm -f "$bg.opt"
      log "wasm-opt failed (see $TARGET_DIR/wasm-opt.log); keeping the unoptimised wasm"
    fi
  else
    log "wasm-opt not found (optional; scripts/setup.sh installs the npm binaryen package)"
  fi
done

log "built in $((SECONDS - start)) s ($route route)"
printf '%-28s %10s %10s\n' file bytes gzip-9
for f in "$OUT_DIR"/*.wasm "$OUT_DIR"/*.js; do
  [ -f "$f" ] || continue
  printf '%-28s %10d %10d\n' "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
