#!/usr/bin/env bash
# Sets up a fresh machine, builds the viewer in release mode and serves it on
# the bundled sample archive at http://127.0.0.1:8080 (Ctrl-C to stop).
#
#   scripts/serve.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8080}"
scripts/setup.sh
source scripts/env.sh
trunk build --release
echo "Folio is at http://127.0.0.1:$port/  (Ctrl-C to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
