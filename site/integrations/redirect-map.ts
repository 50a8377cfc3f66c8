/**
 * Reads a redirect map (the WordPress importer's, or the one a live site publishes as
 * redirects.json): a JSON array of { from, to } site paths, checked, with chains made one hop
 * and loops refused before anything is built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { collapseRedirects, withSlash, type Redirect } from '../src/lib/content/redirect-rules.ts';

export function readRedirects(file: string | undefined): Redirect[] {
  if (!file || !existsSync(file)) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Redirect map ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(entries)) throw new Error(`Redirect map ${file} must be a JSON array of { from, to }`);
  const redirects = entries.map((entry, i) => {
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
  // A loop in the map fails the build before anything is built; chains become one hop.
  try {
    return collapseRedirects(redirects);
  } catch (error) {
    throw new Error(`Redirect map ${file}: ${(error as Error).message}`, { cause: error });
  }
}
