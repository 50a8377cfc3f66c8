/**
 * Characters the HTML standard forbids in a document: control characters other than whitespace,
 * and non-characters. A browser shows nothing for them, so they only ever arrive by accident
 * (pasted from a word processor, a terminal, a broken import); the site leaves them out of every
 * page, attribute and structured-data block so each page stays valid HTML.
 */
import type { CmsRecords, LocaleRecords } from '../cms/records';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g;

export const withoutForbiddenCharacters = (text: string) => text.replace(FORBIDDEN_CHARACTERS, '');

/** A copy of CMS records (plain JSON) with the forbidden characters taken out of every string. */
export function withoutForbiddenCharactersDeep<T>(value: T): T {
  if (typeof value === 'string') return withoutForbiddenCharacters(value) as T;
  if (Array.isArray(value)) return value.map(withoutForbiddenCharactersDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withoutForbiddenCharactersDeep(item)]),
    ) as T;
  }
  return value;
}

const cleaned = new WeakMap<object, object>();

/** One entry cleaned, once: the same entry object gives the same cleaned object back. */
function cleanOnce<T extends object | null>(entry: T): T {
  if (entry === null) return entry;
  let clean = cleaned.get(entry);
  if (!clean) {
    clean = withoutForbiddenCharactersDeep(entry);
    cleaned.set(entry, clean);
  }
  return clean as T;
}

/**
 * The records with the forbidden characters taken out, entry by entry. A warm renderer
 * (partial-build/) rebuilds the site from records whose unchanged entries are the same objects,
 * so it gets the same cleaned entries back, and what is worked out from them stays known
 * (page-fingerprint.ts).
 */
export function withoutForbiddenCharactersInRecords(records: CmsRecords): CmsRecords {
  const cleanLocale = (r: LocaleRecords): LocaleRecords => ({
    articles: r.articles.map(cleanOnce),
    workshops: r.workshops.map(cleanOnce),
    regions: r.regions.map(cleanOnce),
    partners: r.partners.map(cleanOnce),
    pages: r.pages.map(cleanOnce),
    navigation: cleanOnce(r.navigation),
  });
  return { sl: cleanLocale(records.sl), en: cleanLocale(records.en) };
}
