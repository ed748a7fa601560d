// Browser benchmark of search (issue 11): for a set of Chinese queries of 2
// to 4 characters sampled from an archive's own text, what the first page of
// results costs (brotli bytes of index and result files, requests), and how
// long until the results are on screen after the query is typed, cold (the
// first search of a fresh browser) and warm (another query in the same
// page), on localhost. Requests are listened to, not intercepted; their bytes
// are counted from the files afterwards.
//
//   node tests/bench/search.mjs [--queries 30] [--order newest|relevance] [--http2] ARCHIVE...
//
// With `--http2`, the files are served over HTTP/2 (TLS, a certificate made
// for the run), as a CDN serves them: a page of records comes in one wave
// instead of the two that HTTP/1.1's six connections a host allow.
//
// With `--order relevance`, each page starts on `#/search?order=relevance`,
// so that the box's searches rank by relevance.
//
// ARCHIVE is a folder `folio build` wrote (with bundle.json and search/),
// served beside dist/ (`trunk build --release`). Prints a Markdown table.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DIST, launchBrowser } from '../support/browser.mjs';
import { brotliSize } from '../support/chunked.mjs';
import { timeSearch } from '../support/pages.mjs';
import { serveStatic } from '../support/server.mjs';

const { values, positionals } = parseArgs({
  options: {
    queries: { type: 'string', default: '30' },
    order: { type: 'string', default: 'newest' },
    http2: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const count = Number(values.queries);
if (!['newest', 'relevance'].includes(values.order)) throw new Error(`--order is newest or relevance, not ${values.order}`);
const start = values.order === 'relevance' ? '#/search?order=relevance' : '#/';
/**
 * The index files a page requests under `prefix`, counted from the files on
 * disk once the timing is done: the requests are only listened to, not
 * intercepted, so that the times are the browser's own.
 */
function recordFiles(page, origin, prefix, dir) {
  const paths = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && url.pathname.startsWith(prefix)) paths.push(url.pathname.slice(prefix.length));
  });
  return {
    take() {
      const taken = paths.splice(0);
      return { requests: taken.length, bytes: taken.reduce((sum, path) => sum + brotliSize(readFileSync(join(dir, path))), 0) };
    },
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const KB = 1024;

/** Deterministic queries: CJK substrings of 2 to 4 characters of the archive's records. */
function sampleQueries(dir, n) {
  let seed = 0x5eedn;
  const next = () => {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(seed >> 33n);
  };
  const folders = readdirSync(join(dir, 'search', 'docs'));
  const queries = new Set();
  while (queries.size < n) {
    const folder = folders[next() % folders.length];
    const files = readdirSync(join(dir, 'search', 'docs', folder));
    const text = readFileSync(join(dir, 'search', 'docs', folder, files[next() % files.length]), 'utf8').split('\n').slice(5).join('\n');
    const chars = [...text];
    const len = 2 + (next() % 3);
    const start = next() % Math.max(1, chars.length - len);
    const piece = chars.slice(start, start + len).join('');
    if (/^[\u4e00-\u9fff]+$/u.test(piece) && [...piece].length === len) queries.add(piece);
  }
  return [...queries];
}

const browser = await launchBrowser();
const rows = [];
for (const archive of positionals.map((p) => resolve(p))) {
  const manifest = JSON.parse(readFileSync(join(archive, 'bundle.json'), 'utf8'));
  const server = await serveStatic({ '/': DIST, '/a/': archive }, { http2: values.http2 });
  const queries = sampleQueries(archive, count);
  const results = [];
  for (const [i, query] of queries.entries()) {
    const context = await browser.newContext({ ignoreHTTPSErrors: values.http2 });
    const page = await context.newPage();
    await page.goto(`${server.origin}/?bundle=a/bundle.json${start}`);
    await page.locator(start === '#/' ? '.post-card' : '.search-hint').first().waitFor({ timeout: 30_000 });
    const recorder = recordFiles(page, server.origin, '/a/search/', join(archive, 'search'));
    // Cold: the first search, engine and index fetched.
    await page.focus('#site-search-input');
    const cold = (await timeSearch(page, query)).ms;
    const first = recorder.take();
    // Warm: another query in the same page (the next one of the set).
    const warm = (await timeSearch(page, queries[(i + 1) % queries.length])).ms;
    const status = await page.textContent('.search-status');
    if (values.order === 'relevance' && !page.url().includes('order=relevance')) throw new Error(`not ranked by relevance: ${page.url()}`);
    results.push({ query, bytes: first.bytes, requests: first.requests, cold, warm, status });
    await context.close();
  }
  await server.close();
  const bytes = results.map((r) => r.bytes);
  rows.push({
    posts: manifest.posts,
    queries: results.length,
    median: median(bytes),
    max: Math.max(...bytes),
    requests: median(results.map((r) => r.requests)),
    cold: median(results.map((r) => r.cold)),
    warm: median(results.map((r) => r.warm)),
    worst: results.reduce((a, b) => (b.bytes > a.bytes ? b : a)),
  });
}
await browser.close();

// A query arrives whole (as an input method commits it), so no pause comes
// before its search; typed a key at a time, the 180 ms pause would.
console.log(`Order: ${values.order}; ${values.http2 ? 'HTTP/2 over TLS' : 'HTTP/1.1'}.\n`);
console.log('| posts | queries (2-4 CJK characters) | first page, brotli: median | max | requests, median | results on screen after typing: cold, median | warm, median |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.posts.toLocaleString('en')} | ${r.queries} | ${(r.median / KB).toFixed(1)} KB | ${(r.max / KB).toFixed(1)} KB (${r.worst.query}) | ${r.requests} | ${r.cold} ms | ${r.warm} ms |`);
}
