// Browser benchmark for the viewer: first paint, bytes per page, and
// sanitiser throughput against DOMPurify in the same page.
//
//   node tests/bench/browser.mjs [--runs 9]
//
// Runs against dist/ (build it first: `trunk build --release`), served by the
// tests' plain static server on 127.0.0.1. Prints a Markdown table for
// docs/benchmarks.md. Timings are medians over fresh browser contexts.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DIST, launchBrowser } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 9;
const require = createRequire(import.meta.url);
const DOMPURIFY = require.resolve('dompurify/dist/purify.min.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// Two ~2 MB articles: the seed news article repeated (long Chinese
// paragraphs) and all sample bodies repeated (tag-dense technical posts).
const sample = JSON.parse(readFileSync(join(DIST, 'bundle.json'), 'utf8'));
const repeat = (s) => { let out = ''; while (out.length < 2 * 1024 * 1024) out += s; return out; };
const bigArticles = {
  'news article': repeat(sample.posts.find((p) => p.id === '000_dacaaeb1a3c7b9ba').content_html),
  'technical posts': repeat(sample.posts.map((p) => p.content_html).join('\n')),
};
const benchDir = mkdtempSync(join(tmpdir(), 'folio-bench-'));
writeFileSync(join(benchDir, 'big.json'), JSON.stringify({
  ...sample,
  posts: [
    // Each article twice, so the second visit measures code the engine has
    // already optimised (the first runs in the baseline tier).
    ...Object.entries(bigArticles).flatMap(([name, html], i) => ['cold', 'warm'].map((run) => ({
      id: `big-${i}-${run}`, title: `${name} (${run})`, date: '2022-01-12T21:11:17+08:00', content_html: html,
    }))),
    ...sample.posts,
  ],
}));

const server = await serveStatic({ '/': DIST, '/bench/': benchDir });
const browser = await launchBrowser();

/** Navigates a fresh page and returns ms from navigation start until `selector` exists. */
async function paintTime(url, selector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((sel) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(sel)) {
        window.__paintedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, selector);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; requests += 1; });
  await page.goto(url);
  await page.waitForFunction(() => window.__paintedAt !== undefined, null, { timeout: 20_000 });
  const painted = await page.evaluate(() => window.__paintedAt);
  await page.waitForLoadState('networkidle');
  await context.close();
  return { painted, bytes, requests };
}

const results = {};
for (const [name, path, selector] of [
  ['home: first post link', '/#/', 'main .post-list a'],
  ['article deep link: body painted', '/#/post/000_dacaaeb1a3c7b9ba', 'article .article-body p'],
]) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) samples.push(await paintTime(server.origin + path, selector));
  results[name] = {
    median: median(samples.map((s) => s.painted)),
    min: Math.min(...samples.map((s) => s.painted)),
    max: Math.max(...samples.map((s) => s.painted)),
    bytes: samples[0].bytes,
    requests: samples[0].requests,
  };
}

// Sanitiser throughput: the app's own User Timing measures, then DOMPurify on
// the same HTML in the same page.
const throughput = {};
for (const [index, [name, html]] of Object.entries(bigArticles).entries()) {
  const bytes = Buffer.byteLength(html);
  throughput[name] = { bytes, cold: [], warm: [], dompurify: [] };
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i += 1) {
    // The viewer's CSP rightly refuses the injected DOMPurify script; lift it
    // for this measurement only.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const run of ['cold', 'warm']) {
      if (run === 'cold') await page.goto(`${server.origin}/?bundle=bench/big.json#/post/big-${index}-cold`);
      else await page.getByRole('link', { name: `${name} (warm)` }).first().click();
      await page.getByRole('heading', { level: 1, name: `${name} (${run})` }).waitFor({ timeout: 60_000 });
      const ms = await page.evaluate((n) => performance.getEntriesByName(`folio:sanitize bytes=${n}`).at(-1).duration, bytes);
      throughput[name][run].push(bytes / 1e6 / (ms / 1000));
    }
    await page.addScriptTag({ path: DOMPURIFY });
    throughput[name].dompurify.push(await page.evaluate(async (i) => {
      const bundle = await (await fetch('bench/big.json')).json();
      const html = bundle.posts[2 * i].content_html;
      const n = new TextEncoder().encode(html).length;
      window.DOMPurify.sanitize(html); // warm up
      const t0 = performance.now();
      window.DOMPurify.sanitize(html);
      return n / 1e6 / ((performance.now() - t0) / 1000);
    }, index));
    await context.close();
  }
}

await browser.close();
await server.close();

// Sizes of what the viewer itself ships, by its manifest (Trunk's hashed
// names): the app, its stylesheet and page, and the sanitiser module that
// is loaded only for the first article body the app renders itself.
const manifest = JSON.parse(readFileSync(join(DIST, 'folio-viewer.json'), 'utf8'));
const size = (file) => {
  const buf = readFileSync(join(DIST, file));
  return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, brotli: brotli(buf) };
};
const wasm = size(manifest.wasm);
const js = size(manifest.script);
const css = size(manifest.css);
const html = size('index.html');
const sanitizerJs = size(manifest.sanitizer);
const sanitizerWasm = size(manifest.sanitizer.replace(/\.js$/, '_bg.wasm'));
const bundleBr = brotli(readFileSync(join(DIST, 'bundle.json')));

console.log(`| asset | raw | gzip -9 | brotli 11 |\n|---|---|---|---|`);
for (const a of [wasm, js, css, html, sanitizerWasm, sanitizerJs]) console.log(`| ${a.file.replace(/-[0-9a-f]{12,16}/, '-<hash>')} | ${kb(a.raw)} | ${kb(a.gzip)} | ${kb(a.brotli)} |`);
console.log(`| sample bundle.json (${sample.posts.length} posts) | ${kb(statSync(join(DIST, 'bundle.json')).size)} | | ${kb(bundleBr)} |`);
console.log(`\nViewer code for a list page (wasm + JS + CSS + HTML), brotli: ${kb(wasm.brotli + js.brotli + css.brotli + html.brotli)}; with the sanitiser module, for an article: ${kb(wasm.brotli + js.brotli + css.brotli + html.brotli + sanitizerWasm.brotli + sanitizerJs.brotli)}\n`);
console.log(`| page (${runs} fresh loads) | median | min | max | requests | bytes on the wire (uncompressed server) |\n|---|---|---|---|---|---|`);
for (const [name, r] of Object.entries(results)) {
  console.log(`| ${name} | ${r.median.toFixed(0)} ms | ${r.min.toFixed(0)} ms | ${r.max.toFixed(0)} ms | ${r.requests} | ${kb(r.bytes)} |`);
}
const dompurifyVersion = JSON.parse(readFileSync(join(dirname(DOMPURIFY), '..', 'package.json'), 'utf8')).version;
console.log(`\n| sanitiser, one large article | Folio, first run (MB/s) | Folio, second article (MB/s) | DOMPurify ${dompurifyVersion}, same page (MB/s) | warm Folio ÷ DOMPurify |\n|---|---|---|---|---|`);
for (const [name, t] of Object.entries(throughput)) {
  const [cold, warm, d] = [median(t.cold), median(t.warm), median(t.dompurify)];
  console.log(`| ${name} (${(t.bytes / 1e6).toFixed(1)} MB) | ${cold.toFixed(1)} | ${warm.toFixed(1)} | ${d.toFixed(1)} | ${(warm / d).toFixed(1)}× |`);
}
