/**
 * The databases a suite can run Strapi on: SQLite (the embedded default, a file in the
 * instance's data folder) and PostgreSQL (production; a throw-away cluster per suite).
 * A suite asks for a database, passes `env` to startTestCms, and disposes of it afterwards.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { postgresQuery, startPostgres, type PostgresCluster } from '../../scripts/lib/postgres.ts';

export interface TestDatabase {
  label: 'SQLite' | 'PostgreSQL';
  /** Database variables for Strapi (empty for SQLite: startStrapi defaults to a file in dataDir). */
  env: NodeJS.ProcessEnv;
  /** Another empty database of the same kind (e.g. a restore target). */
  another(name: string): Promise<NodeJS.ProcessEnv>;
  dispose(): Promise<void>;
}

export type DatabaseFactory = () => Promise<TestDatabase>;

export const sqliteDatabase: DatabaseFactory = async () => ({
  label: 'SQLite',
  env: {},
  // Each Strapi data folder holds its own SQLite file, so a fresh folder is a fresh database.
  another: async () => ({}),
  dispose: async () => {},
});

export const postgresDatabase: DatabaseFactory = async () => {
  const cluster: PostgresCluster = await startPostgres();
  try {
    return {
      label: 'PostgreSQL',
      env: await cluster.createDatabase('koper_otok_test'),
      another: (name) => cluster.createDatabase(name),
      dispose: () => cluster.stop(),
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
};

/** Runs one SQL statement on Strapi's database (its SQLite file in `dataDir`, or PostgreSQL); resolves to its rows. */
export async function databaseQuery<Row>(database: TestDatabase, dataDir: string, sql: string): Promise<Row[]> {
  if (database.label === 'PostgreSQL') return postgresQuery<Row>(database.env.DATABASE_URL!, sql);
  // better-sqlite3 is Strapi's driver, a dependency of cms/; the test borrows it.
  const Sqlite = createRequire(path.join(cmsDir, 'package.json'))('better-sqlite3') as new (file: string) => {
    prepare(sql: string): { reader: boolean; all(): Row[]; run(): unknown };
    close(): void;
  };
  const sqlite = new Sqlite(path.join(dataDir, 'strapi.db'));
  try {
    const statement = sqlite.prepare(sql);
    if (statement.reader) return statement.all();
    statement.run();
    return [];
  } finally {
    sqlite.close();
  }
}

/** The names of the indexes in Strapi's database (its SQLite file in `dataDir`, or PostgreSQL's public schema). */
export async function databaseIndexes(database: TestDatabase, dataDir: string): Promise<string[]> {
  const rows = await databaseQuery<{ name: string }>(
    database,
    dataDir,
    database.label === 'SQLite'
      ? "SELECT name FROM sqlite_master WHERE type = 'index'"
      : "SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'",
  );
  return rows.map((row) => row.name);
}
