/**
 * Scheduled publishing in the admin: the main-menu page and the edit view's side panel
 * (SchedulePanel), both installed by ../app.tsx.
 */
import { Clock } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { messages } from './messages';
export { SchedulePanel } from './SchedulePanel';

export const SCHEDULED_PAGE_PATH = 'scheduled-publishing';

/** register(): the menu link (every admin; the server lists only what each may read). */
export function registerScheduling(app: StrapiApp): void {
  app.addMenuLink({
    to: SCHEDULED_PAGE_PATH,
    icon: Clock,
    intlLabel: messages.menu,
    permissions: [],
    Component: () => import('./ScheduledActionsPage'),
  });
}
