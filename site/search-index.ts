/**
 * Builds the Pagefind search index of a built site:
 * `node search-index.ts [site folder] [index folder]` (site folder default: SITE_OUT_DIR, else
 * dist/, as astro.config.mjs; index folder default: SEARCH_INDEX_OUT, else <site>/pagefind).
 * Static files under /pagefind/, no server; Pagefind splits the index by each page's <html lang>,
 * so Slovenian and English are searched separately, and it indexes only what pages mark with
 * data-pagefind-body.
 *
 * It runs as its own process after `astro build` has exited (see the build script in
 * package.json and scripts/lib/site-build.ts), not as an Astro integration: indexing a large
 * site takes Pagefind a lot of memory, which would otherwise add to the memory Astro still holds.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

const siteDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * The index folder can lie outside the site, so the rebuild service can index the live build
 * read-only and install the index afterwards (scripts/rebuild/search-follower.ts).
 */
async function indexSite(sitePath: string, outputPath: string): Promise<void> {
  if (!existsSync(path.join(sitePath, 'index.html')))
    throw new Error(`${sitePath} holds no built site (no index.html); run astro build first`);
  const started = Date.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: sitePath });
    if (added.errors.length > 0) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    console.log(`[search] indexed ${added.page_count} pages for search in ${Date.now() - started} ms`);
  } finally {
    await pagefind.close();
  }
}

const target = path.resolve(siteDir, process.argv[2] ?? process.env.SITE_OUT_DIR ?? 'dist');
const output = path.resolve(siteDir, process.argv[3] ?? process.env.SEARCH_INDEX_OUT ?? path.join(target, 'pagefind'));
indexSite(target, output).catch((error: Error) => {
  console.error(`[search] ${error.message}`);
  process.exit(1);
});
