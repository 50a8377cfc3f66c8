/**
 * Revisions on a real Strapi, over the admin API, on SQLite and on PostgreSQL: every save keeps
 * a version per locale (who and when), three edits and a restore give back the first version's
 * fields and relations as the draft while the published version stays, each locale has its own
 * list, only the last REVISIONS_KEEP stay, the diff is field by field (markdown line by line), a
 * related entry deleted since is left out and named, and the Editor may see and restore but not
 * delete history, which the administrator may. On SQLite the app is a copy whose article also
 * has a component and a repeatable one (as a page type may), so those are restored for real too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { adminSession, collection, type AdminSession } from '../helpers/admin-api';
import { copyCmsAppWithModel, type CmsAppCopy } from '../helpers/cms-app-copy';
import { startTestCms, type TestCms } from '../helpers/cms';
import { postgresDatabase, sqliteDatabase, type DatabaseFactory, type TestDatabase } from '../helpers/databases';

const ARTICLE = 'api::article.article';
const KEEP = 5;

interface Version {
  id: number;
  locale: string;
  cause: string;
  restoredFrom: number | null;
  authorName: string | null;
  createdAt: string;
}

interface Change {
  field: string;
  kind: 'lines' | 'references' | 'value';
  lines?: { change: string; text: string }[];
  removed?: unknown[];
  added?: unknown[];
  revision?: unknown;
  draft?: unknown;
}

interface Entry {
  documentId: string;
  title: string;
  body: string | null;
  regions: { documentId: string }[];
  partners: { documentId: string }[];
}

interface Seo {
  metaTitle: string | null;
  shareImage: { id: number } | null;
}

/** The article with an SEO component and a repeatable one, localized like its other fields. */
function appWithComponents(): CmsAppCopy {
  const localized = { pluginOptions: { i18n: { localized: true } } };
  return copyCmsAppWithModel((schemas) => {
    Object.assign(schemas.get('article')!.attributes, {
      seo: { type: 'component', component: 'shared.seo', repeatable: false, ...localized },
      blocks: { type: 'component', component: 'shared.seo', repeatable: true, ...localized },
    });
  });
}

const FIRST_BODY = 'Prvi odstavek o delavnici.\n\nDrugi odstavek: prijave do petka.\n';
const LATER_BODY = 'Prvi odstavek o delavnici.\n\nDrugi odstavek: prijave do ponedeljka.\n';

function describeRevisions(label: string, databaseFactory: DatabaseFactory, withComponents = false): void {
  describe(`revisions on ${label}`, () => {
    let database: TestDatabase;
    let app: CmsAppCopy | undefined;
    let cms: TestCms;
    let admin: AdminSession;
    let editor: AdminSession;
    let documentId: string;
    let regions: string[];

    const versions = async (locale: string, session = editor) =>
      session.request<{ data: Version[]; meta: { keep: number } }>(
        'GET',
        `/revisions?contentType=${ARTICLE}&documentId=${documentId}&locale=${locale}`,
      );
    const save = (data: Record<string, unknown>, locale = 'sl') =>
      editor.request<{ data: Entry }>('PUT', `${collection('article')}/${documentId}?locale=${locale}`, data);
    const draft = async (locale = 'sl') =>
      (
        await editor.request<{ data: Entry }>(
          'GET',
          `${collection('article')}/${documentId}?locale=${locale}&populate[regions]=true&populate[partners]=true`,
        )
      ).body.data;
    const publishedTitle = async () => {
      const { body } = await cms.graphql(`query ($id: ID!) { article(documentId: $id, locale: "sl") { title } }`, {
        id: documentId,
      });
      return body.data?.article?.title;
    };
    const regionIds = async () =>
      (
        await editor.request<{ results: { documentId: string }[] }>('GET', `${collection('region')}?locale=sl`)
      ).body.results.map((region) => region.documentId);
    const setRelation = (ids: string[]) => ({ set: ids.map((id) => ({ documentId: id, locale: 'sl' })) });

    beforeAll(async () => {
      database = await databaseFactory();
      app = withComponents ? appWithComponents() : undefined;
      cms = await startTestCms({ env: { ...database.env, REVISIONS_KEEP: String(KEEP) }, appDir: app?.appDir });
      [admin, editor] = await Promise.all([adminSession(cms.url, DEMO_ADMIN), adminSession(cms.url, DEMO_EDITOR)]);
      regions = await regionIds();
    });
    afterAll(async () => {
      await cms?.dispose();
      await database?.dispose();
      app?.dispose();
    });

    it('keeps a version of every save, and three edits then a restore give back the first as a draft, unpublished', async () => {
      const created = await editor.request<{ data: Entry }>(
        'POST',
        `${collection('article')}/actions/publish?locale=sl`,
        {
          title: 'Delavnica v Kopru: prva različica',
          excerpt: 'Vabilo na delavnico o managementu mestnih središč.',
          publishedDate: '2017-09-01',
          body: FIRST_BODY,
          regions: setRelation([regions[0]]),
        },
      );
      expect(created.status).toBe(200);
      documentId = created.body.data.documentId;

      expect(
        (await save({ title: 'Delavnica v Kopru: druga različica', regions: setRelation([regions[1]]) })).status,
      ).toBe(200);
      expect(
        (await editor.request('POST', `${collection('article')}/${documentId}/actions/publish?locale=sl`, {})).status,
      ).toBe(200);
      expect((await save({ title: 'Delavnica v Kopru: tretja različica', body: LATER_BODY })).status).toBe(200);
      expect(
        (await save({ title: 'Delavnica v Kopru: četrta različica', regions: setRelation(regions.slice(1, 3)) }))
          .status,
      ).toBe(200);

      const listed = await versions('sl');
      expect(listed.status).toBe(200);
      // Publishing changes no content, so it keeps no version: the create and three edits do.
      expect(listed.body.data).toHaveLength(4);
      expect(listed.body.meta.keep).toBe(KEEP);
      for (const version of listed.body.data) {
        expect(version).toMatchObject({ locale: 'sl', cause: 'save' });
        expect(version.authorName).not.toBeNull();
        expect(Number.isNaN(Date.parse(version.createdAt))).toBe(false);
      }
      const first = listed.body.data.at(-1)!;

      const restored = await editor.request<{ data: { dropped: unknown[] }; message: string }>(
        'POST',
        `/revisions/${first.id}/restore`,
      );
      expect(restored.status).toBe(200);
      expect(restored.body.data.dropped).toEqual([]);
      expect(restored.body.message).toContain('obnovljena kot osnutek');

      const current = await draft();
      expect(current.title).toBe('Delavnica v Kopru: prva različica');
      expect(current.body).toBe(FIRST_BODY);
      expect(current.regions.map((region) => region.documentId)).toEqual([regions[0]]);
      // The site still shows what was published; the restore only changed the draft.
      expect(await publishedTitle()).toBe('Delavnica v Kopru: druga različica');

      const after = (await versions('sl')).body.data;
      expect(after).toHaveLength(5);
      expect(after[0]).toMatchObject({ cause: 'restore', restoredFrom: first.id });
    });

    it('shows what differs from the current draft, field by field, markdown line by line', async () => {
      expect((await save({ title: 'Delavnica v Kopru: po obnovi', body: LATER_BODY })).status).toBe(200);
      const oldest = (await versions('sl')).body.data.at(-1)!;
      const { status, body } = await editor.request<{
        data: { changes: Change[]; names: Record<string, Record<string, string>> };
      }>('GET', `/revisions/${oldest.id}`);
      expect(status).toBe(200);
      const byField = new Map(body.data.changes.map((change) => [change.field, change]));
      expect([...byField.keys()].sort()).toEqual(['body', 'regions', 'title']);
      expect(byField.get('title')).toMatchObject({
        kind: 'value',
        revision: 'Delavnica v Kopru: druga različica',
        draft: 'Delavnica v Kopru: po obnovi',
      });
      expect(byField.get('body')?.lines).toEqual([
        { change: 'unchanged', text: 'Prvi odstavek o delavnici.\n\n' },
        { change: 'removed', text: 'Drugi odstavek: prijave do petka.\n' },
        { change: 'added', text: 'Drugi odstavek: prijave do ponedeljka.\n' },
      ]);
      expect(byField.get('regions')).toMatchObject({ kind: 'references', removed: [regions[1]], added: [regions[0]] });
      expect(body.data.names['api::region.region'][regions[0]]).toEqual(expect.any(String));
    });

    it('keeps a list per locale: an English edit does not show in the Slovenian list', async () => {
      const slovenian = (await versions('sl')).body.data.map((version) => version.id);
      const english = await save(
        {
          title: 'Workshop in Koper',
          excerpt: 'An invitation to the town-centre management workshop.',
          publishedDate: '2017-09-01',
        },
        'en',
      );
      expect(english.status).toBe(200);
      const englishList = (await versions('en')).body.data;
      expect(englishList).toHaveLength(1);
      expect(englishList[0].locale).toBe('en');
      expect((await versions('sl')).body.data.map((version) => version.id)).toEqual(slovenian);
    });

    it(`keeps only the last ${KEEP} versions per entry and locale`, async () => {
      const before = (await versions('sl')).body.data;
      for (const n of [1, 2, 3]) expect((await save({ title: `Delavnica v Kopru: popravek ${n}` })).status).toBe(200);
      const after = (await versions('sl')).body.data;
      expect(after).toHaveLength(KEEP);
      expect(after.slice(3).map((version) => version.id)).toEqual(
        before.slice(0, KEEP - 3).map((version) => version.id),
      );
      const pruned = before.at(-1)!;
      const gone = await editor.request<{ error: { message: string } }>('GET', `/revisions/${pruned.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.error.message).toContain('ne obstaja');
      expect((await versions('en')).body.data).toHaveLength(1);
    });

    it('restores without a related entry deleted since, and says so', async () => {
      const partner = await editor.request<{ data: { documentId: string } }>(
        'POST',
        `${collection('partner')}?locale=sl`,
        {
          name: 'Kratkoživi partner',
          kind: 'municipality',
        },
      );
      expect(partner.status).toBe(201);
      const partnerId = partner.body.data.documentId;
      expect((await save({ partners: setRelation([partnerId]) })).status).toBe(200);
      const withPartner = (await versions('sl')).body.data[0];
      expect((await save({ partners: setRelation([]) })).status).toBe(200);
      expect((await editor.request('DELETE', `${collection('partner')}/${partnerId}?locale=*`)).status).toBe(200);

      const restored = await editor.request<{ data: { dropped: unknown[] }; message: string }>(
        'POST',
        `/revisions/${withPartner.id}/restore`,
      );
      expect(restored.status).toBe(200);
      expect(restored.body.data.dropped).toEqual([{ field: 'partners', kind: 'relation', id: partnerId }]);
      expect(restored.body.message).toContain(partnerId);
      expect((await draft()).partners).toEqual([]);
    });

    it('lets the Editor see and restore but not delete history; the administrator deletes', async () => {
      const [newest, older] = (await versions('sl')).body.data;
      const entryHistory = `/revisions?contentType=${ARTICLE}&documentId=${documentId}&locale=sl`;
      expect((await editor.request('DELETE', `/revisions/${newest.id}`)).status).toBe(403);
      expect((await editor.request('DELETE', entryHistory)).status).toBe(403);
      expect((await fetch(`${cms.url}/revisions/${newest.id}`)).status).toBe(401);

      expect((await admin.request('DELETE', `/revisions/${older.id}`)).status).toBe(200);
      expect((await versions('sl', admin)).body.data.map((version) => version.id)).not.toContain(older.id);
      const wiped = await admin.request<{ data: { deleted: number } }>('DELETE', entryHistory);
      expect(wiped.status).toBe(200);
      expect(wiped.body.data.deleted).toBe(KEEP - 1);
      expect((await versions('sl')).body.data).toEqual([]);
      expect((await versions('en')).body.data).toHaveLength(1);
    });

    if (withComponents)
      it('restores a component, a repeatable component and the image inside them', async () => {
        const image = (await editor.upload('mestno-jedro-koper.jpg')).body[0];
        const first = { metaTitle: 'Delavnica v Kopru', shareImage: image.id };
        expect((await save({ seo: first, blocks: [{ metaTitle: 'Prvi blok' }] })).status).toBe(200);
        const withComponents = (await versions('sl')).body.data[0];
        expect((await save({ seo: { metaTitle: 'Drugačen naslov', shareImage: null }, blocks: [] })).status).toBe(200);

        const diff = await editor.request<{ data: { changes: Change[] } }>('GET', `/revisions/${withComponents.id}`);
        expect(diff.body.data.changes.map((change) => change.field).sort()).toEqual(['blocks', 'seo']);
        expect((await editor.request('POST', `/revisions/${withComponents.id}/restore`)).status).toBe(200);
        const { body } = await editor.request<{ data: { seo: Seo; blocks: Seo[] } }>(
          'GET',
          `${collection('article')}/${documentId}?locale=sl`,
        );
        expect(body.data.seo).toMatchObject({ metaTitle: 'Delavnica v Kopru', shareImage: { id: image.id } });
        expect(body.data.blocks).toMatchObject([{ metaTitle: 'Prvi blok' }]);
      });

    it('refuses an unknown content type with a clear message', async () => {
      const { status, body } = await editor.request<{ error: { message: string } }>(
        'GET',
        `/revisions?contentType=plugin::users-permissions.user&documentId=x&locale=sl`,
      );
      expect(status).toBe(400);
      expect(body.error.message).toContain('nima zgodovine različic');
      expect(body.error.message).toContain('keeps no versions');
    });
  });
}

describeRevisions('SQLite', sqliteDatabase, true);
describeRevisions('PostgreSQL', postgresDatabase);
