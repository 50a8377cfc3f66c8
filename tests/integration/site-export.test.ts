/**
 * The site's one query, `siteExport` (cms/src/graphql/site-export.ts), on a real Strapi with
 * the demo content:
 *   - it answers exactly what Strapi's generated connection queries answer for the same
 *     fields (every public field of the model, owning relations as documentIds, media), for
 *     every type, in both languages, published and draft;
 *   - the site's client (site/src/lib/cms) reads every entry once, in documentId order, over
 *     several pages (page size 2), the same entries Strapi's REST API lists;
 *   - the rules of the generated queries hold: drafts need a token, a bad token is refused,
 *     limit stays within 1–maxLimit.
 * The fields are read from content-types/, so a field added to the model is covered here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, MEDIA_FIELDS, type PageTypeName } from '@koper-otok/content-types';
import { loadComponents, loadSchemas, type StrapiAttribute } from '../../scripts/lib/content-model.ts';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { createCmsClient } from '../../site/src/lib/cms/client';
import { fetchEntries, SITE_EXPORT_QUERY } from '../../site/src/lib/cms/queries/site-export';
import { startTestCms, type TestCms } from '../helpers/cms';
import { openEditor } from '../helpers/cms-editor';

let cms: TestCms;
let token: string;
let draftWorkshop: string;
let linkingArticle: string;

beforeAll(async () => {
  cms = await startTestCms();
  token = readFileSync(cms.tokenFile, 'utf8').trim();
  // A published article that links a workshop which exists only as a draft: the published
  // answer must leave the workshop out, the draft answer must show it (as Strapi's own does).
  const editor = await openEditor(cms);
  draftWorkshop = (
    await editor.create('workshops', 'sl', {
      title: 'Delavnica v pripravi',
      slug: 'delavnica-v-pripravi',
      eventStatus: 'planned',
    })
  ).documentId;
  linkingArticle = (
    await editor.create(
      'articles',
      'sl',
      {
        title: 'Novica z delavnico v pripravi',
        slug: 'novica-z-delavnico-v-pripravi',
        excerpt: 'Povezava na osnutek.',
        publishedDate: '2026-03-01',
        workshops: [draftWorkshop],
      },
      { publish: true },
    )
  ).documentId;
});
afterAll(async () => {
  await cms?.dispose();
});

/** Registrations written straight into Strapi's SQLite file: the export only counts them. */
function insertRegistrations(rows: [workshopDocumentId: string, state: string][]): void {
  const Sqlite = createRequire(path.join(cmsDir, 'package.json'))('better-sqlite3') as new (file: string) => {
    prepare(sql: string): { run(...values: unknown[]): void };
    close(): void;
  };
  const sqlite = new Sqlite(path.join(cms.dataDir, 'strapi.db'));
  try {
    const insert = sqlite.prepare(
      'INSERT INTO registrations (document_id, workshop_document_id, language, email, state) VALUES (?, ?, ?, ?, ?)',
    );
    rows.forEach(([workshop, state], i) =>
      insert.run(`registration${i}`, workshop, 'sl', `person${i}@example.org`, state),
    );
  } finally {
    sqlite.close();
  }
}

const schemas = loadSchemas();
// The page types; redirects (not localized, no demo entries) are read by tests/integration/staff-redirects.test.ts;
// registrations are never exported (a workshop carries its count of confirmed ones instead).
const types = [...schemas.keys()].filter(
  (type): type is Exclude<PageTypeName, 'registration'> => type !== 'redirect' && type !== 'registration',
);
/** Fields the export adds to a type's declared ones, worked out in the CMS. */
const COMPUTED_FIELDS: Record<string, string[]> = { workshop: ['confirmedRegistrations'] };
const withoutComputed = (type: string, node: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(node).filter(([field]) => !COMPUTED_FIELDS[type]?.includes(field)));
const STATUSES = ['PUBLISHED', 'DRAFT'] as const;

const components = loadComponents();

/** Strapi's GraphQL selection of some attributes as the site exports them (components whole, ids left out). */
function selection(attributes: Record<string, StrapiAttribute>): string[] {
  return Object.entries(attributes).flatMap(([name, attr]) => {
    if (attr.type === 'media') return [`${name} { ${MEDIA_FIELDS.join(' ')} }`];
    if (attr.type === 'component') {
      const fields = selection(components.get(String(attr.component))!.attributes).join(' ');
      return [attr.repeatable ? `${name}(pagination: { limit: 100 }) { ${fields} }` : `${name} { ${fields} }`];
    }
    if (attr.type !== 'relation') return [name];
    if (attr.mappedBy) return []; // the inverse side: the site derives it
    return [
      String(attr.relation).endsWith('Many')
        ? `${name}(pagination: { limit: 100 }) { documentId }`
        : `${name} { documentId }`,
    ];
  });
}

/** The selection of Strapi's generated query that means "the whole entry" to the site. */
const wholeEntrySelection = (type: string): string =>
  `documentId locale ${selection(schemas.get(type)!.attributes).join(' ')}`;

async function generatedQuery(type: string, locale: string, status: string) {
  const schema = schemas.get(type)!;
  // A single type's query answers its one entry (or null), a collection type's a list.
  const field =
    schema.kind === 'singleType'
      ? `${type}(locale: $locale, status: $status)`
      : `${schema.info.pluralName}(locale: $locale, status: $status, sort: ["documentId:asc"], pagination: { limit: 100 })`;
  const { body } = await cms.graphql(
    `query($locale: I18NLocaleCode, $status: PublicationStatus) { items: ${field} { ${wholeEntrySelection(type)} } }`,
    { locale, status },
    token,
  );
  expect(body.errors).toBeUndefined();
  const items = body.data.items as Record<string, unknown>[] | Record<string, unknown> | null;
  return Array.isArray(items) ? items : items ? [items] : [];
}

async function exportPage(variables: Record<string, unknown>, withToken = true) {
  return cms.graphql(
    SITE_EXPORT_QUERY,
    { locale: 'sl', after: '', pageSize: 100, withTotal: true, ...variables },
    withToken ? token : undefined,
  );
}

describe('siteExport', () => {
  it.each(
    STATUSES.flatMap((status) => LOCALES.flatMap((locale) => types.map((type) => [type, locale, status] as const))),
  )("%s in %s (%s) equals Strapi's generated query for the whole entry", async (type, locale, status) => {
    const { body } = await exportPage({ type, locale, status });
    expect(body.errors).toBeUndefined();
    const expected = await generatedQuery(type, locale, status);
    expect(expected.length).toBeGreaterThan(0);
    const nodes: Record<string, unknown>[] = body.data.items.nodes;
    expect(nodes.map((node) => withoutComputed(type, node))).toEqual(expected);
    expect(body.data.items.pageInfo.total).toBe(expected.length);
  });

  it('links a published entry to published entries only, and a draft to drafts', async () => {
    const workshopsOf = async (status: string) => {
      const { body } = await exportPage({ type: 'article', status });
      const article = body.data.items.nodes.find((node: { documentId: string }) => node.documentId === linkingArticle);
      return article.workshops.map((ref: { documentId: string }) => ref.documentId);
    };
    expect(await workshopsOf('PUBLISHED')).not.toContain(draftWorkshop);
    expect(await workshopsOf('DRAFT')).toContain(draftWorkshop);
  });

  it('gives only the fields the model declares: no internal ids, timestamps or authors', async () => {
    const { body } = await exportPage({ type: 'workshop' });
    const declared = Object.entries(schemas.get('workshop')!.attributes)
      .filter(([, attr]) => !attr.mappedBy)
      .map(([name]) => name);
    expect(body.data.items.nodes.length, 'workshops in the export').toBeGreaterThan(0);
    for (const node of body.data.items.nodes)
      expect(Object.keys(node).sort()).toEqual(
        ['documentId', 'locale', ...declared, ...COMPUTED_FIELDS.workshop].sort(),
      );
  });

  it("counts a workshop's confirmed registrations, and never exports registrations", async () => {
    const { body } = await exportPage({ type: 'workshop' });
    const [first, second] = body.data.items.nodes as { documentId: string }[];
    insertRegistrations([
      [first.documentId, 'confirmed'],
      [first.documentId, 'confirmed'],
      [first.documentId, 'waiting'],
      [first.documentId, 'pending'],
      [second.documentId, 'cancelled'],
    ]);
    const counted = await exportPage({ type: 'workshop' });
    const countOf = (id: string) =>
      counted.body.data.items.nodes.find((node: { documentId: string }) => node.documentId === id)
        .confirmedRegistrations;
    expect([countOf(first.documentId), countOf(second.documentId)]).toEqual([2, 0]);

    const registrations = await exportPage({ type: 'registration' });
    expect(registrations.body.errors?.[0].message).toMatch(/SiteExportType/);
  });

  it('serves published entries to the public, but drafts only with a token', async () => {
    const published = await exportPage({ type: 'article' }, false);
    expect(published.body.errors).toBeUndefined();
    expect(published.body.data.items.nodes.length).toBeGreaterThan(0);

    const drafts = await exportPage({ type: 'article', status: 'DRAFT' }, false);
    expect(drafts.body.data).toBeNull();
    expect(drafts.body.errors?.[0].message).toMatch(/Drafts are not public/);
  });

  it('refuses a wrong token', async () => {
    const response = await cms.graphql(
      SITE_EXPORT_QUERY,
      { type: 'article', after: '', pageSize: 10, withTotal: false },
      'not-a-token',
    );
    expect(response.status).toBe(401);
  });

  it.each([0, 101])('refuses limit %i with the allowed range', async (pageSize) => {
    const { body } = await exportPage({ type: 'region', pageSize });
    expect(body.errors?.[0].message).toMatch(/limit .* is outside 1–100/);
  });
});

describe('the site fetch, paged by documentId', () => {
  // One entry a page, so that even the two seeded pages span several pages.
  const PAGE_SIZE = 1;
  const collectionTypes = types.filter((type) => schemas.get(type)!.kind === 'collectionType');

  /** The published entries of a list as Strapi's REST API gives them, in documentId order. */
  async function restDocumentIds(plural: string, locale: string): Promise<string[]> {
    const { status, body } = await cms.rest<{ data: { documentId: string }[] }>(
      'GET',
      `/api/${plural}?locale=${locale}&sort=documentId:asc&pagination[limit]=100&fields[0]=documentId`,
      undefined,
      token,
    );
    expect(status).toBe(200);
    return body.data.map((entry) => entry.documentId);
  }

  it.each(LOCALES.flatMap((locale) => collectionTypes.map((type) => [type, locale] as const)))(
    '%s in %s: every published entry once, over several pages',
    async (type, locale) => {
      const client = createCmsClient({ url: cms.url, token, pageSize: PAGE_SIZE, retries: 0 });
      const entries = await fetchEntries(client, type, { locale, status: 'PUBLISHED' });
      const expected = await restDocumentIds(schemas.get(type)!.info.pluralName, locale);

      expect(expected.length).toBeGreaterThan(PAGE_SIZE); // the demo content spans several pages
      expect(entries.map((entry) => entry.documentId)).toEqual(expected);
      expect(entries.every((entry) => entry.locale === locale)).toBe(true);
      // One request per page: a last short page, or a stop at the announced total.
      expect(client.stats.requests).toBe(Math.ceil(expected.length / PAGE_SIZE));
    },
  );
});
