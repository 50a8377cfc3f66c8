/**
 * The redirect map: old WordPress permalink path -> the article's new path on the site.
 *
 * Written as JSON, [{ "from": "/2017/06/14/old-slug/", "to": "/novice/new-slug/" }, ...], sorted
 * by "from", one entry per imported published post. The site build turns it into redirect pages
 * (or a _redirects file). New paths come from the site's own route rules, so they cannot drift.
 * "from" is the path of the old permalink, percent-decoded (NFC), so "/2017/02/14/čokoladni-dan/";
 * a consumer that needs the encoded form encodes it. Drafts get no entry: they had no public URL.
 */
import { writeFileByRename } from '../lib/file-tree.ts';
import { entryPath } from '../../site/src/lib/content/routes.ts';

export interface Redirect {
  from: string;
  to: string;
}

export interface RedirectSource {
  permalink: string;
  slug: string;
  publish: boolean;
}

/** The decoded path of an old permalink; null for links that are not pretty permalinks (?p=123). */
function oldPath(permalink: string): string | null {
  let url: URL;
  try {
    url = new URL(permalink, 'https://old.invalid');
  } catch {
    return null;
  }
  if (url.search || url.pathname === '/' || url.pathname === '') return null;
  try {
    return decodeURIComponent(url.pathname).normalize('NFC');
  } catch {
    return url.pathname;
  }
}

function redirectFor(source: RedirectSource): Redirect | null {
  if (!source.publish) return null;
  const from = oldPath(source.permalink);
  const to = entryPath('article', 'sl', source.slug);
  return from && from !== to ? { from, to } : null;
}

/** One redirect per published article with a pretty permalink, sorted by old path. */
export function buildRedirects(sources: RedirectSource[]): Redirect[] {
  const byFrom = new Map<string, Redirect>();
  for (const source of sources) {
    const redirect = redirectFor(source);
    if (redirect && !byFrom.has(redirect.from)) byFrom.set(redirect.from, redirect);
  }
  return [...byFrom.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** Writes the map atomically (temporary file + rename), so a reader never sees half a file. */
export function writeRedirectMap(file: string, redirects: Redirect[]): void {
  writeFileByRename(file, `${JSON.stringify(redirects, null, 2)}\n`);
}
