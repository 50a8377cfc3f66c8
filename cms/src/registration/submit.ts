import type { Core } from '@strapi/strapi';
import type { RegistrationOutcome } from '@koper-otok/content-types';
import { REGISTRATION_UID, type RegistrationRow } from './model';
import { CONFIRM_HOURS, canSendMail, cancelTokenOf, trySendRegistrationMail } from './mailer';
import type { Submission } from './submission';
import { hashToken, newDocumentId, randomToken } from './tokens';
import { publishedWorkshop, takesRegistrations, type RegistrationWorkshop } from './workshop';

const HOUR_MS = 60 * 60 * 1000;

/** A new round of a registration: pending, a fresh confirmation link, the consent as given now. */
function pendingRound(submission: Submission, confirmToken: string, now: Date) {
  const { workshop: _workshop, ...details } = submission;
  return {
    ...details,
    state: 'pending' as const,
    consentAt: now.toISOString(),
    confirmTokenHash: hashToken(confirmToken),
    confirmBy: new Date(now.getTime() + CONFIRM_HOURS * HOUR_MS).toISOString(),
    confirmedAt: null,
    waitingSince: null,
    cancelledAt: null,
  };
}

/** One submitted form on its way: the workshop it is for, at the time it arrived. */
interface SubmissionContext {
  strapi: Core.Strapi;
  submission: Submission;
  workshop: RegistrationWorkshop;
  now: Date;
}

/**
 * Writes the registration as pending (new, a pending one again with a fresh link, or a cancelled
 * one starting over) and mails the confirmation link. If the mail cannot be sent, a row this
 * submission created is removed again and the visitor is told to try later.
 */
async function startRound(
  { strapi, submission, workshop, now }: SubmissionContext,
  existing: RegistrationRow | null,
): Promise<RegistrationOutcome> {
  const registrations = strapi.db.query(REGISTRATION_UID);
  const confirmToken = randomToken();
  const round = pendingRound(submission, confirmToken, now);
  const written: RegistrationRow = existing
    ? await registrations.update({ where: { id: existing.id }, data: round })
    : await registrations.create({
        data: { ...round, documentId: newDocumentId(), workshopDocumentId: submission.workshop },
      });
  const row: RegistrationRow = await registrations.update({
    where: { id: written.id },
    data: { cancelTokenHash: hashToken(cancelTokenOf(strapi, written)) },
  });
  if (await trySendRegistrationMail(strapi, 'confirm-request', row, workshop, confirmToken)) return 'sent';
  if (!existing) await registrations.delete({ where: { id: row.id } });
  return 'unavailable';
}

const findRegistration = (strapi: Core.Strapi, submission: Submission): Promise<RegistrationRow | null> =>
  strapi.db
    .query(REGISTRATION_UID)
    .findOne({ where: { workshopDocumentId: submission.workshop, email: submission.email } });

/** The next step for an address that may have registered before: a status mail, or a new round. */
async function continueRegistration(
  context: SubmissionContext,
  existing: RegistrationRow | null,
): Promise<RegistrationOutcome> {
  if (existing?.state === 'confirmed' || existing?.state === 'waiting') {
    const mailed = await trySendRegistrationMail(context.strapi, existing.state, existing, context.workshop);
    return mailed ? 'sent' : 'unavailable';
  }
  return startRound(context, existing);
}

/**
 * A submitted form: refused when the workshop takes no registrations or mail cannot be sent.
 * The same address for the same workshop is one registration: someone confirmed or waiting is
 * told by mail where they stand (the answer on the page is the same "sent" for everyone, so it
 * reveals nothing about who registered).
 */
export async function submitRegistration(strapi: Core.Strapi, submission: Submission): Promise<RegistrationOutcome> {
  const now = new Date();
  const workshop = await publishedWorkshop(strapi, submission.workshop);
  if (!takesRegistrations(workshop, now)) return 'closed';
  if (!canSendMail(strapi)) return 'unavailable';
  const context: SubmissionContext = { strapi, submission, workshop, now };
  const existing = await findRegistration(strapi, submission);
  try {
    return await continueRegistration(context, existing);
  } catch (error) {
    // The same form sent twice at once: the unique index let one row in; continue with that one.
    const created = existing ? null : await findRegistration(strapi, submission);
    if (!created) throw error;
    return continueRegistration(context, created);
  }
}
