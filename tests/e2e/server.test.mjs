// The tests' static server behaves like a static host on bad input: a
// malformed percent-escape gets 400 and the server keeps serving.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../support/server.mjs';

let dir;
let server;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'folio-server-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ok</title>');
  server = await serveStatic({ '/': dir });
});
after(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The status of a GET for `path`, sent as written (fetch would normalise it). */
function statusOf(path) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.origin);
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

// Regression: decodeURIComponent threw on this path and took the whole test run down.
test('a malformed escape gets 400 and the server keeps serving', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/a%zz', '/%C0%80/x']) {
    assert.equal(await statusOf(path), 400, path);
  }
  assert.equal(await statusOf('/'), 200, 'still serving');
  assert.equal(await statusOf('/missing.html'), 404);
  assert.equal(await statusOf('/%E5%BD%92%E6%A1%A3'), 404, 'a well-formed escape is a path like any other');
});
