/**
 * Closing a workshop's registration from the staff's page: registrationOpen becomes false on
 * every row of the workshop (each language, draft and published), because the public flow reads
 * the published row and a later publish of the draft must not open it again. The published
 * workshop's page then drops its form, so the rebuild service is told (registration/site-refresh.ts).
 * The draft's other unpublished edits stay unpublished.
 */
import type { Core } from '@strapi/strapi';
import { WORKSHOP_UID } from '../registration/model';
import { announceWorkshopChange } from '../registration/site-refresh';

export interface WorkshopLocaleRow {
  locale: string;
  publishedAt: string | null;
  registrationOpen: boolean | null;
}

/** The workshop's rows, one per language and state; none when there is no such workshop. */
export const workshopLocaleRows = (strapi: Core.Strapi, documentId: string): Promise<WorkshopLocaleRow[]> =>
  strapi.db
    .query(WORKSHOP_UID)
    .findMany({ where: { documentId }, select: ['locale', 'publishedAt', 'registrationOpen'] });

/**
 * Closes registration on the workshop whose rows `workshopLocaleRows` read; returns whether
 * anything changed (closing twice changes nothing).
 */
export async function closeRegistration(
  strapi: Core.Strapi,
  documentId: string,
  rows: WorkshopLocaleRow[],
): Promise<boolean> {
  if (rows.every((row) => row.registrationOpen !== true)) return false;
  await strapi.db.query(WORKSHOP_UID).updateMany({ where: { documentId }, data: { registrationOpen: false } });
  await announceWorkshopChange(strapi, documentId);
  return true;
}
