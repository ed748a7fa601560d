// Every route of the viewer against the sample archive (static/bundle.json,
// served from dist/): lists, articles, taxonomy pages, the tag filter, the
// archive, not-found pages, titles, focus and history.
//
// Expected lists and counts are computed here from the bundle itself, with
// the rules of crates/core (newest first by instant, ties by id; years and
// months in each post's own offset), never hard-coded.
//
// With FOLIO_LAYOUT=chunked, FOLIO_DIST is a folder holding the viewer and
// `folio build samples/site --chunked --page-size 20` (scripts/test.sh makes
// it): the same posts and pages, fetched chunk by chunk. The tests of the
// bundles generated in memory below are single-file by nature and skip.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, problems, useViewer, waitForHeading } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';
import {
  expectFocusOnHeading, expectPage, expectUrl, hashOf, listedTitles,
} from '../support/pages.mjs';
import {
  categories, inArchiveOrder, PAGE_SIZE, pageOf, post, POSTS, readingMinutes, ROOT, SEED_ID, seg, SITE, TAG_COUNTS,
  tags, termCounts, titles, ym, yearsAndMonths, zhDate, zhDateTime,
} from '../support/sample.mjs';

const CHUNKED = process.env.FOLIO_LAYOUT === 'chunked';
const SINGLE_ONLY = { skip: CHUNKED && 'a single-file bundle generated in memory' };

// A generated bundle for what the sample lacks: filtered lists longer than a
// page, names full of URL delimiters, dates next to a month boundary in
// different offsets, and names made only of dots. Served beside dist/.
const AWKWARD = ['C#', 'C++', '100%', 'a,b', 'c&d=e', 'a?b', 'x/y', 'naïve café', 'emoji 🎉', 'a ~ b'];
const DOTS = ['..', '.'];
function generatedBundle() {
  const posts = [];
  for (let i = 0; i < 45; i += 1) {
    posts.push({
      id: `bulk-${String(i).padStart(2, '0')}`,
      title: `Bulk post ${i}`,
      date: new Date(Date.UTC(2019, 0, 1 + i * 3, 4)).toISOString().replace('.000Z', 'Z'),
      categories: ['bulk'],
      tags: i % 2 === 0 ? ['many', 'also'] : ['many'],
      content_html: `<p>Bulk post number ${i}.</p>`,
    });
  }
  AWKWARD.forEach((name, i) => posts.push({
    id: `awkward-${i}`, title: `Awkward name ${name}`, date: `2018-03-${String(i + 1).padStart(2, '0')}T10:00:00+08:00`,
    categories: [name], tags: [name, 'awkward'], content_html: `<p>Named ${name}.</p>`,
  }));
  // Local dates on either side of New Year, in opposite orders by instant.
  posts.push({ id: 'west-new-year-eve', title: 'New Year\'s Eve in New York', date: '2017-12-31T23:30:00-05:00', content_html: '<p>x</p>' });
  posts.push({ id: 'east-new-year', title: 'New Year in Shanghai', date: '2018-01-01T00:30:00+08:00', content_html: '<p>x</p>' });
  // "." and ".." are dot-segments that URL parsing removes: no route can
  // address them, so the reader drops such names and skips such ids.
  DOTS.forEach((name, i) => posts.push({
    id: `dots-${i}`, title: `Post tagged ${name}`, date: '2016-05-05T10:00:00+08:00', tags: [name, 'dotty'], categories: [name],
    content_html: '<p>dots</p>',
  }));
  posts.push({ id: '..', title: 'Post whose id is ..', date: '2016-05-06T10:00:00+08:00', content_html: '<p>dots</p>' });
  return { format: 'folio-bundle', version: '1.0', site: { title: 'Generated archive', lang: 'zh-CN' }, posts };
}
const GEN = generatedBundle();
const GEN_POSTS = inArchiveOrder(GEN.posts.filter((p) => !/^\.+$/.test(p.id)));

const viewer = useViewer();
const { newPage } = viewer;
let genServer;
let genDir;

before(async () => {
  genDir = mkdtempSync(join(tmpdir(), 'folio-routes-'));
  writeFileSync(join(genDir, 'bundle.json'), JSON.stringify(GEN));
  genServer = await serveStatic({ '/': DIST, '/gen/': genDir });
});
after(async () => {
  await genServer?.close();
  if (genDir) rmSync(genDir, { recursive: true, force: true });
});

function assertNoProblems(page) {
  // A chunked archive learns that a post or tag does not exist from a 404 on
  // its file, which Chromium logs; nothing else may fail.
  const chunk404 = (p) => CHUNKED && /status of 404 .*\/bundle\/(posts|lists)\//.test(p);
  assert.deepEqual(problems(page).filter((p) => !chunk404(p)), [], 'console errors, uncaught exceptions or dialogs');
}

async function open(page, hash = '#/') {
  await page.goto(`${viewer.server.origin}/${hash}`);
  await waitForHeading(page);
}

// ---------------------------------------------------------------------------

test('dist serves the sample bundle the expectations are computed from', () => {
  if (CHUNKED) {
    const manifest = JSON.parse(readFileSync(join(DIST, 'bundle.json'), 'utf8'));
    assert.equal(manifest.layout, 'chunked');
    assert.equal(manifest.posts, POSTS.length);
    assert.equal(manifest.page_size, PAGE_SIZE, 'build the chunked sample with --page-size 20');
  } else {
    assert.equal(readFileSync(join(DIST, 'bundle.json'), 'utf8'), readFileSync(join(ROOT, 'static', 'bundle.json'), 'utf8'),
      'dist/bundle.json differs from static/bundle.json: rebuild dist');
  }
  assert.ok(POSTS.length > PAGE_SIZE, 'the sample needs more than one page of posts');
});

test('home lists the newest posts first and paginates', async () => {
  const page = await newPage();
  await open(page, '#/');
  await expectPage(page, '最新文章', SITE);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  const pageCount = Math.ceil(POSTS.length / PAGE_SIZE);

  // Landmarks.
  await page.getByRole('banner').getByRole('link', { name: SITE, exact: true }).waitFor();
  for (const name of ['分类', '标签', '归档']) {
    assert.equal(await page.getByRole('navigation', { name, exact: true }).count(), 1, `nav ${name}`);
  }
  assert.match(await page.getByRole('contentinfo').innerText(), new RegExp(`${POSTS.length} 篇文章`));
  assert.equal(await page.getByRole('status').count(), 0, 'the sample has no skipped posts, so no notice');

  // Page 1: the newest PAGE_SIZE posts, with their dates.
  assert.deepEqual(await listedTitles(page), titles(POSTS.slice(0, PAGE_SIZE)));
  assert.match(await page.getByRole('main').innerText(), new RegExp(`${POSTS.length} 篇文章 · ${pageOf(1, pageCount)}`));
  const firstCard = page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('link', { name: POSTS[0].title, exact: true }) });
  assert.equal(await firstCard.locator('time').innerText(), zhDate(POSTS[0]));
  assert.equal(await firstCard.locator('time').getAttribute('datetime'), POSTS[0].date.replace(/Z$/, '+00:00'));

  // Page 2 through its number link.
  const pager = page.getByRole('navigation', { name: '分页', exact: true });
  assert.equal(await pager.getByRole('link', { name: pageOf(1, pageCount), exact: true }).getAttribute('aria-current'), 'page');
  await pager.getByRole('link', { name: pageOf(2, pageCount), exact: true }).click();
  await page.waitForURL(/#\/\?page=2$/);
  await expectPage(page, '最新文章', `最新文章 (${pageOf(2, pageCount)}) · ${SITE}`);
  await expectFocusOnHeading(page);
  assert.deepEqual(await listedTitles(page), titles(POSTS.slice(PAGE_SIZE, 2 * PAGE_SIZE)));
  assert.equal(await pager.getByRole('link', { name: pageOf(2, pageCount), exact: true }).getAttribute('aria-current'), 'page');

  // And back with "previous page".
  await pager.getByRole('link', { name: /上一页/ }).click();
  await page.waitForURL(/#\/$/);
  await expectPage(page, '最新文章', SITE);
  assert.deepEqual(await listedTitles(page), titles(POSTS.slice(0, PAGE_SIZE)));
  // "Next page" goes to 2 as well.
  await pager.getByRole('link', { name: /下一页/ }).click();
  await page.waitForURL(/#\/\?page=2$/);
  assert.deepEqual(await listedTitles(page), titles(POSTS.slice(PAGE_SIZE, 2 * PAGE_SIZE)));

  // A page past the end says so and links to page 1.
  await page.goto(`${viewer.server.origin}/#/?page=${pageCount + 1}`);
  await expectPage(page, '最新文章', SITE);
  await page.getByText('此列表没有这一页。').waitFor();
  assert.deepEqual(await listedTitles(page), []);
  await page.getByRole('main').getByRole('link', { name: pageOf(1, pageCount), exact: true }).click();
  await page.waitForURL(/#\/$/);
  assert.deepEqual(await listedTitles(page), titles(POSTS.slice(0, PAGE_SIZE)));
  assertNoProblems(page);
});

test('an article opened from the list shows its metadata and links to its neighbours', async () => {
  const page = await newPage();
  await open(page, '#/');
  const seed = post(SEED_ID);
  const index = POSTS.indexOf(seed);
  assert.ok(index > 0 && index < PAGE_SIZE - 1, 'the seed post is on page 1 with neighbours on both sides');
  const older = POSTS[index + 1];
  const newer = POSTS[index - 1];

  await page.getByRole('main').getByRole('link', { name: seed.title, exact: true }).click();
  await page.waitForURL(new RegExp(`#/post/${SEED_ID}$`));
  await expectPage(page, seed.title, `${seed.title} · ${SITE}`);
  await expectFocusOnHeading(page);

  const article = page.getByRole('article');
  assert.equal(await article.locator('time').innerText(), zhDateTime(seed));
  assert.equal(zhDate(seed), '2022年1月12日');
  assert.equal(await article.getByText(/^阅读约 \d+ 分钟$/).innerText(), `阅读约 ${readingMinutes(seed)} 分钟`);
  for (const c of categories(seed)) {
    assert.equal(await article.getByRole('link', { name: c, exact: true }).getAttribute('href'), `#/category/${seg(c)}`);
  }
  for (const t of tags(seed)) {
    assert.equal(await article.getByRole('link', { name: t, exact: true }).getAttribute('href'), `#/tag/${seg(t)}`);
  }
  // The body is there, sanitised: the seed's source line keeps its class.
  assert.match(await article.innerText(), /文章来源：华夏时报/);

  const source = page.getByRole('link', { name: /原文链接/ });
  assert.equal(await source.getAttribute('href'), seed.source_url);
  assert.equal(await source.getAttribute('target'), '_blank');
  assert.match(await source.getAttribute('rel'), /\bnoopener\b/);

  const more = page.getByRole('navigation', { name: '更多文章', exact: true });
  const olderLink = more.getByRole('link', { name: `上一篇 ${older.title}`, exact: true });
  const newerLink = more.getByRole('link', { name: `下一篇 ${newer.title}`, exact: true });
  assert.equal(await olderLink.getAttribute('href'), `#/post/${seg(older.id)}`);
  assert.equal(await newerLink.getAttribute('href'), `#/post/${seg(newer.id)}`);

  await olderLink.click();
  await expectPage(page, older.title, `${older.title} · ${SITE}`);
  await expectFocusOnHeading(page);
  assert.equal(hashOf(page), `#/post/${older.id}`);
  await more.getByRole('link', { name: `下一篇 ${seed.title}`, exact: true }).click();
  await expectPage(page, seed.title, `${seed.title} · ${SITE}`);
  await newerLink.click();
  await expectPage(page, newer.title, `${newer.title} · ${SITE}`);
  assert.equal(hashOf(page), `#/post/${newer.id}`);
  assertNoProblems(page);
});

test('reading time, dates and authors match the bundle on every article', async () => {
  const page = await newPage();
  await open(page, `#/post/${POSTS[0].id}`);
  for (const p of POSTS) {
    await page.evaluate((h) => { location.hash = h; }, `#/post/${p.id}`);
    await expectPage(page, p.title, `${p.title} · ${SITE}`);
    const article = page.getByRole('article');
    // The reading time is the body's: it shows once the sanitiser has run.
    await article.locator('header .reading-time').waitFor();
    const meta = await article.locator('header p').first().innerText();
    assert.ok(meta.startsWith(zhDateTime(p)), `${p.id}: date "${meta}"`);
    assert.ok(meta.includes(`阅读约 ${readingMinutes(p)} 分钟`), `${p.id}: reading time in "${meta}"`);
    if (p.author) assert.ok(meta.includes(`作者 ${p.author}`), `${p.id}: author in "${meta}"`);
    assert.equal(await article.getAttribute('lang'), p.lang ?? null, `${p.id}: article lang`);
  }
  // The newest has no newer post, the oldest no older one.
  const more = page.getByRole('navigation', { name: '更多文章', exact: true });
  assert.equal(await more.getByRole('link', { name: /^上一篇/ }).count(), 0, 'the oldest post has no older link');
  assert.equal(await more.getByRole('link', { name: /^下一篇/ }).count(), 1);
  await page.evaluate((h) => { location.hash = h; }, `#/post/${POSTS[0].id}`);
  await expectPage(page, POSTS[0].title, `${POSTS[0].title} · ${SITE}`);
  assert.equal(await more.getByRole('link', { name: /^下一篇/ }).count(), 0, 'the newest post has no newer link');
  assert.equal(await more.getByRole('link', { name: /^上一篇/ }).count(), 1);
  assertNoProblems(page);
});

test('a deep link to an article survives a reload, without moving focus on first load', async () => {
  const page = await newPage();
  const seed = post(SEED_ID);
  await open(page, `#/post/${SEED_ID}`);
  await expectPage(page, seed.title, `${seed.title} · ${SITE}`);
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'main-heading', 'first load keeps focus at the top');
  await page.reload();
  await waitForHeading(page);
  await expectPage(page, seed.title, `${seed.title} · ${SITE}`);
  assert.equal(hashOf(page), `#/post/${SEED_ID}`);
  assert.equal(await page.getByRole('article').locator('time').innerText(), zhDateTime(seed));
  assertNoProblems(page);
});

test('back and forward restore the previous pages', async () => {
  const page = await newPage();
  const seed = post(SEED_ID);
  const tag = tags(seed)[0];
  await open(page, '#/');
  await page.getByRole('main').getByRole('link', { name: seed.title, exact: true }).click();
  await expectPage(page, seed.title, `${seed.title} · ${SITE}`);
  await page.getByRole('article').getByRole('link', { name: tag, exact: true }).click();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);

  await page.goBack();
  await expectPage(page, seed.title, `${seed.title} · ${SITE}`);
  await expectFocusOnHeading(page);
  await page.goBack();
  await expectPage(page, '最新文章', SITE);
  assert.deepEqual(await listedTitles(page), titles(POSTS.slice(0, PAGE_SIZE)));
  await page.goForward();
  await expectPage(page, seed.title, `${seed.title} · ${SITE}`);
  await page.goForward();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
  await expectFocusOnHeading(page);
  assertNoProblems(page);
});

test('a category page lists its posts', async () => {
  const page = await newPage();
  for (const name of new Set(['huaxiashibao', ...POSTS.flatMap(categories)])) {
    const expected = POSTS.filter((p) => categories(p).includes(name));
    await page.goto(`${viewer.server.origin}/#/category/${seg(name)}`);
    await expectPage(page, `分类：${name}`, `分类：${name} · ${SITE}`);
    assert.deepEqual(await listedTitles(page), titles(expected.slice(0, PAGE_SIZE)), `category ${name}`);
    assert.match(await page.getByRole('main').innerText(), new RegExp(`${expected.length} 篇文章`));
    const navLink = page.getByRole('navigation', { name: '分类', exact: true }).getByRole('link', { name: `${name} ${expected.length}`, exact: true });
    assert.equal(await navLink.getAttribute('aria-current'), 'page', `sidebar marks category ${name} as current`);
  }
  // Reached from a card's category link, with focus on the heading.
  await open(page, '#/');
  const seed = post(SEED_ID);
  const card = page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('link', { name: seed.title, exact: true }) });
  await card.getByRole('link', { name: categories(seed)[0], exact: true }).click();
  await expectPage(page, `分类：${categories(seed)[0]}`, `分类：${categories(seed)[0]} · ${SITE}`);
  await expectFocusOnHeading(page);
  assertNoProblems(page);
});

test('a Unicode tag page works from its percent-encoded URL and from the article link', async () => {
  const page = await newPage();
  const tag = '华夏时报新闻';
  const expected = POSTS.filter((p) => tags(p).includes(tag));
  assert.ok(expected.length > 0);
  await open(page, `#/tag/${encodeURIComponent(tag)}`);
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
  assert.deepEqual(await listedTitles(page), titles(expected));
  assert.match(await page.getByRole('main').innerText(), new RegExp(`${expected.length} 篇文章`));

  await page.getByRole('main').getByRole('link', { name: expected[0].title, exact: true }).click();
  await expectPage(page, expected[0].title, `${expected[0].title} · ${SITE}`);
  await page.getByRole('article').getByRole('link', { name: tag, exact: true }).click();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
  await expectFocusOnHeading(page);
  assert.equal(hashOf(page), `#/tag/${tag}`);
  assert.deepEqual(await listedTitles(page), titles(expected));
  assertNoProblems(page);
});

test('tags with spaces, brackets and slashes round-trip through the URL', async () => {
  const page = await newPage();
  await open(page, '#/');
  const awkward = [...TAG_COUNTS.keys()].filter((t) => /[\s()/]/.test(t));
  assert.ok(awkward.includes('SF (软件基础)'));
  for (const tag of awkward) {
    const expected = POSTS.filter((p) => tags(p).includes(tag));
    // Through the sidebar link.
    await page.getByRole('navigation', { name: '标签', exact: true }).getByRole('link', { name: `${tag} ${expected.length}`, exact: true }).click();
    await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
    await expectFocusOnHeading(page);
    assert.deepEqual(await listedTitles(page), titles(expected), `tag ${tag}`);
    // Through a URL typed with encodeURIComponent (brackets left as they are).
    await page.goto(`${viewer.server.origin}/#/tag/${encodeURIComponent(tag)}`);
    await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE}`);
    assert.deepEqual(await listedTitles(page), titles(expected), `tag ${tag} from a typed URL`);
  }
  assertNoProblems(page);
});

test('an unknown tag shows an empty state with a way home', async () => {
  const page = await newPage();
  await open(page, '#/tag/no-such-tag');
  await expectPage(page, '标签：no-such-tag', `标签：no-such-tag · ${SITE}`);
  await page.getByText('没有标记为“no-such-tag”的文章。').waitFor();
  assert.deepEqual(await listedTitles(page), []);
  await page.getByRole('main').getByRole('link', { name: '返回最新文章', exact: true }).click();
  await expectPage(page, '最新文章', SITE);
  await expectFocusOnHeading(page);
  assertNoProblems(page);
});

test('the multi-tag filter combines tags with AND and OR, and the form drives the URL', async () => {
  const page = await newPage();
  const checkbox = (t) => page.getByRole('checkbox', { name: `${t} ${TAG_COUNTS.get(t)}`, exact: true });
  const allOf = (names) => POSTS.filter((p) => names.every((n) => tags(p).includes(n)));
  const anyOf = (names) => POSTS.filter((p) => names.some((n) => tags(p).includes(n)));
  const expectList = async (expected, what) => {
    assert.ok(expected.length > 0, `${what} selects something in the sample`);
    // The count changes with the filter: wait for this one before reading the list.
    await page.getByRole('main').getByText(new RegExp(`^${expected.length} 篇文章`)).waitFor({ timeout: 3_000 }).catch(async () => {
      assert.fail(`${what}: ${expected.length} posts expected, the page says ${await page.locator('.list-count').allInnerTexts()}`);
    });
    assert.deepEqual(await listedTitles(page), titles(expected.slice(0, PAGE_SIZE)), what);
    assert.match(await page.getByRole('main').innerText(), new RegExp(`${expected.length} 篇文章`), what);
  };

  // AND.
  await open(page, `#/tags?all=Web,${encodeURIComponent('知乎')}`);
  const both = allOf(['Web', '知乎']);
  assert.ok(both.length < anyOf(['Web', '知乎']).length, 'AND and OR differ on this pair');
  await expectPage(page, '标签：Web + 知乎', `标签：Web + 知乎 · ${SITE}`);
  await expectList(both, 'all=Web,知乎');
  assert.equal(await checkbox('Web').isChecked(), true);
  assert.equal(await checkbox('知乎').isChecked(), true);
  assert.equal(await checkbox('CSS').isChecked(), false);
  assert.equal(await page.getByRole('radio', { name: '包含所有所选标签的文章', exact: true }).isChecked(), true);

  // OR.
  await page.goto(`${viewer.server.origin}/#/tags?any=Web,${encodeURIComponent('知乎')}`);
  await expectPage(page, '标签：Web | 知乎', `标签：Web | 知乎 · ${SITE}`);
  await expectList(anyOf(['Web', '知乎']), 'any=Web,知乎');
  assert.equal(await page.getByRole('radio', { name: '包含任一所选标签的文章', exact: true }).isChecked(), true);

  // Toggling checkboxes and the mode rewrites the URL, and the list follows.
  await page.goto(`${viewer.server.origin}/#/tags?all=Web,${encodeURIComponent('知乎')}`);
  await expectPage(page, '标签：Web + 知乎', `标签：Web + 知乎 · ${SITE}`);
  await checkbox('CSS').check();
  await page.waitForURL((u) => decodeURIComponent(u.hash) === '#/tags?all=Web,知乎,CSS');
  await expectPage(page, '标签：Web + 知乎 + CSS', `标签：Web + 知乎 + CSS · ${SITE}`);
  await expectList(allOf(['Web', '知乎', 'CSS']), 'all=Web,知乎,CSS');
  await checkbox('知乎').uncheck();
  await page.waitForURL((u) => decodeURIComponent(u.hash) === '#/tags?all=Web,CSS');
  await expectList(allOf(['Web', 'CSS']), 'all=Web,CSS');
  await page.getByRole('radio', { name: '包含任一所选标签的文章', exact: true }).check();
  await page.waitForURL((u) => decodeURIComponent(u.hash) === '#/tags?any=Web,CSS');
  await expectPage(page, '标签：Web | CSS', `标签：Web | CSS · ${SITE}`);
  await expectList(anyOf(['Web', 'CSS']), 'any=Web,CSS');

  // Back to the prompt, then a tag with brackets from an empty filter.
  await page.getByRole('link', { name: '清除筛选', exact: true }).click();
  await expectPage(page, '按标签筛选', `按标签筛选 · ${SITE}`);
  assert.deepEqual(await listedTitles(page), []);
  await checkbox('SF (软件基础)').check();
  await page.waitForURL((u) => decodeURIComponent(u.hash) === '#/tags?all=SF (软件基础)');
  await expectList(allOf(['SF (软件基础)']), 'all=SF (软件基础)');
  assertNoProblems(page);
});

test('the archive index, a year and a month show the right counts', async () => {
  const page = await newPage();
  const years = yearsAndMonths();
  await open(page, '#/');
  await page.getByRole('navigation', { name: '归档', exact: true }).getByRole('link', { name: '归档', exact: true }).click();
  await expectPage(page, '归档', `归档 · ${SITE}`);
  await expectFocusOnHeading(page);
  const main = page.getByRole('main');
  assert.deepEqual(await main.getByRole('heading', { level: 2 }).allInnerTexts(), years.map((y) => `${y.year}年 ${y.count}`));
  for (const y of years) {
    for (const [m, count] of y.months) {
      const link = main.getByRole('link', { name: `${y.year}年${m}月`, exact: true });
      assert.equal(await link.getAttribute('href'), `#/archive/${y.year}/${m}`);
      const item = main.getByRole('listitem').filter({ has: page.getByRole('link', { name: `${y.year}年${m}月`, exact: true }) }).last();
      assert.equal((await item.innerText()).replace(/\s+/g, ' ').trim(), `${y.year}年${m}月 ${count}`);
    }
  }
  // The sidebar agrees.
  const nav = page.getByRole('navigation', { name: '归档', exact: true });
  for (const y of years) await nav.getByRole('link', { name: `${y.year}年 ${y.count}`, exact: true }).waitFor({ timeout: 1_000 });

  // The year with most months, reached from the index.
  const year = [...years].sort((a, b) => b.months.length - a.months.length || b.count - a.count)[0];
  await main.getByRole('link', { name: `${year.year}年`, exact: true }).click();
  await expectPage(page, `${year.year}年`, `${year.year}年 · ${SITE}`);
  await expectFocusOnHeading(page);
  const inYear = POSTS.filter((p) => ym(p)[0] === year.year);
  assert.equal(inYear.length, year.count);
  assert.deepEqual(await listedTitles(page), titles(inYear.slice(0, PAGE_SIZE)));
  assert.match(await main.innerText(), new RegExp(`${inYear.length} 篇文章`));
  const monthNav = page.getByRole('navigation', { name: `${year.year}年`, exact: true });
  for (const [m] of year.months) await monthNav.getByRole('link', { name: `${m}月`, exact: true }).waitFor({ timeout: 1_000 });

  // Its busiest month, from the year's month links.
  const [month, monthCount] = [...year.months].sort((a, b) => b[1] - a[1])[0];
  await monthNav.getByRole('link', { name: `${month}月`, exact: true }).click();
  await expectPage(page, `${year.year}年${month}月`, `${year.year}年${month}月 · ${SITE}`);
  await expectFocusOnHeading(page);
  const inMonth = POSTS.filter((p) => ym(p)[0] === year.year && ym(p)[1] === month);
  assert.equal(inMonth.length, monthCount);
  assert.deepEqual(await listedTitles(page), titles(inMonth));
  assert.match(await main.innerText(), new RegExp(`${inMonth.length} 篇文章`));

  // Every month page by URL, including a post whose own offset is far from UTC.
  for (const y of years) {
    for (const [m, count] of y.months) {
      await page.goto(`${viewer.server.origin}/#/archive/${y.year}/${m}`);
      await expectPage(page, `${y.year}年${m}月`, `${y.year}年${m}月 · ${SITE}`);
      assert.equal((await listedTitles(page)).length, count, `${y.year}-${m}`);
    }
  }
  assertNoProblems(page);
});

test('unknown routes, posts and months show a not-found page', async () => {
  const page = await newPage();
  const cases = [
    ['#/nope/x', '页面不存在', '此地址没有对应的页面。'],
    ['#/post/does-not-exist', '文章不存在', '此归档中没有这个编号的文章，它可能已被改名或删除。'],
    ['#/archive/2022/13', '页面不存在', '此地址没有对应的页面。'],
    ['#/archive/2022/0', '页面不存在', '此地址没有对应的页面。'],
    ['#/archive/not-a-year', '页面不存在', '此地址没有对应的页面。'],
  ];
  for (const [hash, heading, body] of cases) {
    await page.goto(`${viewer.server.origin}/${hash}`);
    await waitForHeading(page);
    await expectPage(page, heading, `${heading} · ${SITE}`);
    await page.getByText(body, { exact: true }).waitFor({ timeout: 2_000 });
    assert.deepEqual(await listedTitles(page), [], hash);
    await page.getByRole('main').getByRole('link', { name: '返回最新文章', exact: true }).waitFor({ timeout: 1_000 });
  }
  // Reached in-app, the not-found page takes focus too.
  await page.evaluate(() => { location.hash = '#/still/nothing'; });
  await expectPage(page, '页面不存在', `页面不存在 · ${SITE}`);
  await expectFocusOnHeading(page);
  await page.getByRole('main').getByRole('link', { name: '返回最新文章', exact: true }).click();
  await expectPage(page, '最新文章', SITE);
  assertNoProblems(page);
});

test('the page names an icon that exists, so the browser does not ask for a missing /favicon.ico', async () => {
  const page = await newPage();
  await open(page, '#/');
  const icon = await page.evaluate(async () => {
    const link = document.querySelector('link[rel~="icon"]');
    if (!link) return { href: null };
    const response = await fetch(link.href);
    return { href: link.href, status: response.status };
  });
  assert.ok(icon.href, 'index.html has no <link rel="icon">, so browsers request /favicon.ico, which does not exist (a 404 in the console)');
  assert.equal(icon.status, 200, `the icon ${icon.href} does not load`);
  assertNoProblems(page);
});

// ---------------------------------------------------------------------------
// The generated bundle.

const genUrl = (hash) => `${genServer.origin}/?bundle=gen/bundle.json${hash}`;
const GEN_SITE = GEN.site.title;

test('filtered lists paginate, and their page links keep the filter', SINGLE_ONLY, async () => {
  const page = await newPage();
  const cases = [
    ['#/tag/many', '标签：many', (p) => tags(p).includes('many')],
    ['#/category/bulk', '分类：bulk', (p) => categories(p).includes('bulk')],
    ['#/tags?all=many,also', '标签：many + also', (p) => tags(p).includes('many') && tags(p).includes('also')],
    ['#/tags?any=also,awkward', '标签：also | awkward', (p) => tags(p).includes('also') || tags(p).includes('awkward')],
  ];
  for (const [hash, heading, keep] of cases) {
    const expected = GEN_POSTS.filter(keep);
    const count = Math.ceil(expected.length / PAGE_SIZE);
    assert.ok(count >= 2, `${hash} needs several pages`);
    await page.goto(genUrl(hash));
    await expectPage(page, heading, `${heading} · ${GEN_SITE}`);
    assert.deepEqual(await listedTitles(page), titles(expected.slice(0, PAGE_SIZE)), hash);
    const pager = page.getByRole('navigation', { name: '分页', exact: true });
    for (let n = 2; n <= count; n += 1) {
      await pager.getByRole('link', { name: /下一页/ }).click();
      const sep = hash.includes('?') ? '&' : '?';
      await expectUrl(page, (u) => decodeURIComponent(u.hash) === `${hash}${sep}page=${n}`, `${hash}${sep}page=${n}: the next-page link keeps the filter`);
      await expectPage(page, heading, `${heading} (${pageOf(n, count)}) · ${GEN_SITE}`);
      await expectFocusOnHeading(page);
      assert.deepEqual(await listedTitles(page), titles(expected.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE)), `${hash} page ${n}`);
      assert.equal(await pager.getByRole('link', { name: pageOf(n, count), exact: true }).getAttribute('aria-current'), 'page');
    }
    assert.equal(await pager.getByRole('link', { name: /下一页/ }).count(), 0, 'no next page on the last page');
    if (hash.startsWith('#/tags')) {
      for (const t of new URLSearchParams(hash.split('?')[1]).values().next().value.split(',')) {
        const n = GEN_POSTS.filter((p) => tags(p).includes(t)).length;
        assert.equal(await page.getByRole('checkbox', { name: `${t} ${n}`, exact: true }).isChecked(), true, `${t} stays checked on later pages`);
      }
    }
  }
  assertNoProblems(page);
});

test('names with URL delimiters and non-ASCII text round-trip through tag, category and filter URLs', SINGLE_ONLY, async () => {
  const page = await newPage();
  await page.goto(genUrl('#/'));
  await expectPage(page, '最新文章', GEN_SITE);
  const counts = termCounts(GEN_POSTS.flatMap(tags));
  for (const name of AWKWARD) {
    const expected = GEN_POSTS.filter((p) => tags(p).includes(name));
    // The sidebar link.
    await page.getByRole('navigation', { name: '标签', exact: true }).getByRole('link', { name: `${name} ${counts.get(name)}`, exact: true }).click();
    await expectPage(page, `标签：${name}`, `标签：${name} · ${GEN_SITE}`);
    assert.deepEqual(await listedTitles(page), titles(expected), `tag ${name}`);
    // The category link on the article.
    await page.getByRole('main').getByRole('link', { name: expected[0].title, exact: true }).click();
    await expectPage(page, expected[0].title, `${expected[0].title} · ${GEN_SITE}`);
    await page.getByRole('article').getByRole('link', { name, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^(分类|标签)：`) }).waitFor();
    const h1 = await page.locator('h1').innerText();
    assert.ok(h1 === `分类：${name}` || h1 === `标签：${name}`, `article term link for ${name} leads to ${h1}`);
    assert.deepEqual(await listedTitles(page), titles(expected), `term page ${name}`);
    // The filter form, checked by a click, in AND mode with another tag.
    await page.evaluate(() => { location.hash = '#/tags?all=awkward'; });
    await expectPage(page, '标签：awkward', `标签：awkward · ${GEN_SITE}`);
    await page.getByRole('checkbox', { name: `${name} ${counts.get(name)}`, exact: true }).check();
    await expectUrl(page, (u) => decodeURIComponent(u.hash) === `#/tags?all=awkward,${name}`, `#/tags?all=awkward,${name}`);
    await expectPage(page, `标签：awkward + ${name}`, `标签：awkward + ${name} · ${GEN_SITE}`);
    assert.deepEqual(await listedTitles(page), titles(expected), `filter awkward + ${name}`);
    assert.equal(await page.getByRole('checkbox', { name: `${name} ${counts.get(name)}`, exact: true }).isChecked(), true);
    // And a reload keeps it (for a few of them: reloads are slow).
    if (!['C#', '100%', 'a,b'].includes(name)) continue;
    await page.reload();
    await expectPage(page, `标签：awkward + ${name}`, `标签：awkward + ${name} · ${GEN_SITE}`);
    assert.deepEqual(await listedTitles(page), titles(expected), `filter awkward + ${name} after reload`);
  }
  assertNoProblems(page);
});

test('posts are dated and filed by their own calendar, whatever the offset', SINGLE_ONLY, async () => {
  const page = await newPage();
  const west = GEN_POSTS.find((p) => p.id === 'west-new-year-eve');
  const east = GEN_POSTS.find((p) => p.id === 'east-new-year');
  assert.ok(Date.parse(west.date) > Date.parse(east.date), 'the New York post is the later instant');
  await page.goto(genUrl('#/archive/2017/12'));
  await expectPage(page, '2017年12月', `2017年12月 · ${GEN_SITE}`);
  assert.deepEqual(await listedTitles(page), [west.title]);
  assert.equal(await page.getByRole('main').locator('time').innerText(), '2017年12月31日');
  await page.evaluate(() => { location.hash = '#/archive/2018/1'; });
  await expectPage(page, '2018年1月', `2018年1月 · ${GEN_SITE}`);
  assert.deepEqual(await listedTitles(page), [east.title]);
  assert.equal(await page.getByRole('main').locator('time').innerText(), '2018年1月1日');
  await page.getByRole('main').getByRole('link', { name: east.title, exact: true }).click();
  await expectPage(page, east.title, `${east.title} · ${GEN_SITE}`);
  assert.equal(await page.getByRole('article').locator('time').innerText(), '2018年1月1日 00:30');
  // Newest first by instant: New York's eve is newer than Shanghai's New Year.
  await page.getByRole('navigation', { name: '更多文章', exact: true }).getByRole('link', { name: `下一篇 ${west.title}`, exact: true }).click();
  await expectPage(page, west.title, `${west.title} · ${GEN_SITE}`);
  assert.equal(await page.getByRole('article').locator('time').innerText(), '2017年12月31日 23:30');
  assertNoProblems(page);
});

test('ids and names made only of dots, which no URL can address, are skipped or dropped with notice', SINGLE_ONLY, async () => {
  const page = await newPage();
  await page.goto(genUrl('#/'));
  await expectPage(page, '最新文章', GEN_SITE);
  const notice = page.getByRole('status');
  assert.match(await notice.innerText(), /此归档中有 1 篇文章无法显示/);
  await notice.getByText('详情').click();
  assert.match(await notice.innerText(), /\(\.\.\): id is made only of dots/);
  assert.equal(await page.getByRole('navigation', { name: '标签', exact: true }).getByRole('link', { name: /^\.+ \d+$/ }).count(), 0);
  assert.equal(await page.getByRole('navigation', { name: '分类', exact: true }).getByRole('link', { name: /^\.+ \d+$/ }).count(), 0);
  for (const [i] of DOTS.entries()) {
    await page.goto(genUrl(`#/post/dots-${i}`));
    await expectPage(page, `Post tagged ${DOTS[i]}`, `Post tagged ${DOTS[i]} · ${GEN_SITE}`);
    const tagLinks = await page.getByRole('article').getByRole('link').allInnerTexts();
    assert.ok(tagLinks.includes('dotty'), `the post keeps its other tags: ${tagLinks}`);
    assert.ok(!tagLinks.some((t) => /^\.+$/.test(t)), `no dot-only tag or category link: ${tagLinks}`);
  }
  assert.deepEqual(page.problems, []);
});
