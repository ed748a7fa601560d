// Static sites for the browser tests: `folio build ... --viewer dist`
// run through the real CLI, served by the plain static server the way a host
// serves them (a folder's index.html, a 301 to add a folder's slash, the
// site's 404.html for anything missing).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST } from './browser.mjs';
import { ROOT } from './sample.mjs';
import { serveStatic } from './server.mjs';

/** Where the test sites say they are published. */
export const PUBLIC_ORIGIN = 'https://archive.example';

/**
 * Builds `input` (a Jekyll site) into a fresh folder as a static site around
 * the viewer in dist/, published at `${PUBLIC_ORIGIN}${prefix}`. Returns the
 * folder.
 */
export function buildSite(input, { prefix = '/archive/', args = [] } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'folio-site-'));
  execFileSync('cargo', [
    'run', '--quiet', '-p', 'folio-cli', '--', 'build', input, '-o', out, '--viewer', DIST,
    '--public-url', `${PUBLIC_ORIGIN}${prefix}`, '--quiet', ...args,
  ], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  return out;
}

/** Serves the site in `dir` at `prefix`, with its 404.html for missing files. */
export function serveSite(dir, prefix = '/archive/', options = {}) {
  return serveStatic({ [prefix]: dir }, { notFound: { [prefix]: join(dir, '404.html') }, ...options });
}

/** `https://archive.example/archive/x` → the same path on the test server. */
export const local = (server, url) => url.replace(PUBLIC_ORIGIN, server.origin);

export const removeSite = (dir) => dir && rmSync(dir, { recursive: true, force: true });

/** A post's path under the site's root, as the CLI writes it (`post/<id>/`). */
export const postPath = (id) => `post/${segment(id)}/`;
export const tagPath = (name) => `tag/${segment(name)}/`;
export const categoryPath = (name) => `category/${segment(name)}/`;

/**
 * A name as one path segment: the characters no file system or host takes in
 * a folder name escaped as `%XX` (as `folio_core::name_segment` does), then
 * percent-encoded for the URL.
 */
export function segment(name) {
  const escaped = [...name].map((c, i, all) => {
    const trailing = i === all.length - 1 && (c === '.' || c === ' ');
    return trailing || /[/\\%?#<>:"|*\u0000-\u001f\u007f-\u009f]/.test(c)
      ? [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
      : c;
  }).join('');
  return encodeURIComponent(escaped).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Records every layout shift of the page from its first paint (install
 * before `goto`); `layoutShift(page)` sums them as CLS does (shifts right
 * after input excluded).
 */
export async function recordLayoutShifts(context) {
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        // What moved, and from where to where: enough to find it when a shift is reported.
        const describe = (s) => {
          const node = s.node;
          const name = node ? `${node.nodeName}${node.className ? `.${String(node.className).replace(/ /g, '.')}` : ''} “${(node.textContent ?? '').trim().slice(0, 40)}”` : '?';
          const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
          return `${name} ${rect(s.previousRect)} → ${rect(s.currentRect)}`;
        };
        window.__shifts.push({ value: entry.value, sources: entry.sources?.map((s) => s.node?.nodeName ?? '?'), moved: entry.sources?.map(describe) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export const layoutShifts = (page) => page.evaluate(() => window.__shifts);

/** Waits until the app has taken the static page over. */
export async function waitForApp(page, timeout = 15_000) {
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-folio-live'), null, { timeout });
}
