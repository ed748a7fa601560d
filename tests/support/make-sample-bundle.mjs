// Builds the viewer's sample bundle (static/bundle.json) from samples/site.
//
// This is a stop-gap until the `folio` CLI exists: it reads Jekyll front
// matter with `yaml`, renders Markdown with `marked` (HTML bodies pass
// through), drops Liquid tags, and writes a folio-bundle 1.0 file. The viewer
// sanitises every body itself, so nothing here needs to be trusted.
//
// Usage: node tests/support/make-sample-bundle.mjs <site-dir> <out.json>
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { marked } from 'marked';
import YAML from 'yaml';

const [siteDir, outFile] = process.argv.slice(2);
if (!siteDir || !outFile) {
  console.error('usage: make-sample-bundle.mjs <site-dir> <out.json>');
  process.exit(2);
}

const config = YAML.parse(readFileSync(join(siteDir, '_config.yml'), 'utf8'));
const SITE_OFFSET = '+08:00'; // Asia/Shanghai, the sample's timezone

/** Where each source's root-relative links point. */
function sourceOf(file, meta) {
  if (/jekyll-.*-released/.test(file)) return { base: 'https://jekyllrb.com', lang: 'en', section: 'news' };
  if (meta.author === 'Hux' || /^20\d\d-/.test(file)) return { base: 'https://huangxuan.me', lang: 'zh-CN' };
  return { base: null, lang: null };
}

function walk(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function splitFrontMatter(text) {
  const m = text.replace(/^\uFEFF/, '').match(/^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*\r?\n?([\s\S]*)$/);
  if (!m) throw new Error('no front matter');
  return { meta: YAML.parse(m[1]) ?? {}, body: m[2] };
}

function toList(value) {
  if (value == null) return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(/\s+/).filter(Boolean);
}

/** "2022-01-12 21:11:17 +0800" → "2022-01-12T21:11:17+08:00" */
function rfc3339(value, fileDate) {
  const text = value instanceof Date ? value.toISOString() : String(value ?? fileDate);
  const m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/);
  if (!m) throw new Error(`unreadable date ${text}`);
  const [, y, mo, d, h = '0', mi = '00', s = '00', off] = m;
  const pad = (n) => String(n).padStart(2, '0');
  const offset = off === 'Z' ? 'Z' : off ? `${off.slice(0, 3)}:${off.slice(-2)}` : SITE_OFFSET;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${mi}:${s}${offset}`;
}

function plainText(html) {
  return html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ').replace(/\s+/g, ' ').trim();
}

const posts = [];
for (const path of walk(join(siteDir, '_posts'))) {
  const file = basename(path);
  const { meta, body } = splitFrontMatter(readFileSync(path, 'utf8'));
  const dated = file.match(/^(\d{4})-(\d{1,2})-(\d{1,2})-(.*)$/);
  const slug = (dated ? dated[4] : file).slice(0, -extname(file).length);
  const source = sourceOf(file, meta);
  const liquidFree = body.replace(/\{%\s*raw\s*%\}([\s\S]*?)\{%\s*endraw\s*%\}/g, '$1').replace(/\{%[\s\S]*?%\}/g, '').replace(/\{\{[\s\S]*?\}\}/g, '');
  let html = marked.parse(liquidFree, { gfm: true });
  if (source.base) html = html.replace(/(href|src)="\/(?!\/)/g, `$1="${source.base}/`);
  const fileDate = dated ? `${dated[1]}-${dated[2]}-${dated[3]}` : undefined;
  let date;
  try {
    date = rfc3339(meta.date, fileDate);
  } catch (e) {
    // Real posts have dates like "2023-01-29 18:30:22 2023 -0800": use the file name's.
    console.warn(`${file}: ${e.message}; using the date in the file name`);
    date = rfc3339(fileDate);
  }
  const firstParagraph = plainText((html.match(/<p>([\s\S]*?)<\/p>/) ?? ['', ''])[1]);
  // The seed links its source as a bare autolink near the end.
  const sourceUrl = meta.source_url
    ?? (source.section && dated ? `${source.base}/${source.section}/${dated[1]}/${dated[2]}/${dated[3]}/${slug}/` : undefined)
    ?? (source.base && dated ? `${source.base}/${dated[1]}/${dated[2]}/${dated[3]}/${slug}/` : undefined)
    ?? body.match(/<(https?:\/\/[^>\s]+)>/)?.[1];
  posts.push({
    id: slug,
    title: plainText(String(meta.title ?? slug)),
    date,
    categories: toList(meta.categories ?? meta.category),
    tags: toList(meta.tags ?? meta.tag),
    ...(meta.author ? { author: String(meta.author) } : {}),
    ...(firstParagraph ? { excerpt: firstParagraph.length > 160 ? `${firstParagraph.slice(0, 160)}…` : firstParagraph } : {}),
    ...(sourceUrl ? { source_url: sourceUrl } : {}),
    ...(source.lang && source.lang !== config.lang ? { lang: source.lang } : {}),
    content_html: html,
  });
}
posts.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.id.localeCompare(b.id));

const bundle = {
  format: 'folio-bundle',
  version: '1.0',
  layout: 'single',
  generator: 'tests/support/make-sample-bundle.mjs',
  site: { title: config.title, description: config.description, lang: config.lang },
  posts,
};
writeFileSync(outFile, `${JSON.stringify(bundle, null, 1)}\n`);
console.log(`wrote ${posts.length} posts to ${outFile}`);
