/**
 * The redirects staff did not make, listed next to theirs in the admin (Preusmeritve, read-only,
 * with their Izvor): the WordPress import map and the old paths of entries whose slug changed, as
 * the live site last published them (SITE_URL/redirects.json and /path-history.json, which every
 * build writes for the next one). Only a mirror to look at: every build derives these redirects
 * itself and reads nothing but staff redirects from Strapi. Written straight to the database,
 * so mirroring sends no webhooks and starts no builds. Runs at start and every few minutes.
 */
import type { Core } from '@strapi/strapi';
import { withTrailingSlash } from '@koper-otok/content-types';
import { REDIRECT_UID } from '../validation/redirect-checks';

export type MirroredOrigin = 'import' | 'slug-change';

export interface MirroredRedirect {
  from: string;
  to: string;
  origin: MirroredOrigin;
}

const REFRESH_MS = 5 * 60_000;
const isPathList = (value: unknown): value is { from: string; to: string }[] =>
  Array.isArray(value) && value.every((r) => typeof r?.from === 'string' && typeof r?.to === 'string');
const isHistory = (value: unknown): value is Record<string, string[]> =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value).every((paths) => Array.isArray(paths) && paths.every((p) => typeof p === 'string'));

/**
 * The import map's redirects, then each entry's earlier paths to its current one (the last of
 * its history), except paths another entry lives at now: those are pages, as in the build.
 */
export function mirroredRedirects(map: unknown, history: unknown): MirroredRedirect[] {
  const imported = isPathList(map)
    ? map.map(({ from, to }) => ({ from: withTrailingSlash(from), to, origin: 'import' as const }))
    : [];
  const paths = isHistory(history) ? Object.values(history).filter((list) => list.length > 0) : [];
  const current = new Set(paths.map((list) => list.at(-1)!));
  const moved = paths.flatMap((list) =>
    list
      .slice(0, -1)
      .filter((old) => !current.has(old))
      .map((from) => ({ from, to: list.at(-1)!, origin: 'slug-change' as const })),
  );
  return [...imported, ...moved];
}

/** A published JSON file of the live site; null when it has none yet (a first deploy). */
async function liveJson(siteUrl: string, file: string): Promise<unknown> {
  const response = await fetch(new URL(file, `${siteUrl.replace(/\/+$/, '')}/`), {
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response.json();
}

const keyOf = (r: { from: string; to: string; origin: string }) => `${r.origin} ${r.from} ${r.to}`;

/** Makes the mirrored entries what the live site publishes now: new ones added, gone ones removed. */
export async function mirrorSiteRedirects(strapi: Core.Strapi, siteUrl: string): Promise<void> {
  const [map, history] = await Promise.all([
    liveJson(siteUrl, 'redirects.json'),
    liveJson(siteUrl, 'path-history.json'),
  ]);
  const wanted = new Map(mirroredRedirects(map, history).map((r) => [keyOf(r), r]));
  const rows = strapi.db.query(REDIRECT_UID);
  const stored: { documentId: string; from: string; to: string; origin: string }[] = await rows.findMany({
    where: { origin: { $ne: 'staff' }, publishedAt: { $notNull: true } },
    select: ['documentId', 'from', 'to', 'origin'],
  });
  // Gone from the site, or a second copy (two instances mirroring at the same moment).
  const storedKeys = new Set<string>();
  const gone: string[] = [];
  for (const row of stored) {
    if (wanted.has(keyOf(row)) && !storedKeys.has(keyOf(row))) storedKeys.add(keyOf(row));
    else gone.push(row.documentId);
  }
  if (gone.length > 0) await rows.deleteMany({ where: { documentId: { $in: gone } } });
  for (const [key, redirect] of wanted) {
    if (storedKeys.has(key)) continue;
    // A draft and its published version, as Strapi keeps every published document.
    const draft = await rows.create({ data: { ...redirect, kind: 'permanent', publishedAt: null } });
    await rows.create({
      data: { ...redirect, kind: 'permanent', documentId: draft.documentId, publishedAt: new Date() },
    });
  }
}

/** At start (not holding it up) and then every few minutes; a site that cannot be reached is logged. */
export function startSiteRedirectsMirror(strapi: Core.Strapi): void {
  const siteUrl: string = strapi.config.get('server.siteUrl', '');
  if (!siteUrl) return;
  const mirror = () =>
    mirrorSiteRedirects(strapi, siteUrl).catch((error: Error) =>
      strapi.log.warn(`Redirects from ${siteUrl} not listed in the admin: ${error.message}`),
    );
  void mirror();
  const timer = setInterval(mirror, REFRESH_MS);
  timer.unref();
  stopMirror = () => clearInterval(timer);
}

let stopMirror = () => {};

export const stopSiteRedirectsMirror = () => stopMirror();
