// Retention of registrations (cms/src/registration-retention/): which registrations are due,
// and the daily run claimed once on a real SQLite database, whichever instance asks first. The
// anonymisation in a running Strapi: tests/integration/registration-abuse.test.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { registrationsToAnonymise } from '../../cms/src/registration-retention/anonymise';
import {
  claimToday,
  DAILY_TASK_RUNS_TABLE,
  type ClaimDatabase,
} from '../../cms/src/registration-retention/daily-claim';

const now = new Date('2026-12-03T10:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60_000).toISOString();

describe('registrations due for anonymisation', () => {
  const workshops = [
    { documentId: 'ended', startsAt: daysAgo(100), endsAt: daysAgo(91) },
    { documentId: 'recent', startsAt: daysAgo(95), endsAt: daysAgo(89) },
    { documentId: 'no-end', startsAt: daysAgo(91), endsAt: null },
    { documentId: 'undated', startsAt: null, endsAt: null },
    // A draft moved later than the published version: the later date counts.
    { documentId: 'moved', startsAt: daysAgo(120), endsAt: null },
    { documentId: 'moved', startsAt: daysAgo(10), endsAt: null },
    // A locale without dates next to one with them: not over until every version says so.
    { documentId: 'half-dated', startsAt: daysAgo(120), endsAt: null },
    { documentId: 'half-dated', startsAt: null, endsAt: null },
  ];
  const registration = (id: number, workshopDocumentId: string, createdAt = daysAgo(1)) => ({
    id,
    workshopDocumentId,
    createdAt,
  });

  it('are those of workshops that ended over the retention period ago, and old ones of deleted workshops', () => {
    const due = registrationsToAnonymise(
      workshops,
      [
        registration(1, 'ended'),
        registration(2, 'recent'),
        registration(3, 'no-end'),
        registration(4, 'undated', daysAgo(400)),
        registration(5, 'moved'),
        registration(6, 'half-dated'),
        registration(7, 'deleted', daysAgo(91)),
        registration(8, 'deleted', daysAgo(30)),
      ],
      { now, retentionDays: 90 },
    );
    expect(due).toEqual([1, 3, 7]);
  });

  it('follow the retention period', () => {
    expect(registrationsToAnonymise(workshops, [registration(1, 'ended')], { now, retentionDays: 92 })).toEqual([]);
    expect(registrationsToAnonymise(workshops, [registration(2, 'recent')], { now, retentionDays: 88 })).toEqual([2]);
  });
});

describe('the daily run (SQLite)', () => {
  // knex and better-sqlite3 are Strapi's own database layer, dependencies of cms/.
  const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));
  type Knex = ClaimDatabase['connection'] & { destroy(): Promise<void> };
  const knex = requireFromCms('knex') as (config: object) => Knex;
  const opened: Knex[] = [];
  afterEach(async () => Promise.all(opened.splice(0).map((db) => db.destroy())));

  // The columns and unique index of dailyTaskRunModel.
  async function database(): Promise<ClaimDatabase> {
    const connection = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    opened.push(connection);
    await connection.raw(
      `CREATE TABLE ${DAILY_TASK_RUNS_TABLE} (id INTEGER PRIMARY KEY, task TEXT, last_day TEXT)`,
      [],
    );
    await connection.raw(`CREATE UNIQUE INDEX daily_task_runs_task ON ${DAILY_TASK_RUNS_TABLE} (task)`, []);
    return { connection };
  }

  it('is claimed by one of the instances asking on a day, and again the next day', async () => {
    const db = await database();
    const later = (hours: number) => new Date(now.getTime() + hours * 60 * 60_000);
    const sameDay = await Promise.all([claimToday(db, 'retention', now), claimToday(db, 'retention', now)]);
    expect(sameDay.sort()).toEqual([false, true]);
    expect(await claimToday(db, 'retention', later(13))).toBe(false);
    expect(await claimToday(db, 'other-task', now)).toBe(true);
    expect(await claimToday(db, 'retention', later(14))).toBe(true);
    expect(await claimToday(db, 'retention', later(15))).toBe(false);
  });
});
