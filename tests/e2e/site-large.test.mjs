// The 10,000-post synthetic archive as a static site, with the sitemap's
// per-file limit lowered from the protocol's 50,000 URLs to 4,000 (the
// hidden --sitemap-limit flag), so that the split into a sitemap index and
// its files happens here: the index names every file, each file holds at
// most the limit, together they list every page of the archive once with a
// lastmod, and every URL answers 200 from the static server. Parsed with
// the browser's XML parser.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useViewer } from '../support/browser.mjs';
import { ROOT } from '../support/sample.mjs';
import { PUBLIC_ORIGIN, buildSite, local, removeSite, serveSite, waitForApp } from '../support/site.mjs';

const LIMIT = 4_000;
const PREFIX = '/';
const INPUT = join(ROOT, 'target', 'e2e-chunked', 'synth10k-site');
const viewer = useViewer();
let dir;
let server;

before(async () => {
  if (!existsSync(INPUT)) {
    execFileSync('cargo', ['run', '--quiet', '-p', 'folio-synth', '--', INPUT, '--count', '10000'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  dir = buildSite(INPUT, { prefix: PREFIX, args: ['--sitemap-limit', String(LIMIT)] });
  server = await serveSite(dir, PREFIX);
}, { timeout: 600_000 });

after(async () => {
  await server?.close();
  removeSite(dir);
});

/** The XML files' `loc` and `lastmod` values, parsed by DOMParser. */
async function parse(page, path) {
  const text = await (await fetch(`${server.origin}/${path}`)).text();
  return page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const ns = 'http://www.sitemaps.org/schemas/sitemap/0.9';
    const entries = (name) => [...doc.getElementsByTagNameNS(ns, name)].map((el) => ({
      loc: el.getElementsByTagNameNS(ns, 'loc')[0]?.textContent,
      lastmod: el.getElementsByTagNameNS(ns, 'lastmod')[0]?.textContent,
    }));
    return { root: doc.documentElement.localName, ns: doc.documentElement.namespaceURI, sitemaps: entries('sitemap'), urls: entries('url') };
  }, text);
}

test('the sitemap of 10,000 posts splits into an index of files within the limit, which list every page once', async () => {
  const manifest = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
  assert.equal(manifest.layout, 'pages');
  const months = manifest.years.reduce((n, y) => n + y.months.length, 0);
  const expected = manifest.posts + 1 + manifest.categories.count + manifest.tags.count + manifest.years.length + months + 3;

  const page = await viewer.newPage();
  await page.goto('about:blank');
  const index = await parse(page, 'sitemap.xml');
  assert.equal(index.error, undefined, index.error);
  assert.deepEqual([index.root, index.ns], ['sitemapindex', 'http://www.sitemaps.org/schemas/sitemap/0.9']);
  assert.equal(index.sitemaps.length, Math.ceil(expected / LIMIT), `${expected} URLs in files of ${LIMIT}`);
  const seen = new Set();
  for (const [i, { loc, lastmod }] of index.sitemaps.entries()) {
    assert.equal(loc, `${PUBLIC_ORIGIN}/sitemaps/${i + 1}.xml`);
    assert.match(lastmod, /^\d{4}-\d\d-\d\dT/);
    const file = await parse(page, `sitemaps/${i + 1}.xml`);
    assert.equal(file.error, undefined, file.error);
    assert.equal(file.root, 'urlset');
    assert.ok(file.urls.length > 0 && file.urls.length <= LIMIT, `sitemaps/${i + 1}.xml holds ${file.urls.length} URLs`);
    for (const url of file.urls) {
      assert.match(url.lastmod ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/, `${url.loc} has a lastmod`);
      assert.ok(!seen.has(url.loc), `${url.loc} is listed once`);
      seen.add(url.loc);
    }
  }
  assert.equal(seen.size, expected, 'every page of the archive, posts, lists and indexes');

  // Every URL answers 200 from the static server (a few at a time).
  const urls = [...seen];
  const failed = [];
  for (let i = 0; i < urls.length; i += 32) {
    const statuses = await Promise.all(urls.slice(i, i + 32).map(async (u) => [u, (await fetch(local(server, u), { method: 'HEAD' })).status]));
    failed.push(...statuses.filter(([, status]) => status !== 200));
  }
  assert.deepEqual(failed, [], 'every sitemap URL answers 200');
  assert.equal(readFileSync(join(dir, 'robots.txt'), 'utf8'), `User-agent: *\nAllow: /\n\nSitemap: ${PUBLIC_ORIGIN}/sitemap.xml\n`);
});

test('a static page of the large archive is taken over like any other', async () => {
  const page = await viewer.newPage();
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  const first = page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 }).first();
  const title = await first.innerText();
  await first.getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor({ timeout: 10_000 });
  assert.match(new URL(page.url()).pathname, /^\/post\/[^/]+\/$/);
});
