import type { Core } from '@strapi/strapi';
import { apiContentTypeUids } from './content-types';

const PUBLIC_ACTIONS = ['find', 'findOne'];

/**
 * The Public role may read our four content types and nothing else: exactly find/findOne
 * on each api:: type. Any other api:: permission found on the role (a create granted by hand
 * in the admin, say) is removed, so the public surface is what this file says. Idempotent.
 */
export async function grantPublicRead(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions: the Public role is missing');

  const wanted = new Set(apiContentTypeUids(strapi).flatMap((uid) => PUBLIC_ACTIONS.map((a) => `${uid}.${a}`)));
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const existing = await permissions.findMany({ where: { role: role.id } });

  for (const permission of existing) {
    if (permission.action.startsWith('api::') && !wanted.has(permission.action)) {
      await permissions.delete({ where: { id: permission.id } });
      strapi.log.warn(`Public role: removed unexpected permission ${permission.action}`);
    }
  }
  const present = new Set(existing.map((p: { action: string }) => p.action));
  for (const action of wanted) {
    if (!present.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
}
