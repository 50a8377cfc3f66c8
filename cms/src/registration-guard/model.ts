/**
 * The guard's two tables: internal models of Strapi's database layer (like the scheduled
 * actions), not content types, so no API, permission or admin screen sees them. Both live in
 * the database so that every Strapi instance counts and remembers the same. They hold keyed
 * hashes (keyed-hash.ts), never an address in clear, and times as milliseconds since the epoch,
 * compared by the guard's own SQL the same way on SQLite and PostgreSQL.
 */
export const ATTEMPTS_TABLE = 'registration_attempts';
export const USED_PROOFS_TABLE = 'registration_used_proofs';

/** One counter per client address or e-mail address: its current window's start and attempts. */
export const registrationAttemptModel = {
  uid: 'koper-otok::registration-attempt',
  singularName: 'registration_attempt',
  tableName: ATTEMPTS_TABLE,
  attributes: {
    id: { type: 'increments' },
    scope: { type: 'string', columnName: 'scope' },
    keyHash: { type: 'string', columnName: 'key_hash' },
    windowStart: { type: 'biginteger', columnName: 'window_start' },
    attempts: { type: 'integer', columnName: 'attempts' },
  },
  indexes: [
    { name: 'registration_attempts_key', columns: ['scope', 'key_hash'], type: 'unique' },
    { name: 'registration_attempts_window', columns: ['window_start'] },
  ],
};

/** A proof of work or ticket that was used, kept until it would have expired anyway. */
export const registrationUsedProofModel = {
  uid: 'koper-otok::registration-used-proof',
  singularName: 'registration_used_proof',
  tableName: USED_PROOFS_TABLE,
  attributes: {
    id: { type: 'increments' },
    proofHash: { type: 'string', columnName: 'proof_hash' },
    usedUntil: { type: 'biginteger', columnName: 'used_until' },
  },
  indexes: [
    { name: 'registration_used_proofs_hash', columns: ['proof_hash'], type: 'unique' },
    { name: 'registration_used_proofs_until', columns: ['used_until'] },
  ],
};
