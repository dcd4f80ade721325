#!/usr/bin/env bash
# The newcomer's command: install the wasm toolchain (first time only), build the wasm into
# www/pkg, and serve www/ on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh wasm
bash scripts/build-wasm.sh
exec bash scripts/serve.sh
