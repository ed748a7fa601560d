#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: the native Rust tests of the
# core, then the browser tests against a release build served as static files.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/env.sh

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> native tests (folio-core)"
cargo test --locked -p folio-core

echo "==> wasm build check of the viewer (clippy, warnings are errors)"
cargo clippy --locked --target wasm32-unknown-unknown -p folio -p folio-core -- -D warnings

echo "==> trunk build --release"
trunk build --release

echo "==> browser tests (headless Chromium on dist/)"
node --test --test-concurrency=1 tests/e2e/
