/**
 * Old URLs (the WordPress permalinks in the redirect map the importer writes, by default
 * data/redirects.json) keep working: Astro turns each entry into a redirect page in the static
 * build, and this integration also writes a _redirects file (one "from to 301" a line) for
 * hosts and CDNs that serve real HTTP redirects. Set SITE_REDIRECTS to another map, or to
 * an empty value for none.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export interface Redirect {
  from: string;
  to: string;
}

/** Folder paths end with "/" like every page of the site (trailingSlash: 'always'). */
const withSlash = (p: string) => (p.endsWith('/') || path.extname(p) ? p : `${p}/`);

export function readRedirects(file: string | undefined): Redirect[] {
  if (!file || !existsSync(file)) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Redirect map ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(entries)) throw new Error(`Redirect map ${file} must be a JSON array of { from, to }`);
  return entries.map((entry, i) => {
    const { from, to } = (entry ?? {}) as Partial<Redirect>;
    if (
      typeof from !== 'string' ||
      typeof to !== 'string' ||
      !from.startsWith('/') ||
      !to.startsWith('/') ||
      from.startsWith('//')
    ) {
      throw new Error(`Redirect map ${file}, entry ${i}: "from" and "to" must be site paths starting with "/"`);
    }
    return { from: withSlash(from), to };
  });
}

/** Astro's `redirects` config: from -> to, permanent. */
export const astroRedirects = (redirects: Redirect[]) =>
  Object.fromEntries(redirects.map(({ from, to }) => [from, { status: 301 as const, destination: to }]));

export function redirectsFile(redirects: Redirect[]): AstroIntegration {
  return {
    name: 'koper-otok:redirects-file',
    hooks: {
      'astro:build:done': ({ dir }) => {
        if (redirects.length === 0) return;
        const lines = redirects.map(({ from, to }) => `${encodeURI(from)} ${to} 301`);
        writeFileSync(path.join(fileURLToPath(dir), '_redirects'), `${lines.join('\n')}\n`);
      },
    },
  };
}
