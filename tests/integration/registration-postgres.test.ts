/**
 * The registration form's shared state on PostgreSQL, production's database, under the races
 * several Strapi instances make: a real Strapi creates its tables, then two more connection
 * pools (two more instances) run the guard's and the retention's statements at once. Counting
 * loses no attempt, a proof passes once, and the daily retention run is claimed by one. The same
 * rules on SQLite, one by one: tests/unit/registration-guard.test.ts and registration-retention.test.ts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { countAttempt, useProofOnce } from '../../cms/src/registration-guard/guard-store';
import { claimToday } from '../../cms/src/registration-retention/daily-claim';
import { startTestCms, type TestCms } from '../helpers/cms';
import { postgresDatabase, type TestDatabase } from '../helpers/databases';

// knex and pg are Strapi's own database layer, dependencies of cms/.
type Knex = { raw(sql: string, bindings: unknown[]): Promise<unknown>; destroy(): Promise<void> };
const knex = createRequire(path.join(cmsDir, 'package.json'))('knex') as (config: object) => Knex;

const CONCURRENT = 40;

let db: TestDatabase;
let cms: TestCms;
let instances: { connection: Knex }[] = [];

beforeAll(async () => {
  db = await postgresDatabase();
  // Strapi creates the tables from its models; it keeps running as one more instance.
  cms = await startTestCms({ env: db.env });
  instances = [1, 2].map(() => ({
    connection: knex({ client: 'pg', connection: db.env.DATABASE_URL, pool: { min: 0, max: 10 } }),
  }));
}, 180_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.connection.destroy()));
  await cms?.dispose();
  await db?.dispose();
});

/** `count` calls of `run` at once, alternating between the two instances. */
const atOnce = <T>(count: number, run: (instance: { connection: Knex }) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => run(instances[i % instances.length])));

describe('registration state shared by several instances on PostgreSQL', () => {
  it(`counts ${CONCURRENT} attempts of one address at once as 1 to ${CONCURRENT}: none lost, none twice`, async () => {
    const now = new Date();
    const counts = await atOnce(CONCURRENT, (instance) =>
      countAttempt(instance, { scope: 'address', keyHash: 'race-key', windowMs: 600_000, now }),
    );
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: CONCURRENT }, (_, i) => i + 1));
  });

  it(`lets one of ${CONCURRENT} simultaneous uses of the same proof through`, async () => {
    const usedUntil = new Date(Date.now() + 600_000);
    const passed = await atOnce(CONCURRENT, (instance) => useProofOnce(instance, 'race-proof', usedUntil));
    expect(passed.filter(Boolean)).toHaveLength(1);
  });

  it('gives the day of a daily task to one instance, and the next day to one again', async () => {
    const today = new Date('2026-12-03T06:00:00Z');
    const tomorrow = new Date('2026-12-04T06:00:00Z');
    for (const day of [today, tomorrow]) {
      const claimed = await atOnce(CONCURRENT, (instance) => claimToday(instance, 'race-task', day));
      expect(claimed.filter(Boolean)).toHaveLength(1);
    }
  });
});
