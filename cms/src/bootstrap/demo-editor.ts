import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { EDITOR_ROLE_CODE } from './editor-role';

/**
 * The local demo's editor account (cms/data/demo-admin.json → editor), so staff can try the
 * admin as an editor sees it, in Slovenian. Created only outside production, with the demo
 * content, when it does not exist yet. In production the guard (production-guard.ts) refuses to
 * start while any account still opens with a public demo password.
 */
interface Login {
  email: string;
  password: string;
}

export const demoEditor = (strapi: Core.Strapi): Login =>
  JSON.parse(readFileSync(path.join(strapi.dirs.app.root, 'data', 'demo-admin.json'), 'utf8')).editor;

// Same switch as the demo content (seed-demo.ts): on by default outside production.
const demoEnabled = () =>
  (process.env.SEED_DEMO ?? (process.env.NODE_ENV === 'production' ? 'false' : 'true')) === 'true';

export async function ensureDemoEditor(strapi: Core.Strapi): Promise<void> {
  if (process.env.NODE_ENV === 'production' || !demoEnabled()) return;
  const { email, password } = demoEditor(strapi);
  const users = strapi.service('admin::user');
  if (await users.exists({ email })) return;
  const role = await strapi.service('admin::role').findOne({ code: EDITOR_ROLE_CODE });
  await users.create({
    email,
    password,
    firstname: 'Urednica',
    lastname: 'Demo',
    isActive: true,
    registrationToken: null,
    // The admin switches to this interface language at login.
    preferedLanguage: 'sl',
    roles: [role.id],
  });
  strapi.log.info(`Admin: created the demo editor ${email}`);
}
