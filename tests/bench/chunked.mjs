// Browser benchmark of chunked archives: for each archive folder given, the
// data requests, brotli bytes and paint time of home, an article deep link,
// opening an article from a list, a category, a tag, a month and a two-tag
// AND, in headless Chromium against dist/ served as static files. Prints a
// Markdown table (docs/benchmarks.md).
//
//   node tests/bench/chunked.mjs [--runs 5] /tmp/c1k /tmp/c100k /tmp/c1m
//
// Bytes and requests are deterministic; times are the median of the runs.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, DIST, openPage } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';
import { measureMemory, measureNavigations, openArchive } from '../support/chunked.mjs';
import { chromium } from 'playwright-core';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '5' } }, allowPositionals: true });
if (positionals.length === 0) {
  console.error('usage: node tests/bench/chunked.mjs [--runs N] ARCHIVE_DIR...');
  process.exit(2);
}
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: run \`trunk build --release\` first`);
// `--expose-gc`: a garbage collection before reading the JS heap makes it comparable.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
});
const mounts = { '/': DIST };
positionals.forEach((dir, i) => { mounts[`/a${i}/`] = dir; });
const server = await serveStatic(mounts);
const memoryLines = [
  '',
  '| posts | wasm memory after 60 navigations | JS heap |',
  '|---:|---:|---:|',
];
const lines = [
  `| posts | navigation | requests | data, brotli | paint, median of ${runs} |`,
  '|---:|---|---:|---:|---:|',
];
try {
  for (const [i, dir] of positionals.entries()) {
    const archive = openArchive(dir);
    const contexts = [];
    const newPage = async () => {
      const page = await openPage(browser);
      contexts.push(page.context());
      return page;
    };
    const all = [];
    for (let r = 0; r < runs; r += 1) {
      all.push(await measureNavigations({ newPage, origin: server.origin, prefix: `/a${i}/`, archive }));
      while (contexts.length) await contexts.pop().close();
    }
    for (const [n, row] of all[0].entries()) {
      const ms = median(all.map((rows) => rows[n].ms));
      const extra = row.own ? ` (post file ${(row.own / 1024).toFixed(1)} KB)` : '';
      lines.push(`| ${archive.manifest.posts.toLocaleString('en')} | ${row.name} | ${row.requests} | ${(row.bytes / 1024).toFixed(1)} KB${extra} | ${ms.toFixed(0)} ms |`);
    }
    const memory = await measureMemory({ newPage, origin: server.origin, prefix: `/a${i}/`, archive });
    while (contexts.length) await contexts.pop().close();
    const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
    memoryLines.push(`| ${archive.manifest.posts.toLocaleString('en')} | ${mib(memory.wasm)} | ${mib(memory.js)} |`);
    console.error(`measured ${basename(dir)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
console.log([...lines, ...memoryLines].join('\n'));
