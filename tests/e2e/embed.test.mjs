// Embed mode across origins: the viewer on 127.0.0.1, host pages on
// localhost (another origin) that use dist/embed.js, and a third origin that
// tries to talk to the embedded viewer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, problems, useViewer } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';

// The sample's posts; dist/ serves them as static/bundle.json, or chunked
// (FOLIO_LAYOUT=chunked, see routes.test.mjs).
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = JSON.parse(readFileSync(join(ROOT, 'static', 'bundle.json'), 'utf8'));
const SEED = BUNDLE.posts.find((p) => p.id === '000_dacaaeb1a3c7b9ba');
const TAG = '华夏时报新闻';

const viewer = useViewer();
const { newPage } = viewer;

/**
 * Serves a page as the index of a fresh host origin (`host` is 'localhost'
 * unless given). `html` is the page, or a function of the host's origin.
 */
async function hostPage(html, host = 'localhost') {
  const dir = mkdtempSync(join(tmpdir(), 'folio-host-'));
  const server = await serveStatic({ '/': dir }, { host });
  writeFileSync(join(dir, 'index.html'), typeof html === 'function' ? html(server.origin) : html);
  viewer.cleanup(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}

const RECORDER = `<script>window.__messages = [];
addEventListener('message', (e) => __messages.push({ origin: e.origin, data: e.data }));</script>`;

function embedPage(divs) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title></head>
<body><h1>Host page</h1>${RECORDER}${divs}
<p id="after">Text after the embeds</p>
<script src="${viewer.server.origin}/embed.js" async></script></body></html>`;
}

/** The embedded viewer's frame whose URL contains `fragment`, once it shows an h1. */
async function viewerFrame(page, fragment) {
  await page.waitForFunction((f) => [...document.querySelectorAll('iframe')].some((i) => i.src.includes(f)), fragment);
  const handle = await page.waitForSelector(`iframe[src*="${fragment}"]`);
  const frame = await handle.contentFrame();
  await frame.waitForSelector('h1', { timeout: 15_000 });
  return { handle, frame };
}

/** The loader's height limit (static/embed.js). */
const MAX_HEIGHT = 6000;

/**
 * Waits until the iframe element is as tall as the document inside it
 * (within 4 px), or at the loader's limit when the content is taller.
 */
async function heightsAgree(page, handle, frame) {
  let outer = 0;
  let inner = 0;
  for (let i = 0; i < 50; i += 1) {
    outer = (await handle.boundingBox()).height;
    inner = await frame.evaluate(() => document.body.getBoundingClientRect().height);
    if (Math.abs(outer - Math.min(inner, MAX_HEIGHT)) <= 4) return { outer, inner };
    await page.waitForTimeout(100);
  }
  assert.fail(`iframe is ${outer}px tall, its content ${inner}px`);
}

test('embed.js stays small and is plain JavaScript', () => {
  const size = statSync(join(DIST, 'embed.js')).size;
  assert.ok(size < 3 * 1024, `embed.js is ${size} bytes`);
  assert.doesNotMatch(readFileSync(join(DIST, 'embed.js'), 'utf8'), /\.wasm|import\s/);
});

test('an article and a tag list embedded on another origin render without site chrome', async () => {
  const host = await hostPage(embedPage(`
    <div data-folio-src="${viewer.server.origin}/#/post/${SEED.id}" data-folio-title="Folio article"></div>
    <div data-folio-src="${viewer.server.origin}/#/tag/${encodeURIComponent(TAG)}" data-folio-title="Folio tag list" data-folio-limit="3"></div>`));
  assert.notEqual(new URL(host.origin).origin, viewer.server.origin);
  const page = await newPage();
  await page.goto(host.origin);
  const article = await viewerFrame(page, '/post/');
  assert.equal(await article.frame.locator('h1').innerText(), SEED.title);
  assert.equal(await article.handle.getAttribute('title'), 'Folio article');
  assert.equal(await article.handle.getAttribute('loading'), 'lazy');
  assert.match(await article.handle.getAttribute('sandbox'), /allow-scripts/);
  assert.doesNotMatch(await article.handle.getAttribute('sandbox'), /allow-top-navigation/);
  // Chromeless: no site header, no sidebar navigation, but a way to the full archive.
  assert.equal(await article.frame.getByRole('banner').count(), 0);
  assert.equal(await article.frame.getByRole('navigation', { name: '标签', exact: true }).count(), 0);
  const full = article.frame.getByRole('link', { name: /打开完整归档/ });
  assert.equal(await full.getAttribute('target'), '_blank');
  const fullUrl = new URL(await full.getAttribute('href'));
  assert.equal(fullUrl.searchParams.get('embed'), null);
  assert.equal(fullUrl.hash, `#/post/${SEED.id}`);

  const list = await viewerFrame(page, '/tag/');
  const tagged = BUNDLE.posts.filter((p) => p.tags.includes(TAG));
  assert.equal(await list.frame.getByRole('main').getByRole('listitem').count(), Math.min(3, tagged.length));
  assert.equal(await list.frame.getByRole('navigation', { name: '分页' }).count(), 0, 'embedded lists have no pager');
  assert.deepEqual(problems(page), []);
});

test('the frame height follows its content, also after moving to a longer post', async () => {
  const short = [...BUNDLE.posts].sort((a, b) => a.content_html.length - b.content_html.length)[0];
  const long = [...BUNDLE.posts].sort((a, b) => b.content_html.length - a.content_html.length)[0];
  const host = await hostPage(embedPage(`<div data-folio-src="${viewer.server.origin}/#/post/${short.id}"></div>`));
  const page = await newPage();
  await page.goto(host.origin);
  const { handle, frame } = await viewerFrame(page, '/post/');
  const first = await heightsAgree(page, handle, frame);
  // Navigate inside the frame, the way a reader would: through the URL the frame's own links use.
  await frame.evaluate((id) => { location.hash = `#/post/${id}`; }, long.id);
  await frame.waitForFunction((t) => document.querySelector('h1')?.innerText === t, long.title);
  const second = await heightsAgree(page, handle, frame);
  assert.ok(second.outer > first.outer + 200, `a longer post makes a taller frame: ${first.outer} → ${second.outer}`);
  assert.ok(second.outer <= MAX_HEIGHT, 'the loader clamps the height');
  const resizes = await page.evaluate(() => __messages.filter((m) => m.data?.type === 'folio:resize'));
  assert.ok(resizes.length >= 2, 'resize messages arrived');
  for (const m of resizes) {
    assert.equal(m.origin, viewer.server.origin);
    assert.deepEqual(Object.keys(m.data).sort(), ['height', 'type', 'version']);
    assert.equal(m.data.version, 1);
  }
  assert.deepEqual(problems(page), []);
});

test('resize messages go only to a declared, matching parent origin', async () => {
  const article = (param) => `${viewer.server.origin}/?embed=1${param}#/post/${SEED.id}`;
  const host = await hostPage((origin) => `<!doctype html><meta charset="utf-8"><title>Host</title>${RECORDER}
    <iframe id="right" src="${article(`&parent_origin=${encodeURIComponent(origin)}`)}"></iframe>
    <iframe id="wrong" src="${article('&parent_origin=http%3A%2F%2Fevil.example')}"></iframe>
    <iframe id="none" src="${article('')}"></iframe>`);
  const page = await newPage();
  await page.goto(host.origin);
  for (const id of ['right', 'wrong', 'none']) {
    await (await (await page.$(`#${id}`)).contentFrame()).waitForSelector('h1', { timeout: 15_000 });
  }
  // Reflow every frame (a wider frame rewraps its text) and count who reports.
  const counts = await page.evaluate(() => new Promise((resolve) => {
    const ids = ['right', 'wrong', 'none'];
    const counts = Object.fromEntries(ids.map((id) => [id, 0]));
    addEventListener('message', (e) => {
      const id = ids.find((i) => document.getElementById(i).contentWindow === e.source);
      if (id && e.data?.type === 'folio:resize') counts[id] += 1;
    });
    for (const id of ids) document.getElementById(id).style.width = '420px';
    setTimeout(() => resolve(counts), 1000);
  }));
  assert.ok(counts.right >= 1, `the declared parent hears resizes: ${JSON.stringify(counts)}`);
  assert.equal(counts.wrong, 0, 'a parent_origin that is not the parent gets nothing');
  assert.equal(counts.none, 0, 'without parent_origin nothing is sent');
  const origins = await page.evaluate(() => [...new Set(__messages.map((m) => m.origin))]);
  assert.deepEqual(origins, [viewer.server.origin], 'every message the host got came from the viewer');
});

test('commands from a third origin or of a malformed shape change nothing; a valid one navigates', async () => {
  const third = await hostPage(`<!doctype html><meta charset="utf-8"><title>Third</title><script>
    // A valid command, sent to every frame of the host page, from the wrong origin.
    const command = { type: 'folio:navigate', version: 1, view: 'tag', name: '${TAG}' };
    addEventListener('message', (e) => {
      if (e.data !== 'go') return;
      for (let i = 0; i < parent.frames.length; i += 1) parent.frames[i].postMessage(command, '*');
      parent.postMessage('third origin sent', '*');
    });
  </script>`, '127.0.0.1');
  const host = await hostPage(embedPage(`<div data-folio-src="${viewer.server.origin}/#/post/${SEED.id}"></div>
    <iframe id="third" src="${third.origin}/"></iframe>`));
  const page = await newPage();
  await page.goto(host.origin);
  const { frame } = await viewerFrame(page, '/post/');
  const before = frame.url();
  // Only now that the viewer listens: the third origin sends its command.
  await page.evaluate(() => document.getElementById('third').contentWindow.postMessage('go', '*'));
  await page.waitForFunction(() => __messages.some((m) => m.data === 'third origin sent'), null, { timeout: 5_000 });
  // Malformed commands, from the declared parent itself:
  await page.evaluate(() => {
    const el = document.querySelector('iframe[src*="/post/"]');
    const target = el.contentWindow;
    const origin = new URL(el.src).origin;
    for (const bad of [
      { type: 'folio:navigate', version: 1, view: 'post', id: '../../etc/passwd' },
      { type: 'folio:navigate', version: 2, view: 'latest' },
      { type: 'folio:navigate', version: 1, view: 'url', name: 'https://evil.example/' },
      { type: 'folio:navigate', version: 1, view: 'latest', html: '<img src=x onerror="window.__pwned=1">' },
      { type: 'folio:theme', version: 1, theme: 'url(javascript:alert(1))' },
      '<img src=x onerror="window.__pwned=1">',
      null,
      42,
    ]) target.postMessage(bad, origin);
  });
  await page.waitForTimeout(500);
  assert.equal(frame.url(), before, 'nothing navigated the frame');
  assert.equal(await frame.locator('h1').innerText(), SEED.title);
  assert.equal(await frame.evaluate(() => document.documentElement.getAttribute('data-theme')), null);
  assert.equal(await frame.evaluate(() => window.__pwned), undefined);
  // The same channel works for a valid command from the declared parent.
  await page.evaluate(() => {
    const el = document.querySelector('iframe[src*="/post/"]');
    el.contentWindow.postMessage({ type: 'folio:theme', version: 1, theme: 'dark' }, new URL(el.src).origin);
    el.contentWindow.postMessage({ type: 'folio:navigate', version: 1, view: 'latest' }, new URL(el.src).origin);
  });
  await frame.waitForFunction(() => location.hash === '#/');
  assert.equal(await frame.evaluate(() => document.documentElement.getAttribute('data-theme')), 'dark');
  assert.deepEqual(problems(page), []);
});

test('links inside the frame never navigate the host page', async () => {
  const host = await hostPage(embedPage(`<div data-folio-src="${viewer.server.origin}/#/" data-folio-limit="4"></div>`));
  const page = await newPage();
  await page.goto(host.origin);
  const { handle, frame } = await viewerFrame(page, '#/');
  const hostUrl = page.url();
  const first = BUNDLE.posts[0];
  await frame.getByRole('link', { name: first.title, exact: true }).click();
  await frame.waitForFunction((t) => document.querySelector('h1')?.innerText === t, first.title);
  assert.equal(page.url(), hostUrl, 'the host page stayed where it was');
  // External links and the "open full" link open new tabs, never the host's tab.
  const targets = await frame.evaluate(() => [...document.querySelectorAll('a[href^="http"]')].map((a) => a.target));
  assert.ok(targets.length > 0 && targets.every((t) => t === '_blank'), `external links: ${targets}`);
  // The host resizes the frame to the article a moment after it shows; the
  // click waits for that, so that it is aimed where the link stays. (This
  // click once found no popup in CI, on the chunked sample; 5 runs of 5
  // passed here with and without the wait, so the cause is a guess.)
  await heightsAgree(page, handle, frame);
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    frame.getByRole('link', { name: /打开完整归档/ }).click(),
  ]);
  await popup.waitForLoadState();
  assert.ok(popup.url().startsWith(viewer.server.origin) && !popup.url().includes('embed=1'), popup.url());
  assert.equal(new URL(popup.url()).hash, `#/post/${first.id}`, 'the full archive opens on the page the frame shows');
  assert.equal(page.url(), hostUrl);
  assert.deepEqual(problems(page), []);
});

test('theme and lang options, and the #/embed/ route form', async () => {
  const page = await newPage({ colorScheme: 'light' });
  await page.goto(`${viewer.server.origin}/?theme=dark&lang=en#/embed/post/${SEED.id}`);
  await page.waitForSelector('h1');
  assert.equal(new URL(page.url()).searchParams.get('embed'), '1', '#/embed/… becomes ?embed=1');
  assert.equal(new URL(page.url()).hash, `#/post/${SEED.id}`);
  assert.equal(await page.getByRole('banner').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-theme')), 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `dark background despite a light system: ${background}`);
  await page.getByRole('link', { name: /Open the full archive/ }).waitFor();
  assert.deepEqual(problems(page), []);
});

test('the "embed this page" snippet, pasted into another site, embeds that page', async () => {
  const page = await newPage();
  await page.goto(`${viewer.server.origin}/#/tag/${encodeURIComponent(TAG)}`);
  await page.getByRole('heading', { level: 1, name: `标签：${TAG}` }).waitFor();
  await page.getByText('嵌入此页面').click();
  const snippet = await page.locator('.embed-snippet code').innerText();
  assert.match(snippet, new RegExp(`data-folio-src="${viewer.server.origin}/#/tag/`));
  assert.match(snippet, new RegExp(`<script src="${viewer.server.origin}/embed.js" async></script>`));
  const host = await hostPage(`<!doctype html><meta charset="utf-8"><title>Pasted</title>${snippet}`);
  const guest = await newPage();
  await guest.goto(host.origin);
  const { frame } = await viewerFrame(guest, '/tag/');
  assert.equal(await frame.locator('h1').innerText(), `标签：${TAG}`);
  assert.deepEqual(problems(page), []);
  assert.deepEqual(problems(guest), []);
});
