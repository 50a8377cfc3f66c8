/**
 * The staff's side of workshop registrations (see docs/editors.md): the permissions
 * (permissions.ts), the admin API (admin-routes.ts) and a read-only Content Manager
 * (read-only-content-manager.ts). The admin page is src/admin/registrations/.
 */
import type { Core } from '@strapi/strapi';
import { registerRegistrationActions } from './permissions';
import { registerRegistrationAdminRoutes } from './admin-routes';
import { keepRegistrationsReadOnly } from './read-only-content-manager';

/** register(): before the admin's bootstrap, so the Super Admin gets the new actions. */
export async function registerRegistrationAdmin(strapi: Core.Strapi): Promise<void> {
  await registerRegistrationActions(strapi);
  registerRegistrationAdminRoutes(strapi);
  keepRegistrationsReadOnly(strapi);
}
