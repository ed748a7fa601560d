// `folio serve` in the browser (issue 12): a site from `folio init`, served
// around dist/; an edit of a post's title on disk shows in the open page
// without a manual reload; a broken post shows its error over the page,
// which keeps the last good build, until it is fixed. The live-reload
// script runs under the pages' strict CSP with no violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, problems, useViewer } from '../support/browser.mjs';
import { ROOT } from '../support/sample.mjs';
import { waitInPage } from '../support/pages.mjs';

const viewer = useViewer();
let root;
let site;
let serve;
let origin;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'folio-serve-'));
  site = join(root, 'blog');
  const folio = (...args) => execFileSync('cargo', ['run', '--quiet', '-p', 'folio-cli', '--', ...args], { cwd: ROOT });
  folio('init', site);
  folio('build', '--help'); // builds the binary, so the spawn below starts at once
  serve = spawn('cargo', ['run', '--quiet', '-p', 'folio-cli', '--', 'serve', site, '--port', '0', '--viewer', DIST], {
    // Its own process group, so that stopping it stops folio, not only cargo.
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true,
  });
  serve.output = '';
  let timer;
  origin = await new Promise((resolve, reject) => {
    serve.stdout.on('data', (chunk) => {
      serve.output += chunk;
      const found = /serving at (http:\/\/[^/\s]+)\//.exec(serve.output);
      if (found) resolve(found[1]);
    });
    serve.on('exit', (code) => reject(new Error(`folio serve exited with ${code}:\n${serve.output}`)));
    timer = setTimeout(() => reject(new Error(`folio serve did not start:\n${serve.output}`)), 60_000);
  }).finally(() => clearTimeout(timer));
});

after(() => {
  if (serve?.exitCode === null) process.kill(-serve.pid);
  if (root) rmSync(root, { recursive: true, force: true });
});

const postFile = () => join(site, '_posts', readdirSync(join(site, '_posts')).find((f) => f.includes('welcome')));
const heading = (page) => page.textContent('h1');

test('an edit on disk shows in the open page, and a broken post shows over it until fixed', async () => {
  const page = await viewer.newPage();
  const connected = page.waitForRequest((r) => r.url() === `${origin}/__folio/live`, { timeout: 15_000 });
  await page.goto(`${origin}/post/welcome-to-folio/`);
  assert.equal(await heading(page), 'Welcome to Folio');
  await connected;
  const welcome = readFileSync(postFile(), 'utf8');

  writeFileSync(postFile(), welcome.replace('title: Welcome to Folio', 'title: 你好，Folio'));
  await waitInPage(page, () => document.querySelector('h1')?.textContent === '你好，Folio', null, async () => `the new title, with no manual reload; the page shows ${await heading(page)}`, 15_000);
  assert.equal(new URL(page.url()).pathname, '/post/welcome-to-folio/', 'the same page');

  const broken = join(site, '_posts', '2026-11-30-broken.md');
  writeFileSync(broken, '---\ntitle: [never closed\n---\nText.\n');
  const overlay = page.getByRole('alert');
  await overlay.waitFor({ timeout: 15_000 });
  assert.match(await overlay.textContent(), /2026-11-30-broken\.md:3: front matter is not valid YAML/);
  assert.match(await overlay.textContent(), /still showing the last good one/);
  assert.equal(await heading(page), '你好，Folio', 'the last good build stays');

  const brokenBuild = await page.evaluate(() => document.documentElement.dataset.folioServeBuild);
  writeFileSync(broken, '---\ntitle: Fixed now\n---\nText.\n');
  await waitInPage(page, () => !document.querySelector('.folio-serve-error'), null, () => 'the overlay goes once fixed', 15_000);
  // The good build reloads the page: let that reload finish before leaving.
  await page.waitForFunction((b) => document.documentElement.dataset.folioServeBuild > b
    && document.readyState === 'complete', Number(brokenBuild), { timeout: 15_000 });
  await page.goto(`${origin}/`);
  await waitInPage(page, () => document.body.textContent.includes('Fixed now'), null, () => 'the fixed post is listed', 15_000);
  assert.deepEqual(problems(page), [], 'no CSP violation, no console error');
  writeFileSync(postFile(), welcome);
});
