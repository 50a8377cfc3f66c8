/**
 * Proof of work without a third party: ALTCHA's challenge protocol (altcha-lib/v1, the one the
 * ALTCHA widget speaks). The browser finds the number whose SHA-256 with the challenge's salt
 * gives the challenge; the server checks it with one hash and one HMAC, keeping nothing.
 */
import { createChallenge, verifySolution, extractParams } from 'altcha-lib/v1';

export type Challenge = Awaited<ReturnType<typeof createChallenge>>;

/** Long enough to fill in the form after the page loaded its challenge. */
export const CHALLENGE_LIFETIME_MS = 30 * 60_000;

/** What the browser posts as `altcha`: base64 of the JSON payload; anything longer is not one. */
export const MAX_PAYLOAD_LENGTH = 1_000;

export function issueChallenge(secret: string, maxNumber: number, now: Date): Promise<Challenge> {
  return createChallenge({
    hmacKey: secret,
    maxNumber,
    algorithm: 'SHA-256',
    expires: new Date(now.getTime() + CHALLENGE_LIFETIME_MS),
  });
}

/**
 * A valid proof names its challenge (`proofId`): the same solved challenge posted again, however
 * its payload is encoded (key order, spaces, the number as text), has the same id, so the guard
 * can refuse it as used.
 */
export type ProofCheck = { valid: true; proofId: string; usedUntil: Date } | { valid: false };

/** When the challenge in a payload expires, or null when it carries no expiry (never one of ours). */
function expiryOf(payload: string): Date | null {
  try {
    const seconds = Number(extractParams(payload).expires);
    return Number.isSafeInteger(seconds) ? new Date(seconds * 1000) : null;
  } catch {
    return null;
  }
}

/** Checks signature, expiry and solution of a posted `altcha` payload. */
export async function checkProofOfWork(payload: string, secret: string, now: Date): Promise<ProofCheck> {
  if (payload.length > MAX_PAYLOAD_LENGTH) return { valid: false };
  const expires = expiryOf(payload);
  if (!expires || expires <= now) return { valid: false };
  const solved = await verifySolution(payload, secret, true).catch(() => false);
  if (!solved) return { valid: false };
  // verifySolution compared it with the challenge it recomputed: a signed, canonical hex digest.
  const { challenge } = JSON.parse(atob(payload)) as { challenge: string };
  return { valid: true, proofId: challenge, usedUntil: expires };
}
