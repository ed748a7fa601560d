// Bundles that cannot be shown, and bundles with some bad posts: every error
// page must say what went wrong (in the reader's language) and offer a retry;
// bad posts are skipped with reasons while the good ones still work.
//
// Fixtures live in tests/fixtures/ and are loaded with `?bundle=fixtures/...`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, FIXTURES, problems, useViewer, waitForHeading } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';
import { expectTitle } from '../support/pages.mjs';

const EN = { title: 'The archive could not be loaded', retry: 'Try again' };
const ZH = { title: '无法载入归档', retry: '重试' };

const viewer = useViewer();
const { newPage } = viewer;

/** Problems other than the browser logging a failed request, which is expected here. */
function unexpectedProblems(page) {
  return page.problems.filter((p) => !p.startsWith('console error: Failed to load resource'));
}

/**
 * Opens the viewer on `bundle` and checks the error page: an alert with the
 * localised heading, summary, the absolute URL, the technical cause and a
 * retry button. Returns the page.
 */
async function expectErrorPage(page, { bundle, origin = viewer.server.origin, text = EN, summary, url, cause }) {
  await page.goto(`${origin}/?bundle=${encodeURIComponent(bundle)}#/`);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 10_000 }).catch(async () => {
    assert.fail(`no error page for bundle=${bundle}; the page shows: ${(await page.locator('body').innerText()).slice(0, 300)}`);
  });
  await alert.getByRole('heading', { level: 1, name: text.title, exact: true }).waitFor();
  assert.equal(await page.locator('h1').count(), 1);
  const shown = (await alert.innerText()).replace(/\s+/g, ' ');
  if (summary) assert.ok(shown.includes(summary), `summary "${summary}" in: ${shown}`);
  if (url) assert.equal(await alert.locator('code').innerText(), url, 'the error page names the URL it tried');
  for (const fragment of [cause].flat().filter(Boolean)) {
    const ok = fragment instanceof RegExp ? fragment.test(shown) : shown.includes(fragment);
    assert.ok(ok, `cause ${fragment} in: ${shown}`);
  }
  await alert.getByRole('button', { name: text.retry, exact: true }).waitFor();
  await expectTitle(page, text.title);
  assert.deepEqual(unexpectedProblems(page), []);
  return page;
}

// ---------------------------------------------------------------------------

test('a missing bundle shows an English error page by default', async () => {
  const page = await newPage();
  await expectErrorPage(page, {
    bundle: 'fixtures/does-not-exist.json',
    summary: 'The archive file was not found at',
    url: `${viewer.server.origin}/fixtures/does-not-exist.json`,
    cause: 'the server answered 404 Not Found',
  });
  assert.equal(await page.getByRole('main').getAttribute('lang'), 'en');
});

test('the error page follows the browser language: Chinese for zh-CN', async () => {
  const page = await newPage({ locale: 'zh-CN' });
  await expectErrorPage(page, {
    bundle: 'fixtures/does-not-exist.json',
    text: ZH,
    summary: '找不到归档文件：',
    url: `${viewer.server.origin}/fixtures/does-not-exist.json`,
    cause: 'the server answered 404 Not Found',
  });
  assert.equal(await page.getByRole('main').getAttribute('lang'), 'zh-CN');
});

test('bundles that are not usable name their cause', async () => {
  const notUtf8 = readFileSync(join(FIXTURES, 'not-utf8.json'));
  const cases = [
    ['not-json.json', ['the bundle is not valid JSON', '(line 1, column 1)']],
    ['empty.json', ['the bundle is not valid JSON', 'EOF']],
    ['not-utf8.json', `the bundle is not UTF-8 text (invalid byte at offset ${notUtf8.indexOf(0xe9)})`],
    ['version-2.json', 'bundle version 2.0 is not supported: this viewer reads version 1.x bundles'],
    ['posts-object.json', '`posts` must be an array, found an object'],
    ['top-level-array.json', 'this JSON file is not a Folio bundle: the top level is an array, not an object'],
    ['other-format.json', 'its `format` is `jsonfeed`, not `folio-bundle`'],
    ['site-without-title.json', ['the bundle\'s top level is malformed', '`site`', 'title']],
    ['unknown-layout.json', 'bundle layout `sharded` is not supported'],
  ];
  const page = await newPage();
  for (const [file, cause] of cases) {
    await expectErrorPage(page, {
      bundle: `fixtures/${file}`,
      summary: 'The archive file was downloaded but cannot be read:',
      url: `${viewer.server.origin}/fixtures/${file}`,
      cause,
    });
    assert.equal(await page.getByRole('main').count(), 1, `${file}: no archive view behind the error`);
    assert.equal(await page.getByRole('navigation').count(), 0, `${file}: no archive navigation`);
  }
});

test('server errors and network failures name their cause', async () => {
  const page = await newPage();
  await page.route('**/fixtures/http-500.json', (route) => route.fulfill({ status: 500, body: 'oops' }));
  await expectErrorPage(page, {
    bundle: 'fixtures/http-500.json',
    summary: 'The archive file could not be downloaded from',
    url: `${viewer.server.origin}/fixtures/http-500.json`,
    cause: 'the server answered HTTP 500',
  });
  await page.route('**/fixtures/offline.json', (route) => route.abort('internetdisconnected'));
  await expectErrorPage(page, {
    bundle: 'fixtures/offline.json',
    summary: 'The archive file could not be downloaded from',
    url: `${viewer.server.origin}/fixtures/offline.json`,
    cause: 'network error:',
  });
});

test('a bundle on another origin, or with another scheme, is refused without a request', async () => {
  const other = await serveStatic({ '/': FIXTURES }, { host: 'localhost' });
  try {
    const page = await newPage();
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    const refused = [
      `${other.origin}/bad-posts.json`,
      `//localhost:${new URL(other.origin).port}/bad-posts.json`,
      'https://evil.example/bundle.json',
      'javascript:window.__pwned=1',
      'data:application/json,{}',
    ];
    for (const bundle of refused) {
      await expectErrorPage(page, {
        bundle,
        summary: 'This page only loads archives from its own site, not from',
        cause: "the bundle URL is not on this site's origin",
      });
    }
    assert.deepEqual(other.requests, [], 'the other origin was never asked');
    assert.deepEqual(requested.filter((u) => !u.startsWith(viewer.server.origin)), [], 'no request left the page origin');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  } finally {
    await other.close();
  }
});

test('"Try again" downloads the bundle again and shows the archive once it is there', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-retry-'));
  const host = await serveStatic({ '/': DIST, '/data/': dir });
  try {
    const page = await newPage();
    const path = '/data/bundle.json';
    const count = () => host.requests.filter((p) => p === path).length;
    await expectErrorPage(page, {
      bundle: 'data/bundle.json',
      origin: host.origin,
      summary: 'The archive file was not found at',
      url: `${host.origin}${path}`,
      cause: 'the server answered 404 Not Found',
    });
    assert.equal(count(), 1);
    const documents = host.requests.filter((p) => p === '/').length;

    // Still missing: a second request, the same error.
    await page.getByRole('button', { name: EN.retry }).click();
    for (let i = 0; i < 50 && count() < 2; i += 1) await page.waitForTimeout(100);
    assert.equal(count(), 2, 'retry requests the bundle again');
    await page.getByRole('alert').getByRole('heading', { name: EN.title }).waitFor();

    // Now it exists: the retry shows the archive without reloading the page.
    const bundle = JSON.parse(readFileSync(join(FIXTURES, 'bad-posts.json'), 'utf8'));
    bundle.posts = bundle.posts.filter((p) => typeof p === 'object' && !p._expect);
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    await page.getByRole('button', { name: EN.retry }).click();
    await waitForHeading(page, '最新文章');
    assert.equal(count(), 3);
    assert.equal(host.requests.filter((p) => p === '/').length, documents, 'the page itself was not reloaded');
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.equal(await page.title(), bundle.site.title);
    assert.equal(await page.getByRole('main').getByRole('listitem').count(), bundle.posts.length);
    assert.deepEqual(unexpectedProblems(page), []);
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad posts are skipped with a notice and reasons; the valid posts render and open', async () => {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, 'bad-posts.json'), 'utf8'));
  const expectedReasons = fixture.posts
    .map((p, i) => (typeof p !== 'object' ? `post #${i + 1}: expected an object, found a string` : p._expect))
    .filter(Boolean);
  const valid = fixture.posts.filter((p) => typeof p === 'object' && !p._expect);
  const sorted = [...valid].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  assert.ok(expectedReasons.length > 5, 'the fixture has more bad posts than the notice lists');

  const page = await newPage();
  await page.goto(`${viewer.server.origin}/?bundle=fixtures/bad-posts.json#/`);
  await waitForHeading(page, '最新文章');
  assert.equal(await page.title(), fixture.site.title);

  const notice = page.getByRole('status').filter({ hasText: '无法显示' });
  await notice.waitFor();
  assert.equal((await notice.getByRole('paragraph').first().innerText()).trim(), `此归档中有 ${expectedReasons.length} 篇文章无法显示。`);
  await notice.getByText('详情', { exact: true }).click();
  const items = notice.getByRole('listitem');
  await items.first().waitFor({ state: 'visible' });
  const shown = await items.allInnerTexts();
  assert.equal(shown.length, 5, 'the notice lists the first five reasons');
  shown.forEach((text, i) => assert.ok(text.startsWith(expectedReasons[i]), `reason ${i + 1}: expected "${expectedReasons[i]}…", got "${text}"`));
  for (const li of await items.all()) assert.equal(await li.getAttribute('lang'), 'en');

  // The valid posts, newest first; the duplicate did not replace the first.
  const listed = await page.getByRole('main').getByRole('list').last().getByRole('heading', { level: 2 }).allInnerTexts();
  assert.deepEqual(listed, sorted.map((p) => p.title));
  assert.match(await page.getByRole('contentinfo').innerText(), new RegExp(`${valid.length} 篇文章`));
  for (const p of sorted) {
    await page.getByRole('main').getByRole('link', { name: p.title, exact: true }).click();
    await waitForHeading(page, p.title);
    assert.equal(await page.title(), `${p.title} · ${fixture.site.title}`);
    assert.match(await page.getByRole('article').innerText(), new RegExp(p.content_html.replace(/<[^>]+>/g, '').replace(/[.()]/g, '\\$&')));
    await page.getByRole('banner').getByRole('link', { name: fixture.site.title }).click();
    await waitForHeading(page, '最新文章');
  }
  // Skipped posts are not reachable.
  for (const id of ['no-title', 'bad-date', 'tags-number']) {
    await page.goto(`${viewer.server.origin}/?bundle=fixtures/bad-posts.json#/post/${id}`);
    await waitForHeading(page, '文章不存在');
  }
  assert.deepEqual(problems(page), []);
});
