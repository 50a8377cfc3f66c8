/**
 * Tells the rebuild service that a published workshop's page changed without a publication: its
 * places left (a confirmation, a cancellation, a place given by hand) or its form (registration
 * closed). It sends the event a publication sends, per published language, so the page is
 * rendered again as after a publish, and a burst of confirmations makes one rebuild.
 */
import type { Core } from '@strapi/strapi';
import { WORKSHOP_UID } from './model';

export async function announceWorkshopChange(strapi: Core.Strapi, documentId: string): Promise<void> {
  const published: { locale: string }[] = await strapi.db
    .query(WORKSHOP_UID)
    .findMany({ where: { documentId, publishedAt: { $notNull: true } }, select: ['locale'] });
  const { singularName } = strapi.contentType(WORKSHOP_UID).info;
  for (const locale of new Set(published.map((row) => row.locale)))
    void strapi.eventHub.emit('entry.publish', {
      model: singularName,
      uid: WORKSHOP_UID,
      entry: { documentId, locale },
    });
}
