// Scheduled publishing (cms/src/scheduling/): Ljubljana wall time <-> UTC across the clock
// changes, the checks on a scheduling request, and the claim statement on a real SQLite
// database. Running actions on a real Strapi, and two instances on one PostgreSQL database:
// tests/integration/scheduled-publishing.test.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { claimNextDueAction, claimStatement, type ClaimDatabase } from '../../cms/src/scheduling/claim';
import { formatLjubljana, ljubljanaToUtc, ljubljanaWallTime } from '../../cms/src/scheduling/ljubljana-time';
import { SCHEDULED_ACTIONS_TABLE } from '../../cms/src/scheduling/model';
import { MESSAGES, parseScheduleRequest } from '../../cms/src/scheduling/schedule-request';

describe('Ljubljana wall time', () => {
  it('is UTC+1 in winter and UTC+2 in summer', () => {
    expect(ljubljanaToUtc({ date: '2026-12-05', time: '14:30' })?.toISOString()).toBe('2026-12-05T13:30:00.000Z');
    expect(ljubljanaToUtc({ date: '2027-07-01', time: '09:00' })?.toISOString()).toBe('2027-07-01T07:00:00.000Z');
  });

  it('has no 02:00-02:59 on the night clocks go forward, and the first 02:30 on the night they go back', () => {
    expect(ljubljanaToUtc({ date: '2027-03-28', time: '02:30' })).toBeNull();
    expect(ljubljanaToUtc({ date: '2027-03-28', time: '03:00' })?.toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(ljubljanaToUtc({ date: '2026-10-25', time: '02:30' })?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(ljubljanaToUtc({ date: '2026-10-25', time: '03:00' })?.toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('refuses malformed and impossible dates and times', () => {
    for (const wall of [
      { date: '2026-02-30', time: '10:00' },
      { date: '2026-12-05', time: '24:00' },
      { date: '5. 12. 2026', time: '10:00' },
      { date: '2026-12-05', time: '9:00' },
    ])
      expect(ljubljanaToUtc(wall), JSON.stringify(wall)).toBeNull();
  });

  it('reads an instant back as the wall time it was written from, and shows the zone', () => {
    const wall = { date: '2027-01-31', time: '23:45' };
    expect(ljubljanaWallTime(ljubljanaToUtc(wall)!)).toEqual(wall);
    expect(formatLjubljana('2026-12-05T13:30:00Z', 'sl')).toMatch(/5\. .*2026.*14:30 \(Europe\/Ljubljana\)$/);
    expect(formatLjubljana('2026-12-05T13:30:00Z', 'en')).toMatch(/5 Dec 2026.*14:30 \(Europe\/Ljubljana\)$/);
  });
});

describe('a scheduling request', () => {
  const context = {
    contentTypes: ['api::article.article'],
    locales: ['sl', 'en'],
    now: new Date('2026-12-03T08:00:00Z'),
  };
  const valid = {
    contentType: 'api::article.article',
    documentId: 'vcxvng3qz1nr8mxmywlggkp8',
    locale: 'en',
    action: 'unpublish',
    runAt: '2026-12-03T08:01:00.000Z',
  };

  it('becomes typed values when it is complete', () => {
    expect(parseScheduleRequest(valid, context)).toEqual({
      request: { ...valid, runAt: new Date('2026-12-03T08:01:00Z') },
      problems: [],
    });
  });

  it('names every problem, in Slovenian and English', () => {
    const { problems } = parseScheduleRequest(
      { contentType: 'api::comment.comment', documentId: '', locale: 'de', action: 'delete', runAt: 'jutri' },
      context,
    );
    expect(problems).toEqual([
      { field: 'contentType', message: MESSAGES.contentType },
      { field: 'documentId', message: MESSAGES.documentId },
      { field: 'locale', message: MESSAGES.locale },
      { field: 'action', message: MESSAGES.action },
      { field: 'runAt', message: MESSAGES.runAtInvalid },
    ]);
    expect(parseScheduleRequest(null, context).problems).toHaveLength(5);
    for (const problem of problems) expect(problem.message).toMatch(/^[^/]+ \/ [^/]+$/);
  });

  it('wants a time in the future, with its zone written out', () => {
    const at = (runAt: string) => parseScheduleRequest({ ...valid, runAt }, context).problems.map((p) => p.message);
    expect(at('2026-12-03T08:00:00Z')).toEqual([MESSAGES.runAtPast]);
    expect(at('2026-12-03T09:00:00+02:00')).toEqual([MESSAGES.runAtPast]);
    expect(at('2026-12-03T09:00:01+01:00')).toEqual([]);
    expect(at('2026-12-03T10:00:00')).toEqual([MESSAGES.runAtInvalid]);
  });
});

describe('claiming due actions (SQLite)', () => {
  // knex and better-sqlite3 are Strapi's own database layer, dependencies of cms/.
  const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));
  type Knex = ClaimDatabase['connection'] & {
    (table: string): { insert(rows: object[]): Promise<unknown>; select(...columns: string[]): Promise<object[]> };
    schema: {
      createTable(name: string, build: (table: Record<string, (name: string) => unknown>) => void): Promise<void>;
    };
    destroy(): Promise<void>;
  };
  const knex = requireFromCms('knex') as (config: object) => Knex;
  const opened: Knex[] = [];
  afterEach(async () => Promise.all(opened.splice(0).map((db) => db.destroy())));

  async function databaseWith(rows: { status: string; runAt: Date }[]): Promise<ClaimDatabase> {
    const connection = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    opened.push(connection);
    await connection.schema.createTable(SCHEDULED_ACTIONS_TABLE, (table) => {
      table.increments('id');
      table.string('status');
      table.bigInteger('run_at');
      table.bigInteger('started_at');
    });
    await connection(SCHEDULED_ACTIONS_TABLE).insert(rows.map(({ status, runAt }) => ({ status, run_at: runAt })));
    return { dialect: { client: 'sqlite' }, connection };
  }

  const now = new Date('2026-12-03T08:00:00Z');
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

  it('takes each due pending action once, oldest first, and nothing else', async () => {
    const db = await databaseWith([
      { status: 'pending', runAt: now },
      { status: 'pending', runAt: minutes(1) },
      { status: 'cancelled', runAt: minutes(-1) },
      { status: 'pending', runAt: minutes(-1) },
      { status: 'failed', runAt: minutes(-5) },
      { status: 'done', runAt: minutes(-5) },
    ]);
    const claimed = [await claimNextDueAction(db, now), await claimNextDueAction(db, now)];
    expect(claimed).toEqual([4, 1]);
    expect(await claimNextDueAction(db, now)).toBeNull();
    expect(await claimNextDueAction(db, minutes(1))).toBe(2);
    expect(await claimNextDueAction(db, minutes(1))).toBeNull();
  });

  it('locks and skips rows other instances hold on PostgreSQL only', () => {
    expect(claimStatement(true)).toContain('FOR UPDATE SKIP LOCKED');
    expect(claimStatement(false)).not.toContain('FOR UPDATE');
  });
});
