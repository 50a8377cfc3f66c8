import type { Core } from '@strapi/strapi';
import { REGISTRATION_UID } from './model';

export interface PlaceCounts {
  confirmed: number;
  waiting: number;
}

/** Confirmed and waiting registrations of a workshop (inside a transaction, read through it). */
export async function countPlaces(strapi: Core.Strapi, workshopDocumentId: string): Promise<PlaceCounts> {
  const registrations = strapi.db.query(REGISTRATION_UID);
  const [confirmed, waiting] = await Promise.all(
    (['confirmed', 'waiting'] as const).map((state) => registrations.count({ where: { workshopDocumentId, state } })),
  );
  return { confirmed, waiting };
}

/** Places still free; null when the workshop sets no capacity (unlimited). */
export const placesLeft = (capacity: number | null, confirmed: number): number | null =>
  capacity === null ? null : Math.max(0, capacity - confirmed);
