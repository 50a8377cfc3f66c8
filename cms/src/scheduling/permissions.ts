/**
 * Who may do what with scheduled actions: exactly who may do the same by hand. Scheduling or
 * cancelling a publication of an entry needs the Content Manager's publish permission on its
 * type in that language (the Editor role has it for our four types in both languages); seeing a
 * scheduled action needs the read permission on it.
 */
import type { Core } from '@strapi/strapi';

const READ = 'plugin::content-manager.explorer.read';
const PUBLISH = 'plugin::content-manager.explorer.publish';

/** The admin user's ability as Strapi's admin authentication leaves it in ctx.state. */
export interface UserAbility {
  can(action: string, subject: unknown): boolean;
}

function allows(strapi: Core.Strapi, ability: UserAbility, action: string, contentType: string, locale: string) {
  const manager = strapi.service('admin::permission').createPermissionsManager({ ability, model: contentType });
  // Locale permissions are conditions on the entry's locale, so the subject carries one.
  return ability.can(action, manager.toSubject({ locale }, contentType));
}

export const canPublish = (strapi: Core.Strapi, ability: UserAbility, contentType: string, locale: string) =>
  allows(strapi, ability, PUBLISH, contentType, locale);

export const canRead = (strapi: Core.Strapi, ability: UserAbility, contentType: string, locale: string) =>
  allows(strapi, ability, READ, contentType, locale);
