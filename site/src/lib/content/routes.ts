/**
 * Every URL of the site is made here, so links, alternates (hreflang) and the sitemap agree.
 * Slovenian lives at the root, English under /en/; section names are in the page's language.
 */
import { DEFAULT_LOCALE, type ContentTypeName, type Locale } from '@koper-otok/content-types';

const SECTIONS: Record<ContentTypeName, Record<Locale, string>> = {
  article: { sl: 'novice', en: 'news' },
  workshop: { sl: 'delavnice', en: 'workshops' },
  region: { sl: 'regije', en: 'regions' },
  partner: { sl: 'partnerji', en: 'partners' },
};
const PAGE_SEGMENT: Record<Locale, string> = { sl: 'stran', en: 'page' };

const prefix = (locale: Locale) => (locale === DEFAULT_LOCALE ? '' : `/${locale}`);

export const homePath = (locale: Locale) => `${prefix(locale)}/`;

export const listPath = (type: ContentTypeName, locale: Locale, page = 1) =>
  `${prefix(locale)}/${SECTIONS[type][locale]}/${page > 1 ? `${PAGE_SEGMENT[locale]}/${page}/` : ''}`;

export const entryPath = (type: ContentTypeName, locale: Locale, slug: string) =>
  `${prefix(locale)}/${SECTIONS[type][locale]}/${slug}/`;

/** Astro's rest parameter for a path: "/en/news/x/" -> "en/news/x", "/" -> undefined. */
export const toRouteParam = (path: string): string | undefined => path.replace(/^\/|\/$/g, '') || undefined;

const SEARCH: Record<Locale, string> = { sl: 'iskanje', en: 'search' };

export const searchPath = (locale: Locale) => `${prefix(locale)}/${SEARCH[locale]}/`;

/** RSS feed of the news in one language. */
export const feedPath = (locale: Locale) => `${prefix(locale)}/rss.xml`;

/** One workshop as an .ics file, or (without a slug) the calendar feed of all workshops. */
export const calendarPath = (locale: Locale, slug?: string) =>
  slug
    ? `${prefix(locale)}/${SECTIONS.workshop[locale]}/${slug}.ics`
    : `${prefix(locale)}/${SECTIONS.workshop[locale]}.ics`;
