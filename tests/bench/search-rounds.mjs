// Where a warm search's time goes (issue 11's warm budget): for each query,
// typed one after the other into the box of one page (so the engine is
// loaded), the time from the input event to the answer on screen, and each
// index file the search fetched, with when its request started and its
// response ended, in milliseconds from that input event (the browser's
// Resource Timing). The fetches of one round start together; the gaps
// between rounds are the engine's and the viewer's own time. Last, the
// network's own floor on this machine, without the engine: the same page
// fetching ten records one after another, and ten at once.
//
//   node tests/bench/search-rounds.mjs [--http2] ARCHIVE QUERY...
//
// `--http2` serves the files over HTTP/2, as in tests/bench/search.mjs.
//
// ARCHIVE is a folder `folio build` wrote (bundle.json and search/), served
// beside dist/ (`trunk build --release`, or FOLIO_DIST).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DIST, launchBrowser } from '../support/browser.mjs';
import { timeSearch } from '../support/pages.mjs';
import { serveStatic } from '../support/server.mjs';

const { values, positionals } = parseArgs({ options: { http2: { type: 'boolean', default: false } }, allowPositionals: true });
const [archiveArg, ...queries] = positionals;
if (!archiveArg || queries.length === 0) throw new Error('usage: node tests/bench/search-rounds.mjs [--http2] ARCHIVE QUERY...');
const archive = resolve(archiveArg);
const browser = await launchBrowser();
const server = await serveStatic({ '/': DIST, '/a/': archive }, { http2: values.http2 });
const page = await (await browser.newContext({ ignoreHTTPSErrors: values.http2 })).newPage();
await page.goto(`${server.origin}/?bundle=a/bundle.json#/`);
await page.locator('.post-card').first().waitFor({ timeout: 30_000 });
// Resource Timing keeps 250 entries unless told otherwise.
await page.evaluate(() => performance.setResourceTimingBufferSize(100_000));
await page.focus('#site-search-input');
for (const query of queries) {
  const { start, ms } = await timeSearch(page, query);
  const files = await page.evaluate((start) => performance.getEntriesByType('resource')
    .filter((e) => e.startTime >= start - 1 && e.name.includes('/a/search/'))
    .map((e) => ({ path: e.name.replace(/.*\/a\/search\//, ''), start: Math.round(e.startTime - start), end: Math.round(e.responseEnd - start) })), start);
  console.log(`${query}: on screen after ${ms} ms, ${files.length} files`);
  for (const f of files) console.log(`  ${String(f.start).padStart(4)} → ${String(f.end).padStart(4)} ms  ${f.path}`);
}
// The floor: plain fetches of ten records (new URLs, so that no cache
// answers), one after another and then ten together, five times each.
const floor = await page.evaluate(async () => {
  const url = (i, k) => `a/search/docs/00/${i * 256}.txt?floor=${k}`;
  const fetchOne = async (i, k) => (await fetch(url(i, k))).arrayBuffer();
  const one = [];
  const ten = [];
  for (let k = 0; k < 5; k++) {
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await fetchOne(i, `${k}s`);
      one.push(performance.now() - t);
    }
    const t = performance.now();
    await Promise.all([...Array(10).keys()].map((i) => fetchOne(i, `${k}p`)));
    ten.push(performance.now() - t);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const protocol = performance.getEntriesByType('resource').find((e) => e.name.includes('floor='))?.nextHopProtocol;
  return { protocol, one: median(one), oneMax: Math.max(...one), ten: median(ten), tenMax: Math.max(...ten) };
});
console.log(`network floor (${floor.protocol}): one record ${floor.one.toFixed(1)} ms median (${floor.oneMax.toFixed(1)} max), ten at once ${floor.ten.toFixed(1)} ms median (${floor.tenMax.toFixed(1)} max)`);
await browser.close();
await server.close();
