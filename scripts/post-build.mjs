// Trunk post-build hook (Trunk.toml): finishes the viewer build in
// TRUNK_STAGING_DIR.
//
// 1. The sanitiser and search modules (crates/sanitizer, crates/search,
//    built by Trunk as "workers", which Trunk neither hashes nor links) get a
//    content hash in their file names, so hosts can cache them for good, and
//    index.html names them in <meta name="folio-sanitizer"> and
//    <meta name="folio-search">, where the app finds them.
// 2. index.html gets a strict Content-Security-Policy. Trunk writes its loader
//    as an inline <script type=module>; rather than allow inline scripts, the
//    policy names that exact script by its SHA-256 hash, computed here after
//    minification, so no other inline script can ever run. Everything else
//    the viewer loads comes from its own origin; post images may come from
//    any https: host (or data: URLs), never from http:. Headers only a host
//    can send (frame-ancestors, HSTS) are not set here.
// 3. folio-viewer.json lists the build's files (app script and wasm, CSS,
//    sanitiser module, snippets), for `folio build --with-viewer`, which
//    writes static pages that load them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
  process.exit(2);
}
const fail = (message) => {
  console.error(`post-build.mjs: ${message}`);
  process.exit(1);
};
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
if (html.includes('http-equiv=Content-Security-Policy') || html.includes('http-equiv="Content-Security-Policy"')) {
  fail('index.html already carries a Content-Security-Policy; not adding another');
}

// 1. The modules the app imports when it first needs them: the sanitiser
//    and the search engine.
const modules = {};
for (const name of ['sanitizer', 'search']) {
  const glue = join(dir, `folio-${name}.js`);
  const wasm = join(dir, `folio-${name}_bg.wasm`);
  const digest = createHash('sha256').update(readFileSync(glue)).update(readFileSync(wasm)).digest('hex').slice(0, 16);
  modules[name] = `folio-${name}-${digest}.js`;
  renameSync(glue, join(dir, modules[name]));
  renameSync(wasm, join(dir, `folio-${name}-${digest}_bg.wasm`));
}
const sanitizer = modules.sanitizer;

// The head's first element: everything below is placed after it.
const anchor = html.match(/<meta charset=[^>]*>/i) ?? html.match(/<head[^>]*>/i);
if (!anchor) fail('index.html has neither <meta charset> nor <head>');
const insert = (text) => {
  const at = anchor.index + anchor[0].length;
  html = html.slice(0, at) + text + html.slice(at);
};
insert(`<meta name="folio-search" content="${modules.search}">`);
insert(`<meta name="folio-sanitizer" content="${sanitizer}">`);

// 2. The policy: it must precede every script, so it goes first.
const hashes = [];
for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/.test(attrs)) continue;
  hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
insert(`<meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(file, html);

// 3. The manifest of the build.
const attr = (pattern, what) => html.match(pattern)?.[1] ?? fail(`index.html has no ${what}`);
const strip = (href) => href.replace(/^\.\//, '');
const snippets = [];
const walk = (folder) => {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else snippets.push(relative(dir, path).split('\\').join('/'));
  }
};
try { walk(join(dir, 'snippets')); } catch { /* no snippets */ }
const manifest = {
  format: 'folio-viewer',
  version: 1,
  script: strip(attr(/<link[^>]*href=["']?([^"' >]+\.js)["']?[^>]*rel=["']?modulepreload/i, 'modulepreload link')),
  wasm: strip(attr(/<link[^>]*href=["']?([^"' >]+_bg\.wasm)["']?[^>]*rel=["']?preload/i, 'wasm preload link')),
  css: strip(attr(/<link[^>]*href=["']?([^"' >]+\.css)["']?[^>]*rel=["']?stylesheet/i, 'stylesheet link')),
  sanitizer,
  search: modules.search,
  snippets: snippets.sort(),
};
writeFileSync(join(dir, 'folio-viewer.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`post-build.mjs: ${sanitizer}, ${modules.search}, a Content-Security-Policy with ${hashes.length} inline script hash(es), folio-viewer.json`);
