/**
 * Taking due actions so that each runs exactly once, however many Strapi instances share the
 * database.
 *
 * One UPDATE moves the oldest due row from "pending" to "running" and returns its id; only the
 * instance whose UPDATE moved the row runs it. On PostgreSQL the row is chosen with
 * FOR UPDATE SKIP LOCKED, so two instances ticking at once take different rows instead of
 * waiting on each other, and the outer `status = 'pending'` is re-checked on the locked row.
 * SQLite serves one process and runs each statement atomically, so the same UPDATE without the
 * locking clause is enough there. One row at a time: instances share a burst of due actions,
 * and an instance that stops mid-way leaves at most one action interrupted.
 */
import { SCHEDULED_ACTIONS_TABLE } from './model';

/** The part of Strapi's database used here. */
export interface ClaimDatabase {
  dialect: { client: string };
  connection: { raw(sql: string, bindings: unknown[]): Promise<unknown> };
}

/** A "running" action older than this was interrupted (its instance stopped mid-way). */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

const isPostgres = (db: ClaimDatabase) => ['postgres', 'pg', 'postgresql'].includes(db.dialect.client);

export function claimStatement(postgres: boolean): string {
  const lock = postgres ? ' FOR UPDATE SKIP LOCKED' : '';
  // A scalar subquery runs once; as `id IN (...)` PostgreSQL may run it again for each row it
  // scans, and with SKIP LOCKED each run finds another row, so one UPDATE would take them all.
  return (
    `UPDATE ${SCHEDULED_ACTIONS_TABLE} SET status = 'running', started_at = ? ` +
    `WHERE status = 'pending' AND id = (SELECT id FROM ${SCHEDULED_ACTIONS_TABLE} ` +
    `WHERE status = 'pending' AND run_at <= ? ORDER BY run_at, id LIMIT 1${lock}) RETURNING id`
  );
}

// knex's raw() answers { rows } on PostgreSQL and the rows themselves on SQLite.
function returnedIds(result: unknown): number[] {
  const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return rows.map((row) => Number((row as { id: unknown }).id));
}

/** Marks the oldest action due at `now` as running and returns its id, or null when none is due. */
export async function claimNextDueAction(db: ClaimDatabase, now: Date): Promise<number | null> {
  const [id] = returnedIds(await db.connection.raw(claimStatement(isPostgres(db)), [now, now]));
  return id ?? null;
}
