/**
 * Generated site content (the records the site reads from Strapi, as a snapshot file would hold
 * them) and random editorial changes to it, for the partial-rebuild property test: a few hundred
 * entries in Slovenian with English translations for most, covers on some articles, one partner
 * most articles reference, workshops before and after "now". Each change returns the documents
 * it touched, as the webhooks would name them. Seeded: a failing sequence can be replayed.
 */
import type { Locale, Media, PartnerKind, RegionCode } from '@koper-otok/content-types';
import type {
  ArticleRecord,
  CmsRecords,
  PageRecord,
  PartnerRecord,
  RegionRecord,
  WorkshopRecord,
} from '../../site/src/lib/cms/records.ts';
import type { PageContentType } from '../../site/src/lib/cms/patch-records.ts';

export interface Touched {
  type: PageContentType;
  documentId: string;
}

/** Mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const some = <T>(items: readonly T[], most: number): T[] => [
    ...new Set(Array.from({ length: int(most + 1) }, () => pick(items))),
  ];
  return { next, int, pick, some, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof randomSource>;

const REGION_CODES: RegionCode[] = ['SI031', 'SI032', 'SI033', 'SI034', 'SI035', 'SI036', 'SI041', 'SI043'];
const PARTNER_KINDS: PartnerKind[] = ['ministry', 'public_agency', 'municipality', 'chamber', 'business'];
const WORDS = ['trg', 'ulica', 'kavarna', 'obrtniki', 'sejem', 'pomlad', 'prenova', 'izložba', 'zeleno', 'promet'];
const DAY = 24 * 60 * 60 * 1000;

export interface GeneratedContent {
  records: CmsRecords;
  /** Every documentId given so far, to make new ones unique. */
  counter: { next: number };
  /** The partner most articles reference. */
  busyPartner: string;
  now: Date;
}

const documentId = (content: { counter: { next: number } }, prefix: string) =>
  `${prefix}${String(content.counter.next++).padStart(6, '0')}`.padEnd(24, 'x');

const sentence = (random: Random, words: number) => Array.from({ length: words }, () => random.pick(WORDS)).join(' ');

/** The images the media server serves: the first two in the generated content, the others only after changes. */
export const MEDIA_FILES = ['fasada.png', 'trg.png', 'obala.png', 'soline.png'];

function media(baseUrl: string, random: Random, files = MEDIA_FILES.slice(0, 2)): Media {
  const file = random.pick(files);
  return {
    url: `${baseUrl}/uploads/${file}`,
    alternativeText: `Slika: ${file}`,
    caption: null,
    width: 800,
    height: 450,
  };
}

/** Generated content; `mediaUrl` serves /uploads/fasada.png and /uploads/trg.png. */
export function generateContent(random: Random, mediaUrl: string, now: Date, articles = 150): GeneratedContent {
  const content: GeneratedContent = {
    records: { sl: emptyLocale(), en: emptyLocale() },
    counter: { next: 1 },
    busyPartner: '',
    now,
  };
  const regions = REGION_CODES.map((code, i) => {
    const id = documentId(content, 'r');
    for (const locale of ['sl', 'en'] as const) content.records[locale].regions.push(region(id, locale, code, i));
    return id;
  });
  const partners = Array.from({ length: 10 }, (_, i) => {
    const id = documentId(content, 'p');
    const kind: PartnerKind = i === 0 ? 'association' : random.pick(PARTNER_KINDS);
    for (const locale of ['sl', 'en'] as const)
      if (locale === 'sl' || i % 3 !== 1)
        content.records[locale].partners.push(partner(id, locale, kind, i, random.some(regions, 2), random, mediaUrl));
    return id;
  });
  content.busyPartner = partners[1];
  const workshops = Array.from({ length: 16 }, (_, i) => {
    const id = documentId(content, 'w');
    const startsAt = i % 5 === 4 ? null : new Date(now.getTime() + (i - 8) * 9 * DAY).toISOString();
    for (const locale of ['sl', 'en'] as const)
      if (locale === 'sl' || i % 4 !== 1)
        content.records[locale].workshops.push(
          workshop(id, locale, i, startsAt, random.pick(regions), random.some(partners, 2), random, mediaUrl),
        );
    return id;
  });
  for (let i = 0; i < articles; i++) addArticle(content, random, mediaUrl, { regions, partners, workshops }, i);
  for (let i = 0; i < 3; i++) {
    const id = documentId(content, 'g');
    for (const locale of ['sl', 'en'] as const) content.records[locale].pages.push(page(id, locale, i));
  }
  sortRecords(content.records);
  return content;
}

const emptyLocale = () => ({ articles: [], workshops: [], regions: [], partners: [], pages: [], navigation: null });

const region = (id: string, locale: Locale, code: RegionCode, i: number): RegionRecord => ({
  documentId: id,
  locale,
  name: `${locale === 'sl' ? 'Regija' : 'Region'} ${i}`,
  slug: `${locale === 'sl' ? 'regija' : 'region'}-${i}`,
  code,
  description: `Opis regije ${i}.`,
  seo: null,
});

function partner(
  id: string,
  locale: Locale,
  kind: PartnerKind,
  i: number,
  regions: string[],
  random: Random,
  mediaUrl: string,
): PartnerRecord {
  return {
    documentId: id,
    locale,
    name: `Partner ${i}${locale === 'en' ? ' (EN)' : ''}`,
    shortName: null,
    slug: `partner-${i}`,
    kind,
    website: `https://partner-${i}.example.si/`,
    logoAlt: null,
    logoCaption: null,
    description: sentence(random, 12),
    logo: random.chance(0.3) ? media(mediaUrl, random) : null,
    regions: regions.map((documentId) => ({ documentId })),
    seo: null,
  };
}

function workshop(
  id: string,
  locale: Locale,
  i: number,
  startsAt: string | null,
  region: string,
  partners: string[],
  random: Random,
  mediaUrl: string,
): WorkshopRecord {
  return {
    documentId: id,
    locale,
    title: `${locale === 'sl' ? 'Delavnica' : 'Workshop'} ${i}`,
    slug: `${locale === 'sl' ? 'delavnica' : 'workshop'}-${i}`,
    startsAt,
    endsAt: startsAt ? new Date(Date.parse(startsAt) + 3 * 60 * 60 * 1000).toISOString() : null,
    venueName: null,
    venueAddress: null,
    city: 'Koper',
    description: sentence(random, 15),
    imageAlt: null,
    imageCaption: null,
    registrationUrl: null,
    capacity: 20,
    registrationOpen: false,
    confirmedRegistrations: 0,
    eventStatus: 'planned',
    image: random.chance(0.2) ? media(mediaUrl, random) : null,
    region: { documentId: region },
    partners: partners.map((documentId) => ({ documentId })),
    seo: null,
  };
}

const page = (id: string, locale: Locale, i: number): PageRecord => ({
  documentId: id,
  locale,
  title: `${locale === 'sl' ? 'Stran' : 'Page'} ${i}`,
  slug: `${locale === 'sl' ? 'stran' : 'page'}-${i}`,
  excerpt: null,
  body: `Besedilo strani ${i}.`,
  seo: null,
});

interface Linkable {
  regions: string[];
  partners: string[];
  workshops: string[];
}

function article(
  id: string,
  locale: Locale,
  i: number,
  links: Linkable,
  random: Random,
  mediaUrl: string,
  busy: string,
) {
  const record: ArticleRecord = {
    documentId: id,
    locale,
    title: `${locale === 'sl' ? 'Novica' : 'News'} ${i}: ${sentence(random, 3)}`,
    slug: `${locale === 'sl' ? 'novica' : 'news'}-${i}`,
    excerpt: sentence(random, 8),
    body: `${sentence(random, 30)}\n\n**${sentence(random, 4)}**`,
    coverAlt: null,
    coverCaption: null,
    publishedDate: new Date(Date.UTC(2024, 0, 1) + random.int(900) * DAY).toISOString().slice(0, 10),
    cover: random.chance(0.25) ? media(mediaUrl, random) : null,
    regions: random.some(links.regions, 2).map((documentId) => ({ documentId })),
    partners: [...new Set([...(random.chance(0.6) ? [busy] : []), ...random.some(links.partners, 1)])].map(
      (documentId) => ({ documentId }),
    ),
    workshops: random.some(links.workshops, 1).map((documentId) => ({ documentId })),
    seo: null,
  };
  return record;
}

function addArticle(content: GeneratedContent, random: Random, mediaUrl: string, links: Linkable, i: number): string {
  const id = documentId(content, 'a');
  const sl = article(id, 'sl', i, links, random, mediaUrl, content.busyPartner);
  content.records.sl.articles.push(sl);
  if (random.chance(0.6))
    content.records.en.articles.push({
      ...article(id, 'en', i, links, random, mediaUrl, content.busyPartner),
      regions: sl.regions,
      partners: sl.partners,
      workshops: sl.workshops,
    });
  return id;
}

/** Entries in the order the site export returns them. */
export function sortRecords(records: CmsRecords): void {
  for (const locale of ['sl', 'en'] as const)
    for (const list of ['articles', 'workshops', 'regions', 'partners', 'pages'] as const)
      records[locale][list].sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
}

type Kind = 'article' | 'workshop' | 'region' | 'partner' | 'page';
const LISTS = {
  article: 'articles',
  workshop: 'workshops',
  region: 'regions',
  partner: 'partners',
  page: 'pages',
} as const;
type AnyRecord = CmsRecords['sl'][(typeof LISTS)[Kind]][number];

const versions = (content: GeneratedContent, kind: Kind, id: string): AnyRecord[] =>
  (['sl', 'en'] as const).flatMap((locale) =>
    (content.records[locale][LISTS[kind]] as AnyRecord[]).filter((entry) => entry.documentId === id),
  );

function pickEntry(
  content: GeneratedContent,
  random: Random,
  kind: Kind,
  locale: Locale = 'sl',
): AnyRecord | undefined {
  const list = content.records[locale][LISTS[kind]] as AnyRecord[];
  return list.length > 0 ? random.pick(list) : undefined;
}

function remove(content: GeneratedContent, kind: Kind, id: string, locales: readonly Locale[]): void {
  for (const locale of locales) {
    const list = content.records[locale][LISTS[kind]] as AnyRecord[];
    list.splice(0, list.length, ...list.filter((entry) => entry.documentId !== id));
  }
}

const idsOf = (content: GeneratedContent, kind: Kind) =>
  (content.records.sl[LISTS[kind]] as AnyRecord[]).map((entry) => entry.documentId);

export interface Change {
  description: string;
  touched: Touched[];
}

/** One random editorial change, applied to `content`: what staff do in the admin, and what it touched. */
export function randomChange(content: GeneratedContent, random: Random, mediaUrl: string): Change {
  const kind = random.pick<Kind>(['article', 'article', 'article', 'workshop', 'region', 'partner', 'page']);
  const action = random.pick([
    'publish',
    'title',
    'title',
    'slug',
    'relations',
    'dates',
    'rename-busy-partner',
    'unpublish-translation',
    'add-translation',
    'unpublish',
    'delete',
    'cover',
  ] as const);
  const touched = (type: Kind, documentId: string): Change['touched'] => [{ type, documentId }];
  const stamp = content.counter.next++;

  switch (action) {
    case 'publish': {
      const links = {
        regions: idsOf(content, 'region'),
        partners: idsOf(content, 'partner'),
        workshops: idsOf(content, 'workshop'),
      };
      const id = addArticle(content, random, mediaUrl, links, 1000 + stamp);
      sortRecords(content.records);
      return { description: `publish new article ${id}`, touched: touched('article', id) };
    }
    case 'title': {
      const entry = pickEntry(content, random, kind, random.pick(['sl', 'en'] as const));
      if (!entry) break;
      if ('title' in entry) entry.title = `${entry.title.replace(/ \(popr\. \d+\)$/, '')} (popr. ${stamp})`;
      else entry.name = `${entry.name.replace(/ \(popr\. \d+\)$/, '')} (popr. ${stamp})`;
      return {
        description: `retitle ${kind} ${entry.documentId} (${entry.locale})`,
        touched: touched(kind, entry.documentId),
      };
    }
    case 'slug': {
      const entry = pickEntry(content, random, kind === 'region' ? 'article' : kind);
      if (!entry) break;
      const type = kind === 'region' ? 'article' : kind;
      entry.slug = `${entry.slug.replace(/-s\d+$/, '')}-s${stamp}`;
      return {
        description: `change the slug of ${type} ${entry.documentId}`,
        touched: touched(type, entry.documentId),
      };
    }
    case 'relations': {
      const article = pickEntry(content, random, 'article') as ArticleRecord | undefined;
      if (!article) break;
      for (const version of versions(content, 'article', article.documentId) as ArticleRecord[]) {
        version.regions = random.some(idsOf(content, 'region'), 2).map((documentId) => ({ documentId }));
        version.workshops = random.some(idsOf(content, 'workshop'), 2).map((documentId) => ({ documentId }));
        version.partners = random.some(idsOf(content, 'partner'), 2).map((documentId) => ({ documentId }));
      }
      return { description: `relink article ${article.documentId}`, touched: touched('article', article.documentId) };
    }
    case 'dates': {
      const workshop = pickEntry(content, random, 'workshop') as WorkshopRecord | undefined;
      if (!workshop) break;
      const startsAt = random.chance(0.15)
        ? null
        : new Date(content.now.getTime() + (random.int(60) - 30) * DAY + random.int(24) * 3600_000).toISOString();
      for (const version of versions(content, 'workshop', workshop.documentId) as WorkshopRecord[]) {
        version.startsAt = startsAt;
        version.endsAt = startsAt ? new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString() : null;
      }
      return {
        description: `move workshop ${workshop.documentId} to ${startsAt ?? 'no date'}`,
        touched: touched('workshop', workshop.documentId),
      };
    }
    case 'rename-busy-partner': {
      for (const version of versions(content, 'partner', content.busyPartner) as PartnerRecord[])
        version.name = `Ministrstvo ${stamp}${version.locale === 'en' ? ' (EN)' : ''}`;
      return {
        description: `rename the partner most articles reference`,
        touched: touched('partner', content.busyPartner),
      };
    }
    case 'unpublish-translation': {
      const entry = pickEntry(content, random, kind, 'en');
      if (!entry) break;
      remove(content, kind, entry.documentId, ['en']);
      return {
        description: `unpublish the English ${kind} ${entry.documentId}`,
        touched: touched(kind, entry.documentId),
      };
    }
    case 'add-translation': {
      const entry = pickEntry(content, random, 'article') as ArticleRecord | undefined;
      if (!entry || versions(content, 'article', entry.documentId).length > 1) break;
      content.records.en.articles.push({
        ...entry,
        locale: 'en',
        title: `EN ${entry.title}`,
        slug: `en-${entry.slug}`,
      });
      sortRecords(content.records);
      return { description: `translate article ${entry.documentId}`, touched: touched('article', entry.documentId) };
    }
    case 'cover': {
      // A new image (or one the site had not shown yet): its optimised versions are new too.
      const article = pickEntry(content, random, 'article') as ArticleRecord | undefined;
      if (!article) break;
      article.cover = random.chance(0.2) ? null : media(mediaUrl, random, MEDIA_FILES);
      return {
        description: `new cover on article ${article.documentId}`,
        touched: touched('article', article.documentId),
      };
    }
    case 'unpublish':
    case 'delete': {
      if (kind === 'partner' || kind === 'region') break; // keep the busy partner and enough regions about
      const entry = pickEntry(content, random, kind);
      if (!entry) break;
      remove(content, kind, entry.documentId, ['sl', 'en']);
      return { description: `${action} ${kind} ${entry.documentId}`, touched: touched(kind, entry.documentId) };
    }
  }
  return randomChange(content, random, mediaUrl);
}
