// Shared set-up for the browser tests: Debian's Chromium through
// playwright-core, a static server on dist/, and pages that record every
// console error, uncaught exception and dialog.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveStatic } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = resolve(process.env.FOLIO_DIST ?? join(ROOT, 'dist'));
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchBrowser() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run \`trunk build --release\` first (scripts/test.sh does)`);
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Serves dist/ at / and tests/fixtures at /fixtures/. */
export function serveDist(options) {
  return serveStatic({ '/': DIST, '/fixtures/': FIXTURES }, options);
}

/**
 * A fresh page that records problems. `page.problems` lists console errors,
 * uncaught exceptions, Content-Security-Policy violations and any dialog
 * (alert/confirm/prompt) that opened.
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  // Content-Security-Policy violations are problems too: report each one as a
  // console error, which the listener below records.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    const where = m.location()?.url ? ` (${m.location().url})` : '';
    if (m.type() === 'error') page.problems.push(`console error: ${m.text()}${where}`);
  });
  page.on('pageerror', (e) => page.problems.push(`uncaught: ${e.message}`));
  page.on('dialog', async (d) => {
    page.problems.push(`dialog: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  return page;
}

/** Waits until the app has replaced the boot message with a page heading. */
export async function waitForHeading(page, name) {
  const heading = page.getByRole('heading', { level: 1, ...(name ? { name } : {}) });
  await heading.waitFor({ timeout: 15_000 });
  return heading;
}

/** A 1×1 GIF: what images on other hosts get, since this machine is offline. */
const BLANK_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Sets up one test file: a browser and the dist/ server for the whole file
 * (node:test `before`/`after` hooks), and fresh browser contexts that are
 * closed after each test. Returns `viewer` with:
 *
 * - `viewer.server`: the dist/ server (`origin`, `requests`), once started;
 * - `viewer.newPage(contextOptions)`: a page that records problems (see
 *   `openPage`), counts the browser's own `/favicon.ico` errors in
 *   `page.favicon404s`, and answers requests to other hosts with a blank image
 *   (listing them in `page.external`), so that posts' images neither hang nor
 *   log network errors;
 * - `viewer.cleanup(fn)`: runs `fn` after the current test.
 */
export function useViewer() {
  const pages = [];
  const cleanups = [];
  const viewer = {
    browser: undefined,
    server: undefined,
    cleanup: (fn) => cleanups.push(fn),
    async newPage(contextOptions) {
      const page = await openPage(viewer.browser, contextOptions);
      page.setDefaultTimeout(5_000);
      page.favicon404s = 0;
      page.on('console', (m) => {
        if (m.type() === 'error' && /\/favicon\.ico$/.test(m.location()?.url ?? '')) page.favicon404s += 1;
      });
      page.external = [];
      await page.context().route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => {
        page.external.push(route.request().url());
        return route.fulfill({ status: 200, contentType: 'image/gif', body: BLANK_GIF });
      });
      pages.push(page);
      return page;
    },
  };
  before(async () => {
    viewer.browser = await launchBrowser();
    viewer.server = await serveDist();
  });
  after(async () => {
    await viewer.browser?.close();
    await viewer.server?.close();
  });
  afterEach(async () => {
    while (pages.length) await pages.pop().context().close();
    while (cleanups.length) await cleanups.pop()();
  });
  return viewer;
}

/** A page's problems, less the browser's own `/favicon.ico` request errors. */
export function problems(page) {
  let skip = page.favicon404s ?? 0;
  return page.problems.filter((p) => !(skip > 0 && p.startsWith('console error: Failed to load resource') && skip--));
}
