/**
 * Loads everything the site shows, for every locale, in parallel: each type x 2 locales,
 * each paged. Memoised so the build fetches once however many pages import it.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale, type Media } from '@koper-otok/content-types';
import { config } from '../../config';
import { buildSession } from '../build-session';
import { mediaSource } from '../media/media-library';
import { createCmsClient } from './client';
import { fetchEntries, type ContentStatus } from './queries/site-export';
import type { CmsRecords, RedirectRecord } from './records';
import {
  ownersToReread,
  perLocale,
  withoutInverseSides,
  type PageContentType,
  type RereadEntries,
} from './patch-records';
import { readSnapshot, snapshotInput, snapshotOutput, writeSnapshot } from './snapshot';
import { prerenderMarkdown } from '../content/markdown';

let cached: Promise<CmsRecords> | undefined;

/** The published content for this build, fetched once. */
export function loadCmsRecords(): Promise<CmsRecords> {
  const snapshot = snapshotInput();
  cached ??= snapshot ? Promise.resolve(readSnapshot(snapshot)) : buildFetch();
  return cached;
}

/** The build's one fetch: the prefetch integration starts it, the pages await the same promise. */
function buildFetch(): Promise<CmsRecords> {
  const session = buildSession();
  if (!session.contentFetch) {
    session.contentFetch = fetchCmsRecords('PUBLISHED', { prerenderMarkdown: true });
    session.contentFetch.catch(() => undefined); // a failure is reported where the pages await it
  }
  return session.contentFetch;
}

/** Starts the build's fetch now, unless the build reads a snapshot. */
export function startBuildFetch(): void {
  if (!snapshotInput()) void buildFetch();
}

/** While later pages are on their way, render the markdown of those that have arrived. */
const prerenderPage = (items: unknown[]) => {
  for (const item of items as { body?: string | null; description?: string | null }[]) {
    prerenderMarkdown(item.body);
    prerenderMarkdown(item.description);
  }
};

const cmsClient = (onPage?: (items: unknown[]) => void) =>
  createCmsClient({
    url: config.strapiUrl,
    token: config.strapiToken,
    timeoutMs: config.strapiTimeoutMs,
    retries: config.strapiRetries,
    onPage,
  });

/**
 * The published staff redirects, fetched once per build (the redirects integration needs them
 * before Astro sets up its routes; the pages read the same promise). None with a snapshot,
 * which holds the pages' content only. The CMS also lists the import's and the changed slugs'
 * redirects, for staff to see; the build derives those itself and leaves them out.
 */
export function loadStaffRedirects(): Promise<RedirectRecord[]> {
  const session = buildSession();
  session.staffRedirects ??= snapshotInput() ? Promise.resolve([]) : fetchStaffRedirects();
  return session.staffRedirects;
}

async function fetchStaffRedirects(): Promise<RedirectRecord[]> {
  const client = cmsClient();
  const started = Date.now();
  const redirects = await fetchEntries(client, 'redirect', { locale: DEFAULT_LOCALE, status: 'PUBLISHED' });
  const staff = redirects.filter((redirect) => redirect.origin === 'staff');
  console.log(
    `[cms] fetched ${staff.length} staff redirects from ${client.endpoint} in ${Date.now() - started} ms, ${client.stats.requests} requests`,
  );
  return staff;
}

/** Fetches every type and locale now; the preview server calls it per request with DRAFT. */
export async function fetchCmsRecords(
  status: ContentStatus,
  options: { prerenderMarkdown?: boolean } = {},
): Promise<CmsRecords> {
  const client = cmsClient(options.prerenderMarkdown ? prerenderPage : undefined);
  const started = Date.now();
  const perLocale = await Promise.all(
    LOCALES.map(async (locale) => {
      const scope = { locale, status };
      const [articles, workshops, regions, partners, pages, navigations] = await Promise.all([
        fetchEntries(client, 'article', scope),
        fetchEntries(client, 'workshop', scope),
        fetchEntries(client, 'region', scope),
        fetchEntries(client, 'partner', scope),
        fetchEntries(client, 'page', scope),
        fetchEntries(client, 'navigation', scope),
      ]);
      // A single type: at most one entry per locale.
      const navigation = navigations[0] ?? null;
      return [locale, { articles, workshops, regions, partners, pages, navigation }] as const;
    }),
  );
  const records = Object.fromEntries(perLocale) as CmsRecords;
  absolutiseMediaUrls(records, config.strapiUrl);
  const out = snapshotOutput();
  if (out) writeSnapshot(out, records);
  const counts = LOCALES.map(
    (l) => `${l}: ${records[l].articles.length} articles, ${records[l].workshops.length} workshops`,
  );
  console.log(
    `[cms] fetched ${status.toLowerCase()} content from ${client.endpoint} in ${Date.now() - started} ms, ${client.stats.requests} requests (${counts.join('; ')})`,
  );
  return records;
}

/**
 * Re-reads the published versions of some entries in every locale, for a partial rebuild:
 * the webhook names them, but only what Strapi answers now counts (a payload may be empty,
 * repeated or already out of date).
 */
export async function rereadEntries(
  changed: readonly { type: PageContentType; documentIds: readonly string[] }[],
  current: CmsRecords,
): Promise<RereadEntries[]> {
  const snapshot = snapshotInput();
  if (snapshot) return rereadFromSnapshot(readSnapshot(snapshot), changed);
  const client = cmsClient();
  const started = Date.now();
  const read = (type: PageContentType, documentIds: readonly string[], inverse: boolean) =>
    Promise.all(
      LOCALES.map(async (locale) => {
        const scope = { locale, status: 'PUBLISHED' as const, documentIds: [...documentIds], inverse };
        const entries = await fetchEntries(client, type, scope);
        absolutiseEntryMedia(entries, config.strapiUrl);
        return entries;
      }),
    ).then(([sl, en]): RereadEntries => ({ type, documentIds, found: { sl, en } }));
  const first = await Promise.all(changed.map(({ type, documentIds }) => read(type, documentIds, true)));
  // A relation edited from the changed entry's side changes owners no webhook named: read them as well.
  const asked = new Map(changed.map(({ type, documentIds }) => [type, new Set(documentIds)]));
  const owners = [...ownersToReread(current, first)]
    .map(([type, ids]) => ({ type, documentIds: [...ids].filter((id) => !asked.get(type)?.has(id)) }))
    .filter(({ documentIds }) => documentIds.length > 0);
  const second = await Promise.all(owners.map(({ type, documentIds }) => read(type, documentIds, false)));
  const reread = [...first.map(withoutInverseSides), ...second];
  const count = reread.reduce((sum, { documentIds }) => sum + documentIds.length, 0);
  console.log(
    `[cms] re-read ${count} changed entries from ${client.endpoint} in ${Date.now() - started} ms, ${client.stats.requests} requests`,
  );
  return reread;
}

/** The same from a snapshot file (SITE_CONTENT_SNAPSHOT), read again: tests change it between builds. */
function rereadFromSnapshot(
  records: CmsRecords,
  changed: readonly { type: PageContentType; documentIds: readonly string[] }[],
): RereadEntries[] {
  return changed.map(({ type, documentIds }) => {
    const asked = new Set(documentIds);
    const list = (locale: Locale): { documentId: string }[] => records[locale][`${type}s`];
    const found = perLocale((locale) => list(locale).filter((entry) => asked.has(entry.documentId)));
    return { type, documentIds, found };
  });
}

/** Every media file of a record: its own media fields and those of its components (seo.shareImage). */
function mediaOf(record: object): Media[] {
  const isMedia = (value: unknown): value is Media =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Media).url === 'string' &&
    'alternativeText' in value;
  const found: Media[] = [];
  for (const value of Object.values(record)) {
    if (isMedia(value)) found.push(value);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) found.push(...mediaOf(value));
  }
  return found;
}

/**
 * Strapi's local upload provider returns "/uploads/x.jpg", which the build downloads from Strapi
 * itself; an S3 provider returns the object's URL, which must lie under MEDIA_URL.
 */
function absolutiseMediaUrls(records: CmsRecords, baseUrl: string): void {
  for (const locale of LOCALES) {
    // Lists of entries, and the navigation (null when staff saved none in this language).
    const entries: object[] = Object.values(records[locale])
      .flat()
      .filter((entry): entry is object => entry !== null);
    absolutiseEntryMedia(entries, baseUrl);
  }
}

function absolutiseEntryMedia(entries: object[], baseUrl: string): void {
  for (const item of entries.flatMap(mediaOf)) item.url = mediaSource(new URL(item.url, `${baseUrl}/`).href, config);
}
