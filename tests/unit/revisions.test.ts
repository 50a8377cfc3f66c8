// The pure rules of revisions (cms/src/revisions/): what a snapshot records, what a restore
// writes back (and leaves out), the field-by-field diff, retention, and which types keep revisions.
import { describe, expect, it } from 'vitest';
import { diffSnapshots, lineRuns } from '../../cms/src/revisions/diff.ts';
import { referencesIn, restoreData, type Existing } from '../../cms/src/revisions/restore-data.ts';
import { DEFAULT_REVISIONS_KEEP, revisionsToKeep } from '../../cms/src/revisions/retention.ts';
import { isRevisioned, type Attributes, type ModelSchema } from '../../cms/src/revisions/schema.ts';
import { populateFor, sameContent, snapshotOf } from '../../cms/src/revisions/snapshot.ts';

const SEO: Attributes = {
  metaTitle: { type: 'string' },
  shareImage: { type: 'media', multiple: false },
};
const QUOTE: Attributes = {
  text: { type: 'text' },
  author: { type: 'relation', relation: 'oneToOne', target: 'api::partner.partner' },
};
const COMPONENTS: Record<string, Attributes> = {
  'shared.seo': SEO,
  'blocks.quote': QUOTE,
  'blocks.text': { text: { type: 'richtext' } },
};
const componentAttributes = (uid: string) => COMPONENTS[uid] ?? {};

const PAGE: Attributes = {
  title: { type: 'string' },
  body: { type: 'richtext' },
  publishedDate: { type: 'date' },
  cover: { type: 'media', multiple: false },
  gallery: { type: 'media', multiple: true },
  region: { type: 'relation', relation: 'manyToOne', target: 'api::region.region' },
  partners: { type: 'relation', relation: 'manyToMany', target: 'api::partner.partner' },
  articles: { type: 'relation', relation: 'manyToMany', target: 'api::article.article', mappedBy: 'pages' },
  seo: { type: 'component', component: 'shared.seo', repeatable: false },
  blocks: { type: 'dynamiczone', components: ['blocks.quote', 'blocks.text'] },
  createdAt: { type: 'datetime' },
  updatedBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
  locale: { type: 'string' },
};

// As the query engine loads a draft: ids everywhere, relations and media as objects.
const LOADED = {
  id: 7,
  documentId: 'page1',
  title: 'Mestno jedro',
  body: 'Prvi odstavek.\n\nDrugi odstavek.\n',
  publishedDate: '2017-06-05',
  cover: { id: 3, name: 'koper.jpg' },
  gallery: [{ id: 4 }, { id: 5 }],
  region: { id: 12, documentId: 'obalno-kraska' },
  partners: [{ id: 1, documentId: 'mgrt' }],
  articles: [{ id: 9, documentId: 'news1' }],
  seo: { id: 30, metaTitle: 'Jedro', shareImage: null },
  blocks: [{ id: 40, __component: 'blocks.quote', text: 'Citat', author: { id: 2, documentId: 'gzs' } }],
  createdAt: new Date('2017-06-01T08:00:00Z'),
  locale: 'sl',
};

const SNAPSHOT = {
  title: 'Mestno jedro',
  body: 'Prvi odstavek.\n\nDrugi odstavek.\n',
  publishedDate: '2017-06-05',
  cover: 3,
  gallery: [4, 5],
  region: 'obalno-kraska',
  partners: ['mgrt'],
  seo: { metaTitle: 'Jedro', shareImage: null },
  blocks: [{ __component: 'blocks.quote', text: 'Citat', author: 'gzs' }],
};

describe('snapshotOf', () => {
  it('records the fields the entry owns: relations as documentIds, media as ids, components as plain data', () => {
    expect(snapshotOf(LOADED, PAGE, componentAttributes)).toEqual(SNAPSHOT);
  });

  it("leaves out Strapi's own fields and the other side of relations (they belong to the other entries)", () => {
    const snapshot = snapshotOf(LOADED, PAGE, componentAttributes);
    for (const field of ['id', 'documentId', 'createdAt', 'updatedBy', 'locale', 'articles'])
      expect(snapshot).not.toHaveProperty(field);
  });

  it('records empty fields as null or empty lists', () => {
    expect(snapshotOf({}, PAGE, componentAttributes)).toMatchObject({
      title: null,
      cover: null,
      gallery: [],
      region: null,
      partners: [],
      seo: null,
      blocks: [],
    });
  });

  it('asks the query engine for exactly what it records', () => {
    expect(populateFor(PAGE, componentAttributes)).toEqual({
      cover: { select: ['id'] },
      gallery: { select: ['id'] },
      region: { select: ['documentId'] },
      partners: { select: ['documentId'] },
      seo: { populate: { shareImage: { select: ['id'] } } },
      blocks: { on: { 'blocks.quote': { populate: { author: { select: ['documentId'] } } }, 'blocks.text': {} } },
    });
  });
});

describe('sameContent', () => {
  it('ignores the order of keys (PostgreSQL jsonb reorders them) but not of lists', () => {
    expect(sameContent({ a: 1, b: { c: [1, 2], d: null } }, { b: { d: null, c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameContent({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameContent({ a: undefined }, { a: null })).toBe(true);
  });
});

describe('restoreData', () => {
  const everything: Existing = { hasRelated: () => true, hasMedia: () => true };

  it('writes the snapshot back as Document Service data', () => {
    expect(restoreData(SNAPSHOT, PAGE, componentAttributes, everything)).toEqual({ data: SNAPSHOT, dropped: [] });
  });

  it('leaves out related entries and media deleted since, and names each with its field', () => {
    const existing: Existing = {
      hasRelated: (target, id) => !(target === 'api::partner.partner' && (id === 'mgrt' || id === 'gzs')),
      hasMedia: (id) => id !== 3 && id !== 5,
    };
    const { data, dropped } = restoreData(SNAPSHOT, PAGE, componentAttributes, existing);
    expect(data).toMatchObject({
      cover: null,
      gallery: [4],
      region: 'obalno-kraska',
      partners: [],
      blocks: [{ __component: 'blocks.quote', text: 'Citat', author: null }],
    });
    expect(dropped).toEqual([
      { field: 'cover', kind: 'media', id: 3 },
      { field: 'gallery', kind: 'media', id: 5 },
      { field: 'partners', kind: 'relation', id: 'mgrt' },
      { field: 'blocks[0].author', kind: 'relation', id: 'gzs' },
    ]);
  });

  it('keeps the current value of a field added to the model after the revision', () => {
    const { title: _title, ...older } = SNAPSHOT;
    expect(restoreData(older, PAGE, componentAttributes, everything).data).not.toHaveProperty('title');
  });

  it('collects every reference of several snapshots, per target type', () => {
    const references = referencesIn(
      [SNAPSHOT, { ...SNAPSHOT, region: 'gorenjska', gallery: [6] }],
      PAGE,
      componentAttributes,
    );
    expect(Object.fromEntries([...references.relations].map(([target, ids]) => [target, [...ids].sort()]))).toEqual({
      'api::region.region': ['gorenjska', 'obalno-kraska'],
      'api::partner.partner': ['gzs', 'mgrt'],
    });
    expect([...references.media].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe('diffSnapshots', () => {
  it('lists only the changed fields, in the order of the model', () => {
    const draft = {
      ...SNAPSHOT,
      title: 'Staro mestno jedro',
      body: 'Prvi odstavek.\n\nSpremenjen drugi odstavek.\n',
      partners: ['mgrt', 'gzs'],
      seo: { shareImage: null, metaTitle: 'Jedro' },
    };
    expect(diffSnapshots(SNAPSHOT, draft, PAGE)).toEqual([
      { field: 'title', type: 'string', kind: 'value', revision: 'Mestno jedro', draft: 'Staro mestno jedro' },
      {
        field: 'body',
        type: 'richtext',
        kind: 'lines',
        lines: [
          { change: 'unchanged', text: 'Prvi odstavek.\n\n' },
          { change: 'removed', text: 'Drugi odstavek.\n' },
          { change: 'added', text: 'Spremenjen drugi odstavek.\n' },
        ],
      },
      { field: 'partners', type: 'relation', kind: 'references', removed: [], added: ['gzs'] },
    ]);
  });

  it('compares a single media file or relation as a reference too', () => {
    expect(diffSnapshots(SNAPSHOT, { ...SNAPSHOT, cover: null, region: 'gorenjska' }, PAGE)).toEqual([
      { field: 'cover', type: 'media', kind: 'references', removed: [3], added: [] },
      { field: 'region', type: 'relation', kind: 'references', removed: ['obalno-kraska'], added: ['gorenjska'] },
    ]);
  });

  it('leaves out fields the revision does not have (added to the model since)', () => {
    const { title: _title, ...older } = SNAPSHOT;
    expect(diffSnapshots(older, { ...SNAPSHOT, title: 'Novo' }, PAGE)).toEqual([]);
  });

  it('diffs markdown by lines, so an added paragraph is one added run', () => {
    expect(lineRuns('A\n', 'A\n\nB\n')).toEqual([
      { change: 'unchanged', text: 'A\n' },
      { change: 'added', text: '\nB\n' },
    ]);
  });
});

describe('revisionsToKeep', () => {
  it('keeps 100 unless REVISIONS_KEEP says otherwise', () => {
    expect(DEFAULT_REVISIONS_KEEP).toBe(100);
    expect(revisionsToKeep({})).toBe(100);
    expect(revisionsToKeep({ REVISIONS_KEEP: ' ' })).toBe(100);
    expect(revisionsToKeep({ REVISIONS_KEEP: '3' })).toBe(3);
  });

  it.each(['0', '-1', '2.5', 'vse'])('refuses REVISIONS_KEEP=%s with a clear message', (raw) => {
    expect(() => revisionsToKeep({ REVISIONS_KEEP: raw })).toThrow(
      `REVISIONS_KEEP must be a whole number of at least 1, got "${raw}"`,
    );
  });
});

describe('isRevisioned', () => {
  it('keeps revisions of every api:: type with draft and publish, whatever its name', () => {
    const models: Record<string, ModelSchema> = {
      'api::article.article': { options: { draftAndPublish: true }, attributes: {} },
      'api::page.page': { options: { draftAndPublish: true }, attributes: {} },
      'api::navigation.navigation': { options: { draftAndPublish: true }, attributes: {} },
      'api::redirect.redirect': { options: { draftAndPublish: false }, attributes: {} },
      'plugin::upload.file': { options: { draftAndPublish: true }, attributes: {} },
    };
    expect(Object.keys(models).filter((uid) => isRevisioned(uid, models[uid]))).toEqual([
      'api::article.article',
      'api::page.page',
      'api::navigation.navigation',
    ]);
  });
});
