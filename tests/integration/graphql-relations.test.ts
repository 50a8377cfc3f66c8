/**
 * Relations over GraphQL are resolved in batches (cms/src/patches/graphql-relation-batching.ts):
 * one query per page of entries instead of one per entry and field. This suite checks, on a
 * real Strapi with the demo content, that the batched answers are exactly what Strapi's REST
 * API returns through its own, unbatched populate code, for every relation and media field
 * of the model (read from content-types/, so a new relation is covered without editing this
 * file), in both languages, with drafts hidden, and that each entry's page of a relation
 * (start/limit) is cut from its own list, not from the batch's combined list.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '@koper-otok/content-types';
import { loadSchemas } from '../../scripts/lib/content-model.ts';
import { startTestCms, type TestCms } from '../helpers/cms';

let cms: TestCms;
let token: string;

beforeAll(async () => {
  cms = await startTestCms();
  token = readFileSync(cms.tokenFile, 'utf8').trim();
});
afterAll(async () => {
  await cms?.dispose();
});

const schemas = loadSchemas();
const pluralOf = (type: string) => schemas.get(type)!.info.pluralName;
const targetType = (uid: string) => uid.split('.').pop()!;

/** Every relation and media field: [type, field, target type or "media", to-many?]. */
const fields = [...schemas].flatMap(([type, schema]) =>
  Object.entries(schema.attributes)
    .filter(([, attr]) => attr.type === 'relation' || attr.type === 'media')
    .map(([field, attr]) => ({
      type,
      field,
      media: attr.type === 'media',
      toMany: attr.type === 'media' ? Boolean(attr.multiple) : String(attr.relation).endsWith('Many'),
      target: attr.type === 'media' ? 'file' : targetType(String(attr.target)),
    })),
);

/** What identifies a related entry in both APIs: its slug, or a file's URL. */
const key = (media: boolean) => (media ? 'url' : 'slug');

async function graphqlRelation(
  type: string,
  field: string,
  media: boolean,
  toMany: boolean,
  locale: string,
  page = '',
) {
  const args = toMany ? `(sort: ["${key(media)}:asc"], pagination: { ${page || 'limit: 100'} })` : '';
  const { body } = await cms.graphql(
    `query($locale: I18NLocaleCode) { items: ${pluralOf(type)}(locale: $locale, sort: ["slug:asc"], pagination: { limit: 100 }) { slug rel: ${field}${args} { ${key(media)} } } }`,
    { locale },
    token,
  );
  expect(body.errors).toBeUndefined();
  return body.data.items as { slug: string; rel: unknown }[];
}

async function restRelation(type: string, field: string, media: boolean, toMany: boolean, locale: string) {
  const sort = toMany ? `&populate[${field}][sort]=${key(media)}:asc` : '';
  const { status, body } = await cms.rest<{ data: Record<string, unknown>[] }>(
    'GET',
    `/api/${pluralOf(type)}?locale=${locale}&sort=slug:asc&pagination[limit]=100&fields[0]=slug&populate[${field}][fields][0]=${key(media)}${sort}`,
    undefined,
    token,
  );
  expect(status).toBe(200);
  return body.data.map((entry) => ({ slug: String(entry.slug), rel: entry[field] }));
}

/** Only the identifying field of each related entry, so both APIs' extras do not matter. */
const identities = (items: { slug: string; rel: unknown }[], media: boolean) => {
  const identity = (related: unknown) => (related as Record<string, unknown>)[key(media)];
  return items.map(({ slug, rel }) => ({
    slug,
    rel: Array.isArray(rel) ? rel.map(identity) : rel ? identity(rel) : null,
  }));
};

describe('GraphQL relations, resolved in batches', () => {
  it('covers every relation and media field of the model', () => {
    expect(fields.length).toBeGreaterThanOrEqual(10);
  });

  for (const locale of LOCALES) {
    for (const { type, field, media, toMany, target } of fields) {
      it(`${locale}: ${type}.${field} (${target}) matches Strapi's own populate`, async () => {
        const viaGraphql = identities(await graphqlRelation(type, field, media, toMany, locale), media);
        const viaRest = identities(await restRelation(type, field, media, toMany, locale), media);
        expect(viaGraphql.length).toBeGreaterThan(0);
        expect(viaGraphql).toEqual(viaRest);
      });
    }
  }

  it('never links a draft: the unpublished demo article is in no region, partner or workshop', async () => {
    const { body } = await cms.graphql(
      `{ articles(status: DRAFT, locale: "sl", pagination: { limit: 100 }) { slug } published: articles(locale: "sl", pagination: { limit: 100 }) { slug } }`,
      {},
      token,
    );
    const published = new Set(body.data.published.map((a: { slug: string }) => a.slug));
    const draftOnly = body.data.articles
      .map((a: { slug: string }) => a.slug)
      .filter((slug: string) => !published.has(slug));
    expect(draftOnly.length).toBeGreaterThan(0);
    for (const type of ['region', 'partner', 'workshop']) {
      const linked = (await graphqlRelation(type, 'articles', false, true, 'sl')).flatMap(({ rel }) =>
        (rel as { slug: string }[]).map((r) => r.slug),
      );
      for (const slug of draftOnly) expect(linked).not.toContain(slug);
    }
  });

  it("cuts each entry's page (start, limit) from its own list", async () => {
    // Partners share workshops, so one batch holds several entries with overlapping lists.
    const whole = await graphqlRelation('partner', 'workshops', false, true, 'sl');
    const paged = await graphqlRelation('partner', 'workshops', false, true, 'sl', 'start: 1, limit: 2');
    const sizes = whole.map(({ rel }) => (rel as unknown[]).length);
    expect(sizes.filter((n) => n >= 3).length).toBeGreaterThanOrEqual(2);
    expect(paged.map(({ slug, rel }) => ({ slug, rel }))).toEqual(
      whole.map(({ slug, rel }) => ({ slug, rel: (rel as unknown[]).slice(1, 3) })),
    );
  });
});
