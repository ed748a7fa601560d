// Trunk post-build hook: gives index.html a strict Content-Security-Policy.
//
// Trunk writes its loader as an inline <script type=module>; rather than allow
// inline scripts, the policy names that exact script by its SHA-256 hash,
// computed here after minification, so no other inline script can ever run.
// Everything else the viewer loads comes from its own origin; post images may
// come from any https: host (or data: URLs), never from http:.
//
// Headers only a host can send (frame-ancestors, HSTS) are not set here.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
  process.exit(2);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
if (html.includes('http-equiv=Content-Security-Policy') || html.includes('http-equiv="Content-Security-Policy"')) {
  console.error('index.html already carries a Content-Security-Policy; not adding another');
  process.exit(1);
}

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

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
// The policy must precede every script; right after <meta charset> (or <head>).
const anchor = html.match(/<meta charset=[^>]*>/i) ?? html.match(/<head[^>]*>/i);
if (!anchor) {
  console.error('index.html has neither <meta charset> nor <head>: cannot place the policy');
  process.exit(1);
}
const at = anchor.index + anchor[0].length;
html = html.slice(0, at) + meta + html.slice(at);
writeFileSync(file, html);
console.log(`csp.mjs: Content-Security-Policy with ${hashes.length} inline script hash(es)`);
