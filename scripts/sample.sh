#!/usr/bin/env bash
# Regenerates the viewer's sample bundle, static/bundle.json, from the posts in
# samples/site with the `folio` CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --locked --quiet --release -p folio-cli -- build samples/site -o static
