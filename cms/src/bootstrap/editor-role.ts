import type { Core } from '@strapi/strapi';
import { LOCALES } from '@koper-otok/content-types';
import { siteContentTypeUids } from './content-types';
import { EDITOR_REVISION_ACTIONS } from '../revisions/permissions';
import { EDITOR_REGISTRATION_ACTIONS } from '../registration-admin/permissions';

/**
 * The Editor admin role, as the association's staff need it: create, read, update, delete and
 * publish our content types in both languages and the redirects, use the media library (browse,
 * upload, edit, download, copy links), see and restore earlier versions (not delete them), and
 * see, export and manage workshop registrations on their own page (not in the Content Manager).
 * Nothing else: no settings, roles, users, webhooks, API tokens, content-type builder, releases
 * or media library settings.
 *
 * Strapi creates the role on a fresh database with every content-manager permission (also on
 * plugin types); this step replaces its permissions with exactly the list below at every start.
 * assignPermissions changes only what differs, so a restart touches nothing. Idempotent.
 */
export const EDITOR_ROLE_CODE = 'strapi-editor';

const CONTENT_ACTIONS = ['create', 'read', 'update', 'delete', 'publish'].map(
  (action) => `plugin::content-manager.explorer.${action}`,
);

export const MEDIA_LIBRARY_ACTIONS = [
  'plugin::upload.read',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

interface Permission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}

/** Content permissions on our content types with every field (as Strapi builds them) in every site locale, plus the media library and revisions. */
export function editorPermissions(strapi: Core.Strapi): Permission[] {
  const { actionProvider } = strapi.service('admin::permission');
  const actions = CONTENT_ACTIONS.map((actionId) => actionProvider.get(actionId));
  const ourTypes = new Set<string>(siteContentTypeUids(strapi));
  const content = (strapi.service('admin::content-type').getPermissionsWithNestedFields(actions) as Permission[])
    .filter((permission) => ourTypes.has(permission.subject ?? ''))
    .map((permission) => ({ ...permission, properties: { ...permission.properties, locales: [...LOCALES] } }));
  const global = [...MEDIA_LIBRARY_ACTIONS, ...EDITOR_REVISION_ACTIONS, ...EDITOR_REGISTRATION_ACTIONS].map(
    (action) => ({
      action,
      subject: null,
      properties: {},
      conditions: [],
    }),
  );
  return [...content, ...global];
}

export async function ensureEditorRole(strapi: Core.Strapi): Promise<{ id: number }> {
  const roles = strapi.service('admin::role');
  const role =
    (await roles.findOne({ code: EDITOR_ROLE_CODE })) ??
    (await roles.create({
      name: 'Editor',
      code: EDITOR_ROLE_CODE,
      description:
        'Urednik: ureja in objavlja novice, delavnice, regije in partnerje ter nalaga slike. / Edits and publishes content, uploads media.',
    }));
  await roles.assignPermissions(role.id, editorPermissions(strapi));
  return role;
}
