// A 10,000-post synthetic archive in the chunked layout (built by
// scripts/test.sh with `folio synth` and `folio build`), served beside the
// viewer: the byte and request budgets of issue 5, correct lists and
// articles, combined tags, and what happens when a chunk fails or carries
// hostile HTML.
//
// Bytes are the brotli size (quality 11) of each data file the page fetched:
// deterministic, so they are asserted, not just reported.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, problems, useViewer } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';
import {
  expectedAnd, listedTitles, measureNavigations, nameKey, openArchive, recordData, topTwoTags,
} from '../support/chunked.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARCHIVE_DIR = resolve(process.env.FOLIO_CHUNKED_ARCHIVE ?? join(ROOT, 'target', 'e2e-chunked', 'synth10k'));
const PREFIX = '/big/';
const KB = 1024;

const viewer = useViewer();
let server;
let archive;

before(async () => {
  if (!existsSync(join(ARCHIVE_DIR, 'bundle.json'))) {
    throw new Error(`${ARCHIVE_DIR} has no chunked archive: scripts/test.sh builds it`);
  }
  archive = openArchive(ARCHIVE_DIR);
  server = await serveStatic({ '/': DIST, [PREFIX]: ARCHIVE_DIR });
});
after(() => server?.close());

const url = (hash) => `${server.origin}/?bundle=${PREFIX.slice(1)}bundle.json${hash}`;
const articleHeading = (page, title) => page.locator('article.article h1').filter({ hasText: title }).waitFor({ timeout: 15_000 });

test('the archive is the 10,000-post chunked build', () => {
  assert.equal(archive.manifest.posts, 10_000);
  assert.equal(archive.manifest.page_size, 50);
  assert.ok(archive.manifest.tags.count > 1_000, `a vocabulary of thousands of tags, found ${archive.manifest.tags.count}`);
});

test('every navigation stays within its byte and request budget, and shows what the files hold', async () => {
  const rows = await measureNavigations({ newPage: () => viewer.newPage(), origin: server.origin, prefix: PREFIX, archive });
  const row = (name) => rows.find((r) => r.name.startsWith(name)) ?? assert.fail(`no row ${name}`);
  const report = rows.map((r) => `${r.name}: ${r.requests} requests, ${(r.bytes / KB).toFixed(1)} KB [${r.paths.join(' ')}]`).join('\n');
  for (const name of ['home', 'article deep link']) {
    assert.ok(row(name).bytes <= 10 * KB, `${name} over 10 KB:\n${report}`);
    assert.ok(row(name).requests <= 3, `${name} over 3 requests:\n${report}`);
  }
  const opened = row('open an article');
  assert.equal(opened.requests, 1, report);
  assert.ok(opened.bytes <= opened.own + 2 * KB, `opening an article costs ${opened.bytes} B, its own file ${opened.own} B:\n${report}`);
  for (const name of ['category page', 'tag page', 'month page']) {
    assert.equal(row(name).requests, 1, `${name}:\n${report}`);
    assert.ok(row(name).bytes <= 4 * KB, `${name} over 4 KB:\n${report}`);
  }
  // AND of the two largest tags is one page of their pair list.
  const and = row('two-tag AND');
  const [large, small] = topTwoTags(archive);
  assert.equal(and.requests, 1, report);
  assert.match(and.paths[0], /\/lists\/pair\//, report);
  assert.ok(and.bytes <= 4 * KB, `AND over 4 KB:\n${report}`);
  assert.equal(and.page, Math.min(50, expectedAnd(archive, [large, small]).length));
});

test('a deep link to an article shows it; its neighbours open in one request each, and back costs none', async () => {
  const page = await viewer.newPage();
  const data = await recordData(page, PREFIX);
  const entry = archive.list('all', null, 3).posts[10];
  const { older, newer } = archive.post(entry.id);
  await page.goto(url(`#/post/${encodeURIComponent(entry.id)}`));
  await articleHeading(page, entry.title);
  assert.equal(data.take().requests, 2, 'the manifest and the post');
  assert.equal(await page.locator('.post-nav-newer .post-nav-title').innerText(), newer.title);
  await page.locator('.post-nav-older').click();
  await articleHeading(page, older.title);
  assert.equal(data.take().requests, 1);
  await page.goBack();
  await articleHeading(page, entry.title);
  assert.equal(data.take().requests, 0, 'going back is served from the cache');
  assert.deepEqual(problems(page), []);
});

test('lists page through their files, and a page past the end says so', async () => {
  const page = await viewer.newPage();
  const tag = archive.manifest.tags.top[5].name;
  const first = archive.list('tag', tag, 1);
  assert.ok(first.pages >= 2, 'the tag needs several pages');
  await page.goto(url(`#/tag/${encodeURIComponent(tag)}?page=2`));
  assert.deepEqual(await listedTitles(page), archive.list('tag', tag, 2).posts.map((p) => p.title));
  await page.getByText(`第 2 页，共 ${first.pages} 页`).first().waitFor();
  await page.goto(url(`#/tag/${encodeURIComponent(tag)}?page=${first.pages + 1}`));
  await page.getByText('此列表没有这一页。').waitFor();
  await page.goto(url('#/post/no-such-post'));
  await page.getByRole('heading', { level: 1, name: '文章不存在' }).waitFor();
  await page.goto(url(`#/tag/${encodeURIComponent('没有这个标签')}`));
  await page.getByText('没有标记为“没有这个标签”的文章。').waitFor();
  assert.deepEqual(problems(page).filter((p) => !/404/.test(p)), []);
});

test('AND with a tag outside the top walks only that tag\'s list', async () => {
  const page = await viewer.newPage();
  const data = await recordData(page, PREFIX);
  const top = archive.manifest.tags.top[0].name;
  const rare = JSON.parse(readFileSync(join(ARCHIVE_DIR, 'bundle', 'terms', 'tag', '1.json'), 'utf8')).terms[120].name;
  const expected = archive.wholeList('tag', rare).filter((e) => (e.tags ?? []).includes(top));
  assert.ok(expected.length > 0, 'the two tags meet');
  await page.goto(url(`#/tags?all=${encodeURIComponent(top)},${encodeURIComponent(rare)}`));
  assert.deepEqual(await listedTitles(page), expected.slice(0, 50).map((e) => e.title));
  const { paths } = data.take();
  const lists = paths.filter((p) => p.includes('/lists/'));
  assert.ok(lists.length >= 1 && lists.every((p) => p.includes(`/tag/${nameKey(rare)}/`)), lists.join(' '));
  assert.deepEqual(problems(page), []);
});

test('AND and OR over tags list exactly the matching posts, page after page', async () => {
  const page = await viewer.newPage();
  const tags = archive.manifest.tags.top;
  const [a, b] = [tags[2].name, tags[7].name];
  const inA = archive.wholeList('tag', a);
  const inB = archive.wholeList('tag', b);
  const both = inA.filter((e) => (e.tags ?? []).includes(b));
  await page.goto(url(`#/tags?all=${encodeURIComponent(a)},${encodeURIComponent(b)}`));
  assert.deepEqual(await listedTitles(page), both.slice(0, 50).map((e) => e.title));

  // OR: the union in archive order (the order of the all-posts list).
  const order = new Map(archive.wholeList('all').map((e, i) => [e.id, i]));
  const union = [...new Map([...inA, ...inB].map((e) => [e.id, e])).values()].sort((x, y) => order.get(x.id) - order.get(y.id));
  for (const n of [1, 2]) {
    await page.goto(url(`#/tags?any=${encodeURIComponent(a)},${encodeURIComponent(b)}&page=${n}`));
    await page.waitForFunction((t) => document.querySelector('.post-list .post-card-title')?.textContent === t, union[(n - 1) * 50].title);
    assert.deepEqual(await listedTitles(page), union.slice((n - 1) * 50, n * 50).map((e) => e.title), `OR page ${n}`);
  }
  assert.deepEqual(problems(page), []);
});

test('a chunk that fails to load shows a retry in place, and the retry shows the page', async () => {
  const page = await viewer.newPage();
  const category = archive.manifest.categories.top[3].name;
  let failures = 1;
  await page.route(`**${PREFIX}bundle/lists/category/${nameKey(category)}/1.json`, (route) => (failures-- > 0
    ? route.fulfill({ status: 503, body: 'busy' })
    : route.continue()));
  await page.goto(url(`#/category/${encodeURIComponent(category)}`));
  const alert = page.getByRole('alert');
  await alert.getByText('这部分归档未能载入。').waitFor();
  assert.match(await alert.innerText(), /HTTP 503/);
  // The page around the failed part still works.
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.ok(await page.getByRole('navigation', { name: '分类', exact: true }).isVisible());
  await alert.getByRole('button', { name: '重试' }).click();
  assert.deepEqual(await listedTitles(page), archive.list('category', category).posts.map((p) => p.title));
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(problems(page).filter((p) => !/503/.test(p)), []);
});

test('a post file with hostile HTML is sanitised like any other: no script runs', async () => {
  const page = await viewer.newPage();
  const entry = archive.list('all', null, 1).posts[1];
  const file = archive.post(entry.id);
  file.post.content_html = [
    '<p id="kept">kept text</p>',
    '<script>window.__pwned = 1</script>',
    '<img src="x" onerror="window.__pwned = 2">',
    '<a href="javascript:window.__pwned=3" id="js-link">link</a>',
    '<svg><script>window.__pwned = 4</script><animate onbegin="window.__pwned = 5"/></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 6"></style></mglyph></table></mtext></math>',
    '<form id="getElementById"><input name="cookie"></form>',
  ].join('');
  await page.route(`**${PREFIX}bundle/posts/${nameKey(entry.id).slice(0, 2)}/${nameKey(entry.id)}.json`,
    (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(file) }));
  await page.goto(url(`#/post/${encodeURIComponent(entry.id)}`));
  await articleHeading(page, entry.title);
  await page.locator('.article-body').getByText('kept text').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const html = await page.locator('.article-body').innerHTML();
  assert.doesNotMatch(html, /<script|onerror|onbegin|javascript:/i);
  assert.equal(await page.evaluate(() => typeof document.getElementById), 'function', 'no DOM clobbering');
  assert.deepEqual(problems(page), []);
});

test('the tag filter offers the most used tags, and every tag through the paged taxonomy', async () => {
  // No smooth scrolling to the new heading, which would keep the checkboxes moving.
  const page = await viewer.newPage({ reducedMotion: 'reduce' });
  const data = await recordData(page, PREFIX);
  await page.goto(url('#/tags'));
  const terms = (n) => JSON.parse(readFileSync(join(ARCHIVE_DIR, 'bundle', 'terms', 'tag', `${n}.json`), 'utf8'));
  const checkbox = (t) => page.getByRole('checkbox', { name: `${t.name} ${t.count}`, exact: true });
  const first = terms(1);
  assert.ok(first.pages >= 2, 'thousands of tags take several taxonomy pages');
  await checkbox(first.terms[0]).waitFor();
  assert.equal(await page.locator('.tag-choices input[type=checkbox]').count(), first.terms.length);
  await page.getByRole('navigation', { name: '分页', exact: true }).getByRole('link', { name: /下一页/ }).click();
  await checkbox(terms(2).terms[0]).waitFor();
  assert.ok(data.take().paths.some((p) => p.endsWith('terms/tag/2.json')));

  // Picking a tag turns the page into its results; the choices are then the
  // most used tags (from the manifest) and the picked one, at no extra cost.
  const rare = terms(2).terms[0];
  await checkbox(rare).click();
  await page.waitForURL((u) => decodeURIComponent(u.hash) === `#/tags?all=${rare.name}`);
  assert.deepEqual(await listedTitles(page), archive.list('tag', rare.name).posts.map((p) => p.title));
  assert.equal(await page.getByRole('checkbox', { name: rare.name, exact: true }).isChecked(), true);
  assert.equal(await page.locator('.tag-choices input[type=checkbox]').count(), archive.manifest.tags.top.length + 1);
  assert.deepEqual(problems(page), []);
});
