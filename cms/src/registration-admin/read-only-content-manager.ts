/**
 * Registrations are changed only by their own code (the visitor's links, the staff's page), which
 * writes through the query engine under the workshop's lock and sends the mails. The Content
 * Manager writes through the Document Service, which would skip all that (a place freed without
 * the waiting list moving up, a confirmation without a mail), so there the type is read-only for
 * everyone, the Super Admin included.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { REGISTRATION_UID } from '../registration/model';

export const READ_ONLY_MESSAGE =
  'Prijav tu ni mogoče spreminjati: uporabite stran Prijave na delavnice. / Registrations cannot be changed here: use the Workshop registrations page.';

const READS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/** register(): a Document Service middleware that refuses every write of a registration. */
export function keepRegistrationsReadOnly(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid === REGISTRATION_UID && !READS.has(context.action)) throw new errors.PolicyError(READ_ONLY_MESSAGE); // 403 with its message (see permissions.ts)
    return next();
  });
}
