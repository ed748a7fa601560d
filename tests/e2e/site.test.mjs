// The static site of `folio build samples/site --with-viewer dist`, served
// under /archive/ of a plain static server (no rewrites; a folder's
// index.html, a 301 to add a folder's slash, 404.html for anything missing),
// as a reader and a crawler meet it:
//
// - with JavaScript off, every route family is a complete page whose links
//   lead to other static pages;
// - with it on, the app takes the page over with no layout shift, no second
//   download of the article, focus and scroll kept; then navigates
//   client-side, with back and forward across the boundary;
// - old hash links land on the real URLs; the viewer-only build keeps them;
// - the sitemap, robots.txt and the Atom feeds, read with a real XML parser,
//   list what the archive holds, and every URL in them answers 200;
// - a page rendered by the CLI and the same page rendered by the app agree
//   on the heading, the text, the links and the landmarks.
//
// FOLIO_SITE_LAYOUT=single builds the site with --single (one bundle.json
// beside the pages) and runs the same checks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problems, useViewer, waitForHeading } from '../support/browser.mjs';
import { expectFocusOnHeading, expectPage, listedTitles, waitUntil } from '../support/pages.mjs';
import {
  POSTS, PAGE_SIZE, SEED_ID, SITE, categories, post, tags, titles, ym, yearsAndMonths, zhDateTime,
} from '../support/sample.mjs';
import {
  PUBLIC_ORIGIN, buildSite, categoryPath, layoutShifts, local, postPath, recordLayoutShifts, removeSite,
  segment, serveSite, tagPath, waitForApp,
} from '../support/site.mjs';

const SINGLE = process.env.FOLIO_SITE_LAYOUT === 'single';
const PREFIX = '/archive/';
const viewer = useViewer();
let dir;
let server;
let base;

before(async () => {
  dir = buildSite('samples/site', { args: ['--article-type', 'news', '--page-size', String(PAGE_SIZE), ...(SINGLE ? ['--single'] : [])] });
  server = await serveSite(dir, PREFIX);
  base = `${server.origin}${PREFIX}`;
}, { timeout: 600_000 });

after(async () => {
  await server?.close();
  removeSite(dir);
});

const seed = () => post(SEED_ID);
const CATEGORIES = [...new Set(POSTS.flatMap(categories))];
const TAGS = [...new Set(POSTS.flatMap(tags))];
const MONTHS = yearsAndMonths().flatMap(({ year, months }) => months.map(([month]) => [year, month]));
const pad = (n) => String(n).padStart(2, '0');

/** Every page the site must have, as [path under the root, h1, document title]. */
function pages() {
  return [
    ['', '最新文章', SITE],
    ...POSTS.map((p) => [postPath(p.id), p.title, `${p.title} · ${SITE}`]),
    ...CATEGORIES.map((c) => [categoryPath(c), `分类：${c}`, `分类：${c} · ${SITE}`]),
    ...TAGS.map((t) => [tagPath(t), `标签：${t}`, `标签：${t} · ${SITE}`]),
    ...yearsAndMonths().map(({ year }) => [`archive/${year}/`, `${year}年`, `${year}年 · ${SITE}`]),
    ...MONTHS.map(([y, m]) => [`archive/${y}/${pad(m)}/`, `${y}年${m}月`, `${y}年${m}月 · ${SITE}`]),
    ['tags/', '按标签筛选', `按标签筛选 · ${SITE}`],
    ['categories/', '分类', `分类 · ${SITE}`],
    ['archive/', '归档', `归档 · ${SITE}`],
  ];
}

function assertNoProblems(page) {
  assert.deepEqual(problems(page), [], 'console errors, uncaught exceptions, CSP violations or dialogs');
}

/** Requests the page made for documents (full page loads), as paths. */
function documentLoads(page) {
  const loads = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'document' && r.frame() === page.mainFrame()) loads.push(decodeURI(new URL(r.url()).pathname));
  });
  return loads;
}

/** The links of the page's main region and sidebar, as [text, href attribute]. */
const linksOf = (page, selector = '#main, .site-sidebar, .site-header') => page.evaluate((sel) =>
  [...document.querySelectorAll(sel)].flatMap((region) => [...region.querySelectorAll('a[href]')])
    .filter((a) => !a.closest('.article-body'))
    .map((a) => [a.innerText.replace(/\s+/g, ' ').trim(), a.getAttribute('href')]), selector);

test('the folder is a static site around the viewer', () => {
  const bundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
  assert.equal(bundle.layout ?? 'single', SINGLE ? 'single' : 'pages');
  const headers = readFileSync(join(dir, '_headers'), 'utf8');
  assert.match(headers, /\n\/archive\/assets\/folio-[0-9a-f]+_bg\.wasm\n {2}Cache-Control: public, max-age=31536000, immutable\n {2}Content-Type: application\/wasm\n/);
  assert.match(headers, /\n\/archive\/assets\/folio-sanitizer-[0-9a-f]{16}_bg\.wasm\n {2}Cache-Control: public, max-age=31536000, immutable\n {2}Content-Type: application\/wasm\n/);
  for (const [path] of pages()) assert.ok(readFileSync(join(dir, decodeURIComponent(path), 'index.html')).length > 0, path);
});

test('with JavaScript off, an article is a complete page: heading, date, body, terms, neighbours, source', async () => {
  const page = await viewer.newPage({ javaScriptEnabled: false });
  const p = seed();
  const response = await page.goto(`${base}${postPath(p.id)}`);
  assert.equal(response.status(), 200);
  await expectPage(page, p.title, `${p.title} · ${SITE}`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  const article = page.getByRole('article');
  assert.equal(await article.locator('time').getAttribute('datetime'), p.date, 'the post\'s own offset');
  assert.equal(await article.locator('time').innerText(), zhDateTime(p));
  assert.match(await article.locator('.article-body').innerText(), /2021年是“十四五”开局之年/);
  assert.equal(await article.locator('.article-body p.em_media').innerText(), '（文章来源：华夏时报）');
  const links = Object.fromEntries(await linksOf(page, 'article'));
  assert.equal(links[categories(p)[0]], `../../${categoryPath(categories(p)[0])}`);
  assert.equal(links[tags(p)[0]], `../../${tagPath(tags(p)[0])}`);
  const rank = POSTS.findIndex((q) => q.id === p.id);
  const [newer, older] = [POSTS[rank - 1], POSTS[rank + 1]];
  assert.equal(await page.locator('a[rel="prev"]').getAttribute('href'), `../../${postPath(older.id)}`);
  assert.equal(await page.locator('a[rel="next"]').getAttribute('href'), `../../${postPath(newer.id)}`);
  assert.equal(await page.getByRole('link', { name: /原文链接/ }).getAttribute('href'), p.source_url);

  // What crawlers and link previews read.
  const head = await page.evaluate(() => ({
    canonical: document.querySelector('link[rel=canonical]')?.href,
    description: document.querySelector('meta[name=description]')?.content,
    og: Object.fromEntries([...document.querySelectorAll('meta[property^="og:"]')].map((m) => [m.getAttribute('property'), m.content])),
    twitter: document.querySelector('meta[name="twitter:card"]')?.content,
    feed: document.querySelector('link[rel=alternate][type="application/atom+xml"]')?.href,
    ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)),
  }));
  const url = `${PUBLIC_ORIGIN}${PREFIX}${postPath(p.id)}`;
  assert.equal(head.canonical, url);
  assert.equal(head.description, p.excerpt);
  assert.deepEqual([head.og['og:type'], head.og['og:title'], head.og['og:url'], head.og['og:locale']], ['article', p.title, url, 'zh_CN']);
  assert.equal(head.twitter, 'summary');
  assert.equal(head.feed, `${PUBLIC_ORIGIN}${PREFIX}feed.xml`);
  const [ld, crumbs] = head.ld;
  assert.deepEqual(
    [ld['@type'], ld.headline, ld.datePublished, ld.keywords, ld.url],
    ['NewsArticle', p.title, '2022-01-12T21:11:17+08:00', tags(p), url],
  );
  assert.deepEqual(crumbs.itemListElement.map((c) => c.name), [SITE, categories(p)[0], p.title]);
  assertNoProblems(page);
});

test('with JavaScript off, every route family renders, and every link leads to a static page', async () => {
  const page = await viewer.newPage({ javaScriptEnabled: false });
  for (const [path, heading, title] of pages()) {
    const response = await page.goto(`${base}${path}`);
    assert.equal(response.status(), 200, path);
    await expectPage(page, heading, title);
  }
  // The lists show their posts.
  await page.goto(base);
  assert.deepEqual(await listedTitles(page), titles(POSTS.slice(0, PAGE_SIZE)));
  const tag = tags(seed())[0];
  await page.goto(`${base}${tagPath(tag)}`);
  assert.deepEqual(await listedTitles(page), titles(POSTS.filter((p) => tags(p).includes(tag))));
  const [y, m] = ym(seed());
  await page.goto(`${base}archive/${y}/${pad(m)}/`);
  assert.deepEqual(await listedTitles(page), titles(POSTS.filter((p) => ym(p)[0] === y && ym(p)[1] === m)));

  // Crawl: from the home page, every link to this site is a static page,
  // and every page is reached.
  const seen = new Set();
  const queue = [base];
  let crawled = 0;
  while (queue.length) {
    const url = queue.shift();
    const response = await page.goto(url);
    assert.equal(response.status(), 200, `${url} (linked from the site)`);
    assert.equal(await page.locator('h1').count(), 1, `${url} has its heading`);
    crawled += 1;
    for (const href of await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href))) {
      const target = new URL(href);
      if (target.origin !== server.origin) continue;
      assert.ok(target.pathname.startsWith(PREFIX), `${href} on ${url} stays in the site`);
      assert.ok(!target.hash.startsWith('#/'), `${href} on ${url} is a real URL, not a hash route`);
      target.hash = '';
      // Later pages and tag filters are the app's: without it, the page
      // answers, showing the first page or the filter form.
      if (target.search && !/^\?(page=\d+|all=[^&]+|any=[^&]+)$/.test(target.search)) {
        assert.fail(`${href} on ${url}: a query the static site does not answer`);
      }
      target.search = '';
      if (!seen.has(target.href)) {
        seen.add(target.href);
        queue.push(target.href);
      }
    }
  }
  const expected = pages().map(([path]) => new URL(`${base}${path}`).href);
  for (const url of expected) assert.ok(seen.has(url) || url === base, `${url} is linked from the site`);
  assert.ok(crawled >= expected.length, `crawled ${crawled} pages`);
});

test('a missing page gets 404.html at any depth, which works with and without JavaScript', async () => {
  for (const javaScriptEnabled of [false, true]) {
    const page = await viewer.newPage({ javaScriptEnabled });
    const response = await page.goto(`${base}no/such/page/`);
    assert.equal(response.status(), 404);
    await expectPage(page, '页面不存在', `页面不存在 · ${SITE}`);
    if (javaScriptEnabled) await waitForApp(page);
    await page.getByRole('main').getByRole('link', { name: '返回最新文章', exact: true }).click();
    await expectPage(page, '最新文章', SITE, { timeout: 10_000 });
    assert.equal(new URL(page.url()).pathname, PREFIX);
    // The one expected 404 is the missing page itself.
    assert.deepEqual(problems(page).filter((p) => !p.includes('404')), []);
  }
});

test('the app takes over a static article: no layout shift, no second download, focus and scroll kept', async () => {
  const page = await viewer.newPage({ viewport: { width: 1280, height: 800 } });
  await recordLayoutShifts(page.context());
  // Mark the static page's article and focus a link in it before the app
  // starts: the app is held back until then.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/assets\/folio-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  const loads = documentLoads(page);
  const p = seed();
  const firstRequest = server.requests.length;
  await page.goto(`${base}${postPath(p.id)}`);
  await page.evaluate(() => { document.querySelector('#main article').dataset.testMark = 'static'; });
  const tagLink = page.getByRole('article').getByRole('link', { name: tags(p)[0], exact: true });
  await tagLink.focus();
  await page.evaluate(() => window.scrollTo(0, 300));
  const before = await page.screenshot();
  release();
  await waitForApp(page);
  await page.waitForTimeout(300);
  const after = await page.screenshot();

  assert.deepEqual(await layoutShifts(page), [], 'no layout shift');
  assert.ok(before.equals(after), 'the page looks exactly the same once the app has it');
  assert.equal(await page.locator('#main article').getAttribute('data-test-mark'), 'static', 'the article is the page\'s own, not rendered again');
  assert.equal(await page.evaluate(() => document.activeElement?.innerText), tags(p)[0], 'focus stays on the link');
  assert.equal(await page.evaluate(() => window.scrollY), 300, 'the scroll position is kept');
  assert.equal(await page.locator('#folio-root').count(), 1);
  assert.deepEqual(loads, [`${PREFIX}${decodeURI(postPath(p.id))}`]);
  const requests = server.requests.slice(firstRequest);
  const fetched = requests.filter((r) => r === `${PREFIX}${decodeURIComponent(postPath(p.id))}`);
  assert.equal(fetched.length, 1, 'the article is downloaded once, as the page');
  assert.ok(!requests.some((r) => r.includes('/bundle/posts/')), 'no post file is fetched');

  // The first link the reader follows is the app's; coming back shows the
  // page's own article again, not a download of it.
  await tagLink.click();
  await expectPage(page, `标签：${tags(p)[0]}`, `标签：${tags(p)[0]} · ${SITE}`);
  await expectFocusOnHeading(page);
  await page.goBack();
  await expectPage(page, p.title, `${p.title} · ${SITE}`);
  assert.equal(await page.locator('#main article').getAttribute('data-test-mark'), 'static', 'the page\'s own article, again');
  assert.equal(server.requests.slice(firstRequest).filter((r) => r === `${PREFIX}${decodeURIComponent(postPath(p.id))}`).length, 1);
  assert.deepEqual(loads, [`${PREFIX}${decodeURI(postPath(p.id))}`], 'no page load');
  assertNoProblems(page);
});

test('the tag filter\'s static page becomes the app\'s filter at the first change, focus staying on the box', async () => {
  const page = await viewer.newPage();
  const loads = documentLoads(page);
  await page.goto(`${base}tags/`);
  await waitForApp(page);
  const box = page.getByRole('checkbox', { name: new RegExp(`^Web \\d+$`) });
  await box.check();
  await expectPage(page, '标签：Web', `标签：Web · ${SITE}`);
  assert.equal(new URL(page.url()).search, '?all=Web');
  assert.deepEqual(await listedTitles(page), titles(POSTS.filter((p) => tags(p).includes('Web')).slice(0, PAGE_SIZE)));
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Web ')), true, 'focus stays on the box');
  assert.equal(await page.getByRole('checkbox', { name: new RegExp(`^Web( \\d+)?$`) }).isChecked(), true);
  await page.getByRole('radio', { name: '包含任一所选标签的文章' }).check();
  await page.waitForURL((u) => u.search === '?any=Web');
  assert.equal(loads.length, 1, 'one page load');
  assertNoProblems(page);
});

test('after the takeover, navigation is client-side, focus goes to the heading, and back and forward cross the boundary', async () => {
  const page = await viewer.newPage();
  // Another site first, to go back to.
  const elsewhere = `${viewer.server.origin}/fixtures/empty.json`;
  await page.goto(elsewhere);
  const loads = documentLoads(page);
  const p = seed();
  await page.goto(`${base}${postPath(p.id)}`);
  await waitForApp(page);
  const tag = tags(p)[0];
  await page.getByRole('article').getByRole('link', { name: tag, exact: true }).click();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
  assert.equal(new URL(page.url()).pathname, `${PREFIX}${tagPath(tag)}`);
  await expectFocusOnHeading(page);
  const other = POSTS.find((q) => tags(q).includes(tag) && q.id !== p.id) ?? POSTS.find((q) => q.id !== p.id);
  await page.locator('.site-header a').click();
  await expectPage(page, '最新文章', SITE);
  await page.getByRole('main').getByRole('link', { name: other.title, exact: true }).click();
  await expectPage(page, other.title, `${other.title} · ${SITE}`);
  await expectFocusOnHeading(page);
  assert.ok((await page.locator('.article-body').innerText()).length > 0, 'the app shows the body it sanitised');
  assert.equal(loads.length, 1, `one page load for all of it: ${loads}`);

  await page.goBack();
  await expectPage(page, '最新文章', SITE);
  await page.goBack();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
  await page.goBack();
  await expectPage(page, p.title, `${p.title} · ${SITE}`);
  await page.goBack();
  await page.waitForURL(elsewhere);
  await page.goForward();
  await expectPage(page, p.title, `${p.title} · ${SITE}`, { timeout: 10_000 });
  await waitForApp(page);
  await page.goForward();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
  // A reload of a path URL is the static page of that path.
  await page.reload();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
  await waitForApp(page);
  await page.goBack();
  await expectPage(page, p.title, `${p.title} · ${SITE}`, { timeout: 10_000 });
  assertNoProblems(page);
  const outside = server.requests.filter((r) => !r.startsWith(PREFIX) && r !== '/favicon.ico');
  assert.deepEqual(outside, [], 'every request stays in the subfolder');
});

test('later list pages and tag filters are the app\'s, at the same URLs', async () => {
  const page = await viewer.newPage();
  await page.goto(`${base}?page=2`);
  const pageCount = Math.ceil(POSTS.length / PAGE_SIZE);
  await expectPage(page, '最新文章', `最新文章 (第 2 页，共 ${pageCount} 页) · ${SITE}`, { timeout: 10_000 });
  assert.deepEqual(await listedTitles(page), titles(POSTS.slice(PAGE_SIZE, 2 * PAGE_SIZE)));
  await page.goto(`${base}tags/?any=${encodeURIComponent('Web')},${encodeURIComponent('知乎')}`);
  await expectPage(page, '标签：Web | 知乎', `标签：Web | 知乎 · ${SITE}`, { timeout: 10_000 });
  assert.deepEqual(await listedTitles(page), titles(POSTS.filter((p) => tags(p).includes('Web') || tags(p).includes('知乎')).slice(0, PAGE_SIZE)));
  await page.reload();
  await expectPage(page, '标签：Web | 知乎', `标签：Web | 知乎 · ${SITE}`, { timeout: 10_000 });
  assertNoProblems(page);
});

test('old hash links land on the real URLs; the viewer-only build keeps hash routes', async () => {
  const page = await viewer.newPage();
  const p = seed();
  await page.goto(`${base}#/post/${encodeURIComponent(p.id)}`);
  await expectPage(page, p.title, `${p.title} · ${SITE}`, { timeout: 10_000 });
  await waitUntil(() => new URL(page.url()).pathname === `${PREFIX}${postPath(p.id)}` && !new URL(page.url()).hash,
    () => `the address should become ${PREFIX}${postPath(p.id)}, is ${page.url()}`);
  const tag = tags(p)[0];
  await page.goto(`${base}categories/#/tag/${encodeURIComponent(tag)}`);
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`, { timeout: 10_000 });
  assert.equal(new URL(page.url()).pathname, `${PREFIX}${tagPath(tag)}`);
  await page.goBack();
  await page.waitForURL((u) => !u.href.startsWith(base) || u.pathname !== `${PREFIX}${tagPath(tag)}`);
  assertNoProblems(page);

  // The viewer on its own (trunk build output and a bundle) routes by hash.
  const app = await viewer.newPage();
  await app.goto(`${viewer.server.origin}/#/post/${encodeURIComponent(p.id)}`);
  await waitForHeading(app, p.title);
  assert.equal(new URL(app.url()).pathname, '/');
  assert.equal(await app.getByRole('article').getByRole('link', { name: tag, exact: true }).getAttribute('href'), `#/tag/${segment(tag)}`);
  await app.getByRole('article').getByRole('link', { name: tag, exact: true }).click();
  await waitForHeading(app, `标签：${tag}`);
  assert.equal(decodeURIComponent(new URL(app.url()).hash), `#/tag/${tag}`);
  assertNoProblems(app);
});

// --- what crawlers read beside the pages ------------------------------------

/** Parses XML in the browser (DOMParser): the document's elements as plain data. */
async function parseXml(page, text) {
  return page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const error = doc.querySelector('parsererror');
    if (error) return { error: error.textContent };
    const plain = (el) => ({
      name: el.localName,
      ns: el.namespaceURI,
      attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
      text: el.children.length ? null : el.textContent,
      children: [...el.children].map(plain),
    });
    return { root: plain(doc.documentElement) };
  }, text);
}

const child = (el, name) => el.children.find((c) => c.name === name);
const childrenNamed = (el, name) => el.children.filter((c) => c.name === name);

async function fetchText(path) {
  const response = await fetch(`${base}${path}`);
  assert.equal(response.status, 200, path);
  return response.text();
}

test('the sitemap lists every page with its date, robots.txt names it, and every URL answers 200', async () => {
  const page = await viewer.newPage();
  await page.goto('about:blank');
  const { root, error } = await parseXml(page, await fetchText('sitemap.xml'));
  assert.equal(error, undefined, error);
  assert.equal(root.name, 'urlset');
  assert.equal(root.ns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
  const urls = childrenNamed(root, 'url').map((u) => ({ loc: child(u, 'loc')?.text, lastmod: child(u, 'lastmod')?.text }));
  const expected = pages().map(([path]) => `${PUBLIC_ORIGIN}${PREFIX}${path}`);
  assert.deepEqual(urls.map((u) => u.loc).sort(), [...expected].sort(), 'every page, once');
  for (const { loc, lastmod } of urls) {
    assert.match(lastmod ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/, `${loc} has a lastmod`);
    const response = await fetch(local(server, loc));
    assert.equal(response.status, 200, loc);
  }
  const p = seed();
  assert.equal(urls.find((u) => u.loc.endsWith(postPath(p.id))).lastmod, p.date);
  assert.equal(await fetchText('robots.txt'), `User-agent: *\nAllow: /\n\nSitemap: ${PUBLIC_ORIGIN}${PREFIX}sitemap.xml\n`);
});

/** Checks one Atom feed and returns its entries' titles. */
async function checkFeed(page, path, { title, alternate }) {
  const { root, error } = await parseXml(page, await fetchText(path));
  assert.equal(error, undefined, `${path}: ${error}`);
  assert.equal(root.name, 'feed');
  assert.equal(root.ns, 'http://www.w3.org/2005/Atom');
  // RFC 4287: a feed has an id, a title and updated; an author (or every
  // entry has one); a self link is recommended.
  for (const name of ['id', 'title', 'updated', 'author']) assert.ok(child(root, name), `${path}: feed/${name}`);
  assert.equal(child(root, 'title').text, title);
  assert.ok(childrenNamed(root, 'link').some((l) => l.attrs.rel === 'self' && l.attrs.href === `${PUBLIC_ORIGIN}${PREFIX}${path}`), `${path}: self link`);
  assert.ok(childrenNamed(root, 'link').some((l) => l.attrs.rel === 'alternate' && l.attrs.href === `${PUBLIC_ORIGIN}${PREFIX}${alternate}`), `${path}: alternate link`);
  const entries = childrenNamed(root, 'entry');
  const ids = new Set();
  for (const entry of entries) {
    for (const name of ['id', 'title', 'updated', 'published', 'content']) assert.ok(child(entry, name), `${path}: entry/${name}`);
    ids.add(child(entry, 'id').text);
    const link = childrenNamed(entry, 'link').find((l) => l.attrs.rel === 'alternate');
    assert.ok(link, `${path}: entry link`);
    assert.equal((await fetch(local(server, link.attrs.href))).status, 200, link.attrs.href);
    const content = child(entry, 'content');
    assert.equal(content.attrs.type, 'html');
    assert.ok(content.text.length > 0 && !/<script|javascript:|<[^>]*\son[a-z]+\s*=/i.test(content.text), `${path}: full, sanitised content`);
  }
  assert.equal(ids.size, entries.length, `${path}: entry ids are unique`);
  assert.ok(child(root, 'updated').text >= entries.map((e) => child(e, 'updated').text).sort().at(-1));
  return entries.map((e) => child(e, 'title').text);
}

test('feed.xml and each category\'s feed are Atom with the newest posts in full', async () => {
  const page = await viewer.newPage();
  await page.goto('about:blank');
  assert.deepEqual(await checkFeed(page, 'feed.xml', { title: SITE, alternate: '' }), titles(POSTS.slice(0, 50)));
  for (const name of CATEGORIES) {
    const path = `${categoryPath(name)}feed.xml`;
    const listed = await checkFeed(page, path, { title: `分类：${name} · ${SITE}`, alternate: categoryPath(name) });
    assert.deepEqual(listed, titles(POSTS.filter((p) => categories(p).includes(name)).slice(0, 50)), path);
  }
  // Each page names the feeds a reader can subscribe to.
  const article = await fetchText(postPath(SEED_ID));
  assert.ok(article.includes(`<link rel="alternate" type="application/atom+xml" title="${SITE}" href="${PUBLIC_ORIGIN}${PREFIX}feed.xml">`));
});

// --- one renderer -----------------------------------------------------------

/**
 * What a page shows, in a form both renderers must agree on: the heading,
 * the main region's text, the links of the header, main region and sidebar
 * with their targets as locations, and the landmarks with their names.
 */
async function shown(page) {
  return page.evaluate((siteRoot) => {
    // A link's target as a location: `#/tag/x` (hash routes), `../../tag/x/`
    // and `/archive/tag/x/` (site paths) all become `tag/x`.
    const decode = (s) => decodeURIComponent(s);
    const target = (a) => {
      const href = a.getAttribute('href');
      let path;
      if (href.startsWith('#/')) path = href.slice(2).split('?')[0].split('/').filter(Boolean).map(decode);
      else if (a.href.startsWith(siteRoot)) path = a.href.slice(siteRoot.length).split(/[?#]/)[0].split('/').filter(Boolean).map((s) => decode(decode(s)));
      else return a.href;
      // archive/2022/01 and archive/2022/1 are the same month.
      if (path[0] === 'archive' && path.length === 3) path[2] = String(Number(path[2]));
      return path.join('/');
    };
    const links = [...document.querySelectorAll('.site-header a[href], #main a[href], .site-sidebar a[href]')]
      .filter((a) => !a.closest('.article-body'))
      .map((a) => [a.innerText.replace(/\s+/g, ' ').trim(), target(a)]);
    const landmarks = [...document.querySelectorAll('header, main, nav, aside, footer, article, [role]')]
      .filter((el) => !el.closest('.article-body'))
      .map((el) => `${el.localName}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}${el.getAttribute('aria-label') ? ` "${el.getAttribute('aria-label')}"` : ''}`);
    return {
      heading: document.querySelector('h1')?.innerText,
      text: document.querySelector('#main').innerText.replace(/\s+/g, ' ').trim(),
      links,
      landmarks,
    };
  }, base);
}

test('a page rendered by the CLI and the same page rendered by the app agree', async () => {
  // Each page as the CLI wrote it (JavaScript off), and as the app renders
  // it after a client-side navigation from another page of the same site.
  const p = seed();
  const tag = tags(p)[0];
  const [year] = ym(p);
  const cases = [
    [postPath(p.id), tagPath(tag), (page) => page.getByRole('main').getByRole('link', { name: p.title, exact: true })],
    ['', postPath(p.id), (page) => page.locator('.site-header a')],
    [tagPath(tag), postPath(p.id), (page) => page.getByRole('article').getByRole('link', { name: tag, exact: true })],
    [`archive/${year}/`, '', (page) => page.getByRole('navigation', { name: '归档' }).getByRole('link', { name: new RegExp(`^${year}年`) })],
    ['tags/', '', (page) => page.getByRole('link', { name: '按标签筛选', exact: true })],
    ['categories/', '', (page) => page.getByRole('navigation', { name: '分类' }).getByRole('link', { name: '分类', exact: true })],
  ];
  for (const [path, from, link] of cases) {
    const staticPage = await viewer.newPage({ javaScriptEnabled: false });
    await staticPage.goto(`${base}${path}`);
    const app = await viewer.newPage();
    await app.goto(`${base}${from}`);
    await waitForApp(app);
    await link(app).click();
    await app.waitForURL(`${base}${path}`);
    await waitForHeading(app, await staticPage.locator('h1').innerText());
    await app.locator('.part-loading').waitFor({ state: 'detached' });
    const [a, b] = [await shown(staticPage), await shown(app)];
    assert.equal(a.heading, b.heading, `${path}: heading`);
    assert.equal(a.text, b.text, `${path}: text`);
    assert.deepEqual(a.links, b.links, `${path}: links`);
    assert.deepEqual(a.landmarks, b.landmarks, `${path}: landmarks`);
    assertNoProblems(app);
  }
});
