/**
 * Slugs made from titles with the one slug rule of the project (slugify from
 * @koper-otok/content-types: č→c, š→s, ž→z, ć→c, đ→d), made unique by a numeric suffix.
 */
import { slugify } from '@koper-otok/content-types';
import type { ContentTypeName } from './labels';

/** The attribute a type's slug is made from (the schema's uid targetField); null for a type without a slug. */
export const TITLE_FIELD: Record<ContentTypeName, string | null> = {
  article: 'title',
  workshop: 'title',
  region: 'name',
  partner: 'name',
  page: 'title',
  navigation: null,
};

/** The slug a title asks for; '' when the title has no letters or digits. */
export const slugFromTitle = (title: unknown): string => (typeof title === 'string' ? slugify(title) : '');

/** `base` if nobody uses it, else the first free of base-2, base-3, … */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}
