/**
 * What a page shows, reduced to a hash: two pages with the same fingerprint render the same
 * file. A partial rebuild (partial-build/) renders only the pages whose fingerprint changed.
 *
 * A page holds linked entries (lib/content/graph.ts), and the links go round in circles (an
 * article's region lists the article). The views follow them only so far: a page shows its own
 * entry (the article of an article page: depth 1) with the entries it links to (its regions,
 * partners, workshops: depth 2), and every other entry it mentions (list items, neighbours, the
 * publisher) by its own fields (depth 2); of depth-2 entries only single links are followed
 * (depth 3: the region of a workshop card). The fingerprint follows exactly as far and no
 * further, so a new article in a region changes the region's page but not every article page
 * of that region. The property test (tests/integration/partial-rebuild.test.ts) checks the views
 * never look deeper.
 */
import { createHash } from 'node:crypto';
import { sourceRecordOf, type Entry } from './graph';
import { pageEntry, type Page } from './pages';

/** Fields of an entry that link to other entries; the rest is the entry's own content. */
const RELATION_FIELDS = new Set(['regions', 'partners', 'workshops', 'articles', 'region']);
const ENTRY_TYPES = new Set(['article', 'workshop', 'region', 'partner', 'page']);

const isEntry = (value: unknown): value is Entry =>
  typeof value === 'object' &&
  value !== null &&
  ENTRY_TYPES.has((value as { type?: unknown }).type as string) &&
  typeof (value as { documentId?: unknown }).documentId === 'string';

const hash = (text: string) => createHash('sha1').update(text).digest('base64url');

const ownHashes = new WeakMap<object, string>();
/** The same by the record an entry was made from, per locale: it outlives the entries of one model. */
const ownHashesByRecord = new WeakMap<object, Map<string, string>>();

/** The hash of an entry's own fields (everything but its links), computed once per entry and record. */
function ownHash(entry: Entry): string {
  let known = ownHashes.get(entry);
  if (known !== undefined) return known;
  const record = sourceRecordOf(entry);
  const perLocale = record && (ownHashesByRecord.get(record) ?? new Map<string, string>());
  known = perLocale?.get(entry.locale);
  if (known === undefined) {
    const own = Object.entries(entry).filter(([field]) => !RELATION_FIELDS.has(field));
    known = hash(JSON.stringify(own));
    if (record && perLocale) ownHashesByRecord.set(record, perLocale.set(entry.locale, known));
  }
  ownHashes.set(entry, known);
  return known;
}

const listedHashes = new WeakMap<object, string>();

/** An entry as deep as the views read it: its own content, then its links while depth allows. */
function entryShape(entry: Entry, depth: number): unknown {
  if (depth >= 3) return ownHash(entry);
  if (depth === 2) return listedHash(entry);
  const links: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(entry)) {
    if (!RELATION_FIELDS.has(field)) continue;
    if (Array.isArray(value)) links[field] = value.map((linked: Entry) => entryShape(linked, 2));
    else links[field] = value === null ? null : entryShape(value as Entry, 2);
  }
  return [ownHash(entry), links];
}

/**
 * An entry met in a list or as a neighbour (depth 2): its own fields and its single links. The
 * same entry appears on many pages (a region page lists thousands), so it is hashed once.
 */
function listedHash(entry: Entry): string {
  let known = listedHashes.get(entry);
  if (known === undefined) {
    const links: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(entry))
      if (RELATION_FIELDS.has(field) && !Array.isArray(value))
        links[field] = value === null ? null : ownHash(value as Entry);
    known = hash(JSON.stringify([ownHash(entry), links]));
    listedHashes.set(entry, known);
  }
  return known;
}

/** The page's data with each entry replaced by its shape: the page's own entry at depth 1, the others at 2. */
function shape(value: unknown, subject: Entry | null): unknown {
  if (isEntry(value)) return entryShape(value, value === subject ? 1 : 2);
  if (Array.isArray(value)) return value.map((item) => shape(item, subject));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, shape(field, subject)]));
  return value;
}

export function pageFingerprint(page: Page): string {
  return hash(JSON.stringify(shape(page, pageEntry(page))));
}

/** Every page's fingerprint, by path. */
export function pageFingerprints(pages: readonly Page[]): Map<string, string> {
  return new Map(pages.map((page) => [page.path, pageFingerprint(page)]));
}

export interface PageChanges {
  /** Pages that are new or show something else now. */
  render: string[];
  /** Paths that had a page and have none now. */
  remove: string[];
}

/** Which pages to render and which to delete, going from one model's pages to the next. */
export function pageChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): PageChanges {
  const render = [...after].filter(([path, print]) => before.get(path) !== print).map(([path]) => path);
  const remove = [...before.keys()].filter((path) => !after.has(path));
  return { render, remove };
}
