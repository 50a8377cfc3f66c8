import type { Core } from '@strapi/strapi';

type Database = Core.Strapi['db'];

/**
 * Batches the relation loads of Strapi's GraphQL resolvers (a DataLoader at the database layer).
 *
 * Strapi resolves every relation and media field of every entry with its own
 * `strapi.db.query(uid).load(entry, field, query)`: two SQL statements per field per entry, so
 * a page of articles with regions, partners, workshops and a cover costs eight statements per
 * article, most of the site build's fetch time.
 *
 * Here every `load` of the same field with the same query that arrives in one turn of the
 * event loop (the resolvers of one page of results run together) is answered by a single
 * `findMany` over all their entries, populated once. Strapi's resolver keeps doing everything
 * else as before: argument validation, sanitising, draft/published filters and the response.
 *
 * A per-entry `limit`/`offset` would cut the combined list instead of each entry's own list, so
 * the batch loads the whole (ordered) relation and slices each entry's part the way the single
 * query would have. Loads inside a transaction, counts and multi-field loads are not batched.
 */

type LoadParams = Record<string, unknown> & { limit?: number; offset?: number; count?: boolean };
type Entity = { id?: number | string | null };
// Narrower than the repository's own signature (which takes `any`), and assignable to it.
type Load = (entity: Entity, fields: string | string[], params?: LoadParams) => Promise<unknown>;

interface PendingLoad {
  id: number | string;
  limit?: number;
  offset?: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Batch {
  field: string;
  params: Record<string, unknown>;
  loads: PendingLoad[];
}

/** More entries than this in one batch are loaded in several queries (bound parameters). */
const MAX_BATCH = 500;

/**
 * Wraps the `load` of each type's repository. Call in bootstrap(): repositories exist once the
 * database has its models. Returns false, changing nothing, if a repository has no `load`
 * (relations then load one entry at a time, as in plain Strapi).
 */
export function batchRelationLoads(db: Database, uids: string[]): boolean {
  const repositories = uids.map((uid) => ({ uid, repository: db.query(uid) }));
  if (!repositories.every(({ repository }) => typeof repository.load === 'function')) return false;
  for (const { uid, repository } of repositories) {
    repository.load = batchingLoad(db, uid, repository.load.bind(repository));
  }
  return true;
}

function batchingLoad(db: Database, uid: string, single: Load): Load {
  const pending = new Map<string, Batch>();

  return (entity, fields, params = {}) => {
    const { limit, offset, ...shared } = params;
    const key = batchKey(fields, shared);
    if (key === null || entity?.id == null || db.inTransaction()) return single(entity, fields, params);
    let batch = pending.get(key);
    if (!batch) {
      batch = { field: fields as string, params: shared, loads: [] };
      pending.set(key, batch);
      // After this turn's resolvers have all asked: the whole page becomes one query.
      setImmediate(() => {
        pending.delete(key);
        void runBatch(db, uid, batch!);
      });
    }
    return new Promise((resolve, reject) => batch!.loads.push({ id: entity.id!, limit, offset, resolve, reject }));
  };
}

/** Loads that may share a query (all but limit/offset): one field, no count, a query that serialises. */
function batchKey(fields: string | string[], shared: Omit<LoadParams, 'limit' | 'offset'>): string | null {
  if (typeof fields !== 'string' || shared.count) return null;
  try {
    return `${fields}\u0000${JSON.stringify(shared)}`;
  } catch {
    return null;
  }
}

async function runBatch(db: Database, uid: string, batch: Batch): Promise<void> {
  for (let start = 0; start < batch.loads.length; start += MAX_BATCH) {
    const loads = batch.loads.slice(start, start + MAX_BATCH);
    try {
      const rows: Array<Record<string, unknown> & { id: number | string }> = await db.query(uid).findMany({
        select: ['id'],
        where: { id: { $in: [...new Set(loads.map((load) => load.id))] } },
        populate: { [batch.field]: Object.keys(batch.params).length > 0 ? batch.params : true },
      });
      const byId = new Map(rows.map((row) => [String(row.id), row[batch.field]]));
      for (const load of loads) {
        load.resolve(byId.has(String(load.id)) ? page(byId.get(String(load.id)), load) : null);
      }
    } catch (error) {
      for (const load of loads) load.reject(error);
    }
  }
}

/** One entry's part of a to-many relation, as its own limit/offset query would return it. */
function page(value: unknown, { limit, offset }: PendingLoad): unknown {
  if (!Array.isArray(value)) return value;
  const from = Math.max(0, offset ?? 0);
  return value.slice(from, limit == null || limit < 0 ? undefined : from + limit);
}
