// The hostile archive (tests/fixtures/hostile.json, written by
// tests/fixtures/make-hostile.mjs) and the checks that it stayed inert:
// every payload sets window.__pwned to its case name if it ever runs. Used by
// the viewer's security suite (security.test.mjs) and by the static site's
// (site-security.test.mjs).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, problems } from './browser.mjs';

export const HOSTILE = JSON.parse(readFileSync(join(FIXTURES, 'hostile.json'), 'utf8'));
export const HOSTILE_SITE = HOSTILE.site.title;
/** The hostile posts in archive order. */
export const HOSTILE_POSTS = [...HOSTILE.posts].sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || (a.id < b.id ? -1 : 1));

/** Elements that must never come out of the sanitiser. */
const FORBIDDEN = ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'style', 'link', 'meta', 'base',
  'svg', 'math', 'form', 'button', 'select', 'textarea', 'template', 'noscript', 'video', 'audio', 'isindex', 'marquee',
  'title', 'xmp', 'foreignObject'];
/** Attributes that carry code or URLs the policy does not allow at all. */
const FORBIDDEN_ATTRIBUTES = ['style', 'srcdoc', 'formaction', 'action', 'background', 'xlink:href', 'data', 'ping', 'autofocus'];
/** Events a surviving inline handler would answer to; dispatched on every body element. */
const EVENTS = ['mouseover', 'mouseenter', 'mousemove', 'mouseout', 'pointerover', 'pointerenter', 'focus', 'focusin', 'blur',
  'load', 'error', 'toggle', 'animationstart', 'animationend', 'transitionend', 'input', 'change', 'start', 'keydown'];

/**
 * The hostile archive as a Jekyll site (HTML posts with front matter), for
 * `folio build`: the same posts, titles and metadata as the bundle. Returns
 * the site's folder.
 */
export function writeHostileSite() {
  const dir = mkdtempSync(join(tmpdir(), 'folio-hostile-site-'));
  mkdirSync(join(dir, '_posts'));
  const yaml = (value) => JSON.stringify(value); // JSON strings and arrays are YAML
  writeFileSync(join(dir, '_config.yml'), [
    `title: ${yaml(HOSTILE.site.title)}`,
    `description: ${yaml(HOSTILE.site.description)}`,
    `lang: ${yaml(HOSTILE.site.lang)}`,
    `url: ${yaml(HOSTILE.site.base_url)}`,
    '',
  ].join('\n'));
  HOSTILE.posts.forEach((post, i) => {
    const front = [
      '---',
      `title: ${yaml(post.title)}`,
      `date: ${yaml(post.date.replace('T', ' ').replace(/([+-]\d\d):(\d\d)$/, ' $1$2'))}`,
      `slug: ${yaml(post.id)}`,
      ...['categories', 'tags', 'author', 'excerpt', 'lang', 'source_url']
        .filter((key) => post[key] !== undefined)
        .map((key) => `${key}: ${yaml(post[key])}`),
      '---',
      '',
    ];
    writeFileSync(join(dir, '_posts', `${post.date.slice(0, 10)}-post-${i}.html`), front.join('\n') + post.content_html);
  });
  return dir;
}

/**
 * Nothing ran, nothing opened, the page is still where it was and the
 * viewer's own elements are intact. `origin` is the site's; `dataScripts`
 * allows the static pages' JSON blocks (JSON-LD and the article's data),
 * which are never executed.
 */
export async function assertNotPwned(page, where, { origin, dataScripts = false } = {}) {
  const state = await page.evaluate((allowData) => {
    const root = document.getElementById('folio-root');
    const heading = document.getElementById('main-heading');
    const isData = (s) => allowData && ['application/ld+json', 'application/json'].includes(s.type);
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
      scripts: [...document.scripts].filter((s) => !isData(s) && (root?.contains(s) || s.textContent.includes('__pwned'))).map((s) => s.outerHTML.slice(0, 80)),
      refresh: document.querySelectorAll('meta[http-equiv]:not([http-equiv="Content-Security-Policy"])').length,
      bodyVisible: getComputedStyle(document.body).display !== 'none',
    };
  }, dataScripts);
  assert.equal(state.pwned, null, `${where}: a payload ran (window.__pwned = ${state.pwned})`);
  assert.equal(state.origin, origin, `${where}: the page navigated away`);
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
  assert.equal(state.refresh, 0, `${where}: a <meta http-equiv> from a post reached the document`);
  assert.ok(state.bodyVisible, `${where}: post CSS hid the page`);
  assert.deepEqual(problems(page), [], `${where}: dialogs, uncaught exceptions or console errors`);
}

/**
 * Static checks of the sanitised body and of every URL in the document:
 * no forbidden element or attribute, no handler, every id prefixed, links
 * to other sites open in a new tab without a referrer, and no URL anywhere
 * that could run code.
 */
export async function assertInertDom(page, where) {
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
          const external = new URL(el.href).origin !== location.origin;
          if (external && el.getAttribute('target') !== '_blank') bad.push(`link to another site without target=_blank ${describe(el)}`);
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
 * Returns how many elements it hovered over.
 */
export async function poke(page) {
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

/** hostile.json covers every payload family the suites expect. */
export function assertHostileFixtureIsComplete() {
  assert.equal(HOSTILE.format, 'folio-bundle');
  assert.ok(HOSTILE.posts.length >= 8);
  const text = JSON.stringify(HOSTILE);
  for (const needle of ['<script>', 'onerror=', 'javascript:', 'JaVaScRiPt:', '&#106;avascript', 'srcset=', 'cite=', 'formaction=',
    'srcdoc=', '<object', '<embed', 'http-equiv=\\"refresh', '<base', 'expression(', '<noscript>', '<template>', '<math>', '<animate',
    'id=\\"main-heading', 'id=\\"folio-root', 'name=\\"getElementById']) {
    assert.ok(text.includes(needle), `hostile.json covers ${needle}`);
  }
}
