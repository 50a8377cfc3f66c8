/**
 * A task that runs once a day however many Strapi instances share the database, claimed the way
 * scheduled actions are (scheduling/claim.ts): one atomic statement moves the task's row to
 * today and returns it, so only the instance whose statement moved it runs the task. On
 * PostgreSQL a second instance's upsert waits for the first one's row lock and then finds the
 * row at today already; SQLite runs each statement alone.
 */
import { returnedRows } from '../utils/returned-rows';

export const DAILY_TASK_RUNS_TABLE = 'daily_task_runs';

/** One row per task: the UTC day of its last run. */
export const dailyTaskRunModel = {
  uid: 'koper-otok::daily-task-run',
  singularName: 'daily_task_run',
  tableName: DAILY_TASK_RUNS_TABLE,
  attributes: {
    id: { type: 'increments' },
    task: { type: 'string', columnName: 'task' },
    lastDay: { type: 'string', columnName: 'last_day' },
  },
  indexes: [{ name: 'daily_task_runs_task', columns: ['task'], type: 'unique' }],
};

export interface ClaimDatabase {
  connection: { raw(sql: string, bindings: unknown[]): Promise<unknown> };
}

const CLAIM_TODAY =
  `INSERT INTO ${DAILY_TASK_RUNS_TABLE} AS run (task, last_day) VALUES (?, ?) ` +
  'ON CONFLICT (task) DO UPDATE SET last_day = excluded.last_day WHERE run.last_day < excluded.last_day ' +
  'RETURNING task';

export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** True for the one caller that claims `task` for the day of `now`; false once it is claimed. */
export async function claimToday(db: ClaimDatabase, task: string, now: Date): Promise<boolean> {
  return returnedRows(await db.connection.raw(CLAIM_TODAY, [task, utcDay(now)])).length === 1;
}
