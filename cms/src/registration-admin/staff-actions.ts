/**
 * What staff do to one registration from the admin: cancel it (with the visitor's mail, and the
 * freed place going to the waiting list, exactly as when the visitor cancels) and move someone
 * from the waiting list by hand, even beyond capacity: staff may decide to add a chair.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { cancelRegistration } from '../registration/cancel';
import { cancelTokenOf, trySendRegistrationMail } from '../registration/mailer';
import { REGISTRATION_UID, type RegistrationRow } from '../registration/model';
import { publishedWorkshop } from '../registration/workshop';
import { withWorkshopLock } from '../registration/workshop-lock';
import { announceWorkshopChange } from '../registration/site-refresh';

export const ACTION_MESSAGES = {
  notFound: 'Te prijave na tej delavnici ni. / No such registration for this workshop.',
  notWaiting: 'Prijava ni na čakalni listi. / The registration is not on the waiting list.',
  alreadyCancelled: 'Prijava je že odjavljena. / The registration is already cancelled.',
  notCancelled: 'Prijave ni bilo mogoče odjaviti. / The registration could not be cancelled.',
} as const;

/** The registration after the action, and whether its mail went out. */
export interface StaffActionResult {
  registration: RegistrationRow;
  mailed: boolean;
}

async function registrationOf(strapi: Core.Strapi, workshopDocumentId: string, id: number): Promise<RegistrationRow> {
  const row: RegistrationRow | null = Number.isInteger(id)
    ? await strapi.db.query(REGISTRATION_UID).findOne({ where: { id, workshopDocumentId } })
    : null;
  if (!row) throw new errors.NotFoundError(ACTION_MESSAGES.notFound);
  return row;
}

/** Tells the visitor they have a place; false when the workshop is unpublished or the mail did not go out. */
async function mailMovedUp(strapi: Core.Strapi, row: RegistrationRow): Promise<boolean> {
  const workshop = await publishedWorkshop(strapi, row.workshopDocumentId);
  return workshop !== null && trySendRegistrationMail(strapi, 'moved-up', row, workshop);
}

/** Waiting -> confirmed under the workshop's lock, whatever the count; the visitor is mailed after the commit. */
export async function moveUpByHand(
  strapi: Core.Strapi,
  workshopDocumentId: string,
  id: number,
): Promise<StaffActionResult> {
  const moved = await withWorkshopLock(strapi, workshopDocumentId, async () => {
    const row = await registrationOf(strapi, workshopDocumentId, id);
    if (row.state !== 'waiting') throw new errors.ApplicationError(ACTION_MESSAGES.notWaiting);
    const updated: RegistrationRow = await strapi.db
      .query(REGISTRATION_UID)
      .update({ where: { id }, data: { state: 'confirmed', confirmedAt: new Date().toISOString() } });
    return updated;
  });
  await announceWorkshopChange(strapi, workshopDocumentId);
  return { registration: moved, mailed: await mailMovedUp(strapi, moved) };
}

/**
 * Cancels through the visitor's own cancel path (src/registration/cancel.ts) with the token of
 * the registration's cancel link, so the mail, the erasure rules and moving up the waiting list
 * are the same code whoever cancels.
 */
export async function cancelByStaff(
  strapi: Core.Strapi,
  workshopDocumentId: string,
  id: number,
): Promise<StaffActionResult> {
  const row = await registrationOf(strapi, workshopDocumentId, id);
  if (row.state === 'cancelled') throw new errors.ApplicationError(ACTION_MESSAGES.alreadyCancelled);
  const { outcome, mailed } = await cancelRegistration(strapi, cancelTokenOf(strapi, row), false);
  if (outcome !== 'cancelled') throw new errors.ApplicationError(ACTION_MESSAGES.notCancelled);
  return { registration: await registrationOf(strapi, workshopDocumentId, id), mailed };
}
