/**
 * Taking due actions so that each runs exactly once, however many Strapi instances share the
 * database.
 *
 * One UPDATE moves due rows from "pending" to "running" and returns the ids it moved; only the
 * instance whose UPDATE moved a row runs it. On PostgreSQL the rows are chosen with
 * FOR UPDATE SKIP LOCKED, so two instances ticking at once take disjoint rows instead of
 * waiting on each other, and the outer `status = 'pending'` is re-checked on the locked row.
 * SQLite serves one process and runs each statement atomically, so the same UPDATE without the
 * locking clause is enough there.
 */
import { SCHEDULED_ACTIONS_TABLE } from './model';

/** The part of Strapi's database used here. */
export interface ClaimDatabase {
  dialect: { client: string };
  connection: { raw(sql: string, bindings: unknown[]): Promise<unknown> };
}

/** At most this many actions per tick and instance; the rest wait for the next tick. */
export const CLAIM_BATCH = 20;

/** A "running" action older than this was interrupted (its instance stopped mid-way). */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

const isPostgres = (db: ClaimDatabase) => ['postgres', 'pg', 'postgresql'].includes(db.dialect.client);

export function claimStatement(postgres: boolean): string {
  const lock = postgres ? ' FOR UPDATE SKIP LOCKED' : '';
  return (
    `UPDATE ${SCHEDULED_ACTIONS_TABLE} SET status = 'running', started_at = ? ` +
    `WHERE status = 'pending' AND id IN (SELECT id FROM ${SCHEDULED_ACTIONS_TABLE} ` +
    `WHERE status = 'pending' AND run_at <= ? ORDER BY run_at, id LIMIT ?${lock}) RETURNING id`
  );
}

// knex's raw() answers { rows } on PostgreSQL and the rows themselves on SQLite.
function returnedIds(result: unknown): number[] {
  const rows = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return rows.map((row) => Number((row as { id: unknown }).id));
}

/** Marks up to CLAIM_BATCH actions due at `now` as running and returns their ids. */
export async function claimDueActions(db: ClaimDatabase, now: Date): Promise<number[]> {
  const result = await db.connection.raw(claimStatement(isPostgres(db)), [now, now, CLAIM_BATCH]);
  return returnedIds(result);
}
