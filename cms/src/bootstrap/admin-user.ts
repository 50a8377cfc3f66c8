import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

/** The local demo's public login (cms/data/demo-admin.json), also read by scripts/start.ts. */
export function demoAdmin(strapi: Core.Strapi): { email: string; password: string } {
  return JSON.parse(readFileSync(path.join(strapi.dirs.app.root, 'data', 'demo-admin.json'), 'utf8'));
}

/** Creates the first super admin from ADMIN_EMAIL / ADMIN_PASSWORD (or the demo login) when none exists. */
export async function ensureAdminUser(strapi: Core.Strapi): Promise<void> {
  const users = strapi.service('admin::user');
  if ((await users.count()) > 0) return;

  const demo = demoAdmin(strapi);
  const email = process.env.ADMIN_EMAIL || demo.email;
  const password = process.env.ADMIN_PASSWORD || demo.password;
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
