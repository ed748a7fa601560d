#!/usr/bin/env bash
# Regenerates the viewer's sample bundle, static/bundle.json, from the posts in
# samples/site with the `folio` CLI, and what the browser tests expect of it
# (tests/fixtures/sample-expectations.json, computed by the core).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --locked --quiet --release -p folio-cli -- build samples/site -o static --bundle-only
FOLIO_BLESS=1 cargo test --locked --quiet -p folio-core --test sample_expectations
