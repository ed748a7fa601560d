// axe-core (npm) finds no violation on any page type: the static pages as
// served (the app kept from starting, so the document is what a reader
// without JavaScript gets; axe itself needs script to run), the same pages
// rendered by the app after a client-side navigation on the static site,
// and the viewer on its own (hash routes); in light and dark, on a 360 px
// phone and on a desktop.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useViewer, waitForHeading } from '../support/browser.mjs';
import { PAGE_SIZE, POSTS, SEED_ID, categories, post, tags, ym } from '../support/sample.mjs';
import { buildSite, categoryPath, postPath, removeSite, serveSite, tagPath, waitForApp } from '../support/site.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PREFIX = '/archive/';
const viewer = useViewer();
let dir;
let server;

before(async () => {
  dir = buildSite('samples/site', { args: ['--page-size', String(PAGE_SIZE)] });
  server = await serveSite(dir, PREFIX);
}, { timeout: 600_000 });

after(async () => {
  await server?.close();
  removeSite(dir);
});

/** Each page type as [name, site path, hash route]. */
function pageTypes() {
  const seed = post(SEED_ID);
  const [y, m] = ym(seed);
  const tag = tags(seed)[0];
  const category = categories(seed)[0];
  const enc = encodeURIComponent;
  const code = POSTS.find((p) => /<pre/.test(p.content_html) && /<img/.test(p.content_html));
  return [
    ['home', '', '#/'],
    ['article', postPath(seed.id), `#/post/${enc(seed.id)}`],
    ['article with code and images', postPath(code.id), `#/post/${enc(code.id)}`],
    ['category', categoryPath(category), `#/category/${enc(category)}`],
    ['tag', tagPath(tag), `#/tag/${enc(tag)}`],
    ['year', `archive/${y}/`, `#/archive/${y}`],
    ['month', `archive/${y}/${String(m).padStart(2, '0')}/`, `#/archive/${y}/${m}`],
    ['tag filter', 'tags/', `#/tags?any=${enc(tag)},Web`],
    ['categories', 'categories/', '#/categories'],
    ['dates', 'archive/', '#/archive'],
    ['not found', 'no/such/page/', '#/no/such/page'],
    // The static search page (the box and the hint), and the results in the viewer.
    ['search', 'search/', '#/search?q=jekyll'],
  ];
}

const MODES = [
  { colorScheme: 'light', viewport: { width: 360, height: 740 } },
  { colorScheme: 'dark', viewport: { width: 360, height: 740 } },
  { colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
];

/** Runs axe on the page (evaluated, so the page's CSP does not apply) and returns its violations. */
async function violations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // Wait for any transition to end, so colours are the final ones.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

for (const variant of ['static page as served', 'static site page rendered by the app', 'the viewer on its own']) {
  test(`axe finds no violation: ${variant}, light and dark, 360 px and desktop`, async () => {
    const found = [];
    for (const mode of MODES) {
      const page = await viewer.newPage(mode);
      if (variant === 'static page as served') await page.route(/\/assets\/folio-boot-[0-9a-f]+\.js$/, (route) => route.abort());
      for (const [name, path, route] of pageTypes()) {
        if (variant === 'the viewer on its own') {
          await page.goto(`${viewer.server.origin}/${route}`);
          await waitForHeading(page);
          await page.locator('.part-loading').waitFor({ state: 'detached' });
        } else if (variant === 'static page as served') {
          await page.goto(`${server.origin}${PREFIX}${path}`);
        } else {
          // From another page, through the app's router, as a click would.
          await page.goto(`${server.origin}${PREFIX}${path === 'categories/' ? 'archive/' : 'categories/'}`);
          await waitForApp(page);
          await page.evaluate((url) => {
            history.pushState(null, '', url);
            dispatchEvent(new PopStateEvent('popstate'));
          }, `${PREFIX}${path}`);
          await waitForHeading(page, name === 'not found' ? '页面不存在' : undefined);
          await page.waitForFunction(() => !document.getElementById('folio-app') && !document.querySelector('.part-loading'));
        }
        for (const v of await violations(page)) found.push(`${name} (${mode.colorScheme}, ${mode.viewport.width} px): ${v}`);
      }
      await page.context().close();
    }
    assert.deepEqual(found, [], 'axe violations');
  });
}
