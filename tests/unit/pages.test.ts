// site/src/lib/content/pages.ts: buildSiteModel() turns the CMS records of both locales into the
// site's page list. Covers URLs per locale, language alternates (including the English fallback
// page of an untranslated Slovenian entry), news pagination, article neighbours, reverse
// relations, dropped references, the workshop split at `now` and its paged archive, content
// validation (ContentError naming the entry and the "slug" field), and text.ts's textOf().
import { describe, expect, it } from 'vitest';
import type {
  ArticleRecord,
  CmsRecords,
  LocaleRecords,
  PartnerRecord,
  RegionRecord,
  WorkshopRecord,
} from '../../site/src/lib/cms/records';
import { buildSiteModel, type Page } from '../../site/src/lib/content/pages';
import { textOf } from '../../site/src/lib/content/text';
import { ContentError } from '../../site/src/lib/content/validate';

const NOW = new Date('2017-06-05T12:00:00.000Z');

const region = (
  documentId: string,
  locale: 'sl' | 'en',
  name: string,
  slug: string,
  extra: Partial<RegionRecord> = {},
): RegionRecord => ({
  documentId,
  locale,
  name,
  slug,
  code: 'SI044',
  description: null,
  seo: null,
  ...extra,
});
const partner = (
  documentId: string,
  locale: 'sl' | 'en',
  name: string,
  slug: string,
  extra: Partial<PartnerRecord> = {},
): PartnerRecord => ({
  documentId,
  locale,
  name,
  shortName: null,
  slug,
  kind: 'business',
  website: null,
  logo: null,
  logoAlt: null,
  logoCaption: null,
  description: null,
  seo: null,
  regions: [],
  ...extra,
});
const workshop = (
  documentId: string,
  locale: 'sl' | 'en',
  title: string,
  slug: string,
  extra: Partial<WorkshopRecord> = {},
): WorkshopRecord => ({
  documentId,
  locale,
  title,
  slug,
  startsAt: null,
  endsAt: null,
  venueName: null,
  venueAddress: null,
  city: null,
  region: null,
  description: null,
  image: null,
  imageAlt: null,
  imageCaption: null,
  registrationUrl: null,
  capacity: null,
  registrationOpen: false,
  confirmedRegistrations: 0,
  eventStatus: 'planned',
  seo: null,
  partners: [],
  ...extra,
});
const article = (
  documentId: string,
  locale: 'sl' | 'en',
  title: string,
  slug: string,
  publishedDate: string,
  extra: Partial<ArticleRecord> = {},
): ArticleRecord => ({
  documentId,
  locale,
  title,
  slug,
  excerpt: `${title} excerpt`,
  body: null,
  cover: null,
  coverAlt: null,
  coverCaption: null,
  publishedDate,
  seo: null,
  regions: [],
  partners: [],
  workshops: [],
  ...extra,
});

/**
 * A small site. Slovenian: 3 articles, 4 workshops, 2 regions, 2 partners. English: translations
 * of 2 articles, 1 workshop, both regions and 1 partner, plus one English-only partner. The
 * untranslated Slovenian entries get English fallback pages (Slovenian content, English URL).
 */
function fixture(): CmsRecords {
  const sl: LocaleRecords = {
    regions: [
      region('reg-obala', 'sl', 'Obalno-kraška', 'obalno-kraska', { description: 'Regija ob **morju** & Krasu.' }),
      region('reg-osr', 'sl', 'Osrednjeslovenska', 'osrednjeslovenska', { code: 'SI041' }),
    ],
    partners: [
      partner('par-zavod', 'sl', 'Zavod Koper Otok', 'zavod-koper-otok', {
        kind: 'association',
        regions: [{ documentId: 'reg-obala' }],
      }),
      partner('par-mgrt', 'sl', 'Ministrstvo za gospodarstvo', 'mgrt', { kind: 'ministry' }),
    ],
    workshops: [
      workshop('ws-past', 'sl', 'Delavnica v Kopru', 'delavnica-v-kopru', {
        startsAt: '2017-03-01T08:00:00.000Z',
        endsAt: '2017-03-01T12:00:00.000Z',
        eventStatus: 'held',
        region: { documentId: 'reg-obala' },
        partners: [{ documentId: 'par-zavod' }],
      }),
      workshop('ws-next', 'sl', 'Delavnica v Ljubljani', 'delavnica-v-ljubljani', {
        startsAt: '2017-09-01T07:00:00.000Z',
        region: { documentId: 'reg-osr' },
      }),
      workshop('ws-now', 'sl', 'Tekoča delavnica', 'tekoca-delavnica', {
        startsAt: '2017-06-05T08:00:00.000Z',
        endsAt: '2017-06-05T15:00:00.000Z',
        region: { documentId: 'reg-obala' },
      }),
      workshop('ws-tba', 'sl', 'Delavnica brez termina', 'delavnica-brez-termina', {
        region: { documentId: 'reg-gone' },
      }),
    ],
    articles: [
      article('art-1', 'sl', 'Prva novica', 'prva-novica', '2017-03-23', {
        body: '# Naslov\n\nBesedilo.',
        regions: [{ documentId: 'reg-obala' }],
        partners: [{ documentId: 'par-zavod' }],
        workshops: [{ documentId: 'ws-past' }, { documentId: 'ws-unpublished' }],
      }),
      article('art-3', 'sl', 'Tretja novica', 'tretja-novica', '2017-06-01'),
      article('art-2', 'sl', 'Druga novica', 'druga-novica', '2017-05-10', { regions: [{ documentId: 'reg-osr' }] }),
    ],
    pages: [],
    navigation: null,
  };
  const en: LocaleRecords = {
    regions: [
      region('reg-obala', 'en', 'Coastal–Karst', 'coastal-karst'),
      region('reg-osr', 'en', 'Central Slovenia', 'central-slovenia', { code: 'SI041' }),
    ],
    partners: [
      partner('par-zavod', 'en', 'Koper Otok Institute', 'koper-otok-institute', { kind: 'association' }),
      partner('par-eu', 'en', 'European Partner', 'european-partner', { kind: 'public_agency' }),
    ],
    workshops: [
      workshop('ws-past', 'en', 'Workshop in Koper', 'workshop-in-koper', {
        startsAt: '2017-03-01T08:00:00.000Z',
        endsAt: '2017-03-01T12:00:00.000Z',
        region: { documentId: 'reg-obala' },
      }),
    ],
    articles: [
      // Same slug as the Slovenian one: allowed, slugs are unique per type *and locale*.
      article('art-1', 'en', 'First news', 'prva-novica', '2017-03-23', { workshops: [{ documentId: 'ws-past' }] }),
      article('art-2', 'en', 'Second news', 'second-news', '2017-05-10'),
    ],
    pages: [],
    navigation: null,
  };
  return { sl, en };
}

const build = (records = fixture(), newsPageSize = 1) =>
  buildSiteModel(records, { now: NOW, newsPageSize, pastWorkshopsPageSize: 20 }).pages;
const byPath = (pages: Page[]) => new Map(pages.map((p) => [p.path, p]));
function pageAt<K extends Page['kind']>(pages: Page[], path: string, kind: K): Extract<Page, { kind: K }> {
  const page = pages.find((p) => p.path === path);
  expect(page, `no page at ${path}`).toBeDefined();
  expect(page!.kind).toBe(kind);
  return page as Extract<Page, { kind: K }>;
}

describe('buildSiteModel: URLs', () => {
  const pages = build();
  const paths = pages.map((p) => p.path);

  it('gives every page a unique path', () => {
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('puts Slovenian pages at the root with Slovenian section names', () => {
    for (const path of [
      '/',
      '/novice/',
      '/novice/stran/2/',
      '/novice/prva-novica/',
      '/novice/druga-novica/',
      '/novice/tretja-novica/',
      '/delavnice/',
      '/delavnice/delavnica-v-kopru/',
      '/delavnice/delavnica-brez-termina/',
      '/regije/',
      '/regije/obalno-kraska/',
      '/regije/osrednjeslovenska/',
      '/partnerji/',
      '/partnerji/zavod-koper-otok/',
      '/partnerji/mgrt/',
    ]) {
      expect(paths, path).toContain(path);
      expect(byPath(pages).get(path)!.locale).toBe('sl');
    }
  });

  it('puts English pages under /en/ with English section names', () => {
    for (const path of [
      '/en/',
      '/en/news/',
      '/en/news/prva-novica/',
      '/en/news/second-news/',
      '/en/workshops/',
      '/en/workshops/workshop-in-koper/',
      '/en/regions/',
      '/en/regions/coastal-karst/',
      '/en/partners/',
      '/en/partners/koper-otok-institute/',
    ]) {
      expect(paths, path).toContain(path);
      expect(byPath(pages).get(path)!.locale).toBe('en');
    }
    expect(paths.filter((p) => p.startsWith('/en/')).every((p) => byPath(pages).get(p)!.locale === 'en')).toBe(true);
  });

  it('makes one page per entry and locale, untranslated Slovenian entries included in English', () => {
    const count = (kind: Page['kind'], locale: 'sl' | 'en') =>
      pages.filter((p) => p.kind === kind && p.locale === locale).length;
    expect(count('article', 'sl')).toBe(3);
    expect(count('article', 'en')).toBe(3); // 2 translations + 1 fallback
    expect(count('workshop', 'sl')).toBe(4);
    expect(count('workshop', 'en')).toBe(4); // 1 translation + 3 fallbacks
    expect(count('region', 'sl')).toBe(2);
    expect(count('region', 'en')).toBe(2);
    expect(count('partner', 'sl')).toBe(2); // the English-only partner has no Slovenian page
    expect(count('partner', 'en')).toBe(3); // 1 translation + 1 fallback + 1 English-only
    expect(count('home', 'sl')).toBe(1);
    expect(count('home', 'en')).toBe(1);
  });
});

describe('buildSiteModel: alternates', () => {
  const pages = build();

  it('links an article present in both locales to both versions', () => {
    const sl = pageAt(pages, '/novice/druga-novica/', 'article');
    const en = pageAt(pages, '/en/news/second-news/', 'article');
    expect(sl.alternates).toEqual({ sl: '/novice/druga-novica/', en: '/en/news/second-news/' });
    expect(en.alternates).toEqual(sl.alternates);
  });

  it('gives an untranslated Slovenian entry an English fallback page, linked both ways', () => {
    const sl = pageAt(pages, '/novice/tretja-novica/', 'article');
    const en = pageAt(pages, '/en/news/tretja-novica/', 'article');
    expect(sl.alternates).toEqual({ sl: '/novice/tretja-novica/', en: '/en/news/tretja-novica/' });
    expect(en.alternates).toEqual(sl.alternates);
    expect(en.locale).toBe('en');
    expect(en.article.locale).toBe('en');
    expect(en.article.contentLocale).toBe('sl');
    expect(en.article.title).toBe('Tretja novica');
    expect(sl.article.contentLocale).toBe('sl');
    expect(pageAt(pages, '/en/news/second-news/', 'article').article.contentLocale).toBe('en');
    expect(pageAt(pages, '/partnerji/mgrt/', 'partner').alternates).toEqual({
      sl: '/partnerji/mgrt/',
      en: '/en/partners/mgrt/',
    });
  });

  it('gives an entry that exists only in English only the English alternate', () => {
    expect(pageAt(pages, '/en/partners/european-partner/', 'partner').alternates).toEqual({
      en: '/en/partners/european-partner/',
    });
    expect(pages.some((p) => p.path === '/partnerji/european-partner/')).toBe(false);
  });

  it('gives list pages alternates in every locale', () => {
    expect(pageAt(pages, '/', 'home').alternates).toEqual({ sl: '/', en: '/en/' });
    expect(pageAt(pages, '/delavnice/', 'workshops').alternates).toEqual({ sl: '/delavnice/', en: '/en/workshops/' });
    expect(pageAt(pages, '/en/regions/', 'regions').alternates).toEqual({ sl: '/regije/', en: '/en/regions/' });
  });
});

describe('buildSiteModel: news', () => {
  const pages = build();

  it('pages 3 articles at 1 a page: the newest on /novice/, the archive numbered from the oldest', () => {
    const news = pages.filter((p) => p.kind === 'news' && p.locale === 'sl');
    expect(news.map((p) => p.path)).toEqual(['/novice/', '/novice/stran/3/', '/novice/stran/2/']);
    expect(news.map((p) => p.kind === 'news' && p.articles.map((a) => a.slug))).toEqual([
      ['tretja-novica'],
      ['druga-novica'],
      ['prva-novica'],
    ]);
    expect(news.map((p) => p.kind === 'news' && [p.newerPath, p.path, p.olderPath])).toEqual([
      [undefined, '/novice/', '/novice/stran/3/'],
      ['/novice/', '/novice/stran/3/', '/novice/stran/2/'],
      ['/novice/stran/3/', '/novice/stran/2/', undefined],
    ]);
    const oldest = pageAt(pages, '/novice/stran/2/', 'news');
    expect(oldest.span).toBe('23. marec 2017');
    expect(oldest.title).toBe('Novice – 23. marec 2017');
    expect(pageAt(pages, '/novice/', 'news').span).toBeUndefined();
  });

  it('keeps every archive page as it was when a newer article arrives: only the first page and a new archive page change', () => {
    const before = build(fixture(), 1);
    const records = fixture();
    records.sl.articles.push(article('art-4', 'sl', 'Četrta novica', 'cetrta-novica', '2017-07-01'));
    const after = build(records, 1);
    const newsOf = (list: typeof pages) =>
      Object.fromEntries(
        list.flatMap((p) => (p.kind === 'news' && p.locale === 'sl' ? [[p.path, p.articles.map((a) => a.slug)]] : [])),
      );
    expect(newsOf(after)).toEqual({
      ...newsOf(before),
      '/novice/': ['cetrta-novica'],
      '/novice/stran/4/': ['tretja-novica'],
    });
    const span = (list: typeof pages, path: string) => pageAt(list, path, 'news').span;
    expect(span(after, '/novice/stran/3/')).toBe(span(before, '/novice/stran/3/'));
  });

  it('gives the first page 1 to 2 pages worth of the newest articles, so that the archive pages stay full', () => {
    const news = build(fixture(), 2).filter((p) => p.kind === 'news' && p.locale === 'sl');
    expect(news.map((p) => p.kind === 'news' && [p.path, p.articles.length])).toEqual([['/novice/', 3]]);
  });

  it('pages English news with English page segments, fallback articles included', () => {
    expect(pages.filter((p) => p.kind === 'news' && p.locale === 'en').map((p) => p.path)).toEqual([
      '/en/news/',
      '/en/news/page/3/',
      '/en/news/page/2/',
    ]);
    expect(pageAt(pages, '/en/news/page/2/', 'news').alternates).toEqual({ en: '/en/news/page/2/' });
    expect(pageAt(pages, '/en/news/', 'news').alternates).toEqual({ sl: '/novice/', en: '/en/news/' });
    expect(pageAt(pages, '/en/news/page/2/', 'news').span).toBe('23 March 2017');
  });

  it('puts everything on one page when newsPageSize is large enough', () => {
    const news = build(fixture(), 10).filter((p) => p.kind === 'news' && p.locale === 'sl');
    expect(news.map((p) => p.path)).toEqual(['/novice/']);
  });

  it('still makes one news page when there are no articles', () => {
    const records = fixture();
    records.sl.articles = [];
    records.en.articles = [];
    const news = build(records).filter((p) => p.kind === 'news');
    expect(news.map((p) => p.path)).toEqual(['/novice/', '/en/news/']);
    expect(news.every((p) => p.kind === 'news' && p.articles.length === 0 && !p.olderPath && !p.newerPath)).toBe(true);
  });

  it('links articles to their neighbours by date: previous is older, next is newer', () => {
    const newest = pageAt(pages, '/novice/tretja-novica/', 'article');
    const middle = pageAt(pages, '/novice/druga-novica/', 'article');
    const oldest = pageAt(pages, '/novice/prva-novica/', 'article');
    expect(middle.previous?.slug).toBe('prva-novica');
    expect(middle.next?.slug).toBe('tretja-novica');
    expect(newest.previous?.slug).toBe('druga-novica');
    expect(newest.next).toBeUndefined();
    expect(oldest.previous).toBeUndefined();
    expect(oldest.next?.slug).toBe('druga-novica');
  });

  it('shows the latest articles, newest first, on the home page', () => {
    const home = pageAt(pages, '/', 'home');
    expect(home.latestArticles.map((a) => a.slug)).toEqual(['tretja-novica', 'druga-novica', 'prva-novica']);
    expect(home.about?.slug).toBe('zavod-koper-otok');
  });

  it('renders the article body with body headings starting at h2', () => {
    const page = pageAt(pages, '/novice/prva-novica/', 'article');
    expect(page.article.bodyHtml).toContain('<h2>Naslov</h2>');
    expect(page.title).toBe('Prva novica');
    expect(page.description).toBe('Prva novica excerpt');
  });
});

describe('buildSiteModel: relations', () => {
  const pages = build();

  it('lists on a region page the workshops and articles that point at it', () => {
    const region = pageAt(pages, '/regije/obalno-kraska/', 'region').region;
    expect(region.workshops.map((w) => w.documentId)).toEqual(['ws-past', 'ws-now']);
    expect(region.articles.map((a) => a.documentId)).toEqual(['art-1']);
    expect(region.partners.map((p) => p.documentId)).toEqual(['par-zavod']);
    const other = pageAt(pages, '/regije/osrednjeslovenska/', 'region').region;
    expect(other.workshops.map((w) => w.documentId)).toEqual(['ws-next']);
    expect(other.articles.map((a) => a.documentId)).toEqual(['art-2']);
  });

  it('links workshops and partners back to the articles about them', () => {
    expect(pageAt(pages, '/delavnice/delavnica-v-kopru/', 'workshop').workshop.articles.map((a) => a.slug)).toEqual([
      'prva-novica',
    ]);
    const zavod = pageAt(pages, '/partnerji/zavod-koper-otok/', 'partner').partner;
    expect(zavod.articles.map((a) => a.slug)).toEqual(['prva-novica']);
    expect(zavod.workshops.map((w) => w.slug)).toEqual(['delavnica-v-kopru']);
  });

  it('drops a reference to an entry that is not published, without failing', () => {
    const article = pageAt(pages, '/novice/prva-novica/', 'article').article;
    expect(article.workshops.map((w) => w.documentId)).toEqual(['ws-past']);
    expect(pageAt(pages, '/delavnice/delavnica-brez-termina/', 'workshop').workshop.region).toBeNull();
  });

  it('resolves relations within one locale, to the English versions of entries', () => {
    const en = pageAt(pages, '/en/regions/coastal-karst/', 'region').region;
    // ws-past in its English translation, and the untranslated ws-now as an English fallback.
    expect(en.workshops.map((w) => w.slug)).toEqual(['workshop-in-koper', 'tekoca-delavnica']);
    expect(en.workshops.every((w) => w.locale === 'en')).toBe(true);
    expect(en.articles).toEqual([]); // the English articles do not link the region
    expect(en.partners).toEqual([]);
    // The English article links the English workshop, not the Slovenian one.
    const article = pageAt(pages, '/en/news/prva-novica/', 'article').article;
    expect(article.workshops.map((w) => w.slug)).toEqual(['workshop-in-koper']);
  });

  it('groups partners by kind, ministries before associations', () => {
    const groups = pageAt(pages, '/partnerji/', 'partners').groups;
    expect(groups.map((g) => g.kind)).toEqual(['ministry', 'association']);
    expect(groups[0].partners.map((p) => p.slug)).toEqual(['mgrt']);
  });

  it('uses the rendered region description as the page description', () => {
    expect(pageAt(pages, '/regije/obalno-kraska/', 'region').description).toBe('Regija ob morju & Krasu.');
  });
});

describe('buildSiteModel: workshops and now', () => {
  it('splits workshops into upcoming, past and undated relative to now', () => {
    const pages = build();
    const list = pageAt(pages, '/delavnice/', 'workshops');
    // ws-now started before `now` but ends after it: still upcoming.
    expect(list.upcoming.map((w) => w.documentId)).toEqual(['ws-now', 'ws-next']);
    expect(list.past.map((w) => w.documentId)).toEqual(['ws-past']);
    expect(list.undated.map((w) => w.documentId)).toEqual(['ws-tba']);
    expect(pageAt(pages, '/', 'home').upcomingWorkshops.map((w) => w.documentId)).toEqual(['ws-now', 'ws-next']);
  });

  it('moves workshops to the past as `now` advances', () => {
    const pages = buildSiteModel(fixture(), {
      now: new Date('2017-12-01T00:00:00.000Z'),
      newsPageSize: 10,
      pastWorkshopsPageSize: 20,
    }).pages;
    const list = pageAt(pages, '/delavnice/', 'workshops');
    expect(list.upcoming).toEqual([]);
    // Past is latest first.
    expect(list.past.map((w) => w.documentId)).toEqual(['ws-next', 'ws-now', 'ws-past']);
    expect(list.undated.map((w) => w.documentId)).toEqual(['ws-tba']);
  });

  it('pages the past workshops, keeping what is coming and undated on the first page', () => {
    // At 2017-12-01 three workshops are past; one a page makes two archive pages, the oldest numbered 2.
    const pages = buildSiteModel(fixture(), {
      now: new Date('2017-12-01T00:00:00.000Z'),
      newsPageSize: 10,
      pastWorkshopsPageSize: 1,
    }).pages;
    expect(pages.filter((p) => p.kind === 'workshops').map((p) => p.path)).toEqual([
      '/delavnice/',
      '/delavnice/stran/3/',
      '/delavnice/stran/2/',
      '/en/workshops/',
      '/en/workshops/page/3/',
      '/en/workshops/page/2/',
    ]);
    const first = pageAt(pages, '/delavnice/', 'workshops');
    const oldest = pageAt(pages, '/delavnice/stran/2/', 'workshops');
    expect(first.past.map((w) => w.documentId)).toEqual(['ws-next']);
    expect(first.undated.map((w) => w.documentId)).toEqual(['ws-tba']);
    expect(pageAt(pages, '/delavnice/stran/3/', 'workshops').past.map((w) => w.documentId)).toEqual(['ws-now']);
    expect(oldest.past.map((w) => w.documentId)).toEqual(['ws-past']);
    expect([oldest.upcoming, oldest.undated]).toEqual([[], []]);
    expect([first.olderPath, first.newerPath, oldest.newerPath, oldest.olderPath]).toEqual([
      '/delavnice/stran/3/',
      undefined,
      '/delavnice/stran/3/',
      undefined,
    ]);
    expect(oldest.title).toBe('Delavnice – 1. marec 2017');
    expect(oldest.alternates).toEqual({ sl: '/delavnice/stran/2/' });
    expect(first.alternates).toEqual({ sl: '/delavnice/', en: '/en/workshops/' });
  });

  it('keeps one workshop page, however many are coming, while the past fits on it', () => {
    const pages = build();
    expect(pages.filter((p) => p.kind === 'workshops' && p.locale === 'sl').map((p) => p.path)).toEqual([
      '/delavnice/',
    ]);
    expect(pageAt(pages, '/delavnice/', 'workshops').olderPath).toBeUndefined();
  });
});

describe('buildSiteModel: validation', () => {
  const expectContentError = (records: CmsRecords, ...fragments: string[]) => {
    let error: unknown;
    try {
      build(records);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
  };

  it('rejects a slug used twice within one type and locale', () => {
    const records = fixture();
    records.sl.articles[2].slug = 'prva-novica'; // art-2 now clashes with art-1
    expectContentError(records, 'art-2', 'field "slug"', 'prva-novica', 'art-1');
  });

  it('rejects an empty slug', () => {
    const records = fixture();
    records.en.workshops[0].slug = '';
    expectContentError(records, 'ws-past', 'field "slug"', 'empty');
  });

  it('rejects a null slug', () => {
    const records = fixture();
    (records.sl.regions[1] as { slug: string | null }).slug = null;
    expectContentError(records, 'reg-osr', 'field "slug"');
  });

  it('rejects a slug with uppercase letters', () => {
    const records = fixture();
    records.sl.partners[1].slug = 'MGRT';
    expectContentError(records, 'par-mgrt', 'field "slug"', '"MGRT"');
  });

  it('reports every problem at once', () => {
    const records = fixture();
    records.sl.partners[1].slug = 'Bad Slug';
    records.en.articles[1].slug = '';
    expectContentError(records, '2 content problem(s)', 'par-mgrt', 'art-2');
  });

  it('allows the same slug in two locales and in two different types', () => {
    const records = fixture();
    records.sl.partners[1].slug = 'obalno-kraska'; // same as a region's slug
    expect(() => build(records)).not.toThrow();
    // The fixture already shares 'prva-novica' between sl and en.
    expect(
      build()
        .filter((p) => p.path.endsWith('/prva-novica/'))
        .map((p) => p.path)
        .sort(),
    ).toEqual(['/en/news/prva-novica/', '/novice/prva-novica/']);
  });
});

describe('textOf', () => {
  it('strips tags and decodes entities', () => {
    expect(textOf('<p>Trgovci &amp; gostinci</p><p>v <strong>Kopru</strong></p>')).toBe('Trgovci & gostinci v Kopru');
    expect(textOf('<p>1 &lt; 2 &gt; 0 &quot;q&quot; &#39;s&#39;</p>')).toBe('1 < 2 > 0 "q" \'s\'');
  });

  it('decodes only once', () => {
    expect(textOf('a &amp;lt; b')).toBe('a &lt; b');
  });

  it('collapses whitespace and returns short text unchanged', () => {
    expect(textOf('<h2>A</h2>\n\n<p>  b   c </p>')).toBe('A b c');
    expect(textOf('')).toBe('');
  });

  it('shortens long text to at most 160 characters, at a word boundary, with an ellipsis', () => {
    const long = `<p>${'beseda '.repeat(60)}</p>`;
    const text = textOf(long);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text.endsWith('…')).toBe(true);
    expect(text.slice(0, -1)).toMatch(/^(beseda )*beseda$/);
  });

  it('shortens text without spaces too, and honours a custom maximum', () => {
    expect(textOf('x'.repeat(500))).toBe(`${'x'.repeat(159)}…`);
    expect(textOf('one two three four', 10)).toBe('one two…');
    expect(textOf('exactly ten', 11)).toBe('exactly ten');
  });
});
