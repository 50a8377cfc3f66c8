/**
 * The guard's database work, one statement each, atomic on SQLite and PostgreSQL alike (both
 * know INSERT ... ON CONFLICT ... RETURNING): counting an attempt and using a proof once.
 * Concurrent requests of several instances therefore never both pass where one may.
 */
import { returnedRows } from '../utils/returned-rows';
import { ATTEMPTS_TABLE, USED_PROOFS_TABLE } from './model';

/** The part of Strapi's database used here (knex's raw()). */
export interface GuardDatabase {
  connection: { raw(sql: string, bindings: unknown[]): Promise<unknown> };
}

// A key's window starts at its first attempt (not at a clock boundary, where a burst could
// straddle two windows); an attempt after the window ended starts a new one at 1.
const COUNT_ATTEMPT =
  `INSERT INTO ${ATTEMPTS_TABLE} AS counter (scope, key_hash, window_start, attempts) VALUES (?, ?, ?, 1) ` +
  'ON CONFLICT (scope, key_hash) DO UPDATE SET ' +
  'attempts = CASE WHEN counter.window_start <= ? THEN 1 ELSE counter.attempts + 1 END, ' +
  'window_start = CASE WHEN counter.window_start <= ? THEN excluded.window_start ELSE counter.window_start END ' +
  'RETURNING attempts';

/** Counts one attempt of a key and returns the attempts in its current window, this one included. */
export async function countAttempt(
  db: GuardDatabase,
  attempt: { scope: string; keyHash: string; windowMs: number; now: Date },
): Promise<number> {
  const now = attempt.now.getTime();
  const endedBefore = now - attempt.windowMs;
  const bindings = [attempt.scope, attempt.keyHash, now, endedBefore, endedBefore];
  const [row] = returnedRows(await db.connection.raw(COUNT_ATTEMPT, bindings));
  return Number(row?.attempts);
}

const USE_PROOF =
  `INSERT INTO ${USED_PROOFS_TABLE} (proof_hash, used_until) VALUES (?, ?) ` +
  'ON CONFLICT (proof_hash) DO NOTHING RETURNING id';

/** Records the proof as used; false when it had been used already (a replay). */
export async function useProofOnce(db: GuardDatabase, proofHash: string, usedUntil: Date): Promise<boolean> {
  return returnedRows(await db.connection.raw(USE_PROOF, [proofHash, usedUntil.getTime()])).length === 1;
}

/** Deletes the counters of windows that ended and the proofs that expired. */
export async function pruneGuardTables(db: GuardDatabase, now: Date, longestWindowMs: number): Promise<void> {
  await db.connection.raw(`DELETE FROM ${ATTEMPTS_TABLE} WHERE window_start < ?`, [now.getTime() - longestWindowMs]);
  await db.connection.raw(`DELETE FROM ${USED_PROOFS_TABLE} WHERE used_until < ?`, [now.getTime()]);
}
