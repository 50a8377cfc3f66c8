// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import pagefind from './integrations/pagefind.ts';
import { perLanguageChunks, withAlternates } from './integrations/sitemap-alternates.ts';

const siteDir = path.dirname(fileURLToPath(import.meta.url));
// The public URL of the site: canonical links, sitemap and feeds are absolute from it.
const site = process.env.SITE_URL ?? 'http://localhost:4321';
// The rebuild service and the tests build into their own folders; a failed build never
// touches the folder that is being served.
const outDir = path.resolve(siteDir, process.env.SITE_OUT_DIR ?? 'dist');
// Media come from Strapi's upload folder (or MEDIA_URL, e.g. a CDN in front of it).
const mediaHosts = [process.env.STRAPI_URL ?? 'http://127.0.0.1:1337', process.env.MEDIA_URL]
  .filter(Boolean)
  .map((url) => new URL(/** @type {string} */ (url)))
  .map(({ protocol, hostname, port }) => ({ protocol: protocol.replace(':', ''), hostname, ...(port ? { port } : {}) }));

export default defineConfig({
  site,
  output: 'static',
  outDir,
  trailingSlash: 'always',
  build: { format: 'directory' },
  image: { remotePatterns: mediaHosts },
  integrations: [
    sitemap({ serialize: withAlternates(outDir), chunks: perLanguageChunks(site) }),
    pagefind(),
  ],
});
