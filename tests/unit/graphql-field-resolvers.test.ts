// cms/src/patches/graphql-field-resolvers.ts against Strapi's own wrapResolvers (the real module of
// the installed @strapi/plugin-graphql), on a small schema: plain fields get their resolver back,
// while root fields keep their auth check and a field with a policy keeps its policy.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  keepUnguardedFieldsSynchronous,
  WRAP_RESOLVERS_FILE,
  wrapGuardedFieldsOnly,
} from '../../cms/src/patches/graphql-field-resolvers';

const cmsDir = path.resolve(import.meta.dirname, '../../cms');
const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));
const pluginRoot = path.dirname(requireFromCms.resolve('@strapi/plugin-graphql/package.json'));
// The CommonJS graphql that Strapi's module uses: its `instanceof` checks need the same copy.
const graphql = createRequire(path.join(pluginRoot, 'package.json'))('graphql') as typeof import('graphql');
const wrapModule = () => requireFromCms(path.join(pluginRoot, WRAP_RESOLVERS_FILE));
const { wrapResolvers } = wrapModule() as {
  wrapResolvers: (options: Record<string, unknown>) => import('graphql').GraphQLSchema;
};

const ARTICLE = { title: 'Obnova Taverne', internalNote: 'samo za uredništvo' };

function fixture() {
  const schema = graphql.buildSchema(`
    type Article { title: String internalNote: String }
    type Query { article: Article }
  `);
  schema.getQueryType()!.getFields().article.resolve = () => ARTICLE;
  const calls = { verify: 0, policy: 0 };
  const strapi = {
    auth: { verify: async () => void calls.verify++ },
    get: (name: string) => {
      if (name !== 'policies') throw new Error(`unexpected registry ${name}`);
      return { resolve: (handlers: unknown[]) => handlers.map((handler) => ({ handler, config: {} })) };
    },
  };
  const denyPolicy = () => {
    calls.policy++;
    return false;
  };
  const extension = { resolversConfig: { 'Article.internalNote': { policies: [denyPolicy] } } };
  return { schema, strapi, extension, calls };
}

const articleField = (schema: import('graphql').GraphQLSchema, name: string) =>
  (schema.getType('Article') as import('graphql').GraphQLObjectType).getFields()[name];

async function run(schema: import('graphql').GraphQLSchema, source: string) {
  return graphql.graphql({ schema, source, contextValue: { state: { auth: { strategy: 'test' } } } });
}

describe('GraphQL fields without auth, middlewares or policies', () => {
  it('are wrapped in a promise by Strapi itself (what this module exists to undo)', () => {
    const { schema, strapi, extension } = fixture();
    wrapResolvers({ schema, strapi, extension });
    expect(articleField(schema, 'title').resolve!(ARTICLE, {}, {}, {} as never)).toBeInstanceOf(Promise);
  });

  it('read their value synchronously once narrowed', () => {
    const { schema, strapi, extension } = fixture();
    wrapGuardedFieldsOnly(wrapResolvers as never, { schema: schema as never, strapi, extension });
    expect(articleField(schema, 'title').resolve!(ARTICLE, {}, {}, {} as never)).toBe('Obnova Taverne');
    expect(articleField(schema, 'title').resolve!(null, {}, {}, {} as never)).toBeUndefined();
  });

  it('still answer the query with the same data', async () => {
    const { schema, strapi, extension } = fixture();
    wrapGuardedFieldsOnly(wrapResolvers as never, { schema: schema as never, strapi, extension });
    const result = await run(schema, '{ article { title } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ article: { title: 'Obnova Taverne' } });
  });
});

describe("guarded GraphQL fields keep Strapi's wrapper", () => {
  it('a root field still goes through the auth check', async () => {
    const { schema, strapi, extension, calls } = fixture();
    wrapGuardedFieldsOnly(wrapResolvers as never, { schema: schema as never, strapi, extension });
    await run(schema, '{ article { title } }');
    expect(calls.verify).toBe(1);
  });

  it('a field with a policy still runs it and is refused', async () => {
    const { schema, strapi, extension, calls } = fixture();
    wrapGuardedFieldsOnly(wrapResolvers as never, { schema: schema as never, strapi, extension });
    const result = await run(schema, '{ article { title internalNote } }');
    expect(calls.policy).toBe(1);
    expect(result.errors?.map((error) => error.path?.join('.'))).toEqual(['article.internalNote']);
    expect(result.data).toEqual({ article: { title: 'Obnova Taverne', internalNote: null } });
  });

  it('a field with config given per type (nested form) keeps its wrapper too', () => {
    const { schema, strapi } = fixture();
    const extension = { resolversConfig: { Article: { title: { middlewares: [] } } } };
    wrapGuardedFieldsOnly(wrapResolvers as never, { schema: schema as never, strapi, extension });
    expect(articleField(schema, 'title').resolve!(ARTICLE, {}, { state: {} }, {} as never)).toBeInstanceOf(Promise);
    expect(articleField(schema, 'internalNote').resolve!(ARTICLE, {}, { state: {} }, {} as never)).toBe(
      'samo za uredništvo',
    );
  });
});

describe('installing the narrowing', () => {
  it("patches what Strapi's content API calls: the wrapResolvers export, read from its module at each call", () => {
    expect(typeof wrapResolvers).toBe('function');
    // Replacing the export only takes effect if the caller looks it up on the module object
    // each time, not if it kept its own reference when it was loaded.
    const caller = readFileSync(path.join(pluginRoot, path.dirname(WRAP_RESOLVERS_FILE), 'index.js'), 'utf8');
    const moduleVariable = /var (\w+) = require\('\.\/wrap-resolvers\.js'\);/.exec(caller)?.[1];
    expect(moduleVariable).toBeDefined();
    expect(caller).toContain(`${moduleVariable}.wrapResolvers({`);
  });

  it('finds wrapResolvers in the installed Strapi and installs once', () => {
    expect(keepUnguardedFieldsSynchronous(cmsDir)).toBe(true);
    const installed = wrapModule().wrapResolvers;
    expect(installed).not.toBe(wrapResolvers);
    expect(keepUnguardedFieldsSynchronous(cmsDir)).toBe(true);
    expect(wrapModule().wrapResolvers).toBe(installed);
  });

  it('reports a Strapi without that module instead of failing', () => {
    expect(keepUnguardedFieldsSynchronous('/nonexistent-app')).toBe(false);
  });
});
