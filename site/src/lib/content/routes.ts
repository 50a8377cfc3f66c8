/**
 * Every URL of the site is made here, so links, alternates (hreflang) and the sitemap agree.
 * Slovenian lives at the root, English under /en/; section names are in the page's language.
 */
import {
  DEFAULT_LOCALE,
  RESERVED_PAGE_SLUGS,
  SECTION_SEGMENTS as SECTIONS,
  type Locale,
} from '@koper-otok/content-types';

/** The types with a list and entry pages under their own section (/novice/x/). */
export type ListedType = 'article' | 'workshop' | 'region' | 'partner';
const PAGE_SEGMENT: Record<Locale, string> = { sl: 'stran', en: 'page' };

const prefix = (locale: Locale) => (locale === DEFAULT_LOCALE ? '' : `/${locale}`);

export const homePath = (locale: Locale) => `${prefix(locale)}/`;

export const listPath = (type: ListedType, locale: Locale, page = 1) =>
  `${prefix(locale)}/${SECTIONS[type][locale]}/${page > 1 ? `${PAGE_SEGMENT[locale]}/${page}/` : ''}`;

export const entryPath = (type: ListedType, locale: Locale, slug: string) =>
  `${prefix(locale)}/${SECTIONS[type][locale]}/${slug}/`;

/** Astro's rest parameter for a path: "/en/news/x/" -> "en/news/x", "/" -> undefined. */
export const toRouteParam = (path: string): string | undefined => path.replace(/^\/|\/$/g, '') || undefined;

export const searchPath = (locale: Locale) => `${prefix(locale)}/${SECTIONS.search[locale]}/`;

/** A page (About us, Privacy) lives at the root of its language: /o-zavodu/, /en/about/. */
export const pagePath = (locale: Locale, slug: string) => `${prefix(locale)}/${slug}/`;

/** The URL of any entry with a page of its own: pages at the root of their language, the others in their section. */
export const entryPathOf = (entry: { type: ListedType | 'page'; locale: Locale; slug: string }): string =>
  entry.type === 'page' ? pagePath(entry.locale, entry.slug) : entryPath(entry.type, entry.locale, entry.slug);

/** Whether a page's slug would shadow a section, a language or a folder of the build. */
export const isReservedPageSlug = (slug: string): boolean => RESERVED_PAGE_SLUGS.includes(slug);

/** RSS feed of the news in one language. */
export const feedPath = (locale: Locale) => `${prefix(locale)}/rss.xml`;

/** One workshop as an .ics file, or (without a slug) the calendar feed of all workshops. */
export const calendarPath = (locale: Locale, slug?: string) =>
  slug
    ? `${prefix(locale)}/${SECTIONS.workshop[locale]}/${slug}.ics`
    : `${prefix(locale)}/${SECTIONS.workshop[locale]}.ics`;
