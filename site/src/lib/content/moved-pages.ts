/**
 * Old URLs of entries whose slug changed keep working. Every build publishes the paths each
 * entry has ever had (its "path history", /path-history.json); the next build reads the live
 * build's history, and every earlier path of an entry that still exists becomes a redirect
 * page to where the entry lives now. Entries that are gone (unpublished, deleted) drop out,
 * so their old URLs answer 404 as they should.
 */
import type { Locale } from '@koper-otok/content-types';

/** Where the build hands its moved pages to the redirects integration (site/integrations/redirects.ts). */
export const MOVED_PAGES_FILE = 'moved-pages.json';

/** Entry key ("article:<documentId>:sl") -> every path it has had, oldest first, current last. */
export type PathHistory = Record<string, string[]>;

export interface CurrentPath {
  key: string;
  path: string;
  locale: Locale;
}

export interface MovedPage {
  from: string;
  to: string;
  locale: Locale;
}

export function followMovedPages(current: CurrentPath[], previous: PathHistory, takenPaths: Set<string>) {
  const history: PathHistory = {};
  const moved: MovedPage[] = [];
  for (const { key, path, locale } of current) {
    const earlier = (previous[key] ?? []).filter((old) => old !== path);
    history[key] = [...earlier, path];
    // A path another page now uses belongs to that page, not to a redirect.
    for (const from of earlier.filter((old) => !takenPaths.has(old))) moved.push({ from, to: path, locale });
  }
  return { history, moved };
}

export function parsePathHistory(text: string, source: string): PathHistory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`Path history ${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const valid =
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    Object.values(data).every(
      (paths) =>
        Array.isArray(paths) && paths.every((p) => typeof p === 'string' && p.startsWith('/') && !p.startsWith('//')),
    );
  if (!valid) throw new Error(`Path history ${source} must map entry keys to lists of site paths`);
  return data as PathHistory;
}
