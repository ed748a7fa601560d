// A chunked archive (docs/bundle-format.md, "Chunked layout") as the browser
// tests and the benchmark see it: its files on disk, and what each navigation
// costs in requests and brotli bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';

/** Brotli size at quality 11, what a CDN serving pre-compressed files sends. */
export function brotliSize(bytes) {
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
}

/** `folio_core::name_key`: FNV-1a 64 over UTF-8, as 16 hex digits. */
export function nameKey(name) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Reads a chunked archive written by `folio build` into `dir`. */
export function openArchive(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
  if (manifest.layout !== 'chunked') throw new Error(`${dir}/bundle.json is not a chunked manifest`);
  const root = join(dir, manifest.chunks);
  const file = (rel) => readFileSync(join(root, rel));
  const json = (rel) => JSON.parse(file(rel).toString('utf8'));
  const listPath = (kind, name, page) => ({
    all: () => `lists/all/${page}.json`,
    category: () => `lists/category/${nameKey(name)}/${page}.json`,
    tag: () => `lists/tag/${nameKey(name)}/${page}.json`,
    month: () => `lists/month/${name}/${page}.json`,
  })[kind]();
  const postPath = (id) => {
    const key = nameKey(id);
    return `posts/${key.slice(0, 2)}/${key}.json`;
  };
  return {
    manifest,
    list: (kind, name, page = 1) => json(listPath(kind, name, page)),
    /** Every entry of a list, in order. */
    wholeList(kind, name) {
      const first = json(listPath(kind, name, 1));
      const entries = [...first.posts];
      for (let p = 2; p <= first.pages; p += 1) entries.push(...json(listPath(kind, name, p)).posts);
      return entries;
    },
    post: (id) => json(postPath(id)),
    postBrotli: (id) => brotliSize(file(postPath(id))),
  };
}

/**
 * Records the files a page fetches under `prefix` (the archive's folder on
 * the server). Each request is intercepted and answered from Node, so it is
 * recorded, body and all, before the page can see its response: once the
 * page shows what a fetch fed, the count is exact, with nothing to wait for.
 * `take()` returns what was fetched since the last call:
 * `{ requests, bytes, raw, paths }`, with `bytes` the brotli size of each body.
 */
export async function recordData(page, prefix) {
  const log = [];
  await page.route((url) => url.pathname.startsWith(prefix), async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    log.push({ path: new URL(route.request().url()).pathname.slice(prefix.length), body });
    await route.fulfill({ response, body });
  });
  return {
    take() {
      // Compressed only now, not while the page was being timed: this
      // machine has two cores.
      const files = log.splice(0).map((e) => ({ path: e.path, bytes: brotliSize(e.body), raw: e.body.length }));
      return {
        requests: files.length,
        bytes: files.reduce((sum, f) => sum + f.bytes, 0),
        raw: files.reduce((sum, f) => sum + f.raw, 0),
        paths: files.map((f) => f.path),
        files,
      };
    },
  };
}

/** Titles listed on the page, once the list (or its empty state) is there. */
export async function listedTitles(page) {
  await page.locator('.post-list, .empty-state').first().waitFor({ timeout: 20_000 });
  return page.locator('.post-list .post-card-title').allInnerTexts();
}

/** The two tags of an AND query: the two most used, the hardest case. */
export function topTwoTags(archive) {
  const [a, b] = archive.manifest.tags.top;
  return [a.name, b.name];
}

/** The ids of posts carrying every tag, computed from the smaller tag's list on disk. */
export function expectedAnd(archive, names) {
  const [smallest] = [...names].sort((a, b) => countOf(archive, a) - countOf(archive, b));
  return archive.wholeList('tag', smallest).filter((e) => names.every((n) => (e.tags ?? []).includes(n)));
}

function countOf(archive, name) {
  return archive.manifest.tags.top.find((t) => t.name === name)?.count ?? archive.list('tag', name).total;
}

/**
 * Runs the benchmark's navigations on the archive served at
 * `${origin}/?bundle=${prefix}bundle.json` and returns one row per
 * navigation: `{ name, requests, bytes, raw, ms }`. `newPage()` gives a fresh
 * page (new context, empty caches) for each first load.
 */
export async function measureNavigations({ newPage, origin, prefix, archive }) {
  const url = (hash) => `${origin}/?bundle=${encodeURIComponent(`${prefix.slice(1)}bundle.json`)}${hash}`;
  const rows = [];
  const timed = async (name, page, data, act, ready) => {
    const start = performance.now();
    await act();
    await ready();
    const ms = performance.now() - start;
    rows.push({ name, ms, ...data.take() });
  };
  // Each navigation is done when its page shows what the files on disk say
  // comes first, so a previous page's list can never pass for the next one.
  const firstTitle = (title) => () => page.waitForFunction(
    (t) => document.querySelector('.post-list .post-card-title')?.textContent === t, title, { timeout: 60_000 });
  const heading = (title) => () => page.waitForFunction(
    (t) => document.querySelector('article.article h1')?.textContent === t, title, { timeout: 60_000 });
  const newest = archive.list('all', null, 1).posts;

  // First loads: home, and an article deep link (a post from the middle of
  // the archive, so nothing about it is special).
  let page = await newPage();
  let data = await recordData(page, prefix);
  await timed('home (first load)', page, data, () => page.goto(url('#/')), firstTitle(newest[0].title));
  const middle = archive.list('all', null, Math.ceil(archive.list('all', null, 1).pages / 2)).posts[0];
  page = await newPage();
  data = await recordData(page, prefix);
  await timed('article deep link (first load)', page, data,
    () => page.goto(url(`#/post/${encodeURIComponent(middle.id)}`)), heading(middle.title));

  // Navigations inside a loaded viewer.
  page = await newPage();
  data = await recordData(page, prefix);
  await page.goto(url('#/'));
  await firstTitle(newest[0].title)();
  data.take();
  await timed('open an article from the list', page, data,
    () => page.locator('.post-list .post-card-title a').first().click(), heading(newest[0].title));
  rows.at(-1).own = archive.postBrotli(newest[0].id);
  const hash = (h) => page.evaluate((h) => { window.location.hash = h; }, h);
  const category = archive.manifest.categories.top[0].name;
  await timed('category page', page, data, () => hash(`#/category/${encodeURIComponent(category)}`),
    firstTitle(archive.list('category', category).posts[0].title));
  const tag = archive.manifest.tags.top[0].name;
  await timed('tag page', page, data, () => hash(`#/tag/${encodeURIComponent(tag)}`),
    firstTitle(archive.list('tag', tag).posts[0].title));
  const { year, months: [[month]] } = archive.manifest.years[0];
  const monthName = `${year}-${String(month).padStart(2, '0')}`;
  await timed('month page', page, data, () => hash(`#/archive/${year}/${month}`),
    firstTitle(archive.list('month', monthName).posts[0].title));
  const pair = topTwoTags(archive);
  const both = expectedAnd(archive, pair);
  await timed('two-tag AND (the two largest tags)', page, data,
    () => hash(`#/tags?all=${pair.map(encodeURIComponent).join(',')}`),
    both.length ? firstTitle(both[0].title) : () => page.locator('.list-page .empty-state').waitFor({ timeout: 60_000 }));
  rows.at(-1).page = (await listedTitles(page)).length;
  return rows;
}

/**
 * The viewer's memory after the same 60 navigations (20 pages of the newest
 * posts, 20 articles, 20 tag pages) on the archive: `{ wasm, js }` in bytes,
 * wasm linear memory and the JS heap after a garbage collection (Chromium
 * needs `--js-flags=--expose-gc` for the latter to be exact).
 */
export async function measureMemory({ newPage, origin, prefix, archive }) {
  const page = await newPage();
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__folioWasm = e.detail.wasm; }));
  const go = async (hash, selector) => {
    await page.evaluate((h) => { window.location.hash = h; }, hash);
    await page.locator(selector).first().waitFor({ timeout: 30_000 });
    await page.locator('.part-loading').waitFor({ state: 'detached', timeout: 30_000 });
  };
  await page.goto(`${origin}/?bundle=${encodeURIComponent(`${prefix.slice(1)}bundle.json`)}#/`);
  await page.locator('.post-list').waitFor({ timeout: 30_000 });
  for (let n = 1; n <= 20; n += 1) await go(`#/?page=${n}`, '.post-list');
  for (const { id } of archive.list('all', null, 1).posts.slice(0, 20)) await go(`#/post/${encodeURIComponent(id)}`, 'article.article');
  for (const { name } of archive.manifest.tags.top.slice(0, 20)) await go(`#/tag/${encodeURIComponent(name)}`, '.post-list');
  return page.evaluate(() => {
    window.gc?.();
    return { wasm: window.__folioWasm?.memory?.buffer.byteLength ?? 0, js: performance.memory?.usedJSHeapSize ?? 0 };
  });
}
