// The deployable folder from `folio build samples/site -o <tmp> --with-viewer dist`,
// served under /archive/ of a plain static server (no rewrites, a 404.html for
// missing files, as static hosts do): the archive works from a subfolder, deep
// links survive reloads, history works, and a missing page lands on the
// viewer's not-found page. No console errors and no CSP violations.
//
// With FOLIO_LAYOUT=chunked the folder is built with `--chunked --page-size
// 20` (what a large archive gets), and the same checks hold.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, problems, useViewer, waitForHeading } from '../support/browser.mjs';
import { serveStatic } from '../support/server.mjs';
import { expectPage as expectPageWithin, listedTitles } from '../support/pages.mjs';
import { inArchiveOrder } from '../support/sample.mjs';

/** A page of the deployed site; the first visit to a folder also loads the viewer, hence the longer wait. */
const expectPage = (page, heading, title) => expectPageWithin(page, heading, title, { timeout: 10_000 });

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED_ID = '000_dacaaeb1a3c7b9ba';
const PAGE_SIZE = 20;
const CHUNKED = process.env.FOLIO_LAYOUT === 'chunked';

const viewer = useViewer();
let site;
let server;
let base;
let bundle;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'folio-deploy-'));
  // The real CLI, as docs/deploy.md runs it (debug build: brotli 11 on the
  // wasm file takes a while there).
  const layout = CHUNKED ? ['--chunked', '--page-size', String(PAGE_SIZE)] : [];
  execFileSync('cargo', ['run', '--quiet', '-p', 'folio-cli', '--', 'build', 'samples/site', '-o', site, '--with-viewer', DIST, '--quiet', ...layout], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // The posts to expect: the built bundle's, or for a chunked build, the same
  // site's single-file bundle (static/bundle.json, checked fresh by test.sh).
  bundle = JSON.parse(readFileSync(join(site, 'bundle.json'), 'utf8'));
  if (CHUNKED) {
    assert.equal(bundle.layout, 'chunked');
    bundle = JSON.parse(readFileSync(join(ROOT, 'static', 'bundle.json'), 'utf8'));
  }
  server = await serveStatic({ '/archive/': site }, { notFound: { '/archive/': join(site, '404.html') } });
  base = `${server.origin}/archive/`;
}, { timeout: 600_000 });

after(async () => {
  await server?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

const SITE = () => bundle.site.title;
const post = (id) => bundle.posts.find((p) => p.id === id) ?? assert.fail(`no post ${id} in the built bundle`);
const newest = () => inArchiveOrder(bundle.posts);

function assertNoProblems(page) {
  assert.deepEqual(problems(page), [], 'console errors, uncaught exceptions, CSP violations or dialogs');
}

/** Only files under /archive/ were asked for (and the browser's own /favicon.ico). */
function assertStaysInSubfolder() {
  const outside = server.requests.filter((p) => !p.startsWith('/archive/') && p !== '/favicon.ico');
  assert.deepEqual(outside, [], 'every URL the viewer uses is relative to its folder');
}

test('the folder holds the viewer, the site bundle, _headers, 404.html and compressed copies', () => {
  const files = readdirSync(site);
  for (const name of readdirSync(DIST).filter((n) => n !== 'bundle.json')) {
    assert.ok(files.includes(name), `${name} copied from dist/`);
  }
  for (const name of ['bundle.json', 'bundle.json.br', 'bundle.json.gz', 'index.html.br', '_headers', '404.html']) {
    assert.ok(files.includes(name), `${name} written`);
  }
  const wasm = files.find((n) => n.endsWith('_bg.wasm'));
  assert.ok(wasm && files.includes(`${wasm}.br`) && files.includes(`${wasm}.gz`), 'the wasm file has .br and .gz copies');
  assert.match(readFileSync(join(site, '_headers'), 'utf8'), new RegExp(`\\n/${wasm.replace(/\./g, '\\.')}\\n  Cache-Control: public, max-age=31536000, immutable\\n`));
  assert.equal(bundle.format, 'folio-bundle');
  assert.ok(existsSync(join(ROOT, 'samples', 'site')));
  assert.equal(files.includes('bundle'), CHUNKED, 'the chunks folder exists exactly for a chunked build');
});

test('home renders from the subfolder and lists the newest posts', async () => {
  const page = await viewer.newPage();
  await page.goto(base);
  await waitForHeading(page);
  await expectPage(page, '最新文章', SITE());
  assert.deepEqual(await listedTitles(page), newest().slice(0, PAGE_SIZE).map((p) => p.title));
  assertNoProblems(page);
  assertStaysInSubfolder();
});

test('a deep link to an article survives a reload, and back and forward work', async () => {
  const page = await viewer.newPage();
  const seed = post(SEED_ID);
  await page.goto(`${base}#/post/${SEED_ID}`);
  await expectPage(page, seed.title, `${seed.title} · ${SITE()}`);
  await page.reload();
  await expectPage(page, seed.title, `${seed.title} · ${SITE()}`);
  assert.equal(new URL(page.url()).pathname, '/archive/');

  const tag = seed.tags[0];
  await page.getByRole('article').getByRole('link', { name: tag, exact: true }).click();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE()}`);
  const tagged = newest().filter((p) => (p.tags ?? []).includes(tag));
  assert.deepEqual(await listedTitles(page), tagged.slice(0, PAGE_SIZE).map((p) => p.title));
  await page.goBack();
  await expectPage(page, seed.title, `${seed.title} · ${SITE()}`);
  await page.goForward();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE()}`);
  await page.reload();
  await expectPage(page, `标签：${tag}`, `标签：${tag} · ${SITE()}`);
  assertNoProblems(page);
  assertStaysInSubfolder();
});

test('a missing page under the subfolder gets 404.html, which lands on the not-found page', async () => {
  const page = await viewer.newPage();
  const missing = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(new URL(r.url()).pathname);
  });
  const response = await page.goto(`${base}does-not-exist`);
  assert.equal(response.status(), 404);
  await page.waitForURL(`${base}#/not-found`, { timeout: 10_000 });
  await expectPage(page, '页面不存在', `页面不存在 · ${SITE()}`);
  await page.getByRole('main').getByRole('link', { name: '返回最新文章', exact: true }).click();
  await expectPage(page, '最新文章', SITE());
  // The one expected 404 (the missing page itself) logs a console error; any
  // other console error, or any CSP violation in 404.html or the viewer, fails.
  const expected404 = missing.filter((p) => p === '/archive/does-not-exist').length;
  const rest = problems(page).filter((p, i, all) =>
    !(p.startsWith('console error: Failed to load resource') && all.slice(0, i + 1).filter((q) => q.startsWith('console error: Failed to load resource')).length <= expected404));
  assert.deepEqual(rest, [], 'console errors, uncaught exceptions, CSP violations or dialogs');
  assertStaysInSubfolder();
});
