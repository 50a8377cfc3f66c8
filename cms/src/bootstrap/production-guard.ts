import type { Core } from '@strapi/strapi';
import { DEMO_ADMIN_PASSWORD } from './admin-user';

/**
 * In production (NODE_ENV=production) refuse to start with the demo admin password:
 * a clear error at start beats a public admin with a password printed in README.
 */
export function assertProductionSecrets(strapi: Core.Strapi): void {
  if (process.env.NODE_ENV !== 'production') return;
  const password = process.env.ADMIN_PASSWORD;
  if (password === DEMO_ADMIN_PASSWORD) {
    throw new Error(
      'Refusing to start: ADMIN_PASSWORD is the public demo password. ' +
        'Set a strong ADMIN_PASSWORD (or unset it after the first admin exists) for production.',
    );
  }
  strapi.log.info('Production guard: demo credentials are not in use.');
}
