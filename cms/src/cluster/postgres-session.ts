import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * A PostgreSQL connection of its own, outside Strapi's pool, for what must hold one session:
 * the start-up lock (an advisory lock belongs to the session that took it) and LISTEN (a
 * listening session must stay open, and must not be handed to other queries by the pool).
 * It connects with exactly the settings Strapi's knex uses (config/database.ts), through the
 * `pg` driver Strapi itself depends on. On SQLite there is nothing to share between processes.
 */

/** The parts of a `pg` Client used here. */
export interface PostgresSession {
  connect(): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  end(): Promise<void>;
}
type PgModule = { Client: new (settings: Record<string, unknown>) => PostgresSession };

/** What is read from Strapi (Core.Strapi has it; tests pass a fake). */
export interface DatabaseConfigured {
  config: { get(path: string): unknown };
  dirs: { app: { root: string } };
}

const POSTGRES_CLIENTS = new Set(['postgres', 'pg', 'postgresql']);

/** Strapi's PostgreSQL connection settings, or null when the database is not PostgreSQL. */
export function postgresSettings(strapi: DatabaseConfigured): Record<string, unknown> | null {
  const client = strapi.config.get('database.connection.client');
  if (typeof client !== 'string' || !POSTGRES_CLIENTS.has(client)) return null;
  const connection = strapi.config.get('database.connection.connection');
  return typeof connection === 'object' && connection !== null ? (connection as Record<string, unknown>) : {};
}

/**
 * Opens a session named `applicationName` (shown in pg_stat_activity, so an operator can tell
 * what holds a lock or listens). TCP keep-alive makes a vanished server noticed without traffic.
 */
export async function openPostgresSession(
  strapi: DatabaseConfigured,
  settings: Record<string, unknown>,
  applicationName: string,
): Promise<PostgresSession> {
  // Resolved from the app folder: pg is a dependency of cms/ (Strapi's PostgreSQL driver).
  const pg = createRequire(path.join(strapi.dirs.app.root, 'package.json'))('pg') as PgModule;
  const session = new pg.Client({ ...settings, application_name: applicationName, keepAlive: true });
  await session.connect();
  return session;
}
