#!/usr/bin/env bash
# Sets up a fresh machine, builds the viewer in release mode, makes the
# bundled sample archive a static site around it (a page for every article,
# list and index, which the viewer takes over) and serves it at
# http://127.0.0.1:8080 (Ctrl-C to stop).
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
dir=dist
if ! $viewer_only; then
  dir=target/sample-site
  rm -rf "$dir"
  cargo run --locked --release --quiet -p folio-cli -- build samples/site -o "$dir" \
    --viewer dist --public-url "http://127.0.0.1:$port/" --quiet
fi
echo "Folio is at http://127.0.0.1:$port/  (Ctrl-C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir"
