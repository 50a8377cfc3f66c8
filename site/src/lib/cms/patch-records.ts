/**
 * A partial rebuild re-reads only the entries that changed and puts them into the records of
 * the last build: the result must equal what reading everything again would give, so entries
 * keep the order the site export returns (documentId order).
 */
import { LOCALES, type Locale } from '@koper-otok/content-types';
import type { CmsRecords, LocaleRecords } from './records';

/** The collection types the pages are made of (the menus and redirects always need a full build). */
export const PAGE_CONTENT_TYPES = ['article', 'workshop', 'region', 'partner', 'page'] as const;
export type PageContentType = (typeof PAGE_CONTENT_TYPES)[number];

const LIST_OF = {
  article: 'articles',
  workshop: 'workshops',
  region: 'regions',
  partner: 'partners',
  page: 'pages',
} as const satisfies Record<PageContentType, keyof LocaleRecords>;

type Keyed = { documentId: string };

/** One value per locale, made by `make`. */
export const perLocale = <T>(make: (locale: Locale) => T): Record<Locale, T> => ({ sl: make('sl'), en: make('en') });

/** Re-read entries of one type: what the CMS returned now for the asked documentIds, per locale. */
export interface RereadEntries {
  type: PageContentType;
  documentIds: readonly string[];
  /** Published versions now; an asked documentId missing here was unpublished or deleted. */
  found: Record<Locale, Keyed[]>;
}

const byDocumentId = (a: Keyed, b: Keyed) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0);

function patchList<T extends Keyed>(list: readonly T[], asked: ReadonlySet<string>, found: T[]): T[] {
  const kept = list.filter((entry) => !asked.has(entry.documentId));
  return found.length === 0 ? kept : [...kept, ...found].sort(byDocumentId);
}

/** The records with the re-read entries in place; the records given are left as they were. */
export function patchRecords(records: CmsRecords, reread: readonly RereadEntries[]): CmsRecords {
  const patched = Object.fromEntries(LOCALES.map((locale) => [locale, { ...records[locale] }])) as CmsRecords;
  for (const { type, documentIds, found } of reread) {
    const asked = new Set(documentIds);
    const list = LIST_OF[type];
    for (const locale of LOCALES) {
      const current: Keyed[] = patched[locale][list];
      Object.assign(patched[locale], { [list]: patchList(current, asked, found[locale] ?? []) });
    }
  }
  return patched;
}
