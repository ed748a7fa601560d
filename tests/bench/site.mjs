// Browser benchmark of the static site (issue 10's budgets), side by side in
// one run, on one static server, in headless Chromium:
//
// - largest contentful paint of an article deep link, the home page and a
//   tag page, cold (a fresh browser context each load): the static page,
//   a plain hand-written HTML page of the same content with the same CSS,
//   and the viewer on its own (hash route) for comparison;
// - the layout shift when the app takes the page over, and when it is live;
// - the bytes needed for first paint (HTML and CSS, brotli), against the
//   article's own size;
// - the code an interactive list page downloads (everything but the
//   sanitiser module), brotli.
//
//   node tests/bench/site.mjs [--runs 9]
//
// Needs dist/ (`trunk build --release`) and builds the sample site itself
// with the CLI. Prints Markdown tables for docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import { DIST, launchBrowser } from '../support/browser.mjs';
import { ROOT, SEED_ID } from '../support/sample.mjs';
import { serveStatic } from '../support/server.mjs';
import { postPath, tagPath } from '../support/site.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// The site, served at /site/; the viewer alone at /app/; plain pages at /plain/.
const site = mkdtempSync(join(tmpdir(), 'folio-bench-site-'));
const plain = mkdtempSync(join(tmpdir(), 'folio-bench-plain-'));
const server = await serveStatic({ '/site/': site, '/app/': DIST, '/plain/': plain });
execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'folio-cli', '--', 'build', 'samples/site', '-o', site,
  '--viewer', DIST, '--public-url', `${server.origin}/site/`, '--article-type', 'news', '--page-size', '20', '--quiet'],
{ cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });

const manifest = JSON.parse(readFileSync(join(DIST, 'folio-viewer.json'), 'utf8'));
const sample = JSON.parse(readFileSync(join(ROOT, 'static', 'bundle.json'), 'utf8'));
const seed = sample.posts.find((p) => p.id === SEED_ID);
const tag = seed.tags[0];
const newest = [...sample.posts].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));

// Plain hand-written pages: the same content as the static page's main
// region, the same stylesheet, no script, no sidebar.
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
writeFileSync(join(plain, manifest.css), readFileSync(join(DIST, manifest.css)));
const plainPage = (title, main) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="stylesheet" href="${manifest.css}">
</head>
<body>
<header class="site-header"><p class="site-title"><a href="./">${escape(sample.site.title)}</a></p></header>
<div class="site-body"><main id="main" class="site-main">${main}</main></div>
</body>
</html>
`;
const list = (posts) => `<ul class="post-list">${posts.slice(0, 20).map((p) => `<li class="post-card"><h2><a href="#">${escape(p.title)}</a></h2><p class="post-meta"><time datetime="${p.date}">${p.date.slice(0, 10)}</time></p>${p.excerpt ? `<p class="excerpt">${escape(p.excerpt)}</p>` : ''}</li>`).join('')}</ul>`;
writeFileSync(join(plain, 'article.html'), plainPage(seed.title, `<article class="article"><header class="article-header"><h1 id="main-heading">${escape(seed.title)}</h1><p class="post-meta"><time datetime="${seed.date}">${seed.date.slice(0, 16).replace('T', ' ')}</time></p></header><div class="article-body">${seed.content_html}</div></article>`));
writeFileSync(join(plain, 'home.html'), plainPage(sample.site.title, `<h1 id="main-heading">最新文章</h1>${list(newest)}`));
writeFileSync(join(plain, 'tag.html'), plainPage(`标签：${tag}`, `<h1 id="main-heading">标签：${tag}</h1>${list(newest.filter((p) => (p.tags ?? []).includes(tag)))}`));

// The static pages themselves, as plain HTML: no script, no preloads, no
// metadata beyond the title; the same markup and stylesheet.
const stripped = (html) => html
  .replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link rel="(modulepreload|preload|canonical|alternate|icon)"[^>]*>\n?/g, '')
  .replace(/<meta (name|property)="(?!viewport)[^"]*" content="[^"]*">\n?/g, '')
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, '');

const browser = await launchBrowser();

/**
 * One cold load: largest contentful paint, and for a static page the layout
 * shift and when the app was live.
 */
async function load(url, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__lcp = 0;
    window.__cls = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    const poll = setInterval(() => {
      if (document.documentElement?.hasAttribute('data-folio-live')) {
        window.__live = performance.now();
        clearInterval(poll);
      }
    }, 5);
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  // An app-only page paints its heading after the wasm runs: wait for it.
  await page.waitForFunction(() => window.__lcp > 0 && document.querySelector('h1'), null, { timeout: 20_000 });
  await page.waitForTimeout(300);
  const result = await page.evaluate(() => ({ lcp: window.__lcp, cls: window.__cls, live: window.__live }));
  await context.close();
  return result;
}

const cases = [
  ['article deep link', `/site/${postPath(SEED_ID)}`, '/plain/article.html', `/app/#/post/${SEED_ID}`],
  ['home', '/site/', '/plain/home.html', '/app/#/'],
  ['tag page', `/site/${tagPath(tag)}`, '/plain/tag.html', `/app/#/tag/${encodeURIComponent(tag)}`],
];
// Beside each static page, a copy stripped to plain HTML (its relative
// links still resolve: same folder).
for (const [, staticPath] of cases) {
  const file = join(site, decodeURIComponent(staticPath.replace(/^\/site\//, '')), 'index.html');
  writeFileSync(file.replace(/index\.html$/, 'plain.html'), stripped(readFileSync(file, 'utf8')));
}
const rows = [];
for (const [name, staticPath, plainPath, appPath] of cases) {
  const samples = { static: [], plain: [], stripped: [], app: [] };
  for (let i = 0; i < runs; i += 1) {
    // Interleaved, so that the machine's state affects all of them alike.
    samples.static.push(await load(server.origin + staticPath));
    samples.plain.push(await load(server.origin + plainPath));
    samples.stripped.push(await load(`${server.origin}${staticPath}plain.html`));
    samples.app.push(await load(server.origin + appPath));
  }
  const lcp = (k) => median(samples[k].map((s) => s.lcp));
  rows.push({
    name,
    static: lcp('static'),
    plain: lcp('plain'),
    stripped: lcp('stripped'),
    app: lcp('app'),
    cls: Math.max(...samples.static.map((s) => s.cls)),
    live: median(samples.static.map((s) => s.live ?? NaN)),
  });
}
await browser.close();
await server.close();

// Bytes for first paint: the page's HTML and its stylesheet (the boot script
// is a module: deferred, it does not hold up the first paint).
const pageFile = (path) => readFileSync(join(site, decodeURIComponent(path.replace(/^\/site\//, '')), path.endsWith('/') ? 'index.html' : ''));
const cssBr = brotli(readFileSync(join(DIST, manifest.css)));
const bodyBr = brotli(Buffer.from(seed.content_html));
const firstPaint = cases.map(([name, path]) => [name, brotli(pageFile(path))]);

// The code an interactive list page downloads: the app's glue, wasm and
// snippets, and the boot module; not the sanitiser.
const assets = join(site, 'assets');
const code = readdirSync(assets, { recursive: true })
  .filter((f) => /\.(js|wasm)$/.test(f) && !f.includes('folio-sanitizer'))
  .map((f) => [f, readFileSync(join(assets, f))]);
const codeBr = code.reduce((n, [, buf]) => n + brotli(buf), 0);
const sanitizer = readdirSync(assets).filter((f) => f.startsWith('folio-sanitizer') && /\.(js|wasm)$/.test(f));
const sanitizerBr = sanitizer.reduce((n, f) => n + brotli(readFileSync(join(assets, f))), 0);

console.log(`| page, cold, localhost (median of ${runs}) | static page LCP | hand-written page LCP | static ÷ hand-written | the static page stripped to plain HTML, LCP | static ÷ stripped | viewer alone (hash route) LCP | layout shift (worst) | app running |`);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.static.toFixed(0)} ms | ${r.plain.toFixed(0)} ms | ${(r.static / r.plain).toFixed(2)}× | ${r.stripped.toFixed(0)} ms | ${(r.static / r.stripped).toFixed(2)}× | ${r.app.toFixed(0)} ms | ${r.cls.toFixed(3)} | ${r.live.toFixed(0)} ms |`);
}
console.log(`\n| page | HTML, brotli | + CSS, brotli (${kb(cssBr)}) | less the article body (${kb(bodyBr)} brotli) |`);
console.log('|---|---:|---:|---:|');
for (const [name, html] of firstPaint) {
  const total = html + cssBr;
  console.log(`| ${name} | ${kb(html)} | ${kb(total)} | ${name === 'article deep link' ? kb(total - bodyBr) : '—'} |`);
}
console.log(`\nCode for an interactive list page, brotli: ${kb(codeBr)} (${code.map(([f]) => f.replace(/-[0-9a-f]{12,16}/, '-<hash>')).join(', ')}); the sanitiser module, loaded for article bodies: ${kb(sanitizerBr)}.`);
rmSync(site, { recursive: true, force: true });
rmSync(plain, { recursive: true, force: true });
