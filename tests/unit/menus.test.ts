// Pages and menus on the site: site/src/lib/content/menus.ts resolves the navigation staff edit
// into header and footer links (today's section links when there is none), and pages.ts gives
// every page its URL at the root of its language, its alternates and its language's menus.
import { describe, expect, it, vi } from 'vitest';
import type { CmsRecords, LocaleRecords, NavigationRecord, PageRecord } from '../../site/src/lib/cms/records';
import { buildMenus, defaultMenus, isCurrentLink } from '../../site/src/lib/content/menus';
import { buildSiteModel, pageHead, type Page } from '../../site/src/lib/content/pages';
import { ContentError } from '../../site/src/lib/content/validate';

const page = (documentId: string, locale: 'sl' | 'en', title: string, slug: string): PageRecord => ({
  documentId,
  locale,
  title,
  slug,
  excerpt: null,
  body: `# ${title}\n\nBesedilo.`,
  seo: null,
});
const empty = (pages: PageRecord[], navigation: NavigationRecord | null): LocaleRecords => ({
  articles: [],
  workshops: [],
  regions: [],
  partners: [],
  pages,
  navigation,
});
const menu = (header: NavigationRecord['header'], footer: NavigationRecord['footer'] = []): NavigationRecord => ({
  documentId: 'nav',
  locale: 'sl',
  header,
  footer,
});
const link = (fields: Partial<NavigationRecord['header'][number]>): NavigationRecord['header'][number] => ({
  label: null,
  page: null,
  section: null,
  url: null,
  ...fields,
});

const about = { sl: page('about', 'sl', 'O zavodu', 'o-zavodu'), en: page('about', 'en', 'About us', 'about') };
const OPTIONS = { now: new Date('2017-06-05T12:00:00.000Z'), newsPageSize: 10, pastWorkshopsPageSize: 10 };

describe('menus', () => {
  const pages = [{ ...about.sl, type: 'page' as const, contentLocale: 'sl' as const, bodyHtml: '', seo: null }];

  it('without a navigation, the header has every section as today and the footer nothing', () => {
    expect(buildMenus(null, 'sl', pages)).toEqual(defaultMenus('sl'));
    expect(defaultMenus('sl').header.map((l) => l.href)).toEqual([
      '/novice/',
      '/delavnice/',
      '/regije/',
      '/partnerji/',
      '/iskanje/',
    ]);
    expect(defaultMenus('en').header.map((l) => l.label)).toEqual([
      'News',
      'Workshops',
      'Regions',
      'Partners',
      'Search',
    ]);
    expect(defaultMenus('sl').footer).toEqual([]);
  });

  it('an empty header falls back to the sections; the footer stays as staff left it', () => {
    const menus = buildMenus(menu([], [link({ page: { documentId: 'about' } })]), 'sl', pages);
    expect(menus.header).toEqual(defaultMenus('sl').header);
    expect(menus.footer).toEqual([{ label: 'O zavodu', href: '/o-zavodu/', external: false }]);
  });

  it('resolves pages, sections and outside links in the order staff gave them', () => {
    const menus = buildMenus(
      menu([
        link({ section: 'workshops', label: 'Usposabljanja' }),
        link({ page: { documentId: 'about' } }),
        link({ label: 'Občina', url: 'https://www.koper.si/' }),
        link({ section: 'news' }),
      ]),
      'sl',
      pages,
    );
    expect(menus.header).toEqual([
      { label: 'Usposabljanja', href: '/delavnice/', external: false },
      { label: 'O zavodu', href: '/o-zavodu/', external: false },
      { label: 'Občina', href: 'https://www.koper.si/', external: true },
      { label: 'Novice', href: '/novice/', external: false },
    ]);
  });

  it('leaves out links to unpublished pages and unsafe addresses, and says so in the build log', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const menus = buildMenus(
      menu([
        link({ page: { documentId: 'gone' } }),
        link({ label: 'X', url: 'javascript:alert(1)' }),
        link({ section: 'search' }),
      ]),
      'sl',
      pages,
    );
    expect(menus.header.map((l) => l.href)).toEqual(['/iskanje/']);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('marks the current page or section, never an outside link', () => {
    expect(isCurrentLink({ label: 'Novice', href: '/novice/', external: false }, '/novice/x/')).toBe(true);
    expect(isCurrentLink({ label: 'O zavodu', href: '/o-zavodu/', external: false }, '/novice/')).toBe(false);
    expect(isCurrentLink({ label: 'X', href: 'https://x.si/', external: true }, 'https://x.si/')).toBe(false);
  });
});

describe('pages in the site model', () => {
  const records = (): CmsRecords => ({
    sl: empty([about.sl, page('privacy', 'sl', 'Varstvo osebnih podatkov', 'varstvo-osebnih-podatkov')], {
      ...menu([link({ section: 'news' }), link({ page: { documentId: 'about' } })]),
    }),
    en: empty([about.en], { ...menu([link({ page: { documentId: 'about' } })]), locale: 'en' }),
  });
  const find = (pages: Page[], path: string) => pages.find((p) => p.path === path);

  it('puts each page at the root of its language, with its translation as the alternate', () => {
    const { pages } = buildSiteModel(records(), OPTIONS);
    const sl = find(pages, '/o-zavodu/');
    const en = find(pages, '/en/about/');
    expect(sl?.kind).toBe('page');
    expect(sl?.alternates).toEqual({ sl: '/o-zavodu/', en: '/en/about/' });
    expect(en?.title).toBe('About us');
    // Untranslated: the English fallback page has the Slovenian text under the Slovenian slug.
    expect(find(pages, '/en/varstvo-osebnih-podatkov/')?.kind).toBe('page');
  });

  it("gives every page its language's menus", () => {
    const { pages } = buildSiteModel(records(), OPTIONS);
    expect(find(pages, '/')?.menus.header.map((l) => l.href)).toEqual(['/novice/', '/o-zavodu/']);
    expect(find(pages, '/en/news/')?.menus.header).toEqual([
      { label: 'About us', href: '/en/about/', external: false },
    ]);
  });

  it('takes the title and description from the SEO fields, else from the title and excerpt', () => {
    const withSeo = records();
    withSeo.sl.pages[0] = {
      ...about.sl,
      excerpt: 'Kdo smo.',
      seo: { metaTitle: 'O Zavodu Koper Otok', metaDescription: null, shareImage: null, noIndex: false },
    };
    const sl = find(buildSiteModel(withSeo, OPTIONS).pages, '/o-zavodu/')!;
    expect(pageHead(sl)).toMatchObject({ title: 'O Zavodu Koper Otok', description: 'Kdo smo.' });
  });

  it("keeps a page's old address as a redirect after its slug changed, and records its path history", () => {
    const { pages, pathHistory } = buildSiteModel(records(), {
      ...OPTIONS,
      pathHistory: { 'page:about:sl': ['/o-nas/'] },
    });
    expect(find(pages, '/o-nas/')).toMatchObject({ kind: 'redirect', to: '/o-zavodu/' });
    expect(pathHistory['page:about:sl']).toEqual(['/o-nas/', '/o-zavodu/']);
    expect(pathHistory['page:about:en']).toEqual(['/en/about/']);
  });

  it('refuses to build a page whose slug would shadow a section', () => {
    const clash = records();
    clash.sl.pages.push(page('news', 'sl', 'Novice', 'novice'));
    expect(() => buildSiteModel(clash, OPTIONS)).toThrow(ContentError);
    expect(() => buildSiteModel(clash, OPTIONS)).toThrow(/pages \[sl\] news \("Novice"\): field "slug" "novice"/);
  });
});

describe('draft preview of the menus', () => {
  it("opens the home page of the menu's language, where the draft menus show", async () => {
    const { previewPathFor } = await import('../../site/src/lib/preview');
    expect(await previewPathFor('navigation', 'nav', 'sl')).toBe('/');
    expect(await previewPathFor('navigation', 'nav', 'en')).toBe('/en/');
  });
});
