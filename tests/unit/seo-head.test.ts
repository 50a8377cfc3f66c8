// Per-language image text and SEO on the site: lib/content/image-text.ts (an entry's own alt text
// and caption before the media library's), lib/content/head.ts (an entry's seo before the page's
// title, description and image) and pages.ts's pageHead(), which applies it to every entry page.
import { describe, expect, it } from 'vitest';
import type { Media, SharedSeo } from '@koper-otok/content-types';
import type { ArticleRecord, CmsRecords, PartnerRecord, RegionRecord } from '../../site/src/lib/cms/records';
import { seoHead } from '../../site/src/lib/content/head';
import { localizedImage } from '../../site/src/lib/content/image-text';
import { buildSiteModel, pageHead, type Page } from '../../site/src/lib/content/pages';

const media = (name: string, alternativeText: string | null, caption: string | null = null): Media => ({
  url: `http://127.0.0.1:1337/uploads/${name}`,
  alternativeText,
  caption,
  width: 1200,
  height: 800,
});
const seo = (fields: Partial<SharedSeo>): SharedSeo => ({
  metaTitle: null,
  metaDescription: null,
  shareImage: null,
  noIndex: false,
  ...fields,
});

describe('localizedImage', () => {
  const cover = media('koper.jpg', 'Mestno jedro Kopra', 'Foto: zavod');

  it("uses the entry's own alternative text and caption in its language", () => {
    const image = localizedImage(
      { cover, coverAlt: "Koper's old town", coverCaption: 'Photo: the institute' },
      'cover',
    );
    expect(image).toEqual({ ...cover, alternativeText: "Koper's old town", caption: 'Photo: the institute' });
  });

  it("falls back to the media library's text where the entry's is empty or blank", () => {
    expect(localizedImage({ cover, coverAlt: '  ', coverCaption: null }, 'cover')).toEqual(cover);
    expect(localizedImage({ logo: media('l.png', null), logoAlt: null }, 'logo')?.alternativeText).toBeNull();
    expect(localizedImage({ cover: null, coverAlt: 'x' }, 'cover')).toBeNull();
  });
});

describe('seoHead', () => {
  const fallback = { title: 'Novica', description: 'Povzetek novice.', image: media('c.jpg', 'Opis') };

  it("keeps today's title, description and image when the entry has no SEO fields", () => {
    expect(seoHead(null, fallback)).toEqual({ ...fallback, documentTitle: null, noindex: false });
    expect(seoHead(seo({ metaTitle: ' ', metaDescription: '' }), fallback)).toEqual({
      ...fallback,
      documentTitle: null,
      noindex: false,
    });
  });

  it('uses the meta title as the whole <title>, the meta description and the share image when set', () => {
    const shareImage = media('share.jpg', 'Deljenje');
    const head = seoHead(
      seo({ metaTitle: 'Vodič za turiste', metaDescription: 'Kratek opis.', shareImage, noIndex: true }),
      fallback,
    );
    expect(head).toEqual({
      title: 'Vodič za turiste',
      documentTitle: 'Vodič za turiste',
      description: 'Kratek opis.',
      image: shareImage,
      noindex: true,
    });
  });
});

describe('pageHead on the built page list', () => {
  const article = (locale: 'sl' | 'en', extra: Partial<ArticleRecord>): ArticleRecord => ({
    documentId: 'art-1',
    locale,
    title: locale === 'sl' ? 'Vodič po mestnem jedru' : 'Old town guide',
    slug: locale === 'sl' ? 'vodic' : 'guide',
    excerpt: locale === 'sl' ? 'Povzetek vodiča.' : 'Summary of the guide.',
    body: null,
    cover: media('koper.jpg', 'Knjižnično besedilo'),
    coverAlt: null,
    coverCaption: null,
    publishedDate: '2017-03-23',
    seo: null,
    regions: [],
    partners: [],
    workshops: [],
    ...extra,
  });
  const partner = (locale: 'sl' | 'en'): PartnerRecord => ({
    documentId: 'par-1',
    locale,
    name: 'Zavod Koper Otok',
    shortName: null,
    slug: 'zavod',
    kind: 'association',
    website: null,
    logo: media('logo.png', 'Logotip'),
    logoAlt: locale === 'en' ? 'Logo of the institute' : null,
    logoCaption: null,
    description: null,
    seo: null,
    regions: [],
  });
  const region = (locale: 'sl' | 'en'): RegionRecord => ({
    documentId: 'reg-1',
    locale,
    name: 'Obalno-kraška',
    slug: 'obalno-kraska',
    code: 'SI044',
    description: 'Regija ob morju.',
    seo: seo({ noIndex: locale === 'en' }),
  });
  const records: CmsRecords = {
    sl: {
      articles: [article('sl', { coverAlt: 'Pisane hiše Kopra', seo: seo({ metaTitle: 'Vodič | Koper' }) })],
      workshops: [],
      regions: [region('sl')],
      partners: [partner('sl')],
      pages: [],
      navigation: null,
    },
    en: {
      articles: [article('en', { coverAlt: 'Colourful houses of Koper', seo: seo({ metaTitle: 'Guide | Koper' }) })],
      workshops: [],
      regions: [region('en')],
      partners: [partner('en')],
      pages: [],
      navigation: null,
    },
  };
  const pages = buildSiteModel(records, {
    now: new Date('2017-06-01'),
    newsPageSize: 10,
    pastWorkshopsPageSize: 10,
  }).pages;
  const at = (path: string): Page => pages.find((p) => p.path === path)!;

  it('gives each language its own SEO title and its own alternative text', () => {
    const sl = at('/novice/vodic/');
    const en = at('/en/news/guide/');
    expect(pageHead(sl).documentTitle).toBe('Vodič | Koper');
    expect(pageHead(en).documentTitle).toBe('Guide | Koper');
    expect(sl.kind === 'article' && sl.article.cover?.alternativeText).toBe('Pisane hiše Kopra');
    expect(en.kind === 'article' && en.article.cover?.alternativeText).toBe('Colourful houses of Koper');
    expect(pageHead(en).image?.alternativeText).toBe('Colourful houses of Koper');
  });

  it("keeps today's fallbacks: the excerpt as description, the logo as image, the library's alt text", () => {
    expect(pageHead(at('/en/news/guide/')).description).toBe('Summary of the guide.');
    const partnerPage = pages.find((p) => p.kind === 'partner' && p.locale === 'sl')!;
    expect(pageHead(partnerPage).image?.alternativeText).toBe('Logotip');
    expect(pageHead(pages.find((p) => p.kind === 'partner' && p.locale === 'en')!).image?.alternativeText).toBe(
      'Logo of the institute',
    );
  });

  it('marks a page noindex only in the language that asked for it, and never a list page', () => {
    const regionPages = pages.filter((p) => p.kind === 'region');
    expect(regionPages.map((p) => [p.locale, pageHead(p).noindex])).toEqual([
      ['sl', false],
      ['en', true],
    ]);
    // Registration outcome pages are never indexed, whatever staff set (registration-offer.test.ts).
    const others = pages.filter((p) => p.kind !== 'region' && p.kind !== 'registration-outcome');
    expect(others.some((p) => pageHead(p).noindex)).toBe(false);
  });
});
