#!/usr/bin/env bash
# Sets up a fresh machine, builds the viewer in release mode, and serves the
# bundled sample archive with `folio serve`: a static site (a page for every
# article, list and index, which the viewer takes over) at
# http://127.0.0.1:8080, rebuilt and reloaded whenever samples/site changes
# (Ctrl-C to stop).
#
#   scripts/serve.sh [PORT]
#   scripts/serve.sh --viewer [PORT]   the viewer alone (dist/), hash routes
set -euo pipefail
cd "$(dirname "$0")/.."
viewer_only=false
if [ "${1:-}" = "--viewer" ]; then viewer_only=true; shift; fi
port="${1:-8080}"
scripts/setup.sh
source scripts/env.sh
trunk build --release
if $viewer_only; then
  echo "Folio is at http://127.0.0.1:$port/  (Ctrl-C to stop)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
fi
exec cargo run --locked --release --quiet -p folio-cli -- serve samples/site --viewer dist --port "$port"
