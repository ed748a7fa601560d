// Layout and accessibility of the viewer: narrow screens and narrow
// cross-origin iframes, light and dark colour schemes, keyboard use, language
// attributes, and the progress bar while a large bundle downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, problems, useViewer, waitForHeading } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';
import { expectFocusOnHeading } from '../support/pages.mjs';
import { BUNDLE, POSTS, SITE } from '../support/sample.mjs';
const PHONE = { width: 360, height: 740 };

const viewer = useViewer();
const { newPage } = viewer;

function assertNoProblems(page) {
  assert.deepEqual(problems(page), []);
}

/** The document's horizontal overflow, with the widest offending elements for the message. */
async function overflow(target) {
  return target.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.skip-link'))
      .filter((el) => {
        // Report only elements whose parent does not already overflow, and that are not inside a scroller.
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (/(auto|scroll|hidden)/.test(style.overflowX)) return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits };
  });
}

async function assertNoHorizontalScroll(target, where, width = PHONE.width) {
  const o = await overflow(target);
  assert.equal(o.innerWidth, width, `${where}: viewport width`);
  assert.ok(o.scrollWidth <= width, `${where}: scrollWidth ${o.scrollWidth} > ${width}; overflowing: ${o.culprits.join(', ')}`);
}

/** Relative luminance (WCAG) of a CSS rgb()/rgba() colour. */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// ---------------------------------------------------------------------------

test('a 360px phone screen never scrolls sideways, on the home page or any article', async () => {
  const page = await newPage({ viewport: PHONE });
  await page.goto(`${viewer.server.origin}/#/`);
  await waitForHeading(page, '最新文章');
  await assertNoHorizontalScroll(page, 'home');
  for (const p of POSTS) {
    await page.evaluate((h) => { location.hash = h; }, `#/post/${encodeURIComponent(p.id)}`);
    await waitForHeading(page, p.title);
    await assertNoHorizontalScroll(page, `article ${p.id}`);
  }
  for (const hash of ['#/tags?all=Web', '#/archive', `#/tag/${encodeURIComponent('SF (软件基础)')}`]) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForFunction((h) => location.hash === h && document.getElementById('main-heading'), hash);
    await assertNoHorizontalScroll(page, hash);
  }
  assertNoProblems(page);
});

test('embedded in a 360px iframe on another origin, the viewer renders articles without sideways scrolling', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-embed-'));
  viewer.cleanup(() => rmSync(dir, { recursive: true, force: true }));
  const article = POSTS.find((p) => p.content_html.includes('<pre')) ?? POSTS[0];
  const src = `${viewer.server.origin}/#/post/${encodeURIComponent(article.id)}`;
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Host page</title>
<body style="margin:0"><h1>A page that embeds the archive</h1>
<iframe title="Folio archive" src="${src}" width="360" height="640" style="border:0;display:block"></iframe></body></html>`);
  const host = await serveStatic({ '/': dir }, { host: 'localhost' });
  viewer.cleanup(() => host.close());
  assert.notEqual(new URL(host.origin).origin, new URL(viewer.server.origin).origin, 'the host page is on another origin');

  const page = await newPage({ viewport: { width: 1024, height: 800 } });
  await page.goto(`${host.origin}/`);
  const frame = page.frameLocator('iframe[title="Folio archive"]');
  await frame.getByRole('heading', { level: 1, name: article.title, exact: true }).waitFor({ timeout: 15_000 });
  const inner = page.frames().find((f) => f.url().startsWith(viewer.server.origin));
  assert.ok(inner, 'the viewer frame');
  assert.equal(await inner.evaluate(() => document.title), `${article.title} · ${SITE}`);
  await assertNoHorizontalScroll(inner, `iframe article ${article.id}`);
  // Every other article and the home page, navigating inside the frame.
  for (const p of POSTS) {
    await inner.evaluate((h) => { location.hash = h; }, `#/post/${encodeURIComponent(p.id)}`);
    await frame.getByRole('heading', { level: 1, name: p.title, exact: true }).waitFor();
    await assertNoHorizontalScroll(inner, `iframe article ${p.id}`);
  }
  await frame.getByRole('banner').getByRole('link', { name: SITE, exact: true }).click();
  await frame.getByRole('heading', { level: 1, name: '最新文章', exact: true }).waitFor();
  await assertNoHorizontalScroll(inner, 'iframe home');
  assert.equal(page.url(), `${host.origin}/`, 'the host page did not navigate');
  assertNoProblems(page);
});

test('dark and light colour schemes give dark and light pages', async () => {
  const colours = {};
  for (const colorScheme of ['light', 'dark']) {
    const page = await newPage({ colorScheme });
    await page.goto(`${viewer.server.origin}/#/post/${encodeURIComponent(POSTS[0].id)}`);
    await waitForHeading(page, POSTS[0].title);
    colours[colorScheme] = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      const link = getComputedStyle(document.querySelector('.site-sidebar a, main a'));
      return { background: body.backgroundColor, text: body.color, link: link.color };
    });
    assertNoProblems(page);
  }
  const { light, dark } = colours;
  assert.ok(luminance(light.background) > 0.8, `light background ${light.background}`);
  assert.ok(luminance(light.text) < 0.1, `light text ${light.text}`);
  assert.ok(luminance(dark.background) < 0.05, `dark background ${dark.background}`);
  assert.ok(luminance(dark.text) > 0.5, `dark text ${dark.text}`);
  for (const [scheme, c] of Object.entries(colours)) {
    const [hi, lo] = [luminance(c.background), luminance(c.link)].sort((a, b) => b - a);
    assert.ok((hi + 0.05) / (lo + 0.05) >= 4.5, `${scheme}: link ${c.link} on ${c.background} has a contrast of at least 4.5:1`);
  }
});

test('keyboard: skip link first, Enter focuses the heading, post links show a focus outline', async () => {
  const page = await newPage();
  await page.goto(`${viewer.server.origin}/#/`);
  await waitForHeading(page, '最新文章');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文', exact: true });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the first Tab focuses the skip link');
  const box = await skip.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 800, `the focused skip link is on screen: ${JSON.stringify(box)}`);

  await page.keyboard.press('Enter');
  await expectFocusOnHeading(page);
  assert.ok(new URL(page.url()).hash === '#/', `the route is unchanged: ${page.url()}`);

  let focused = null;
  for (let i = 0; i < 5 && !focused; i += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el?.matches('a[href^="#/post/"]')) return null;
      const s = getComputedStyle(el);
      return { text: el.textContent, outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor };
    });
  }
  assert.ok(focused, 'tabbing from the heading reaches a post link');
  assert.equal(focused.text, POSTS[0].title, 'the first post link after the heading is the newest post');
  assert.notEqual(focused.outlineStyle, 'none', 'the focused link has an outline');
  assert.ok(parseFloat(focused.outlineWidth) >= 2, `outline width ${focused.outlineWidth}`);

  // Enter follows the focused link, and focus lands on the new page's heading.
  await page.keyboard.press('Enter');
  await waitForHeading(page, POSTS[0].title);
  await expectFocusOnHeading(page);
  assertNoProblems(page);
});

test('language attributes: the page is zh-CN and English posts are marked en', async () => {
  const page = await newPage();
  await page.goto(`${viewer.server.origin}/#/`);
  await waitForHeading(page, '最新文章');
  assert.equal(await page.locator('html').getAttribute('lang'), BUNDLE.site.lang);
  const english = POSTS.filter((p) => p.lang === 'en');
  const chinese = POSTS.filter((p) => !p.lang);
  assert.ok(english.length > 0 && chinese.length > 0);
  const card = (p) => page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('link', { name: p.title, exact: true }) });
  for (const p of POSTS.slice(0, 20)) {
    assert.equal(await card(p).getAttribute('lang'), p.lang ?? null, `card of ${p.id}`);
  }
  await card(english[0]).getByRole('link', { name: english[0].title, exact: true }).click();
  await waitForHeading(page, english[0].title);
  assert.equal(await page.getByRole('article').getAttribute('lang'), 'en');
  assert.equal(await page.locator('html').getAttribute('lang'), BUNDLE.site.lang);
  assertNoProblems(page);
});

test('a large bundle shows a progress bar while it downloads, then the archive', async () => {
  // ~20 MB of synthetic posts.
  const dir = mkdtempSync(join(tmpdir(), 'folio-large-'));
  viewer.cleanup(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'big'));
  const paragraph = `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(8)}</p><p>${'这是一段用于测试大型归档载入进度的中文文字。'.repeat(10)}</p>`;
  const posts = [];
  for (let i = 0; i < 4000; i += 1) {
    const day = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    posts.push({
      id: `synthetic-${String(i).padStart(5, '0')}`,
      title: `Synthetic post ${i}`,
      date: `${day}T12:00:00+08:00`,
      categories: [`category-${i % 7}`],
      tags: [`tag-${i % 13}`, `tag-${i % 5}`],
      excerpt: `Synthetic excerpt ${i}`,
      content_html: paragraph.repeat(6),
    });
  }
  const bundle = { format: 'folio-bundle', version: '1.0', site: { title: 'Large archive', lang: 'zh-CN' }, posts };
  const file = join(dir, 'big', 'bundle.json');
  writeFileSync(file, JSON.stringify(bundle));
  const size = statSync(file).size;
  assert.ok(size > 18e6 && size < 30e6, `bundle size ${size}`);
  const host = await serveStatic({ '/': DIST, '/big/': join(dir, 'big') });
  viewer.cleanup(() => host.close());

  const page = await newPage();
  page.setDefaultTimeout(30_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // About 3 s for the bundle.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: Math.round(size / 3), uploadThroughput: 1e6 });

  await page.goto(`${host.origin}/?bundle=big/bundle.json#/`);
  const bar = page.getByRole('progressbar');
  await bar.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, 'no page heading while loading');
  // A determinate bar with the real size once bytes arrive.
  await page.waitForFunction((total) => {
    const p = document.querySelector('progress');
    return p && Number(p.getAttribute('max')) === total && Number(p.getAttribute('value')) > 0;
  }, size, { timeout: 15_000 });
  // Read the message and the bar's label in one go: both change as bytes arrive.
  const { message, label } = await page.evaluate(() => ({
    message: document.querySelector('[role="status"]').innerText,
    label: document.querySelector('progress').getAttribute('aria-label'),
  }));
  assert.match(message, new RegExp(`Loading the archive… \\d+\\.\\d of ${(size / 1_048_576).toFixed(1)} MB`));
  assert.equal(label, message.trim(), 'the bar is labelled with the progress message');
  const firstValue = Number(await bar.getAttribute('value'));
  const grew = await page.waitForFunction((v) => Number(document.querySelector('progress')?.getAttribute('value')) > v, firstValue, { timeout: 10_000 })
    .then(() => true, () => false);
  assert.ok(grew, 'the bar advances as bytes arrive');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, 'still loading');

  await page.getByRole('heading', { level: 1, name: '最新文章' }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('progressbar').count(), 0);
  assert.equal(await page.title(), 'Large archive');
  assert.match(await page.getByRole('main').innerText(), new RegExp(`${posts.length} 篇文章 · 第 1 页，共 ${Math.ceil(posts.length / 20)} 页`));
  const listed = await page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 }).allInnerTexts();
  assert.deepEqual(listed, posts.slice(-20).reverse().map((p) => p.title));
  assertNoProblems(page);
});
