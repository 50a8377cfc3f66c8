// scripts/lib/static-server.ts: startStaticServer() on 127.0.0.1, port 0, over a temp folder.
// Folder index files, the trailing-slash redirect, 404.html, path traversal (plain and
// percent-encoded) never leaving the root, 405 for other methods, 503 while there is no
// root, and content types.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/lib/static-server.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: node:http sends the path exactly as given (no '..' normalisation). */
function send(port: number, method: string, requestPath: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: requestPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${method} ${requestPath}`)));
    req.end();
  });
}

const portOf = (server: http.Server) => (server.address() as AddressInfo).port;
const close = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

let root: string;
let server: http.Server;
let port: number;
const get = (p: string) => send(port, 'GET', p);

const INDEX = '<!doctype html><title>Domov</title><h1>Koper Otok</h1>\n';
const A_INDEX = '<!doctype html><title>A</title><p>section a</p>\n';
const NOT_FOUND = '<!doctype html><title>404</title><p>Strani ni mogoče najti</p>\n';
const CSS = 'body { color: #123; }\n';

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'koper-otok-static-'));
  mkdirSync(path.join(root, 'a'));
  writeFileSync(path.join(root, 'index.html'), INDEX);
  writeFileSync(path.join(root, 'a', 'index.html'), A_INDEX);
  writeFileSync(path.join(root, '404.html'), NOT_FOUND);
  writeFileSync(path.join(root, 'style.css'), CSS);
  mkdirSync(path.join(root, 'empty'));
  server = await startStaticServer(() => root, 0);
  port = portOf(server);
});

afterAll(async () => {
  await close(server);
  rmSync(root, { recursive: true, force: true });
});

describe('startStaticServer', () => {
  it('listens on 127.0.0.1 on a free port', () => {
    const address = server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.port).toBeGreaterThan(0);
  });

  it('serves index.html for /', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.body).toBe(INDEX);
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(INDEX));
  });

  it('redirects a folder without a trailing slash to the slash form', async () => {
    const reply = await get('/a');
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('/a/');
  });

  it("serves a folder's index.html", async () => {
    const reply = await get('/a/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.body).toBe(A_INDEX);
    expect((await get('/a/index.html')).body).toBe(A_INDEX);
  });

  it('ignores the query string', async () => {
    const reply = await get('/a/?utm_source=x');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(A_INDEX);
  });

  it('answers a missing file with status 404 and the 404.html page', async () => {
    const reply = await get('/missing');
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.body).toBe(NOT_FOUND);
  });

  it('answers a folder without index.html with 404', async () => {
    const reply = await get('/empty/');
    expect(reply.status).toBe(404);
    expect(reply.body).toBe(NOT_FOUND);
  });

  it('serves CSS as text/css', async () => {
    const reply = await get('/style.css');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/css/);
    expect(reply.body).toBe(CSS);
  });

  it('answers HEAD with headers only', async () => {
    const reply = await send(port, 'HEAD', '/style.css');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/css/);
    expect(reply.body).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s with 405', async (method) => {
    const reply = await send(port, method, '/');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
    expect(reply.body).not.toContain('Koper Otok');
  });

  it('answers a malformed percent-encoding with 400', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('answers a NUL byte with 400 and keeps serving', async () => {
    expect((await get('/%00')).status).toBe(400);
    expect((await get('/a%00')).status).toBe(400);
    expect((await get('/')).status).toBe(200);
  });

  it('never redirects to another host', async () => {
    for (const p of ['/%2Fevil.example%2F..%2Fa', '/%2Fa', '//a']) {
      const response = await get(p);
      const location = response.headers.location;
      if (location !== undefined) expect(String(location).startsWith('//'), `${p} -> ${location}`).toBe(false);
    }
  });
});

describe('path traversal', () => {
  const outside = readFileSync('/etc/passwd', 'utf8');
  // A file next to the root, which a traversal would reach with a single '..'.
  let sibling: string;
  beforeAll(() => {
    sibling = path.join(path.dirname(root), `${path.basename(root)}-secret.txt`);
    writeFileSync(sibling, 'TOP SECRET\n');
  });
  afterAll(() => rmSync(sibling, { force: true }));

  it.each([
    '/../../etc/passwd',
    '/a/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/a/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%5c..%5c..%5cetc%5cpasswd',
    '//etc/passwd',
  ])('never serves a file outside the root for %s', async (p) => {
    const reply = await get(p);
    expect([403, 404]).toContain(reply.status);
    expect(reply.body).not.toBe(outside);
    expect(reply.body).not.toMatch(/root:.*:0:0:/);
  });

  it('never serves a sibling of the root', async () => {
    const name = encodeURIComponent(path.basename(sibling));
    for (const p of [`/../${name}`, `/%2e%2e/${name}`, `/..%2f${name}`, `/a/..%2f..%2f${name}`]) {
      const reply = await get(p);
      expect([403, 404], p).toContain(reply.status);
      expect(reply.body, p).not.toContain('TOP SECRET');
    }
  });
});

describe('root provider', () => {
  it('answers 503 while there is no root', async () => {
    const noRoot = await startStaticServer(() => null, 0);
    try {
      const reply = await send(portOf(noRoot), 'GET', '/');
      expect(reply.status).toBe(503);
      expect(reply.headers['retry-after']).toBe('5');
      expect(reply.body).not.toContain('Koper Otok');
    } finally {
      await close(noRoot);
    }
  });

  it('asks for the root on every request', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'koper-otok-static-other-'));
    writeFileSync(path.join(other, 'index.html'), 'other build\n');
    let current: string | null = root;
    const switching = await startStaticServer(() => current, 0);
    try {
      expect((await send(portOf(switching), 'GET', '/')).body).toBe(INDEX);
      current = other;
      expect((await send(portOf(switching), 'GET', '/')).body).toBe('other build\n');
      current = null;
      expect((await send(portOf(switching), 'GET', '/')).status).toBe(503);
    } finally {
      await close(switching);
      rmSync(other, { recursive: true, force: true });
    }
  });
});
