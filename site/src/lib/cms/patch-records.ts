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

/**
 * The inverse sides of the relations: `field` of a `type` lists the `owner` entries whose
 * `ownerField` names it. Staff may edit a relation from either side in the admin, but the site
 * reads it from the owner's side only, so a change on the inverse side changes owner records
 * that no webhook names (tests/unit/partial-build.test.ts checks this table against the schemas).
 */
export const INVERSE_RELATIONS: Record<
  PageContentType,
  { field: string; owner: PageContentType; ownerField: string }[]
> = {
  region: [
    { field: 'workshops', owner: 'workshop', ownerField: 'region' },
    { field: 'partners', owner: 'partner', ownerField: 'regions' },
    { field: 'articles', owner: 'article', ownerField: 'regions' },
  ],
  partner: [
    { field: 'workshops', owner: 'workshop', ownerField: 'partners' },
    { field: 'articles', owner: 'article', ownerField: 'partners' },
  ],
  workshop: [{ field: 'articles', owner: 'article', ownerField: 'workshops' }],
  article: [],
  page: [],
};

/** The documentIds a relation field of an entry names (one reference, a list of them, or none). */
function linksOf(entry: object, field: string): string[] {
  const value: unknown = (entry as Record<string, unknown>)[field];
  if (Array.isArray(value)) return value.map((ref: Keyed) => ref.documentId);
  return value && typeof value === 'object' && 'documentId' in value ? [String(value.documentId)] : [];
}

/**
 * Owners whose link to a re-read entry was added or removed from the entry's side: the entries
 * (re-read with their inverse sides) list their owners now, the records list them as they were.
 * Those owners must be re-read too.
 */
export function ownersToReread(
  records: CmsRecords,
  reread: readonly RereadEntries[],
): Map<PageContentType, Set<string>> {
  const owners = new Map<PageContentType, Set<string>>();
  for (const { type, found } of reread)
    for (const { field, owner, ownerField } of INVERSE_RELATIONS[type])
      for (const locale of LOCALES)
        for (const entry of found[locale]) {
          const now = new Set(linksOf(entry, field));
          const ownerList: Keyed[] = records[locale][LIST_OF[owner]];
          const before = new Set(
            ownerList
              .filter((candidate) => linksOf(candidate, ownerField).includes(entry.documentId))
              .map((candidate) => candidate.documentId),
          );
          const changed = [...now].filter((id) => !before.has(id)).concat([...before].filter((id) => !now.has(id)));
          if (changed.length > 0) owners.set(owner, new Set([...(owners.get(owner) ?? []), ...changed]));
        }
  return owners;
}

/** The entries as the site reads them: without the inverse sides they were re-read with. */
export function withoutInverseSides(reread: RereadEntries): RereadEntries {
  const inverse = INVERSE_RELATIONS[reread.type].map(({ field }) => field);
  if (inverse.length === 0) return reread;
  const strip = (entry: Keyed) =>
    Object.fromEntries(Object.entries(entry).filter(([key]) => !inverse.includes(key))) as Keyed;
  return { ...reread, found: perLocale((locale) => reread.found[locale].map(strip)) };
}
