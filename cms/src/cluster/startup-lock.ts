import {
  openPostgresSession,
  postgresSettings,
  type DatabaseConfigured,
  type PostgresSession,
} from './postgres-session';

/**
 * Lets one Strapi instance at a time run its start-up on a shared PostgreSQL database.
 *
 * Strapi's start-up creates or changes the schema, then the plugins and our bootstrap create
 * roles, the administrator, the demo content, the build token and the rebuild webhook. Each of
 * those steps checks before it creates, but two instances starting together would both check
 * before either created, and both create. So `register()` (which Strapi awaits before it touches
 * the database) takes a session-level advisory lock, and the end of `bootstrap()` releases it: a
 * second instance waits, then finds every step done. If a start-up fails or the process dies,
 * closing the session releases the lock, so a crashed instance never blocks the others.
 * On SQLite (one instance by design) nothing is locked.
 */

/** The advisory lock's key: any fixed number, the same in every instance of this CMS. */
export const STARTUP_LOCK_KEY = 4_721_903_311;

export const WAITING_MESSAGE = 'Waiting for another instance to finish starting (PostgreSQL advisory lock)';

export interface LockingStrapi extends DatabaseConfigured {
  log: { info(message: string): void; warn(message: string): void };
}

const heldBy = new WeakMap<object, PostgresSession>();

/** Takes the start-up lock (waiting for another instance to release it). No-op on SQLite. */
export async function acquireStartupLock(strapi: LockingStrapi): Promise<void> {
  const settings = postgresSettings(strapi);
  if (!settings || heldBy.has(strapi)) return;
  let session: PostgresSession;
  try {
    session = await openPostgresSession(strapi, settings, 'koper-otok cms: start-up lock');
  } catch (error) {
    throw new Error(
      `Could not connect to PostgreSQL to take the start-up lock: ${(error as Error).message}. ` +
        'Check DATABASE_URL (or DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD) and that the database server is running.',
      { cause: error },
    );
  }
  session.on('error', (error) => strapi.log.warn(`Start-up lock: the PostgreSQL session failed: ${error.message}`));
  const [{ locked }] = (
    await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [STARTUP_LOCK_KEY])
  ).rows;
  if (!locked) {
    strapi.log.info(WAITING_MESSAGE);
    await session.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    strapi.log.info('The other instance has finished starting; continuing');
  }
  heldBy.set(strapi, session);
}

/** Releases the lock and closes its session. Safe to call more than once, and on SQLite. */
export async function releaseStartupLock(strapi: LockingStrapi): Promise<void> {
  const session = heldBy.get(strapi);
  if (!session) return;
  heldBy.delete(strapi);
  // Ending the session releases the lock even if the unlock fails, so a failure is only logged.
  try {
    await session.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
  } catch (error) {
    strapi.log.warn(`Start-up lock: unlocking failed (${(error as Error).message}); closing the session releases it.`);
  } finally {
    await session.end().catch(() => undefined);
  }
}
