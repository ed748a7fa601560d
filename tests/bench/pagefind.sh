#!/usr/bin/env bash
# Indexing time and memory, Folio's search index against Pagefind's, on the
# same archive (issue 11's budget: Folio at most a tenth of Pagefind in both).
#
#   tests/bench/pagefind.sh SITE [RUNS]
#
# SITE is a Jekyll-style site (folio-synth writes one). Both indexers run on
# tmpfs, so that the disk does not set the figures:
#   - Pagefind (npm `pagefind`, fetched by npx into npm's cache, not into the
#     project) on the article pages that `folio build` renders, post/*/;
#   - Folio's index alone: the `reindex` example rebuilds the index from the
#     records (the posts' text) of a bundle-only build, as `folio build`
#     does, and must write the same bytes;
#   - and, for the whole picture, `folio build --bundle-only`: Markdown,
#     sanitising, the bundle and the index.
set -euo pipefail
cd "$(dirname "$0")/../.."
site=$(realpath "$1")
runs=${2:-3}
pagefind_version=1.6.0
work=$(mktemp -d /dev/shm/folio-pagefind.XXXXXX)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked -q -p folio-cli
cargo build --release --locked -q -p folio-search --features build --example reindex
[ -f dist/index.html ] || { echo "dist/ is missing: run trunk build --release first" >&2; exit 1; }
timed() { /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB peak" "$@"; }

cp -r "$site" "$work/site"
target/release/folio build "$work/site" -o "$work/pages" --viewer dist --quiet
echo "== Pagefind $pagefind_version on $(find "$work/pages/post" -name index.html | wc -l) article pages"
for _ in $(seq "$runs"); do
  rm -rf "$work/pagefind"
  timed npx --yes "pagefind@$pagefind_version" --site "$work/pages" --glob 'post/**/*.html' \
    --output-path "$work/pagefind" 2>&1 | grep -E 'wall|Finished'
done
echo "== folio build --bundle-only"
for _ in $(seq "$runs"); do
  rm -rf "$work/bundle"
  timed target/release/folio build "$work/site" -o "$work/bundle" --bundle-only --quiet
done
echo "== Folio's index alone (reindex)"
for _ in $(seq "$runs"); do
  rm -rf "$work/index"
  timed target/release/examples/reindex "$work/bundle/search" "$work/index" 2>&1 | grep wall
done
diff -r "$work/bundle/search" "$work/index" > /dev/null && echo "reindex wrote the same bytes as folio build"
