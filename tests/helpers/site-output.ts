/**
 * Reading a built site: its pages, their text, and the sitemap. A build always has pages, so
 * each reader fails when it finds none: a check over an empty list would pass for nothing.
 */
import { expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Pages that only send the visitor elsewhere (moved pages, old WordPress URLs). */
const isRedirectPage = (file: string) => readFileSync(file, 'utf8').includes('<meta http-equiv="refresh"');

/** URL paths of every built page ("/novice/x/"), from the index.html files, without the 404 page
 *  and without redirect pages. */
export function builtPagePaths(outDir: string): string[] {
  const pages = readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'index.html' && !isRedirectPage(path.join(e.parentPath, e.name)))
    .map((e) => `/${path.relative(outDir, e.parentPath)}/`.replace(/\/+/g, '/'))
    .sort();
  expect(pages.length, `pages built in ${outDir}`).toBeGreaterThan(0);
  return pages;
}

/** The built pages a search engine may index (no robots noindex): exactly what the sitemap lists. */
export function indexablePagePaths(outDir: string): string[] {
  return builtPagePaths(outDir).filter(
    (urlPath) => !readPage(outDir, urlPath).includes('<meta name="robots" content="noindex"'),
  );
}

export function readPage(outDir: string, urlPath: string): string {
  return readFileSync(path.join(outDir, urlPath, 'index.html'), 'utf8');
}

/** Every text file of the build, for "must appear nowhere" checks. */
export function allTextFiles(outDir: string): { file: string; text: string }[] {
  const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(html|xml|json|txt|ics|js|css)$/.test(e.name))
    .map((e) => ({
      file: path.join(e.parentPath, e.name),
      text: readFileSync(path.join(e.parentPath, e.name), 'utf8'),
    }));
  expect(files.filter(({ file }) => file.endsWith('.html')).length, `HTML files in ${outDir}`).toBeGreaterThan(0);
  return files;
}

/** The sitemap files listed in sitemap-index.xml, as paths inside outDir ("/sitemap-0.xml"). */
export function sitemapFiles(outDir: string): string[] {
  const index = readFileSync(path.join(outDir, 'sitemap-index.xml'), 'utf8');
  const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  expect(files.length, 'sitemaps in sitemap-index.xml').toBeGreaterThan(0);
  return files;
}

/** The <loc> paths of all sitemaps listed in sitemap-index.xml. */
export function sitemapPaths(outDir: string, siteUrl: string): string[] {
  const paths = sitemapFiles(outDir)
    .flatMap((sitemap) => [...readFileSync(path.join(outDir, sitemap), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)])
    .map((m) => {
      expect(m[1].startsWith(siteUrl), m[1]).toBe(true);
      return new URL(m[1]).pathname;
    })
    .sort();
  expect(paths.length, `pages listed in the sitemaps of ${outDir}`).toBeGreaterThan(0);
  return paths;
}

/** Internal links (href/src/srcset starting with "/") in any built HTML file that lead nowhere. */
export function brokenInternalLinks(outDir: string): string[] {
  const pages = new Set(builtPagePaths(outDir));
  const broken: string[] = [];
  for (const { file, text } of allTextFiles(outDir).filter((f) => f.file.endsWith('.html'))) {
    for (const [, target] of text.matchAll(/(?:href|src|srcset)="(\/[^"#?\s,]*)/g)) {
      if (target.startsWith('//')) continue;
      const exists = target.endsWith('/') ? pages.has(target) : existsSync(path.join(outDir, decodeURI(target)));
      if (!exists) broken.push(`${target} in ${path.relative(outDir, file)}`);
    }
  }
  return broken;
}

/** Every file of a built site, by relative path; without the search index unless asked. */
function siteFiles(dir: string, withSearchIndex: boolean): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (withSearchIndex || !file.startsWith('pagefind/')) files.set(file, path.join(dir, file));
  }
  return files;
}

/**
 * How two built sites differ: files only in one, and files whose bytes differ; empty when they
 * are the same. The search index is left out unless asked for: it follows the pages in the background.
 */
export function siteDifferences(
  actual: string,
  expected: string,
  options: { withSearchIndex?: boolean } = {},
): string[] {
  const a = siteFiles(actual, options.withSearchIndex ?? false);
  const b = siteFiles(expected, options.withSearchIndex ?? false);
  const found: string[] = [];
  for (const file of a.keys()) if (!b.has(file)) found.push(`only in ${actual}: ${file}`);
  for (const file of b.keys()) if (!a.has(file)) found.push(`only in ${expected}: ${file}`);
  for (const [file, at] of a) {
    const other = b.get(file);
    if (other && !readFileSync(at).equals(readFileSync(other))) found.push(`differs: ${file}`);
  }
  return found;
}
