// Shared set-up for the browser tests: Debian's Chromium through
// playwright-core, a static server on dist/, and pages that record every
// console error, uncaught exception and dialog.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = resolve(process.env.FOLIO_DIST ?? join(ROOT, 'dist'));
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

const CHROMIUM_ARGS = [
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
 * uncaught exceptions and any dialog (alert/confirm/prompt) that opened.
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`);
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
