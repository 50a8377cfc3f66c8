/**
 * The headers each file of the site is served with from a bucket: its Content-Type, and the
 * same caching policy deploy/nginx/site.conf gives it (tests/unit/bucket-deploy-plan.test.ts
 * checks that the two agree): Astro's hashed assets never change under their name, everything
 * else may change with any build and is revalidated.
 */
import path from 'node:path';

/** Folder of Astro's content-hashed assets (CSS, scripts, images processed by the build). */
export const HASHED_ASSETS_FOLDER = '_astro/';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** May be stored, but is checked with the origin before each use. */
export const REVALIDATE_CACHE = 'no-cache';

const UTF8 = '; charset=utf-8';

const CONTENT_TYPES: Record<string, string> = {
  '.html': `text/html${UTF8}`,
  '.css': `text/css${UTF8}`,
  '.js': `text/javascript${UTF8}`,
  '.mjs': `text/javascript${UTF8}`,
  '.json': `application/json${UTF8}`,
  '.webmanifest': `application/manifest+json${UTF8}`,
  '.xml': `application/xml${UTF8}`,
  '.ics': `text/calendar${UTF8}`,
  '.txt': `text/plain${UTF8}`,
  '.conf': `text/plain${UTF8}`,
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/** Files without an extension (`_redirects`) are text; an unknown extension is plain bytes. */
export function contentTypeOf(file: string): string {
  const extension = path.posix.extname(file).toLowerCase();
  if (extension === '') return `text/plain${UTF8}`;
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

export const cacheControlOf = (file: string): string =>
  file.startsWith(HASHED_ASSETS_FOLDER) ? IMMUTABLE_CACHE : REVALIDATE_CACHE;

/**
 * Files that name other files or are entry points a visitor arrives at: pages, feeds, sitemaps,
 * calendars, JSON (Pagefind's pagefind-entry.json names the current index by its hash). They go
 * up after every asset they could reference.
 */
const PAGE_EXTENSIONS = new Set(['.html', '.xml', '.json', '.webmanifest', '.ics', '.txt', '.conf', '']);

export const isPage = (file: string): boolean => PAGE_EXTENSIONS.has(path.posix.extname(file).toLowerCase());
