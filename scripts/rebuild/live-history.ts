/**
 * What the next build must carry over from the live site, read over HTTP: the path history
 * (earlier slugs become redirects) and the redirect map (old WordPress URLs), both published
 * by every build. For a build with no live folder beside it, such as the GitHub workflow; the
 * rebuild service reads its live build's files instead.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readRedirects } from '../../site/integrations/redirect-map.ts';
import { parsePathHistory } from '../../site/src/lib/content/moved-pages.ts';
import { REDIRECT_MAP_FILE } from '../../site/src/lib/content/redirect-rules.ts';

export const PATH_HISTORY_FILE = 'path-history.json';

export interface LiveHistoryOptions {
  siteUrl: string;
  /** Where the path history is written (the build's SITE_PATH_HISTORY). */
  pathHistoryFile: string;
  /** Where the redirect map is written (the build's SITE_REDIRECTS). */
  redirectsFile: string;
  timeoutMs?: number;
}

export type LiveHistoryResult = { found: true; paths: number; redirects: number } | { found: false };

const liveUrl = (siteUrl: string, file: string) => new URL(file, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);

/** `file` of the live site, or null when it answers 404; any other failure throws, naming the URL. */
async function download(siteUrl: string, file: string, timeoutMs: number): Promise<string | null> {
  const url = liveUrl(siteUrl, file);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new Error(`cannot read ${url}: ${reason}`, { cause: error });
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`cannot read ${url}: HTTP ${response.status} ${response.statusText}`);
  return response.text();
}

/**
 * Downloads both files into the given paths. Both missing is a first deploy: nothing is
 * written and the build starts without history. One missing, or either one unreadable or
 * malformed, throws, so a deploy never drops the live site's redirects unnoticed.
 */
export async function fetchLiveHistory(options: LiveHistoryOptions): Promise<LiveHistoryResult> {
  const { siteUrl, pathHistoryFile, redirectsFile, timeoutMs = 30_000 } = options;
  for (const file of [pathHistoryFile, redirectsFile]) rmSync(file, { force: true });
  const history = await download(siteUrl, PATH_HISTORY_FILE, timeoutMs);
  const map = await download(siteUrl, REDIRECT_MAP_FILE, timeoutMs);
  if (history === null && map === null) return { found: false };
  if (history === null || map === null) {
    const [missing, present] =
      history === null ? [PATH_HISTORY_FILE, REDIRECT_MAP_FILE] : [REDIRECT_MAP_FILE, PATH_HISTORY_FILE];
    throw new Error(
      `${siteUrl} publishes ${present} but not ${missing}: every build publishes both, so the live ` +
        'site is from an older build or a partial upload; deploy a complete build before building here',
    );
  }
  const paths = Object.values(parsePathHistory(history, String(liveUrl(siteUrl, PATH_HISTORY_FILE)))).flat().length;
  for (const [file, text] of [
    [pathHistoryFile, history],
    [redirectsFile, map],
  ]) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  try {
    return { found: true, paths, redirects: readRedirects(redirectsFile).length };
  } catch (error) {
    rmSync(redirectsFile, { force: true });
    throw new Error(`${liveUrl(siteUrl, REDIRECT_MAP_FILE)}: ${(error as Error).message}`, { cause: error });
  }
}
