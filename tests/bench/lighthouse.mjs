// Lighthouse scores of the static site (issue 10): an article, the home page
// and a tag page, on mobile (Lighthouse's default: a Moto G-class phone on
// slow 4G, simulated) and on desktop, with Debian's Chromium.
//
//   node tests/bench/lighthouse.mjs [--runs 3]
//
// Needs dist/ (`trunk build --release`); builds the sample site with the
// release CLI, published at the benchmark server's own origin so that its
// canonical links, sitemap and robots.txt are the ones Lighthouse checks.
// The server compresses with brotli, as a CDN does. Each score is the median
// of the runs; audits that cost a category points are listed under the table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { DIST } from '../support/browser.mjs';
import { ROOT, SEED_ID } from '../support/sample.mjs';
import { serveStatic } from '../support/server.mjs';
import { postPath, tagPath } from '../support/site.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const site = mkdtempSync(join(tmpdir(), 'folio-lighthouse-'));
const server = await serveStatic({ '/': site }, { notFound: { '/': join(site, '404.html') }, compress: true });
execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'folio-cli', '--', 'build', 'samples/site', '-o', site,
  '--viewer', DIST, '--public-url', `${server.origin}/`, '--article-type', 'news', '--page-size', '20', '--quiet'],
{ cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });

const pages = [
  ['article', `${server.origin}/${postPath(SEED_ID)}`],
  ['home', `${server.origin}/`],
  ['tag', `${server.origin}/${tagPath('华夏时报新闻')}`],
];
const formFactors = [['mobile', undefined], ['desktop', desktopConfig]];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const rows = [];
const losses = new Map();
try {
  for (const [formFactor, config] of formFactors) {
    for (const [name, url] of pages) {
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
      const metrics = { lcp: [], tbt: [], cls: [] };
      for (let run = 0; run < runs; run++) {
        const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES }, config);
        if (lhr.runtimeError) throw new Error(`${name} (${formFactor}): ${lhr.runtimeError.message}`);
        for (const c of CATEGORIES) {
          scores[c].push(Math.round(lhr.categories[c].score * 100));
          for (const ref of lhr.categories[c].auditRefs) {
            const audit = lhr.audits[ref.id];
            if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
              const key = `${c}: ${ref.id} (${audit.title})`;
              const seen = losses.get(key) ?? new Set();
              losses.set(key, seen.add(`${name} ${formFactor}${audit.displayValue ? ` ${audit.displayValue}` : ''}`));
            }
          }
        }
        metrics.lcp.push(lhr.audits['largest-contentful-paint'].numericValue);
        metrics.tbt.push(lhr.audits['total-blocking-time'].numericValue);
        metrics.cls.push(lhr.audits['cumulative-layout-shift'].numericValue);
      }
      rows.push([formFactor, name, ...CATEGORIES.map((c) => median(scores[c])),
        `${Math.round(median(metrics.lcp))} ms`, `${Math.round(median(metrics.tbt))} ms`, median(metrics.cls).toFixed(3)]);
      console.error(`${formFactor} ${name}: ${rows.at(-1).slice(2).join(' / ')}`);
    }
  }
} finally {
  await chrome.kill();
  await server.close();
  rmSync(site, { recursive: true, force: true });
}

const chromium = execFileSync(process.env.CHROME_PATH ?? '/usr/bin/chromium', ['--version']).toString().trim();
console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, ${chromium}, median of ${runs} runs\n`);
console.log('| form factor | page | performance | accessibility | best practices | SEO | LCP (simulated) | TBT | CLS |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
if (losses.size) {
  console.log('\nAudits that cost points:\n');
  for (const [key, where] of losses) console.log(`- ${key}: ${[...where].join('; ')}`);
}
