/**
 * Which registrations lose their personal data, and clearing it: those of workshops that ended
 * more than the retention period ago, and those whose workshop was deleted, once they are that
 * old themselves. A workshop without dates has not ended. State, language, consent and times
 * stay, so the numbers of registrations, confirmations and waiting places still add up.
 */
import type { Core } from '@strapi/strapi';
import { ERASED_PERSONAL_DATA, REGISTRATION_UID, WORKSHOP_UID } from '../registration/model';

const DAY_MS = 24 * 60 * 60_000;

export interface WorkshopDates {
  documentId: string;
  startsAt: string | Date | null;
  endsAt: string | Date | null;
}

export interface RegistrationAge {
  id: number;
  workshopDocumentId: string;
  createdAt: string | Date;
}

/** When each workshop ended: its latest end (or start) over its locales, drafts and published versions. */
function endsOf(workshops: WorkshopDates[]): Map<string, number | null> {
  const ends = new Map<string, number | null>();
  for (const { documentId, startsAt, endsAt } of workshops) {
    const end = endsAt ?? startsAt;
    const known = ends.has(documentId) ? ends.get(documentId)! : -Infinity;
    ends.set(documentId, end === null || known === null ? null : Math.max(known, new Date(end).getTime()));
  }
  return ends;
}

export function registrationsToAnonymise(
  workshops: WorkshopDates[],
  registrations: RegistrationAge[],
  options: { now: Date; retentionDays: number },
): number[] {
  const cutoff = options.now.getTime() - options.retentionDays * DAY_MS;
  const ends = endsOf(workshops);
  return registrations
    .filter(({ workshopDocumentId, createdAt }) => {
      if (!ends.has(workshopDocumentId)) return new Date(createdAt).getTime() < cutoff;
      const end = ends.get(workshopDocumentId);
      return end !== null && end !== undefined && end < cutoff;
    })
    .map(({ id }) => id);
}

/** Clears the personal data that is due; returns how many registrations were anonymised. */
export async function anonymiseDueRegistrations(
  strapi: Core.Strapi,
  now: Date,
  retentionDays: number,
): Promise<number> {
  const workshops: WorkshopDates[] = await strapi.db
    .query(WORKSHOP_UID)
    .findMany({ select: ['documentId', 'startsAt', 'endsAt'] });
  const registrations: RegistrationAge[] = await strapi.db
    .query(REGISTRATION_UID)
    .findMany({ where: { anonymisedAt: null }, select: ['id', 'workshopDocumentId', 'createdAt'] });
  const ids = registrationsToAnonymise(workshops, registrations, { now, retentionDays });
  if (ids.length === 0) return 0;
  const { count } = await strapi.db
    .query(REGISTRATION_UID)
    .updateMany({ where: { id: { $in: ids } }, data: { ...ERASED_PERSONAL_DATA, anonymisedAt: now } });
  return count;
}
