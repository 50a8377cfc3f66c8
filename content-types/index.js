// Runtime part of the content model: locales and the slug rule. Plain JavaScript because
// Strapi runs compiled CommonJS and loads this package at run time (Node 24 require(esm)).

/** Slovenian first, English second. The order is the order of the site's language switch. */
export const LOCALES = ['sl', 'en'];
export const DEFAULT_LOCALE = 'sl';

/** The public fields of a media file (the Media type of generated/types.ts): what the site
 *  asks for and what the CMS's site export returns. */
export const MEDIA_FIELDS = ['url', 'alternativeText', 'caption', 'width', 'height'];

/** The localized fields that describe an entry's image in each language, next to the image
 *  itself (cover -> coverAlt, coverCaption); empty ones fall back to the media library's text. */
export const imageTextFields = (mediaField) => ({ alt: `${mediaField}Alt`, caption: `${mediaField}Caption` });

/** A slug: lowercase ASCII letters and digits in groups joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Letters that Unicode normalisation does not decompose into a base letter plus a mark.
const TRANSLITERATIONS = { đ: 'd', Đ: 'd', ß: 'ss', æ: 'ae', ø: 'o', ł: 'l', Ł: 'l' };

/**
 * Title -> URL slug, transliterating Slovenian letters (č→c, š→s, ž→z, ć→c, đ→d).
 * Returns '' for a title with no letters or digits; callers must treat that as an error.
 */
export function slugify(title) {
  return String(title)
    .replace(/[đĐßæøłŁ]/g, (ch) => TRANSLITERATIONS[ch])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
    .replace(/-+$/, '');
}

/**
 * The first path segment of each section of the site, per language: the lists and entries of
 * the four collection types and the search page. Pages live at the root (/o-zavodu/,
 * /en/about/), so a page may never take one of these slugs (RESERVED_PAGE_SLUGS).
 */
export const SECTION_SEGMENTS = {
  article: { sl: 'novice', en: 'news' },
  workshop: { sl: 'delavnice', en: 'workshops' },
  region: { sl: 'regije', en: 'regions' },
  partner: { sl: 'partnerji', en: 'partners' },
  search: { sl: 'iskanje', en: 'search' },
};

/**
 * Slugs no page may have, in either language: every section's segment in both languages (an
 * English page "novice" would be harmless, but one list is easier to explain to staff), the
 * language prefixes (/en/), and the folders the build writes itself (/media/, /pagefind/, /404/).
 */
export const RESERVED_PAGE_SLUGS = [
  ...Object.values(SECTION_SEGMENTS).flatMap((segments) => Object.values(segments)),
  ...LOCALES,
  'media',
  'pagefind',
  '404',
];
