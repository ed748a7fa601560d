// A plain static file server for the browser tests: files only, no rewrites,
// no SPA fallback, the way a CDN or `python3 -m http.server` serves them. A
// folder's index.html answers for the folder, and a folder asked for without
// its trailing slash is redirected to it (301), as static hosts do.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/**
 * Serves `mounts` ({ '/': dir, '/fixtures/': dir2 }) on `host`, on a free port.
 * Resolves to { origin, close(), requests } where `requests` lists the paths asked for.
 *
 * `notFound` ({ '/archive/': '/tmp/site/404.html' }) names the page served,
 * with status 404, for missing files under a prefix, the way static hosts
 * serve a site's 404.html; elsewhere a missing file gets a plain 404.
 *
 * `compress` answers a browser that accepts brotli with text, JSON and wasm
 * compressed, as a CDN does (for the benchmarks; the tests count the bytes
 * of the files themselves without it).
 *
 * `http2` serves HTTP/2 over TLS, as CDNs do, with a self-signed certificate
 * made for the run by `openssl` (the browser's context must be opened with
 * `ignoreHTTPSErrors`). Over HTTP/1.1 Chromium opens six connections to a
 * host, so more files than that come in waves; over HTTP/2 they share one.
 */
export async function serveStatic(mounts, { host = '127.0.0.1', headers = {}, notFound: notFoundPages = {}, compress = false, http2 = false } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const notFoundPrefixes = Object.keys(notFoundPages).sort((a, b) => b.length - a.length);
  const requests = [];
  const handler = (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      // A malformed escape such as /%E0%A4%A: a static host answers 400.
      requests.push(req.url);
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Bad Request: the path is not a valid URL\n');
    }
    requests.push(path);
    const notFound = (res) => {
      const prefix = notFoundPrefixes.find((p) => path.startsWith(p));
      if (!prefix) return plainNotFound(res);
      const file = notFoundPages[prefix];
      res.writeHead(404, { 'content-type': TYPES[extname(file)] ?? 'text/html; charset=utf-8', ...headers });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    };
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix) return notFound(res);
    let file = normalize(join(mounts[prefix], path.slice(prefix.length)));
    if (!file.startsWith(normalize(mounts[prefix]) + sep) && file !== normalize(mounts[prefix])) return notFound(res);
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        if (!path.endsWith('/')) {
          const url = new URL(req.url, 'http://x');
          res.writeHead(301, { location: `${url.pathname}/${url.search}`, ...headers });
          return res.end();
        }
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      return notFound(res);
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '') && COMPRESSIBLE.test(type)) {
      const body = brotli(file, stat);
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'br', vary: 'accept-encoding', 'content-length': body.length, ...headers });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    res.writeHead(200, { 'content-type': type, 'content-length': stat.size, ...headers });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };
  const server = http2 ? createSecureServer({ ...selfSignedCertificate(host), allowHTTP1: true }, handler) : createServer(handler);
  // HTTP/2 has no closeAllConnections: its sessions are cut one by one.
  const sessions = new Set();
  if (http2) {
    server.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
  }
  await new Promise((resolve) => server.listen(0, host, resolve));
  const { port } = server.address();
  return {
    origin: `${http2 ? 'https' : 'http'}://${host}:${port}`,
    requests,
    // Closing waits for open connections, and a browser may hold one open
    // (keep-alive, or a socket it opened ahead of need) for minutes: a test
    // that closes its server while its page is open would hang. Cut them.
    close: () => new Promise((resolve) => {
      server.close(resolve);
      if (http2) for (const session of sessions) session.destroy();
      else server.closeAllConnections();
    }),
  };
}

const certificates = new Map();

/**
 * A key and a self-signed certificate for `host` (an IP address), made once
 * per process; the files openssl writes are removed once read.
 */
function selfSignedCertificate(host) {
  if (!certificates.has(host)) {
    const dir = mkdtempSync(join(tmpdir(), 'folio-tls-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', `/CN=${host}`, '-addext', `subjectAltName=IP:${host}`,
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'ignore' });
      certificates.set(host, { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return certificates.get(host);
}

const COMPRESSIBLE = /^(text\/|application\/(json|wasm|xml)|image\/svg)/;
const compressed = new Map();

/** A file's brotli encoding, made once per version of the file. */
function brotli(file, stat) {
  const key = `${file}\0${stat.mtimeMs}\0${stat.size}`;
  if (!compressed.has(key)) compressed.set(key, brotliCompressSync(readFileSync(file)));
  return compressed.get(key);
}

function plainNotFound(res) {
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><title>404</title><p>Not found</p>');
}
