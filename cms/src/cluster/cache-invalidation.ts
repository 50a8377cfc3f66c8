import { randomUUID } from 'node:crypto';
import {
  openPostgresSession,
  postgresSettings,
  type DatabaseConfigured,
  type PostgresSession,
} from './postgres-session';

/**
 * Tells every Strapi instance on the same PostgreSQL database that a cached value is stale,
 * with PostgreSQL's LISTEN/NOTIFY.
 *
 * The instance that writes calls `changed()`: it forgets its own copy and sends NOTIFY on the
 * channel, inside the write's transaction when there is one (PostgreSQL delivers it at commit,
 * and not at all on rollback, so no instance re-reads before the change is visible). Every
 * instance listens on a session of its own and forgets its copy on each notification (the writer
 * too, which drops a copy re-read between its write and the commit). When that
 * session drops, it reconnects with growing delays and forgets its copy once reconnected (it may
 * have missed notifications meanwhile); until then the cache's own time to live bounds how long
 * a stale copy is served. On SQLite (one instance by design) `changed()` only forgets locally.
 */

/** The channel of changes to the Public role's permissions (public-role-cache.ts). */
export const PUBLIC_ROLE_CHANNEL = 'koper_otok_public_role';

// Sent as the payload, so a listener can tell its own process's notifications from the others'.
const THIS_INSTANCE = randomUUID();

export interface InvalidationOptions {
  /**
   * The writing process updates its own copy itself (Strapi's admin does so for webhooks): only
   * the other instances invalidate, and the writer skips its own notification, since a second
   * update of its copy could race with the first.
   */
  onlyOtherInstances?: boolean;
}

/** The parts of Strapi used here (Core.Strapi has them; tests pass a fake). */
export interface ClusterStrapi extends DatabaseConfigured {
  db: {
    transaction<T>(callback: (context: { trx: { raw(sql: string, bindings: unknown[]): unknown } }) => T): unknown;
  };
  log: { info(message: string): void; warn(message: string): void };
}

export interface ClusterInvalidation {
  /** A change was written here: forget the local copy and tell the other instances. */
  changed(): Promise<void>;
  /** Starts listening for the other instances' changes (no-op on SQLite). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 10_000;

/** How long to wait before reconnect attempt `attempt` (0, 1, ...): doubling, capped. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt));
}

export function invalidateAcrossInstances(
  strapi: ClusterStrapi,
  channel: string,
  invalidate: () => void,
  options: InvalidationOptions = {},
): ClusterInvalidation {
  const invalidateHere = options.onlyOtherInstances ? () => {} : invalidate;
  const settings = postgresSettings(strapi);
  if (!settings) return { changed: async () => invalidateHere(), start: async () => {}, stop: async () => {} };

  const fromElsewhere = (payload?: string) => !options.onlyOtherInstances || payload !== THIS_INSTANCE;
  const listener = listen(strapi, settings, channel, invalidate, fromElsewhere);
  return {
    async changed() {
      invalidateHere();
      // Nested in the caller's transaction when there is one (Strapi's transaction() reuses it).
      try {
        await strapi.db.transaction(({ trx }) => trx.raw('SELECT pg_notify(?, ?)', [channel, THIS_INSTANCE]));
      } catch (error) {
        // The change itself is written; the other instances then follow within the time to live.
        strapi.log.warn(
          `Cache invalidation (${channel}): could not notify other instances: ${(error as Error).message}`,
        );
      }
    },
    start: listener.start,
    stop: listener.stop,
  };
}

function listen(
  strapi: ClusterStrapi,
  settings: Record<string, unknown>,
  channel: string,
  invalidate: () => void,
  fromElsewhere: (payload?: string) => boolean,
): { start(): Promise<void>; stop(): Promise<void> } {
  let session: PostgresSession | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  let failures = 0;

  const connect = async (): Promise<void> => {
    retry = undefined;
    let opened: PostgresSession | undefined;
    try {
      opened = await openPostgresSession(strapi, settings, `koper-otok cms: ${channel} listener`);
      opened.on('error', (error) => strapi.log.warn(`Cache invalidation (${channel}): ${error.message}`));
      opened.on('end', () => lost(opened));
      opened.on('notification', (message) => {
        if (message.channel === channel && fromElsewhere(message.payload)) invalidate();
      });
      // Quoted as an identifier: LISTEN takes no bind parameters.
      await opened.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      // Once per outage: the retries that follow would repeat the same line.
      if (failures === 0)
        strapi.log.warn(
          `Cache invalidation (${channel}): cannot listen on PostgreSQL (${(error as Error).message}); ` +
            'changes made through other instances apply after the cache’s time to live until it reconnects.',
        );
      await opened?.end().catch(() => undefined);
      scheduleReconnect();
      return;
    }
    if (stopped) return void (await opened.end().catch(() => undefined));
    session = opened;
    if (failures > 0) strapi.log.info(`Cache invalidation (${channel}): listening again`);
    failures = 0;
    // Notifications sent while no session listened are lost: start from a fresh read.
    invalidate();
  };

  const scheduleReconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => void connect(), reconnectDelayMs(failures++));
    retry.unref();
  };

  const lost = (ended: PostgresSession | undefined) => {
    if (ended === undefined || session !== ended) return;
    session = undefined;
    if (stopped) return;
    strapi.log.warn(`Cache invalidation (${channel}): the listening PostgreSQL session closed; reconnecting`);
    scheduleReconnect();
  };

  return {
    start: () => connect(),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const closing = session;
      session = undefined;
      await closing?.end().catch(() => undefined);
    },
  };
}
