/**
 * The admin permissions of workshop registrations: real Strapi actions, so they show in
 * Settings › Roles (Plugins › Content Manager, "registrations") and an administrator grants them
 * per role. Reading covers the list and the CSV export (personal data); managing covers moving
 * up, cancelling and closing registration. The Editor role has both (cms/src/bootstrap/editor-role.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export const REGISTRATION_ACTIONS = {
  read: 'plugin::content-manager.registrations.read',
  manage: 'plugin::content-manager.registrations.manage',
} as const;

/** What the Editor role gets: staff who run the workshops see and manage their registrations. */
export const EDITOR_REGISTRATION_ACTIONS: string[] = Object.values(REGISTRATION_ACTIONS);

const DISPLAY_NAMES: Record<keyof typeof REGISTRATION_ACTIONS, string> = {
  read: 'Ogled in izvoz prijav na delavnice / See and export workshop registrations',
  manage: 'Upravljanje prijav na delavnice / Manage workshop registrations',
};

export const PERMISSION_MESSAGES = {
  read: 'Prijav na delavnice ne smete videti. / You may not see workshop registrations.',
  manage: 'Prijav na delavnice ne smete upravljati. / You may not manage workshop registrations.',
} as const;

/** The admin user's ability as Strapi's admin authentication leaves it in ctx.state. */
export interface RegistrationAbility {
  can(action: string, subject?: unknown): boolean;
}

/** Before the admin's bootstrap, which gives the Super Admin every registered action. */
export async function registerRegistrationActions(strapi: Core.Strapi): Promise<void> {
  await strapi.service('admin::permission').actionProvider.registerMany(
    Object.entries(DISPLAY_NAMES).map(([uid, displayName]) => ({
      section: 'plugins',
      pluginName: 'content-manager',
      subCategory: 'registrations',
      uid: `registrations.${uid}`,
      displayName,
    })),
  );
}

/**
 * Throws 403 unless the user's roles grant the action. A PolicyError, because Strapi replaces the
 * message of any other Forbidden error with "Forbidden", and staff should read why.
 */
export function requireRegistrationPermission(
  ability: RegistrationAbility,
  permission: keyof typeof REGISTRATION_ACTIONS,
): void {
  if (!ability.can(REGISTRATION_ACTIONS[permission])) throw new errors.PolicyError(PERMISSION_MESSAGES[permission]);
}
