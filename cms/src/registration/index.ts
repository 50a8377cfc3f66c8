import type { Core } from '@strapi/strapi';
import { canSendMail } from './mailer';

/** bootstrap(): says plainly at start when registration mails cannot go out. */
export function reportRegistrationMail(strapi: Core.Strapi): void {
  if (canSendMail(strapi)) return;
  strapi.log.warn(
    'Workshop registrations: SMTP_HOST is not set, so registration mails cannot be sent and every sign-up ' +
      'is answered "unavailable" (docs/operations.md, registration mails).',
  );
}
