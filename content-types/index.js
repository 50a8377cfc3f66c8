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

export {
  SECTIONS,
  RESERVED_PAGE_SLUGS,
  isReservedPageSlug,
  homePath,
  listPath,
  entryPath,
  pagePath,
  entryPathOf,
  searchPath,
  feedPath,
  calendarPath,
  withTrailingSlash,
  siteRouteOf,
  REGISTRATION_OUTCOMES,
  registrationOutcomePath,
} from './routes.js';

export { REGISTRATION_CONSENT, registrationClosedReason } from './registration.js';
export { workshopsCalendar, withoutControlCharacters } from './calendar.js';
