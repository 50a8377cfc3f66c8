/**
 * Abuse protection of the public registration form (docs/security.md): proof of work or, without
 * JavaScript, proof of time; a honeypot; size limits; rate limits per client and e-mail address
 * shared by every instance through the database. The guard runs as the route middleware
 * api::registration.submission-guard; this registers its tables and checks its secret.
 */
import type { Core } from '@strapi/strapi';
import { registrationAttemptModel, registrationUsedProofModel } from './model';
import { readGuardSettings } from './settings';

/** register(): the guard's tables. */
export function registerRegistrationGuard(strapi: Core.Strapi): void {
  strapi.get('models').add(registrationAttemptModel);
  strapi.get('models').add(registrationUsedProofModel);
}

/**
 * bootstrap(): a wrong setting stops the start with its variable's name. Without
 * REGISTRATION_SECRET production refuses to start; elsewhere the form answers "unavailable".
 */
export function checkRegistrationGuardSettings(strapi: Core.Strapi): void {
  const { secret } = readGuardSettings(strapi);
  if (secret) return;
  if (process.env.NODE_ENV === 'production') throw new Error('REGISTRATION_SECRET is required in production');
  strapi.log.warn('REGISTRATION_SECRET is not set: the registration form answers "unavailable"');
}
