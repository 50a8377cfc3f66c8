/**
 * What the public (and the site build's token) may do with a real Strapi over HTTP: read the
 * four published types, nothing else. Every write route of the content API, users, upload and
 * admin is tried and must be refused, every GraphQL mutation in the schema too (listed by
 * introspection, so a mutation added later is covered without editing this file); drafts stay
 * hidden; GraphQL abuse is refused clearly while the server stays responsive; private data
 * (admin accounts, tokens, passwords) never appears in a public answer; introspection is on in
 * development and off in production (decided in cms/config/plugins.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { startTestCms, type TestCms } from '../helpers/cms';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { loginAdmin } from '../../scripts/lib/strapi-admin.ts';

const TYPES = ['articles', 'workshops', 'regions', 'partners', 'pages'] as const;

/** An article of cms/data/demo-content.json, as far as these tests read it. */
interface DemoArticle {
  draft?: boolean;
  sl: { title: string };
  en: { title: string };
}

/** The Public role's permission tree: plugin > controller > action. */
type PermissionTree = Record<string, { controllers: Record<string, Record<string, { enabled: boolean }>> }>;

interface PublicRole {
  id: number;
  name: string;
  description: string;
  permissions: PermissionTree;
}

/** The parts of GraphQL introspection these tests ask for. */
interface TypeRef {
  kind: string;
  name: string | null;
  ofType?: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
}
interface SchemaType {
  kind: string;
  name: string;
  enumValues?: { name: string }[] | null;
  inputFields?: InputValue[] | null;
  fields?: { name: string; type: TypeRef; args: InputValue[] }[] | null;
}
const demo = JSON.parse(readFileSync(path.join(cmsDir, 'data', 'demo-content.json'), 'utf8'));
const draftTitles: string[] = (demo.articles as DemoArticle[])
  .filter((a) => a.draft)
  .flatMap((a) => [a.sl.title, a.en.title]);

let cms: TestCms;
let adminJwt: string;
let buildToken: string;
const refused = { rest: 0, graphql: 0 };

beforeAll(async () => {
  cms = await startTestCms();
  adminJwt = (await loginAdmin(cms.url, DEMO_ADMIN.email, DEMO_ADMIN.password)).token;
  buildToken = readFileSync(cms.tokenFile, 'utf8').trim();
});
afterAll(async () => {
  console.log(`api-permissions: ${refused.rest} REST writes and ${refused.graphql} GraphQL mutations refused`);
  await cms?.dispose();
});

/** How much content and how many accounts exist, read with the admin's rights. */
async function inventory() {
  const count = async (uid: string) =>
    (
      await cms.rest<{ pagination: { total: number } }>(
        'GET',
        `/content-manager/collection-types/${uid}?pageSize=1`,
        undefined,
        adminJwt,
      )
    ).body.pagination.total;
  return {
    articles: await count('api::article.article'),
    workshops: await count('api::workshop.workshop'),
    regions: await count('api::region.region'),
    partners: await count('api::partner.partner'),
    users: await count('plugin::users-permissions.user'),
    admins: (await cms.rest<{ data: { pagination: { total: number } } }>('GET', '/admin/users', undefined, adminJwt))
      .body.data.pagination.total,
    files: (await cms.rest<{ pagination: { total: number } }>('GET', '/upload/files', undefined, adminJwt)).body
      .pagination.total,
    locales: (await cms.rest<unknown[]>('GET', '/i18n/locales', undefined, adminJwt)).body.length,
    // What the public sees, in both languages: any accepted update would change it.
    published: JSON.stringify(
      (
        await cms.graphql(
          `{ ${['sl', 'en']
            .map(
              (
                l,
              ) => `${l}a: articles(locale: "${l}") { title excerpt } ${l}w: workshops(locale: "${l}", pagination: { limit: 100 }) { title }
        ${l}r: regions(locale: "${l}", pagination: { limit: 100 }) { name } ${l}p: partners(locale: "${l}", pagination: { limit: 100 }) { name website }
        ${l}g: pages(locale: "${l}", pagination: { limit: 100 }) { title body } ${l}n: navigation(locale: "${l}") { header { label section page { slug } } }`,
            )
            .join(' ')} }`,
        )
      ).body,
    ),
  };
}

/** The Public role as the admin's role editor reads it (permissions as a plugin > controller > action tree). */
async function publicRole(): Promise<PublicRole> {
  const { body } = await cms.rest<{ roles: { id: number; type: string }[] }>(
    'GET',
    '/users-permissions/roles',
    undefined,
    adminJwt,
  );
  const publicRoleId = body.roles.find((r) => r.type === 'public')?.id;
  if (publicRoleId === undefined) throw new Error('Strapi has no Public role');
  return (await cms.rest<{ role: PublicRole }>('GET', `/users-permissions/roles/${publicRoleId}`, undefined, adminJwt))
    .body.role;
}

async function firstDocumentId(plural: string): Promise<string> {
  const { body } = await cms.rest<{ data: { documentId: string }[] }>(
    'GET',
    `/api/${plural}?locale=sl&pagination[limit]=1`,
  );
  return body.data[0].documentId;
}

describe('the public role', () => {
  it('holds exactly find and findOne on the collection types and redirects, and find on the navigation', async () => {
    const enabled: string[] = [];
    for (const [plugin, { controllers }] of Object.entries((await publicRole()).permissions)) {
      for (const [controller, actions] of Object.entries(controllers)) {
        for (const [action, { enabled: on }] of Object.entries(actions))
          if (on) enabled.push(`${plugin}.${controller}.${action}`);
      }
    }
    expect(enabled.sort()).toEqual(
      [
        ...['article', 'page', 'partner', 'redirect', 'region', 'workshop'].flatMap((t) => [
          `api::${t}.${t}.find`,
          `api::${t}.${t}.findOne`,
        ]),
        'api::navigation.navigation.find',
      ].sort(),
    );
  });

  it('refuses every write over REST: content, publishing, users, upload, locales and admin', async () => {
    const before = await inventory();
    const ids = Object.fromEntries(await Promise.all(TYPES.map(async (t) => [t, await firstDocumentId(t)] as const)));
    const upload = new FormData();
    upload.append('files', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'x.png');

    const attempts: [method: string, route: string, body?: unknown][] = [
      ...TYPES.flatMap((t): [string, string, unknown?][] => [
        ['POST', `/api/${t}`, { data: { title: 'x', name: 'x', slug: 'x' } }],
        ['POST', `/api/${t}?status=published`, { data: { title: 'x', name: 'x', slug: 'x' } }],
        ['PUT', `/api/${t}/${ids[t]}`, { data: { title: 'x', name: 'x' } }],
        ['PUT', `/api/${t}/${ids[t]}?locale=en&status=published`, { data: { title: 'x', name: 'x' } }],
        ['DELETE', `/api/${t}/${ids[t]}`],
        // Publishing and unpublishing exist only in the admin's content-manager API.
        [
          'POST',
          `/content-manager/collection-types/api::${t.slice(0, -1)}.${t.slice(0, -1)}/${ids[t]}/actions/publish?locale=sl`,
          {},
        ],
        [
          'POST',
          `/content-manager/collection-types/api::${t.slice(0, -1)}.${t.slice(0, -1)}/${ids[t]}/actions/unpublish?locale=sl`,
          {},
        ],
        ['POST', `/content-manager/collection-types/api::${t.slice(0, -1)}.${t.slice(0, -1)}`, { title: 'x' }],
        ['DELETE', `/content-manager/collection-types/api::${t.slice(0, -1)}.${t.slice(0, -1)}/${ids[t]}`],
      ]),
      ['PUT', '/api/navigation?locale=sl', { data: { header: [{ label: 'x', url: 'https://x.example/' }] } }],
      ['DELETE', '/api/navigation?locale=sl'],
      ['POST', '/content-manager/single-types/api::navigation.navigation/actions/publish?locale=sl', {}],
      [
        'POST',
        '/api/auth/local/register',
        { username: 'intruder', email: 'intruder@example.com', password: 'Intruder-1234' },
      ],
      ['POST', '/api/auth/local', { identifier: DEMO_ADMIN.email, password: DEMO_ADMIN.password }],
      ['POST', '/api/auth/forgot-password', { email: DEMO_ADMIN.email }],
      [
        'POST',
        '/api/auth/reset-password',
        { code: 'x', password: 'Intruder-1234', passwordConfirmation: 'Intruder-1234' },
      ],
      [
        'POST',
        '/api/auth/change-password',
        { currentPassword: 'x', password: 'Intruder-1234', passwordConfirmation: 'Intruder-1234' },
      ],
      ['POST', '/api/auth/send-email-confirmation', { email: 'intruder@example.com' }],
      ['POST', '/api/users', { username: 'intruder', email: 'intruder@example.com', password: 'Intruder-1234' }],
      ['PUT', '/api/users/1', { username: 'intruder' }],
      ['DELETE', '/api/users/1'],
      ['POST', '/api/users-permissions/roles', { name: 'x', description: 'x', type: 'x', permissions: {} }],
      ['PUT', '/api/users-permissions/roles/2', { name: 'x', permissions: {} }],
      ['DELETE', '/api/users-permissions/roles/1'],
      ['POST', '/api/upload', upload],
      ['POST', '/api/upload?id=1', upload],
      ['DELETE', '/api/upload/files/1'],
      ['POST', '/upload', upload],
      ['POST', '/i18n/locales', { code: 'de', name: 'Deutsch' }],
      ['DELETE', '/i18n/locales/1'],
      ['POST', '/admin/users', { email: 'intruder@example.com', firstname: 'x', roles: [1] }],
      ['POST', '/admin/api-tokens', { name: 'intruder', type: 'full-access', lifespan: null }],
      ['POST', '/admin/transfer/tokens', { name: 'intruder', permissions: ['push', 'pull'], lifespan: null }],
      ['POST', '/admin/webhooks', { name: 'x', url: 'https://example.com/', events: ['entry.create'], headers: {} }],
      ['POST', '/admin/register-admin', { email: 'intruder@example.com', password: 'Intruder-1234', firstname: 'x' }],
      ['PUT', '/admin/users/me', { email: 'intruder@example.com' }],
    ];

    for (const token of [undefined, buildToken]) {
      for (const [method, route, body] of attempts) {
        const response = await fetch(`${cms.url}${route}`, {
          method,
          headers: {
            ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
        });
        // 401/403 are refusals; registering a second super admin is refused by Strapi with 400.
        const expected = route === '/admin/register-admin' ? [400] : [401, 403];
        expect(
          expected,
          `${token ? 'build token' : 'public'}: ${method} ${route} answered ${response.status}`,
        ).toContain(response.status);
        refused.rest += 1;
      }
    }
    expect(await inventory()).toEqual(before);
  });

  it('takes a change made in the admin on the very next request, for that permission only', async () => {
    const role = await publicRole();
    const save = (permissions: unknown) =>
      cms.rest(
        'PUT',
        `/users-permissions/roles/${role.id}`,
        { name: role.name, description: role.description, permissions },
        adminJwt,
      );
    const restArticles = async () => (await cms.rest('GET', '/api/articles?locale=sl')).status;
    const graphqlArticles = async () => (await cms.graphql('{ articles(locale: "sl") { title } }')).body;
    // Anonymous requests now answer from the Public role's cached ability (src/patches/public-role-cache.ts).
    expect(await restArticles()).toBe(200);
    expect((await graphqlArticles()).data?.articles.length).toBeGreaterThan(0);

    const revoked = structuredClone(role.permissions);
    revoked['api::article'].controllers.article.find.enabled = false;
    try {
      expect((await save(revoked)).status).toBe(200);
      expect(await restArticles()).toBe(403);
      const refused = await graphqlArticles();
      expect(refused.data?.articles ?? null).toBeNull();
      expect(refused.errors?.[0].message).toMatch(/forbidden/i);
      // Only that permission went: each type's routes check their own (src/utils/route-config.ts).
      expect((await cms.rest('GET', '/api/workshops?locale=sl')).status).toBe(200);
      expect((await cms.rest('GET', `/api/regions/${await firstDocumentId('regions')}?locale=sl`)).status).toBe(200);
      expect((await cms.graphql('{ workshops(locale: "sl") { title } }')).body.data?.workshops.length).toBeGreaterThan(
        0,
      );
    } finally {
      expect((await save(role.permissions)).status).toBe(200);
    }
    expect(await restArticles()).toBe(200);
  });

  it('refuses a wrong or malformed token instead of treating it as public', async () => {
    for (const token of ['not-a-valid-token', 'a'.repeat(256), `${buildToken.slice(0, -1)}x`]) {
      expect((await cms.rest('GET', '/api/articles', undefined, token)).status).toBe(401);
      const { status, body } = await cms.graphql('{ articles { title } }', {}, token);
      expect(status).toBe(401);
      expect(JSON.stringify(body)).not.toContain('"title"');
    }
  });
});

/** Minimal values for a GraphQL input type, from introspection: required fields only. */
function sampleValue(
  type: TypeRef,
  types: Map<string, SchemaType>,
  argName: string,
  ids: Record<string, string>,
): unknown {
  if (type.kind === 'NON_NULL') return sampleValue(type.ofType!, types, argName, ids);
  if (type.kind === 'LIST') return [sampleValue(type.ofType!, types, argName, ids)];
  const named = types.get(type.name!)!;
  if (named.kind === 'ENUM') return named.enumValues![0].name;
  if (named.kind === 'INPUT_OBJECT') {
    const required = named.inputFields!.filter((f) => f.type.kind === 'NON_NULL');
    return Object.fromEntries(required.map((f) => [f.name, sampleValue(f.type, types, f.name, ids)]));
  }
  const scalars: Record<string, unknown> = {
    ID: ids.article,
    String: argName.toLowerCase().includes('email') ? 'intruder@example.com' : 'Intruder-1234',
    Int: 1,
    Float: 1,
    Long: 1,
    Boolean: true,
    JSON: {},
    DateTime: '2020-01-01T00:00:00.000Z',
    Date: '2020-01-01',
    Time: '10:00:00.000',
    I18NLocaleCode: 'sl',
  };
  return scalars[named.name] ?? 'x';
}

const typeRef = (type: TypeRef): string =>
  type.kind === 'NON_NULL'
    ? `${typeRef(type.ofType!)}!`
    : type.kind === 'LIST'
      ? `[${typeRef(type.ofType!)}]`
      : type.name!;

describe('GraphQL mutations', () => {
  it('refuses every mutation in the schema, to the public and to the build token', async () => {
    const introspection = await cms.graphql<{
      __schema: { types: SchemaType[]; mutationType: { name: string } };
    }>(`{ __schema { types { kind name enumValues { name }
      inputFields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
      fields { name type { kind name ofType { kind name ofType { kind name } } }
        args { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
      mutationType { name } } }`);
    expect(introspection.body.errors).toBeUndefined();
    const schema = introspection.body.data!.__schema;
    const types = new Map(schema.types.map((t) => [t.name, t]));
    const mutations = types.get(schema.mutationType.name)?.fields ?? [];
    expect(mutations.length).toBeGreaterThanOrEqual(20);
    const ids = { article: await firstDocumentId('articles') };
    const before = await inventory();

    for (const token of [undefined, buildToken]) {
      for (const mutation of mutations) {
        const args = mutation.args;
        const declared = args.map((a) => `$${a.name}: ${typeRef(a.type)}`).join(', ');
        const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const returnType = types.get(typeRef(mutation.type).replace(/[[\]!]/g, ''));
        const selection = returnType?.kind === 'OBJECT' ? '{ __typename }' : '';
        const query = `mutation${declared ? `(${declared})` : ''} { ${mutation.name}${passed ? `(${passed})` : ''} ${selection} }`;
        const variables = Object.fromEntries(args.map((a) => [a.name, sampleValue(a.type, types, a.name, ids)]));
        const { body } = await cms.graphql(query, variables, token);
        expect(
          body.errors?.[0]?.extensions?.code,
          `${token ? 'build token' : 'public'}: ${mutation.name} -> ${JSON.stringify(body).slice(0, 300)}`,
        ).toBe('FORBIDDEN');
        expect(body.data?.[mutation.name] ?? null).toBeNull();
        refused.graphql += 1;
      }
    }
    expect(await inventory()).toEqual(before);
  });
});

describe('drafts', () => {
  it('are refused to the public in every form of query, and never leak through relations', async () => {
    const token = buildToken;
    const { body: withToken } = await cms.graphql(
      '{ articles(locale: "sl", status: DRAFT) { documentId title } }',
      {},
      token,
    );
    const draft = withToken.data.articles.find((a: { title: string }) => a.title === draftTitles[0]);
    expect(draft).toBeDefined();

    for (const query of [
      `{ article(documentId: "${draft.documentId}", status: DRAFT) { title } }`,
      `{ articles(status: DRAFT, locale: "en") { title } }`,
      `{ articles_connection(status: DRAFT) { nodes { title } } }`,
      `{ workshops(status: DRAFT) { articles { title } } }`,
    ]) {
      const { body } = await cms.graphql(query);
      expect(JSON.stringify(body), query).not.toMatch(
        new RegExp(draftTitles.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')),
      );
      expect(body.errors?.length, query).toBeGreaterThan(0);
    }
    // Without status the public gets the published version, which a draft does not have.
    const single = await cms.graphql(`{ article(documentId: "${draft.documentId}") { title } }`);
    expect(single.body.data.article).toBeNull();
    expect((await cms.rest('GET', `/api/articles/${draft.documentId}`)).status).toBe(404);
    expect((await cms.rest('GET', `/api/articles/${draft.documentId}?status=draft`)).status).toBe(403);

    // Published entries related to the draft list only published articles, over GraphQL and REST.
    const related = await cms.graphql(`{
      workshops(pagination: { limit: 100 }) { articles(pagination: { limit: 100 }) { title } }
      regions(pagination: { limit: 100 }) { articles(pagination: { limit: 100 }) { title } }
      partners(pagination: { limit: 100 }) { articles(pagination: { limit: 100 }) { title } } }`);
    expect(related.body.errors).toBeUndefined();
    expect(draftTitles.length, 'draft articles in the demo content').toBeGreaterThan(0);
    for (const plural of TYPES) {
      for (const locale of ['sl', 'en']) {
        const rest = await cms.rest('GET', `/api/${plural}?locale=${locale}&populate=*&pagination[limit]=100`);
        expect(rest.status).toBe(200);
        for (const title of draftTitles) expect(JSON.stringify(rest.body)).not.toContain(title);
      }
    }
    for (const title of draftTitles) expect(JSON.stringify(related.body)).not.toContain(title);
  });
});

describe('GraphQL abuse', () => {
  const post = (body: string) =>
    fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const result = await work();
    return { result, ms: performance.now() - started };
  };

  async function expectRefused(body: string, status: number, message: RegExp): Promise<void> {
    const { result: response, ms } = await timed(() => post(body));
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBe(status);
    expect(text).toMatch(message);
    expect(text).not.toContain('"data":{');
    // Refused before any resolver ran: no database work, so the answer is quick.
    expect(ms).toBeLessThan(2000);
  }

  it('refuses a query deeper than the depth limit', async () => {
    let nested = 'name';
    for (let i = 0; i < 6; i++) nested = `workshops { region { ${nested} } }`;
    const query = `{ regions { ${nested} } }`; // 14 levels
    await expectRefused(JSON.stringify({ query }), 400, /exceeds maximum operation depth of 10/);
  });

  it('refuses pages larger than maxLimit, whether literal or in variables', async () => {
    await expectRefused(
      JSON.stringify({ query: '{ articles(pagination: { limit: 101 }) { title } }' }),
      400,
      /pagination\.limit 101 .*maxLimit/,
    );
    await expectRefused(
      JSON.stringify({
        query: 'query($p: PaginationArg) { articles_connection(pagination: $p) { nodes { title } } }',
        variables: { p: { page: 1, pageSize: 10000 } },
      }),
      400,
      /pagination\.pageSize 10000 .*maxLimit/,
    );
    await expectRefused(
      JSON.stringify({ query: '{ articles(pagination: { limit: -1 }) { title } }' }),
      400,
      /pagination\.limit -1/,
    );
    await expectRefused(
      JSON.stringify({ query: '{ regions { articles(pagination: { limit: 5000 }) { title } } }' }),
      400,
      /regions\.articles/,
    );
  });

  it('refuses huge batched queries: hundreds of aliases, lists nested in lists, operation arrays, megabyte bodies', async () => {
    const aliases = Array.from(
      { length: 500 },
      (_, i) => `a${i}: articles(pagination: { limit: 100 }) { title body }`,
    ).join(' ');
    await expectRefused(
      JSON.stringify({ query: `{ ${aliases} }` }),
      400,
      /500 top-level fields, more than the limit of 20/,
    );
    const nested =
      '{ articles(pagination: { limit: 100 }) { partners(pagination: { limit: 100 }) { articles(pagination: { limit: 100 }) { title body } } } }';
    await expectRefused(JSON.stringify({ query: nested }), 400, /more than the limit of 100000/);
    const batch = JSON.stringify(
      Array.from({ length: 1000 }, () => ({ query: '{ articles(pagination: { limit: 100 }) { title body } }' })),
    );
    await expectRefused(batch, 400, /batching disabled/i);
    const huge = JSON.stringify({
      query: `{ ${Array.from({ length: 80000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
    });
    expect(huge.length).toBeGreaterThan(1_000_000);
    await expectRefused(huge, 413, /too large/i);
  });

  it('stays responsive: a normal query right after the abuse answers quickly and completely', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { result, ms } = await timed(() =>
        cms.graphql('{ articles(locale: "sl", pagination: { limit: 100 }) { title regions { name } } }'),
      );
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data.articles.length).toBeGreaterThanOrEqual(3);
      samples.push(ms);
    }
    const median = samples.sort((a, b) => a - b)[2];
    console.log(`api-permissions: a normal query after the abuse took ${median.toFixed(0)} ms (median of 5)`);
    expect(median).toBeLessThan(1000);
  });
});

describe('private data', () => {
  it('never appears in public answers: admin accounts, tokens, passwords, authors', async () => {
    const responses: string[] = [];
    for (const plural of TYPES) {
      for (const locale of ['sl', 'en'])
        responses.push(
          JSON.stringify(
            (await cms.rest('GET', `/api/${plural}?locale=${locale}&populate=*&pagination[limit]=100`)).body,
          ),
        );
    }
    const introspection = await cms.graphql<{ __schema: { types: SchemaType[] } }>(
      '{ __schema { types { name fields { name } } } }',
    );
    const fieldNames = introspection.body.data!.__schema.types.flatMap((t) =>
      (t.fields ?? []).map((f) => `${t.name}.${f.name}`),
    );
    for (const forbidden of [
      /\.password$/,
      /resetPasswordToken/,
      /confirmationToken/,
      /createdBy/,
      /updatedBy/,
      /^Admin/,
    ]) {
      expect(
        fieldNames.filter((name: string) => forbidden.test(name)),
        String(forbidden),
      ).toEqual([]);
    }
    const everything = responses.join('\n');
    for (const secret of [
      DEMO_ADMIN.email,
      DEMO_ADMIN.password,
      buildToken,
      '"createdBy"',
      '"updatedBy"',
      '"password"',
    ]) {
      expect(everything.includes(secret), secret).toBe(false);
    }
  });
});

describe('introspection policy', () => {
  it('is on in development (the schema is the public content model) and off in production, without stack traces', async () => {
    const development = await cms.graphql('{ __schema { queryType { name } } }');
    expect(development.body.data.__schema.queryType.name).toBe('Query');

    const production = await startTestCms({
      env: {
        NODE_ENV: 'production',
        SEED_DEMO: 'false',
        ADMIN_EMAIL: 'ops@koper-otok.test',
        ADMIN_PASSWORD: 'a-Production-passw0rd-for-tests',
      },
    });
    try {
      const { status, body } = await production.graphql('{ __schema { queryType { name } } }');
      expect(status).toBe(400);
      expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
      expect(JSON.stringify(body)).not.toContain('stacktrace');
      const refusedDraft = await production.graphql('{ articles(status: DRAFT) { title } }');
      expect(refusedDraft.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(refusedDraft.body)).not.toContain('stacktrace');
      expect((await production.graphql('{ articles { title } }')).body.data.articles).toEqual([]);
    } finally {
      await production.dispose();
    }
  });
});
