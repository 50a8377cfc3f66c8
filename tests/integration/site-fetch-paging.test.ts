/**
 * The site's own queries (site/src/lib/cms/queries) read every list page by page, each page
 * starting after the last documentId of the one before (keyset paging). On a real Strapi with
 * the demo content and a page size of 2, every type in both languages must come back complete,
 * in documentId order, without duplicates or drafts: exactly the published entries Strapi's
 * REST API lists.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '@koper-otok/content-types';
import { createCmsClient, type CmsClient } from '../../site/src/lib/cms/client';
import { fetchArticles } from '../../site/src/lib/cms/queries/articles';
import { fetchPartners } from '../../site/src/lib/cms/queries/partners';
import { fetchRegions } from '../../site/src/lib/cms/queries/regions';
import { fetchWorkshops } from '../../site/src/lib/cms/queries/workshops';
import type { FetchScope } from '../../site/src/lib/cms/queries/fragments';
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

const PAGE_SIZE = 2;
const lists: [string, (client: CmsClient, scope: FetchScope) => Promise<{ documentId: string; locale?: string }[]>][] = [
  ['articles', fetchArticles],
  ['workshops', fetchWorkshops],
  ['regions', fetchRegions],
  ['partners', fetchPartners],
];

/** The published entries of a list as Strapi's REST API gives them, in documentId order. */
async function restDocumentIds(plural: string, locale: string): Promise<string[]> {
  const { status, body } = await cms.rest('GET', `/api/${plural}?locale=${locale}&sort=documentId:asc&pagination[limit]=100&fields[0]=documentId`, undefined, token);
  expect(status).toBe(200);
  return (body.data as { documentId: string }[]).map((entry) => entry.documentId);
}

describe('the site fetch, paged by documentId', () => {
  it.each(LOCALES.flatMap((locale) => lists.map(([plural, fetchList]) => [plural, locale, fetchList] as const)))(
    '%s in %s: every published entry once, over several pages',
    async (plural, locale, fetchList) => {
      const client = createCmsClient({ url: cms.url, token, pageSize: PAGE_SIZE, retries: 0 });
      const entries = await fetchList(client, { locale, status: 'PUBLISHED' });
      const expected = await restDocumentIds(plural, locale);

      expect(expected.length).toBeGreaterThan(PAGE_SIZE); // the demo content spans several pages
      expect(entries.map((entry) => entry.documentId)).toEqual(expected);
      expect(entries.every((entry) => entry.locale === locale)).toBe(true);
      // One request per page, and a last short page or a stop at the announced total.
      expect(client.stats.requests).toBe(Math.ceil(expected.length / PAGE_SIZE));
    },
  );
});
