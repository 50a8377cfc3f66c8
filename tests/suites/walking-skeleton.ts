/**
 * The spine of the system, end to end: a real Strapi on a temporary database, seeded with the
 * demo content, queried over HTTP; then the real Astro build over GraphQL, and assertions on
 * the built files. One suite, run once per database (tests/integration/walking-skeleton*.test.ts):
 * SQLite, the embedded default, and PostgreSQL, the production database.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, type Locale, type PageTypeName } from '@koper-otok/content-types';
import { entryPathOf } from '../../site/src/lib/content/routes';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { freePort } from '../../scripts/lib/net.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { allTextFiles, indexablePagePaths, readPage, sitemapPaths } from '../helpers/site-output';
import { databaseIndexes, type DatabaseFactory, type TestDatabase } from '../helpers/databases';
import { loadSchemas } from '../../scripts/lib/content-model.ts';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { loginAdmin } from '../../scripts/lib/strapi-admin.ts';

const SITE_URL = 'https://www.koper-otok.test';
const demo = JSON.parse(readFileSync(path.join(cmsDir, 'data', 'demo-content.json'), 'utf8'));
const draftTitles: string[] = (demo.articles as { draft?: boolean; sl: { title: string }; en: { title: string } }[])
  .filter((a) => a.draft)
  .flatMap((a) => [a.sl.title, a.en.title]);

const TYPES: { type: PageTypeName; plural: string; label: 'title' | 'name' }[] = [
  { type: 'article', plural: 'articles', label: 'title' },
  { type: 'workshop', plural: 'workshops', label: 'title' },
  { type: 'region', plural: 'regions', label: 'name' },
  { type: 'partner', plural: 'partners', label: 'name' },
  { type: 'page', plural: 'pages', label: 'title' },
];

export function describeWalkingSkeleton(databaseLabel: string, database: DatabaseFactory): void {
  describe(`walking skeleton on ${databaseLabel}`, () => {
    let db: TestDatabase;
    let cms: TestCms;
    beforeAll(async () => {
      db = await database();
      cms = await startTestCms({ env: db.env });
    });
    afterAll(async () => {
      await cms?.dispose();
      await db?.dispose();
    });

    /** Every published entry of every type and locale, read over the public GraphQL API. */
    async function publishedEntries() {
      const entries: { type: PageTypeName; locale: Locale; slug: string; label: string }[] = [];
      for (const { type, plural, label } of TYPES) {
        for (const locale of LOCALES) {
          const { body } = await cms.graphql(
            `query($locale: I18NLocaleCode) { ${plural}(locale: $locale, pagination: { limit: 100 }) { slug ${label} } }`,
            { locale },
          );
          expect(body.errors).toBeUndefined();
          for (const item of body.data[plural]) entries.push({ type, locale, slug: item.slug, label: item[label] });
        }
      }
      return entries;
    }

    describe('Strapi: content model, seed and public API', () => {
      it('has the indexes the content model declares (content-types/schemas: indexes)', async () => {
        const declared = [...loadSchemas().values()].flatMap((schema) =>
          (schema.indexes ?? []).map((index) => index.name),
        );
        expect(declared.length).toBeGreaterThan(0);
        const present = await databaseIndexes(db, cms.dataDir);
        for (const name of declared) expect(present).toContain(name);
      });

      it(`keeps its data in ${databaseLabel}`, () => {
        // startStrapi defaults to a SQLite file in the data folder; PostgreSQL must replace it.
        expect(existsSync(path.join(cms.dataDir, 'strapi.db'))).toBe(db.label === 'SQLite');
      });

      it('serves the seeded demo content in Slovenian and English', async () => {
        const { body } = await cms.graphql(
          '{ sl: articles(locale: "sl") { title } en: articles(locale: "en") { title } partners(locale: "sl", pagination: {limit: 100}) { shortName } regions(locale: "sl", pagination: {limit: 100}) { code } }',
        );
        expect(body.errors).toBeUndefined();
        expect(body.data.sl.length).toBeGreaterThanOrEqual(3);
        expect(body.data.en.map((a: { title: string }) => a.title)).toContain(
          'Town-centre management continues: six workshops in 2017',
        );
        expect(body.data.partners.map((p: { shortName: string }) => p.shortName)).toEqual(
          expect.arrayContaining(['MGRT', 'SPIRIT Slovenija', 'MOK', 'MOL', 'MOC', 'PTZ GZS', 'Koper Otok']),
        );
        expect(body.data.regions).toHaveLength(12);
      });

      it('answers relations in both directions', async () => {
        const { body } = await cms.graphql(`{
          workshops(locale: "sl", filters: { city: { eq: "Postojna" } }) { startsAt region { code } articles { title } }
          regions(locale: "sl", filters: { code: { eq: "SI044" } }) { partners { shortName } articles { title } }
        }`);
        expect(body.errors).toBeUndefined();
        const [postojna] = body.data.workshops;
        expect(postojna.startsAt).toBe('2017-06-20T08:00:00.000Z');
        expect(postojna.region.code).toBe('SI038');
        expect(postojna.articles.map((a: { title: string }) => a.title)).toContain(
          'Delavnica o managementu mestnih središč v Postojni',
        );
        const [coast] = body.data.regions;
        expect(coast.partners.map((p: { shortName: string }) => p.shortName)).toEqual(
          expect.arrayContaining(['MOK', 'Koper Otok']),
        );
        expect(coast.articles.length).toBeGreaterThan(0);
      });

      it('refuses public writes over REST and GraphQL', async () => {
        const { body: list } = await cms.graphql('{ articles(locale: "sl") { documentId } }');
        const documentId = list.data.articles[0].documentId;

        expect(
          (await cms.rest('POST', '/api/articles', { data: { title: 'x', excerpt: 'x', publishedDate: '2020-01-01' } }))
            .status,
        ).toBe(403);
        expect((await cms.rest('PUT', `/api/articles/${documentId}`, { data: { title: 'x' } })).status).toBe(403);
        expect((await cms.rest('DELETE', `/api/articles/${documentId}`)).status).toBe(403);
        expect((await cms.rest('POST', '/api/upload', {})).status).toBe(403);
        expect((await cms.rest('GET', '/api/users')).status).toBe(403);

        for (const mutation of [
          'mutation { createArticle(data: { title: "x", excerpt: "x", publishedDate: "2020-01-01" }) { documentId } }',
          `mutation { updateArticle(documentId: "${documentId}", data: { title: "x" }) { documentId } }`,
          `mutation { deleteArticle(documentId: "${documentId}") { documentId } }`,
        ]) {
          const { body } = await cms.graphql(mutation);
          expect(body.errors?.[0]?.extensions?.code, mutation).toBe('FORBIDDEN');
        }
        const { body: after } = await cms.graphql('{ articles(locale: "sl") { title } }');
        expect(after.data.articles.map((a: { title: string }) => a.title)).not.toContain('x');
      });

      it('keeps drafts invisible to the public, even when asked for', async () => {
        const graphqlDraft = await cms.graphql('{ articles(locale: "sl", status: DRAFT) { title } }');
        expect(graphqlDraft.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(JSON.stringify(graphqlDraft.body)).not.toContain(draftTitles[0]);

        const connectionDraft = await cms.graphql(
          '{ articles_connection(locale: "sl", status: DRAFT) { nodes { title } } }',
        );
        expect(JSON.stringify(connectionDraft.body)).not.toContain(draftTitles[0]);

        for (const query of ['?status=draft', '?status=DRAFT&locale=sl', '?status[0]=draft']) {
          const rest = await cms.rest('GET', `/api/articles${query}`);
          expect(rest.status, query).toBe(403);
          expect(JSON.stringify(rest.body)).not.toContain(draftTitles[0]);
        }
        const published = await cms.rest('GET', '/api/articles?locale=sl');
        expect(published.status).toBe(200);
        expect(JSON.stringify(published.body)).not.toContain(draftTitles[0]);
      });

      it('gives the site build a read-only token: it may read drafts for previews but not write', async () => {
        const token = readFileSync(cms.tokenFile, 'utf8').trim();
        const drafts = await cms.graphql('{ articles(locale: "sl", status: DRAFT) { title } }', {}, token);
        expect(drafts.body.data.articles.map((a: { title: string }) => a.title)).toContain(draftTitles[0]);
        expect((await cms.rest('POST', '/api/articles', { data: { title: 'x' } }, token)).status).toBe(403);
        expect((await cms.rest('GET', '/api/articles', undefined, 'not-a-valid-token')).status).toBe(401);
      });
    });

    describe('site build over GraphQL', () => {
      let outDir: string;
      beforeAll(async () => {
        outDir = path.join(tempDir('site'), 'dist');
        await buildSite({ strapiUrl: cms.url, tokenFile: cms.tokenFile, siteUrl: SITE_URL, outDir, label: false });
      });
      afterAll(() => rmSync(path.dirname(outDir), { recursive: true, force: true }));

      it('builds a page with its title for every published entry, in both languages', async () => {
        const entries = await publishedEntries();
        expect(entries.length).toBeGreaterThan(50);
        for (const entry of entries) {
          const html = readPage(outDir, entryPathOf(entry));
          const heading = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1];
          expect(heading, `${entry.type} ${entry.locale} ${entry.slug}`).toBe(entry.label);
          expect(html).toContain(`<html lang="${entry.locale}"`);
        }
      });

      it('never lets a draft reach the output', () => {
        expect(draftTitles.length, 'draft articles in the demo content').toBeGreaterThan(0);
        for (const { file, text } of allTextFiles(outDir)) {
          for (const title of draftTitles) expect(text.includes(title), `${title} in ${file}`).toBe(false);
        }
      });

      it('leaks no secret into the output: the build token, the admin login', () => {
        const secrets = [readFileSync(cms.tokenFile, 'utf8').trim(), DEMO_ADMIN.email, DEMO_ADMIN.password];
        for (const { file, text } of allTextFiles(outDir)) {
          for (const secret of secrets) expect(text.includes(secret), `${secret.slice(0, 12)}… in ${file}`).toBe(false);
        }
      });

      it('lists every page in the sitemap, and nothing else', () => {
        expect(sitemapPaths(outDir, SITE_URL)).toEqual(indexablePagePaths(outDir));
      });

      it('links each page to its translation', () => {
        const html = readPage(outDir, '/novice/delavnica-o-managementu-mestnih-sredisc-v-postojni/');
        expect(html).toContain(`hreflang="en" href="${SITE_URL}/en/news/town-centre-management-workshop-in-postojna/"`);
        expect(html).toContain(
          `<link rel="canonical" href="${SITE_URL}/novice/delavnica-o-managementu-mestnih-sredisc-v-postojni/"`,
        );
      });
    });

    describe('failure and restarts', () => {
      it('fails the build with the URL and the reason when Strapi is unreachable, leaving no output', async () => {
        const outDir = path.join(tempDir('site-down'), 'dist');
        const downUrl = `http://127.0.0.1:${await freePort()}`; // a port nothing listens on
        const error = await buildSite({ strapiUrl: downUrl, siteUrl: SITE_URL, outDir, label: false }).catch(
          (e: Error) => e,
        );
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toContain(`${downUrl}/graphql`);
        expect((error as Error).message).toMatch(/ECONNREFUSED/);
        expect(() => readPage(outDir, '/')).toThrow();
        rmSync(path.dirname(outDir), { recursive: true, force: true });
      });

      it('seeds once: a restart adds nothing and keeps what staff edited', async () => {
        const count = async () =>
          (
            await cms.graphql(
              '{ articles_connection(locale: "sl") { pageInfo { total } } workshops_connection(locale: "en") { pageInfo { total } } }',
            )
          ).body.data;
        const before = await count();
        const token = readFileSync(cms.tokenFile, 'utf8').trim();
        const { body } = await cms.graphql('{ articles(locale: "sl", status: DRAFT) { documentId title } }', {}, token);
        const draft = body.data.articles.find((a: { title: string }) => a.title === draftTitles[0]);

        // Staff edit the draft through the admin's content-manager API.
        const admin = await loginAdmin(cms.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
        const edited = await cms.rest(
          'PUT',
          `/content-manager/collection-types/api::article.article/${draft.documentId}?locale=sl`,
          { title: 'Poročilo z Jesenic – uredila ekipa' },
          admin.token,
        );
        expect(edited.status).toBe(200);

        await cms.restart();
        expect(await count()).toEqual(before);
        const again = await cms.graphql(
          '{ articles(locale: "sl", status: DRAFT) { documentId title } }',
          {},
          readFileSync(cms.tokenFile, 'utf8').trim(),
        );
        const titles = again.body.data.articles.map((a: { title: string }) => a.title);
        expect(titles).toContain('Poročilo z Jesenic – uredila ekipa');
        expect(titles).not.toContain(draftTitles[0]);
      });
    });
  });
}
