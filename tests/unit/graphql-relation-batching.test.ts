/**
 * cms/src/patches/graphql-relation-batching.ts on Strapi's real database layer (@strapi/database on
 * a temporary SQLite file, two small models): the repository `load` it wraps exists, and loads
 * of one field asked together are answered by one query with exactly what each single load
 * returns, including each entry's own limit/offset page. tests/integration/graphql-relations.test.ts
 * checks the same through GraphQL on the real content model.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { batchRelationLoads } from '../../cms/src/patches/graphql-relation-batching';

// init() also takes models as Strapi hands them over: its own type describes them after the
// metadata has filled in join tables.
type Database = Core.Strapi['db'] & { init(options: { models: object[] }): Promise<unknown> };
type Row = { id: number; [field: string]: unknown };

const { Database: StrapiDatabase } = createRequire(path.join(cmsDir, 'package.json'))('@strapi/database') as {
  Database: new (config: unknown) => Database;
};

const TAG = 'api::tag.tag';
const POST = 'api::post.post';
const MODELS = [
  {
    uid: TAG,
    singularName: 'tag',
    tableName: 'tags',
    attributes: { id: { type: 'increments' }, name: { type: 'string' } },
  },
  {
    uid: POST,
    singularName: 'post',
    tableName: 'posts',
    attributes: {
      id: { type: 'increments' },
      title: { type: 'string' },
      tags: { type: 'relation', relation: 'manyToMany', target: TAG },
      lead: { type: 'relation', relation: 'manyToOne', target: TAG },
    },
  },
];
const byName = { orderBy: { name: 'asc' } };

let dir: string;
let db: Database;
let posts: Row[];
const statements: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relation-batching-'));
  const silent = { info() {}, warn() {}, debug() {}, error() {} };
  db = new StrapiDatabase({
    connection: { client: 'sqlite', connection: { filename: path.join(dir, 'test.db') }, useNullAsDefault: true },
    settings: { migrations: { dir: path.join(dir, 'migrations') } },
    logger: silent,
  });
  await db.init({ models: MODELS });
  await db.schema.sync();
  // The entity manager's writes reach Strapi through the global, as in a running Strapi.
  Object.assign(globalThis, { strapi: { db } });
  const tags: Row[] = [];
  for (const name of ['d', 'c', 'b', 'a']) tags.push(await db.query(TAG).create({ data: { name } }));
  const ids = (...indexes: number[]) => indexes.map((index) => tags[index].id);
  posts = [
    await db.query(POST).create({ data: { title: 'three tags', tags: ids(0, 1, 2), lead: tags[0].id } }),
    await db.query(POST).create({ data: { title: 'one tag', tags: ids(3), lead: tags[3].id } }),
    await db.query(POST).create({ data: { title: 'no tags', tags: [] } }),
  ];
  db.connection.on('query', (query: { sql: string }) => statements.push(query.sql));
});

afterAll(async () => {
  Reflect.deleteProperty(globalThis, 'strapi');
  await db?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the loads together, as the resolvers of one page do, and counts their SQL statements. */
async function loadTogether(field: string, params: Record<string, unknown>) {
  statements.length = 0;
  const results = await Promise.all(posts.map((post) => db.query(POST).load(post, field, params)));
  return { results, statements: statements.length };
}

describe('batched relation loads on Strapi’s database layer', () => {
  let single: Record<string, { results: unknown[]; statements: number }>;
  const cases: Record<string, [string, Record<string, unknown>]> = {
    'to-many': ['tags', byName],
    'to-many, second page of one': ['tags', { ...byName, limit: 1, offset: 1 }],
    'to-one': ['lead', {}],
  };

  beforeAll(async () => {
    expect(typeof db.query(POST).load).toBe('function');
    single = {};
    for (const [name, [field, params]] of Object.entries(cases)) single[name] = await loadTogether(field, params);
    expect(batchRelationLoads(db, [POST, TAG])).toBe(true);
  });

  it.each(Object.keys(cases))('%s: each entry gets what its own load returned', async (name) => {
    const [field, params] = cases[name];
    expect((await loadTogether(field, params)).results).toEqual(single[name].results);
  });

  it('asks the database once per field for the whole page instead of once per entry', async () => {
    expect(single['to-many'].results.map((tags) => (tags as Row[]).map((tag) => tag.name))).toEqual([
      ['b', 'c', 'd'],
      ['a'],
      [],
    ]);
    const batched = await loadTogether('tags', byName);
    expect(batched.statements).toBeLessThan(single['to-many'].statements);
    expect(batched.statements * posts.length).toBeLessThanOrEqual(single['to-many'].statements);
  });
});
