// An entry missing in English still gets an English page: the Slovenian content with a notice,
// linked from the Slovenian page's language switch; never a 404 or a hole in the lists.
import { describe, expect, it } from 'vitest';
import { withFallbacks } from '../../site/src/lib/content/fallback';
import { buildSiteModel } from '../../site/src/lib/content/pages';
import type { CmsRecords } from '../../site/src/lib/cms/records';

const article = (documentId: string, locale: 'sl' | 'en', slug: string, title: string) => ({
  documentId,
  locale,
  slug,
  title,
  excerpt: `${title}.`,
  body: `Besedilo ${title}`,
  publishedDate: '2017-06-14',
  cover: null,
  regions: [],
  partners: [],
  workshops: [],
});

function records(): CmsRecords {
  const empty = { workshops: [], regions: [], partners: [], pages: [], navigation: null };
  return {
    sl: {
      ...empty,
      articles: [
        article('a1', 'sl', 'prevedena', 'Prevedena'),
        article('a2', 'sl', 'samo-slovensko', 'Samo slovensko'),
      ],
    },
    en: { ...empty, articles: [article('a1', 'en', 'translated', 'Translated')] },
  } as unknown as CmsRecords;
}

describe('untranslated entries', () => {
  it('adds the Slovenian record to English when the translation is missing', () => {
    const merged = withFallbacks(records());
    expect(merged.en.articles.map((a) => a.slug)).toEqual(['translated', 'samo-slovensko']);
    expect(merged.sl.articles).toHaveLength(2);
  });

  it('builds an English page with Slovenian content and links it as the translation', () => {
    const { pages, graphs } = buildSiteModel(records(), {
      now: new Date('2026-01-01'),
      newsPageSize: 10,
      pastWorkshopsPageSize: 20,
    });
    const fallback = pages.find((p) => p.path === '/en/news/samo-slovensko/');
    expect(fallback?.kind).toBe('article');
    if (fallback?.kind !== 'article') return;
    expect(fallback.article.locale).toBe('en');
    expect(fallback.article.contentLocale).toBe('sl');
    expect(fallback.article.title).toBe('Samo slovensko');
    const original = pages.find((p) => p.path === '/novice/samo-slovensko/');
    expect(original?.alternates).toEqual({ sl: '/novice/samo-slovensko/', en: '/en/news/samo-slovensko/' });
    expect(graphs.en.articles.find((a) => a.slug === 'translated')?.contentLocale).toBe('en');
  });

  it('gives no fallback page when its slug is already taken in English', () => {
    const input = records();
    input.en.articles.push(article('a3', 'en', 'samo-slovensko', 'Clash') as never);
    const merged = withFallbacks(input);
    expect(merged.en.articles.filter((a) => a.slug === 'samo-slovensko').map((a) => a.documentId)).toEqual(['a3']);
  });
});
