import type { Core } from '@strapi/strapi';
import type { Locale } from '@koper-otok/content-types';
import { composeMail, type MailKind } from './mail-texts';
import { registrationLinks } from './links';
import { cancelToken } from './tokens';
import { workshopText, type RegistrationWorkshop } from './workshop';
import { workshopCalendarFile } from './calendar';
import type { RegistrationRow } from './model';

/** How long a confirmation link is valid. */
export const CONFIRM_HOURS = 48;

/** Whether registration mails can go out: only through SMTP (config/plugins.ts), never the sendmail fallback. */
export const canSendMail = (strapi: Core.Strapi): boolean =>
  strapi.config.get('plugin::email.provider') === 'nodemailer';

/** The key cancel links are derived from: the server's first app key, the same in every instance. */
const linkKey = (strapi: Core.Strapi): string => String((strapi.config.get('server.app.keys') as string[])[0]);

/** The cancel token of the registration's current round (its consent time marks the round). */
export const cancelTokenOf = (strapi: Core.Strapi, registration: Pick<RegistrationRow, 'documentId' | 'consentAt'>) =>
  cancelToken(linkKey(strapi), registration.documentId, new Date(registration.consentAt ?? 0).toISOString());

/** The workshop's start as the visitor reads it, in Ljubljana's time. */
export const formatWhen = (startsAt: string | null, language: Locale) =>
  startsAt
    ? new Intl.DateTimeFormat(language === 'sl' ? 'sl-SI' : 'en-GB', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/Ljubljana',
      }).format(new Date(startsAt))
    : null;

/** Mails with a place in them carry the workshop's calendar event. */
const WITH_CALENDAR: ReadonlySet<MailKind> = new Set(['confirmed', 'moved-up']);

/** A registration mail to the registration's address, in its language; throws when sending fails. */
export async function sendRegistrationMail(
  strapi: Core.Strapi,
  kind: MailKind,
  registration: Pick<RegistrationRow, 'documentId' | 'consentAt' | 'language' | 'name' | 'email'>,
  workshop: RegistrationWorkshop,
  confirmToken?: string,
): Promise<void> {
  const links = registrationLinks(strapi);
  const { language } = registration;
  const text = workshopText(workshop, language);
  const mail = composeMail({
    kind,
    language,
    name: registration.name ?? '',
    workshopTitle: text.title,
    when: formatWhen(workshop.startsAt, language),
    where: [text.venueName, workshop.venueAddress, text.city].filter(Boolean).join(', ') || null,
    workshopUrl: links.workshopPage(language, text.slug),
    cancelUrl: links.cancel(cancelTokenOf(strapi, registration)),
    confirmUrl: confirmToken ? links.confirm(confirmToken) : undefined,
    confirmHours: CONFIRM_HOURS,
  });
  const calendar = WITH_CALENDAR.has(kind) ? workshopCalendarFile(strapi, workshop, language) : null;
  await strapi
    .plugin('email')
    .service('email')
    .send({
      to: registration.email!,
      ...mail,
      ...(calendar ? { attachments: [calendar] } : {}),
    });
}

/**
 * Sends a registration mail for callers whose change stands without it, and answers whether it
 * went out: without SMTP, without an address (erased data) or on a failure it did not, and a
 * failure is logged with the mail's kind.
 */
export async function trySendRegistrationMail(...args: Parameters<typeof sendRegistrationMail>): Promise<boolean> {
  const [strapi, kind, registration] = args;
  if (!canSendMail(strapi) || !registration.email) return false;
  try {
    await sendRegistrationMail(...args);
    return true;
  } catch (error) {
    strapi.log.error(`Registration: the ${kind} mail could not be sent: ${(error as Error).message}`);
    return false;
  }
}
