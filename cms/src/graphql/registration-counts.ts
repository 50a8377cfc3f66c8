/**
 * How many places of each workshop are taken: its confirmed registrations, counted for the
 * static site's build (one query per page of workshops; registration/places.ts counts one
 * workshop for the API). Only the workshop reference of each row is read, never personal data.
 */
import type { Core } from '@strapi/strapi';
import { REGISTRATION_UID } from '../registration/model';

export async function confirmedRegistrations(
  strapi: Core.Strapi,
  workshopDocumentIds: string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(workshopDocumentIds.map((id) => [id, 0]));
  if (workshopDocumentIds.length === 0) return counts;
  const rows: { workshopDocumentId: string }[] = await strapi.db.query(REGISTRATION_UID).findMany({
    select: ['workshopDocumentId'],
    where: { state: 'confirmed', workshopDocumentId: { $in: workshopDocumentIds } },
  });
  for (const { workshopDocumentId } of rows) counts.set(workshopDocumentId, (counts.get(workshopDocumentId) ?? 0) + 1);
  return counts;
}

/** Sets `confirmedRegistrations` on exported workshop nodes (one query for the whole page). */
export async function addConfirmedRegistrations(strapi: Core.Strapi, nodes: Record<string, unknown>[]): Promise<void> {
  const counts = await confirmedRegistrations(
    strapi,
    nodes.map((node) => String(node.documentId)),
  );
  for (const node of nodes) node.confirmedRegistrations = counts.get(String(node.documentId)) ?? 0;
}
