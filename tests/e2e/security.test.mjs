// A hostile bundle (tests/fixtures/hostile.json, written by
// tests/fixtures/make-hostile.mjs; the checks are in tests/support/hostile.mjs):
// every payload sets window.__pwned to its case name if it ever runs. The
// viewer must show all of it as inert content: no script runs, no dialog opens, no handler or javascript: URL reaches the
// DOM, no document-level element is inserted, the viewer's own ids survive,
// and hostile titles and names show as literal text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problems, useViewer, waitForHeading } from '../support/browser.mjs';
import {
  HOSTILE, HOSTILE_POSTS as POSTS, HOSTILE_SITE as SITE, assertHostileFixtureIsComplete, assertInertDom,
  assertNotPwned as assertNotPwnedAt, poke,
} from '../support/hostile.mjs';
import { waitUntil } from '../support/pages.mjs';

const viewer = useViewer();
const { newPage } = viewer;

const hostileUrl = (hash) => `${viewer.server.origin}/?bundle=fixtures/hostile.json${hash}`;
const seg = (name) => encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const assertNotPwned = (page, where) => assertNotPwnedAt(page, where, { origin: viewer.server.origin });

/** Clicks every body link that is not an http(s) or mailto link, returning to the post each time. */
async function clickInertLinks(page, post) {
  const links = page.locator('.article-body a');
  const n = await links.count();
  let clicked = 0;
  for (let i = 0; i < n; i += 1) {
    const href = await links.nth(i).getAttribute('href');
    if (href !== null && /^(https?|mailto):/i.test(href)) continue;
    await links.nth(i).click({ force: true });
    clicked += 1;
    if (!page.url().endsWith(`#/post/${seg(post.id)}`)) {
      await page.evaluate((h) => { location.hash = h; }, `#/post/${seg(post.id)}`);
      await waitForHeading(page, post.title);
    }
  }
  return clicked;
}

// ---------------------------------------------------------------------------

test('the hostile fixture is what this test expects', assertHostileFixtureIsComplete);

test('the home page shows hostile titles, names and excerpts as text', async () => {
  const page = await newPage();
  await page.goto(hostileUrl('#/'));
  await waitForHeading(page, '最新文章');
  await page.waitForTimeout(300);
  assert.equal(await page.title(), SITE, 'the hostile site title is the literal document title');
  assert.equal(await page.getByRole('banner').getByRole('link').innerText(), SITE);
  assert.equal(await page.getByRole('banner').getByText(HOSTILE.site.description, { exact: true }).count(), 1);
  const listed = await page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 }).allInnerTexts();
  assert.deepEqual(listed, POSTS.map((p) => p.title));
  const metadata = HOSTILE.posts.find((p) => p.id === 'xss-metadata');
  await page.getByRole('main').getByText(metadata.excerpt, { exact: true }).waitFor();
  for (const t of metadata.tags) {
    await page.getByRole('navigation', { name: '标签', exact: true }).getByRole('link', { name: new RegExp(`^${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+$`) }).waitFor();
  }
  await assertInertDom(page, 'home');
  await assertNotPwned(page, 'home');
});

test('every hostile post renders inert, under hover, focus, events and clicks', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 4000 } });
  const windows = [];
  page.context().on('page', (p) => windows.push(p.url()));
  await page.goto(hostileUrl('#/'));
  await waitForHeading(page, '最新文章');
  let clicked = 0;
  for (const post of POSTS) {
    // Open each post from its card, the way a reader would.
    await page.getByRole('main').getByRole('link', { name: post.title, exact: true }).click();
    await waitForHeading(page, post.title).catch(async () => {
      assert.fail(`post ${post.id}: clicking its card led to ${page.url()} showing ${await page.locator('h1').allInnerTexts()}`);
    });
    const where = `post ${post.id}`;
    assert.equal(await page.locator('#main-heading').innerText(), post.title, `${where}: literal title`);
    assert.equal(await page.title(), `${post.title} · ${SITE}`, `${where}: literal document title`);
    await page.mouse.wheel(0, 20_000); // lazy images load and fail
    await page.waitForTimeout(200);
    await assertInertDom(page, where);
    assert.ok((await poke(page)) > 0, `${where}: hovered over the body`);
    clicked += await clickInertLinks(page, post);
    if (post.content_html.includes('http-equiv')) await page.waitForTimeout(1_200); // a meta refresh would have fired by now
    await assertInertDom(page, `${where}, after interaction`);
    await assertNotPwned(page, where);
    await page.getByRole('banner').getByRole('link', { name: SITE, exact: true }).click();
    await waitForHeading(page, '最新文章');
  }
  assert.ok(clicked >= 5, 'in-page links were exercised');
  assert.deepEqual(windows, [], 'no link opened a window');
});

test('in-page links move within the article and never to the viewer\'s own elements', async () => {
  const page = await newPage();
  await page.goto(hostileUrl('#/post/xss-clobbering'));
  await waitForHeading(page, 'DOM clobbering');
  const body = page.locator('.article-body');
  await body.getByRole('link', { name: 'link to #main-heading' }).click();
  const active = await page.evaluate(() => ({ id: document.activeElement?.id, inBody: Boolean(document.activeElement?.closest('.article-body')) }));
  assert.deepEqual(active, { id: 'user-content-main-heading', inBody: true });
  assert.ok(page.url().endsWith('#/post/xss-clobbering'), `the route is kept, not replaced by a fragment: ${page.url()}`);
  await page.goto(hostileUrl('#/post/xss-script'));
  await waitForHeading(page, 'Script elements');
  await page.locator('.article-body').getByRole('link', { name: 'viewer route to the script post' }).click();
  await waitForHeading(page, 'Script elements');
  assert.equal(page.context().pages().length, 1, 'a #/ link opens in the same tab');
  await assertNotPwned(page, 'in-page links');
});

test('hostile tag and category pages and source URLs stay inert', async () => {
  const page = await newPage();
  const metadata = HOSTILE.posts.find((p) => p.id === 'xss-metadata');
  await page.goto(hostileUrl(`#/post/${metadata.id}`));
  await waitForHeading(page, metadata.title);
  const article = page.getByRole('article');
  assert.equal(await article.getAttribute('lang'), metadata.lang, 'the hostile lang is only an attribute value');
  assert.equal(await article.getByText(`作者 ${metadata.author}`, { exact: true }).count(), 1, 'the author is literal text');
  assert.equal(await page.getByRole('link', { name: /原文链接/ }).count(), 0, 'a javascript: source_url is not linked');
  await assertInertDom(page, 'metadata post');

  for (const name of [...metadata.tags, ...metadata.categories]) {
    const isTag = metadata.tags.includes(name);
    await page.goto(hostileUrl(`#/post/${metadata.id}`));
    await waitForHeading(page, metadata.title);
    await page.getByRole('article').getByRole('link', { name, exact: true }).click();
    const heading = isTag ? `标签：${name}` : `分类：${name}`;
    await waitForHeading(page, heading);
    assert.equal(decodeURIComponent(new URL(page.url()).hash), `#/${isTag ? 'tag' : 'category'}/${name}`);
    assert.equal(await page.title(), `${heading} · ${SITE}`);
    const listed = await page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 }).allInnerTexts();
    const expected = POSTS.filter((p) => (isTag ? p.tags ?? [] : p.categories ?? []).includes(name)).map((p) => p.title);
    assert.deepEqual(listed, expected, heading);
    await page.waitForTimeout(100);
    await assertInertDom(page, heading);
    await assertNotPwned(page, heading);
  }
  // The filter form lists the hostile tags as checkbox labels.
  const tag = metadata.tags[0];
  await page.goto(hostileUrl(`#/tags?any=${encodeURIComponent(tag)},xss`));
  await waitForHeading(page, `标签：${tag} | xss`);
  assert.equal(await page.getByRole('checkbox', { name: new RegExp(`^${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+$`) }).isChecked(), true);
  await assertInertDom(page, 'tag filter');
  await assertNotPwned(page, 'tag filter');

  for (const id of ['xss-source-url', 'xss-source-data']) {
    const post = HOSTILE.posts.find((p) => p.id === id);
    await page.goto(hostileUrl(`#/post/${id}`));
    await waitForHeading(page, post.title);
    assert.equal(await page.getByRole('link', { name: /原文链接/ }).count(), 0, `${id}: source_url ${JSON.stringify(post.source_url)} is not linked`);
    await assertNotPwned(page, id);
  }
});

test('a strict Content-Security-Policy is in force and its violations are reported', async () => {
  const page = await newPage();
  await page.goto(`${viewer.server.origin}/#/`);
  await waitForHeading(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "style-src 'self'",
    "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "object-src 'none'"]) {
    assert.ok(policy.includes(directive), `${directive} in ${policy}`);
  }
  assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(policy.replace("'wasm-unsafe-eval'", '')), `no wildcards or unsafe sources: ${policy}`);
  assert.deepEqual(problems(page), [], 'the viewer itself runs without a violation');
  // Code injected past the sanitiser would still be refused, and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = "window.__pwned = 'inline script'";
    document.body.append(script);
    const style = document.createElement('div');
    style.setAttribute('style', 'color: red');
    document.body.append(style);
  });
  // Both violations are reported (asynchronously, as events): wait for them.
  const violations = () => problems(page).filter((p) => p.includes('CSP violation'));
  await waitUntil(
    () => ['script-src', 'style-src'].every((d) => violations().some((v) => v.includes(d))),
    () => `script-src and style-src violations should be reported, got ${JSON.stringify(violations())}`,
  );
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});
