// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import markdownCache from './integrations/markdown-cache.ts';
import mediaFiles from './integrations/media-files.ts';
import prefetchContent from './integrations/prefetch-content.ts';
import { withAlternates } from './integrations/sitemap-alternates.ts';
import { readRedirects, redirectsFile } from './integrations/redirects.ts';
import { readStrapiUrl } from './src/lib/env.ts';
import { buildSession } from './src/lib/build-session.ts';
import warmRenderer from './partial-build/integration.ts';

const siteDir = path.dirname(fileURLToPath(import.meta.url));
// SITE_MODE=preview builds the draft-preview server (same pages, rendered on request from
// draft content, behind a secret; see src/lib/preview.ts). Otherwise: the public static site.
const preview = process.env.SITE_MODE === 'preview';
// SITE_RENDERER=warm keeps the build's renderer in memory afterwards for partial rebuilds
// (render-server.ts, partial-build/); the output is the same.
const warm = process.env.SITE_RENDERER === 'warm';
// The public URL of the site: canonical links, sitemap and feeds are absolute from it.
const site = process.env.SITE_URL ?? 'http://localhost:4321';
// The rebuild service and the tests build into their own folders; a failed build never
// touches the folder that is being served.
const outDir = path.resolve(siteDir, process.env.SITE_OUT_DIR ?? (preview ? 'dist-preview' : 'dist'));
// Media come from Strapi's upload folder (or MEDIA_URL, a bucket or CDN); the build downloads and
// re-encodes them, so the built site serves every image itself (src/lib/media/). A MEDIA_URL with
// a path (a path-style bucket) allows only that path: other buckets on the same server stay out.
const mediaHosts = [readStrapiUrl(process.env), process.env.MEDIA_URL]
  .filter(Boolean)
  .map((url) => new URL(/** @type {string} */ (url)))
  .map(({ protocol, hostname, port, pathname }) => ({
    protocol: protocol.replace(':', ''),
    hostname,
    ...(port ? { port } : {}),
    ...(pathname.replace(/\/+$/, '') ? { pathname: `${pathname.replace(/\/+$/, '')}/**` } : {}),
  }));

// Old WordPress permalinks -> new pages (written by scripts/import-wordpress).
const redirects = readRedirects(process.env.SITE_REDIRECTS ?? path.resolve(siteDir, '..', 'data', 'redirects.json'));

const common = {
  site,
  outDir,
  trailingSlash: /** @type {const} */ ('always'),
  // Many pages in flight: while some pages' files are being written (asynchronous I/O through
  // libuv's thread pool: a folder, an open, a write and a close each), the next ones render
  // instead of the thread waiting for the disk (bench/README.md has the measurements).
  build: { format: /** @type {const} */ ('directory'), concurrency: 16 },
  image: { remotePatterns: mediaHosts },
};

export default preview
  ? defineConfig({ ...common, output: 'server', adapter: node({ mode: 'standalone' }) })
  : defineConfig({
      ...common,
      output: 'static',
      // Astro's console output without its two fragments per generated page: a progress line
      // every PROGRESS_EVERY files instead (see the file; SITE_BUILD_LOG_PAGES=1 shows every page).
      logger: { entrypoint: path.join(siteDir, 'logger', 'page-progress.mjs') },
      integrations: [
        prefetchContent(),
        markdownCache(),
        mediaFiles(),
        // One sitemap (split every 45,000 URLs) with each page's hreflang alternates. Not split
        // per language: @astrojs/sitemap 3.7 matches chunked URLs with Array.includes, which is
        // quadratic in the number of pages.
        sitemap({ serialize: withAlternates(() => buildSession().outDir ?? outDir) }),
        // Sets Astro's redirects too: the staff redirects from the CMS merged with the map.
        redirectsFile(redirects),
        ...(warm ? [warmRenderer()] : []),
      ],
    });
