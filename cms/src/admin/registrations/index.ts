/** Workshop registrations in the admin: the main-menu page, installed by ../app.tsx. */
import { User } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { menuLabel } from './messages';

export const REGISTRATIONS_PAGE_PATH = 'workshop-registrations';

/** register(): the menu link, shown to staff whose role may see registrations. */
export function registerRegistrations(app: StrapiApp): void {
  app.addMenuLink({
    to: REGISTRATIONS_PAGE_PATH,
    icon: User,
    intlLabel: menuLabel,
    permissions: [{ action: 'plugin::content-manager.registrations.read', subject: null }],
    Component: () => import('./RegistrationsPage'),
  });
}
