/**
 * The admin permissions of revisions, real Strapi actions so they show in Settings › Roles
 * (Plugins › Content Manager, "revisions"): see and restore (the Editor role has both), and
 * delete (the Super Admin only, unless an administrator grants it to another role).
 */
import type { Core } from '@strapi/strapi';

export const REVISION_ACTIONS = {
  read: 'plugin::content-manager.revisions.read',
  restore: 'plugin::content-manager.revisions.restore',
  delete: 'plugin::content-manager.revisions.delete',
} as const;

/** What the Editor role gets (cms/src/bootstrap/editor-role.ts). */
export const EDITOR_REVISION_ACTIONS: string[] = [REVISION_ACTIONS.read, REVISION_ACTIONS.restore];

const DISPLAY_NAMES: Record<keyof typeof REVISION_ACTIONS, string> = {
  read: 'Ogled različic / See versions',
  restore: 'Obnova različice kot osnutka / Restore a version as draft',
  delete: 'Brisanje zgodovine / Delete history',
};

/** Before the admin's bootstrap, which gives the Super Admin every registered action. */
export async function registerRevisionActions(strapi: Core.Strapi): Promise<void> {
  await strapi.service('admin::permission').actionProvider.registerMany(
    Object.entries(DISPLAY_NAMES).map(([uid, displayName]) => ({
      section: 'plugins',
      pluginName: 'content-manager',
      subCategory: 'revisions',
      uid: `revisions.${uid}`,
      displayName,
    })),
  );
}
