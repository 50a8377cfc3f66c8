import { randomUUID } from 'node:crypto';
import { postgresSettings } from './postgres-session';
import { notificationListener, type ListeningStrapi } from './notification-listener';

/**
 * Tells every Strapi instance on the same PostgreSQL database that a cached value is stale,
 * with PostgreSQL's LISTEN/NOTIFY.
 *
 * The instance that writes calls `changed()`: it forgets its own copy and sends NOTIFY on the
 * channel, inside the write's transaction when there is one (PostgreSQL delivers it at commit,
 * and not at all on rollback, so no instance re-reads before the change is visible). Every
 * instance listens (notification-listener.ts: one session per process) and forgets its copy on
 * each notification (the writer too, which drops a copy re-read between its write and the
 * commit). While the listening session is down and reconnecting, the cache's own time to live
 * bounds how long a stale copy is served; once it listens again, every copy is forgotten. On
 * SQLite (one instance by design) `changed()` only forgets locally.
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
export interface ClusterStrapi extends ListeningStrapi {
  db: {
    transaction<T>(callback: (context: { trx: { raw(sql: string, bindings: unknown[]): unknown } }) => T): unknown;
  };
}

export interface ClusterInvalidation {
  /** A change was written here: forget the local copy and tell the other instances. */
  changed(): Promise<void>;
  /** Starts listening for the other instances' changes (no-op on SQLite). */
  start(): Promise<void>;
  stop(): Promise<void>;
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

  const listener = notificationListener(strapi, settings);
  const fromElsewhere = (payload?: string) => !options.onlyOtherInstances || payload !== THIS_INSTANCE;
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
    start: () =>
      listener.follow(channel, (payload) => {
        if (fromElsewhere(payload)) invalidate();
      }),
    stop: () => listener.unfollow(channel),
  };
}
