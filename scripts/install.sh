#!/usr/bin/env bash
# Installs the `folio` binary with the viewer inside it, so that `folio
# build`, `folio serve` and `folio init` need no other tool: sets up the
# build tools (scripts/setup.sh), builds the viewer (`trunk build
# --release`), then `cargo install`s the CLI with that build embedded.
#
#   scripts/install.sh            into ~/.cargo/bin
#   scripts/install.sh --root DIR into DIR/bin
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
trunk build --release
FOLIO_VIEWER_DIST="$PWD/dist" cargo install --locked --force --path crates/cli "$@"
echo "installed: $(command -v folio || echo "folio (add cargo's bin folder to PATH)")"
