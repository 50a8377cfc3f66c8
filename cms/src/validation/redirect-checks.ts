/**
 * Staff redirects on every Document Service write (the admin, REST, GraphQL, scripts): the rules
 * of redirects.ts with the database's help. On save the addresses are normalised, the old one
 * must not be a page of the site (the site's own routes, content-types/routes.js, and the
 * published entries behind them, in both languages) nor another redirect's, and a chain is
 * flattened with a note. Redirects that pointed at the old address are flattened too: drafts on
 * save, their published versions when this redirect is published.
 */
import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, entryPathOf, siteRouteOf, type PageTypeName, type SiteRoute } from '@koper-otok/content-types';
import type { Entry, FieldProblem, Label } from './rules';
import {
  mirroredRedirect,
  pageTakenByRedirect,
  checkSource,
  checkTarget,
  flattenedNote,
  resolveTarget,
  retargetedNote,
  sourceIsPage,
  sourceTaken,
  withNoteLine,
} from './redirects';

export const REDIRECT_UID = 'api::redirect.redirect';
/** Redirects staff made; the others are a read-only mirror of the site's (src/redirects/). */
const STAFF = { origin: 'staff' };

type Strapi = Core.Strapi;
interface RedirectRow {
  id: number;
  documentId: string;
  from: string;
  to: string;
  note?: string | null;
}

const redirects = (strapi: Strapi) => strapi.db.query(REDIRECT_UID);
const otherDocuments = (documentId?: string) => (documentId ? { documentId: { $ne: documentId } } : {});

/** Whether an entry's page answers at this route: its own locale, or Slovenian shown as a fallback. */
async function isPublishedEntry(strapi: Strapi, route: Extract<SiteRoute, { kind: 'entry' }>): Promise<boolean> {
  const entries = strapi.db.query(`api::${route.type}.${route.type}`);
  const published = { publishedAt: { $notNull: true } };
  if (await entries.findOne({ where: { slug: route.slug, locale: route.locale, ...published }, select: ['id'] })) {
    return true;
  }
  if (route.locale === DEFAULT_LOCALE) return false;
  // An untranslated entry appears in the other language with its Slovenian slug (site fallback.ts).
  const original = await entries.findOne({
    where: { slug: route.slug, locale: DEFAULT_LOCALE, ...published },
    select: ['documentId'],
  });
  if (!original) return false;
  const translated = await entries.findOne({
    where: { documentId: original.documentId, locale: route.locale, ...published },
    select: ['id'],
  });
  return !translated;
}

async function isLivePage(strapi: Strapi, path: string): Promise<boolean> {
  const route = siteRouteOf(path);
  if (!route) return false;
  return route.kind === 'entry' ? isPublishedEntry(strapi, route) : true;
}

/** The other redirects' drafts (the latest version of each), old address -> new address. */
async function otherRedirects(strapi: Strapi, documentId?: string): Promise<RedirectRow[]> {
  return redirects(strapi).findMany({
    where: { publishedAt: null, ...STAFF, ...otherDocuments(documentId) },
    select: ['id', 'documentId', 'from', 'to', 'note'],
  });
}

/**
 * Normalises and checks a redirect about to be saved (its stored draft merged with the new data),
 * writing the normalised addresses and a flattened target back into the save.
 */
export async function checkRedirectSave(
  strapi: Strapi,
  entry: Entry,
  params: { documentId?: string; data?: Entry },
  label: Label,
): Promise<FieldProblem[]> {
  const source = checkSource(entry.from, label);
  const target = checkTarget(entry.to, label);
  const problems = [source, target].flatMap((checked) => ('problem' in checked ? [checked.problem] : []));
  if ('problem' in source || 'problem' in target) return problems;

  const others = await otherRedirects(strapi, params.documentId);
  if (others.some((other) => other.from === source.value)) return [sourceTaken(label, source.value)];
  if (await isLivePage(strapi, source.value)) return [sourceIsPage(label, source.value)];
  const resolved = resolveTarget(source.value, target.value, new Map(others.map((o) => [o.from, o.to])), label);
  if ('problem' in resolved) return [resolved.problem];

  const data: Entry = { ...params.data, from: source.value, to: resolved.to };
  if (resolved.via.length > 0) data.note = withNoteLine(entry.note, flattenedNote(target.value, resolved));
  params.data = data;
  return [];
}

/** After a save: other drafts that pointed at this redirect's old address now skip it. */
export async function flattenDraftsPointingAt(strapi: Strapi, saved: { documentId: string }): Promise<void> {
  const draft: RedirectRow | null = await redirects(strapi).findOne({
    where: { documentId: saved.documentId, publishedAt: null },
  });
  if (!draft) return;
  await retargetPointingAt(strapi, { publishedAt: null, ...otherDocuments(draft.documentId) }, draft.from, draft.to);
}

/**
 * The import's and the changed slugs' redirects are shown to staff, never changed by them: the
 * site makes those itself. A staff redirect for the same old address overrides one.
 */
export async function readOnlyProblems(
  strapi: Strapi,
  params: { documentId?: string; data?: Entry },
  label: Label,
): Promise<FieldProblem[]> {
  const stored = params.documentId
    ? await redirects(strapi).findOne({ where: { documentId: params.documentId }, select: ['origin'] })
    : null;
  const origin = stored?.origin ?? params.data?.origin ?? 'staff';
  return origin === 'staff' && (params.data?.origin ?? 'staff') === 'staff' ? [] : [mirroredRedirect(label)];
}

/** Before an entry is published: its page's path must not be a redirect's old address (the redirect would win). */
export async function redirectOverPage(
  strapi: Strapi,
  page: { type: PageTypeName; locale: string; slug: unknown },
  label: Label,
): Promise<FieldProblem[]> {
  if (typeof page.slug !== 'string' || (page.locale !== 'sl' && page.locale !== 'en')) return [];
  const path = entryPathOf({ type: page.type, locale: page.locale, slug: page.slug });
  const redirect = await redirects(strapi).findOne({ where: { from: path, ...STAFF }, select: ['id'] });
  return redirect ? [pageTakenByRedirect(label, path)] : [];
}

/** Before publishing: the old address must still be free (a page may have been published since). */
export async function checkRedirectPublish(strapi: Strapi, documentId: string, label: Label): Promise<FieldProblem[]> {
  const draft: RedirectRow | null = await redirects(strapi).findOne({ where: { documentId, publishedAt: null } });
  if (!draft) return [];
  return (await isLivePage(strapi, draft.from)) ? [sourceIsPage(label, draft.from)] : [];
}

/** After publishing: published redirects that pointed at this one's old address now skip it. */
export async function flattenPublishedPointingAt(strapi: Strapi, documentId: string): Promise<void> {
  const published: RedirectRow | null = await redirects(strapi).findOne({
    where: { documentId, publishedAt: { $notNull: true } },
  });
  if (!published) return;
  await retargetPointingAt(
    strapi,
    { publishedAt: { $notNull: true }, documentId: { $ne: documentId } },
    published.from,
    published.to,
  );
}

async function retargetPointingAt(strapi: Strapi, scope: Entry, from: string, to: string): Promise<void> {
  const pointing: RedirectRow[] = await redirects(strapi).findMany({
    where: { ...scope, ...STAFF, to: from },
    select: ['id', 'note'],
  });
  for (const row of pointing) {
    await redirects(strapi).update({
      where: { id: row.id },
      data: { to, note: withNoteLine(row.note, retargetedNote(from, to)) },
    });
  }
}
