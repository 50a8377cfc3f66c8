/**
 * Reading the entries a revision is about: the current draft of one entry in one locale as a
 * snapshot, which related entries and media files still exist, and readable names for them.
 */
import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '@koper-otok/content-types';
import { contentTypeUid } from '../utils/strapi-uids';
import { populateFor, snapshotOf, type Snapshot } from './snapshot';
import type { Existing, References } from './restore-data';
import { attributesOf, componentAttributesOf, hasDraftAndPublish, isLocalized } from './schema';

const MEDIA_UID = 'plugin::upload.file';
// The field that names an entry in lists and diffs, by preference.
const LABEL_FIELDS = ['title', 'name', 'slug'];

/** The locale revisions are kept under: the entry's locale, or '' for a type without locales. */
export const revisionLocale = (strapi: Core.Strapi, uid: string, locale: unknown): string =>
  isLocalized(strapi, uid) ? (typeof locale === 'string' && locale !== '*' ? locale : DEFAULT_LOCALE) : '';

const localeFilter = (strapi: Core.Strapi, uid: string, locale: string) => (isLocalized(strapi, uid) ? { locale } : {});

export async function draftSnapshot(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  locale: string,
): Promise<Snapshot | null> {
  const attributes = attributesOf(strapi, uid);
  const components = componentAttributesOf(strapi);
  const draft = await strapi.db.query(contentTypeUid(strapi, uid)).findOne({
    where: { documentId, publishedAt: null, ...localeFilter(strapi, uid, locale) },
    populate: populateFor(attributes, components),
  });
  return draft ? snapshotOf(draft, attributes, components) : null;
}

/** documentId (or file id) -> a readable name, for every reference in `references`. */
export async function referenceNames(
  strapi: Core.Strapi,
  references: References,
  locale: string,
): Promise<Map<string, Map<string, string>>> {
  const names = new Map<string, Map<string, string>>();
  for (const [target, ids] of references.relations) {
    const labelField = LABEL_FIELDS.find((field) => field in attributesOf(strapi, target));
    const found: Record<string, unknown>[] = await strapi.db.query(contentTypeUid(strapi, target)).findMany({
      where: {
        documentId: { $in: [...ids] },
        ...localeFilter(strapi, target, locale),
        ...(hasDraftAndPublish(strapi, target) ? { publishedAt: null } : {}),
      },
      select: ['documentId', ...(labelField ? [labelField] : [])],
    });
    names.set(
      target,
      new Map(found.map((entry) => [String(entry.documentId), String(entry[labelField ?? 'documentId'])])),
    );
  }
  const files: { id: number; name: string }[] = await strapi.db.query(MEDIA_UID).findMany({
    where: { id: { $in: [...references.media] } },
    select: ['id', 'name'],
  });
  names.set(MEDIA_UID, new Map(files.map((file) => [String(file.id), file.name])));
  return names;
}

/** Which of the referenced entries (in that locale) and media files still exist. */
export async function existingReferences(
  strapi: Core.Strapi,
  references: References,
  locale: string,
): Promise<Existing> {
  const names = await referenceNames(strapi, references, locale);
  return {
    hasRelated: (target, documentId) => names.get(target)?.has(documentId) ?? false,
    hasMedia: (fileId) => names.get(MEDIA_UID)?.has(String(fileId)) ?? false,
  };
}

export { MEDIA_UID };
