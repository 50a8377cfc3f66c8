import type { Core } from '@strapi/strapi';
import { demoAdmin } from './admin-user';
import { assertNoDemoEditorLogin } from './demo-editor';

/**
 * In production (NODE_ENV=production) refuse to start with the demo admin password, or
 * without one while no administrator exists yet, or while the demo editor account still opens
 * with its demo password: a clear error at start beats a public admin whose password is
 * printed in README.
 */
export async function assertProductionSecrets(strapi: Core.Strapi): Promise<void> {
  if (process.env.NODE_ENV !== 'production') return;
  const password = process.env.ADMIN_PASSWORD;
  if (password && password === demoAdmin(strapi).password) {
    throw new Error(
      'Refusing to start: ADMIN_PASSWORD is the public demo password. Set a strong ADMIN_PASSWORD for production.',
    );
  }
  const admins = await strapi.service('admin::user').count();
  if (admins === 0 && !password) {
    throw new Error('Refusing to start: no administrator exists and ADMIN_EMAIL / ADMIN_PASSWORD are not set.');
  }
  await assertNoDemoEditorLogin(strapi);
}
