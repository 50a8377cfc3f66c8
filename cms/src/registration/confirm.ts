import type { Core } from '@strapi/strapi';
import type { Locale, RegistrationOutcome } from '@koper-otok/content-types';
import { REGISTRATION_UID, type RegistrationRow } from './model';
import { trySendRegistrationMail } from './mailer';
import { countPlaces } from './places';
import { hashToken } from './tokens';
import { publishedWorkshop, takesRegistrations, type RegistrationWorkshop } from './workshop';
import { withWorkshopLock } from './workshop-lock';
import { announceWorkshopChange } from './site-refresh';

export interface LinkResult {
  outcome: RegistrationOutcome;
  language: Locale;
}

interface Taken {
  outcome: RegistrationOutcome;
  /** Set when this request took the place (or the waiting-list spot), so it mails the visitor. */
  row?: RegistrationRow;
  workshop?: RegistrationWorkshop;
}

/** Under the workshop's lock: a place if the count of confirmed is below capacity, else the waiting list. */
async function takePlace(strapi: Core.Strapi, id: number, tokenHash: string, now: Date): Promise<Taken> {
  const registrations = strapi.db.query(REGISTRATION_UID);
  const row: RegistrationRow | null = await registrations.findOne({ where: { id } });
  if (!row || row.confirmTokenHash !== tokenHash || row.state === 'cancelled') return { outcome: 'expired' };
  // The link opened again: it tells where the registration stands, and changes nothing.
  if (row.state !== 'pending') return { outcome: row.state };
  if (new Date(row.confirmBy ?? 0) < now) return { outcome: 'expired' };
  const workshop = await publishedWorkshop(strapi, row.workshopDocumentId);
  if (!takesRegistrations(workshop, now)) return { outcome: 'closed' };
  const { confirmed } = await countPlaces(strapi, row.workshopDocumentId);
  const full = workshop.capacity !== null && confirmed >= workshop.capacity;
  const data = full
    ? { state: 'waiting' as const, waitingSince: now.toISOString() }
    : { state: 'confirmed' as const, confirmedAt: now.toISOString() };
  const updated: RegistrationRow = await registrations.update({ where: { id }, data });
  return { outcome: data.state, row: updated, workshop };
}

/**
 * The confirmation link: the place is taken now, in one transaction holding the workshop's
 * lock, so the confirmed never outnumber the places however many open their links at once.
 * The mail (confirmed with the calendar file, or waiting) goes after the commit.
 */
export async function confirmRegistration(strapi: Core.Strapi, token: string): Promise<LinkResult> {
  const tokenHash = hashToken(token);
  const found: RegistrationRow | null = await strapi.db
    .query(REGISTRATION_UID)
    .findOne({ where: { confirmTokenHash: tokenHash } });
  if (!found) return { outcome: 'expired', language: 'sl' };
  const taken = await withWorkshopLock(strapi, found.workshopDocumentId, () =>
    takePlace(strapi, found.id, tokenHash, new Date()),
  );
  // One place fewer on the workshop's page.
  if (taken.outcome === 'confirmed') await announceWorkshopChange(strapi, found.workshopDocumentId);
  if (taken.row && taken.workshop) {
    const kind = taken.outcome === 'confirmed' ? 'confirmed' : 'waiting';
    await trySendRegistrationMail(strapi, kind, taken.row, taken.workshop);
  }
  return { outcome: taken.outcome, language: found.language };
}
