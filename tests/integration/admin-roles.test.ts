/**
 * The Editor role over the admin API: the demo editor logs in, creates and publishes an
 * article and uploads an image, and is refused everything that is not editing content: users,
 * roles, webhooks, API and transfer tokens, project, locale, media library and view settings.
 * The role's permissions are exactly the ones cms/src/bootstrap/editor-role.ts lists, and stay so
 * across restarts; in production any account with a public demo password stops Strapi at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '@koper-otok/content-types';
import { generateSecrets, startStrapi } from '../../scripts/lib/strapi.ts';
import { startTestCms, type TestCms } from '../helpers/cms';
import { DEMO_ADMIN, DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { adminSession, collection, type AdminSession } from '../helpers/admin-api';

// Our content types and the redirects staff manage.
const OUR_TYPES = ['article', 'workshop', 'region', 'partner', 'page', 'navigation', 'redirect'].map(
  (type) => `api::${type}.${type}`,
);
const CONTENT_ACTIONS = ['create', 'read', 'update', 'delete', 'publish'].map(
  (action) => `plugin::content-manager.explorer.${action}`,
);
const MEDIA_ACTIONS = [
  'plugin::upload.read',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];
// Revisions: see and restore, not delete (cms/src/revisions/permissions.ts).
const REVISION_ACTIONS = ['plugin::content-manager.revisions.read', 'plugin::content-manager.revisions.restore'];
// Workshop registrations: see, export and manage on their own page (cms/src/registration-admin/permissions.ts).
const REGISTRATION_ACTIONS = [
  'plugin::content-manager.registrations.read',
  'plugin::content-manager.registrations.manage',
];

let cms: TestCms;
let editor: AdminSession;
let superAdmin: AdminSession;
let editorRoleId: number;

interface AdminUser {
  id: number;
  email: string;
  preferedLanguage: string;
  roles: { code: string }[];
}

interface Permission {
  id: number;
  action: string;
  subject: string | null;
  properties: { fields?: string[]; locales?: string[] };
}

async function login(): Promise<void> {
  editor = await adminSession(cms.url, DEMO_EDITOR);
  superAdmin = await adminSession(cms.url, DEMO_ADMIN);
}

const editorPermissions = async (): Promise<Permission[]> =>
  (await superAdmin.request<{ data: Permission[] }>('GET', `/admin/roles/${editorRoleId}/permissions`)).body.data;

beforeAll(async () => {
  cms = await startTestCms();
  await login();
  const roles = (await superAdmin.request<{ data: { id: number; code: string }[] }>('GET', '/admin/roles')).body.data;
  const editorRole = roles.find((role) => role.code === 'strapi-editor');
  if (!editorRole) throw new Error('Strapi has no Editor role (strapi-editor)');
  editorRoleId = editorRole.id;
});
afterAll(async () => {
  await cms?.dispose();
});

describe('the demo editor', () => {
  it('is an Editor whose admin opens in Slovenian', async () => {
    const { status, body } = await editor.request<{ data: AdminUser }>('GET', '/admin/users/me');
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ email: DEMO_EDITOR.email, preferedLanguage: 'sl' });
    expect(body.data.roles.map((role) => role.code)).toEqual(['strapi-editor']);
  });

  it('creates and publishes an article, which the public API then serves', async () => {
    const published = await editor.request<{ data: { slug: string } }>(
      'POST',
      `${collection('article')}/actions/publish?locale=sl`,
      {
        title: 'Urednica objavlja novice v slovenskem vmesniku',
        excerpt: 'Zaposleni na zavodu novice, delavnice in partnerje zdaj urejajo v skrbniškem vmesniku v slovenščini.',
        publishedDate: '2017-07-10',
      },
    );
    expect(published.status).toBe(200);
    expect(published.body.data.slug).toBe('urednica-objavlja-novice-v-slovenskem-vmesniku');
    const { body } = await cms.graphql(
      '{ articles(locale: "sl", filters: { slug: { eq: "urednica-objavlja-novice-v-slovenskem-vmesniku" } }) { title } }',
    );
    expect(body.data.articles).toHaveLength(1);
  });

  it('edits, unpublishes and deletes content of all four types', async () => {
    for (const type of ['article', 'workshop', 'region', 'partner']) {
      expect((await editor.request('GET', `${collection(type)}?locale=en`)).status, type).toBe(200);
    }
    const { body } = await editor.request<{ results: { documentId: string }[] }>(
      'GET',
      `${collection('article')}?locale=sl&filters[slug][$eq]=urednica-objavlja-novice-v-slovenskem-vmesniku`,
    );
    const id = body.results[0].documentId;
    expect(
      (await editor.request('PUT', `${collection('article')}/${id}?locale=sl`, { title: 'Urednica ureja novice' }))
        .status,
    ).toBe(200);
    expect(
      (await editor.request('POST', `${collection('article')}/${id}/actions/unpublish?locale=sl`, {})).status,
    ).toBe(200);
    expect((await editor.request('DELETE', `${collection('article')}/${id}?locale=sl`)).status).toBe(200);
  });

  it('uploads an image to the media library and edits its alternative text', async () => {
    const upload = await editor.upload('mestno-jedro-koper.jpg', {
      alternativeText: 'Koprsko mestno jedro z zvonikom',
    });
    expect(upload.status).toBe(201);
    const image = upload.body[0];
    expect(image.alternativeText).toBe('Koprsko mestno jedro z zvonikom');
    expect(
      (
        await editor.request('PUT', `/upload/files/${image.id}`, {
          fileInfo: { alternativeText: 'Zvonik in Titov trg' },
        })
      ).status,
    ).toBe(200);
    expect((await editor.request('GET', '/upload/files')).status).toBe(200);
  });

  it.each([
    ['GET', '/admin/users'],
    ['POST', '/admin/users', { firstname: 'Nov', email: 'nov@koper-otok.si', roles: [1] }],
    ['GET', '/admin/roles'],
    ['POST', '/admin/roles', { name: 'Vsemogočni' }],
    ['PUT', '/admin/roles/:editor/permissions', { permissions: [{ action: 'admin::users.create' }] }],
    ['GET', '/admin/webhooks'],
    ['POST', '/admin/webhooks', { name: 'x', url: 'https://example.org/', events: ['entry.create'], headers: {} }],
    ['GET', '/admin/api-tokens'],
    ['POST', '/admin/api-tokens', { name: 'x', type: 'full-access', lifespan: null }],
    ['GET', '/admin/transfer/tokens'],
    ['POST', '/admin/project-settings', {}],
    ['POST', '/i18n/locales', { code: 'hr', name: 'Hrvatski' }],
    ['GET', '/upload/settings'],
    ['PUT', '/upload/settings', { sizeOptimization: false }],
    ['PUT', '/content-manager/content-types/api::article.article/configuration', {}],
    ['GET', '/content-type-builder/content-types'],
    ['GET', '/users-permissions/roles'],
    ['GET', '/content-manager/collection-types/plugin::users-permissions.user'],
  ])('is refused %s %s (403)', async (method, path, body?) => {
    const response = await editor.request(method, path.replace(':editor', String(editorRoleId)), body);
    expect(response.status).toBe(403);
  });
});

describe('the Editor role', () => {
  it('has exactly create, read, update, delete and publish on the four types and redirects, media library access, revisions and registrations', async () => {
    const permissions = await editorPermissions();
    const granted = permissions.map((permission) => `${permission.action} ${permission.subject ?? ''}`.trim()).sort();
    const expected = [
      ...CONTENT_ACTIONS.flatMap((action) => OUR_TYPES.map((uid) => `${action} ${uid}`)),
      ...MEDIA_ACTIONS,
      ...REVISION_ACTIONS,
      ...REGISTRATION_ACTIONS,
    ].sort();
    expect(granted).toEqual(expected);
  });

  it('covers every field and both site locales', async () => {
    const onContentTypes = (await editorPermissions()).filter((permission) =>
      OUR_TYPES.includes(permission.subject ?? ''),
    );
    expect(onContentTypes).toHaveLength(CONTENT_ACTIONS.length * OUR_TYPES.length);
    for (const permission of onContentTypes) {
      expect(permission.properties.locales, `${permission.action} ${permission.subject}`).toEqual([...LOCALES]);
    }
    const workshopFieldPermissions = onContentTypes.filter(
      (permission) =>
        /explorer\.(create|read|update)$/.test(permission.action) && permission.subject === 'api::workshop.workshop',
    );
    expect(workshopFieldPermissions).toHaveLength(3);
    for (const permission of workshopFieldPermissions) {
      expect(permission.properties.fields, permission.action).toEqual(
        expect.arrayContaining(['title', 'slug', 'startsAt', 'endsAt', 'region', 'registrationUrl', 'eventStatus']),
      );
    }
  });

  it('is restored to exactly that list at start, and untouched when nothing changed', async () => {
    const before = await editorPermissions();
    const extra = { action: 'admin::webhooks.read', subject: null, properties: {}, conditions: [] };
    const widened = await superAdmin.request('PUT', `/admin/roles/${editorRoleId}/permissions`, {
      permissions: [
        ...before.map(({ action, subject, properties }) => ({ action, subject, properties, conditions: [] })),
        extra,
      ],
    });
    expect(widened.status).toBe(200);
    expect((await editorPermissions()).map((permission) => permission.action)).toContain('admin::webhooks.read');

    await cms.restart();
    await login();
    const restored = await editorPermissions();
    expect(restored.map((permission) => permission.action)).not.toContain('admin::webhooks.read');
    const ids = restored.map((permission) => permission.id).sort();

    await cms.restart();
    await login();
    expect((await editorPermissions()).map((permission) => permission.id).sort()).toEqual(ids);
  });
});

describe('production', () => {
  it('refuses to start while any admin account opens with a public demo password, naming each, and starts once all are changed', async () => {
    // Not a demo login, but given the demo administrator's password: the guard checks every stored account.
    const other = await superAdmin.request<{ data: AdminUser }>('POST', '/admin/users', {
      firstname: 'Tajnica',
      email: 'tajnica@koper-otok.test',
      roles: [editorRoleId],
    });
    expect(other.status).toBe(201);
    expect(
      (await superAdmin.request('PUT', `/admin/users/${other.body.data.id}`, { password: DEMO_ADMIN.password })).status,
    ).toBe(200);
    await cms.stop();

    const production = {
      dataDir: cms.dataDir,
      env: { ...generateSecrets(), NODE_ENV: 'production' },
      startTimeoutMs: 90_000,
    };
    const refused = await startStrapi(production).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    const message = (refused as Error).message;
    expect(message).toContain(
      'Refusing to start: these admin accounts still open with a public demo password (cms/data/demo-admin.json): ' +
        `${DEMO_ADMIN.email} (the demo administrator password), ${DEMO_EDITOR.email} (the demo editor password), ` +
        'tajnica@koper-otok.test (the demo administrator password).',
    );
    expect(message).toContain('npx strapi admin:reset-user-password --email <e-mail>');

    await cms.restart();
    await login();
    const users = (await superAdmin.request<{ data: { results: AdminUser[] } }>('GET', '/admin/users?pageSize=100'))
      .body.data.results;
    expect(users).toHaveLength(3);
    // Its own password last: changing it may end the session the other changes use.
    const ownLast = users.sort((a, b) => Number(a.email === DEMO_ADMIN.email) - Number(b.email === DEMO_ADMIN.email));
    for (const user of ownLast) {
      const changed = await superAdmin.request('PUT', `/admin/users/${user.id}`, {
        password: `Dolgo-in-skrivno-geslo-${user.id}`,
      });
      expect(changed.status, user.email).toBe(200);
    }
    await cms.stop();

    const started = await startStrapi(production);
    await started.stop();
  });
});
