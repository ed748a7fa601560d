#!/usr/bin/env bash
# Installs what building and testing Folio needs on a fresh Debian machine,
# skipping whatever is already there (a warm machine takes seconds).
#
#   scripts/setup.sh            build tools: wasm target, Trunk, wasm-bindgen, npm packages
#   scripts/setup.sh --browser  the same, plus Chromium for the browser tests
#
# Pins: Trunk 0.21.14 (0.22 needs a newer rustc than this machine's); the
# wasm-bindgen CLI equals the wasm-bindgen in Cargo.lock; binaryen (wasm-opt)
# 132 from npm, since Debian's is too old for rustc 1.95 output.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

apt_packages=()
command -v python3 >/dev/null || apt_packages+=(python3)
if $want_browser; then
  command -v chromium >/dev/null || apt_packages+=(chromium)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  log "installing ${apt_packages[*]} with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$bindgen_version"; then
  log "installing wasm-bindgen-cli $bindgen_version (about 3 minutes, once)"
  # Without --locked: its lock file pins a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || ! npm ls --silent >/dev/null 2>&1; then
  log "installing npm packages (binaryen, playwright-core, ...)"
  npm ci --no-audit --no-fund --silent
fi

# Trunk runs cargo with --offline: fetch the crates first.
cargo fetch --locked --quiet
