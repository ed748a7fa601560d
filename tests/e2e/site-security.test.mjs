// The hostile archive (tests/support/hostile.mjs) as a static site: its
// posts written as a Jekyll site, built by the real CLI with --with-viewer,
// served under /archive/. The pages carry the body the same policy
// sanitised at build time, and every check of the viewer's security suite
// holds on them with JavaScript off (what a crawler or a reader without
// script gets) and on (the app takes the page over, then renders other
// posts itself): no script runs, no handler, javascript: URL, <base> or
// <meta refresh> reaches the document, the viewer's ids survive, and
// hostile titles and names are literal text, in the page and in its head.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, problems, useViewer } from '../support/browser.mjs';
import {
  HOSTILE, HOSTILE_POSTS, HOSTILE_SITE, assertHostileFixtureIsComplete, assertInertDom, assertNotPwned, poke,
  writeHostileSite,
} from '../support/hostile.mjs';
import { expectTitle, waitInPage, waitUntil } from '../support/pages.mjs';
import { buildSite, categoryPath, postPath, removeSite, serveSite, tagPath, waitForApp } from '../support/site.mjs';

const PREFIX = '/archive/';
const viewer = useViewer();
let source;
let dir;
let server;
let base;

before(async () => {
  source = writeHostileSite();
  dir = buildSite(source, { prefix: PREFIX });
  server = await serveSite(dir, PREFIX);
  base = `${server.origin}${PREFIX}`;
}, { timeout: 600_000 });

after(async () => {
  await server?.close();
  removeSite(dir);
  removeSite(source);
});

/**
 * Waits for the page whose heading (`#main-heading`: a post's body may hold
 * h1 elements of its own) is `heading`, and checks the document's title.
 */
async function expectPage(page, heading, title) {
  await waitInPage(page, (h) => document.getElementById('main-heading')?.innerText === h, heading,
    async () => `expected the page ${JSON.stringify(heading)} at ${page.url()}, found ${JSON.stringify(await page.locator('#main-heading').allInnerTexts())}`);
  await expectTitle(page, title);
}

const check = async (page, where) => {
  await assertInertDom(page, where);
  await assertNotPwned(page, where, { origin: server.origin, dataScripts: true });
};

/** Every script element of a static page is one the CLI wrote. */
async function assertOnlyOwnScripts(page, where) {
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({
    type: s.type, src: s.getAttribute('src'), inline: s.src ? null : s.textContent, inBody: Boolean(s.closest('#folio-root')),
  })));
  for (const s of scripts) {
    assert.equal(s.inBody, false, `${where}: a script inside the page's content`);
    const own = (s.type === 'module' && /(^|\/)assets\/folio-boot-[0-9a-f]{16}\.js$/.test(s.src ?? ''))
      || (s.type === '' && s.src === null && s.inline.startsWith('if(/^#\\//.test(location.hash)'))
      || (['application/ld+json', 'application/json'].includes(s.type) && !s.inline.includes('</'));
    assert.ok(own, `${where}: a script the CLI did not write: ${JSON.stringify(s).slice(0, 200)}`);
    if (s.type.startsWith('application/')) JSON.parse(s.inline); // a data block stays one JSON value
  }
}

/**
 * The posts as the CLI read them (newest first): titles are plain text, so
 * a title that is only markup falls back to the file's name, as Jekyll's do.
 */
const built = () => JSON.parse(readFileSync(join(dir, 'bundle', 'lists', 'all', '1.json'), 'utf8')).posts;
const builtPost = (id) => built().find((p) => p.id === id) ?? assert.fail(`no post ${id} in the built site`);

const pagesOf = () => {
  const metadata = builtPost('xss-metadata');
  return [
    ['home', '', '最新文章'],
    ...built().map((p) => [`post ${p.id}`, postPath(p.id), p.title]),
    ...metadata.tags.map((t) => [`tag ${t}`, tagPath(t), `标签：${t}`]),
    ...metadata.categories.map((c) => [`category ${c}`, categoryPath(c), `分类：${c}`]),
    ['tags', 'tags/', '按标签筛选'],
    ['categories', 'categories/', '分类'],
  ];
};

test('the hostile fixture is what this test expects', assertHostileFixtureIsComplete);

test('the built site holds every hostile post, with the policy\'s output on its pages', () => {
  assert.deepEqual(built().map((p) => p.id), HOSTILE_POSTS.map((p) => p.id));
  for (const post of HOSTILE_POSTS) {
    const html = readFileSync(join(dir, decodeURIComponent(postPath(post.id)), 'index.html'), 'utf8');
    const body = html.slice(html.indexOf('<div class="article-body">'), html.indexOf('</article>'));
    assert.ok(body.length > 0, post.id);
    // (Escaped text may spell any payload; elements and URLs may not.)
    assert.doesNotMatch(body, /<(script|iframe|object|embed|svg|math|base|meta|style|form|input)\b|\s(href|src)="\s*javascript:/i,
      `${post.id}: the page's body is sanitised`);
  }
});

test('with JavaScript off, every hostile page is inert and shows hostile text as text', async () => {
  const page = await viewer.newPage({ javaScriptEnabled: false, viewport: { width: 1000, height: 4000 } });
  for (const [where, path, heading] of pagesOf()) {
    const response = await page.goto(`${base}${path}`);
    assert.equal(response.status(), 200, where);
    await expectPage(page, heading, heading === '最新文章' ? HOSTILE_SITE : `${heading} · ${HOSTILE_SITE}`);
    await page.waitForTimeout(where.includes('xss-document') ? 1_200 : 0); // a meta refresh would have fired by now
    await check(page, `${where} (no script)`);
    await assertOnlyOwnScripts(page, where);
  }
  // The head describes the hostile post in literal text too.
  const metadata = { ...HOSTILE.posts.find((p) => p.id === 'xss-metadata'), ...builtPost('xss-metadata') };
  await page.goto(`${base}${postPath(metadata.id)}`);
  const head = await page.evaluate(() => ({
    title: document.title,
    description: document.querySelector('meta[name=description]').content,
    ogTitle: document.querySelector('meta[property="og:title"]').content,
    tags: [...document.querySelectorAll('meta[property="article:tag"]')].map((m) => m.content),
    ld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent),
    lang: document.documentElement.lang,
    data: JSON.parse(document.getElementById('folio-article').textContent).post,
  }));
  assert.equal(head.title, `${metadata.title} · ${HOSTILE_SITE}`);
  // The excerpt as the CLI read it (plain text: here, none, so the title).
  assert.equal(head.description, head.data.excerpt ?? metadata.title);
  assert.equal(head.ogTitle, metadata.title);
  assert.deepEqual(head.tags, metadata.tags);
  assert.deepEqual([head.ld.headline, head.ld.keywords], [metadata.title, metadata.tags]);
  assert.equal(head.lang, metadata.lang, 'the hostile lang is only an attribute value');
  assert.equal(await page.getByRole('link', { name: /原文链接/ }).count(), 0, 'a javascript: source_url is not linked');
});

test('with JavaScript on, every hostile page the app takes over stays inert under hover, focus, events and clicks', async () => {
  const page = await viewer.newPage({ viewport: { width: 1000, height: 4000 } });
  const windows = [];
  page.context().on('page', (p) => windows.push(p.url()));
  for (const [where, path, heading] of pagesOf()) {
    await page.goto(`${base}${path}`);
    await waitForApp(page);
    await expectPage(page, heading, heading === '最新文章' ? HOSTILE_SITE : `${heading} · ${HOSTILE_SITE}`);
    if (where.startsWith('post ')) {
      await page.mouse.wheel(0, 20_000); // lazy images load and fail
      assert.ok((await poke(page)) > 0, `${where}: hovered over the body`);
      // Every in-page and same-site link, clicked; back to the post each time.
      const links = page.locator('.article-body a');
      for (let i = 0; i < await links.count(); i += 1) {
        const href = await links.nth(i).getAttribute('href');
        if (href !== null && /^(https?|mailto):/i.test(href)) continue;
        await links.nth(i).click({ force: true });
        if (new URL(page.url()).pathname !== new URL(`${base}${path}`).pathname) {
          await page.goBack();
          await expectPage(page, heading, `${heading} · ${HOSTILE_SITE}`);
        }
      }
      if (where.includes('xss-document')) await page.waitForTimeout(1_200);
    }
    await check(page, `${where} (taken over)`);
  }
  assert.deepEqual(windows, [], 'no link opened a window');
});

test('with JavaScript on, the app renders each hostile post itself, inert', async () => {
  const page = await viewer.newPage({ viewport: { width: 1000, height: 4000 } });
  await page.goto(base);
  await waitForApp(page);
  for (const post of built()) {
    // Open each post from its card, the way a reader would: the app fetches
    // the post and runs the policy on it in the browser.
    await page.getByRole('main').getByRole('link', { name: post.title, exact: true }).click();
    await expectPage(page, post.title, `${post.title} · ${HOSTILE_SITE}`);
    await page.mouse.wheel(0, 20_000);
    assert.ok((await poke(page)) > 0, `post ${post.id}: hovered over the body`);
    if (post.id === 'xss-document') await page.waitForTimeout(1_200); // a meta refresh would have fired by now
    await check(page, `post ${post.id} (rendered by the app)`);
    await page.getByRole('banner').getByRole('link', { name: HOSTILE_SITE, exact: true }).click();
    await expectPage(page, '最新文章', HOSTILE_SITE);
  }
  assert.deepEqual(problems(page), []);
});

test('static pages carry the viewer\'s strict Content-Security-Policy, and it holds', async () => {
  const policyOf = (html) => html.match(/<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/)?.[1]
    ?? assert.fail('no Content-Security-Policy');
  // The same directives as the viewer's own index.html; only the hashes of
  // the inline scripts each page allows differ.
  const directives = (policy) => policy.split(';').map((d) => d.trim().replace(/'sha256-[^']+'/g, "'sha256-…'")).sort();
  const viewerPolicy = directives(policyOf(readFileSync(join(DIST, 'index.html'), 'utf8')));
  for (const [where, path] of pagesOf().slice(0, 3)) {
    const html = await (await fetch(`${base}${path}`)).text();
    assert.deepEqual(directives(policyOf(html)), viewerPolicy, where);
  }
  const page = await viewer.newPage();
  await page.goto(`${base}${postPath('xss-script')}`);
  await waitForApp(page);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = "window.__pwned = 'inline script'";
    document.body.append(script);
  });
  await waitUntil(() => problems(page).some((p) => p.includes('CSP violation') && p.includes('script-src')),
    () => `an inline script should be refused and reported, got ${JSON.stringify(problems(page))}`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});
