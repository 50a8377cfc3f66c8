// cms/src/cluster/: what several Strapi instances share, decided from Strapi's database settings.
// The PostgreSQL side (lock, LISTEN/NOTIFY, reconnecting) runs against a real server in
// tests/integration/cluster-postgres.test.ts.
import { describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { invalidateAcrossInstances, type ClusterStrapi } from '../../cms/src/cluster/cache-invalidation';
import { reconnectDelayMs } from '../../cms/src/cluster/notification-listener';
import { postgresSettings } from '../../cms/src/cluster/postgres-session';
import { acquireStartupLock, releaseStartupLock } from '../../cms/src/cluster/startup-lock';

function strapiOn(client: string, connection: Record<string, unknown> = {}) {
  const logs: string[] = [];
  const strapi: ClusterStrapi = {
    config: {
      get: (key) =>
        ({ 'database.connection.client': client, 'database.connection.connection': connection })[key] ?? undefined,
    },
    dirs: { app: { root: cmsDir } },
    db: {
      transaction: () => {
        throw new Error('SQLite must not be asked to notify');
      },
    },
    log: { info: (message) => void logs.push(message), warn: (message) => void logs.push(message) },
  };
  return { strapi, logs };
}

describe('postgresSettings', () => {
  it("returns Strapi's own PostgreSQL connection settings, so side sessions connect exactly as knex does", () => {
    const connection = { connectionString: 'postgres://u:p@127.0.0.1:5432/db', schema: 'public' };
    expect(postgresSettings(strapiOn('postgres', connection).strapi)).toBe(connection);
  });

  it('returns null on SQLite: one process, nothing to share', () => {
    expect(postgresSettings(strapiOn('sqlite', { filename: 'x.db' }).strapi)).toBeNull();
  });
});

describe('reconnectDelayMs', () => {
  it('starts short and doubles, so a restarted server is listened to again within a second', () => {
    expect([0, 1, 2].map(reconnectDelayMs)).toEqual([250, 500, 1_000]);
  });

  it('is capped, so a long outage is retried every few seconds rather than ever more rarely', () => {
    expect(reconnectDelayMs(30)).toBe(10_000);
    expect(reconnectDelayMs(1_000)).toBe(10_000);
  });
});

describe('on SQLite', () => {
  it('a change only forgets the local copy, and there is nothing to listen to', async () => {
    const { strapi, logs } = strapiOn('sqlite');
    let invalidated = 0;
    const cluster = invalidateAcrossInstances(strapi, 'channel', () => invalidated++);
    await cluster.start();
    await cluster.changed();
    await cluster.stop();
    expect(invalidated).toBe(1);
    expect(logs).toEqual([]);
  });

  it('the start-up lock is not taken', async () => {
    const { strapi, logs } = strapiOn('sqlite');
    await acquireStartupLock(strapi);
    await releaseStartupLock(strapi);
    expect(logs).toEqual([]);
  });
});
