/**
 * An entry not yet translated still has a page in every language: there it is shown in the
 * default language (Slovenian) with a notice, instead of a 404 or a hole in the lists. The
 * fallback keeps the entry's documentId, so relations and the language switch still work.
 */
import { DEFAULT_LOCALE, LOCALES } from '@koper-otok/content-types';
import type { CmsRecords, LocaleRecords } from '../cms/records';

const SECTIONS = ['articles', 'workshops', 'regions', 'partners', 'pages'] as const;

export function withFallbacks(records: CmsRecords): CmsRecords {
  const result = { ...records };
  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    const own = records[locale];
    const merged = { ...own } as LocaleRecords;
    for (const section of SECTIONS) {
      const ids = new Set(own[section].map((entry) => entry.documentId));
      const slugs = new Set(own[section].map((entry) => entry.slug));
      const missing = records[DEFAULT_LOCALE][section].filter((entry) => !ids.has(entry.documentId));
      for (const entry of missing.filter((e) => slugs.has(e.slug))) {
        console.warn(
          `[content] ${section} ${entry.documentId} ("${entry.slug}") has no ${locale} translation, and its slug is taken there; no ${locale} page for it`,
        );
      }
      (merged[section] as unknown[]) = [...own[section], ...missing.filter((e) => !slugs.has(e.slug))];
    }
    result[locale] = merged;
  }
  return result;
}
