/**
 * The prepared-statement cache of Strapi's SQLite connections (cms/src/patches/sqlite-statement-cache.ts),
 * on a real in-memory better-sqlite3 database: the same SQL is prepared once, results follow the
 * bindings, the cache stays bounded, a schema change is picked up, and config/database.ts
 * installs the cache on every new SQLite connection, which is where Strapi's own database layer
 * (knex's better-sqlite3 client) prepares each query.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { cachePreparedStatements } from '../../cms/src/patches/sqlite-statement-cache';
import databaseConfig from '../../cms/config/database';

type Statement = { all(...params: unknown[]): Record<string, unknown>[]; run(...params: unknown[]): unknown };
type Database = { prepare(sql: string): Statement; exec(sql: string): void; close(): void };
const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));
const BetterSqlite3 = requireFromCms('better-sqlite3') as { new (file: string): Database; prototype: Database };

/** Config env() answering each key with its fallback, or with the given value. */
function fakeEnv(values: Record<string, string> = {}) {
  return Object.assign((key: string, fallback?: unknown) => values[key] ?? fallback, {
    oneOf: (_key: string, _values: string[], fallback: string) => fallback,
    int: (_key: string, fallback: number) => fallback,
    bool: (_key: string, fallback: boolean) => fallback,
  });
}

function countingDatabase() {
  const db = new BetterSqlite3(':memory:');
  db.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY, slug TEXT)');
  db.exec("INSERT INTO articles (slug) VALUES ('prva'), ('druga'), ('tretja')");
  const native = db.prepare.bind(db);
  const prepared: string[] = [];
  db.prepare = (sql: string) => {
    prepared.push(sql);
    return native(sql);
  };
  return { db, prepared };
}

describe('SQLite prepared-statement cache', () => {
  it('prepares repeated SQL once and answers each call with its own bindings', () => {
    const { db, prepared } = countingDatabase();
    cachePreparedStatements(db);
    const bySlug = (slug: string) => db.prepare('SELECT id FROM articles WHERE slug = ?').all(slug);
    expect(bySlug('prva')).toEqual([{ id: 1 }]);
    expect(bySlug('tretja')).toEqual([{ id: 3 }]);
    expect(bySlug('manjka')).toEqual([]);
    expect(prepared).toHaveLength(1);
    db.close();
  });

  it('keeps at most `size` statements, dropping the least recently used', () => {
    const { db, prepared } = countingDatabase();
    cachePreparedStatements(db, 2);
    const sql = (n: number) => `SELECT ${n} AS n`;
    db.prepare(sql(1));
    db.prepare(sql(2));
    db.prepare(sql(1)); // 1 is now the most recently used
    db.prepare(sql(3)); // evicts 2
    db.prepare(sql(1));
    expect(prepared).toEqual([sql(1), sql(2), sql(3)]);
    db.prepare(sql(2));
    expect(prepared).toEqual([sql(1), sql(2), sql(3), sql(2)]);
    db.close();
  });

  it('sees a column added after the statement was cached', () => {
    const { db } = countingDatabase();
    cachePreparedStatements(db);
    const all = () => db.prepare('SELECT * FROM articles WHERE id = ?').all(1);
    expect(all()).toEqual([{ id: 1, slug: 'prva' }]);
    db.exec("ALTER TABLE articles ADD COLUMN title TEXT DEFAULT 'Naslov'");
    expect(all()).toEqual([{ id: 1, slug: 'prva', title: 'Naslov' }]);
    db.close();
  });

  it('is installed on every SQLite connection by config/database.ts, and not on PostgreSQL', () => {
    const env = fakeEnv();
    const config = databaseConfig({ env } as never) as {
      connection: {
        client: string;
        pool?: { afterCreate?: (c: unknown, done: (e: Error | null, c: unknown) => void) => void };
      };
    };
    expect(config.connection.client).toBe('sqlite');
    const { db, prepared } = countingDatabase();
    let handedBack: unknown;
    config.connection.pool!.afterCreate!(db, (error, connection) => {
      expect(error).toBeNull();
      handedBack = connection;
    });
    expect(handedBack).toBe(db);
    db.prepare('SELECT 1');
    db.prepare('SELECT 1');
    expect(prepared).toHaveLength(1);
    db.close();

    const postgresEnv = Object.assign(env, { oneOf: () => 'postgres' });
    const postgres = databaseConfig({ env: postgresEnv } as never) as {
      connection: { client: string; pool?: { afterCreate?: unknown } };
    };
    expect(postgres.connection.client).toBe('postgres');
    expect(postgres.connection.pool?.afterCreate).toBeUndefined();
  });

  it("serves the statements of Strapi's own database connection (knex prepares each query)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'statement-cache-'));
    const config = databaseConfig({ env: fakeEnv({ DATABASE_FILENAME: path.join(dir, 'strapi.db') }) } as never);
    const native = BetterSqlite3.prototype.prepare;
    const prepared: string[] = [];
    BetterSqlite3.prototype.prepare = function (this: Database, sql: string) {
      prepared.push(sql);
      return native.call(this, sql);
    };
    const { Database: StrapiDatabase } = requireFromCms('@strapi/database') as {
      Database: new (config: unknown) => {
        connection: { raw(sql: string, bindings: unknown[]): Promise<unknown> };
        destroy(): Promise<void>;
      };
    };
    const db = new StrapiDatabase({
      connection: config.connection,
      settings: { migrations: { dir: path.join(dir, 'migrations') } },
    });
    try {
      expect(await db.connection.raw('SELECT ? AS n', [1])).toEqual([{ n: 1 }]);
      expect(await db.connection.raw('SELECT ? AS n', [2])).toEqual([{ n: 2 }]);
      expect(prepared.filter((sql) => sql === 'SELECT ? AS n')).toHaveLength(1);
    } finally {
      BetterSqlite3.prototype.prepare = native;
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
