/**
 * Restoring a revision: its fields become the current draft of that entry in that locale,
 * through the Document Service's update of the draft, so the save rules apply and nothing is
 * published. Related entries or media deleted since are left out and listed in the answer.
 */
import type { Core } from '@strapi/strapi';
import { contentTypeUid } from '../utils/strapi-uids';
import { existingReferences, revisionLocale } from './entries';
import { restoring } from './recorder';
import { referencesIn, restoreData, type Dropped } from './restore-data';
import { attributesOf, componentAttributesOf, isLocalized } from './schema';
import type { Revision } from './store';

export interface RestoreOutcome {
  documentId: string;
  locale: string;
  dropped: Dropped[];
}

export async function restoreRevision(strapi: Core.Strapi, revision: Revision): Promise<RestoreOutcome> {
  const uid = contentTypeUid(strapi, revision.contentType);
  const attributes = attributesOf(strapi, uid);
  const components = componentAttributesOf(strapi);
  const locale = revisionLocale(strapi, uid, revision.locale);
  const existing = await existingReferences(strapi, referencesIn([revision.data], attributes, components), locale);
  const { data, dropped } = restoreData(revision.data, attributes, components, existing);
  await restoring.run({ revisionId: revision.id }, () =>
    strapi.documents(uid).update({
      documentId: revision.documentId,
      ...(isLocalized(strapi, uid) ? { locale } : {}),
      status: 'draft',
      data,
    }),
  );
  return { documentId: revision.documentId, locale, dropped };
}
