/**
 * The databases a suite can run Strapi on: SQLite (the embedded default, a file in the
 * instance's data folder) and PostgreSQL (production; a throw-away cluster per suite).
 * A suite asks for a database, passes `env` to startTestCms, and disposes of it afterwards.
 */
import { startPostgres, type PostgresCluster } from '../../scripts/lib/postgres.ts';

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
