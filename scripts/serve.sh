#!/usr/bin/env bash
# Serve www/ on http://127.0.0.1:$PORT/ (default 8080) with the right MIME types for
# .wasm (application/wasm, needed by WebAssembly.instantiateStreaming) and .js/.mjs.
# Loopback only. Ctrl-C stops it.
#
#   scripts/serve.sh              # www/ on port 8080
#   PORT=9000 scripts/serve.sh    # another port
#   scripts/serve.sh DIR          # another folder
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${1:-$ROOT/www}
PORT=${PORT:-8080}
HOST=${HOST:-127.0.0.1}
[ -d "$DIR" ] || { echo "[serve] error: no folder $DIR" >&2; exit 1; }
[ -f "$DIR/pkg/pith.js" ] || echo "[serve] note: $DIR/pkg/pith.js missing: run scripts/build-wasm.sh" >&2

exec python3 - "$DIR" "$HOST" "$PORT" <<'EOF'
import functools, http.server, sys

directory, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".css": "text/css",
        ".html": "text/html",
        ".svg": "image/svg+xml",
        ".txt": "text/plain; charset=utf-8",
        ".map": "application/json",
        ".ts": "text/plain; charset=utf-8",
    }

    def end_headers(self):
        # A development server: always serve the freshly built files.
        self.send_header("Cache-Control", "no-store")
        # Other sites load the widget (and through it the wasm, glue and views) as module
        # scripts and workers, which browsers fetch with CORS.
        path = self.path.split("?", 1)[0]
        if path.startswith(("/widget/", "/pkg/")) or path in ("/reader.js", "/views.js"):
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, fmt, *args):
        sys.stderr.write("[serve] %s %s\n" % (self.address_string(), fmt % args))

handler = functools.partial(Handler, directory=directory)
http.server.ThreadingHTTPServer.allow_reuse_address = True
with http.server.ThreadingHTTPServer((host, port), handler) as httpd:
    print(f"Serving {directory} at http://{host}:{httpd.server_address[1]}/", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
EOF
