// Waiting for and checking what a page shows: its heading and title, focus,
// its list, its URL. Every wait that times out fails its test with what the
// page showed instead.
import assert from 'node:assert/strict';

/**
 * Waits until `condition` (run in the page with `arg`) is true. On timeout,
 * fails the test with `explain()`'s message, so the failure says what the
 * page showed instead.
 */
export async function waitInPage(page, condition, arg, explain, timeout = 5_000) {
  try {
    await page.waitForFunction(condition, arg, { timeout });
  } catch (error) {
    if (page.isClosed()) throw error;
    assert.fail(`${await explain()} (after ${timeout} ms)`);
  }
}

/** Polls `probe` in Node until it returns something truthy, and returns it; fails with `message()` on timeout. */
export async function waitUntil(probe, message, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`${await message()} (after ${timeout} ms)`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits for `document.title` to be `title`. */
export async function expectTitle(page, title, what = page.url()) {
  await waitInPage(page, (t) => document.title === t, title,
    async () => `document.title of ${what} should be ${JSON.stringify(title)}, is ${JSON.stringify(await page.title())}`, 2_000);
}

/** Waits for the page with this h1, then checks it is the only h1 and the title. */
export async function expectPage(page, heading, title, { timeout = 5_000 } = {}) {
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor({ timeout }).catch(async () => {
    const shown = await page.locator('h1').allInnerTexts();
    assert.fail(`expected the page "${heading}" at ${page.url()}, found h1 ${JSON.stringify(shown)}`);
  });
  assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
  assert.equal(await page.locator('h1#main-heading[tabindex="-1"]').count(), 1, 'the h1 is #main-heading with tabindex=-1');
  await expectTitle(page, title, `"${heading}"`);
}

/** Waits for focus to be on the page's h1. */
export async function expectFocusOnHeading(page) {
  await waitInPage(page, () => document.activeElement?.id === 'main-heading', null, async () => {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
    return `focus should be on the h1 after navigating to ${page.url()}, but is on ${active}`;
  }, 2_000);
}

/** Waits for the URL to pass `accept` (a predicate on a URL), naming `what` it should be. */
export async function expectUrl(page, accept, what) {
  await page.waitForURL(accept, { timeout: 3_000 }).catch(() => {
    assert.fail(`the URL should be ${what}, is ${decodeURIComponent(page.url())}`);
  });
}

/** Titles of the posts listed in the main region, in order. */
export async function listedTitles(page) {
  // A chunked archive shows "loading" in place of the list while it is fetched.
  await page.locator('.part-loading').waitFor({ state: 'detached', timeout: 5_000 });
  return page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 }).allInnerTexts();
}

/** The URL's hash, decoded. */
export const hashOf = (page) => decodeURI(new URL(page.url()).hash);

/**
 * Types `query` into the header's search box and waits for its results:
 * `{ start, end, ms }`, the page's clock (`performance.now()`) at the input
 * event that brings the query into the box and at the frame that shows its
 * results, and the milliseconds between. Measured in the page, so that
 * Playwright's own round trips are not counted (the benchmarks).
 */
export async function timeSearch(page, query) {
  await page.evaluate((q) => {
    const clock = (window.folioSearchClock = { start: null, end: null });
    document.querySelector('#site-search-input').addEventListener('input', () => { clock.start ??= performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.search-status')?.textContent.includes(`“${q}”`)) return;
      observer.disconnect();
      requestAnimationFrame(() => { clock.end = performance.now(); });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, query);
  await page.fill('#site-search-input', query);
  await page.waitForFunction(() => window.folioSearchClock.end !== null, null, { timeout: 30_000 });
  const { start, end } = await page.evaluate(() => window.folioSearchClock);
  return { start, end, ms: Math.round(end - start) };
}
