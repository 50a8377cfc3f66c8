import type { Core } from '@strapi/strapi';
import { registrationClosedReason } from '@koper-otok/content-types';
import { ERASED_PERSONAL_DATA, REGISTRATION_UID, type RegistrationRow } from './model';
import type { LinkResult } from './confirm';
import { trySendRegistrationMail } from './mailer';
import { countPlaces } from './places';
import { hashToken } from './tokens';
import { publishedWorkshop, type RegistrationWorkshop } from './workshop';
import { withWorkshopLock } from './workshop-lock';
import { announceWorkshopChange } from './site-refresh';

interface Cancelled {
  /** The registration as it was before any erasure, for the last mail; absent when nothing changed. */
  before?: RegistrationRow;
  promoted: RegistrationRow[];
  workshop: RegistrationWorkshop | null;
  erased: boolean;
}

/**
 * The workshop still to come, so a freed place is worth giving to the waiting list: by the rule
 * sign-ups follow, except that an undated one counts too (its date is still to be set).
 */
const stillAhead = (workshop: RegistrationWorkshop | null, now: Date): workshop is RegistrationWorkshop =>
  workshop !== null && [null, 'unscheduled'].includes(registrationClosedReason(workshop, now));

/** Under the workshop's lock: the first on the waiting list take the places that are free, in order. */
async function moveUpWaiting(
  strapi: Core.Strapi,
  workshop: RegistrationWorkshop,
  now: Date,
): Promise<RegistrationRow[]> {
  const registrations = strapi.db.query(REGISTRATION_UID);
  const { confirmed } = await countPlaces(strapi, workshop.documentId);
  const free = workshop.capacity === null ? Number.MAX_SAFE_INTEGER : workshop.capacity - confirmed;
  if (free <= 0) return [];
  const first: RegistrationRow[] = await registrations.findMany({
    where: { workshopDocumentId: workshop.documentId, state: 'waiting' },
    orderBy: [{ waitingSince: 'asc' }, { id: 'asc' }],
    limit: Math.min(free, 1000),
  });
  return Promise.all(
    first.map((row) =>
      registrations.update({ where: { id: row.id }, data: { state: 'confirmed', confirmedAt: now.toISOString() } }),
    ),
  );
}

async function cancelUnderLock(strapi: Core.Strapi, id: number, tokenHash: string, erase: boolean): Promise<Cancelled> {
  const now = new Date();
  const registrations = strapi.db.query(REGISTRATION_UID);
  const row: RegistrationRow | null = await registrations.findOne({ where: { id } });
  const workshop = row ? await publishedWorkshop(strapi, row.workshopDocumentId) : null;
  if (!row || row.cancelTokenHash !== tokenHash) return { promoted: [], workshop, erased: false };
  // Cancelled before: the same link may still erase the data.
  if (row.state === 'cancelled') {
    if (erase)
      await registrations.update({ where: { id }, data: { ...ERASED_PERSONAL_DATA, anonymisedAt: now.toISOString() } });
    return { promoted: [], workshop, erased: erase };
  }
  await registrations.update({
    where: { id },
    data: {
      state: 'cancelled',
      cancelledAt: now.toISOString(),
      ...(erase ? { ...ERASED_PERSONAL_DATA, anonymisedAt: now.toISOString() } : {}),
    },
  });
  const promoted =
    row.state === 'confirmed' && stillAhead(workshop, now) ? await moveUpWaiting(strapi, workshop, now) : [];
  return { before: row, promoted, workshop, erased: erase };
}

/**
 * Mails after the commit: the cancelled one is told, and so is each one who moved up. Resolves
 * to whether the cancelled one was told, which staff see after cancelling from the admin.
 */
async function mailCancellation(strapi: Core.Strapi, { workshop, before, promoted }: Cancelled): Promise<boolean> {
  if (!workshop) return false;
  const told = before ? await trySendRegistrationMail(strapi, 'cancelled', before, workshop) : false;
  for (const row of promoted) await trySendRegistrationMail(strapi, 'moved-up', row, workshop);
  return told;
}

/** A cancellation's outcome page, and whether the cancelled one was mailed about it. */
export interface CancelResult extends LinkResult {
  mailed: boolean;
}

/**
 * The cancel form: the registration is cancelled (and its personal data erased when asked) and
 * the place it held goes to the first on the waiting list, in the same transaction.
 */
export async function cancelRegistration(strapi: Core.Strapi, token: string, erase: boolean): Promise<CancelResult> {
  const tokenHash = hashToken(token);
  const found: RegistrationRow | null = await strapi.db
    .query(REGISTRATION_UID)
    .findOne({ where: { cancelTokenHash: tokenHash } });
  if (!found || (found.state === 'cancelled' && !erase))
    return { outcome: 'expired', language: found?.language ?? 'sl', mailed: false };
  const result = await withWorkshopLock(strapi, found.workshopDocumentId, () =>
    cancelUnderLock(strapi, found.id, tokenHash, erase),
  );
  // A freed place shows on the workshop's page, unless the waiting list took it.
  if (result.before?.state === 'confirmed' && result.promoted.length === 0)
    await announceWorkshopChange(strapi, found.workshopDocumentId);
  const mailed = await mailCancellation(strapi, result);
  const outcome = result.erased ? 'deleted' : result.before ? 'cancelled' : 'expired';
  return { outcome, language: found.language, mailed };
}
