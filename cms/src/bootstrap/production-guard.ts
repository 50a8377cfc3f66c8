import type { Core } from '@strapi/strapi';
import { demoAdmin } from './admin-user';
import { demoEditor } from './demo-editor';

/**
 * In production (NODE_ENV=production) Strapi refuses to start while any admin account (super
 * admin or editor) opens with a password published in cms/data/demo-admin.json, or while the
 * environment would create one: a clear error at start beats a public admin whose password is
 * printed in README. Two steps, since the environment must be checked before the first
 * administrator is created from it, and the stored accounts once every account exists.
 */

const isProduction = () => process.env.NODE_ENV === 'production';

/** The public demo passwords, each with a name for the error message. */
function demoPasswords(strapi: Core.Strapi): { name: string; password: string }[] {
  return [
    { name: 'the demo administrator password', password: demoAdmin(strapi).password },
    { name: 'the demo editor password', password: demoEditor(strapi).password },
  ];
}

/** Before any account exists: ADMIN_PASSWORD must not be a demo password, and some administrator must come from somewhere. */
export async function assertProductionEnvironment(strapi: Core.Strapi): Promise<void> {
  if (!isProduction()) return;
  const password = process.env.ADMIN_PASSWORD;
  const demo = demoPasswords(strapi).find((candidate) => candidate.password === password);
  if (demo) {
    throw new Error(
      `Refusing to start: ADMIN_PASSWORD is ${demo.name}, which is public. Set a strong ADMIN_PASSWORD for production.`,
    );
  }
  const admins = await strapi.service('admin::user').count();
  if (admins === 0 && !password) {
    throw new Error('Refusing to start: no administrator exists and ADMIN_EMAIL / ADMIN_PASSWORD are not set.');
  }
}

// Strapi's admin:* commands (admin:reset-user-password...) load the app too; they are how an
// operator repairs such an account, so the stored-account check must not lock them out.
const isAdminAccountCommand = () => process.argv.slice(2).some((arg) => arg.startsWith('admin:'));

/** The accounts (e-mail and which demo password) that still open with a demo password. */
export async function accountsWithDemoPasswords(strapi: Core.Strapi): Promise<string[]> {
  const demos = demoPasswords(strapi);
  const auth = strapi.service('admin::auth');
  const users: { email: string; password: string | null }[] = await strapi.db
    .query('admin::user')
    .findMany({ select: ['email', 'password'], orderBy: { id: 'asc' } });
  const found: string[] = [];
  for (const user of users) {
    if (!user.password) continue; // invited, never registered: no login yet
    for (const demo of demos) {
      // Strapi's own check (bcrypt), the one its login uses.
      if (await auth.validatePassword(demo.password, user.password)) {
        found.push(`${user.email} (${demo.name})`);
        break;
      }
    }
  }
  return found;
}

/** After every account exists and before anything is served: no stored account opens with a demo password. */
export async function assertNoDemoPasswordAccounts(strapi: Core.Strapi): Promise<void> {
  if (!isProduction() || isAdminAccountCommand()) return;
  const accounts = await accountsWithDemoPasswords(strapi);
  if (accounts.length === 0) return;
  throw new Error(
    `Refusing to start: these admin accounts still open with a public demo password (cms/data/demo-admin.json): ${accounts.join(', ')}. ` +
      'Give each a strong password, e.g. in cms/ with the production settings: ' +
      '`NODE_ENV=production npx strapi admin:reset-user-password --email <e-mail> --password <new password>`, ' +
      'or delete the account; then start again.',
  );
}
