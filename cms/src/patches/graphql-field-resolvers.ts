import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Keeps plain GraphQL fields synchronous: Strapi's wrapper stays only where it guards something.
 *
 * Strapi's GraphQL plugin wraps the resolver of every field of every object type (wrapResolvers
 * in @strapi/plugin-graphql) in an async function that checks auth, runs the field's middlewares
 * and builds a policy context for its policies. On a field outside Query/Mutation/Subscription
 * with no resolver config (no auth, no middlewares, no policies) all three are no-ops, so the
 * wrapper only turns a property read such as `Article.title` into a promise, and graphql-js then
 * resolves every object asynchronously, a large share of the API's time under load
 * (bench/README.md has the figures).
 *
 * Strapi's own wrapResolvers still runs and still wraps every field that has a guard or is a root
 * field, so auth, middlewares and policies (our published-only policy on the Query fields) behave
 * exactly as before. Only fields it wrapped that match the no-op case get their resolver back.
 */

interface FieldLike {
  name: string;
  resolve?: (source: unknown, ...rest: unknown[]) => unknown;
}
interface SchemaLike {
  getTypeMap(): Record<string, { getFields?: () => Record<string, FieldLike> }>;
}
interface WrapOptions {
  schema: SchemaLike;
  extension?: { resolversConfig?: Record<string, unknown> };
  [key: string]: unknown;
}
type WrapResolvers = (options: WrapOptions) => SchemaLike;
interface WrapResolversModule {
  wrapResolvers: WrapResolvers;
}

/** Where the graphql plugin keeps wrapResolvers (its index calls it through this module object). */
export const WRAP_RESOLVERS_FILE = 'dist/server/services/content-api/wrap-resolvers.js';
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const INSTALLED = Symbol.for('koper-otok.graphql-field-resolvers');

/**
 * Installs the narrowing around Strapi's wrapResolvers. Call in register(): the schema is built
 * in the graphql plugin's bootstrap. Returns false (and the caller logs it) if this Strapi keeps
 * wrapResolvers elsewhere, in which case every field simply stays wrapped.
 */
export function keepUnguardedFieldsSynchronous(appRoot: string): boolean {
  const wrapModule = loadWrapResolversModule(appRoot);
  if (!wrapModule) return false;
  const wrapAll = wrapModule.wrapResolvers as WrapResolvers & { [INSTALLED]?: true };
  if (wrapAll[INSTALLED]) return true;
  const narrowed = Object.assign((options: WrapOptions) => wrapGuardedFieldsOnly(wrapAll, options), {
    [INSTALLED]: true as const,
  });
  wrapModule.wrapResolvers = narrowed;
  return true;
}

function loadWrapResolversModule(appRoot: string): WrapResolversModule | null {
  try {
    const requireFromApp = createRequire(path.join(appRoot, 'package.json'));
    const pluginRoot = path.dirname(requireFromApp.resolve('@strapi/plugin-graphql/package.json'));
    const wrapModule = requireFromApp(path.join(pluginRoot, WRAP_RESOLVERS_FILE)) as Partial<WrapResolversModule>;
    return typeof wrapModule.wrapResolvers === 'function' ? (wrapModule as WrapResolversModule) : null;
  } catch {
    return null;
  }
}

/** Runs Strapi's wrapResolvers, then gives each no-op-wrapped field its own resolver back. */
export function wrapGuardedFieldsOnly(wrapAll: WrapResolvers, options: WrapOptions): SchemaLike {
  const resolversConfig = options.extension?.resolversConfig ?? {};
  const before = unguardedFields(options.schema, resolversConfig);
  const schema = wrapAll(options);
  for (const { field, resolve } of before) {
    // Only fields Strapi actually wrapped; anything it left alone stays as it is.
    if (field.resolve !== resolve) field.resolve = resolve ?? readProperty(field.name);
  }
  return schema;
}

function unguardedFields(schema: SchemaLike, resolversConfig: Record<string, unknown>) {
  const fields: { field: FieldLike; resolve: FieldLike['resolve'] }[] = [];
  for (const [typeName, type] of Object.entries(schema.getTypeMap())) {
    if (ROOT_TYPES.has(typeName) || typeName.startsWith('__') || typeof type.getFields !== 'function') continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('__') || hasResolverConfig(resolversConfig, typeName, field.name)) continue;
      fields.push({ field, resolve: field.resolve });
    }
  }
  return fields;
}

/** Any config at all (either key form Strapi's lodash path lookup accepts) keeps the wrapper. */
function hasResolverConfig(resolversConfig: Record<string, unknown>, typeName: string, fieldName: string): boolean {
  const byType = resolversConfig[typeName] as Record<string, unknown> | undefined;
  return (
    resolversConfig[`${typeName}.${fieldName}`] !== undefined ||
    (typeof byType === 'object' && byType !== null && byType[fieldName] !== undefined)
  );
}

/** What Strapi's wrapper falls back to for a field without a resolver (lodash `get(fieldName)`). */
function readProperty(name: string) {
  return (source: unknown) => (source == null ? undefined : (source as Record<string, unknown>)[name]);
}
