// The viewer's sample archive (static/bundle.json) as the browser tests
// expect to see it, with the interface's Chinese formats. Archive order,
// year/month filing and term counts follow crates/core's rules (newest first
// by instant, ties by id; years and months in each post's own offset).
// Anything the core computes from post bodies (reading time) is not re-done
// here: it comes from tests/fixtures/sample-expectations.json, which the
// core's own test writes and checks (crates/core/tests/sample_expectations.rs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = JSON.parse(readFileSync(join(ROOT, 'static', 'bundle.json'), 'utf8'));
const EXPECTATIONS = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'sample-expectations.json'), 'utf8'));
export const SITE = BUNDLE.site.title;
export const PAGE_SIZE = 20;
export const SEED_ID = '000_dacaaeb1a3c7b9ba';

const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Posts in archive order: newest first by instant, ties by id. */
export const inArchiveOrder = (posts) => [...posts].sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || byId(a, b));
export const POSTS = inArchiveOrder(BUNDLE.posts);
export const post = (id) => POSTS.find((p) => p.id === id) ?? assert.fail(`no post ${id} in the sample`);
export const titles = (posts) => posts.map((p) => p.title);
export const tags = (p) => p.tags ?? [];
export const categories = (p) => p.categories ?? [];
/** Year and month in the post's own offset: the digits as written. */
export const ym = (p) => [Number(p.date.slice(0, 4)), Number(p.date.slice(5, 7))];
/** "2022年1月12日" */
export const zhDate = (p) => `${Number(p.date.slice(0, 4))}年${Number(p.date.slice(5, 7))}月${Number(p.date.slice(8, 10))}日`;
/** "2022年1月12日 21:11" */
export const zhDateTime = (p) => `${zhDate(p)} ${p.date.slice(11, 16)}`;
export const pageOf = (n, count) => `第 ${n} 页，共 ${count} 页`;
/** Percent-encoding as the router writes path segments: also ( ) and the like. */
export const seg = (name) => encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Minutes the core reads a sample post in. */
export function readingMinutes(p) {
  const expected = EXPECTATIONS[p.id] ?? assert.fail(`no expectations for ${p.id}: rerun the core's sample_expectations test`);
  return expected.reading_minutes;
}

export function termCounts(names) {
  const counts = new Map();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}
export const TAG_COUNTS = termCounts(POSTS.flatMap(tags));

/** Years (newest first) with their months (newest first) and counts. */
export function yearsAndMonths(posts = POSTS) {
  const years = new Map();
  for (const p of posts) {
    const [y, m] = ym(p);
    if (!years.has(y)) years.set(y, new Map());
    years.get(y).set(m, (years.get(y).get(m) ?? 0) + 1);
  }
  return [...years.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, months]) => ({
      year,
      count: [...months.values()].reduce((s, n) => s + n, 0),
      months: [...months.entries()].sort((a, b) => b[0] - a[0]),
    }));
}
