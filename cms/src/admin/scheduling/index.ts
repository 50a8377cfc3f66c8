/**
 * Scheduled publishing in the admin: the main-menu page and the edit view's side panel.
 * Called from ../app.tsx.
 */
import { Clock } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { messages } from './messages';
import { SchedulePanel } from './SchedulePanel';

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

interface SidePanels {
  addEditViewSidePanel(panels: PanelComponent[]): void;
}

// Strapi types a plugin's apis as unknown values; the Content Manager's has this function.
const hasSidePanels = (apis: Record<string, unknown>): apis is Record<string, unknown> & SidePanels =>
  typeof apis.addEditViewSidePanel === 'function';

/** bootstrap(): the side panel, once the Content Manager has registered. */
export function bootstrapScheduling(app: StrapiApp): void {
  const { apis } = app.getPlugin('content-manager');
  if (!hasSidePanels(apis)) throw new Error('The Content Manager no longer offers addEditViewSidePanel');
  apis.addEditViewSidePanel([SchedulePanel]);
}
