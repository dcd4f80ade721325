#!/usr/bin/env bash
# Install what Pith needs on a fresh Debian 12 machine. Safe to run again: every step checks
# first and skips in well under a second when it is already done.
#
#   scripts/setup.sh                 # everything
#   scripts/setup.sh wasm            # wasm toolchain + wasm-bindgen + npm packages (wasm-opt)
#   scripts/setup.sh browser         # Debian chromium + npm packages (playwright-core, readability)
#   scripts/setup.sh wasm browser    # both
#
# Environment:
#   PITH_WASM_ROUTE=rustup|debian   force a wasm toolchain route (default: rustup, else debian)
#   PITH_STATE_DIR                  where the chosen route is recorded (default ~/.cache/pith)
#
# The wasm toolchain has two routes:
#   rustup  `rustup target add wasm32-unknown-unknown` (normal machines with internet);
#   debian  Debian's rustc-web/cargo-web (which have the wasm32 targets built in) plus the
#           std source, building std with -Zbuild-std (machines that reach only package
#           registries; see ../shared/notes/toolchain.md).
# The route that worked is recorded in $PITH_STATE_DIR/wasm-route; scripts/build-wasm.sh reads it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE_DIR=${PITH_STATE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pith}
WASM_BINDGEN_DEFAULT=0.2.130

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 && SUDO=sudo || true
fi

# --- apt ---------------------------------------------------------------------------------------
APT_UPDATED=0
apt_missing() { # print the packages among "$@" that are not installed
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}
apt_install() { # install the missing packages among "$@"
  local missing
  missing=$(apt_missing "$@")
  [ -z "$missing" ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: $missing"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $(echo $missing)"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
}

# --- wasm toolchain ------------------------------------------------------------------------------
DEBIAN_WASM_PKGS=(rustc-web cargo-web rust-web-src lld-22)

rustup_has_wasm() {
  command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

debian_route_ok() {
  [ -z "$(apt_missing "${DEBIAN_WASM_PKGS[@]}")" ] &&
    [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ] && [ -x /usr/bin/rust-lld ] &&
    [ -d /usr/lib/rustlib/src/rust/library ]
}

setup_wasm_toolchain() {
  local route=${PITH_WASM_ROUTE:-}
  local recorded
  recorded=$(cat "$STATE_DIR/wasm-route" 2>/dev/null || true)
  if [ -z "$route" ]; then
    if rustup_has_wasm; then
      route=rustup
    elif [ "$recorded" = debian ]; then
      route=debian # rustup failed here before; do not wait for it again
    elif command -v rustup >/dev/null 2>&1; then
      log "trying: rustup target add wasm32-unknown-unknown (60 s limit)"
      if timeout 60 rustup target add wasm32-unknown-unknown >&2; then
        route=rustup
      else
        log "rustup could not add the target; falling back to Debian's rustc-web + build-std"
        route=debian
      fi
    else
      route=debian
    fi
  fi
  case "$route" in
    rustup)
      rustup_has_wasm || timeout 300 rustup target add wasm32-unknown-unknown >&2 ||
        die "rustup target add wasm32-unknown-unknown failed"
      # The std source: build-wasm.sh rebuilds std for size with it (optional, but the page is
      # ~17 KB gzipped bigger without it).
      rustup component list --installed 2>/dev/null | grep -q '^rust-src' ||
        timeout 300 rustup component add rust-src >&2 ||
        log "rustup could not add rust-src; the wasm will be built with the prebuilt std"
      ;;
    debian)
      apt_install "${DEBIAN_WASM_PKGS[@]}"
      debian_route_ok || die "Debian wasm route incomplete (need ${DEBIAN_WASM_PKGS[*]})"
      ;;
    *) die "unknown PITH_WASM_ROUTE '$route' (rustup or debian)" ;;
  esac
  mkdir -p "$STATE_DIR"
  [ "$recorded" = "$route" ] || echo "$route" >"$STATE_DIR/wasm-route"
  log "wasm toolchain: $route route (recorded in $STATE_DIR/wasm-route)"
}

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate.
wasm_bindgen_version() {
  local v=""
  if [ -f "$ROOT/Cargo.lock" ]; then
    v=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  fi
  if [ -z "$v" ] && [ -f "$ROOT/Cargo.toml" ]; then
    v=$(sed -n 's/^wasm-bindgen *= *"=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml" | head -n1)
  fi
  echo "${v:-$WASM_BINDGEN_DEFAULT}"
}

setup_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" = "$want" ]; then
    log "wasm-bindgen $want: present"
    return 0
  fi
  command -v cargo >/dev/null 2>&1 || die "cargo not found (needed to install wasm-bindgen-cli)"
  log "cargo install wasm-bindgen-cli $want (was: ${have:-none}; takes a few minutes)"
  # --locked first (the CLI's own lock file); if the registry lacks a version that lock file
  # names (seen here: webpki-roots 1.0.11), let cargo resolve the dependencies afresh.
  cargo install --locked --force wasm-bindgen-cli --version "$want" ||
    { log "cargo install --locked failed; retrying without --locked"
      cargo install --force wasm-bindgen-cli --version "$want"; }
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  [ "$have" = "$want" ] || die "wasm-bindgen on PATH is '${have:-none}', want $want (is ~/.cargo/bin on PATH?)"
}

# --- node packages (tests/browser) ---------------------------------------------------------------
setup_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  local dir="$ROOT/tests/browser"
  [ -f "$dir/package.json" ] || die "missing $dir/package.json"
  local stamp="$dir/node_modules/.pith-setup-stamp" want
  want=$(cat "$dir/package.json" "$dir/package-lock.json" 2>/dev/null | sha256sum | cut -c1-64)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "npm packages in tests/browser: present"
    return 0
  fi
  # Never let a package download a browser of its own: Debian's chromium is the browser.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
  if [ -f "$dir/package-lock.json" ]; then
    log "npm ci in tests/browser"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    log "npm install in tests/browser (no lock file yet)"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  echo "$want" >"$stamp"
  if "$dir/node_modules/.bin/wasm-opt" --version >/dev/null 2>&1; then
    log "wasm-opt (npm binaryen): $("$dir/node_modules/.bin/wasm-opt" --version)"
  else
    log "wasm-opt not available (optional: the npm binaryen package); builds stay unoptimised"
  fi
}

# --- browser -----------------------------------------------------------------------------------
setup_browser() {
  apt_install chromium
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"
  log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
}

# --- main --------------------------------------------------------------------------------------
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(wasm browser)
want_wasm=0 want_browser=0
for p in "${parts[@]}"; do
  case "$p" in
    all) want_wasm=1 want_browser=1 ;;
    wasm) want_wasm=1 ;;
    browser) want_browser=1 ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown part '$p' (wasm, browser, all)" ;;
  esac
done

start=$SECONDS
# A C compiler: the linker rustc calls natively, and the build of mimalloc (the CLI's allocator).
command -v cc >/dev/null 2>&1 || apt_install gcc libc6-dev
if [ "$want_wasm" -eq 1 ]; then
  setup_wasm_toolchain
  setup_wasm_bindgen
fi
[ "$want_browser" -eq 1 ] && setup_browser
setup_node # both parts use it: wasm-opt for wasm, playwright-core for the browser
log "done in $((SECONDS - start)) s"
