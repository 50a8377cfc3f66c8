import type { Core } from '@strapi/strapi';

// Public on purpose: it is the local demo's login, printed at start and in README.
// production-guard.ts refuses to start with it when NODE_ENV=production.
export const DEMO_ADMIN_EMAIL = 'admin@koper-otok.si';
export const DEMO_ADMIN_PASSWORD = 'KoperOtok-demo-2017';

/** Creates the first super admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists yet. */
export async function ensureAdminUser(strapi: Core.Strapi): Promise<void> {
  const users = strapi.service('admin::user');
  if ((await users.count()) > 0) return;

  const email = process.env.ADMIN_EMAIL || DEMO_ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD || DEMO_ADMIN_PASSWORD;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({
    email,
    password,
    firstname: 'Uredništvo',
    lastname: 'Koper Otok',
    isActive: true,
    registrationToken: null,
    roles: superAdmin ? [superAdmin.id] : [],
  });
  strapi.log.info(`Admin: created the first administrator ${email}`);
}
