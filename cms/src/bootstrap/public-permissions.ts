import type { Core } from '@strapi/strapi';
import { siteContentTypeUids } from './content-types';

// A single type (the navigation) has one entry per locale, so only `find`.
const PUBLIC_ACTIONS = { collectionType: ['find', 'findOne'], singleType: ['find'] } as const;

/**
 * The Public role may read our content types and nothing else: exactly find/findOne on each
 * api:: collection type, find on each single type. Any other permission found on the role is removed, so the public surface
 * is what this file says. That covers a create granted by hand in the admin, and the
 * users-permissions plugin's defaults for the Public role (register, forgot/reset password,
 * login, provider connect): the site has no visitor accounts, and out of the box anyone could
 * create a user with POST /api/auth/local/register. (The plugin's GraphQL account mutations skip
 * these permissions; graphql-accounts.ts refuses them.) Idempotent.
 */
export async function grantPublicRead(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions: the Public role is missing');

  const wanted = new Set(
    siteContentTypeUids(strapi).flatMap((uid) => {
      const actions: readonly string[] =
        strapi.contentType(uid).kind === 'singleType' ? PUBLIC_ACTIONS.singleType : PUBLIC_ACTIONS.collectionType;
      return actions.map((a) => `${uid}.${a}`);
    }),
  );
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const existing = await permissions.findMany({ where: { role: role.id } });

  const unwanted = existing.filter((permission: { action: string }) => !wanted.has(permission.action));
  for (const permission of unwanted) await permissions.delete({ where: { id: permission.id } });
  if (unwanted.length > 0) {
    strapi.log.info(
      `Public role: removed ${unwanted.length} permission(s): ${unwanted.map((p: { action: string }) => p.action).join(', ')}`,
    );
  }
  const present = new Set(existing.map((p: { action: string }) => p.action));
  for (const action of wanted) {
    if (!present.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
}
