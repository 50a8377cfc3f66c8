/**
 * The list of every page of the site, each with its URL, its language alternates and the
 * data its view renders. Astro's catch-all route turns this list into files; the sitemap,
 * hreflang links and language switch all read the same alternates.
 */
import { LOCALES, type Locale, type Media } from '@koper-otok/content-types';
import type { CmsRecords } from '../cms/records';
import { t } from '../i18n/ui';
import {
  buildGraph,
  splitWorkshops,
  type ArticleEntry,
  type Entry,
  type PartnerEntry,
  type SiteGraph,
  type WorkshopEntry,
  type RegionEntry,
  type PageEntry,
} from './graph';
import {
  entryPath,
  entryPathOf,
  homePath,
  listPath,
  pagePath,
  registrationOutcomePath,
  REGISTRATION_OUTCOMES,
  searchPath,
  type ListedType,
  type RegistrationOutcome,
} from './routes';
import { privacyPagePath, registrationOffer, type RegistrationOffer } from './registration';
import { buildMenus, type Menus } from './menus';
import { validateRecords } from './validate';
import { withoutForbiddenCharactersInRecords } from './forbidden-characters';
import { withFallbacks } from './fallback';
import { textOf } from './text';
import { followMovedPages, type CurrentPath, type PathHistory } from './moved-pages';
import { seoHead, type HeadData } from './head';
import { formatDate } from './dates';

export type Alternates = Partial<Record<Locale, string>>;

interface PageBase {
  path: string;
  locale: Locale;
  title: string;
  description: string;
  alternates: Alternates;
  /** The header and footer links of the page's language. */
  menus: Menus;
}
export type Page = PageBase &
  (
    | {
        kind: 'home';
        latestArticles: ArticleEntry[];
        upcomingWorkshops: WorkshopEntry[];
        about: PartnerEntry | null;
        partners: PartnerEntry[];
      }
    | ({ kind: 'news'; articles: ArticleEntry[] } & Paging)
    | {
        kind: 'article';
        article: ArticleEntry;
        previous?: ArticleEntry;
        next?: ArticleEntry;
        publisher: PartnerEntry | null;
      }
    // Page 1 lists what is coming and the latest past workshops; later pages the older ones.
    | ({ kind: 'workshops'; upcoming: WorkshopEntry[]; past: WorkshopEntry[]; undated: WorkshopEntry[] } & Paging)
    | {
        kind: 'workshop';
        workshop: WorkshopEntry;
        organizer: PartnerEntry | null;
        /** The form, an outside form's link, or why registration is closed (registration.ts). */
        registration: RegistrationOffer;
        /** The privacy page the consent links to; null when the site has none in this language. */
        privacyPath: string | null;
      }
    // The map shows each region's number of workshops: counted here, so the page's data says what it shows.
    | { kind: 'regions'; regions: RegionEntry[]; workshopCounts: Record<string, number> }
    | { kind: 'region'; region: RegionEntry }
    | { kind: 'partners'; groups: { kind: PartnerEntry['kind']; partners: PartnerEntry[] }[] }
    | { kind: 'partner'; partner: PartnerEntry }
    | { kind: 'search' }
    | { kind: 'page'; page: PageEntry }
    // Where the registration API sends a visitor after a form or an e-mailed link: never indexed.
    | { kind: 'registration-outcome'; outcome: RegistrationOutcome }
    | { kind: 'redirect'; to: string }
  );
/** A page before the menus of its language are added (Omit applied to each kind of page). */
type WithoutMenus<P> = P extends unknown ? Omit<P, 'menus'> : never;
type PageContent = WithoutMenus<Page>;

/**
 * Where a page stands in a list split over several pages (newer items first). Page 1 is the
 * list's own address; the archive pages are numbered from the oldest (2 is the oldest) and keep
 * what they hold as the list grows, so they are labelled by the dates they span, not by a count.
 */
export interface Paging {
  pageNumber: number;
  newerPath?: string;
  olderPath?: string;
  /** An archive page's span of dates ("od 3. marec 2024 do 15. april 2024"); none on page 1. */
  span?: string;
}

export interface BuildOptions {
  now: Date;
  newsPageSize: number;
  /** Past workshops per page of the workshop list. */
  pastWorkshopsPageSize: number;
  homeNewsCount?: number;
  /** Paths entries had in earlier builds; old ones become redirect pages (see moved-pages.ts). */
  pathHistory?: PathHistory;
  /** Old paths staff redirect in the CMS: an earlier slug there yields to their redirect. */
  redirectedPaths?: string[];
}

const ABOUT_PARTNER_KIND = 'association';
const PARTNER_KIND_ORDER: PartnerEntry['kind'][] = [
  'ministry',
  'public_agency',
  'municipality',
  'chamber',
  'association',
  'business',
];

/** Alternates of a list page exist in every locale. */
const allLocales = (pathFor: (locale: Locale) => string): Alternates =>
  Object.fromEntries(LOCALES.map((l) => [l, pathFor(l)]));

export interface SiteModel {
  graphs: Record<Locale, SiteGraph>;
  pages: Page[];
  /** Every path each entry has had, for the next build (published as /path-history.json). */
  pathHistory: PathHistory;
}

/** Validates the records, links them per locale and lists every page. */
export function buildSiteModel(records: CmsRecords, options: BuildOptions): SiteModel {
  validateRecords(records);
  const shown = withFallbacks(withoutForbiddenCharactersInRecords(records));
  const graphs = Object.fromEntries(LOCALES.map((l) => [l, buildGraph(shown[l], l)])) as Record<Locale, SiteGraph>;

  // documentId -> locale -> path: the same document in another language is its translation.
  const translations = new Map<string, Alternates>();
  for (const graph of Object.values(graphs)) {
    for (const entry of [...graph.articles, ...graph.workshops, ...graph.regions, ...graph.partners, ...graph.pages]) {
      const paths = translations.get(entry.documentId) ?? {};
      paths[entry.locale] = entryPathOf(entry);
      translations.set(entry.documentId, paths);
    }
  }
  const alternatesOf = (entry: Entry) => translations.get(entry.documentId) ?? {};
  const menus = Object.fromEntries(
    LOCALES.map((l) => [l, buildMenus(shown[l].navigation, l, graphs[l].pages)]),
  ) as Record<Locale, Menus>;

  const pages: Page[] = LOCALES.flatMap((locale) =>
    localePages(graphs[locale], options, alternatesOf).map((page) => ({ ...page, menus: menus[locale] })),
  );
  const { history, moved } = followMovedPages(
    currentEntryPaths(pages),
    options.pathHistory ?? {},
    new Set([...pages.map((p) => p.path), ...(options.redirectedPaths ?? [])]),
  );
  const redirects: Page[] = moved.map(({ from, to, locale }) => ({
    kind: 'redirect',
    path: from,
    to,
    locale,
    title: to,
    description: to,
    alternates: {},
    menus: menus[locale],
  }));
  return { graphs, pages: [...pages, ...redirects], pathHistory: history };
}

/** The entry an entry page shows: the page's field named after its kind (page.article on an article page). */
export function pageEntry(page: Page): Entry | null {
  const candidate: unknown = (page as unknown as Record<string, unknown>)[page.kind];
  const isEntry =
    typeof candidate === 'object' && candidate !== null && (candidate as { type?: unknown }).type === page.kind;
  return isEntry ? (candidate as Entry) : null;
}

/** The image that represents an entry in link previews when its SEO fields name none. */
function ownImage(entry: Entry): Media | null {
  if (entry.type === 'article') return entry.cover;
  if (entry.type === 'workshop') return entry.image;
  if (entry.type === 'partner') return entry.logo;
  return null;
}

/** The page's <head>: its entry's SEO fields where staff set them, else the page's title, description and image. */
export function pageHead(page: Page): HeadData {
  const entry = pageEntry(page);
  const head = seoHead(entry?.seo, {
    title: page.title,
    description: page.description,
    image: entry ? ownImage(entry) : null,
  });
  return page.kind === 'registration-outcome' ? { ...head, noindex: true } : head;
}

function currentEntryPaths(pages: Page[]): CurrentPath[] {
  return pages.flatMap((page) => {
    const entry = pageEntry(page);
    if (!entry) return [];
    return [{ key: `${entry.type}:${entry.documentId}:${entry.locale}`, path: page.path, locale: page.locale }];
  });
}

/**
 * Splits a list (newest first) into pages that keep what they hold as the list grows. The archive
 * pages hold `size` items each, counted from the oldest; page 1 holds the rest, the newest `size`
 * to 2×size−1. A new item then changes page 1 (and now and then adds an archive page), not every
 * page of the list, which keeps a partial rebuild of a long archive small. `spanOf` labels an
 * archive page by what it holds.
 */
function paginate<T>(
  items: T[],
  size: number,
  pathOf: (pageNumber: number) => string,
  spanOf: (onPage: T[]) => string,
): { items: T[]; paging: Paging }[] {
  const archived = Math.max(0, Math.floor((items.length - size) / size));
  const newestArchive = archived + 1;
  const pages: { items: T[]; paging: Paging }[] = [
    {
      items: items.slice(0, items.length - archived * size),
      paging: { pageNumber: 1, olderPath: archived > 0 ? pathOf(newestArchive) : undefined },
    },
  ];
  for (let n = newestArchive; n >= 2; n--) {
    const end = items.length - (n - 2) * size;
    const onPage = items.slice(end - size, end);
    pages.push({
      items: onPage,
      paging: {
        pageNumber: n,
        newerPath: n === newestArchive ? pathOf(1) : pathOf(n + 1),
        olderPath: n > 2 ? pathOf(n - 1) : undefined,
        span: spanOf(onPage),
      },
    });
  }
  return pages;
}

/** Page n of a list: its first page exists in every language, later pages only in their own. */
const listPageAt = (type: ListedType, locale: Locale, n: number): Pick<PageBase, 'path' | 'alternates'> => ({
  path: listPath(type, locale, n),
  alternates: n === 1 ? allLocales((l) => listPath(type, l)) : { [locale]: listPath(type, locale, n) },
});

const pagedTitle = (title: string, { span }: Paging) => (span ? `${title} – ${span}` : title);

/** The span of dates of a page of a list, newest first: "od <oldest> do <newest>". */
const dateSpan =
  <T>(dateOf: (item: T) => string, locale: Locale) =>
  (onPage: T[]) =>
    t(locale).archiveSpan(formatDate(dateOf(onPage.at(-1)!), locale), formatDate(dateOf(onPage[0]), locale));

/** The pages of a list of `type` in one language: each page's items, paging, path, alternates and title. */
function pagedList<T>(
  type: ListedType,
  locale: Locale,
  items: T[],
  size: number,
  title: string,
  dateOf: (item: T) => string,
) {
  return paginate(items, size, (n) => listPath(type, locale, n), dateSpan(dateOf, locale)).map(
    ({ items: onPage, paging }) => ({
      items: onPage,
      paging,
      ...listPageAt(type, locale, paging.pageNumber),
      title: pagedTitle(title, paging),
    }),
  );
}

/** The association itself: the partner of kind "association" that runs the site. */
const associationOf = (graph: SiteGraph): PartnerEntry | null =>
  graph.partners.find((p) => p.kind === ABOUT_PARTNER_KIND) ?? null;

function localePages(graph: SiteGraph, options: BuildOptions, alternatesOf: (e: Entry) => Alternates): PageContent[] {
  const { locale } = graph;
  const ui = t(locale);
  const split = splitWorkshops(graph.workshops, options.now);
  const pages: PageContent[] = [];

  pages.push({
    kind: 'home',
    locale,
    path: homePath(locale),
    alternates: allLocales(homePath),
    title: ui.home,
    description: ui.homeDescription,
    latestArticles: graph.articles.slice(0, options.homeNewsCount ?? 3),
    upcomingWorkshops: split.upcoming.slice(0, 3),
    about: associationOf(graph),
    partners: graph.partners,
  });

  for (const { items, paging, ...page } of pagedList(
    'article',
    locale,
    graph.articles,
    options.newsPageSize,
    ui.news,
    (article) => article.publishedDate,
  )) {
    pages.push({ kind: 'news', locale, ...page, description: ui.newsDescription, articles: items, ...paging });
  }
  graph.articles.forEach((article, i) => {
    pages.push({
      kind: 'article',
      locale,
      path: entryPath('article', locale, article.slug),
      alternates: alternatesOf(article),
      title: article.title,
      description: article.excerpt,
      article,
      // Articles are newest first: "previous" is the older neighbour, "next" the newer one.
      previous: graph.articles[i + 1],
      next: graph.articles[i - 1],
      publisher: associationOf(graph),
    });
  });

  // The archive of past workshops grows for good: it is paged, what is coming never is.
  for (const { items, paging, ...page } of pagedList(
    'workshop',
    locale,
    split.past,
    options.pastWorkshopsPageSize,
    ui.workshops,
    (workshop) => workshop.startsAt!,
  )) {
    const first = paging.pageNumber === 1;
    pages.push({
      kind: 'workshops',
      locale,
      ...page,
      description: ui.workshopsDescription,
      upcoming: first ? split.upcoming : [],
      undated: first ? split.undated : [],
      past: items,
      ...paging,
    });
  }
  for (const workshop of graph.workshops) {
    pages.push({
      kind: 'workshop',
      locale,
      path: entryPath('workshop', locale, workshop.slug),
      alternates: alternatesOf(workshop),
      title: workshop.title,
      description: workshopDescription(workshop),
      workshop,
      organizer: associationOf(graph),
      registration: registrationOffer(workshop, options.now),
      privacyPath: privacyPagePath(graph),
    });
  }

  pages.push({
    kind: 'regions',
    locale,
    path: listPath('region', locale),
    alternates: allLocales((l) => listPath('region', l)),
    title: ui.regions,
    description: ui.regionsDescription,
    regions: graph.regions,
    workshopCounts: Object.fromEntries(graph.regions.map((region) => [region.documentId, region.workshops.length])),
  });
  for (const region of graph.regions) {
    pages.push({
      kind: 'region',
      locale,
      path: entryPath('region', locale, region.slug),
      alternates: alternatesOf(region),
      title: region.name,
      description: textOf(region.descriptionHtml) || ui.regionsDescription,
      region,
    });
  }

  pages.push({
    kind: 'partners',
    locale,
    path: listPath('partner', locale),
    alternates: allLocales((l) => listPath('partner', l)),
    title: ui.partners,
    description: ui.partnersDescription,
    groups: PARTNER_KIND_ORDER.map((kind) => ({
      kind,
      partners: graph.partners.filter((p) => p.kind === kind),
    })).filter((g) => g.partners.length > 0),
  });
  for (const partner of graph.partners) {
    pages.push({
      kind: 'partner',
      locale,
      path: entryPath('partner', locale, partner.slug),
      alternates: alternatesOf(partner),
      title: partner.name,
      description: textOf(partner.descriptionHtml) || ui.partnersDescription,
      partner,
    });
  }
  pages.push({
    kind: 'search',
    locale,
    path: searchPath(locale),
    alternates: allLocales(searchPath),
    title: ui.search,
    description: ui.searchDescription,
  });
  for (const outcome of Object.keys(REGISTRATION_OUTCOMES) as RegistrationOutcome[]) {
    pages.push({
      kind: 'registration-outcome',
      locale,
      path: registrationOutcomePath(locale, outcome),
      alternates: allLocales((l) => registrationOutcomePath(l, outcome)),
      title: ui.registration.outcomes[outcome].title,
      description: ui.registration.outcomes[outcome].text,
      outcome,
    });
  }
  for (const page of graph.pages) {
    pages.push({
      kind: 'page',
      locale,
      path: pagePath(locale, page.slug),
      alternates: alternatesOf(page),
      // The SEO fields take over in <head> (pageHead).
      title: page.title,
      description: page.excerpt?.trim() || textOf(page.bodyHtml) || page.title,
      page,
    });
  }
  return pages;
}

function workshopDescription(workshop: WorkshopEntry): string {
  return textOf(workshop.descriptionHtml) || workshop.title;
}
