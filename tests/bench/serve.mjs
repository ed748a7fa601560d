// Benchmark of `folio serve` (issue 12's budgets), in headless Chromium:
//
// - cold start: from the command to "serving at", and to the search index;
// - edit → reload: a post's title is changed on disk while its page is open,
//   timed until the page shows the new title (the watcher, the incremental
//   rebuild, the live-reload event and the browser's reload, all of it).
//
//   node tests/bench/serve.mjs SITE [--edits 7] [--pause 3000]
//
// SITE is a Jekyll site (such as the 10,000 synthetic posts that
// scripts/test.sh writes to target/e2e-chunked/synth10k-site); it is copied,
// never changed. Needs dist/ (`trunk build --release`); builds the release
// binary itself. `--pause` is the time between edits, in milliseconds: the
// search index of each edit is written on a thread of its own once edits
// pause for 750 ms, so edits closer than its few seconds overlap it.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DIST, launchBrowser } from '../support/browser.mjs';
import { ROOT } from '../support/sample.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { edits: { type: 'string', default: '7' }, pause: { type: 'string', default: '3000' } },
});
if (positionals.length !== 1) {
  console.error('usage: node tests/bench/serve.mjs SITE [--edits 7] [--pause 3000]');
  process.exit(2);
}
const edits = Number(values.edits);
const pause = Number(values.pause);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'folio-cli'], { cwd: ROOT, stdio: 'inherit' });
const root = mkdtempSync(join(tmpdir(), 'folio-bench-serve-'));
const site = join(root, 'site');
cpSync(positionals[0], site, { recursive: true });
const posts = readdirSync(join(site, '_posts')).filter((name) => name.endsWith('.md')).sort();

const started = performance.now();
const serve = spawn(join(ROOT, 'target/release/folio'), ['serve', site, '--port', '0', '--viewer', DIST], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
const lines = [];
const waitFor = (pattern) => new Promise((resolve, reject) => {
  const check = () => {
    const found = pattern.exec(output);
    if (found) {
      resolve(found);
      return true;
    }
    return false;
  };
  if (check()) return;
  const listener = () => { if (check()) serve.stdout.off('data', listener); };
  serve.stdout.on('data', listener);
  serve.once('exit', (code) => reject(new Error(`folio serve exited with ${code}:\n${output}`)));
});
serve.stdout.on('data', (chunk) => {
  output += chunk;
  lines.push(...String(chunk).split('\n').filter(Boolean));
});

let browser;
try {
  const [, origin] = await waitFor(/serving at (http:\/\/[^/\s]+)\//);
  const serving = performance.now() - started;
  await waitFor(/search index of \d+ posts written/);
  const searchable = performance.now() - started;

  browser = await launchBrowser();
  const page = await browser.newPage();
  const reloads = [];
  for (let i = 0; i < edits; i += 1) {
    // A post from the middle of the archive: its page, and two neighbours.
    const name = posts[Math.floor((posts.length * (i + 1)) / (edits + 1))];
    const id = name.replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\.md$/, '');
    const response = await page.goto(`${origin}/post/${id}/`);
    if (!response.ok()) throw new Error(`${origin}/post/${id}/ answered ${response.status()}`);
    // Live once the server has told it its build number.
    await page.waitForFunction(() => document.documentElement.dataset.folioServeBuild, null, { timeout: 10_000 });
    const title = `改过的标题 ${i} ${Date.now()}`;
    const file = join(site, '_posts', name);
    const text = readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: "${title}"`);
    const edited = performance.now();
    writeFileSync(file, text);
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), title, { timeout: 60_000 });
    reloads.push(performance.now() - edited);
    await sleep(pause);
  }
  const rebuilds = lines.filter((l) => l.startsWith('rebuilt in')).map((l) => Number(/rebuilt in (\d+) ms/.exec(l)[1]));
  console.log('| what | measured |');
  console.log('|---|---|');
  console.log(`| cold start, until serving | ${(serving / 1000).toFixed(1)} s |`);
  console.log(`| cold start, until the search index is written | ${(searchable / 1000).toFixed(1)} s |`);
  console.log(`| edit → page shows the new title (${edits} edits, ${pause} ms apart) | median ${median(reloads).toFixed(0)} ms, ${Math.min(...reloads).toFixed(0)}–${Math.max(...reloads).toFixed(0)} ms |`);
  console.log(`| of which the rebuild (its own log) | median ${median(rebuilds)} ms, ${Math.min(...rebuilds)}–${Math.max(...rebuilds)} ms |`);
} finally {
  await browser?.close();
  serve.kill();
  rmSync(root, { recursive: true, force: true });
}
