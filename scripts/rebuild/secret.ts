/**
 * The shared secret between Strapi and the rebuild service. Strapi sends it in one header of
 * its rebuild webhook (cms/src/bootstrap/webhook.ts); the service compares it in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MIN_SECRET_LENGTH, REBUILD_SECRET_HEADER } from '../../cms/src/bootstrap/webhook-contract.ts';

/** Lower case, as Node presents incoming header names. */
export const SECRET_HEADER = REBUILD_SECRET_HEADER.toLowerCase();

// Hashing first gives both sides the same length, which timingSafeEqual requires, so neither
// the comparison time nor an early length check tells a caller anything about the secret.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function secretMatches(expected: string, provided: string | string[] | undefined): boolean {
  if (typeof provided !== 'string' || provided.length === 0) return false;
  return timingSafeEqual(digest(expected), digest(provided));
}

/** 32 random bytes, URL-safe: 43 characters that survive .env files and shell quoting. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Throws a helpful error unless the secret is long enough to be a real secret. */
export function assertUsableSecret(secret: string | undefined): asserts secret is string {
  if (!secret) {
    throw new Error(
      'REBUILD_WEBHOOK_SECRET is not set: the rebuild service refuses to run an unauthenticated endpoint. Generate one with `openssl rand -base64 32` and give Strapi the same value.',
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `REBUILD_WEBHOOK_SECRET is ${secret.length} characters long; use at least ${MIN_SECRET_LENGTH} (e.g. \`openssl rand -base64 32\`).`,
    );
  }
}
