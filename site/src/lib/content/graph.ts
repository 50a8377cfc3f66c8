/**
 * Turns one locale's flat records into linked entries: forward relations resolved from
 * references, reverse relations (a region's workshops, a workshop's articles, ...) derived
 * from them, markdown rendered once per entry, and lists in reading order.
 */
import type { Locale, Media, PartnerKind, RegionCode, SharedSeo, WorkshopEventStatus } from '@koper-otok/content-types';
import type { LocaleRecords, Ref } from '../cms/records';
import { safeLinkUrl } from './links';
import { renderMarkdown } from './markdown';
import { localizedImage } from './image-text';

interface EntryBase {
  documentId: string;
  /** The language of the page the entry appears on. */
  locale: Locale;
  /** The language the content is written in; differs from `locale` for an untranslated fallback. */
  contentLocale: Locale;
  slug: string;
  /** The entry's SEO fields in its language (lib/content/head.ts), or null. */
  seo: SharedSeo | null;
}
export interface ArticleEntry extends EntryBase {
  type: 'article';
  title: string;
  excerpt: string;
  bodyHtml: string;
  publishedDate: string;
  /** With alternative text and caption in the entry's language (image-text.ts). */
  cover: Media | null;
  regions: RegionEntry[];
  partners: PartnerEntry[];
  workshops: WorkshopEntry[];
}
export interface WorkshopEntry extends EntryBase {
  type: 'workshop';
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  venueName: string | null;
  venueAddress: string | null;
  city: string | null;
  descriptionHtml: string;
  /** With alternative text and caption in the entry's language (image-text.ts). */
  image: Media | null;
  registrationUrl: string | null;
  capacity: number | null;
  /** Staff opened the site's own registration form (registration.ts decides whether it shows). */
  registrationOpen: boolean;
  /** Places taken when the site was built: confirmed registrations. */
  confirmedRegistrations: number;
  eventStatus: WorkshopEventStatus;
  region: RegionEntry | null;
  partners: PartnerEntry[];
  articles: ArticleEntry[];
}
export interface RegionEntry extends EntryBase {
  type: 'region';
  name: string;
  code: RegionCode;
  descriptionHtml: string;
  workshops: WorkshopEntry[];
  partners: PartnerEntry[];
  articles: ArticleEntry[];
}
export interface PartnerEntry extends EntryBase {
  type: 'partner';
  name: string;
  shortName: string | null;
  kind: PartnerKind;
  website: string | null;
  /** With alternative text and caption in the entry's language (image-text.ts). */
  logo: Media | null;
  descriptionHtml: string;
  regions: RegionEntry[];
  workshops: WorkshopEntry[];
  articles: ArticleEntry[];
}
/** A standalone page (About us, Privacy): no relations, at the root of its language. */
export interface PageEntry extends EntryBase {
  type: 'page';
  title: string;
  excerpt: string | null;
  bodyHtml: string;
  seo: SharedSeo | null;
}
export type Entry = ArticleEntry | WorkshopEntry | RegionEntry | PartnerEntry | PageEntry;

export interface SiteGraph {
  locale: Locale;
  articles: ArticleEntry[];
  workshops: WorkshopEntry[];
  regions: RegionEntry[];
  partners: PartnerEntry[];
  pages: PageEntry[];
}

/**
 * The record each entry was made from. An entry's own fields are a function of its record and
 * locale, so what is worked out from them can be kept per record (page-fingerprint.ts).
 */
const sources = new WeakMap<object, object>();
export const sourceRecordOf = (entry: object): object | undefined => sources.get(entry);

/** `make` over the records, remembering which record each entry came from. */
function fromRecords<R extends object, E extends object>(records: R[], make: (record: R) => E): E[] {
  return records.map((record) => {
    const entry = make(record);
    sources.set(entry, record);
    return entry;
  });
}

const indexById = <T extends { documentId: string }>(items: T[]) =>
  new Map(items.map((item) => [item.documentId, item]));

/** References to entries that are not published in this locale (deleted, unpublished) are dropped. */
const resolve = <T>(refs: Ref[], index: Map<string, T>): T[] =>
  refs.map((ref) => index.get(ref.documentId)).filter((entry): entry is T => entry !== undefined);

export function buildGraph(records: LocaleRecords, locale: Locale): SiteGraph {
  const collator = new Intl.Collator(locale);
  const regions: RegionEntry[] = fromRecords(records.regions, (r): RegionEntry => ({
    type: 'region',
    documentId: r.documentId,
    locale,
    contentLocale: r.locale ?? locale,
    slug: r.slug,
    seo: r.seo ?? null,
    name: r.name,
    code: r.code,
    descriptionHtml: renderMarkdown(r.description),
    workshops: [],
    partners: [],
    articles: [],
  }));
  const partners: PartnerEntry[] = fromRecords(records.partners, (p): PartnerEntry => ({
    type: 'partner',
    documentId: p.documentId,
    locale,
    contentLocale: p.locale ?? locale,
    slug: p.slug,
    seo: p.seo ?? null,
    name: p.name,
    shortName: p.shortName,
    kind: p.kind,
    website: safeLinkUrl(p.website),
    logo: localizedImage(p, 'logo'),
    descriptionHtml: renderMarkdown(p.description),
    regions: [],
    workshops: [],
    articles: [],
  }));
  const workshops: WorkshopEntry[] = fromRecords(records.workshops, (w): WorkshopEntry => ({
    type: 'workshop',
    documentId: w.documentId,
    locale,
    contentLocale: w.locale ?? locale,
    slug: w.slug,
    seo: w.seo ?? null,
    title: w.title,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    venueName: w.venueName,
    venueAddress: w.venueAddress,
    city: w.city,
    descriptionHtml: renderMarkdown(w.description),
    image: localizedImage(w, 'image'),
    registrationUrl: safeLinkUrl(w.registrationUrl),
    capacity: w.capacity,
    registrationOpen: w.registrationOpen ?? false,
    confirmedRegistrations: w.confirmedRegistrations ?? 0,
    eventStatus: w.eventStatus,
    region: null,
    partners: [],
    articles: [],
  }));
  const articles: ArticleEntry[] = fromRecords(records.articles, (a): ArticleEntry => ({
    type: 'article',
    documentId: a.documentId,
    locale,
    contentLocale: a.locale ?? locale,
    slug: a.slug,
    seo: a.seo ?? null,
    title: a.title,
    excerpt: a.excerpt,
    bodyHtml: renderMarkdown(a.body),
    publishedDate: a.publishedDate,
    cover: localizedImage(a, 'cover'),
    regions: [],
    partners: [],
    workshops: [],
  }));

  const pages: PageEntry[] = fromRecords(records.pages, (p): PageEntry => ({
    type: 'page',
    documentId: p.documentId,
    locale,
    contentLocale: p.locale ?? locale,
    slug: p.slug,
    title: p.title,
    excerpt: p.excerpt,
    bodyHtml: renderMarkdown(p.body),
    seo: p.seo,
  }));

  const regionIndex = indexById(regions);
  const partnerIndex = indexById(partners);
  const workshopIndex = indexById(workshops);

  records.partners.forEach((record, i) => {
    partners[i].regions = resolve(record.regions, regionIndex);
    for (const region of partners[i].regions) region.partners.push(partners[i]);
  });
  records.workshops.forEach((record, i) => {
    const workshop = workshops[i];
    workshop.region = record.region ? (regionIndex.get(record.region.documentId) ?? null) : null;
    workshop.region?.workshops.push(workshop);
    workshop.partners = resolve(record.partners, partnerIndex);
    for (const partner of workshop.partners) partner.workshops.push(workshop);
  });
  records.articles.forEach((record, i) => {
    const article = articles[i];
    article.regions = resolve(record.regions, regionIndex);
    article.partners = resolve(record.partners, partnerIndex);
    article.workshops = resolve(record.workshops, workshopIndex);
    for (const target of [...article.regions, ...article.partners, ...article.workshops]) target.articles.push(article);
  });

  const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
  const newestFirst = (a: ArticleEntry, b: ArticleEntry) =>
    b.publishedDate.localeCompare(a.publishedDate) || collator.compare(a.title, b.title);
  const soonestFirst = (a: WorkshopEntry, b: WorkshopEntry) =>
    (a.startsAt ?? '9999').localeCompare(b.startsAt ?? '9999') || collator.compare(a.title, b.title);

  articles.sort(newestFirst);
  workshops.sort(soonestFirst);
  regions.sort(byName);
  partners.sort(byName);
  pages.sort((a, b) => collator.compare(a.title, b.title));
  for (const entry of [...regions, ...partners, ...workshops]) entry.articles.sort(newestFirst);
  for (const entry of [...regions, ...partners]) entry.workshops.sort(soonestFirst);
  for (const region of regions) region.partners.sort(byName);

  return { locale, articles, workshops, regions, partners, pages };
}

/** Splits workshops at the build time: upcoming (soonest first), past (latest first), undated. */
export function splitWorkshops(workshops: WorkshopEntry[], now: Date) {
  const nowIso = now.toISOString();
  const dated = workshops.filter((w) => w.startsAt);
  return {
    upcoming: dated.filter((w) => (w.endsAt ?? w.startsAt)! >= nowIso),
    past: dated.filter((w) => (w.endsAt ?? w.startsAt)! < nowIso).reverse(),
    undated: workshops.filter((w) => !w.startsAt),
  };
}
