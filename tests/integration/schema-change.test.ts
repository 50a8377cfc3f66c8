/**
 * A change of the content model applies on restart without losing anything: Strapi runs on a
 * seeded database with extra content, stops, and starts again from a copy of the app whose
 * model has a new field (article.subtitle, added the way content-types/ changes are derived).
 * Every entry, relation and file must be as before, the new field must be readable (empty for
 * old entries) and writable, and the seed must not run again. On PostgreSQL and SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCms, type TestCms } from '../helpers/cms';
import { copyCmsAppWithModel, type CmsAppCopy } from '../helpers/cms-app-copy';
import { openEditor } from '../helpers/cms-editor';
import { snapshotCms, type CmsSnapshot } from '../helpers/cms-snapshot';
import { postgresDatabase, sqliteDatabase, type DatabaseFactory, type TestDatabase } from '../helpers/databases';

describe.each<[string, DatabaseFactory]>([
  ['PostgreSQL', postgresDatabase],
  ['SQLite', sqliteDatabase],
])('adding a field on %s', (_label, database) => {
  let db: TestDatabase;
  let app: CmsAppCopy;
  let cms: TestCms;
  let before: CmsSnapshot;
  let after: CmsSnapshot;

  beforeAll(async () => {
    db = await database();
    const original = await startTestCms({ env: db.env });
    const editor = await openEditor(original);
    await editor.create('articles', 'sl', {
      title: 'Osnutek pred spremembo modela',
      slug: 'osnutek-pred-spremembo',
      excerpt: 'Osnutek, ki mora preživeti spremembo modela.',
      publishedDate: '2026-02-01',
    });
    before = await snapshotCms(original, editor);
    await original.stop();

    app = copyCmsAppWithModel((schemas) => {
      schemas.get('article')!.attributes.subtitle = {
        type: 'string',
        maxLength: 200,
        pluginOptions: { i18n: { localized: true } },
      } as never;
    });
    cms = await startTestCms({ env: db.env, dataDir: original.dataDir, appDir: app.appDir });
    after = await snapshotCms(cms, await openEditor(cms));
  }, 300_000);

  afterAll(async () => {
    await cms?.dispose();
    app?.dispose();
    await db?.dispose();
  });

  it('keeps every entry, relation and file; the new field is empty on old entries', () => {
    const withoutSubtitle = Object.fromEntries(
      Object.entries(after.entries).map(([key, entry]) => {
        const { subtitle, ...rest } = entry as Record<string, unknown>;
        expect(subtitle ?? null, key).toBeNull();
        return [key, rest];
      }),
    );
    expect(before.counts.entries).toBeGreaterThan(60);
    expect(withoutSubtitle).toEqual(before.entries);
    expect(after.files).toEqual(before.files);
    expect(after.counts).toEqual(before.counts);
  });

  it('serves the new field over GraphQL, and staff can fill it', async () => {
    const editor = await openEditor(cms);
    const { body: list } = await cms.graphql('{ articles(locale: "sl") { documentId title subtitle } }');
    expect(list.errors).toBeUndefined();
    const [first] = list.data.articles;
    expect(first.subtitle).toBeNull();
    await editor.translate(
      'articles',
      first.documentId,
      'sl',
      { subtitle: 'Podnaslov po spremembi' },
      { publish: true },
    );
    const { body } = await cms.graphql(
      `{ article(documentId: "${first.documentId}", locale: "sl") { title subtitle } }`,
    );
    expect(body.data.article).toEqual({ title: first.title, subtitle: 'Podnaslov po spremembi' });
  });
});
