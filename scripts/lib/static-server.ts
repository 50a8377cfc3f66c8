/**
 * A small static file server for the built site (local demo and tests). The root is looked
 * up on every request, so when the live symlink is switched the next request sees the new
 * build. Serves index.html for folders, 404.html with status 404, and never leaves the root.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

export type RootProvider = () => string | null;

function send(res: ServerResponse, status: number, file: string, method: string): void {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(status, {
    'content-type': type,
    'content-length': statSync(file).size,
    'x-content-type-options': 'nosniff',
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

export function handleStatic(root: string | null, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end('Method not allowed\n');
    return;
  }
  if (!root) {
    res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' })
      .end('The site is being built. Try again in a moment.\n');
    return;
  }
  let rawPath: string;
  let pathname: string;
  try {
    rawPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    pathname = decodeURIComponent(rawPath);
  } catch {
    res.writeHead(400).end('Bad request\n');
    return;
  }
  if (pathname.includes('\0')) {
    res.writeHead(400).end('Bad request\n');
    return;
  }
  const target = path.join(root, path.normalize(pathname));
  if (target !== root && !target.startsWith(root + path.sep)) {
    res.writeHead(403).end('Forbidden\n');
    return;
  }
  if (isDir(target)) {
    if (!pathname.endsWith('/')) {
      // Redirect with the still-encoded path and one leading slash: "//host" would leave the site.
      res.writeHead(301, { location: `/${rawPath.replace(/^\/+/, '')}/` }).end();
      return;
    }
    const index = path.join(target, 'index.html');
    if (isFile(index)) return send(res, 200, index, method);
  } else if (isFile(target)) {
    return send(res, 200, target, method);
  }
  const notFound = path.join(root, '404.html');
  if (isFile(notFound)) return send(res, 404, notFound, method);
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

/** Resolves a folder or symlink to the real folder now behind it, or null if there is none. */
export const resolveRoot =
  (dirOrLink: string): RootProvider =>
  () => {
    try {
      return realpathSync(dirOrLink);
    } catch {
      return null;
    }
  };

export function startStaticServer(root: RootProvider, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => handleStatic(root(), req, res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
