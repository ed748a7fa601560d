// A hostile bundle (tests/fixtures/hostile.json, written by
// tests/fixtures/make-hostile.mjs): every payload sets window.__pwned to its
// case name if it ever runs. The viewer must show all of it as inert content:
// no script runs, no dialog opens, no handler or javascript: URL reaches the
// DOM, no document-level element is inserted, the viewer's own ids survive,
// and hostile titles and names show as literal text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, problems, useViewer, waitForHeading } from '../support/browser.mjs';
import { waitUntil } from '../support/pages.mjs';

const HOSTILE = JSON.parse(readFileSync(join(FIXTURES, 'hostile.json'), 'utf8'));
const SITE = HOSTILE.site.title;
const POSTS = [...HOSTILE.posts].sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || (a.id < b.id ? -1 : 1));

/** Elements that must never come out of the sanitiser. */
const FORBIDDEN = ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'style', 'link', 'meta', 'base',
  'svg', 'math', 'form', 'button', 'select', 'textarea', 'template', 'noscript', 'video', 'audio', 'isindex', 'marquee',
  'title', 'xmp', 'foreignObject'];
/** Attributes that carry code or URLs the policy does not allow at all. */
const FORBIDDEN_ATTRIBUTES = ['style', 'srcdoc', 'formaction', 'action', 'background', 'xlink:href', 'data', 'ping', 'autofocus'];
/** Events a surviving inline handler would answer to; dispatched on every body element. */
const EVENTS = ['mouseover', 'mouseenter', 'mousemove', 'mouseout', 'pointerover', 'pointerenter', 'focus', 'focusin', 'blur',
  'load', 'error', 'toggle', 'animationstart', 'animationend', 'transitionend', 'input', 'change', 'start', 'keydown'];

const viewer = useViewer();
const { newPage } = viewer;


const hostileUrl = (hash) => `${viewer.server.origin}/?bundle=fixtures/hostile.json${hash}`;
const seg = (name) => encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Nothing ran, nothing opened, the viewer is still on its page and intact. */
async function assertNotPwned(page, where) {
  const state = await page.evaluate(() => {
    const root = document.getElementById('folio-root');
    const heading = document.getElementById('main-heading');
    return {
      pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
      origin: location.origin,
      getElementById: typeof document.getElementById,
      root: root ? `${root.tagName}#${root.id}` : null,
      rootIsBodyChild: root?.parentElement === document.body,
      heading: heading ? heading.tagName : null,
      headingInBody: Boolean(heading?.closest('.article-body')),
      mainHeadingIds: document.querySelectorAll('[id="main-heading"]').length,
      wasmBindings: !(window.wasmBindings instanceof Element),
      cookie: typeof document.cookie,
      bases: document.querySelectorAll('base').length,
      baseURI: document.baseURI.split('#')[0] === location.href.split('#')[0],
      scripts: [...document.scripts].filter((s) => root?.contains(s) || s.textContent.includes('__pwned')).map((s) => s.outerHTML.slice(0, 80)),
      bodyVisible: getComputedStyle(document.body).display !== 'none',
    };
  });
  assert.equal(state.pwned, null, `${where}: a payload ran (window.__pwned = ${state.pwned})`);
  assert.equal(state.origin, viewer.server.origin, `${where}: the page navigated away`);
  assert.equal(state.getElementById, 'function', `${where}: document.getElementById was clobbered`);
  assert.equal(state.root, 'DIV#folio-root', `${where}: #folio-root`);
  assert.ok(state.rootIsBodyChild, `${where}: #folio-root is the viewer's root`);
  assert.equal(state.heading, 'H1', `${where}: #main-heading is the viewer's h1`);
  assert.equal(state.headingInBody, false, `${where}: #main-heading must not be post content`);
  assert.equal(state.mainHeadingIds, 1, `${where}: one #main-heading`);
  assert.ok(state.wasmBindings, `${where}: window.wasmBindings was clobbered`);
  assert.equal(state.cookie, 'string', `${where}: document.cookie was clobbered`);
  assert.equal(state.bases, 0, `${where}: a <base> element reached the document`);
  assert.ok(state.baseURI, `${where}: the base URI changed`);
  assert.deepEqual(state.scripts, [], `${where}: script elements from the bundle reached the document`);
  assert.ok(state.bodyVisible, `${where}: post CSS hid the page`);
  assert.deepEqual(problems(page), [], `${where}: dialogs, uncaught exceptions or console errors`);
}

/** Static checks of the sanitised body and of every URL in the document. */
async function assertInertDom(page, where) {
  const found = await page.evaluate(({ forbidden, forbiddenAttributes }) => {
    const bad = [];
    const body = document.querySelector('.article-body');
    const describe = (el) => `<${el.tagName.toLowerCase()}${[...el.attributes].map((a) => ` ${a.name}="${a.value.slice(0, 40)}"`).join('')}>`;
    const dangerous = (value) => /^(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
    if (body) {
      for (const tag of forbidden) {
        for (const el of body.getElementsByTagName(tag)) bad.push(`forbidden element ${describe(el)}`);
      }
      for (const el of body.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) bad.push(`handler ${a.name} on ${describe(el)}`);
          if (forbiddenAttributes.includes(a.name.toLowerCase())) bad.push(`attribute ${a.name} on ${describe(el)}`);
          if (a.name === 'id' && !a.value.startsWith('user-content-')) bad.push(`unprefixed id on ${describe(el)}`);
        }
        if (el.tagName === 'A' && el.hasAttribute('href')) {
          if (el.getAttribute('target') !== '_blank') bad.push(`link without target=_blank ${describe(el)}`);
          if (!/\bnoopener\b/.test(el.rel) || !/\bnoreferrer\b/.test(el.rel)) bad.push(`link without rel=noopener noreferrer ${describe(el)}`);
        }
      }
    }
    // Every URL-bearing attribute anywhere in the document.
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name) && !body?.contains(el)) bad.push(`handler ${a.name} outside the body on ${describe(el)}`);
        const values = a.name === 'srcset' ? a.value.split(',').map((c) => c.trim().split(/\s+/)[0]) : [a.value];
        if (['href', 'src', 'srcset', 'cite', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href'].includes(a.name)
          && values.some(dangerous)) bad.push(`dangerous URL in ${a.name} on ${describe(el)}`);
      }
      if (el.tagName === 'A' && el.href && !['http:', 'https:', 'mailto:'].includes(new URL(el.href).protocol)
        && el.href.split('#')[0] !== location.href.split('#')[0]) bad.push(`link to ${el.href}`);
    }
    return bad;
  }, { forbidden: FORBIDDEN, forbiddenAttributes: FORBIDDEN_ATTRIBUTES });
  assert.deepEqual(found, [], `${where}: unsafe markup in the page`);
}

/**
 * Hovers over every element of the body (the viewport is tall enough to hold
 * a whole post), focuses each one, fires the events a surviving inline
 * handler would answer to, and tabs through the body with the keyboard.
 */
async function poke(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const boxes = await page.locator('.article-body').evaluate((body) => [...body.querySelectorAll('*')]
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0 && r.bottom > 0)
    .map((r) => ({ x: r.x + Math.min(r.width / 2, 20), y: r.y + Math.min(r.height / 2, 10) })));
  for (const { x, y } of boxes) await page.mouse.move(x, y, { steps: 2 });
  await page.evaluate((events) => {
    for (const el of document.querySelectorAll('.article-body *')) {
      el.focus?.();
      for (const type of events) el.dispatchEvent(new Event(type, { bubbles: false }));
    }
  }, EVENTS);
  await page.locator('#main-heading').focus();
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => Boolean(document.activeElement?.closest('.post-nav, .source-link, aside, footer')))) break;
  }
  await page.mouse.move(0, 0);
  return boxes.length;
}

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

test('the hostile fixture is what this test expects', () => {
  assert.equal(HOSTILE.format, 'folio-bundle');
  assert.ok(HOSTILE.posts.length >= 8);
  const text = JSON.stringify(HOSTILE);
  for (const needle of ['<script>', 'onerror=', 'javascript:', 'JaVaScRiPt:', '&#106;avascript', 'srcset=', 'cite=', 'formaction=',
    'srcdoc=', '<object', '<embed', 'http-equiv=\\"refresh', '<base', 'expression(', '<noscript>', '<template>', '<math>', '<animate',
    'id=\\"main-heading', 'id=\\"folio-root', 'name=\\"getElementById']) {
    assert.ok(text.includes(needle), `hostile.json covers ${needle}`);
  }
});

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
